"""Overpass JSON to ``OsmElement``: points, lines and areas with lon/lat coordinates.

Understands both output styles: ways and relation members with inline ``geometry`` (``out geom``),
and ways with ``nodes`` ids resolved through separate node elements (``out body; >; out skel``).
Closed ways are areas by ``core.osm_layers.is_area`` (GDAL's rule, so both data paths agree);
multipolygon and boundary relations are assembled into rings here, in pure Python.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Optional, Sequence

from .osm_elements import LonLat, OsmElement
from .osm_layers import AREA, LINE, POINT, is_area

# Relation types read as areas (GDAL's OSM driver puts these two in its multipolygons layer).
AREA_RELATION_TYPES = frozenset(("multipolygon", "boundary"))
# Member roles of the outer boundary; other roles of way members are holes (OSM wiki,
# Relation:multipolygon: an empty role is treated as outer by most tools).
OUTER_ROLES = frozenset(("outer", ""))
INNER_ROLES = frozenset(("inner",))

WARNINGS: dict[str, dict[str, str]] = {
    "open_rings": {
        "en": "OSM relation {osm_id}{name} skipped: its member ways do not form closed rings ({detail}). "
        "Fix the relation in OpenStreetMap or check the data source.",
        "fr": "Relation OSM {osm_id}{name} ignorée : ses chemins ne forment pas d’anneaux fermés ({detail}). "
        "Corrigez la relation dans OpenStreetMap ou vérifiez la source des données.",
    },
    "missing_members": {
        "en": "OSM relation {osm_id}{name} skipped: {count} member ways are missing from the reply. "
        "Fetch a larger area or check the data source.",
        "fr": "Relation OSM {osm_id}{name} ignorée : {count} chemins membres manquent dans la réponse. "
        "Élargissez la zone ou vérifiez la source des données.",
    },
    "stray_inner": {
        "en": "OSM relation {osm_id}{name}: {count} inner rings lie in no outer ring and were dropped.",
        "fr": "Relation OSM {osm_id}{name} : {count} anneaux intérieurs hors de tout anneau extérieur "
        "ont été ignorés.",
    },
    "ways_without_coords": {
        "en": "{count} OSM ways had no coordinates in the reply (first: way {first}) and were skipped.",
        "fr": "{count} chemins OSM sans coordonnées dans la réponse (premier : chemin {first}) ont été "
        "ignorés.",
    },
}


def _warn(code: str, lang: str, **params: Any) -> str:
    table = WARNINGS[code]
    return table.get(lang, table["en"]).format(**params)


@dataclass
class _Way:
    tags: Mapping[str, str]
    node_ids: Sequence[int]
    coords: Optional[list[LonLat]]  # None when a node is missing


def parse_overpass(data: Mapping[str, Any], *, lang: str = "en") -> tuple[list[OsmElement], list[str]]:
    """Tagged nodes, tagged ways and area relations of a reply, and warnings naming what was skipped.

    Untagged nodes and ways (way nodes, relation members) only lend their coordinates. An element
    returned twice (with tags, then as a skeleton) is kept once, with its tags.
    """
    raw = data.get("elements") or []
    nodes: dict[int, LonLat] = {}
    node_tags: dict[int, Mapping[str, str]] = {}
    ways_raw: dict[int, Mapping[str, Any]] = {}
    relations: dict[int, Mapping[str, Any]] = {}
    for element in raw:
        kind, osm_id = element.get("type"), element.get("id")
        if kind == "node":
            if "lon" in element and "lat" in element:
                nodes[osm_id] = (float(element["lon"]), float(element["lat"]))
            if element.get("tags"):
                node_tags[osm_id] = element["tags"]
        elif kind == "way":
            if osm_id not in ways_raw or element.get("tags") or "geometry" in element:
                ways_raw[osm_id] = _merge(ways_raw.get(osm_id), element)
        elif kind == "relation" and (osm_id not in relations or element.get("tags")):
            relations[osm_id] = element

    warnings: list[str] = []
    out: list[OsmElement] = []
    for osm_id, tags in node_tags.items():
        if osm_id in nodes:
            out.append(OsmElement("node", osm_id, POINT, dict(tags), nodes[osm_id]))

    ways = {osm_id: _way(element, nodes) for osm_id, element in ways_raw.items()}
    no_coords = [osm_id for osm_id, way in ways.items() if way.coords is None and way.tags]
    if no_coords:
        warnings.append(_warn("ways_without_coords", lang, count=len(no_coords), first=no_coords[0]))
    for osm_id, way in ways.items():
        if not way.tags or way.coords is None or len(way.coords) < 2:
            continue
        closed = len(way.coords) >= 4 and _closed(way)
        if is_area(way.tags, closed):
            out.append(OsmElement("way", osm_id, AREA, dict(way.tags), [[way.coords]]))
        else:
            out.append(OsmElement("way", osm_id, LINE, dict(way.tags), way.coords))

    for osm_id, element in relations.items():
        tags = element.get("tags") or {}
        if tags.get("type") not in AREA_RELATION_TYPES:
            continue
        polygons, problem = relation_polygons(element, ways)
        name = f" ({tags['name']})" if tags.get("name") else ""
        if problem is not None:
            code, params = problem
            warnings.append(_warn(code, lang, osm_id=osm_id, name=name, **params))
        if polygons:
            out.append(OsmElement("relation", osm_id, AREA, dict(tags), polygons))
    return out, warnings


def _merge(old: Optional[Mapping[str, Any]], new: Mapping[str, Any]) -> Mapping[str, Any]:
    if old is None:
        return new
    merged = dict(old)
    merged.update({k: v for k, v in new.items() if v})
    return merged


def _way(element: Mapping[str, Any], nodes: Mapping[int, LonLat]) -> _Way:
    node_ids = element.get("nodes") or []
    geometry = element.get("geometry")
    coords: Optional[list[LonLat]]
    if geometry:
        # out geom: null entries are nodes outside a bbox clip; keep the rest.
        coords = [(float(p["lon"]), float(p["lat"])) for p in geometry if p]
    elif node_ids and all(n in nodes for n in node_ids):
        coords = [nodes[n] for n in node_ids]
    else:
        coords = None
    return _Way(element.get("tags") or {}, node_ids, coords)


def _closed(way: _Way) -> bool:
    if way.node_ids:
        return way.node_ids[0] == way.node_ids[-1]
    return bool(way.coords) and way.coords[0] == way.coords[-1]


def relation_polygons(
    relation: Mapping[str, Any], ways: Mapping[int, _Way]
) -> tuple[list[list[list[LonLat]]], Optional[tuple[str, dict]]]:
    """Polygons (outer ring, then its holes) of a multipolygon/boundary relation, and the problem
    that made it unusable (None when fine). Member ways come inline (out geom) or from ``ways``."""
    outer_parts: list[list[LonLat]] = []
    inner_parts: list[list[LonLat]] = []
    missing = 0
    for member in relation.get("members") or []:
        if member.get("type") != "way":
            continue
        role = member.get("role") or ""
        if role not in OUTER_ROLES and role not in INNER_ROLES:
            continue  # subarea, admin_centre, label…
        if member.get("geometry"):
            coords = [(float(p["lon"]), float(p["lat"])) for p in member["geometry"] if p]
        else:
            way = ways.get(member.get("ref"))
            coords = way.coords if way is not None else None
        if not coords or len(coords) < 2:
            missing += 1
            continue
        (inner_parts if role in INNER_ROLES else outer_parts).append(list(coords))
    if missing:
        return [], ("missing_members", {"count": missing})
    outers, open_outer = assemble_rings(outer_parts)
    inners, open_inner = assemble_rings(inner_parts)
    if open_outer or open_inner or not outers:
        detail = f"{open_outer + open_inner} open pieces" if (open_outer or open_inner) else "no outer ring"
        return [], ("open_rings", {"detail": detail})
    polygons: list[list[list[LonLat]]] = [[ring] for ring in outers]
    stray = 0
    for ring in inners:
        # A hole goes to the smallest outer ring containing it (nested islands in lakes).
        holders = [i for i, outer in enumerate(outers) if point_in_ring(_inner_point(ring), outer)]
        if not holders:
            stray += 1
            continue
        best = min(holders, key=lambda i: abs(ring_signed_area(outers[i])))
        polygons[best].append(ring)
    problem = ("stray_inner", {"count": stray}) if stray else None
    return polygons, problem


def assemble_rings(parts: Iterable[Sequence[LonLat]]) -> tuple[list[list[LonLat]], int]:
    """Join way pieces end to end into closed rings. Returns the rings and the number of pieces
    left that could not be closed (0 when all is well)."""
    rings: list[list[LonLat]] = []
    open_parts: list[list[LonLat]] = []
    for part in parts:
        part = list(part)
        if len(part) >= 4 and part[0] == part[-1]:
            rings.append(part)
        else:
            open_parts.append(part)
    by_end: dict[LonLat, set[int]] = defaultdict(set)
    for i, part in enumerate(open_parts):
        by_end[part[0]].add(i)
        by_end[part[-1]].add(i)
    unused = set(range(len(open_parts)))
    failed = 0
    while unused:
        start = min(unused)
        unused.discard(start)
        _drop(by_end, open_parts[start], start)
        ring = list(open_parts[start])
        while ring[0] != ring[-1]:
            candidates = by_end.get(ring[-1])
            if not candidates:
                break
            nxt = min(candidates)
            unused.discard(nxt)
            _drop(by_end, open_parts[nxt], nxt)
            piece = open_parts[nxt]
            ring.extend(piece[1:] if piece[0] == ring[-1] else piece[-2::-1])
        if ring[0] == ring[-1] and len(ring) >= 4:
            rings.append(ring)
        else:
            failed += 1
    return rings, failed


def _drop(by_end: dict[LonLat, set[int]], part: Sequence[LonLat], index: int) -> None:
    for end in (part[0], part[-1]):
        by_end[end].discard(index)


def ring_signed_area(ring: Sequence[LonLat]) -> float:
    return 0.5 * sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:]))


def _inner_point(ring: Sequence[LonLat]) -> LonLat:
    # The midpoint of the first edge: a vertex may be shared with the outer ring (touching holes).
    (x1, y1), (x2, y2) = ring[0], ring[1]
    return ((x1 + x2) / 2.0, (y1 + y2) / 2.0)


def point_in_ring(point: LonLat, ring: Sequence[LonLat]) -> bool:
    """Even-odd ray casting."""
    x, y = point
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside
