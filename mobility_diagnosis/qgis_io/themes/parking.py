"""The parking theme over a territory GeoPackage: reads the layers, calls the pure core
(``core.parking``) and returns output rows ready for the diagnosis GeoPackage.

Kept out of the Processing algorithm so that it runs (and is tested) on a territory file alone.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Callable, Optional, Sequence

import numpy as np
from osgeo import ogr, osr

from ...core import parking as pk
from ...core.network import Network
from ...core.walking import walk_rule
from ..gpkg.territory import lonlat_transform
from .accessibility_geometry import point as _point

SUPPLY_LAYER = "parking_supply"
GAPS_LAYER = "bike_parking_gaps"
REQUIRED_LAYERS = ("car_parking", "bike_parking", "streets")
DESTINATION_LAYERS = ("schools", "transit_stops", "pois", "buildings")  # read when present

# parking_supply: one point per car park, bike parking and on-street street side (INTERFACE.md fields
# first, then extras). On-street points sit 3 m to their side of the street's middle.
SUPPLY_FIELDS: list[tuple[str, str]] = [
    ("osm_id", "int"), ("kind", "str"), ("capacity", "int"), ("capacity_estimated", "bool"),
    ("osm_type", "str"), ("name", "str"), ("inside", "bool"), ("parking_type", "str"),
    ("estimate_method", "str"), ("capacity_disabled", "int"), ("fee", "str"), ("access", "str"),
    ("levels", "int"), ("area_m2", "float"), ("side", "str"), ("scheme", "str"), ("status", "str"),
    ("orientation", "str"), ("restriction", "str"), ("length_m", "float"), ("covered", "bool"),
    ("bike_parking_type", "str"),
]  # fmt: skip
GAP_FIELDS: list[tuple[str, str]] = [
    ("destination", "str"), ("nearest_bike_parking_m", "float"), ("destination_kind", "str"),
    ("osm_type", "str"), ("osm_id", "int"), ("distance_method", "str"), ("gap_distance_m", "float"),
]  # fmt: skip
SIDE_OFFSET_M = 3.0
# Network distances are searched up to this many times the gap distance (at least 1 km); farther,
# nearest_bike_parking_m is NULL ("no bike parking within reach").
SEARCH_FACTOR, SEARCH_MIN_M = 10.0, 1000.0


@dataclass
class ParkingResult:
    supply: list = field(default_factory=list)  # (ogr point, dict)
    gaps: list = field(default_factory=list)  # (ogr point, dict)
    indicators: list = field(default_factory=list)  # core.parking.IndicatorRow
    bike_items: list = field(default_factory=list)  # (osm_type, osm_id, tags, lon, lat), inside only
    warnings: list = field(default_factory=list)
    distance_method: str = "crow_fly"
    totals: Optional[pk.ParkingTotals] = None


def _xy(point: ogr.Geometry) -> tuple[float, float]:
    return point.GetX(), point.GetY()


def _representative_point(geometry: ogr.Geometry) -> Optional[ogr.Geometry]:
    if geometry is None or geometry.IsEmpty():
        return None
    flat = ogr.GT_Flatten(geometry.GetGeometryType())
    if flat == ogr.wkbPoint:
        return _point(geometry.GetX(), geometry.GetY())
    if flat in (ogr.wkbPolygon, ogr.wkbMultiPolygon):
        point = geometry.PointOnSurface()
        if point is not None and not point.IsEmpty():
            return point
    centroid = geometry.Centroid()
    return centroid if centroid is not None and not centroid.IsEmpty() else None


def _side_points(line: ogr.Geometry, length: float) -> dict[str, ogr.Geometry]:
    """Points beside the middle of a street, left and right in the way's direction (OSM sides)."""
    points = line.GetPoints() or []
    if len(points) < 2 or length <= 0:
        mid = _representative_point(line)
        return {"left": mid, "right": mid}
    xy = np.asarray(points, dtype=float)[:, :2]
    seg = np.hypot(*(xy[1:] - xy[:-1]).T)
    cum = np.concatenate([[0.0], np.cumsum(seg)])
    half = cum[-1] / 2.0
    i = int(min(np.searchsorted(cum, half, side="right") - 1, len(seg) - 1))
    t = (half - cum[i]) / seg[i] if seg[i] > 0 else 0.0
    mx, my = xy[i] + (xy[i + 1] - xy[i]) * t
    dx, dy = (xy[i + 1] - xy[i]) / (seg[i] or 1.0)
    nx, ny = -dy, dx  # left normal
    return {
        "left": _point(mx + nx * SIDE_OFFSET_M, my + ny * SIDE_OFFSET_M),
        "right": _point(mx - nx * SIDE_OFFSET_M, my - ny * SIDE_OFFSET_M),
    }


def _row(**values) -> dict:
    return {name: values.get(name) for name, _ in SUPPLY_FIELDS}


