"""``mobilitydiagnosis:accessibility``: walking access to transit and services, transit service from
GTFS, stops and crossings for disabled people (INTERFACE.md; method in docs/accessibility.md). The
analysis is in qgis_io/themes/accessibility.py; this module holds the parameters."""

from __future__ import annotations

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ..core import accessibility as acc
from ..core import gtfs as gtfs_core
from ..core.network import DEFAULT_MAX_SNAP_M
from ..i18n import tr, user_language
from ..qgis_io.themes import accessibility as aa
from .theme_base import ThemeAlgorithm, ThemeResult


class AccessibilityAlgorithm(ThemeAlgorithm):
    theme = acc.THEME
    required_layers = ("streets", "transit_stops", "schools", "crossings", "buildings", "pois")
    output_layers = aa.OUTPUT_LAYERS

    GTFS = "GTFS"
    GTFS_DATE = "GTFS_DATE"
    GTFS_START = "GTFS_START"
    GTFS_END = "GTFS_END"
    GTFS_API_URL = "GTFS_API_URL"
    POPULATION = "POPULATION"
    POPULATION_FIELD = "POPULATION_FIELD"
    FREQUENT_PER_HOUR = "FREQUENT_PER_HOUR"
    CATCHMENTS = "CATCHMENTS"
    MAX_SNAP = "MAX_SNAP"
    ACCESLIBRE = "ACCESLIBRE"
    ACCESLIBRE_API_URL = "ACCESLIBRE_API_URL"

    def name(self):
        return "accessibility"

    def displayName(self):
        return tr("Accessibility (walking, transit, disabled access)")

    def shortHelpString(self):
        return tr(
            "Walking network distances from every home (residential buildings, or the POPULATION layer) "
            "to the "
            "nearest transit stop, frequent stop, school, shop, health service and town hall; catchments of "
            "300/500/1000 m keeping the id of each destination; departures per stop from a GTFS feed on a "
            "weekday peak (GTFS: a zip file, or the word 'online' to find and download the feed of a French "
            "commune on transport.data.gouv.fr; without a feed the theme runs with a warning); stops and "
            "crossings usable by wheelchair users, with unknown values shown as data "
            "gaps; built-up streets without sidewalk information. A distance that cannot be computed is NULL "
            "with a reason, never 0. ACCESLIBRE (optional): the public buildings of Acceslibre (an export CSV "
            "file from data.gouv.fr, or 'online' for a French commune) within 300 m walk of a stop or a school, "
            "with their step-free entrance and parking for disabled people (unknown when not described)."
        )

    def add_theme_parameters(self) -> None:
        self.addParameter(
            QgsProcessingParameterFile(
                self.GTFS,
                tr(
                    "GTFS feed (.zip, a folder of .zip, or 'online': found on transport.data.gouv.fr for a "
                    "French commune)"
                ),
                behavior=QgsProcessingParameterFile.Behavior.File,
                extension="zip",
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.GTFS_DATE,
                tr("GTFS date (YYYY-MM-DD; empty: the next typical weekday in the feed)"),
                defaultValue="",
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.GTFS_START, tr("Start of the time window (HH:MM)"), defaultValue=gtfs_core.DEFAULT_START
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.GTFS_END, tr("End of the time window (HH:MM)"), defaultValue=gtfs_core.DEFAULT_END
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.POPULATION,
                tr("Population (points or polygons with a number of residents; empty: buildings)"),
                [QgsProcessing.SourceType.TypeVectorPoint, QgsProcessing.SourceType.TypeVectorPolygon],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.POPULATION_FIELD,
                tr("Field with the number of residents"),
                parentLayerParameterName=self.POPULATION,
                type=QgsProcessingParameterField.DataType.Numeric,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.CATCHMENTS,
                tr("Catchments"),
                options=[
                    tr("Merged bands (each street piece labelled with its nearest destination)"),
                    tr("One catchment per destination (they overlap)"),
                    tr("None"),
                ],
                defaultValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterFile(
                self.ACCESLIBRE,
                tr("Acceslibre public buildings (export .csv, or 'online' for a French commune)"),
                behavior=QgsProcessingParameterFile.Behavior.File,
                extension="csv",
                optional=True,
            )
        )
        advanced = [
            QgsProcessingParameterString(
                self.ACCESLIBRE_API_URL,
                tr("Acceslibre API URL, for ACCESLIBRE 'online'"),
                defaultValue=aa.ACCESLIBRE_DEFAULT_API_URL,
            ),
            QgsProcessingParameterString(
                self.GTFS_API_URL,
                tr("transport.data.gouv.fr dataset list (API URL), for GTFS 'online'"),
                defaultValue=aa.GTFS_DEFAULT_API_URL,
            ),
            QgsProcessingParameterNumber(
                self.FREQUENT_PER_HOUR,
                tr("Frequent service: departures per hour at least"),
                QgsProcessingParameterNumber.Type.Double,
                gtfs_core.DEFAULT_FREQUENT_PER_HOUR,
                False,
                0.1,
                120.0,
            ),
            QgsProcessingParameterNumber(
                self.MAX_SNAP,
                tr("Farthest distance from a home to a walkable street (m)"),
                QgsProcessingParameterNumber.Type.Double,
                DEFAULT_MAX_SNAP_M,
                False,
                1.0,
                5000.0,
            ),
        ]
        for param in advanced:
            param.setFlags(param.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
            self.addParameter(param)

    def checkParameterValues(self, parameters, context):
        """The GTFS and ACCESLIBRE file parameters also take the word 'online', and GTFS a folder of feeds
        (QGIS would want a zip)."""
        online = {n: None for n in (self.GTFS, self.ACCESLIBRE) if aa.is_online(str(parameters.get(n) or ""))}
        if gtfs_core.is_feed_folder(str(parameters.get(self.GTFS) or "")):
            online[self.GTFS] = None
        return super().checkParameterValues({**parameters, **online}, context)

    def _file_or_online(self, parameters, name, context) -> str:
        raw = str(parameters.get(name) or "")
        return raw.strip() if aa.is_online(raw) else (self.parameterAsFile(parameters, name, context) or "")

    def run_theme(self, territory, parameters, context, feedback) -> ThemeResult:
        settings = aa.AccessibilitySettings(
            max_snap=self.parameterAsDouble(parameters, self.MAX_SNAP, context),
            catchments=aa.CATCHMENT_MODES[self.parameterAsEnum(parameters, self.CATCHMENTS, context)],
            gtfs=self.parameterAsFile(parameters, self.GTFS, context) or "",
            gtfs_date=self.parameterAsString(parameters, self.GTFS_DATE, context),
            gtfs_start=self.parameterAsString(parameters, self.GTFS_START, context),
            gtfs_end=self.parameterAsString(parameters, self.GTFS_END, context),
            frequent_per_hour=self.parameterAsDouble(parameters, self.FREQUENT_PER_HOUR, context),
            gtfs_api_url=self.parameterAsString(parameters, self.GTFS_API_URL, context),
            acceslibre=self._file_or_online(parameters, self.ACCESLIBRE, context),
            acceslibre_api_url=self.parameterAsString(parameters, self.ACCESLIBRE_API_URL, context),
        )
        source = self.parameterAsSource(parameters, self.POPULATION, context)
        population = (
            None
            if source is None
            else (source, self.parameterAsString(parameters, self.POPULATION_FIELD, context))
        )
        try:
            result = aa.analyse(
                territory,
                settings,
                feedback,
                lang=user_language(),
                population=population,
                transform_context=context.transformContext(),
            )
        except aa.AccessibilityError as exc:
            raise QgsProcessingException(str(exc)) from exc
        if result is None:
            return ThemeResult()
        return ThemeResult(result.layers, result.indicators)
