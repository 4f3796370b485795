"""The accessibility theme on a territory GeoPackage: build the walking network from ``streets``, read
destinations, origins and the GTFS feed, run the pure core (``core.network``, ``core.accessibility``,
``core.walking``, ``core.gtfs``) and shape the output layers (INTERFACE.md; method in
docs/accessibility.md). Kept out of the Processing algorithm so that it runs on a territory file alone.

The walking network is built once; each destination type costs one multi-source shortest-path pass,
whatever the number of destinations.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

import numpy as np
from osgeo import ogr
from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform

from ...core import accessibility as acc
from ...core import gtfs as gtfs_core
from ...core.fetch_errors import Cancelled
from ...core.indicators import Indicator
from ...core.network import DEFAULT_MAX_SNAP_M, Network, reason_message
from ...core.osm_layers import poi_category
from ...core.walking import missing_sidewalk_info, walk_rule
from ...i18n import tr
from ..gpkg.diagnosis import LayerSpec
from ..sources.gtfs_online import DEFAULT_API_URL as GTFS_DEFAULT_API_URL
from ..sources.gtfs_online import GtfsOnlineError, fetch_commune_feeds, is_online
from .accessibility_geometry import line_parts, lonlat_to, multilinestring, point, representative_point
from .public_buildings import ACCESLIBRE_DEFAULT_API_URL, PUBLIC_BUILDINGS, public_buildings

CATCHMENT_MODES = ("bands", "per_destination", "none")
# Destinations that get catchments (the others only get distances in walk_access).
CATCHMENT_KINDS = ("stop", "frequent_stop", "school")
KERB_SEARCH_M = 8.0  # kerb nodes mapped on each side of a crossing lie a few metres away
BUILDINGS_ALONG_M = 50.0

STOP_ACCESS = LayerSpec(
    "stop_access",
    "Point",
    [
        ("osm_id", "int"),
        ("osm_type", "str"),
        ("name", "str"),
        ("wheelchair", "str"),
        ("kerb", "str"),
        ("tactile_paving", "str"),
        ("shelter", "str"),
        ("bench", "str"),
        ("gap", "str"),
        ("issues", "str"),
        ("departures_per_hour", "float"),
        ("frequent", "bool"),
        ("inside", "bool"),
    ],
)
TRANSIT_SERVICE = LayerSpec(
    "transit_service",
    "Point",
    [
        ("stop_id", "str"),
        ("name", "str"),
        ("departures", "int"),
        ("departures_per_hour", "float"),
        ("frequent", "bool"),
        ("parent_station", "str"),
        ("station_name", "str"),
        ("osm_id", "int"),
        ("osm_name", "str"),
        ("match", "str"),
        ("match_distance_m", "float"),
        ("date", "str"),
        ("window", "str"),
    ],
)
CROSSING_ACCESS = LayerSpec(
    "crossing_access",
    "Point",
    [
        ("osm_id", "int"),
        ("crossing", "str"),
        ("kerb", "str"),
        ("tactile_paving", "str"),
        ("inside", "bool"),
    ],
)
SIDEWALK_GAPS = LayerSpec(
    "sidewalk_gaps",
    "LineString",
    [
        ("osm_id", "int"),
        ("highway", "str"),
        ("name", "str"),
        ("length_m", "float"),
        ("reason", "str"),
    ],
)
CATCHMENTS = LayerSpec(
    "walk_catchments",
    "MultiLineString",
    [
        ("destination", "str"),
        ("source_id", "str"),
        ("source_name", "str"),
        ("band_m", "int"),
        ("length_m", "float"),
    ],
)
WALK_FIELDS = [
    ("origin_id", "str"),
    ("origin_kind", "str"),
    ("population", "float"),
    ("inside", "bool"),
    ("snap_m", "float"),
]
WALK_FIELDS += [(name, "float") for name, _ in acc.DESTINATIONS]
WALK_FIELDS += [("stop_id", "str"), ("school_id", "str"), ("reason", "str")]

OUTPUT_LAYERS = (
    "walk_access",
    "stop_access",
    "transit_service",
    "walk_catchments",
    "crossing_access",
    "sidewalk_gaps",
    "public_buildings_access",
)


def _osm_ref(osm_type: str, osm_id: int) -> str:
    return f"{(osm_type or 'n')[0]}{osm_id}"


class AccessibilityError(ValueError):
    """A bad input (no streets, a POPULATION layer without its field, an unreadable GTFS feed); the
    message says what to do."""


@dataclass
class AccessibilitySettings:
    """The algorithm's parameters, read by processing/accessibility.py."""

    max_snap: float = DEFAULT_MAX_SNAP_M
    catchments: str = "bands"  # one of CATCHMENT_MODES
    gtfs: str = ""  # a .zip path, a folder of them (every feed merged), 'online', or '' for none
    gtfs_date: str = ""
    gtfs_start: str = gtfs_core.DEFAULT_START
    gtfs_end: str = gtfs_core.DEFAULT_END
    frequent_per_hour: float = gtfs_core.DEFAULT_FREQUENT_PER_HOUR
    gtfs_api_url: str = GTFS_DEFAULT_API_URL
    acceslibre: str = ""  # an Acceslibre CSV export, 'online', or '' for none
    acceslibre_api_url: str = ACCESLIBRE_DEFAULT_API_URL
    acceslibre_api_key: str = ""  # never logged