def analyse_parking(
    territory,
    *,
    gap_distance_m: float = 50.0,
    use_network: bool = True,
    lang: str = "en",
    progress: Callable[[float], None] = lambda fraction: None,
    cancelled: Callable[[], bool] = lambda: False,
    carpool: Optional[Sequence[pk.CarpoolArea]] = None,
) -> ParkingResult:
    """Everything the parking theme writes, from a ``TerritoryGpkg`` (or an object with the same
    ``features``, ``layer_names``, ``about``, ``population``, ``code`` and ``srs``)."""
    result = ParkingResult()
    totals = dict.fromkeys(pk.ParkingTotals.__dataclass_fields__, 0)
    totals["car_park_land_m2"] = totals["street_length_m"] = totals["street_length_with_info_m"] = 0.0
    to_wgs84 = _to_wgs84(territory)

    # Off-street car parks
    for feature in territory.features("car_parking"):
        if cancelled():
            return result
        point = _representative_point(feature.geometry)
        if point is None:
            continue
        label = pk.feature_label(feature.osm_type, feature.osm_id, feature.tags)
        area = feature.fields.get("area_m2") or _area(feature.geometry)
        park = pk.car_park(feature.tags, area, feature=label, lang=lang)
        result.warnings.extend(park.warnings)
        result.supply.append((point, _row(
            osm_id=feature.osm_id, osm_type=feature.osm_type, kind=park.kind, capacity=park.capacity,
            capacity_estimated=park.capacity_estimated, name=feature.tags.get("name"), inside=feature.inside,
            parking_type=park.parking_type, estimate_method=park.estimate_method or None,
            capacity_disabled=park.capacity_disabled, fee=park.fee, access=park.access, levels=park.levels,
            area_m2=round(area, 1) if area else None,
        )))  # fmt: skip
        if not feature.inside:
            continue
        if park.capacity is None:
            totals["car_parks_unknown_capacity"] += 1
        else:
            on_street = park.parking_type == "street_side"  # parking bays along a street, mapped as areas
            prefix = "car_on_street" if on_street else "car_off_street"
            totals[prefix] += park.capacity
            if park.capacity_estimated:
                totals[prefix + "_estimated"] += park.capacity
        if area and park.takes_land:
            totals["car_park_land_m2"] += area
    progress(0.2)

    # Bike parking
    bike_xy = []
    for feature in territory.features("bike_parking"):
        point = _representative_point(feature.geometry)
        if point is None:
            continue
        label = pk.feature_label(feature.osm_type, feature.osm_id, feature.tags)
        bike = pk.bike_parking(feature.tags, feature=label, lang=lang)
        result.warnings.extend(bike.warnings)
        bike_xy.append(_xy(point))
        result.supply.append((point, _row(
            osm_id=feature.osm_id, osm_type=feature.osm_type, kind="bike_parking", capacity=bike.capacity,
            capacity_estimated=False, name=feature.tags.get("name"), inside=feature.inside, fee=bike.fee,
            access=bike.access, covered=bike.covered, bike_parking_type=bike.bike_parking_type,
        )))  # fmt: skip
        if feature.inside:
            if bike.capacity is None:
                totals["bike_parkings_unknown_capacity"] += 1
            else:
                totals["bike_spaces"] += bike.capacity
            lon, lat = _lonlat(point, to_wgs84)
            result.bike_items.append((feature.osm_type, feature.osm_id, dict(feature.tags), lon, lat))
    # Carpool areas (national base, lon/lat): those inside the territory
    if carpool is not None:  # None: the base was not read, so its counts stay unknown
        rows = _carpool_rows(territory, carpool)
        result.supply.extend(rows)
        totals["carpool_areas"] = len(rows)
        totals["carpool_spaces"] = sum(row["capacity"] or 0 for _point, row in rows)
    else:
        totals["carpool_areas"] = totals["carpool_spaces"] = None
    progress(0.3)

    # On-street parking, and the walking network
    walk_ways: list[np.ndarray] = []
    for feature in territory.features("streets"):
        if cancelled():
            return result
        line = feature.geometry
        if line is None or line.IsEmpty():
            continue
        tags = feature.tags
        length = line.Length()
        if walk_rule(tags).walkable:
            points = line.GetPoints() or []
            if len(points) >= 2:
                walk_ways.append(np.asarray(points, dtype=float)[:, :2])
        informed = pk.has_parking_info(tags)
        if feature.inside and tags.get("highway") in pk.ROADS_WITH_KERBS:
            totals["street_length_m"] += length
            if informed:
                totals["street_length_with_info_m"] += length
        if not informed:
            continue
        label = pk.feature_label(feature.osm_type, feature.osm_id, tags)
        side_points = _side_points(line, length)
        for side in pk.street_sides(tags, length, feature=label, lang=lang):
            result.warnings.extend(side.warnings)
            result.supply.append((side_points[side.side], _row(
                osm_id=feature.osm_id, osm_type=feature.osm_type, kind="on_street", capacity=side.capacity,
                capacity_estimated=side.capacity_estimated, name=tags.get("name"), inside=feature.inside,
                estimate_method=side.estimate_method or None, side=side.side, scheme=side.scheme,
                status=side.status, orientation=side.orientation, restriction=side.restriction,
                length_m=round(length, 1), fee=tags.get(f"parking:{side.side}:fee"),
            )))  # fmt: skip
            if feature.inside and side.capacity is not None:
                totals["car_on_street"] += side.capacity
                if side.capacity_estimated:
                    totals["car_on_street_estimated"] += side.capacity
    progress(0.5)

    # Destinations and bike-parking gaps
    destinations = _destinations(territory, lang)
    totals["destinations"] = len(destinations)
    dest_xy = np.array([d[4] for d in destinations], dtype=float).reshape(-1, 2)
    targets = np.array(bike_xy, dtype=float).reshape(-1, 2)
    crow = pk.nearest_distances(dest_xy, targets)
    distances, methods = crow.copy(), ["crow_fly"] * len(destinations)
    if use_network and walk_ways and len(targets) and len(destinations):
        result.distance_method = "network"
        network = Network.from_ways(walk_ways)
        limit = max(SEARCH_MIN_M, SEARCH_FACTOR * gap_distance_m)
        dist_field = network.multi_source_distances(targets, max_distance=limit)
        net_dist, _source, reasons = dist_field.at_points(dest_xy)
        for i, reason in enumerate(reasons):
            if reason is None:
                distances[i] = net_dist[i]
                methods[i] = "network"
            elif reason in ("beyond_max_distance", "unreachable"):
                distances[i] = math.inf
                methods[i] = "network"
            # not snapped (no street near the destination) or no source: the straight line stands
    progress(0.8)
    for (kind, osm_type, osm_id, tags, xy), dist, method in zip(destinations, distances, methods):
        if dist <= gap_distance_m:
            totals["destinations_served"] += 1
            continue
        result.gaps.append((_point(*xy), {
            "destination": pk.destination_label(kind, tags, lang), "destination_kind": kind,
            "osm_type": osm_type, "osm_id": osm_id,
            "nearest_bike_parking_m": round(float(dist), 1) if math.isfinite(dist) else None,
            "distance_method": method, "gap_distance_m": float(gap_distance_m),
        }))  # fmt: skip

    result.totals = pk.ParkingTotals(**totals)
    population = territory.population or pk.population_from_about(territory.about)
    result.indicators = pk.parking_indicators(
        result.totals, population, gap_distance_m=gap_distance_m, distance_method=result.distance_method,
        lang=lang,
    )  # fmt: skip
    progress(1.0)
    return result


