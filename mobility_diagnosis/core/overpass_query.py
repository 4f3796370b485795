"""Overpass QL for a territory: one polite query fetching every territory layer at once.

The filters come from ``core.osm_layers.LAYER_RULES``: a theme that adds a row there is fetched
without touching this module. The query text is deterministic (same rules, same area -> same bytes),
because the on-disk cache is keyed by it.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Iterable, Optional, Sequence

import numpy as np

from .osm_elements import LonLat
from .osm_layers import AREA, LAYER_RULES, LINE, POINT, LayerRule, Selector

# Overpass areas of relations have id = relation id + 3600000000 (Overpass QL guide, "area").
AREA_ID_OFFSET = 3_600_000_000
DEFAULT_TIMEOUT_S = 180  # the public servers' default and recommended ceiling
DEFAULT_MAXSIZE = 512 * 1024 * 1024  # Overpass default memory budget (bytes)
DEFAULT_MAX_VERTICES = 100  # long poly filters make Overpass slow; a territory outline needs few

# Which OSM element types hold each geometry kind: an area is a closed way or a multipolygon relation.
TYPES_FOR_KIND: dict[str, tuple[str, ...]] = {POINT: ("n",), LINE: ("w",), AREA: ("w", "r")}
# Overpass QL statement name for a set of element types (nw, wr, nwr exist since Overpass 0.7.54).
TYPE_STATEMENT = {
    ("n",): "node",
    ("w",): "way",
    ("r",): "relation",
    ("n", "w"): "nw",
    ("n", "r"): "nr",
    ("w", "r"): "wr",
    ("n", "w", "r"): "nwr",
}
# Output styles the parser understands: "geom" gives ways (and relation members) their coordinates
# inline; "recurse" gives ways node ids and the nodes as separate elements (as in the recorded replies).
OUTPUT_STYLES = {
    "geom": "out geom qt;",
    "recurse": "out body qt;\n>;\nout skel qt;",
}

_SAFE_TEXT = re.compile(r"^[A-Za-z0-9_:.;\- ]+$")


@dataclass(frozen=True)
class QueryArea:
    """Where to fetch: exactly one of relation id, polygon ring (lon/lat) or bbox (W, S, E, N)."""

    relation_id: Optional[int] = None
    ring: Optional[tuple[LonLat, ...]] = None
    bbox: Optional[tuple[float, float, float, float]] = None

    def filter(self) -> str:
        if self.relation_id is not None:
            return "(area.territory)"
        if self.ring is not None:
            return f'(poly:"{poly_text(self.ring)}")'
        if self.bbox is not None:
            west, south, east, north = self.bbox
            return f"({south:.7f},{west:.7f},{north:.7f},{east:.7f})"
        raise ValueError("QueryArea needs a relation id, a ring or a bbox")

    def prelude(self) -> str:
        if self.relation_id is not None:
            return f"area(id:{AREA_ID_OFFSET + int(self.relation_id)})->.territory;\n"
        return ""


def relation_area(relation_id: int) -> QueryArea:
    return QueryArea(relation_id=int(relation_id))


def bbox_area(west: float, south: float, east: float, north: float) -> QueryArea:
    return QueryArea(bbox=(west, south, east, north))


def polygon_area(rings: Sequence[Sequence[LonLat]], max_vertices: int = DEFAULT_MAX_VERTICES) -> QueryArea:
    """The territory as a poly filter that contains every given ring (holes are ignored: the query
    only needs to cover the territory; the data is clipped to it afterwards)."""
    return QueryArea(ring=tuple(enclosing_ring(rings, max_vertices)))


def header(timeout_s: int = DEFAULT_TIMEOUT_S, maxsize: int = DEFAULT_MAXSIZE) -> str:
    return f"[out:json][timeout:{int(timeout_s)}][maxsize:{int(maxsize)}];\n"


_TIMEOUT_SETTING = re.compile(r"\[timeout:\s*(\d+)\s*\]")


def query_timeout_s(query: str) -> Optional[int]:
    """The ``[timeout:N]`` a query gives the server (Overpass QL settings), None when it sets none."""
    found = _TIMEOUT_SETTING.search(query)
    return int(found.group(1)) if found else None


def quote(text: str) -> str:
    """An Overpass QL string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _regex_alternatives(values: Iterable[str]) -> str:
    # Escape regex metacharacters; quote() then doubles the backslashes for the QL string literal.
    return "^(" + "|".join(re.escape(v) for v in sorted(values)) + ")$"