@dataclass
class AccessibilityResult:
    layers: list = field(default_factory=list)  # [(LayerSpec, rows)]
    indicators: list[Indicator] = field(default_factory=list)


# ------------------------------------------------------------------------------------------ run
def analyse(
    territory,
    settings: AccessibilitySettings,
    feedback,
    *,
    lang: str,
    population=None,
    transform_context=None,
) -> Optional[AccessibilityResult]:
    """Every layer and indicator of the theme; None when cancelled. ``feedback`` takes pushInfo, pushWarning,
    setProgress and isCanceled (a QgsProcessingFeedback); ``population``: (QgsFeatureSource, field name)
    for the POPULATION origins, else the buildings are the origins. Raises AccessibilityError."""
    max_snap = settings.max_snap
    mode = settings.catchments
    buildings = list(territory.features("buildings", fields=()))

    feedback.pushInfo(tr("Building the walking network …"))
    ways, way_tags, way_ids, walkable, counted, way_inside = [], [], [], [], [], []
    for feature in territory.features("streets", fields=()):
        rule = walk_rule(feature.tags)
        for part in line_parts(feature.geometry):
            if len(part) >= 2:
                ways.append(part)
                way_tags.append(feature.tags)
                way_ids.append(feature.osm_id)
                way_inside.append(feature.inside)
                walkable.append(rule.walkable)
                counted.append(rule.counted and not rule.sidewalk_separate)
    if not ways:
        raise AccessibilityError(
            tr(
                "The territory has no streets, so no walking distance can be computed. "
                "Check the territory GeoPackage (layer streets) and fetch it again."
            )
        )
    net = Network.from_ways(ways)
    walk_mask = np.array(walkable, dtype=bool)
    feedback.pushInfo(
        tr("Walking network: {} ways, {} junctions, {:.1f} km walkable").format(
            net.n_ways, net.n_nodes, float(net.edge_length[walk_mask[net.edge_way]].sum()) / 1000
        )
    )
    feedback.setProgress(10)
    if feedback.isCanceled():
        return None

    # ---- destinations
    stops = list(territory.features("transit_stops", fields=()))
    stop_xy = np.array([representative_point(f.geometry) for f in stops]).reshape(-1, 2)
    schools = list(territory.features("schools", fields=()))
    school_xy = np.array([representative_point(f.geometry) for f in schools]).reshape(-1, 2)
    pois = list(territory.features("pois", fields=("category",)))
    poi_cat = [f.fields.get("category") or poi_category(f.tags) for f in pois]
    poi_xy = np.array([representative_point(f.geometry) for f in pois]).reshape(-1, 2)

    service, gtfs_layer_rows, frequent_xy, frequent_ids, frequent_names, stop_dph = transit(
        territory, settings, feedback, stop_xy, stops, lang
    )
    feedback.setProgress(25)

    destinations: Dict[str, Tuple[np.ndarray, List[str], List[str]]] = {
        "stop": (
            stop_xy,
            [_osm_ref(f.osm_type, f.osm_id) for f in stops],
            [f.tags.get("name", "") for f in stops],
        ),
        "school": (
            school_xy,
            [_osm_ref(f.osm_type, f.osm_id) for f in schools],
            [f.tags.get("name", "") for f in schools],
        ),
    }
    for cat in ("shop", "health", "townhall"):
        idx = [i for i, c in enumerate(poi_cat) if c == cat]
        destinations[cat] = (
            poi_xy[idx].reshape(-1, 2),
            [_osm_ref(pois[i].osm_type, pois[i].osm_id) for i in idx],
            [pois[i].tags.get("name", "") for i in idx],
        )
    if service is not None:
        destinations["frequent_stop"] = (frequent_xy, frequent_ids, frequent_names)

    # ---- origins
    origins = read_origins(territory, buildings, population, transform_context, feedback)
    origin_xy = np.array([o[1] for o in origins]).reshape(-1, 2)
    origin_snap = net.snap(origin_xy, max_snap, walk_mask)

    fields: Dict[str, Tuple[np.ndarray, np.ndarray, List[Optional[str]]]] = {}
    distance_fields = {}
    for field_name, kind in acc.DESTINATIONS:
        if feedback.isCanceled():
            return None
        if kind not in destinations:
            fields[field_name] = (
                np.full(len(origins), np.nan),
                np.full(len(origins), -1),
                ["no_gtfs"] * len(origins),
            )
            continue
        xy = destinations[kind][0]
        dfield = net.multi_source_distances(xy, mask=walk_mask, max_snap=DEFAULT_MAX_SNAP_M)
        distance_fields[kind] = dfield
        fields[field_name] = dfield.at_snap(origin_snap)
        unsnapped = int((~dfield.source_snap.ok).sum())
        if unsnapped:
            feedback.pushWarning(
                tr(
                    "{} of {} destinations '{}' are more than {:.0f} m from a walkable street and "
                    "were left out."
                ).format(unsnapped, len(xy), kind, DEFAULT_MAX_SNAP_M)
            )
    feedback.setProgress(50)

    walk_layer = walk_rows(origins, origin_snap, fields, destinations, lang, max_snap)
    catchment_layer = catchment_rows(net, walk_mask, destinations, distance_fields, mode, feedback)
    feedback.setProgress(75)

    # ---- stops, crossings, sidewalks
    stop_rows, wheelchair_classes = [], []
    for f, (x, y), dph in zip(stops, stop_xy, stop_dph):
        if not acc.is_boarding_place(f.tags):
            continue
        s = acc.stop_access(f.tags)
        if f.inside:
            wheelchair_classes.append(s.wheelchair)
        stop_rows.append(
            (
                point(x, y),
                {
                    "osm_id": f.osm_id,
                    "osm_type": f.osm_type,
                    "name": f.tags.get("name"),
                    "wheelchair": s.wheelchair,
                    "kerb": s.kerb,
                    "tactile_paving": s.tactile_paving,
                    "shelter": s.shelter,
                    "bench": s.bench,
                    "gap": s.gap,
                    "issues": s.issues,
                    "departures_per_hour": dph,
                    "frequent": None if dph is None or service is None else dph >= service.frequent_per_hour,
                    "inside": f.inside,
                },
            )
        )
    crossing_layer, kerb_classes = crossing_rows(territory)
    sidewalk_rows, sidewalk_km = sidewalk_gap_rows(buildings, net, way_tags, way_ids, way_inside, ways)

    try:
        buildings_layer, buildings_indicators = public_buildings(
            territory, settings, feedback, lang, net, walk_mask, distance_fields, destinations
        )
    except Cancelled as exc:
        raise AccessibilityError(exc.message(lang)) from exc

    # ---- indicators
    inside = np.array([o[3] for o in origins], dtype=bool)
    weights = np.array([o[4] for o in origins], dtype=float)[inside]
    street_km = None
    if "stop" in distance_fields:
        edge_cov = distance_fields["stop"].edge_coverage(500.0)
        counted_edges = (np.array(counted, dtype=bool) & np.array(way_inside, dtype=bool))[net.edge_way]
        street_km = float(edge_cov[counted_edges].sum()) / 1000.0
    freq_text = None
    if service is not None:
        freq_text = (
            service.frequent_per_hour,
            service.date.isoformat(),
            _hhmm(service.start),
            _hhmm(service.end),
        )
    indicators = acc.indicators(
        dist_stop=fields["dist_stop_m"][0][inside],
        dist_frequent=fields["dist_frequent_stop_m"][0][inside] if service is not None else None,
        dist_school=fields["dist_school_m"][0][inside],
        weights=weights,
        by_population=bool(origins) and origins[0][2] == "population",
        wheelchair=wheelchair_classes,
        crossing_kerbs=kerb_classes,
        street_km_500=street_km,
        sidewalk_gap_km=sidewalk_km,
        frequent_stops=None if service is None else len(frequent_ids),
        freq_text=freq_text,
        lang=lang,
    )
    if not origins:
        feedback.pushWarning(
            tr(
                "No origins: the territory has no residential buildings and no POPULATION layer "
                "was given, so the shares of residents near stops cannot be computed. Give a "
                "POPULATION layer (e.g. the INSEE 200 m grid) to get them."
            )
        )
    feedback.setProgress(90)

    walk_spec = LayerSpec("walk_access", origin_geometry_type(origins), WALK_FIELDS)
    layers = [
        (walk_spec, walk_layer),
        (STOP_ACCESS, stop_rows),
        (TRANSIT_SERVICE, gtfs_layer_rows),
        (CATCHMENTS, catchment_layer),
        (CROSSING_ACCESS, crossing_layer),
        (SIDEWALK_GAPS, sidewalk_rows),
        (PUBLIC_BUILDINGS, buildings_layer),
    ]
    return AccessibilityResult(layers, indicators + buildings_indicators)


