"""Low-stress islands and the short high-stress links (gaps) worth fixing first.

Islands (Mekuria-Furth's "low-stress connectivity"): connected parts of the network using only ways at
LTS 1-2. Gaps: a short chain of ways outside every sizeable island that joins two sizeable islands, or
links a destination (school, station, town hall) to one; ranked by what the fix would join.

Uses the shared network engine (core/network.py) for topology, components and snapping; the gap search
is a bounded multi-source Dijkstra that keeps predecessors, so each gap has its geometry.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field
from typing import Optional, Sequence

import numpy as np

from ..network import Network, UnionFind
from ..report_text import format_number

MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "islands": "{length_m:.0f} m ({high_m:.0f} m at LTS 3-4) would join low-stress island {a} "
        "({a_km} km) and island {b} ({b_km} km)",
        "destination": "{length_m:.0f} m ({high_m:.0f} m at LTS 3-4) would link {kind} {name} to low-stress "
        "island {a} ({a_km} km)",
        "crossing": "crossing {road} ({crossing}) without signals here would join low-stress island {a} "
        "({a_km} km) and island {b} ({b_km} km)",
        "school": "the school",
        "station": "the station",
        "town_centre": "the town hall",
        "crossing_desc": "{lanes} lanes at {speed:.0f} km/h, crossing LTS {lts}",
    },
    "fr": {
        "islands": "{length_m:.0f} m (dont {high_m:.0f} m en niveau 3-4) relieraient l'îlot apaisé {a} "
        "({a_km} km) et l'îlot {b} ({b_km} km)",
        "destination": "{length_m:.0f} m (dont {high_m:.0f} m en niveau 3-4) relieraient {kind} {name} à "
        "l'îlot apaisé {a} ({a_km} km)",
        "crossing": "la traversée de {road} ({crossing}) sans feux à ce carrefour relierait l'îlot apaisé {a} "
        "({a_km} km) et l'îlot {b} ({b_km} km)",
        "school": "l'école",
        "station": "la gare",
        "town_centre": "la mairie",
        "crossing_desc": "{lanes} voies à {speed:.0f} km/h, traversée de niveau {lts}",
    },
}


@dataclass(frozen=True)
class ConnectivitySettings:
    """Thresholds of the island and gap search (docs/cycling.md explains the choice)."""

    low_stress_max: int = 2  # islands use LTS 1..2 (Mekuria-Furth: "most adults")
    min_island_m: float = 1000.0  # a "sizeable" island: 1 km of low-stress ways
    max_gap_m: float = 300.0  # a "short" link between islands: a block or a crossing
    max_link_m: float = 400.0  # farthest a destination may be from an island to count as a gap
    max_snap_m: float = 100.0  # a destination farther than this from any street is left out


@dataclass(frozen=True)
class Destination:
    kind: str  # "school" | "station" | "town_centre"
    name: str
    xy: tuple[float, float]


@dataclass
class Island:
    island_id: int  # 1 = the longest
    length_m: float
    ways: list[int]  # ways mostly in this island
    edges: list[int] = field(default_factory=list)  # network edges (a way crossing a cut junction splits)


@dataclass(frozen=True)
class Crossings:
    """What the island search needs to judge a junction: per way the motor speed, lanes and road class,
    and the positions of traffic signals (signalised junctions and crossings)."""

    speed_kmh: np.ndarray  # per way
    lanes: np.ndarray  # per way
    highway: Sequence[str]  # per way
    signals_xy: np.ndarray  # (k, 2)
    signal_radius_m: float = 5.0


@dataclass
class Gap:
    gap_id: int  # 1 = most valuable
    kind: str  # "islands" | "crossing" | "destination"
    length_m: float
    high_stress_m: float
    score_m: float  # what the fix would join: the smaller island (islands) or the island (destination)
    island_a: int
    island_b: Optional[int]
    destination: Optional[Destination]
    edges: list[int]
    coords: np.ndarray = field(repr=False)
    ways: list[int] = field(default_factory=list)
    crossing: Optional[dict] = None  # for kind "crossing": road, speed, lanes, lts

    def reason(self, lang: str, islands: Sequence[Island], road: str = "") -> str:
        """The gap in one sentence; ``road``: the crossed road's name (else its OSM class, highway=…)."""
        table = MESSAGES.get(lang, MESSAGES["en"])
        lengths = {i.island_id: i.length_m for i in islands}
        args = {
            "length_m": self.length_m,
            "high_m": self.high_stress_m,
            "a": self.island_a,
            "a_km": _km(lengths.get(self.island_a, 0.0), lang),
        }
        if self.kind == "crossing" and self.island_b is not None and self.crossing:
            c = self.crossing
            desc = table["crossing_desc"].format(lanes=c["lanes"], speed=c["speed"], lts=c["lts"])
            args.update(b=self.island_b, b_km=_km(lengths.get(self.island_b, 0.0), lang))
            name = f"« {road} »" if lang == "fr" else f"“{road}”"
            return table["crossing"].format(
                road=name if road else f"highway={c['highway']}", crossing=desc, **args
            )
        if self.kind == "islands" and self.island_b is not None:
            args.update(b=self.island_b, b_km=_km(lengths.get(self.island_b, 0.0), lang))
            return table["islands"].format(**args)
        dest = self.destination
        kind = table.get(dest.kind, dest.kind) if dest else ""
        name = f"« {dest.name} »" if dest and dest.name else ""
        return table["destination"].format(kind=kind, name=name, **args).replace("  ", " ")


