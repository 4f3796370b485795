"""The commuting theme over a territory GeoPackage: the MOBPRO flows (the user's file, an offline kit's
extract, or INSEE's national file online), commune centres, the car share of the census profile, the pure
core (``core.commuting``) and the output rows.

Commune centres: no table of commune centres ships with the plugin, so a centre comes from the territory's
own outline (a point on its surface), always; from a commune layer (COMMUNES: outlines, a point on the
surface of each, or points such as an offline kit's ``communes_centres.geojson``); or online from
geo.api.gouv.fr (its ``centre`` of each commune, ``qgis_io.sources.commune_centres``). A flow whose other
end has no centre keeps its row with an empty line and no distance, and a note says why.

Layer written: ``commuting_flows``, one line per flow from or to the territory (commune centre to
commune centre), ``direction`` out/in, ``flow`` (employed people), ``distance_km``, ``short``
(under 5 km), ``rank`` within its direction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional, Union

from osgeo import ogr, osr
from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransformContext, QgsFeatureRequest

from ...core import commuting as cm
from ...core.gtfs_discovery import insee_code
from ...core.indicators import Indicator
from ...core.profile import territory_profile
from ..gpkg.diagnosis import LayerSpec
from ..gpkg.territory import lonlat_transform
from ..osm.territory_resolver import CODE_FIELDS, commune_index
from .profile import load_census

THEME = "commuting"
FLOWS_LAYER = "commuting_flows"
FLOW_FIELDS: list[tuple[str, str]] = [
    ("direction", "str"), ("origin", "str"), ("origin_name", "str"), ("destination", "str"),
    ("destination_name", "str"), ("flow", "float"), ("distance_km", "float"), ("short", "bool"),
    ("rank", "int"), ("source", "str"),
]  # fmt: skip


@dataclass
class CommutingResult:
    commuting: Optional[cm.Commuting]
    year: Optional[int]
    source: str
    layers: list = field(default_factory=list)
    indicators: list = field(default_factory=list)
    notes: list = field(default_factory=list)


def unavailable(lang: str, note: str = "") -> CommutingResult:
    """No flows (no file, or a download that failed: ``note`` says why): an empty layer and "not
    available" indicators, never an error (``diagnose`` runs every theme)."""
    return CommutingResult(
        commuting=None,
        year=None,
        source="",
        layers=[(LayerSpec(FLOWS_LAYER, "LineString", FLOW_FIELDS), [])],
        indicators=[
            Indicator(THEME, indicator, label, value, unit)
            for indicator, label, value, unit in cm.indicator_rows(None, None, lang, note)
        ],
        # the report reads the indicator (no parameter name for a council); the log also says what to do
        notes=[note or f'{cm.message("flows_data", lang)}. {cm.message("flows_hint", lang)}'],
    )


def read_flows_file(path: str, codes: set[str]) -> cm.FlowTable:
    """The flows of the file from or to ``codes``, read as a stream (the national file is large). Raises
    ``cm.FlowsFileError`` with what to do."""
    try:
        with cm.archive_lines(path) as lines:
            return cm.read_flows(lines, lambda origin, destination: origin in codes or destination in codes)
    except (OSError, ValueError) as exc:
        raise cm.FlowsFileError(f"Cannot read the flows file {path}: {exc}") from exc


def territory_code(territory) -> str:
    """The territory's INSEE code, as MOBPRO and the census know it."""
    return insee_code(territory.code) or insee_code(territory.about.get("territory_code")) or territory.code


def other_communes(table: cm.FlowTable, code: str) -> set[str]:
    """The communes the territory's flows name, besides the territory's own codes."""
    return {c for flow in table.flows for c in (flow.origin, flow.destination)} - cm.territory_codes(code)


def projected(lonlat: dict[str, tuple[float, float]], crs_wkt: str) -> dict[str, tuple[float, float]]:
    """WGS 84 points (geo.api.gouv.fr's centres) in the territory's metric CRS."""
    srs = osr.SpatialReference()
    srs.ImportFromWkt(crs_wkt)
    transform = lonlat_transform(srs)
    return {code: tuple(transform.TransformPoint(lon, lat)[:2]) for code, (lon, lat) in lonlat.items()}


