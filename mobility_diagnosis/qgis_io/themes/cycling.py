"""The cycling theme on a territory GeoPackage: read streets and destinations with OGR, run the pure
core (facilities, LTS, islands, gaps, indicators) and shape the output layers. Shared by the
Processing algorithm and the benchmark."""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from typing import Callable, Optional

import numpy as np
from osgeo import ogr

from ...core.cycling.connectivity import (
    Connectivity,
    ConnectivitySettings,
    Crossings,
    Destination,
    connectivity,
)
from ...core.cycling.indicators import cycling_indicators
from ...core.cycling.lts import SIGNAL_TAGS, Lts, evaluate
from ...core.destinations import CYCLING, destination_kind
from ...core.network import Network
from ...core.speeds import SpeedOverrides, country_of, has_speed_tag
from ..gpkg.diagnosis import LayerSpec
from ..gpkg.territory import TerritoryGpkg, line_xy

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
    ("destination_kind", "str"),
])  # fmt: skip

# Destinations a gap may link (DOMAIN.md: school, station, town centre): (layer, kind in the one
# destinations table core.destinations, the gap's destination kind).
DESTINATION_LAYERS = (
    ("schools", "school", "school"),
    ("transit_stops", "station", "station"),
    ("pois", "townhall", "town_centre"),
)
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
    settings: ConnectivitySettings = field(default_factory=ConnectivitySettings)


def _parts(geometry: ogr.Geometry, owned: bool = False) -> list[ogr.Geometry]:
    """The line parts of a (multi)line geometry, as 2D LineStrings with 2+ vertices: cloned, except a
    single line the caller ``owned`` (flattened in place)."""
    if geometry is None:
        return []
    flat = ogr.GT_Flatten(geometry.GetGeometryType())
    if flat == ogr.wkbLineString:
        if geometry.GetPointCount() < 2:
            return []
        part = geometry if owned else geometry.Clone()
        part.FlattenTo2D()
        return [part]
    if flat == ogr.wkbMultiLineString:
        out = []
        for i in range(geometry.GetGeometryCount()):
            out.extend(_parts(geometry.GetGeometryRef(i)))
        return out
    return []


def read_streets(territory: TerritoryGpkg, warnings: list[str]) -> list[Street]:
    """One Street per line part (a multi-line way gives several), in metric 2D coordinates."""
    streets = []
    for feature in territory.features("streets"):
        if feature.bad_tags:
            warnings.append(f"{feature.osm_type}/{feature.osm_id}: tags are not valid JSON, read as no tags")
        parts = _parts(feature.geometry, owned=True)  # the reader's copy
        if not parts:
            warnings.append(f"{feature.osm_type}/{feature.osm_id}: no line geometry, left out")
            continue
        for part in parts:
            coords = line_xy(part)
            streets.append(
                Street(feature.osm_type, feature.osm_id, feature.tags, feature.inside, coords, part)
            )
    return streets


def read_destinations(territory: TerritoryGpkg) -> list[Destination]:
    found: list[Destination] = []

    def centre(geometry) -> Optional[tuple[float, float]]:
        if geometry is None:
            return None
        c = geometry.Centroid() if ogr.GT_Flatten(geometry.GetGeometryType()) != ogr.wkbPoint else geometry
        return (c.GetX(), c.GetY())

    for layer, kind, gap_kind in DESTINATION_LAYERS:
        if layer not in territory.layer_names:
            continue
        for f in territory.features(layer):
            if destination_kind(f.tags, CYCLING) == kind:
                xy = centre(f.geometry)
                if xy:
                    found.append(Destination(gap_kind, f.tags.get("name", ""), xy))
    return found


def read_signals(territory: TerritoryGpkg) -> np.ndarray:
    """Traffic signals (junctions and crossings) from the ``crossings`` layer, metric x, y."""
    points = []
    if "crossings" in territory.layer_names:
        for f in territory.features("crossings"):
            if f.geometry is not None and any(f.tags.get(k) in v for k, v in SIGNAL_TAGS):
                c = f.geometry.Centroid()
                points.append((c.GetX(), c.GetY()))
    return np.array(points, dtype=float).reshape(-1, 2)


def analyse(
    territory: TerritoryGpkg,
    settings: ConnectivitySettings = ConnectivitySettings(),  # noqa: B008
    progress: Callable[[float], None] = lambda p: None,
    cancelled: Callable[[], bool] = lambda: False,
    speed_overrides: SpeedOverrides = (),
) -> Optional[CyclingResult]:
    warnings: list[str] = []
    country = country_of(territory.code, territory.epsg)
    streets = read_streets(territory, warnings)
    progress(20)
    ratings = []
    for i, street in enumerate(streets):
        if i % 2000 == 0 and cancelled():
            return None
        ratings.append(evaluate(street.tags, country, speed_overrides))
    progress(50)
    net = Network.from_ways([s.coords for s in streets])
    lts = np.array([r.lts for r in ratings], dtype=np.int64)
    destinations = read_destinations(territory)
    crossings = Crossings(
        speed_kmh=np.array([r.speed.kmh if r.speed else 0.0 for r in ratings]),
        lanes=np.array([r.lanes for r in ratings], dtype=np.int64),
        highway=[s.tags.get("highway", "") for s in streets],
        signals_xy=read_signals(territory),
    )
    progress(65)
    inside = np.array([s.inside for s in streets], dtype=bool)
    conn = connectivity(net, lts, destinations, settings, crossings, inside)
    progress(90)
    return CyclingResult(streets, ratings, net, conn, destinations, warnings, settings)