def selector_filter(selector: Selector) -> str:
    """The tag filter of one selector, e.g. ``["amenity"~"^(kindergarten|school)$"]``."""
    key = quote(selector.key)
    if selector.values is None:
        text = f"[{key}]"
    elif len(selector.values) == 1:
        text = f"[{key}={quote(selector.values[0])}]"
    else:
        text = f"[{key}~{quote(_regex_alternatives(selector.values))}]"
    if len(selector.exclude) == 1:
        # [k!=v] alone also matches elements without k, hence the [k] (or [k~...]) before it.
        text += f"[{key}!={quote(selector.exclude[0])}]"
    elif selector.exclude:
        text += f"[{key}!~{quote(_regex_alternatives(selector.exclude))}]"
    return text


def layer_statements(rules: Sequence[LayerRule] = LAYER_RULES) -> list[tuple[str, str]]:
    """(statement, tag filter) pairs covering every rule, one per distinct filter, merged over rules
    (schools and school areas share one ``nwr`` statement)."""
    types_by_filter: dict[str, set[str]] = {}
    for rule in rules:
        types = {t for kind in rule.kinds for t in TYPES_FOR_KIND[kind]}
        for selector in rule.selectors:
            types_by_filter.setdefault(selector_filter(selector), set()).update(types)
    order = ("n", "w", "r")
    return [
        (TYPE_STATEMENT[tuple(t for t in order if t in types)], tag_filter)
        for tag_filter, types in sorted(types_by_filter.items())
    ]


def territory_query(
    area: QueryArea,
    *,
    rules: Sequence[LayerRule] = LAYER_RULES,
    timeout_s: int = DEFAULT_TIMEOUT_S,
    maxsize: int = DEFAULT_MAXSIZE,
    style: str = "geom",
) -> str:
    """One query for every territory layer of ``rules`` inside ``area``."""
    where = area.filter()
    body = "".join(
        f"  {statement}{tag_filter}{where};\n" for statement, tag_filter in layer_statements(rules)
    )
    return f"{header(timeout_s, maxsize)}{area.prelude()}(\n{body});\n{OUTPUT_STYLES[style]}\n"


def commune_boundary_query(insee: str, *, timeout_s: int = 60) -> str:
    """The admin_level=8 boundary relation of a French commune (its ways inline, for ring assembly)."""
    if not _SAFE_TEXT.match(insee):
        raise ValueError(f"not an INSEE code: {insee!r}")
    return (
        f"{header(timeout_s)}"
        f'rel["boundary"="administrative"]["admin_level"="8"]["ref:INSEE"={quote(insee)}];\n'
        "out geom;\n"
    )


def relation_query(relation_id: int, *, timeout_s: int = 60) -> str:
    """One relation with its member ways inline (``osm:relation/<id>`` territories)."""
    return f"{header(timeout_s)}rel({int(relation_id)});\nout geom;\n"


def poly_text(ring: Sequence[LonLat]) -> str:
    """``lat lon lat lon ...`` as the poly filter wants it (latitude first)."""
    return " ".join(f"{lat:.7f} {lon:.7f}" for lon, lat in ring)


# -- polygon simplification ------------------------------------------------------------------------
#
# The poly filter must COVER the territory (a feature missed at the query cannot be recovered), so the
# simplification only ever grows the polygon: it removes a reflex vertex (adding the triangle it cut
# out) or replaces a convex edge by the meeting point of its neighbours' lines (adding the triangle
# beyond it), cheapest first, never over another vertex so that the ring stays simple.


