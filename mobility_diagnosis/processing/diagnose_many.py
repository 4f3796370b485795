"""``mobilitydiagnosis:diagnosemany``: the whole diagnosis for many territories (a list of communes, a
département, an EPCI, or a layer), with one data read, parallel runs and a comparison table."""

from __future__ import annotations

import os

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingOutputFile,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFile,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ..batch.fetch import ManyFetchError
from ..batch.run import ManyOptions, run_many, territory_specs
from ..batch.runner import DaskMissing
from ..core.fetch_errors import FetchError as DownloadError
from ..core.many import TerritoriesError, TerritorySpec
from ..core.territory import INSEE_RE
from ..core.themes import themes
from ..i18n import tr, user_language
from ..qgis_io.gpkg.territory import Territory
from ..qgis_io.osm.osm_file import OsmFileError
from ..qgis_io.osm.territory_resolver import CODE_FIELDS, NAME_FIELDS, commune_index
from .base import MobilityAlgorithm, chosen_themes, theme_options
from .fetch_territory import OSM_FILE_FILTER, _default_overpass_url


class DiagnoseManyAlgorithm(MobilityAlgorithm):
    TERRITORIES = "TERRITORIES"
    TERRITORY_LAYER = "TERRITORY_LAYER"
    OSM_FILE = "OSM_FILE"
    OVERPASS_URL = "OVERPASS_URL"
    WORKERS = "WORKERS"
    DASK_SCHEDULER = "DASK_SCHEDULER"
    GTFS = "GTFS"
    THEMES = "THEMES"
    BUFFER = "BUFFER"
    RERUN = "RERUN"
    OUTPUT_FOLDER = "OUTPUT_FOLDER"

    def name(self):
        return "diagnosemany"

    def displayName(self):
        return tr("Diagnose many territories (comparison)")

    def shortHelpString(self):
        return tr(
            "The whole diagnosis for many territories at once. TERRITORIES: INSEE codes (06012, 06032 …), a "
            "département code (06, 2A, 974: every commune of the bundled list), or an EPCI SIREN (9 digits, its "
            "communes from geo.api.gouv.fr); or TERRITORY_LAYER with one polygon per territory (fields code/insee/"
            "INSEE_COM and name/nom). The OSM data of all of them is read once (one pass over OSM_FILE, or a few "
            "Overpass queries over tiles), then each territory is diagnosed in WORKERS processes, or on a Dask "
            "cluster (DASK_SCHEDULER: tcp://host:8786, or 'local'). OUTPUT_FOLDER receives one package folder per "
            "territory (named by its code), comparison.csv (every indicator and rank, 1 = best), comparison.gpkg "
            "(territory polygons with the indicators, styled; table run_log) and run_log.csv (what failed and why). "
            "A failing territory does not stop the others. A rerun skips territories already complete unless RERUN."
        )

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterString(
                self.TERRITORIES,
                tr("Territories: INSEE codes, a département code (06) or an EPCI SIREN"),
                defaultValue="",
                multiLine=True,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.TERRITORY_LAYER,
                tr("Territory layer, one polygon per territory (used instead of TERRITORIES when given)"),
                [QgsProcessing.SourceType.TypeVectorPolygon],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFile(
                self.OSM_FILE,
                tr("Local OSM file covering every territory; empty: download from Overpass"),
                behavior=QgsProcessingParameterFile.Behavior.File,
                fileFilter=OSM_FILE_FILTER,
                optional=True,
            )
        )
        overpass = QgsProcessingParameterString(
            self.OVERPASS_URL,
            tr("Overpass API interpreter URL"),
            defaultValue=_default_overpass_url(),
            optional=True,
        )
        overpass.setFlags(overpass.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
        self.addParameter(overpass)
        self.addParameter(
            QgsProcessingParameterNumber(
                self.WORKERS,
                tr("Parallel worker processes (or Dask workers of a local cluster)"),
                QgsProcessingParameterNumber.Type.Integer,
                max(1, min(4, (os.cpu_count() or 2) - 1)),
                False,
                1,
                256,
            )
        )
        dask = QgsProcessingParameterString(
            self.DASK_SCHEDULER,
            tr("Dask scheduler address (tcp://host:8786, or 'local'); empty: processes on this machine"),
            defaultValue="",
            optional=True,
        )
        dask.setFlags(dask.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
        self.addParameter(dask)
        self.addParameter(
            QgsProcessingParameterFile(
                self.GTFS, tr("GTFS timetable (zip), for the accessibility theme"),
                behavior=QgsProcessingParameterFile.Behavior.File, fileFilter="GTFS (*.zip)", optional=True,
            )
        )  # fmt: skip
        self.addParameter(
            QgsProcessingParameterEnum(
                self.THEMES, tr("Themes"), theme_options(), True, list(range(len(themes())))
            )
        )
        buffer = QgsProcessingParameterNumber(
            self.BUFFER, tr("Buffer around each territory (m)"), QgsProcessingParameterNumber.Type.Double,
            500.0, False, 0.0, 5000.0,
        )  # fmt: skip
        buffer.setFlags(buffer.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
        self.addParameter(buffer)
        self.addParameter(
            QgsProcessingParameterBoolean(
                self.RERUN, tr("Redo territories already complete (otherwise they are skipped)"), False
            )
        )
        self.addParameter(QgsProcessingParameterFolderDestination(self.OUTPUT_FOLDER, tr("Output folder")))
        self.addOutput(QgsProcessingOutputFile("COMPARISON_CSV", tr("Comparison table (CSV)")))
        self.addOutput(QgsProcessingOutputFile("COMPARISON", tr("Comparison layer (GeoPackage)")))
        self.addOutput(QgsProcessingOutputFile("RUN_LOG", tr("Run log (CSV)")))
        self.addOutput(QgsProcessingOutputNumber("DONE", tr("Territories diagnosed")))
        self.addOutput(QgsProcessingOutputNumber("FAILED", tr("Territories failed")))
        self.addOutput(QgsProcessingOutputNumber("SKIPPED", tr("Territories skipped (already complete)")))

    def processAlgorithm(self, parameters, context, feedback):
        lang = user_language()
        folder = self.parameterAsString(parameters, self.OUTPUT_FOLDER, context)
        text = self.parameterAsString(parameters, self.TERRITORIES, context)
        options = ManyOptions(
            output_folder=folder,
            osm_file=self.parameterAsFile(parameters, self.OSM_FILE, context) or "",
            overpass_url=self.parameterAsString(parameters, self.OVERPASS_URL, context) or "",
            workers=self.parameterAsInt(parameters, self.WORKERS, context),
            dask_scheduler=(self.parameterAsString(parameters, self.DASK_SCHEDULER, context) or "").strip(),
            buffer_m=self.parameterAsDouble(parameters, self.BUFFER, context),
            themes=chosen_themes(self, parameters, self.THEMES, context),
            gtfs=self.parameterAsFile(parameters, self.GTFS, context) or "",
            rerun=self.parameterAsBoolean(parameters, self.RERUN, context),
            lang=lang,
            job=str(parameters.get("JOB") or ""),  # test hook, not a declared parameter
        )
        try:
            source = self.parameterAsSource(parameters, self.TERRITORY_LAYER, context)
            if source is not None:
                territories = layer_territories(source, context)
                specs = [TerritorySpec(t.code, t.name, t.population) for t in territories]
            else:
                territories = None
                specs = territory_specs(text, lang, feedback)
            feedback.pushInfo(tr("{} territories to diagnose.").format(len(specs)))
            result = run_many(options, specs, territories, feedback)
        except (TerritoriesError, ManyFetchError, OsmFileError, DownloadError, DaskMissing) as exc:
            raise QgsProcessingException(str(exc)) from exc
        if result.counts.get("failed"):
            feedback.pushWarning(
                tr("{} territories failed: see run_log.csv for why.").format(result.counts["failed"])
            )
        context.addLayerToLoadOnCompletion(
            f"{result.comparison_gpkg}|layername=comparison",
            QgsProcessingContext.LayerDetails(tr("Comparison"), context.project(), "comparison"),
        )
        return {
            self.OUTPUT_FOLDER: folder,
            "COMPARISON_CSV": result.comparison_csv,
            "COMPARISON": result.comparison_gpkg,
            "RUN_LOG": result.run_log_csv,
            "DONE": result.counts.get("done", 0),
            "FAILED": result.counts.get("failed", 0),
            "SKIPPED": result.counts.get("skipped", 0),
        }


def layer_territories(source, context) -> list[Territory]:
    """One territory per feature (features sharing a code are merged), outline in WGS 84."""
    from osgeo import ogr

    names = [f.name() for f in source.fields()]
    code_field = next((n for n in CODE_FIELDS if n in names), None)
    name_field = next((n for n in NAME_FIELDS if n in names), None)
    transform = QgsCoordinateTransform(
        source.sourceCrs(), QgsCoordinateReferenceSystem("EPSG:4326"), context.transformContext()
    )
    index = commune_index()
    found: dict[str, Territory] = {}
    for number, feature in enumerate(source.getFeatures(), start=1):
        geometry = feature.geometry()
        if geometry is None or geometry.isEmpty():
            continue
        geometry.transform(transform)
        ogr_geometry = ogr.CreateGeometryFromWkb(bytes(geometry.asWkb()))
        code = (
            str(feature[code_field]) if code_field and feature[code_field] not in (None, "") else f"T{number}"
        )
        name = str(feature[name_field]) if name_field and feature[name_field] not in (None, "") else code
        if code in found:
            found[code].geometry = found[code].geometry.Union(ogr_geometry)
            continue
        commune = index.by_code.get(code.upper()) if INSEE_RE.match(code) else None
        found[code] = Territory(
            code=code, name=name, source=f"layer {source.sourceName()}", geometry=ogr_geometry,
            population=commune.population if commune else None, french=commune is not None,
        )  # fmt: skip
    if not found:
        raise TerritoriesError(
            "The territory layer has no polygon. Choose a layer with one polygon per territory."
        )
    return list(found.values())