# ------------------------------------------------------------------------------------------ parts
def transit(territory, settings: AccessibilitySettings, feedback, stop_xy, stops, lang):
    """Departures per stop from the GTFS feed, its stops matched to OSM ones, and the frequent stops."""
    path = settings.gtfs
    none = (None, [], np.zeros((0, 2)), [], [], [None] * len(stops))
    if not path:
        feedback.pushInfo(tr("No GTFS feed given: no departures, no frequent stops."))
        return none
    if is_online(path):
        path = online_feed(territory, settings.gtfs_api_url, feedback, lang)
        if path is None:
            return none
    try:
        service = gtfs_core.transit_services(
            path,
            settings.gtfs_date or None,
            settings.gtfs_start or gtfs_core.DEFAULT_START,
            settings.gtfs_end or gtfs_core.DEFAULT_END,
            settings.frequent_per_hour,
            lang=lang,
        )
    except gtfs_core.GtfsError as exc:
        raise AccessibilityError(str(exc)) from exc
    for why in service.skipped:
        feedback.pushWarning(tr("GTFS feed left out: {}").format(why))
    feedback.pushInfo(
        tr("GTFS: {} trips on {}, departures counted {}–{}").format(
            service.trips_on_date, service.date.isoformat(), _hhmm(service.start), _hhmm(service.end)
        )
    )
    xy = lonlat_to(territory.srs, [(s.lon, s.lat) for s in service.stops])
    area = territory.territory_geometry.Buffer(float(territory.about.get("buffer_m") or 0.0))
    env = area.GetEnvelope()
    keep = [
        i
        for i, (x, y) in enumerate(xy)
        if env[0] <= x <= env[1] and env[2] <= y <= env[3] and area.Contains(point(x, y))
    ]
    if not keep:
        feedback.pushWarning(
            tr(
                "None of the {} stops of the GTFS feed lies in the territory: is it the right " "feed?"
            ).format(len(service.stops))
        )
    kept = [service.stops[i] for i in keep]
    kept_xy = xy[keep].reshape(-1, 2)
    station_names = [service.stations.get(s.parent_station, ("",))[0] for s in kept]
    osm_names = [f.tags.get("name", "") for f in stops]
    matches = acc.match_stops(kept_xy, [s.name for s in kept], station_names, stop_xy, osm_names)
    rows = []
    window = f"{_hhmm(service.start)}-{_hhmm(service.end)}"
    best_dph: Dict[int, float] = {}
    for s, (x, y), m, station in zip(kept, kept_xy, matches, station_names):
        rows.append(
            (
                point(x, y),
                {
                    "stop_id": s.stop_id,
                    "name": s.name,
                    "departures": s.departures,
                    "departures_per_hour": s.departures_per_hour,
                    "frequent": s.frequent,
                    "parent_station": s.parent_station,
                    "station_name": station,
                    "osm_id": stops[m.index].osm_id if m.index >= 0 else None,
                    "osm_name": osm_names[m.index] if m.index >= 0 else None,
                    "match": m.how,
                    "match_distance_m": m.distance_m,
                    "date": service.date.isoformat(),
                    "window": window,
                },
            )
        )
        if m.index >= 0:
            best_dph[m.index] = max(best_dph.get(m.index, 0.0), s.departures_per_hour)
    frequent = [i for i, s in enumerate(kept) if s.frequent]
    stop_dph = [best_dph.get(i) for i in range(len(stops))]
    matched = sum(1 for m in matches if m.index >= 0)
    feedback.pushInfo(
        tr("GTFS stops in the territory: {}, matched to OSM stops: {}, frequent: {}").format(
            len(kept), matched, len(frequent)
        )
    )
    return (
        service,
        rows,
        kept_xy[frequent].reshape(-1, 2),
        [kept[i].stop_id for i in frequent],
        [kept[i].name for i in frequent],
        stop_dph,
    )


