"""What every algorithm of the provider shares: its group, its help URL, and a fresh instance of the
same class for each run (Processing needs one per execution)."""

from qgis.core import QgsProcessingAlgorithm

from ..core.themes import themes
from ..i18n import tr, ui_language
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


class MobilityAlgorithm(QgsProcessingAlgorithm):
    group_id = "diagnosis"

    def group(self):
        # literal tr() calls, so that the translation tools find the group names
        return {"data": tr("Data"), "themes": tr("Themes"), "diagnosis": tr("Diagnosis")}[self.group_id]

    def groupId(self):
        return self.group_id

    def helpUrl(self):
        return help_url(self.name())

    def createInstance(self):
        return type(self)()