def enclosing_ring(
    rings: Sequence[Sequence[LonLat]], max_vertices: int = DEFAULT_MAX_VERTICES
) -> list[LonLat]:
    """A simple ring of at most ``max_vertices`` vertices containing every ring given (lon/lat, open:
    the first vertex is not repeated). Several rings are covered by their convex hull."""
    max_vertices = max(int(max_vertices), 4)
    points = [p for ring in rings for p in _open(ring)]
    if len(points) < 3:
        raise ValueError("a territory polygon needs at least 3 vertices")
    xy = np.asarray(points, dtype=float)
    scale = max(math.cos(math.radians(float(np.mean(xy[:, 1])))), 0.01)  # near-isotropic local plane
    xy[:, 0] *= scale
    outer = [r for r in rings if len(_open(r)) >= 3]
    xy = _convex_hull(xy) if len(outer) > 1 else _ccw(xy)
    while len(xy) > max_vertices:
        grown = _grow_once(xy, max_vertices)
        if grown is None:  # nothing removable without crossing the ring: fall back to the hull
            hull = _convex_hull(xy)
            if len(hull) == len(xy):
                xy = _circumscribed(hull, max_vertices)
                break
            xy = hull
        else:
            xy = grown
    xy[:, 0] /= scale
    return [(float(x), float(y)) for x, y in xy]


def _open(ring: Sequence[LonLat]) -> list[LonLat]:
    ring = list(ring)
    return ring[:-1] if len(ring) > 1 and tuple(ring[0]) == tuple(ring[-1]) else ring


def _ccw(xy: np.ndarray) -> np.ndarray:
    x, y = xy[:, 0], xy[:, 1]
    signed = float(np.sum(x * np.roll(y, -1) - np.roll(x, -1) * y))
    return xy if signed >= 0 else xy[::-1].copy()