def _km(metres: float, lang: str) -> str:
    """« 34,0 » in French, "34.0" in English: the reasons are sentences a planner reads in the attribute table."""
    return format_number(metres / 1000.0, lang, 1)


@dataclass
class Connectivity:
    islands: list[Island]
    gaps: list[Gap]
    way_island: np.ndarray  # island_id per way (0 when not in a low-stress island)
    total_low_stress_m: float

    def largest_share(self) -> Optional[float]:
        """Share of the low-stress network length in the largest island (None without islands)."""
        if not self.islands or self.total_low_stress_m <= 0:
            return None
        return self.islands[0].length_m / self.total_low_stress_m


def cut_junctions(
    net: Network, lts: np.ndarray, crossings: Optional[Crossings], settings: ConnectivitySettings
):
    """Junctions where a low-stress route crosses a high-stress road without signals and the crossing
    itself is stressful (Mekuria-Furth crossing table): {node: (LTS, way crossed)}."""
    if crossings is None or net.n_nodes == 0:
        return {}
    low_way = (lts >= 1) & (lts <= settings.low_stress_max)
    high_way = lts >= 3
    edge_low = low_way[net.edge_way]
    edge_high = high_way[net.edge_way]
    n_low = np.bincount(np.concatenate([net.edge_u[edge_low], net.edge_v[edge_low]]), minlength=net.n_nodes)
    n_high = np.bincount(
        np.concatenate([net.edge_u[edge_high], net.edge_v[edge_high]]), minlength=net.n_nodes
    )
    # A high-stress road passing through (2+ of its edges) with low-stress edges on 2+ sides: a crossing.
    # A road that ends at the junction (T) is not crossed by a cyclist going straight on.
    candidates = np.flatnonzero((n_low >= 2) & (n_high >= 2))
    if len(candidates) == 0:
        return {}
    signalled = np.zeros(net.n_nodes, dtype=bool)
    sig = np.asarray(crossings.signals_xy, dtype=float).reshape(-1, 2)
    if len(sig):
        cxy = net.node_xy[candidates]
        for x, y in sig:
            near = np.hypot(cxy[:, 0] - x, cxy[:, 1] - y) <= crossings.signal_radius_m
            signalled[candidates[near]] = True
    from .lts import crossing_lts

    cut = {}
    for node in candidates.tolist():
        if signalled[node]:
            continue
        worst = (0, -1)
        for k in range(net.indptr[node], net.indptr[node + 1]):
            way = int(net.edge_way[net.adj_edge[k]])
            if high_way[way]:
                level, _ = crossing_lts(float(crossings.speed_kmh[way]), int(crossings.lanes[way]))
                worst = max(worst, (level, way))
        if worst[0] > settings.low_stress_max:
            cut[node] = worst
    return cut


