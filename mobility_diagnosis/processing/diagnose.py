"""``mobilitydiagnosis:diagnose``: the whole job in one step — fetch the territory, run every available
theme into ``diagnosis.gpkg``, make the report and the shareable package in ``OUTPUT_FOLDER``.

One progress bar over every step, cancellable between and within steps. The package is built in a
temporary sibling folder and renamed into place at the end; the territory GeoPackage and the themes' own
GeoPackages are temporary files in another sibling folder, removed at the end (run ``fetchterritory`` to
keep a territory). Two themes are computed at once (``theme_runner``).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile

from qgis.core import (
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingMultiStepFeedback,
    QgsProcessingOutputFile,
    QgsProcessingOutputString,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFile,
    QgsProcessingParameterFolderDestination,
)

from ..i18n import language_override, tr
from ..qgis_io.atomic import sqlite_unsynced
from ..qgis_io.diagnosis_gpkg import DiagnosisFileError, merge_themes, write_theme
from ..qgis_io.gtfs_online import is_online
from ..qgis_io.package import PackageCancelled, PackageDraft, check_output_folder, staging_folder
from ..qgis_io.package_gpkg import PackageError
from ..qgis_io.report_maps import ReportMaps
from ..qgis_io.territory_gpkg import TerritoryFileError, open_territory, shared_reads
from .base import MobilityAlgorithm
from .export_package import (
    add_package_parameters,
    build_package_in,
    cancel_message,
    report_language,
    report_made,
    run_child,
    theme_algorithm,
)
from .fetch_territory import add_territory_parameters, run_fetch, territory_help
from .theme_runner import ThemeHelper, ThemeJob, ThemeOutcome, ThemesCancelled, helper_wanted, run_themes

THEMES = ("cycling", "accessibility", "parking", "schools")
THEME_NAMES = ("Cycling", "Accessibility", "Parking", "Schools")
# Extra parameters diagnose hands to a theme, when the theme algorithm has them:
# (theme parameter, value source) with value source a diagnose parameter or a package file name.
THEME_FILES = {
    "cycling": {"BNAC": "amenagements_cyclables.geojson"},
    "parking": {"CSV_OUTPUT": "stationnement_cyclable.csv"},
}
# Beside the output folder, never inside the package: the temporary territory GeoPackage and one GeoPackage
# per theme (merged into diagnosis.gpkg), removed at the end whatever happens.
# Report maps drawn only once every theme is in: the cycling map (and cover), a third of a second of drawing
# that would slow the themes still computing on both cores, drawn instead on the core the package's last
# steps leave free (the project is stored meanwhile).
LATE_MAPS = ("cycling",)
WORK_PREFIX = ".md-work-"
TERRITORY_FILE = "territory.gpkg"
THEME_FOLDER = "themes"


class DiagnoseAlgorithm(MobilityAlgorithm):
    GTFS = "GTFS"
    TERRITORY_GPKG = "TERRITORY_GPKG"
    THEMES = "THEMES"
    PARALLEL = "PARALLEL"
    OUTPUT_FOLDER = "OUTPUT_FOLDER"

    def name(self):
        return "diagnose"

    def displayName(self):
        return tr("Diagnose a territory (whole job)")

    def shortHelpString(self):
        return (
            tr(
                "The whole diagnosis in one step: fetches the territory's OpenStreetMap data (a local OSM file works "
                "offline), runs every theme available (cycling, accessibility, parking, schools; choose them in "
                "THEMES), then writes the shareable package in OUTPUT_FOLDER: diagnosis.gpkg (styles, metadata and "
                "the QGIS project inside), report.pdf, indicators.csv, the national-schema files, datapackage.json, "
                "README.md and LICENSE. The report and package texts are in French unless REPORT_LANGUAGE says "
                "English; so are the labels and reasons the themes write. A non-empty OUTPUT_FOLDER is refused "
                "unless OVERWRITE; the package is built aside and swapped in at the end, so a failure or a cancel "
                "leaves the previous folder as it was. The territory GeoPackage is temporary: run “Fetch territory "
                "data” to keep one."
            )
            + "\n\n"
            + territory_help()
        )

    def initAlgorithm(self, config=None):
        add_territory_parameters(self)
        self.addParameter(
            QgsProcessingParameterFile(
                self.TERRITORY_GPKG,
                tr("Territory GeoPackage already fetched (used instead of TERRITORY/OSM_FILE when given)"),
                behavior=QgsProcessingParameterFile.File,
                extension="gpkg",
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFile(
                self.GTFS,
                tr("GTFS timetable (zip, or “online” for a French commune), for the accessibility theme"),
                behavior=QgsProcessingParameterFile.File,
                fileFilter="GTFS (*.zip)",
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.THEMES,
                tr("Themes (those not installed in this version are skipped with a warning)"),
                [tr(n) for n in THEME_NAMES],
                True,
                list(range(len(THEMES))),
            )
        )
        add_package_parameters(self)
        parallel = QgsProcessingParameterBoolean(
            self.PARALLEL,
            tr("Compute two themes at once in a helper process (when the computer has two cores or more)"),
            True,
        )
        parallel.setFlags(parallel.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
        self.addParameter(parallel)
        self.addParameter(QgsProcessingParameterFolderDestination(self.OUTPUT_FOLDER, tr("Package folder")))
        self.addOutput(QgsProcessingOutputFile("DIAGNOSIS", tr("Diagnosis GeoPackage")))
        self.addOutput(QgsProcessingOutputFile("REPORT", tr("Report (PDF)")))
        self.addOutput(QgsProcessingOutputString("THEMES_RUN", tr("Themes computed")))

    def checkParameterValues(self, parameters, context):
        """GTFS also takes the word 'online', passed on to the accessibility theme (QGIS wants a .zip path)."""
        if is_online(str(parameters.get(self.GTFS) or "")):
            parameters = {**parameters, self.GTFS: None}
        return super().checkParameterValues(parameters, context)

    def processAlgorithm(self, parameters, context, feedback):
        folder = self.parameterAsFileOutput(parameters, self.OUTPUT_FOLDER, context)
        lang = report_language(self, parameters, context)
        overwrite = self.parameterAsBoolean(parameters, "OVERWRITE", context)
        chosen = [THEMES[i] for i in self.parameterAsEnums(parameters, self.THEMES, context)]
        available = []
        for theme in chosen:
            if theme_algorithm(f"mobilitydiagnosis:{theme}") is None:
                feedback.pushWarning(
                    tr("The {} theme is not available in this version of the plugin: skipped.").format(theme)
                )
            else:
                available.append(theme)
        steps = QgsProcessingMultiStepFeedback(len(available) + 2, feedback)
        try:
            check_output_folder(folder, overwrite)
        except PackageError as exc:
            raise QgsProcessingException(str(exc)) from exc
        parallel = self.parameterAsBoolean(parameters, self.PARALLEL, context)
        online = is_online(self._gtfs_text(parameters))
        gtfs = "" if online else self.parameterAsFile(parameters, self.GTFS, context)
        # started first: it gets QGIS ready while this process fetches the data
        helper = ThemeHelper.start(lang) if helper_wanted(len(available), parallel) else None
        warmed = helper is not None and "accessibility" in available and bool(gtfs) and os.path.isfile(gtfs)
        if warmed:  # the helper reads the feed while this process fetches the OSM data
            helper.warm_up(gtfs, lang)
        done, failed = [], []
        with language_override(lang):
            try:
                with staging_folder(folder) as staging, work_folder(folder) as work:
                    diagnosis = os.path.join(staging, "diagnosis.gpkg")
                    territory = os.path.join(work, TERRITORY_FILE)
                    prepared = self.parameterAsFile(parameters, self.TERRITORY_GPKG, context)
                    if prepared:
                        feedback.pushInfo(tr("Step 1: using the territory GeoPackage {} …").format(prepared))
                        territory = prepared
                    else:
                        feedback.pushInfo(tr("Step 1: fetching the territory …"))
                        with sqlite_unsynced():  # a temporary file: no disk sync per commit
                            run_fetch(self, parameters, context, steps, territory)
                    self._check(feedback)
                    theme_folder = os.path.join(work, THEME_FOLDER)
                    os.makedirs(theme_folder, exist_ok=True)
                    jobs = [
                        ThemeJob(
                            theme,
                            self._theme_parameters(
                                theme,
                                parameters,
                                context,
                                territory,
                                os.path.join(theme_folder, f"{theme}.gpkg"),
                                staging,
                            ),
                        )  # fmt: skip
                        for theme in available
                    ]
                    for job in jobs:
                        job.pinned = is_online(str(job.params.get("GTFS") or ""))
                        job.at_helper = warmed and job.theme == "accessibility"

                    def run_here(job: ThemeJob):
                        steps.setCurrentStep(1 + len(done) + len(failed))
                        step = 2 + len(done) + len(failed)
                        feedback.pushInfo(tr("Step {}: {} …").format(step, job.theme))
                        try:
                            run_child(f"mobilitydiagnosis:{job.theme}", job.params, context, steps)
                        except QgsProcessingException as exc:
                            self._check(feedback)
                            return str(exc)
                        return None

                    # the report's maps draw in QGIS's threads as soon as each theme is written, and the
                    # project's layers and report pages are begun as soon as it is merged
                    maps = ReportMaps(theme_folder, late=LATE_MAPS)
                    draft = PackageDraft(diagnosis, lang, available)

                    def on_outcome(outcome: ThemeOutcome):
                        for level, text in outcome.messages:
                            relay(feedback, level, f"[{outcome.theme}] {text}")
                        if outcome.error is None:
                            done.append(outcome.theme)
                            theme_file = os.path.join(theme_folder, f"{outcome.theme}.gpkg")
                            maps.add_theme(outcome.theme, theme_file)
                            # merged now, while the other process may still compute: the layer blocks of
                            # diagnosis.gpkg follow the order the themes ended in, nothing else depends on it
                            try:  # in place: the package is built aside and dropped whole on failure
                                merge_themes(diagnosis, [(outcome.theme, theme_file)], in_place=True)
                            except DiagnosisFileError as exc:
                                raise PackageError(str(exc)) from exc
                            draft.add_theme(outcome.theme)
                            if outcome.where == "helper":
                                feedback.pushInfo(
                                    tr("The {} theme was computed in the helper process.").format(
                                        outcome.theme
                                    )
                                )
                        else:
                            failed.append(outcome.theme)
                            feedback.reportError(
                                tr("The {} theme failed and is left out of the package: {}").format(
                                    outcome.theme, outcome.error
                                )
                            )
                        steps.setCurrentStep(1 + len(done) + len(failed))

                    try:  # the renders read the theme files: stop them before the folder goes
                        try:
                            with shared_reads():  # the themes computed here read the territory once
                                run_themes(jobs, run_here, helper, lang, feedback, on_outcome)
                        except ThemesCancelled as exc:
                            raise PackageCancelled() from exc
                        finally:
                            helper = None  # run_themes stopped it
                        self._check(feedback)
                        done.sort(key=available.index)
                        maps.complete()
                        if not done:  # no theme: the package still has the territory and its about rows
                            write_territory_layer(territory, diagnosis)
                        steps.setCurrentStep(len(available) + 1)
                        if available and not done:
                            raise PackageError(
                                "No theme could be computed, so there is nothing to package. Read the messages above, "
                                "or choose other themes."
                            )
                        feedback.pushInfo(tr("Last step: the shareable package …"))
                        result = build_package_in(
                            staging, diagnosis, lang, steps, report_maps=maps, draft=draft
                        )
                    finally:
                        maps.cancel()  # a no-op once the pictures were taken
                        draft.clear()  # before the folder goes: QGIS holds the GeoPackage open
            except PackageCancelled as exc:
                raise QgsProcessingException(cancel_message()) from exc
            except PackageError as exc:
                raise QgsProcessingException(str(exc)) from exc
            except QgsProcessingException:
                if feedback.isCanceled():
                    raise QgsProcessingException(cancel_message()) from None
                raise
            finally:
                if helper is not None:  # the fetch failed or was cancelled before the themes
                    helper.stop(kill=True)
        report_made(folder, result, feedback)
        if failed:
            feedback.pushWarning(tr("Themes left out because they failed: {}").format(", ".join(failed)))
        final = os.path.join(folder, "diagnosis.gpkg")
        for layer in [f for f in _spatial_layers(final) if f != "territory"]:
            uri = f"{final}|layername={layer}"
            context.addLayerToLoadOnCompletion(
                uri, QgsProcessingContext.LayerDetails(layer, context.project(), layer)
            )
        return {
            self.OUTPUT_FOLDER: folder,
            "DIAGNOSIS": final,
            "REPORT": os.path.join(folder, "report.pdf"),
            "THEMES_RUN": ",".join(done),
        }

    def _theme_parameters(self, theme, parameters, context, territory, output, staging) -> dict:
        alg = theme_algorithm(f"mobilitydiagnosis:{theme}")
        params = {"INPUT": territory, "OUTPUT": output}
        for name, file_name in THEME_FILES.get(theme, {}).items():
            if alg.parameterDefinition(name) is not None:
                params[name] = os.path.join(staging, file_name)
        raw = str(parameters.get(self.GTFS) or "")
        gtfs = raw if is_online(raw) else self.parameterAsFile(parameters, self.GTFS, context)
        if gtfs and alg.parameterDefinition("GTFS") is not None:
            params["GTFS"] = gtfs
        return params

    def _gtfs_text(self, parameters) -> str:
        return str(parameters.get(self.GTFS) or "")

    @staticmethod
    def _check(feedback) -> None:
        if feedback.isCanceled():
            raise PackageCancelled()


@contextlib.contextmanager
def work_folder(output_folder: str):
    """A temporary folder beside ``output_folder`` (same disk), removed at the end whatever happens."""
    parent = os.path.dirname(os.path.abspath(output_folder)) or "."
    work = tempfile.mkdtemp(prefix=WORK_PREFIX, dir=parent)
    try:
        yield work
    finally:
        shutil.rmtree(work, ignore_errors=True)


def relay(feedback, level: str, text: str) -> None:
    """A message from the helper process, shown as it would have been here."""
    {"warning": feedback.pushWarning, "error": feedback.reportError}.get(level, feedback.pushInfo)(text)


def write_territory_layer(territory_path: str, diagnosis_path: str) -> None:
    """The territory outline and its ``about`` rows first, so the package has them whatever themes run."""
    try:
        territory = open_territory(territory_path, ())
    except TerritoryFileError as exc:
        raise PackageError(str(exc)) from exc
    about = dict(territory.about)
    row = (
        territory.territory_geometry,
        {"code": territory.code, "name": territory.name, "population": territory.population},
    )
    write_theme(diagnosis_path, "territory", [], [], territory.crs_wkt, about=about, territory=row)


def _spatial_layers(path: str) -> list[str]:
    from osgeo import ogr

    ds = ogr.Open(path)
    if ds is None:
        return []
    names = [
        ds.GetLayer(i).GetName()
        for i in range(ds.GetLayerCount())
        if ds.GetLayer(i).GetGeomType() != ogr.wkbNone
    ]
    ds = None
    return names
