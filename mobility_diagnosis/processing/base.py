"""What every algorithm of the provider shares: its group, its help URL, a fresh instance of the
same class for each run (Processing needs one per execution), and around each run (``guarded``): GDAL
exceptions on (``gdal_mode``), SIGTERM/SIGINT turned into a clean stop (``leftovers``), and a fault of the
disk reported as its message (``storage``)."""

import functools

from qgis.core import QgsProcessingAlgorithm, QgsProcessingException

from ..core.themes import themes
from ..i18n import tr, ui_language
from ..qgis_io.gdal_mode import gdal_exceptions
from ..qgis_io.leftovers import Interrupted, interruptible
from ..qgis_io.storage import StorageError
from .help import help_url


def theme_options() -> list[str]:
    """The THEMES enum options of ``diagnose`` and ``diagnosemany``: the registry's themes, in its order
    (the enum positions INTERFACE.md promises), titled in the UI's language."""
    lang = ui_language()
    return [t.text("title", lang) for t in themes()]


def chosen_themes(alg: QgsProcessingAlgorithm, parameters, name: str, context) -> list[str]:
    """The theme ids chosen in a THEMES enum parameter, in registry order."""
    rows = themes()
    return [rows[i].id for i in sorted(alg.parameterAsEnums(parameters, name, context))]


def guarded(process_algorithm):
    """Wrap a ``processAlgorithm``: see the module's docstring."""

    @functools.wraps(process_algorithm)
    def run(self, parameters, context, feedback):
        try:
            with gdal_exceptions(), interruptible(feedback):
                return process_algorithm(self, parameters, context, feedback)
        except StorageError as exc:
            raise QgsProcessingException(str(exc)) from exc
        except Interrupted as exc:
            raise QgsProcessingException(
                tr(
                    "Cancelled (signal {}): nothing was written, the previous output was left as it was."
                ).format(exc.signum)
            ) from None

    run.guarded = True
    return run


class MobilityAlgorithm(QgsProcessingAlgorithm):
    group_id = "diagnosis"

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        process = cls.__dict__.get("processAlgorithm")
        if process is not None and not getattr(process, "guarded", False):
            cls.processAlgorithm = guarded(process)

    def group(self):
        # literal tr() calls, so that the translation tools find the group names
        return {"data": tr("Data"), "themes": tr("Themes"), "diagnosis": tr("Diagnosis")}[self.group_id]

    def groupId(self):
        return self.group_id

    def helpUrl(self):
        return help_url(self.name())

    def createInstance(self):
        return type(self)()