def _point_on_surface(geometry) -> Optional[tuple[float, float]]:
    if geometry is None or geometry.IsEmpty():
        return None
    point = geometry.PointOnSurface()
    if point is None or point.IsEmpty():
        point = geometry.Centroid()
    return (point.GetX(), point.GetY()) if point is not None and not point.IsEmpty() else None


def commune_centres(layer, crs_wkt: str, wanted: set[str]) -> dict[str, tuple[float, float]]:
    """Centres (points on surface, in the territory's CRS) of the ``wanted`` communes of a QGIS polygon
    layer whose code field is one of the territory resolver's (``code``, ``INSEE_COM`` …)."""
    names = layer.fields().names()
    column = next((name for name in CODE_FIELDS if name in names), None)
    if column is None:
        return {}
    request = QgsFeatureRequest().setDestinationCrs(
        QgsCoordinateReferenceSystem.fromWkt(crs_wkt), QgsCoordinateTransformContext()
    )
    centres = {}
    for feature in layer.getFeatures(request):
        code = str(feature[column] or "").strip().upper()
        if code not in wanted or feature.geometry().isEmpty():
            continue
        centres[code] = _point_on_surface(ogr.CreateGeometryFromWkb(bytes(feature.geometry().asWkb())))
    return {code: xy for code, xy in centres.items() if xy is not None}


def _line(a, b) -> Optional[ogr.Geometry]:
    if a is None or b is None:
        return None
    line = ogr.Geometry(ogr.wkbLineString)
    line.AddPoint_2D(*a)
    line.AddPoint_2D(*b)
    return line


def analyse_commuting(
    territory,
    flows: Union[str, cm.FlowTable],
    communes_layer=None,
    lang: str = "en",
    lonlat_centres: Optional[dict[str, tuple[float, float]]] = None,
    centres_why: str = "",
) -> CommutingResult:
    """``flows``: a file, or the table read already (online). Centres: the ``communes_layer``'s, else the
    ``lonlat_centres`` fetched online; ``centres_why`` says why some are missing (else: none was given)."""
    code = territory_code(territory)
    codes = cm.territory_codes(code)
    table = read_flows_file(flows, codes) if isinstance(flows, str) else flows
    others = other_communes(table, code)
    centres = projected(lonlat_centres or {}, territory.crs_wkt)
    if communes_layer is not None:
        centres.update(commune_centres(communes_layer, territory.crs_wkt, others))
    centres[code] = _point_on_surface(territory.territory_geometry)
    census, groups = load_census()
    car_share = territory_profile(census, code, lang, groups).value("commute_car")
    commuting = cm.territory_commuting(
        table.flows, code, centres, car_share=car_share, internal_known=table.internal_rows > 0
    )
    notes = []
    if not commuting.lines and not commuting.work_inside:
        notes.append(cm.message("not_in_flows", lang, code=code))
    if table.internal_rows == 0:
        notes.append(cm.message("no_internal", lang))
    missing = sum(1 for line in commuting.lines if line.distance_km is None)
    if missing:
        why = centres_why or cm.message("centres_not_given", lang)
        notes.append(cm.message("no_centroids", lang, count=missing, why=why))
    source = cm.message("source", lang, year=table.year or "?")
    index = commune_index()

    def name(c: str) -> str:
        if c in table.names:
            return table.names[c]
        commune = index.by_code.get(c)
        return commune.name if commune else territory.name if c == code else ""

    rows = [
        (_line(centres.get(line.origin), centres.get(line.destination)), {
            "direction": line.direction, "origin": line.origin, "origin_name": name(line.origin),
            "destination": line.destination, "destination_name": name(line.destination), "flow": line.count,
            "distance_km": line.distance_km, "short": line.short, "rank": line.rank, "source": source,
        })
        for line in commuting.lines
    ]  # fmt: skip
    indicators = [
        Indicator(THEME, indicator, label, value, unit)
        for indicator, label, value, unit in cm.indicator_rows(commuting, table.year, lang)
    ]
    return CommutingResult(
        commuting=commuting,
        year=table.year,
        source=source,
        layers=[(LayerSpec(FLOWS_LAYER, "LineString", FLOW_FIELDS, abstract=source), rows)],
        indicators=indicators,
        notes=notes,
    )