def online_feed(territory, api_url: str, feedback, lang) -> Optional[str]:
    """The folder of the commune's feeds from transport.data.gouv.fr; None (with a warning) when there is
    none."""
    api_url = api_url or GTFS_DEFAULT_API_URL
    feedback.pushInfo(tr("Looking for the GTFS feeds of {} on {} …").format(territory.code, api_url))
    try:
        found = fetch_commune_feeds(territory.code, api_url, feedback=feedback, lang=lang)
    except Cancelled as exc:
        raise AccessibilityError(exc.message(lang)) from exc
    except GtfsOnlineError as exc:
        feedback.pushWarning(
            tr("No online GTFS feed: {} The theme continues without departures.").format(exc)
        )
        return None
    for choice in found.feeds:
        feedback.pushInfo(choice.explain(lang))
    for why in found.failed:
        feedback.pushWarning(tr("GTFS feed left out: {}").format(why))
    return found.folder


def read_origins(territory, buildings, population, transform_context, feedback):
    """(id, (x, y), kind, inside, weight, geometry) per origin: POPULATION features, else homes."""
    source, field = population if population is not None else (None, "")
    origins = []
    if source is not None:
        if not field:
            raise AccessibilityError(
                tr(
                    "A POPULATION layer was given without POPULATION_FIELD: choose the field "
                    "holding the number of residents."
                )
            )
        crs = QgsCoordinateReferenceSystem.fromWkt(territory.crs_wkt)
        transform = QgsCoordinateTransform(source.sourceCrs(), crs, transform_context)
        outline = territory.territory_geometry
        skipped = 0
        for feature in source.getFeatures():
            geometry = feature.geometry()
            value = feature[field]
            try:
                weight = float(value)
            except (TypeError, ValueError):
                weight = math.nan
            if geometry is None or geometry.isEmpty() or not math.isfinite(weight):
                skipped += 1
                continue
            geometry.transform(transform)
            g = ogr.CreateGeometryFromWkb(bytes(geometry.asWkb()))
            origins.append(
                (
                    str(feature.id()),
                    representative_point(g),
                    "population",
                    g.Intersects(outline),
                    weight,
                    g,
                )
            )
        if skipped:
            feedback.pushWarning(
                tr("{} population features without geometry or number were skipped.").format(skipped)
            )
        return origins
    for f in buildings:
        cls = acc.building_origin_class(f.tags)
        if cls is None:
            continue
        origins.append(
            (
                _osm_ref(f.osm_type, f.osm_id),
                representative_point(f.geometry),
                cls,
                f.inside,
                1.0,
                f.geometry,
            )
        )
    residential = sum(1 for o in origins if o[2] == "residential")
    feedback.pushInfo(
        tr("Origins: {} buildings ({} tagged residential, the others building=yes)").format(
            len(origins), residential
        )
    )
    return origins


