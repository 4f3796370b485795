"""``mobilitydiagnosis:diagnose``: the whole job in one step — fetch the territory, run the chosen
themes (core.themes) into ``diagnosis.gpkg``, make the report and the shareable package in ``OUTPUT_FOLDER``.

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

from ..core import sources as cs
from ..core.fetch_errors import Cancelled
from ..core.gtfs import is_feed_folder
from ..core.storage import MARGIN_BYTES, diagnose_need
from ..core.themes import theme, themes
from ..i18n import language_override, tr, user_language
from ..qgis_io.atomic import sqlite_unsynced
from ..qgis_io.cancel import is_cancelled
from ..qgis_io.export.package import PackageCancelled, PackageDraft, check_output_folder, staging_folder
from ..qgis_io.export.package_gpkg import PackageError
from ..qgis_io.export.report_maps import ReportMaps
from ..qgis_io.gdal_mode import open_or_none
from ..qgis_io.gpkg.diagnosis import DiagnosisFileError, merge_themes, write_about, write_theme
from ..qgis_io.gpkg.territory import TerritoryFileError, open_territory, shared_reads
from ..qgis_io.leftovers import owned_prefix, remove_stale
from ..qgis_io.net import http
from ..qgis_io.settings import auto_timeout_s, sources_offline, speed_overrides_for_run
from ..qgis_io.sources.gtfs_online import is_online
from ..qgis_io.sources.resolve import (
    Resolved,
    log_statuses,
    osm_status,
    read_kit,
    resolve_sources,
    theme_time_limit,
    theme_values,
)
from ..qgis_io.storage import check_folder
from .algorithms import source_url_parameters, source_urls, theme_input_parameters
from .base import MobilityAlgorithm, chosen_themes, theme_options
from .export_package import (
    add_package_parameters,
    build_package_in,
    cancel_message,
    report_author,
    report_language,
    report_made,
    run_child,
)
from .fetch_territory import add_territory_parameters, run_fetch, territory_help
from .theme_runner import (
    RunSettings,
    ThemeHelper,
    ThemeJob,
    ThemeOutcome,
    ThemesCancelled,
    helper_wanted,
    run_themes,
    stays_here,
)

# The themes, their order, the parameters they are handed and their report maps are the registry's
# (core.themes). Beside the output folder, never inside the package: the temporary territory GeoPackage and
# one GeoPackage per theme (merged into diagnosis.gpkg), removed at the end whatever happens.
WORK_PREFIX = ".md-work"  # the pid mark (qgis_io.leftovers) adds "-md<pid>-"
TERRITORY_FILE = "territory.gpkg"
THEME_FOLDER = "themes"


class DiagnoseAlgorithm(MobilityAlgorithm):
    GTFS = "GTFS"
    CARPOOL = "CARPOOL"
    SOURCES = "SOURCES"
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
                "offline), runs the themes chosen in THEMES, then writes the shareable package in "
                "OUTPUT_FOLDER: diagnosis.gpkg (styles, metadata and the QGIS project inside), report.pdf, "
                "indicators.csv, the national-schema files, datapackage.json, "
                "README.md and LICENSE. The report and package texts are in French unless REPORT_LANGUAGE says "
                "English; so are the labels and reasons the themes write. A non-empty OUTPUT_FOLDER is refused "
                "unless OVERWRITE; the package is built aside and swapped in at the end, so a failure or a cancel "
                "leaves the previous folder as it was. The territory GeoPackage is temporary: run “Fetch territory "
                "data” to keep one. Sources (GTFS, SCHOOLS_DIRECTORY, CARPOOL, ACCESLIBRE, POPULATION, CENSUS, FLOWS, "
                "COMMUNES, CARPOOL_TRIPS, CRASHES): a file each "
                "takes precedence; without one, SOURCES says whether they are fetched online (by default for a "
                "French commune, unless the plugin is set to work offline); a TERRITORY_GPKG inside an offline kit "
                "(“Prepare an offline kit”) brings its sources, with no network. Each source's status is in the "
                "log, datapackage.json and README.md; a missing or failed source never fails the run."
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
                behavior=QgsProcessingParameterFile.Behavior.File,
                extension="gpkg",
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFile(
                self.GTFS,
                tr("GTFS timetable (zip, or “online” for a French commune), for the accessibility theme"),
                behavior=QgsProcessingParameterFile.Behavior.File,
                fileFilter="GTFS (*.zip)",
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFile(
                self.CARPOOL,
                tr(
                    "Carpool areas: the national base (BNLC) GeoJSON, or “online” (French communes), for parking"
                ),
                behavior=QgsProcessingParameterFile.Behavior.File,
                fileFilter="GeoJSON (*.geojson *.json)",
                optional=True,
            )
        )
        for definition in theme_input_parameters(skip=(self.GTFS, self.CARPOOL)):
            self.addParameter(definition)
        self.addParameter(
            QgsProcessingParameterEnum(
                self.SOURCES,
                tr("Sources without a file"),
                [
                    tr("Online where they apply (French commune), unless the plugin is set to work offline"),
                    tr("Online where they apply (French commune)"),
                    tr("Offline: files only"),
                ],
                False,
                0,
            )
        )
        for definition in source_url_parameters():
            self.addParameter(definition)
        self.addParameter(
            QgsProcessingParameterEnum(
                self.THEMES,
                tr("Themes"),
                theme_options(),
                True,
                list(range(len(themes()))),
            )
        )
        add_package_parameters(self)
        parallel = QgsProcessingParameterBoolean(
            self.PARALLEL,
            tr("Compute two themes at once in a helper process (when the computer has two cores or more)"),
            True,
        )
        parallel.setFlags(parallel.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
        self.addParameter(parallel)
        self.addParameter(QgsProcessingParameterFolderDestination(self.OUTPUT_FOLDER, tr("Package folder")))
        self.addOutput(QgsProcessingOutputFile("DIAGNOSIS", tr("Diagnosis GeoPackage")))
        self.addOutput(QgsProcessingOutputFile("REPORT", tr("Report (PDF)")))
        self.addOutput(QgsProcessingOutputString("THEMES_RUN", tr("Themes computed")))

    def checkParameterValues(self, parameters, context):
        """The inputs that may be fetched (GTFS, the registry rows' ``online_inputs``) also take the word
        'online', passed on to their theme (QGIS would want a file)."""
        names = {self.GTFS, *(name for row in themes() for name in row.online_inputs)}
        online = {name: None for name in names if cs.is_online_word(str(parameters.get(name) or ""))}
        if is_feed_folder(str(parameters.get(self.GTFS) or "")):  # several feeds: every zip of the folder
            online[self.GTFS] = None
        return super().checkParameterValues({**parameters, **online}, context)

    def processAlgorithm(self, parameters, context, feedback):
        folder = self.parameterAsFileOutput(parameters, self.OUTPUT_FOLDER, context)
        lang = report_language(self, parameters, context)
        overwrite = self.parameterAsBoolean(parameters, "OVERWRITE", context)
        available = chosen_themes(self, parameters, self.THEMES, context)
        steps = QgsProcessingMultiStepFeedback(len(available) + 2, feedback)
        try:
            check_output_folder(folder, overwrite)
        except PackageError as exc:
            raise QgsProcessingException(str(exc)) from exc
        need = diagnose_need(self._territory_bytes(parameters, context))
        ui_lang = user_language()  # the user's, not the report's: a message to read now
        check_folder(os.path.dirname(os.path.abspath(folder)), need, ui_lang)  # before any long work
        parallel = self.parameterAsBoolean(parameters, self.PARALLEL, context)
        online = is_online(self._gtfs_text(parameters))
        gtfs = "" if online else self.parameterAsFile(parameters, self.GTFS, context)
        # started first: it gets QGIS ready while this process fetches the data
        settings = RunSettings(lang, speed_overrides_for_run())  # what the themes read, wherever they run
        helper = ThemeHelper.start(feedback) if helper_wanted(len(available), parallel) else None
        # the theme that reads the GTFS feed: the helper reads it while this process fetches the OSM data
        gtfs_theme = next((t for t in available if "GTFS" in theme(t).inputs), None)
        warmed = helper is not None and gtfs_theme is not None and bool(gtfs) and os.path.isfile(gtfs)
        if warmed:
            helper.warm_up(gtfs, settings)
        done, failed, errors = [], [], []
        with language_override(lang):
            try:
                with staging_folder(folder, need, ui_lang) as staging, work_folder(folder) as work:
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
                    resolved = self._sources(
                        parameters, context, available, territory, prepared, work, feedback, lang
                    )
                    theme_folder = os.path.join(work, THEME_FOLDER)
                    os.makedirs(theme_folder, exist_ok=True)
                    jobs = [
                        ThemeJob(
                            theme_id,
                            self._theme_parameters(
                                theme_id,
                                parameters,
                                context,
                                territory,
                                os.path.join(theme_folder, f"{theme_id}.gpkg"),
                                staging,
                                resolved,
                            ),
                        )  # fmt: skip
                        for theme_id in available
                    ]
                    for job in jobs:
                        job.pinned = stays_here(theme(job.theme), job.params)
                        job.at_helper = warmed and job.theme == gtfs_theme

                    def run_here(job: ThemeJob):
                        steps.setCurrentStep(1 + len(done) + len(failed))
                        step = 2 + len(done) + len(failed)
                        feedback.pushInfo(tr("Step {}: {} …").format(step, job.theme))
                        try:  # a source it fetches itself, only tried (auto): no long wait either
                            with http.time_limit(theme_time_limit(job.theme, resolved)):
                                run_child(theme(job.theme).algorithm_id, job.params, context, steps)
                        except QgsProcessingException as exc:
                            self._check(feedback)
                            return str(exc)
                        return None

                    # the report's maps draw in QGIS's threads as soon as each theme is written, and the
                    # project's layers and report pages are begun as soon as it is merged
                    maps = ReportMaps(
                        theme_folder, late=[t for t in available if theme(t).late_map], background=territory
                    )
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
                            errors.append(outcome.error)
                            feedback.reportError(
                                tr("The {} theme failed and is left out of the package: {}").format(
                                    outcome.theme, outcome.error
                                )
                            )
                        steps.setCurrentStep(1 + len(done) + len(failed))

                    try:  # the renders read the theme files: stop them before the folder goes
                        try:
                            with shared_reads():  # the themes computed here read the territory once
                                run_themes(jobs, run_here, helper, settings, feedback, on_outcome)
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
                            check_folder(work, MARGIN_BYTES, ui_lang)  # a full disk is the cause to name
                            cause = f" ({errors[0]})" if errors else ""
                            raise PackageError(
                                f"No theme could be computed, so there is nothing to package{cause}. Read the "
                                "messages above, or choose other themes."
                            )
                        write_about(diagnosis, {cs.ABOUT_KEY: cs.statuses_json(
                            [s for item in resolved.values() for s in item.statuses])})  # fmt: skip
                        feedback.pushInfo(tr("Last step: the shareable package …"))
                        result = build_package_in(
                            staging,
                            diagnosis,
                            lang,
                            steps,
                            report_maps=maps,
                            draft=draft,
                            author=report_author(self, parameters, context),
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

    def _sources(self, parameters, context, available, territory, prepared, work, feedback, lang) -> dict:
        """Every source the chosen themes read, had now (core.sources.decide): a user's file, an offline
        kit's file (TERRITORY_GPKG inside a kit: no network), else online when the SOURCES mode allows it
        and the territory is one the source covers. Never fails: each source ends with a status, logged
        here and written into the package."""
        asked = cs.MODES[self.parameterAsEnum(parameters, self.SOURCES, context)]
        mode = cs.online_allowed(asked, sources_offline())
        brief = auto_timeout_s() if asked == cs.MODE_AUTO else None  # auto: sources tried, not waited for
        kit = read_kit(prepared) if prepared else None
        if kit is not None:
            mode = cs.MODE_OFFLINE
            feedback.pushInfo(tr("Offline kit: the sources come from {}").format(kit.folder))
        values = {
            row.parameter: self._source_value(parameters, row.parameter, context)
            for row in cs.sources()
            if row.parameter and self.parameterDefinition(row.parameter) is not None
        }
        urls = source_urls(self, parameters, context)
        try:
            opened = open_territory(territory, ())
        except TerritoryFileError as exc:
            raise PackageError(str(exc)) from exc
        code = opened.code
        folder = os.path.join(work, "sources")
        os.makedirs(folder, exist_ok=True)
        try:
            resolved = resolve_sources(available, values, urls, code, mode, folder, feedback, lang, kit,
                                       auto_timeout_s=brief)  # fmt: skip
        except Cancelled as exc:
            raise PackageCancelled() from exc
        resolved = {"osm": Resolved(osm_status(dict(opened.about), kit)), **resolved}
        log_statuses([s for item in resolved.values() for s in item.statuses], feedback, lang)
        return resolved

    def _source_value(self, parameters, name, context) -> str:
        raw = str(parameters.get(name) or "")
        if cs.is_online_word(raw):
            return cs.ONLINE
        if isinstance(self.parameterDefinition(name), QgsProcessingParameterFile):
            return self.parameterAsFile(parameters, name, context) or ""
        return self.parameterAsString(parameters, name, context) or ""

    def _theme_parameters(self, theme_id, parameters, context, territory, output, staging, resolved) -> dict:
        """The theme's INPUT and OUTPUT, its national files written straight into the package, the
        diagnose parameters it takes (its registry row says which) and the files of its sources."""
        row = theme(theme_id)
        params = {"INPUT": territory, "OUTPUT": output}
        for national in row.national_files:
            params[national.parameter] = os.path.join(staging, national.file_name)
        mine = {sid: item for sid, item in resolved.items() if theme_id in cs.themes_of(cs.source(sid))}
        params.update(theme_values(mine))
        for name in row.inputs:
            if cs.by_parameter(name) is not None:
                continue  # a source: had above
            raw = str(parameters.get(name) or "")
            if is_online(raw):
                value = raw
            elif isinstance(self.parameterDefinition(name), QgsProcessingParameterFile):
                value = self.parameterAsFile(parameters, name, context)
            else:
                value = self.parameterAsString(parameters, name, context)
            if value:
                params[name] = value
        return params

    def _territory_bytes(self, parameters, context) -> int:
        """The territory GeoPackage's size when given; 0 when it is to be fetched (an OSM file may cover a
        whole region: the fetch checks the room itself once it knows the territory's area)."""
        prepared = self.parameterAsFile(parameters, self.TERRITORY_GPKG, context)
        return os.path.getsize(prepared) if prepared and os.path.isfile(prepared) else 0

    def _gtfs_text(self, parameters) -> str:
        return str(parameters.get(self.GTFS) or "")

    @staticmethod
    def _check(feedback) -> None:
        if is_cancelled(feedback):
            raise PackageCancelled()


@contextlib.contextmanager
def work_folder(output_folder: str):
    """A temporary folder beside ``output_folder`` (same disk), removed at the end whatever happens (a
    SIGTERM included, ``leftovers.interruptible``); the one of a run that was killed is removed by the next
    run."""
    parent = os.path.dirname(os.path.abspath(output_folder)) or "."
    remove_stale(parent, WORK_PREFIX)
    work = tempfile.mkdtemp(prefix=owned_prefix(WORK_PREFIX), dir=parent)
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

    ds = open_or_none(path)
    if ds is None:
        return []
    names = [
        ds.GetLayer(i).GetName()
        for i in range(ds.GetLayerCount())
        if ds.GetLayer(i).GetGeomType() != ogr.wkbNone
    ]
    ds = None
    return names
