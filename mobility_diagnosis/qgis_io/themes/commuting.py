"""The commuting theme over a territory GeoPackage: the MOBPRO flows file, commune centres (the
territory's own outline, and the communes' outlines when the user gives them), the car share of the
census profile, the pure core (``core.commuting``) and the output rows.

Commune centres: no table of commune centres ships with the plugin (none is at hand under an open
licence offline), so a centre comes from an outline: the territory's, always, and those of a commune
layer the user gives (IGN Admin Express COMMUNE, geo.api.gouv.fr outlines…: a point on the surface of
each). A flow whose other end has no centre keeps its row with an empty line and no distance.

Layer written: ``commuting_flows``, one line per flow from or to the territory (commune centre to
commune centre), ``direction`` out/in, ``flow`` (employed people), ``distance_km``, ``short``
(under 5 km), ``rank`` within its direction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from osgeo import ogr
from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransformContext, QgsFeatureRequest

from ...core import commuting as cm
from ...core.census import CensusFileError, table_text
from ...core.gtfs_discovery import insee_code
from ...core.indicators import Indicator
from ...core.profile import territory_profile
from ..gpkg.diagnosis import LayerSpec
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


def unavailable(lang: str) -> CommutingResult:
    """No flows file: an empty layer and "not available" indicators, never an error (``diagnose`` runs
    every theme, and the flows are a file the user brings)."""
    return CommutingResult(
        commuting=None,
        year=None,
        source="",
        layers=[(LayerSpec(FLOWS_LAYER, "LineString", FLOW_FIELDS), [])],
        indicators=[
            Indicator(THEME, indicator, label, value, unit)
            for indicator, label, value, unit in cm.indicator_rows(None, None, lang)
        ],
        notes=[cm.message("flows_data", lang) + "."],
    )


def read_flows_file(path: str, codes: set[str]) -> cm.FlowTable:
    """The flows of the file from or to ``codes``. Raises ``cm.FlowsFileError`` with what to do."""
    try:
        text = table_text(Path(path))
    except (OSError, CensusFileError, EOFError, ValueError) as exc:
        raise cm.FlowsFileError(f"Cannot read the flows file {path}: {exc}") from exc
    return cm.read_flows_text(text, lambda origin, destination: origin in codes or destination in codes)


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


def analyse_commuting(territory, flows_path: str, communes_layer=None, lang: str = "en") -> CommutingResult:
    code = insee_code(territory.code) or insee_code(territory.about.get("territory_code")) or territory.code
    codes = cm.territory_codes(code)
    table = read_flows_file(flows_path, codes)
    others = {c for flow in table.flows for c in (flow.origin, flow.destination)} - codes
    centres = commune_centres(communes_layer, territory.crs_wkt, others) if communes_layer is not None else {}
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
        notes.append(cm.message("no_centroids", lang, count=missing))
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