def origin_geometry_type(origins) -> str:
    if not origins:
        return "MultiPolygon"
    kind = ogr.GT_Flatten(origins[0][5].GetGeometryType())
    return "Point" if kind in (ogr.wkbPoint, ogr.wkbMultiPoint) else "MultiPolygon"


def walk_rows(origins, snap, fields, destinations, lang, max_snap):
    rows = []
    names = [name for name, _ in acc.DESTINATIONS]
    polygon = origin_geometry_type(origins) == "MultiPolygon"
    for i, (oid, _, kind, inside, weight, geometry) in enumerate(origins):
        attrs = {
            "origin_id": oid,
            "origin_kind": kind,
            "population": weight if kind == "population" else None,
            "inside": inside,
            "snap_m": snap.distance[i],
        }
        reasons = []
        for name in names:
            dist, src, why = fields[name]
            attrs[name] = dist[i]
            if why[i]:
                text = (
                    tr("no GTFS feed")
                    if why[i] == "no_gtfs"
                    else reason_message(why[i], lang, max_snap=max_snap)
                )
                reasons.append(f"{name}: {text}")
        for key, kind_name in (("stop_id", "stop"), ("school_id", "school")):
            src = fields[f"dist_{kind_name}_m"][1][i]
            attrs[key] = destinations[kind_name][1][src] if src >= 0 else None
        attrs["reason"] = "; ".join(reasons) or None
        g = geometry
        if polygon and ogr.GT_Flatten(g.GetGeometryType()) == ogr.wkbPolygon:
            g = ogr.ForceToMultiPolygon(g)
        rows.append((g, attrs))
    return rows