def segment_rows(result: CyclingResult, lang: str):
    reasons: dict[int, str] = {}  # the LTS memo shares one rating between streets tagged alike
    for street, rating, island in zip(
        result.streets, result.ratings, result.connectivity.way_island.tolist()
    ):
        reason = reasons.get(id(rating))
        if reason is None:
            reason = reasons[id(rating)] = rating.reason(lang)
        yield (
            street.geometry,
            {
                "osm_id": street.osm_id,
                "osm_type": street.osm_type,
                "name": street.tags.get("name"),
                "highway": street.tags.get("highway"),
                "facility_left": rating.facilities.left,
                "facility_right": rating.facilities.right,
                "lts": rating.lts,
                "lts_rule": rating.rule,
                "lts_reason": reason,
                "speed_kmh": rating.speed.kmh if rating.speed else None,
                "speed_assumed": rating.speed.assumed if rating.speed else None,
                "island_id": island or None,
                "inside": street.inside,
            },
        )


def _wkb_line(coords: np.ndarray) -> bytes:
    """Little-endian WKB LineString from an (n, 2) array: far faster than adding points one by one."""
    xy = np.ascontiguousarray(coords, dtype="<f8").reshape(-1, 2)
    return struct.pack("<BII", 1, 2, len(xy)) + xy.tobytes()


def island_rows(result: CyclingResult):
    for island in result.connectivity.islands:
        parts = [_wkb_line(result.network.edge_coords(edge)) for edge in island.edges]
        multi = ogr.CreateGeometryFromWkb(struct.pack("<BII", 1, 5, len(parts)) + b"".join(parts))
        yield (
            multi,
            {"island_id": island.island_id, "length_m": round(island.length_m, 1), "ways": len(island.ways)},
        )


def _road_name(result: CyclingResult, gap) -> str:
    """The name of the road a crossing gap crosses ("" for another gap, or an unnamed road)."""
    if gap.kind != "crossing" or not gap.ways:
        return ""
    return result.streets[gap.ways[0]].tags.get("name", "")


def gap_rows(result: CyclingResult, lang: str):
    islands = result.connectivity.islands
    for gap in result.connectivity.gaps:
        yield (
            ogr.CreateGeometryFromWkb(_wkb_line(gap.coords)),
            {
                "gap_id": gap.gap_id,
                "reason": gap.reason(lang, islands, _road_name(result, gap)),
                "kind": gap.kind,
                "length_m": round(gap.length_m, 1),
                "high_stress_m": round(gap.high_stress_m, 1),
                "joins_m": round(gap.score_m, 1),
                "island_a": gap.island_a,
                "island_b": gap.island_b,
                "destination": gap.destination.name if gap.destination else None,
                "osm_ids": ",".join(str(result.streets[w].osm_id) for w in gap.ways),
                "destination_kind": gap.destination.kind if gap.destination else None,
            },
        )


def polyline_lengths(lines: list[np.ndarray]) -> np.ndarray:
    """The length of each (n, 2) polyline, in one vectorised pass over all their vertices (a call per
    street cost more than the rest of the indicators)."""
    if not lines:
        return np.zeros(0)
    sizes = np.fromiter((len(line) for line in lines), dtype=np.int64, count=len(lines))
    xy = np.concatenate(lines)
    walked = np.concatenate([[0.0], np.cumsum(np.hypot(*np.diff(xy, axis=0).T))])  # from the first vertex
    ends = np.cumsum(sizes) - 1
    return walked[ends] - walked[ends - sizes + 1]


def indicators(result: CyclingResult, lang: str):
    inside = [i for i, s in enumerate(result.streets) if s.inside]
    lengths = polyline_lengths([result.streets[i].coords for i in inside]).tolist()
    r = [result.ratings[i] for i in inside]
    return cycling_indicators(
        lengths_m=lengths,
        lts=[x.lts for x in r],
        left=[x.facilities.left for x in r],
        right=[x.facilities.right for x in r],
        speed_tagged=[has_speed_tag(result.streets[i].tags) for i in inside],
        is_street=[result.streets[i].tags.get("highway") not in NON_STREET for i in inside],
        n_islands=len(result.connectivity.islands),
        n_sizeable_islands=sum(
            i.length_m >= result.settings.min_island_m for i in result.connectivity.islands
        ),
        largest_share=result.connectivity.largest_share(),
        n_gaps=len(result.connectivity.gaps),
        lang=lang,
    )