def islands_of(
    net: Network, lts: np.ndarray, settings: ConnectivitySettings, cut: Optional[dict] = None
) -> tuple[list[Island], np.ndarray, np.ndarray]:
    """Islands, the island id of every edge (0: none) and of every way (the island holding most of it)."""
    low = (lts >= 1) & (lts <= settings.low_stress_max)
    edge_low = low[net.edge_way] if net.n_edges else np.zeros(0, bool)
    cut = cut or {}
    sets = UnionFind(net.n_edges)
    find = sets.find

    indptr, adj_edge, allowed = net.indptr.tolist(), net.adj_edge.tolist(), edge_low.tolist()
    for node in range(net.n_nodes):
        if node in cut:
            continue
        first = -1
        for k in range(indptr[node], indptr[node + 1]):
            e = adj_edge[k]
            if not allowed[e]:
                continue
            if first < 0:
                first = find(e)
            else:
                sets.union(e, first)
    edges = np.flatnonzero(edge_low)
    edge_island = np.zeros(net.n_edges, dtype=np.int64)
    if len(edges) == 0:
        return [], edge_island, np.zeros(net.n_ways, dtype=np.int64)
    roots = np.array([find(e) for e in edges.tolist()], dtype=np.int64)
    uniq, inv = np.unique(roots, return_inverse=True)
    lengths = np.bincount(inv, weights=net.edge_length[edges], minlength=len(uniq))
    rank = np.empty(len(uniq), dtype=np.int64)
    rank[np.lexsort((np.arange(len(uniq)), -lengths))] = np.arange(len(uniq))
    edge_island[edges] = rank[inv] + 1
    # each way takes the island holding most of its length
    way_island = np.zeros(net.n_ways, dtype=np.int64)
    best_len = np.zeros(net.n_ways)
    acc: dict[tuple[int, int], float] = {}
    for e, isl in zip(edges.tolist(), edge_island[edges].tolist()):
        key = (int(net.edge_way[e]), isl)
        acc[key] = acc.get(key, 0.0) + float(net.edge_length[e])
    for (w, isl), length in acc.items():
        if length > best_len[w]:
            best_len[w], way_island[w] = length, isl
    members: dict[int, list[int]] = {}
    for w, isl in enumerate(way_island.tolist()):
        if isl:
            members.setdefault(isl, []).append(w)
    edge_members: dict[int, list[int]] = {}
    for e, isl in zip(edges.tolist(), edge_island[edges].tolist()):
        edge_members.setdefault(isl, []).append(e)
    ordered = np.sort(lengths)[::-1]
    islands = [
        Island(i + 1, float(ordered[i]), members.get(i + 1, []), edge_members.get(i + 1, []))
        for i in range(len(uniq))
    ]
    return islands, edge_island, way_island


