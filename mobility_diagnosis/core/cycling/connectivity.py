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

from ..network import Network

MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "islands": "{length_m:.0f} m ({high_m:.0f} m at LTS 3-4) would join low-stress island {a} "
        "({a_km:.1f} km) and island {b} ({b_km:.1f} km)",
        "destination": "{length_m:.0f} m ({high_m:.0f} m at LTS 3-4) would link {kind} {name} to low-stress "
        "island {a} ({a_km:.1f} km)",
        "school": "the school",
        "station": "the station",
        "town_centre": "the town hall",
    },
    "fr": {
        "islands": "{length_m:.0f} m (dont {high_m:.0f} m en niveau 3-4) relieraient l'îlot apaisé {a} "
        "({a_km:.1f} km) et l'îlot {b} ({b_km:.1f} km)",
        "destination": "{length_m:.0f} m (dont {high_m:.0f} m en niveau 3-4) relieraient {kind} {name} à "
        "l'îlot apaisé {a} ({a_km:.1f} km)",
        "school": "l'école",
        "station": "la gare",
        "town_centre": "la mairie",
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
    ways: list[int]


@dataclass
class Gap:
    gap_id: int  # 1 = most valuable
    kind: str  # "islands" | "destination"
    length_m: float
    high_stress_m: float
    score_m: float  # what the fix would join: the smaller island (islands) or the island (destination)
    island_a: int
    island_b: Optional[int]
    destination: Optional[Destination]
    edges: list[int]
    coords: np.ndarray = field(repr=False)
    ways: list[int] = field(default_factory=list)

    def reason(self, lang: str, islands: Sequence[Island]) -> str:
        table = MESSAGES.get(lang, MESSAGES["en"])
        lengths = {i.island_id: i.length_m for i in islands}
        args = {
            "length_m": self.length_m,
            "high_m": self.high_stress_m,
            "a": self.island_a,
            "a_km": lengths.get(self.island_a, 0.0) / 1000.0,
        }
        if self.kind == "islands" and self.island_b is not None:
            args.update(b=self.island_b, b_km=lengths.get(self.island_b, 0.0) / 1000.0)
            return table["islands"].format(**args)
        dest = self.destination
        kind = table.get(dest.kind, dest.kind) if dest else ""
        name = f"« {dest.name} »" if dest and dest.name else ""
        return table["destination"].format(kind=kind, name=name, **args).replace("  ", " ")


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


def islands_of(net: Network, lts: np.ndarray, settings: ConnectivitySettings) -> tuple[list[Island], np.ndarray]:
    low = (lts >= 1) & (lts <= settings.low_stress_max)
    edge_label = net.connected_components(low)
    way_label = net.way_components(low)
    ok = edge_label >= 0
    lengths = np.bincount(edge_label[ok], weights=net.edge_length[ok]) if ok.any() else np.zeros(0)
    members: dict[int, list[int]] = {}
    for way, label in enumerate(way_label.tolist()):
        if label >= 0:
            members.setdefault(label, []).append(way)
    islands = [Island(label + 1, float(lengths[label]), members.get(label, [])) for label in range(len(lengths))]
    return islands, np.where(way_label >= 0, way_label + 1, 0)


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
) -> Connectivity:
    """Islands and ranked gaps for a network whose ways carry ``lts`` (0..4)."""
    lts = np.asarray(lts, dtype=np.int64)
    islands, way_island = islands_of(net, lts, settings)
    total_low = float(sum(i.length_m for i in islands))
    sizeable = {i.island_id for i in islands if i.length_m >= settings.min_island_m}
    edge_island = way_island[net.edge_way] if net.n_edges else np.zeros(0, np.int64)
    in_sizeable = np.isin(edge_island, list(sizeable)) if sizeable else np.zeros(net.n_edges, bool)
    node_island = np.zeros(net.n_nodes, dtype=np.int64)
    node_island[net.edge_u[in_sizeable]] = edge_island[in_sizeable]
    node_island[net.edge_v[in_sizeable]] = edge_island[in_sizeable]
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
        steps = _trace(net, u, pred) + [(e, v)] + [(x, _other(net, x, t)) for x, t in _trace(net, v, pred)[::-1]]
        gap = make("islands", steps, min(a, b), max(a, b), None, total)
        if gap.high_stress_m <= 0:
            continue  # nothing to fix: the link is already low-stress (a small island between two big ones)
        key = (min(a, b), max(a, b))
        if key not in best or gap.length_m < best[key].length_m:
            best[key] = gap
    gaps = list(best.values())

    if destinations and net.n_edges:
        pts = np.array([d.xy for d in destinations], dtype=float)
        snap = net.snap(pts, settings.max_snap_m, mask=net_way_mask(net, lts >= 1))
        for i, dest in enumerate(destinations):
            e = int(snap.edge[i])
            if e < 0 or in_sizeable[e]:
                continue  # unreachable by bike, or already on a sizeable island
            off = float(snap.offset[i])
            u, v = int(net.edge_u[e]), int(net.edge_v[e])
            options = [(off + dist[u], off, u), (net.edge_length[e] - off + dist[v], net.edge_length[e] - off, v)]
            total, first_used, node = min(options)
            if not np.isfinite(total) or total > settings.max_link_m or src[node] <= 0:
                continue
            steps = _trace(net, node, pred)
            steps = [(x, _other(net, x, t)) for x, t in steps[::-1]]
            gap = make("destination", [(e, node)] + steps, int(src[node]), None, dest, total, first_used)
            gaps.append(gap)
    gaps.sort(key=lambda g: (-g.score_m, g.length_m))
    for rank, gap in enumerate(gaps, start=1):
        gap.gap_id = rank
    return Connectivity(islands, gaps, way_island, total_low)


def _other(net: Network, edge: int, node: int) -> int:
    """The end of ``edge`` that is not ``node`` (used to walk a traced path backwards)."""
    return int(net.edge_u[edge] if net.edge_v[edge] == node else net.edge_v[edge])


def net_way_mask(net: Network, mask: np.ndarray) -> np.ndarray:
    return np.asarray(mask, dtype=bool).reshape(net.n_ways)