def _carpool_rows(territory, areas: Sequence[pk.CarpoolArea]) -> list:
    to_metric = _from_wgs84(territory)
    outline = getattr(territory, "territory_geometry", None)
    rows = []
    for area in areas:
        point = _point(area.lon, area.lat)
        if to_metric is not None:
            point.Transform(to_metric)
        if outline is not None and not outline.Intersects(point):
            continue
        rows.append((point, _row(
            osm_id=None, osm_type=None, kind="carpool", capacity=area.capacity, capacity_estimated=False,
            name=area.name, inside=True, parking_type="carpool_area",
        )))  # fmt: skip
    return rows


def _from_wgs84(territory) -> Optional[osr.CoordinateTransformation]:
    srs = getattr(territory, "srs", None)
    if srs is None:
        return None
    return lonlat_transform(srs)


def _destinations(territory, lang: str) -> list:
    """(kind, osm_type, osm_id, tags, (x, y)) of every destination inside the territory, each OSM
    object once even when several layers hold it (a town hall is a POI and a building)."""
    seen, out = set(), []
    for layer in DESTINATION_LAYERS:
        if layer not in territory.layer_names:
            continue
        for feature in territory.features(layer, inside_only=True):
            key = (feature.osm_type, feature.osm_id)
            if key in seen:
                continue
            kind = pk.destination_kind(feature.tags)
            if kind is None:
                continue
            point = _representative_point(feature.geometry)
            if point is None:
                continue
            seen.add(key)
            out.append((kind, feature.osm_type, feature.osm_id, feature.tags, _xy(point)))
    return out


def _area(geometry: Optional[ogr.Geometry]) -> Optional[float]:
    if geometry is None:
        return None
    flat = ogr.GT_Flatten(geometry.GetGeometryType())
    return geometry.GetArea() if flat in (ogr.wkbPolygon, ogr.wkbMultiPolygon) else None


def _to_wgs84(territory) -> Optional[osr.CoordinateTransformation]:
    srs = getattr(territory, "srs", None)
    if srs is None:
        return None
    return lonlat_transform(srs, to_lonlat=True)


def _lonlat(point: ogr.Geometry, transform: Optional[osr.CoordinateTransformation]) -> tuple[float, float]:
    if transform is None:
        return point.GetX(), point.GetY()
    copy = point.Clone()
    copy.Transform(transform)
    return copy.GetX(), copy.GetY()


_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})")


def data_date(about: dict) -> str:
    """YYYY-MM-DD of the OSM data (schema field date_maj), or '' when unknown."""
    for key in ("osm_timestamp", "retrieved_at"):
        match = _DATE.match(str(about.get(key) or ""))
        if match:
            return match.group(1)
    return ""