def catchment_rows(net, walk_mask, destinations, distance_fields, mode, feedback):
    rows = []
    if mode == "none":
        return rows
    for kind in CATCHMENT_KINDS:
        if kind not in distance_fields:
            continue
        _, ids, names = destinations[kind]
        groups = acc.catchment_groups(net, walk_mask, distance_fields[kind], mode, feedback.isCanceled)
        for src, band, parts, length in groups:
            attrs = {"destination": kind, "source_id": ids[src], "source_name": names[src]}
            attrs.update({"band_m": band, "length_m": length})
            rows.append((multilinestring(parts), attrs))
        if feedback.isCanceled():
            return rows
    return rows


def crossing_rows(territory):
    feats = list(territory.features("crossings", fields=()))
    kerb_feats = [
        f
        for f in feats
        if f.tags.get("highway") != "crossing" and ("kerb" in f.tags or f.tags.get("barrier") == "kerb")
    ]
    kerb_xy = np.array([representative_point(f.geometry) for f in kerb_feats]).reshape(-1, 2)
    rows, classes = [], []
    for f in feats:
        if f.tags.get("highway") != "crossing":
            continue
        x, y = representative_point(f.geometry)
        near = []
        if len(kerb_xy):
            d = np.hypot(kerb_xy[:, 0] - x, kerb_xy[:, 1] - y)
            near = [kerb_feats[j].tags for j in np.flatnonzero(d <= KERB_SEARCH_M).tolist()]
        kerb = acc.crossing_kerb_class(f.tags, near)
        if f.inside:
            classes.append(kerb)
        rows.append(
            (
                point(x, y),
                {
                    "osm_id": f.osm_id,
                    "crossing": f.tags.get("crossing"),
                    "kerb": kerb,
                    "tactile_paving": acc.tag_class(f.tags, "tactile_paving", acc.YES_NO),
                    "inside": f.inside,
                },
            )
        )
    return rows, classes


def sidewalk_gap_rows(building_features, net, way_tags, way_ids, way_inside, ways):
    buildings = [representative_point(f.geometry) for f in building_features]
    near = np.zeros(net.n_ways, dtype=np.int64)
    if buildings:
        snap = net.snap(np.array(buildings), BUILDINGS_ALONG_M)
        ok = snap.ok
        np.add.at(near, net.edge_way[snap.edge[ok]], 1)
    reason = tr("built-up street without sidewalk information (sidewalk=*)")
    rows, total = [], 0.0
    for w, tags in enumerate(way_tags):
        if missing_sidewalk_info(tags, int(near[w]) if buildings else None):
            line = ways[w]
            length = float(np.hypot(*(line[1:] - line[:-1]).T).sum())
            total += length if way_inside[w] else 0.0
            g = ogr.Geometry(ogr.wkbLineString)
            for x, y in line.tolist():
                g.AddPoint_2D(x, y)
            rows.append(
                (
                    g,
                    {
                        "osm_id": way_ids[w],
                        "highway": tags.get("highway"),
                        "name": tags.get("name"),
                        "length_m": length,
                        "reason": reason,
                    },
                )
            )
    return rows, total / 1000.0


def _hhmm(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}"
