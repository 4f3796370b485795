"""``mobilitydiagnosis:fetchterritory``: resolve a territory and fetch its OSM data into a territory
GeoPackage (INTERFACE.md)."""

from __future__ import annotations

from osgeo import ogr
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCsException,
    QgsGeometry,
    QgsProcessing,
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterExtent,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ..core.fetch_errors import FetchError as DownloadError
from ..core.territory import TerritoryError, message
from ..i18n import tr, user_language
from ..qgis_io.osm.osm_file import OsmFileError
from ..qgis_io.osm.territory_fetch import FetchError, fetch_territory
from ..qgis_io.osm.territory_resolver import (
    TerritoryNotFound,
    territory_from_extent,
    territory_from_geometries,
)
from .base import MobilityAlgorithm

OSM_FILE_FILTER = "OSM files (*.osm.pbf *.pbf *.osm *.osm.gz *.osm.bz2);;All files (*.*)"
DEFAULT_OVERPASS_URL = "https://overpass-api.de/api/interpreter"


def add_territory_parameters(alg: QgsProcessingAlgorithm, default_buffer: float = 500.0) -> None:
    """TERRITORY, TERRITORY_LAYER, TERRITORY_EXTENT, OSM_FILE, OVERPASS_URL, BUFFER: shared with ``diagnose``."""
    alg.addParameter(
        QgsProcessingParameterString(
            "TERRITORY",
            tr("Territory: INSEE code (06032), commune name (Cap-d'Ail (06)) or osm:relation/<id>"),
            defaultValue="",
            optional=True,
        )
    )
    alg.addParameter(
        QgsProcessingParameterFeatureSource(
            "TERRITORY_LAYER",
            tr("Territory polygon layer (used instead of TERRITORY when given)"),
            [QgsProcessing.SourceType.TypeVectorPolygon],
            optional=True,
        )
    )
    alg.addParameter(
        QgsProcessingParameterExtent(
            "TERRITORY_EXTENT",
            tr(
                "Territory extent: a rectangle, in any CRS (used instead of TERRITORY; TERRITORY_LAYER wins over it)"
            ),
            optional=True,
        )
    )
    alg.addParameter(
        QgsProcessingParameterFile(
            "OSM_FILE",
            tr("Local OSM file (.osm.pbf, .osm, .osm.gz, .osm.bz2); empty: download from Overpass"),
            behavior=QgsProcessingParameterFile.Behavior.File,
            fileFilter=OSM_FILE_FILTER,
            optional=True,
        )
    )
    overpass = QgsProcessingParameterString(
        "OVERPASS_URL",
        tr("Overpass API interpreter URL"),
        defaultValue=_default_overpass_url(),
        optional=True,
    )
    overpass.setFlags(overpass.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
    alg.addParameter(overpass)
    buffer = QgsProcessingParameterNumber(
        "BUFFER",
        tr("Buffer around the territory (m)"),
        QgsProcessingParameterNumber.Type.Double,
        default_buffer,
        False,
        0.0,
        5000.0,
    )
    buffer.setFlags(buffer.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
    alg.addParameter(buffer)


def _default_overpass_url() -> str:
    try:
        from ..qgis_io.settings import overpass_endpoints

        endpoints = overpass_endpoints()
        return endpoints[0] if endpoints else DEFAULT_OVERPASS_URL
    except ImportError:
        return DEFAULT_OVERPASS_URL


def territory_from_layer(alg, parameters, context):
    """The TERRITORY_LAYER parameter as a Territory (all features together), or None when not given."""
    source = alg.parameterAsSource(parameters, "TERRITORY_LAYER", context)
    if source is None:
        return None
    transform = QgsCoordinateTransform(
        source.sourceCrs(), QgsCoordinateReferenceSystem("EPSG:4326"), context.transformContext()
    )
    geometries, first_attributes = [], None
    for feature in source.getFeatures():
        geometry = feature.geometry()
        if geometry is None or geometry.isEmpty():
            continue
        geometry.transform(transform)
        geometries.append(ogr.CreateGeometryFromWkb(bytes(geometry.asWkb())))
        if first_attributes is None:
            first_attributes = dict(zip(feature.fields().names(), feature.attributes()))
    name = source.sourceName() or "territory"
    return territory_from_geometries(geometries, first_attributes or {}, name)


# Points added on each side of the rectangle before reprojecting it: a rectangle drawn in one CRS is a curved
# shape in another, and 50 points per side keep it within a few centimetres on a commune-sized extent.
EXTENT_DENSIFY = 50


def territory_from_extent_parameter(alg, parameters, context):
    """The TERRITORY_EXTENT parameter as a Territory (the rectangle reprojected to lon/lat), or None when not
    given. An extent without a CRS is read as longitude/latitude (EPSG:4326)."""
    if not _given(parameters, "TERRITORY_EXTENT"):
        return None
    lang = user_language()
    wgs84 = QgsCoordinateReferenceSystem("EPSG:4326")
    crs = alg.parameterAsExtentCrs(parameters, "TERRITORY_EXTENT", context)
    crs = crs if crs.isValid() else wgs84
    rectangle = alg.parameterAsExtent(parameters, "TERRITORY_EXTENT", context, crs)
    described = f"{rectangle.toString(6)} in {crs.authid() or crs.description()}"
    geometry = None
    if not rectangle.isNull() and rectangle.width() > 0 and rectangle.height() > 0:
        shape = QgsGeometry.fromRect(rectangle).densifyByCount(EXTENT_DENSIFY)
        try:
            shape.transform(QgsCoordinateTransform(crs, wgs84, context.transformContext()))
        except QgsCsException as exc:
            raise QgsProcessingException(
                message("extent_outside", lang, crs=crs.authid() or crs.description())
            ) from exc
        geometry = ogr.CreateGeometryFromWkb(bytes(shape.asWkb()))
    try:
        return territory_from_extent(geometry, described, lang)
    except TerritoryNotFound as exc:
        raise QgsProcessingException(str(exc)) from exc


def run_fetch(alg, parameters, context, feedback, output: str):
    """Fetch the territory given by TERRITORY_LAYER, else TERRITORY_EXTENT, else TERRITORY (INTERFACE.md)."""
    text = alg.parameterAsString(parameters, "TERRITORY", context)
    territory = territory_from_layer(alg, parameters, context)
    if territory is not None:
        ignored = [n for n in ("TERRITORY_EXTENT", "TERRITORY") if _given(parameters, n)]
    else:
        territory = territory_from_extent_parameter(alg, parameters, context)
        ignored = ["TERRITORY"] if territory is not None and text.strip() else []
    if ignored:
        feedback.pushWarning(
            tr(
                "Several territories given: {} ignored (TERRITORY_LAYER comes first, then TERRITORY_EXTENT)."
            ).format(", ".join(ignored))
        )
    if territory is None and not text.strip():
        raise QgsProcessingException(
            tr(
                "No territory given. Type an INSEE code (06032), a commune name (Cap-d'Ail (06)) or an OSM relation "
                "(osm:relation/2220322) in TERRITORY, choose a polygon layer in TERRITORY_LAYER, or give a rectangle "
                "in TERRITORY_EXTENT."
            )
        )
    try:
        return fetch_territory(
            output=output,
            territory_text=text,
            territory=territory,
            osm_file=alg.parameterAsFile(parameters, "OSM_FILE", context) or None,
            overpass_url=alg.parameterAsString(parameters, "OVERPASS_URL", context) or None,
            buffer_m=alg.parameterAsDouble(parameters, "BUFFER", context),
            feedback=feedback,
            lang=user_language(),
        )
    except (TerritoryError, TerritoryNotFound, OsmFileError, FetchError) as exc:
        raise QgsProcessingException(str(exc)) from exc
    except DownloadError as exc:
        raise QgsProcessingException(exc.message(user_language())) from exc


def _given(parameters, name: str) -> bool:
    value = parameters.get(name)
    return value is not None and (not isinstance(value, str) or bool(value.strip()))


def territory_help() -> str:
    """How the territory parameters combine (help of fetchterritory and diagnose)."""
    return tr(
        "The territory is, in this order: the polygons of TERRITORY_LAYER (all together); else the rectangle of "
        "TERRITORY_EXTENT (in any CRS, named by its corners, code “extent”); else TERRITORY (an INSEE code, a commune "
        "name from the bundled commune list, or an OSM relation). One of them is needed; the others are then ignored, "
        "with a warning."
    )


class FetchTerritoryAlgorithm(MobilityAlgorithm):
    group_id = "data"
    OUTPUT = "OUTPUT"

    def name(self):
        return "fetchterritory"

    def displayName(self):
        return tr("Fetch territory data")

    def shortHelpString(self):
        return (
            tr(
                "Resolves a territory (a French INSEE code or commune name from the bundled commune list, an OSM "
                "relation, a polygon layer or a rectangle) and fetches its OpenStreetMap data, from a local OSM file "
                "(offline) or from the Overpass API (one polite query per territory, cached on disk), into a "
                "territory GeoPackage: streets, schools, car and bike parking, transit stops, crossings, buildings, "
                "destinations, every tag kept as JSON, reprojected to a metric CRS (Lambert-93 in metropolitan "
                "France) and clipped to the territory plus a buffer. The file is written atomically: a failure or a "
                "cancel leaves nothing behind."
            )
            + "\n\n"
            + territory_help()
        )

    def initAlgorithm(self, config=None):
        add_territory_parameters(self)
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.OUTPUT, tr("Territory GeoPackage"), fileFilter="GeoPackage (*.gpkg)"
            )
        )

    def processAlgorithm(self, parameters, context, feedback):
        output = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        result = run_fetch(self, parameters, context, feedback, output)
        return {self.OUTPUT: result.output}
