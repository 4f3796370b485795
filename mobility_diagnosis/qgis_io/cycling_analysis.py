"""The cycling theme on a territory GeoPackage: read streets and destinations with OGR, run the pure
core (facilities, LTS, islands, gaps, indicators) and shape the output layers. Shared by the
Processing algorithm and the benchmark."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Optional

import numpy as np
from osgeo import ogr

from ..core.cycling.connectivity import Connectivity, ConnectivitySettings, Destination, connectivity
from ..core.cycling.indicators import cycling_indicators
from ..core.cycling.lts import Lts, evaluate
from ..core.network import Network
from ..core.speeds import has_speed_tag
from .diagnosis_gpkg import LayerSpec
from .territory_gpkg import TerritoryGpkg

SEGMENTS = LayerSpec("cycling_segments", "LineString", [
    ("osm_id", "int"), ("osm_type", "str"), ("name", "str"), ("highway", "str"),
    ("facility_left", "str"), ("facility_right", "str"), ("lts", "int"), ("lts_rule", "str"),
    ("lts_reason", "str"), ("speed_kmh", "float"), ("speed_assumed", "bool"), ("island_id", "int"),
    ("inside", "bool"),
])  # fmt: skip
ISLANDS = LayerSpec("cycling_islands", "MultiLineString", [("island_id", "int"), ("length_m", "float"),
                                                           ("ways", "int")])  # fmt: skip
GAPS = LayerSpec("cycling_gaps", "LineString", [
    ("gap_id", "int"), ("reason", "str"), ("kind", "str"), ("length_m", "float"), ("high_stress_m", "float"),
    ("joins_m", "float"), ("island_a", "int"), ("island_b", "int"), ("destination", "str"), ("osm_ids", "str"),
])  # fmt: skip

# Destinations a gap may link (DOMAIN.md: school, station, town centre). (layer, kind, tag filter)
STATION_TAGS = (("railway", ("station", "halt")), ("public_transport", ("station",)), ("train", ("yes",)))
TOWN_HALL_TAGS = (("amenity", ("townhall",)),)
NON_STREET = ("cycleway", "path", "footway", "bridleway", "pedestrian", "steps", "track")


@dataclass
class Street:
    osm_type: str
    osm_id: int
    tags: dict
    inside: bool
    coords: np.ndarray
    geometry: ogr.Geometry


@dataclass
class CyclingResult:
    streets: list[Street]
    ratings: list[Lts]
    network: Network
    connectivity: Connectivity
    destinations: list[Destination] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _lines(geometry: ogr.Geometry) -> list[np.ndarray]:
    if geometry is None:
        return []
    flat = ogr.GT_Flatten(geometry.GetGeometryType())
    if flat == ogr.wkbLineString:
        pts = geometry.GetPoints() or []
        return [np.array(pts, dtype=float)[:, :2]] if len(pts) >= 2 else []
    if flat == ogr.wkbMultiLineString:
        out = []
        for i in range(geometry.GetGeometryCount()):
            out.extend(_lines(geometry.GetGeometryRef(i)))
        return out
    return []


def country_of(territory: TerritoryGpkg) -> str:
    """FR for a French commune code (or a territory in Lambert-93), else the generic defaults."""
    from ..core.cycling.bnac import INSEE

    if INSEE.match((territory.code or "").upper()) or territory.epsg == 2154:
        return "FR"
    return "default"


def read_streets(territory: TerritoryGpkg, warnings: list[str]) -> list[Street]:
    streets = []
    for feature in territory.features("streets"):
        parts = _lines(feature.geometry)
        if not parts:
            warnings.append(f"{feature.osm_type}/{feature.osm_id}: no line geometry, left out")
            continue
        for coords in parts:
            line = ogr.Geometry(ogr.wkbLineString)
            for x, y in coords:
                line.AddPoint_2D(float(x), float(y))
            streets.append(Street(feature.osm_type, feature.osm_id, feature.tags, feature.inside, coords, line))
    return streets


def read_destinations(territory: TerritoryGpkg) -> list[Destination]:
    found: list[Destination] = []

    def centre(geometry) -> Optional[tuple[float, float]]:
        if geometry is None:
            return None
        c = geometry.Centroid() if ogr.GT_Flatten(geometry.GetGeometryType()) != ogr.wkbPoint else geometry
        return (c.GetX(), c.GetY())

    if "schools" in territory.layer_names:
        for f in territory.features("schools"):
            xy = centre(f.geometry)
            if xy:
                found.append(Destination("school", f.tags.get("name", ""), xy))
    if "transit_stops" in territory.layer_names:
        for f in territory.features("transit_stops"):
            if any(f.tags.get(k) in v for k, v in STATION_TAGS):
                xy = centre(f.geometry)
                if xy:
                    found.append(Destination("station", f.tags.get("name", ""), xy))
    return found


def analyse(
    territory: TerritoryGpkg,
    settings: ConnectivitySettings = ConnectivitySettings(),  # noqa: B008
    progress: Callable[[float], None] = lambda p: None,
    cancelled: Callable[[], bool] = lambda: False,
) -> Optional[CyclingResult]:
    warnings: list[str] = []
    country = country_of(territory)
    streets = read_streets(territory, warnings)
    progress(20)
    ratings = []
    for i, street in enumerate(streets):
        if i % 2000 == 0 and cancelled():
            return None
        ratings.append(evaluate(street.tags, country))
    progress(50)
    net = Network.from_ways([s.coords for s in streets])
    lts = np.array([r.lts for r in ratings], dtype=np.int64)
    destinations = read_destinations(territory)
    progress(65)
    conn = connectivity(net, lts, destinations, settings)
    progress(90)
    return CyclingResult(streets, ratings, net, conn, destinations, warnings)


def segment_rows(result: CyclingResult, lang: str):
    for street, rating, island in zip(result.streets, result.ratings, result.connectivity.way_island.tolist()):
        yield street.geometry, {
            "osm_id": street.osm_id,
            "osm_type": street.osm_type,
            "name": street.tags.get("name"),
            "highway": street.tags.get("highway"),
            "facility_left": rating.facilities.left,
            "facility_right": rating.facilities.right,
            "lts": rating.lts,
            "lts_rule": rating.rule,
            "lts_reason": rating.reason(lang),
            "speed_kmh": rating.speed.kmh if rating.speed else None,
            "speed_assumed": rating.speed.assumed if rating.speed else None,
            "island_id": island or None,
            "inside": street.inside,
        }


def island_rows(result: CyclingResult):
    for island in result.connectivity.islands:
        multi = ogr.Geometry(ogr.wkbMultiLineString)
        for way in island.ways:
            multi.AddGeometry(result.streets[way].geometry)
        yield multi, {"island_id": island.island_id, "length_m": round(island.length_m, 1), "ways": len(island.ways)}


def gap_rows(result: CyclingResult, lang: str):
    islands = result.connectivity.islands
    for gap in result.connectivity.gaps:
        line = ogr.Geometry(ogr.wkbLineString)
        for x, y in gap.coords:
            line.AddPoint_2D(float(x), float(y))
        yield line, {
            "gap_id": gap.gap_id,
            "reason": gap.reason(lang, islands),
            "kind": gap.kind,
            "length_m": round(gap.length_m, 1),
            "high_stress_m": round(gap.high_stress_m, 1),
            "joins_m": round(gap.score_m, 1),
            "island_a": gap.island_a,
            "island_b": gap.island_b,
            "destination": gap.destination.name if gap.destination else None,
            "osm_ids": ",".join(str(result.streets[w].osm_id) for w in gap.ways),
        }


def indicators(result: CyclingResult, lang: str):
    inside = [i for i, s in enumerate(result.streets) if s.inside]
    lengths = [float(np.hypot(*np.diff(result.streets[i].coords, axis=0).T).sum()) for i in inside]
    r = [result.ratings[i] for i in inside]
    return cycling_indicators(
        lengths_m=lengths,
        lts=[x.lts for x in r],
        left=[x.facilities.left for x in r],
        right=[x.facilities.right for x in r],
        speed_tagged=[has_speed_tag(result.streets[i].tags) for i in inside],
        is_street=[result.streets[i].tags.get("highway") not in NON_STREET for i in inside],
        n_islands=len(result.connectivity.islands),
        largest_share=result.connectivity.largest_share(),
        n_gaps=len(result.connectivity.gaps),
        lang=lang,
    )