def _cross(o: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return (a[..., 0] - o[..., 0]) * (b[..., 1] - o[..., 1]) - (a[..., 1] - o[..., 1]) * (
        b[..., 0] - o[..., 0]
    )


def _grow_once(xy: np.ndarray, target: int) -> Optional[np.ndarray]:
    """Remove vertices at the smallest added areas (a batch of moves far apart from each other, so
    that big rings shrink in few passes); None when every move would cross the ring."""
    prev, nxt, nxt2 = np.roll(xy, 1, axis=0), np.roll(xy, -1, axis=0), np.roll(xy, -2, axis=0)
    turn = _cross(prev, xy, nxt)  # > 0: convex vertex (counter-clockwise ring)
    # Move A: drop reflex vertex i, adding triangle (i-1, i, i+1).
    cost_a = np.where(turn < 0, -turn / 2.0, np.inf)
    # Move B: replace edge (i, i+1) by the meeting point p of lines (i-1 -> i) and (i+2 -> i+1).
    d1, d2 = xy - prev, nxt - nxt2
    denom = d1[:, 0] * d2[:, 1] - d1[:, 1] * d2[:, 0]
    with np.errstate(divide="ignore", invalid="ignore"):
        t = ((nxt[:, 0] - xy[:, 0]) * d2[:, 1] - (nxt[:, 1] - xy[:, 1]) * d2[:, 0]) / denom
        s = ((nxt[:, 0] - xy[:, 0]) * d1[:, 1] - (nxt[:, 1] - xy[:, 1]) * d1[:, 0]) / denom
    meet = xy + t[:, None] * d1
    cost_b = np.abs(_cross(xy, meet, nxt)) / 2.0
    convex_pair = (turn > 0) & (np.roll(turn, -1) > 0)
    cost_b = np.where(convex_pair & (t > 0) & (s > 0) & np.isfinite(cost_b), cost_b, np.inf)
    n = len(xy)
    batch = min(n - target, max(1, n // 10))
    costs = np.concatenate([cost_a, cost_b])
    used: set[int] = set()
    boxes: list[tuple[float, float, float, float]] = []
    drops: list[int] = []
    moves: dict[int, np.ndarray] = {}
    for flat in np.argsort(costs, kind="stable"):
        if not np.isfinite(costs[flat]) or len(drops) >= batch:
            break
        i = int(flat % n)
        if flat < n:
            tri, near = (prev[i], xy[i], nxt[i]), {(i + k) % n for k in (-1, 0, 1)}
        else:
            tri, near = (xy[i], meet[i], nxt[i]), {(i + k) % n for k in (-1, 0, 1, 2)}
        box = _box(tri)
        if near & used or any(_overlap(box, other) for other in boxes) or _any_inside(xy, tri, near):
            continue
        used |= near
        boxes.append(box)
        if flat < n:
            drops.append(i)
        else:
            moves[i] = meet[i]
            drops.append((i + 1) % n)
    if not drops:
        return None
    out = xy.copy()
    for i, point in moves.items():
        out[i] = point
    return np.delete(out, drops, axis=0)


def _box(tri: tuple) -> tuple[float, float, float, float]:
    xs, ys = [p[0] for p in tri], [p[1] for p in tri]
    return min(xs), min(ys), max(xs), max(ys)


def _overlap(a: tuple, b: tuple) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def _any_inside(xy: np.ndarray, tri: tuple, exclude: set[int]) -> bool:
    """Is a vertex (other than ``exclude``) inside or on the triangle?"""
    a, b, c = (np.asarray(p) for p in tri)
    d1, d2, d3 = _cross(a, b, xy), _cross(b, c, xy), _cross(c, a, xy)
    has_neg = (d1 < 0) | (d2 < 0) | (d3 < 0)
    has_pos = (d1 > 0) | (d2 > 0) | (d3 > 0)
    inside = ~(has_neg & has_pos)
    inside[list(exclude)] = False
    return bool(inside.any())


def _convex_hull(xy: np.ndarray) -> np.ndarray:
    """Andrew's monotone chain, counter-clockwise."""
    pts = sorted({(float(x), float(y)) for x, y in xy})
    if len(pts) < 3:
        return np.asarray(pts, dtype=float)

    def half(points: list) -> list:
        chain: list = []
        for p in points:
            while (
                len(chain) >= 2
                and (
                    (chain[-1][0] - chain[-2][0]) * (p[1] - chain[-2][1])
                    - (chain[-1][1] - chain[-2][1]) * (p[0] - chain[-2][0])
                )
                <= 0
            ):
                chain.pop()
            chain.append(p)
        return chain

    lower, upper = half(pts), half(pts[::-1])
    return np.asarray(lower[:-1] + upper[:-1], dtype=float)


def _circumscribed(hull: np.ndarray, count: int) -> np.ndarray:
    """A ``count``-gon around a convex polygon: the meeting points of its support lines in ``count``
    evenly spaced directions (contains the hull by construction)."""
    angles = 2.0 * np.pi * np.arange(count) / count
    normals = np.stack([np.cos(angles), np.sin(angles)], axis=1)
    support = (hull @ normals.T).max(axis=0)
    nxt = np.roll(np.arange(count), -1)
    n1, n2, h1, h2 = normals, normals[nxt], support, support[nxt]
    det = n1[:, 0] * n2[:, 1] - n1[:, 1] * n2[:, 0]
    x = (h1 * n2[:, 1] - h2 * n1[:, 1]) / det
    y = (n1[:, 0] * h2 - n2[:, 0] * h1) / det
    return np.stack([x, y], axis=1)


def ring_area_km2(ring: Sequence[LonLat]) -> float:
    """Approximate area of a lon/lat ring (local equirectangular plane; within ~1 % for a commune),
    to refuse a territory too large for the public Overpass before sending anything."""
    pts = _open(ring)
    if len(pts) < 3:
        return 0.0
    xy = np.asarray(pts, dtype=float)
    lat0 = math.radians(float(np.mean(xy[:, 1])))
    x = np.radians(xy[:, 0]) * math.cos(lat0) * 6371.0088
    y = np.radians(xy[:, 1]) * 6371.0088
    return abs(float(np.sum(x * np.roll(y, -1) - np.roll(x, -1) * y))) / 2.0