def _search(
    net: Network, node_island: np.ndarray, allowed_edge: np.ndarray, limit: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Bounded multi-source Dijkstra from every node of a sizeable island, over allowed edges only.
    Returns per node: distance, island reached, predecessor edge (-1 at sources / unreached)."""
    n = net.n_nodes
    dist = np.full(n, np.inf)
    src = np.full(n, -1, dtype=np.int64)
    pred = np.full(n, -1, dtype=np.int64)
    heap: list[tuple[float, int]] = []
    for node in np.flatnonzero(node_island > 0).tolist():
        dist[node] = 0.0
        src[node] = node_island[node]
        heap.append((0.0, node))
    heapq.heapify(heap)
    indptr, adj_node, adj_edge = net.indptr.tolist(), net.adj_node.tolist(), net.adj_edge.tolist()
    length, allowed = net.edge_length.tolist(), allowed_edge.tolist()
    dist_l, src_l, pred_l = dist.tolist(), src.tolist(), pred.tolist()
    while heap:
        d, u = heapq.heappop(heap)
        if d > dist_l[u]:
            continue
        for k in range(indptr[u], indptr[u + 1]):
            e = adj_edge[k]
            if not allowed[e]:
                continue
            v = adj_node[k]
            nd = d + length[e]
            if nd < dist_l[v] and nd <= limit:
                dist_l[v], src_l[v], pred_l[v] = nd, src_l[u], e
                heapq.heappush(heap, (nd, v))
    return np.array(dist_l), np.array(src_l, dtype=np.int64), np.array(pred_l, dtype=np.int64)


def _trace(net: Network, node: int, pred: np.ndarray) -> list[tuple[int, int]]:
    """Edges from a source to ``node`` as (edge, node it leads to), source first."""
    path = []
    while pred[node] >= 0:
        e = int(pred[node])
        path.append((e, node))
        node = int(net.edge_u[e] if net.edge_v[e] == node else net.edge_v[e])
    return path[::-1]


def _coords(net: Network, steps: list[tuple[int, int]]) -> np.ndarray:
    parts = []
    for e, towards in steps:
        c = net.edge_coords(e)
        parts.append(c if net.edge_v[e] == towards else c[::-1])
    return np.concatenate(parts) if parts else np.zeros((0, 2))


def connectivity(
    net: Network,
    lts: np.ndarray,
    destinations: Sequence[Destination] = (),
    settings: ConnectivitySettings = ConnectivitySettings(),  # noqa: B008 (frozen dataclass)
    crossings: Optional[Crossings] = None,
    inside: Optional[np.ndarray] = None,
) -> Connectivity:
    """Islands and ranked gaps for a network whose ways carry ``lts`` (0..4). With ``crossings``, a
    junction where a low-stress route crosses a busy road without signals separates islands. With
    ``inside`` (per way), islands are found on the whole network (the buffer avoids edge effects) but
    only gaps on at least one way inside the territory are kept: the others are not the council's."""
    lts = np.asarray(lts, dtype=np.int64)
    cut = cut_junctions(net, lts, crossings, settings)
    islands, edge_island, way_island = islands_of(net, lts, settings, cut)
    total_low = float(sum(i.length_m for i in islands))
    sizeable = {i.island_id for i in islands if i.length_m >= settings.min_island_m}
    in_sizeable = np.isin(edge_island, list(sizeable)) if sizeable else np.zeros(net.n_edges, bool)
    node_island = np.zeros(net.n_nodes, dtype=np.int64)
    node_island[net.edge_u[in_sizeable]] = edge_island[in_sizeable]
    node_island[net.edge_v[in_sizeable]] = edge_island[in_sizeable]
    if cut:
        node_island[list(cut)] = 0  # a cut junction belongs to several islands: not a search source
    allowed = (lts[net.edge_way] >= 1) & ~in_sizeable if net.n_edges else np.zeros(0, bool)
    limit = max(settings.max_gap_m, settings.max_link_m)
    dist, src, pred = _search(net, node_island, allowed, limit)
    high = lts[net.edge_way] >= 3 if net.n_edges else np.zeros(0, bool)

    def make(kind, steps, a, b, dest, total, first_used=None) -> Gap:
        edges = [e for e, _ in steps]
        used = [net.edge_length[e] for e in edges]
        if first_used is not None and used:
            used[0] = first_used  # a destination lies part-way along its street
        high_m = float(sum(m for e, m in zip(edges, used) if high[e]))
        lengths = {i.island_id: i.length_m for i in islands}
        score = min(lengths[a], lengths[b]) if b is not None else lengths[a]
        ways = sorted({int(net.edge_way[e]) for e in edges})
        return Gap(0, kind, float(total), high_m, float(score), a, b, dest, edges, _coords(net, steps), ways)

    best: dict[tuple[int, int], Gap] = {}
    for e in np.flatnonzero(allowed).tolist():
        u, v = int(net.edge_u[e]), int(net.edge_v[e])
        a, b = int(src[u]), int(src[v])
        if a <= 0 or b <= 0 or a == b:
            continue
        total = dist[u] + net.edge_length[e] + dist[v]
        if total > settings.max_gap_m:
            continue
        steps = (
            _trace(net, u, pred) + [(e, v)] + [(x, _other(net, x, t)) for x, t in _trace(net, v, pred)[::-1]]
        )
        gap = make("islands", steps, min(a, b), max(a, b), None, total)
        if gap.high_stress_m <= 0:
            continue  # nothing to fix: the link is already low-stress (a small island between two big ones)
        key = (min(a, b), max(a, b))
        if key not in best or gap.length_m < best[key].length_m:
            best[key] = gap
    # Junctions whose crossing is the only thing separating two sizeable islands.
    for node, (level, way) in cut.items():
        touching: dict[int, int] = {}
        for k in range(net.indptr[node], net.indptr[node + 1]):
            e = int(net.adj_edge[k])
            isl = int(edge_island[e])
            if isl in sizeable and isl not in touching:
                touching[isl] = e
        ids = sorted(touching)
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                coords = np.array([_along(net, touching[a], node, 15.0), net.node_xy[node],
                                   _along(net, touching[b], node, 15.0)])  # fmt: skip
                lengths = {x.island_id: x.length_m for x in islands}
                info = {"highway": crossings.highway[way] if crossings else "", "lts": level,
                        "speed": float(crossings.speed_kmh[way]) if crossings else 0.0,
                        "lanes": int(crossings.lanes[way]) if crossings else 0}  # fmt: skip
                gap = Gap(0, "crossing", 0.0, 0.0, float(min(lengths[a], lengths[b])), a, b, None, [], coords,
                          [way], info)  # fmt: skip
                if (a, b) not in best or best[(a, b)].kind != "crossing":
                    best[(a, b)] = gap
    gaps = list(best.values())

    if destinations and net.n_edges:
        pts = np.array([d.xy for d in destinations], dtype=float)
        snap = net.snap(pts, settings.max_snap_m, mask=net_way_mask(net, lts >= 1))
        # One destination is often several features (a station's platforms and stop positions): a named
        # destination counts once, connected if any of its features is on a sizeable island.
        connected = {(d.kind, d.name) for i, d in enumerate(destinations)
                     if d.name and snap.edge[i] >= 0 and in_sizeable[int(snap.edge[i])]}  # fmt: skip
        per_destination: dict[tuple[str, str], Gap] = {}
        for i, dest in enumerate(destinations):
            e = int(snap.edge[i])
            if e < 0 or in_sizeable[e] or (dest.kind, dest.name) in connected:
                continue  # unreachable by bike, or already on a sizeable island
            off = float(snap.offset[i])
            u, v = int(net.edge_u[e]), int(net.edge_v[e])
            options = [
                (off + dist[u], off, u),
                (net.edge_length[e] - off + dist[v], net.edge_length[e] - off, v),
            ]
            total, first_used, node = min(options)
            if not np.isfinite(total) or total > settings.max_link_m or src[node] <= 0:
                continue
            steps = _trace(net, node, pred)
            steps = [(x, _other(net, x, t)) for x, t in steps[::-1]]
            gap = make("destination", [(e, node), *steps], int(src[node]), None, dest, total, first_used)
            key = (dest.kind, dest.name) if dest.name else (dest.kind, f"#{i}")
            if key not in per_destination or gap.length_m < per_destination[key].length_m:
                per_destination[key] = gap
        gaps.extend(per_destination.values())
    if inside is not None:
        inside = np.asarray(inside, dtype=bool)
        gaps = [g for g in gaps if any(inside[w] for w in g.ways)]
    gaps.sort(key=lambda g: (-g.score_m, g.length_m))
    for rank, gap in enumerate(gaps, start=1):
        gap.gap_id = rank
    return Connectivity(islands, gaps, way_island, total_low)


def _along(net: Network, edge: int, node: int, distance: float) -> np.ndarray:
    """The point ``distance`` metres along ``edge`` away from its end ``node`` (clamped to the edge)."""
    coords = net.edge_coords(edge)
    if net.edge_v[edge] == node:
        coords = coords[::-1]
    seg = np.hypot(*np.diff(coords, axis=0).T)
    cum = np.concatenate([[0.0], np.cumsum(seg)])
    at = min(distance, float(cum[-1]))
    return np.array([np.interp(at, cum, coords[:, 0]), np.interp(at, cum, coords[:, 1])])


def _other(net: Network, edge: int, node: int) -> int:
    """The end of ``edge`` that is not ``node`` (used to walk a traced path backwards)."""
    return int(net.edge_u[edge] if net.edge_v[edge] == node else net.edge_v[edge])


def net_way_mask(net: Network, mask: np.ndarray) -> np.ndarray:
    return np.asarray(mask, dtype=bool).reshape(net.n_ways)
