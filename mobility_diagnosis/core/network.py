"""A routable network built once from street polylines, shared by the accessibility, cycling, parking
and schools themes.

Why a home-made engine: QGIS's service-area tools rebuild their graph on every call, lose the id of
the facility that serves an area and take minutes on a town; networkx is not shipped with QGIS. This
module needs only numpy and the standard library (scipy, when importable, only speeds up Dijkstra and
component labelling; the results are the same without it).

Model
-----
* Input: ``ways``, a list of ``(n, 2)`` float arrays of metric coordinates, one per OSM way. Ways are
  joined where they share a vertex; vertices are matched on coordinates rounded to 1 cm (ways that share
  an OSM node have identical coordinates).
* Junction graph: nodes are way endpoints and vertices used more than once (shared by several ways or
  revisited by one); edges are the sub-polylines between consecutive nodes of a way, with their length.
  The graph is undirected (walking; a cyclist can walk a bike against a one-way).
* Every input vertex stays addressable: ``Network.point_edge`` / ``Network.point_offset`` give, for the
  flat list of input vertices (way after way, see ``Network.way_start``), the edge it lies on and its
  distance along that edge. Any position on the network is a pair ``(edge, offset)``.
* Subnetworks: every query takes an optional boolean ``mask`` per way (walkable, LTS <= 2, ...). Edges of
  masked-out ways are neither travelled nor snapped to.

Main calls
----------
``Network.from_ways(ways)``
    build the topology (vectorised numpy; about a second for 25,000 ways).
``net.snap(points, max_snap, mask=None) -> Snap``
    nearest position on the network (projection on the nearest segment) through a grid index; a point
    farther than ``max_snap`` gets ``edge = -1`` and the reason ``"not_snapped"``, never a distance of 0.
``net.multi_source_distances(sources, max_distance=None, mask=None, max_snap=..., weights=None)``
    one Dijkstra pass from every source at once -> ``DistanceField`` with, per node, the distance to the
    nearest source and the index of that source (catchments keep the source id). ``sources`` are points
    (snapped) or a ``Snap``.
``field.at(edge, offset)`` / ``field.at_points(points, max_snap)`` / ``field.vertex_distances()``
    distances (and nearest source) anywhere on the network, interpolated from the junction distances,
    exact on edges that hold a source; NaN plus a reason code when a point cannot be reached.
``field.covered_intervals(radius)`` / ``field.coverage_length(radius)``
    the parts of edges within ``radius`` metres of the nearest source (partial edges counted by their
    covered part), each piece labelled with its source.
``net.connected_components(mask=None)``
    component label per edge (``-1`` when masked out); ``net.way_components`` gives one label per way.

Reason codes (``REASONS``, with en/fr messages in ``REASON_MESSAGES``): ``not_snapped``, ``unreachable``,
``beyond_max_distance``, ``no_source``.
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Tuple, Union

import numpy as np

try:  # optional acceleration only: every result is also computed without scipy
    from scipy.sparse import csr_matrix as _csr_matrix
    from scipy.sparse.csgraph import connected_components as _sp_components
    from scipy.sparse.csgraph import dijkstra as _sp_dijkstra

    HAVE_SCIPY = True
except Exception:  # scipy missing, or built against another numpy
    HAVE_SCIPY = False

# Coordinates are matched on a 1 cm grid: OSM nodes shared by ways give identical coordinates, and
# 1 cm is far below the precision of OSM data (~10 cm) while above float noise after reprojection.
VERTEX_PRECISION_M = 0.01

# Default snapping distance: an origin (building centroid, bus stop) farther than this from any usable
# street is reported as not connected. 100 m covers large residential blocks and stops on platforms.
DEFAULT_MAX_SNAP_M = 100.0

REASONS = ("not_snapped", "unreachable", "beyond_max_distance", "no_source")
REASON_MESSAGES: Dict[str, Dict[str, str]] = {
    "en": {
        "not_snapped": "no usable street or path within {max_snap:.0f} m",
        "unreachable": "not connected by the network to any destination",
        "beyond_max_distance": "farther than {max_distance:.0f} m from every destination",
        "no_source": "no destination of this kind could be placed on the network",
    },
    "fr": {
        "not_snapped": "aucune rue ou chemin praticable à moins de {max_snap:.0f} m",
        "unreachable": "aucun chemin sur le réseau vers une destination",
        "beyond_max_distance": "à plus de {max_distance:.0f} m de toute destination",
        "no_source": "aucune destination de ce type n’a pu être placée sur le réseau",
    },
}


def reason_message(code: str, lang: str = "en", **values: float) -> str:
    """Human text for a reason code (``values``: ``max_snap``, ``max_distance``)."""
    table = REASON_MESSAGES.get(lang, REASON_MESSAGES["en"])
    return table[code].format(**{"max_snap": 0.0, "max_distance": 0.0, **values})


@dataclass
class Snap:
    """Positions of points on the network. ``edge == -1`` where the point could not be snapped."""

    edge: np.ndarray  # int64 (k,)
    offset: np.ndarray  # float (k,) metres from the edge's first node
    distance: np.ndarray  # float (k,) metres from the point to the network (NaN when not snapped)
    xy: np.ndarray  # float (k, 2) the snapped position (NaN when not snapped)
    max_snap: float

    @property
    def ok(self) -> np.ndarray:
        return self.edge >= 0

    def reasons(self) -> List[Optional[str]]:
        return [None if e >= 0 else "not_snapped" for e in self.edge.tolist()]


@dataclass
class Network:
    """Junction graph plus the addressing of every input vertex. Build with ``Network.from_ways``."""

    way_start: np.ndarray  # int64 (W+1,) flat index of each way's first vertex
    point_xy: np.ndarray  # float (P, 2) every input vertex, way after way
    point_way: np.ndarray  # int64 (P,)
    point_edge: np.ndarray  # int64 (P,) edge holding the vertex (-1 for ways of fewer than 2 vertices)
    point_offset: np.ndarray  # float (P,) metres along that edge
    point_node: np.ndarray  # int64 (P,) junction node at this vertex, or -1
    node_xy: np.ndarray  # float (N, 2)
    edge_u: np.ndarray  # int64 (E,) first node
    edge_v: np.ndarray  # int64 (E,) last node
    edge_length: np.ndarray  # float (E,)
    edge_way: np.ndarray  # int64 (E,)
    edge_first_point: np.ndarray  # int64 (E,) flat index of the edge's first vertex
    edge_last_point: np.ndarray  # int64 (E,) flat index of the edge's last vertex
    indptr: np.ndarray  # CSR over nodes (both directions)
    adj_node: np.ndarray
    adj_edge: np.ndarray
    _grid: Optional[Tuple] = field(default=None, repr=False)
    _py_adj: Optional[Tuple] = field(default=None, repr=False)

    # ------------------------------------------------------------------ building
    @classmethod
    def from_ways(cls, ways: Sequence[np.ndarray]) -> Network:
        """Topology from polylines in metric coordinates (one array of shape (n, 2) per way)."""
        counts = np.array([len(w) for w in ways], dtype=np.int64)
        way_start = np.zeros(len(ways) + 1, dtype=np.int64)
        np.cumsum(counts, out=way_start[1:])
        total = int(way_start[-1])
        xy = (
            np.concatenate([np.asarray(w, dtype=float).reshape(-1, 2) for w in ways])
            if total
            else np.zeros((0, 2))
        )
        point_way = np.repeat(np.arange(len(ways), dtype=np.int64), counts)

        # unique vertices on the 1 cm grid
        keys = np.round(xy / VERTEX_PRECISION_M).astype(np.int64)
        if total:
            _, vertex, occurrences = np.unique(keys, axis=0, return_inverse=True, return_counts=True)
            vertex = vertex.reshape(-1)
        else:
            vertex, occurrences = np.zeros(0, np.int64), np.zeros(0, np.int64)
        is_end = np.zeros(total, dtype=bool)
        nonempty = counts > 0
        is_end[way_start[:-1][nonempty]] = True
        is_end[way_start[1:][nonempty] - 1] = True
        vertex_is_node = occurrences >= 2
        vertex_is_node[vertex[is_end]] = True
        node_of_vertex = np.full(len(occurrences), -1, dtype=np.int64)
        node_vertices = np.flatnonzero(vertex_is_node)
        node_of_vertex[node_vertices] = np.arange(len(node_vertices))
        point_node = node_of_vertex[vertex] if total else np.zeros(0, np.int64)
        node_xy = np.zeros((len(node_vertices), 2))
        if total:
            first_point_of_vertex = np.full(len(occurrences), -1, dtype=np.int64)
            first_point_of_vertex[vertex[::-1]] = np.arange(total)[::-1]
            node_xy = xy[first_point_of_vertex[node_vertices]]

        # distance along each way
        seg = np.zeros(total)
        if total > 1:
            seg[1:] = np.hypot(*(xy[1:] - xy[:-1]).T)
        seg[way_start[:-1][nonempty]] = 0.0
        cum = np.cumsum(seg)
        cum -= np.repeat(cum[way_start[:-1]] if total else np.zeros(len(ways)), counts)

        # edges between consecutive node positions of the same way
        node_pos = np.flatnonzero(point_node >= 0)
        same_way = point_way[node_pos[1:]] == point_way[node_pos[:-1]] if len(node_pos) else np.zeros(0, bool)
        k_first = np.flatnonzero(same_way)
        edge_first = node_pos[k_first]
        edge_last = node_pos[k_first + 1]
        edge_of_k = np.full(len(node_pos), -1, dtype=np.int64)
        edge_of_k[k_first] = np.arange(len(k_first))
        edge_u = point_node[edge_first]
        edge_v = point_node[edge_last]
        edge_length = cum[edge_last] - cum[edge_first]
        edge_way = point_way[edge_first]

        # address of every vertex: the edge starting at the last node position at or before it
        k = np.searchsorted(node_pos, np.arange(total), side="right") - 1
        point_edge = edge_of_k[k] if total else np.zeros(0, np.int64)
        last_of_way = is_end.copy()
        last_of_way[way_start[:-1][nonempty]] = False
        last_of_way[way_start[1:][nonempty & (counts == 1)] - 1] = False
        point_edge[last_of_way] = edge_of_k[k[last_of_way] - 1]
        point_offset = np.where(
            point_edge >= 0, cum - cum[edge_first[np.maximum(point_edge, 0)]] if len(edge_first) else 0.0, 0.0
        )

        # CSR adjacency, both directions
        n_nodes = len(node_vertices)
        src = np.concatenate([edge_u, edge_v])
        dst = np.concatenate([edge_v, edge_u])
        eid = np.concatenate([np.arange(len(edge_u)), np.arange(len(edge_u))])
        order = np.argsort(src, kind="stable")
        indptr = np.zeros(n_nodes + 1, dtype=np.int64)
        np.cumsum(np.bincount(src, minlength=n_nodes), out=indptr[1:])
        return cls(
            way_start=way_start,
            point_xy=xy,
            point_way=point_way,
            point_edge=point_edge.astype(np.int64),
            point_offset=np.asarray(point_offset, dtype=float),
            point_node=point_node.astype(np.int64),
            node_xy=node_xy,
            edge_u=edge_u.astype(np.int64),
            edge_v=edge_v.astype(np.int64),
            edge_length=edge_length,
            edge_way=edge_way.astype(np.int64),
            edge_first_point=edge_first.astype(np.int64),
            edge_last_point=edge_last.astype(np.int64),
            indptr=indptr,
            adj_node=dst[order].astype(np.int64),
            adj_edge=eid[order].astype(np.int64),
        )

    @property
    def n_ways(self) -> int:
        return len(self.way_start) - 1

    @property
    def n_nodes(self) -> int:
        return len(self.node_xy)

    @property
    def n_edges(self) -> int:
        return len(self.edge_u)

    def edge_mask(self, mask: Optional[np.ndarray]) -> np.ndarray:
        """Per-edge boolean from a per-way mask (None: every edge)."""
        if mask is None:
            return np.ones(self.n_edges, dtype=bool)
        mask = np.asarray(mask, dtype=bool)
        if mask.shape != (self.n_ways,):
            raise ValueError(f"mask must have one value per way ({self.n_ways}), got shape {mask.shape}")
        return mask[self.edge_way]

    def edge_coords(self, edge: int) -> np.ndarray:
        """Vertices of one edge, from its first node to its last."""
        return self.point_xy[self.edge_first_point[edge] : self.edge_last_point[edge] + 1]

    def edge_piece(self, edge: int, start: float, end: float) -> np.ndarray:
        """Sub-polyline of an edge between two offsets (metres from its first node)."""
        coords = self.edge_coords(edge)
        seg = np.hypot(*(coords[1:] - coords[:-1]).T)
        cum = np.concatenate([[0.0], np.cumsum(seg)])
        start, end = max(0.0, start), min(float(cum[-1]), end)
        inner = coords[(cum > start) & (cum < end)]
        return np.vstack([_interpolate(coords, cum, start), inner, _interpolate(coords, cum, end)])

    # ------------------------------------------------------------------ snapping
    def _segment_grid(self) -> Tuple:
        """Grid buckets of every segment (cell size ~ typical snapping distance), built once."""
        if self._grid is not None:
            return self._grid
        p = self.point_xy
        seg_a = np.arange(len(p) - 1, dtype=np.int64)
        seg_a = seg_a[(self.point_way[seg_a] == self.point_way[seg_a + 1]) & (self.point_edge[seg_a] >= 0)]
        a, b = p[seg_a], p[seg_a + 1]
        cell = 50.0
        origin = p.min(axis=0) if len(p) else np.zeros(2)
        lo = np.floor((np.minimum(a, b) - origin) / cell).astype(np.int64)
        hi = np.floor((np.maximum(a, b) - origin) / cell).astype(np.int64)
        span = hi - lo + 1
        per_seg = span[:, 0] * span[:, 1]
        owner = np.repeat(np.arange(len(seg_a)), per_seg)
        local = np.arange(int(per_seg.sum())) - np.repeat(np.cumsum(per_seg) - per_seg, per_seg)
        cx = lo[owner, 0] + local // span[owner, 1]
        cy = lo[owner, 1] + local % span[owner, 1]
        ny = int(hi[:, 1].max()) + 2 if len(hi) else 1
        keys = cx * ny + cy
        order = np.argsort(keys, kind="stable")
        self._grid = (seg_a, cell, origin, ny, keys[order], owner[order])
        return self._grid

    def snap(
        self, points: np.ndarray, max_snap: float = DEFAULT_MAX_SNAP_M, mask: Optional[np.ndarray] = None
    ) -> Snap:
        """Project each point on the nearest segment of an allowed edge within ``max_snap`` metres."""
        pts = np.asarray(points, dtype=float).reshape(-1, 2)
        n = len(pts)
        out_edge = np.full(n, -1, dtype=np.int64)
        out_off = np.full(n, np.nan)
        out_dist = np.full(n, np.nan)
        out_xy = np.full((n, 2), np.nan)
        if n == 0 or self.n_edges == 0:
            return Snap(out_edge, out_off, out_dist, out_xy, max_snap)
        seg_a, cell, origin, ny, keys, owner = self._segment_grid()
        allowed_edge = self.edge_mask(mask)
        allowed_seg = allowed_edge[self.point_edge[seg_a]]
        reach = int(math.ceil(max_snap / cell))
        p = self.point_xy
        for i in range(n):
            x, y = pts[i]
            if not (math.isfinite(x) and math.isfinite(y)):
                continue
            cx, cy = int((x - origin[0]) // cell), int((y - origin[1]) // cell)
            cand = []
            for dx in range(-reach, reach + 1):
                base = (cx + dx) * ny
                lo = np.searchsorted(keys, base + cy - reach, side="left")
                hi = np.searchsorted(keys, base + cy + reach, side="right")
                if hi > lo:
                    cand.append(owner[lo:hi])
            if not cand:
                continue
            s = np.unique(np.concatenate(cand))
            s = s[allowed_seg[s]]
            if len(s) == 0:
                continue
            ia = seg_a[s]
            a, b = p[ia], p[ia + 1]
            d = b - a
            len2 = (d * d).sum(axis=1)
            t = np.where(
                len2 > 0,
                ((x - a[:, 0]) * d[:, 0] + (y - a[:, 1]) * d[:, 1]) / np.where(len2 > 0, len2, 1.0),
                0.0,
            )
            t = np.clip(t, 0.0, 1.0)
            proj = a + d * t[:, None]
            dist = np.hypot(proj[:, 0] - x, proj[:, 1] - y)
            j = int(np.argmin(dist))
            if dist[j] > max_snap:
                continue
            edge = int(self.point_edge[ia[j]])
            out_edge[i] = edge
            out_off[i] = self.point_offset[ia[j]] + t[j] * math.sqrt(len2[j])
            out_dist[i] = dist[j]
            out_xy[i] = proj[j]
        return Snap(out_edge, out_off, out_dist, out_xy, max_snap)

    def snap_vertices(self, flat_points: np.ndarray) -> Snap:
        """Exact positions of input vertices (flat indices), without a spatial search."""
        idx = np.asarray(flat_points, dtype=np.int64)
        edge = self.point_edge[idx]
        ok = edge >= 0
        return Snap(
            edge,
            np.where(ok, self.point_offset[idx], np.nan),
            np.where(ok, 0.0, np.nan),
            np.where(ok[:, None], self.point_xy[idx], np.nan),
            0.0,
        )

    # ------------------------------------------------------------------ shortest paths
    def multi_source_distances(
        self,
        sources: Union[np.ndarray, Snap],
        max_distance: Optional[float] = None,
        mask: Optional[np.ndarray] = None,
        max_snap: float = DEFAULT_MAX_SNAP_M,
        weights: Optional[np.ndarray] = None,
        use_scipy: Optional[bool] = None,
    ) -> DistanceField:
        """Distance from every node to its nearest source, and which source, in one Dijkstra pass.

        ``sources``: points (k, 2) snapped with ``max_snap`` (unsnapped sources are listed in
        ``DistanceField.source_snap``) or a ready ``Snap``. ``weights``: optional cost factor per way
        (1 = length). ``max_distance``: nodes beyond stay unreached (inf, source -1).
        """
        snap = sources if isinstance(sources, Snap) else self.snap(sources, max_snap, mask)
        allowed = self.edge_mask(mask)
        cost = self.edge_length.astype(float)
        if weights is not None:
            cost = cost * np.asarray(weights, dtype=float)[self.edge_way]
        factor = cost / np.where(self.edge_length > 0, self.edge_length, 1.0)
        usable = snap.ok.copy()
        usable[usable] = allowed[snap.edge[usable]]
        src_idx = np.flatnonzero(usable)
        e = snap.edge[src_idx]
        # a source at offset s on edge (u, v) reaches u after s and v after length - s
        init_node = np.concatenate([self.edge_u[e], self.edge_v[e]])
        init_dist = np.concatenate([snap.offset[src_idx], self.edge_length[e] - snap.offset[src_idx]])
        init_dist = init_dist * np.concatenate([factor[e], factor[e]])
        init_src = np.concatenate([src_idx, src_idx])
        limit = np.inf if max_distance is None else float(max_distance)
        if use_scipy is None:
            use_scipy = HAVE_SCIPY
        if use_scipy and HAVE_SCIPY:
            dist, src = self._dijkstra_scipy(cost, allowed, init_node, init_dist, init_src, limit)
        else:
            dist, src = self._dijkstra_python(cost, allowed, init_node, init_dist, init_src, limit)
        return DistanceField(self, dist, src, snap, allowed, factor, limit)

    def _python_adjacency(self) -> Tuple[List[int], List[int], List[int]]:
        if self._py_adj is None:
            self._py_adj = (self.indptr.tolist(), self.adj_node.tolist(), self.adj_edge.tolist())
        return self._py_adj

    def _dijkstra_python(self, cost, allowed, init_node, init_dist, init_src, limit):
        indptr, adj_node, adj_edge = self._python_adjacency()
        w = np.where(allowed, cost, np.inf).tolist()
        n = self.n_nodes
        inf = math.inf
        dist = [inf] * n
        src = [-1] * n
        heap = []
        for d, u, s in zip(init_dist.tolist(), init_node.tolist(), init_src.tolist()):
            if d <= limit and d < dist[u]:
                dist[u] = d
                src[u] = s
                heap.append((d, u, s))
        heapq.heapify(heap)
        pop, push = heapq.heappop, heapq.heappush
        while heap:
            d, u, s = pop(heap)
            if d > dist[u]:
                continue
            for k in range(indptr[u], indptr[u + 1]):
                nd = d + w[adj_edge[k]]
                v = adj_node[k]
                if nd < dist[v] and nd <= limit:
                    dist[v] = nd
                    src[v] = s
                    push(heap, (nd, v, s))
        return np.array(dist), np.array(src, dtype=np.int64)

    def _dijkstra_scipy(self, cost, allowed, init_node, init_dist, init_src, limit):
        n = self.n_nodes
        e = np.flatnonzero(allowed)
        # csr_matrix sums duplicate entries: keep the shortest of parallel edges; csgraph ignores zero
        # weights in sparse input, so zero-length edges get a negligible positive length.
        w = np.maximum(cost[e], 1e-9)
        rows = np.concatenate([self.edge_u[e], self.edge_v[e]])
        cols = np.concatenate([self.edge_v[e], self.edge_u[e]])
        ww = np.concatenate([w, w])
        # one virtual node per initial (source) entry, linked one way to its node
        k = len(init_node)
        rows = np.concatenate([rows, n + np.arange(k)])
        cols = np.concatenate([cols, init_node])
        ww = np.concatenate([ww, np.maximum(init_dist, 1e-9)])
        order = np.lexsort((ww, cols, rows))
        rows, cols, ww = rows[order], cols[order], ww[order]
        first = np.ones(len(rows), dtype=bool)
        first[1:] = (rows[1:] != rows[:-1]) | (cols[1:] != cols[:-1])
        graph = _csr_matrix((ww[first], (rows[first], cols[first])), shape=(n + k, n + k))
        if k == 0:
            return np.full(n, np.inf), np.full(n, -1, dtype=np.int64)
        dist, _, origin = _sp_dijkstra(
            graph,
            directed=True,
            indices=n + np.arange(k),
            min_only=True,
            return_predecessors=True,
            limit=limit,
        )
        dist = dist[:n]
        origin = origin[:n]
        src = np.where(origin >= n, init_src[np.clip(origin - n, 0, k - 1)], -1)
        src[~np.isfinite(dist)] = -1
        # undo the 1e-9 floor where a source sits exactly on a node
        dist = np.where(np.isfinite(dist), np.maximum(dist - 1e-9 * (dist < 1e-6), 0.0), dist)
        return dist, src.astype(np.int64)

    # ------------------------------------------------------------------ components
    def connected_components(self, mask: Optional[np.ndarray] = None) -> np.ndarray:
        """Component label per edge of the subnetwork given by ``mask`` (per way); -1 for masked edges.

        Labels are 0..k-1, ordered by decreasing total length (0 is the largest island).
        """
        allowed = self.edge_mask(mask)
        e = np.flatnonzero(allowed)
        n = self.n_nodes
        if HAVE_SCIPY:
            g = _csr_matrix((np.ones(len(e)), (self.edge_u[e], self.edge_v[e])), shape=(n, n))
            _, node_label = _sp_components(g, directed=False)
        else:
            parent = list(range(n))

            def find(a: int) -> int:
                root = a
                while parent[root] != root:
                    root = parent[root]
                while parent[a] != root:
                    parent[a], a = root, parent[a]
                return root

            for u, v in zip(self.edge_u[e].tolist(), self.edge_v[e].tolist()):
                ru, rv = find(u), find(v)
                if ru != rv:
                    parent[ru] = rv
            node_label = np.array([find(a) for a in range(n)], dtype=np.int64)
        labels = np.full(self.n_edges, -1, dtype=np.int64)
        if len(e) == 0:
            return labels
        raw = node_label[self.edge_u[e]]
        uniq, inv = np.unique(raw, return_inverse=True)
        length = np.bincount(inv, weights=self.edge_length[e], minlength=len(uniq))
        rank = np.empty(len(uniq), dtype=np.int64)
        rank[np.lexsort((np.arange(len(uniq)), -length))] = np.arange(len(uniq))
        labels[e] = rank[inv]
        return labels

    def way_components(self, mask: Optional[np.ndarray] = None) -> np.ndarray:
        """Component label per way (-1 for masked-out ways or ways without an edge)."""
        labels = self.connected_components(mask)
        out = np.full(self.n_ways, -1, dtype=np.int64)
        ok = labels >= 0
        out[self.edge_way[ok]] = labels[ok]
        return out


def _interpolate(coords: np.ndarray, cum: np.ndarray, at: float) -> np.ndarray:
    return np.array([[np.interp(at, cum, coords[:, 0]), np.interp(at, cum, coords[:, 1])]])


@dataclass
class DistanceField:
    """Result of ``Network.multi_source_distances``: nearest-source distance and id at every node."""

    network: Network
    node_distance: np.ndarray  # float (N,), inf where unreached
    node_source: np.ndarray  # int64 (N,), index into the sources given, -1 where unreached
    source_snap: Snap  # where each source landed (edge -1: not snapped)
    allowed_edge: np.ndarray  # bool (E,)
    edge_factor: np.ndarray  # cost per metre of each edge (1 without weights)
    max_distance: float

    @property
    def n_sources_used(self) -> int:
        s = self.source_snap
        return int(np.count_nonzero(s.ok & self.allowed_edge[np.maximum(s.edge, 0)]))

    def _sources_by_edge(self) -> Dict[int, List[Tuple[float, int]]]:
        s = self.source_snap
        out: Dict[int, List[Tuple[float, int]]] = {}
        for i in np.flatnonzero(s.ok).tolist():
            e = int(s.edge[i])
            if self.allowed_edge[e]:
                out.setdefault(e, []).append((float(s.offset[i]), i))
        return out

    def at(self, edge: np.ndarray, offset: np.ndarray) -> Tuple[np.ndarray, np.ndarray]:
        """Distance and nearest source at network positions; (inf, -1) where no source is reached."""
        net = self.network
        edge = np.asarray(edge, dtype=np.int64)
        offset = np.asarray(offset, dtype=float)
        ok = edge >= 0
        ok[ok] = self.allowed_edge[edge[ok]]
        if len(edge) == 0 or net.n_edges == 0:
            return np.full(len(edge), np.inf), np.full(len(edge), -1, dtype=np.int64)
        e = np.where(ok, edge, 0)
        f = self.edge_factor[e]
        du = self.node_distance[net.edge_u[e]] + offset * f
        dv = self.node_distance[net.edge_v[e]] + (net.edge_length[e] - offset) * f
        use_v = dv < du
        dist = np.where(use_v, dv, du)
        src = np.where(use_v, self.node_source[net.edge_v[e]], self.node_source[net.edge_u[e]])
        # a source on the same edge may be closer than going round through a node
        for sedge, items in self._sources_by_edge().items():
            rows = np.flatnonzero(ok & (edge == sedge))
            for soff, sid in items:
                direct = np.abs(offset[rows] - soff) * self.edge_factor[sedge]
                better = direct < dist[rows]
                dist[rows[better]] = direct[better]
                src[rows[better]] = sid
        dist = np.where(ok & (dist <= self.max_distance), dist, np.inf)
        src = np.where(np.isfinite(dist), src, -1)
        return dist, src.astype(np.int64)

    def vertex_distances(self) -> Tuple[np.ndarray, np.ndarray]:
        """Distance and nearest source for every input vertex (flat order, see ``Network.way_start``)."""
        net = self.network
        return self.at(net.point_edge, net.point_offset)

    def at_snap(
        self, snap: Snap, add_snap_distance: bool = True
    ) -> Tuple[np.ndarray, np.ndarray, List[Optional[str]]]:
        """Distances of snapped origins: NaN and a reason code where there is none (never 0)."""
        dist, src = self.at(snap.edge, snap.offset)
        if add_snap_distance:
            dist = dist + np.nan_to_num(snap.distance) * 1.0
        reasons: List[Optional[str]] = []
        no_source = self.n_sources_used == 0
        for e, d in zip(snap.edge.tolist(), dist.tolist()):
            if e < 0 or not self.allowed_edge[e]:
                reasons.append("not_snapped")
            elif math.isfinite(d):
                reasons.append(None)
            elif no_source:
                reasons.append("no_source")
            elif math.isfinite(self.max_distance):
                reasons.append("beyond_max_distance")
            else:
                reasons.append("unreachable")
        out = np.where(np.isfinite(dist), dist, np.nan)
        return out, src, reasons

    def at_points(
        self,
        points: np.ndarray,
        max_snap: float = DEFAULT_MAX_SNAP_M,
        mask: Optional[np.ndarray] = None,
        add_snap_distance: bool = True,
    ):
        """Snap points (same ``mask`` as the pass) and give their distance, source and reason."""
        return self.at_snap(self.network.snap(points, max_snap, mask), add_snap_distance)

    # ------------------------------------------------------------------ coverage
    def covered_intervals(self, radius: float) -> List[Tuple[int, float, float, int]]:
        """Pieces of edges within ``radius`` of the nearest source: (edge, start, end, source).

        Each edge gives at most one piece from each end plus the pieces around sources on it; pieces
        are clipped so they never overlap, each keeping the id of the source that is nearest there.
        """
        net = self.network
        r = float(radius)
        f = self.edge_factor
        du = self.node_distance[net.edge_u]
        dv = self.node_distance[net.edge_v]
        length = net.edge_length
        reach_u = np.where(self.allowed_edge, np.clip((r - du) / np.where(f > 0, f, 1.0), 0, length), 0.0)
        reach_v = np.where(self.allowed_edge, np.clip((r - dv) / np.where(f > 0, f, 1.0), 0, length), 0.0)
        by_edge = self._sources_by_edge()
        pieces: List[Tuple[int, float, float, int]] = []
        simple = np.flatnonzero(((reach_u > 0) | (reach_v > 0)) & self.allowed_edge)
        su, sv = self.node_source[net.edge_u], self.node_source[net.edge_v]
        for e in simple.tolist():
            if e in by_edge:
                continue
            a, b, full = float(reach_u[e]), float(reach_v[e]), float(length[e])
            if a + b >= full:
                # the whole edge is covered; split where the two ends are equally far
                cut = min(max((full + (dv[e] - du[e]) / (f[e] if f[e] > 0 else 1.0)) / 2.0, 0.0), full)
                if su[e] == sv[e] or su[e] < 0 or sv[e] < 0:
                    pieces.append((e, 0.0, full, int(su[e] if su[e] >= 0 else sv[e])))
                else:
                    if cut > 0:
                        pieces.append((e, 0.0, cut, int(su[e])))
                    if cut < full:
                        pieces.append((e, cut, full, int(sv[e])))
            else:
                if a > 0:
                    pieces.append((e, 0.0, a, int(su[e])))
                if b > 0:
                    pieces.append((e, full - b, full, int(sv[e])))
        for e, items in by_edge.items():
            pieces.extend(self._edge_pieces_with_sources(e, items, r))
        return pieces

    def _edge_pieces_with_sources(self, e: int, items, r: float):
        """Exact pieces of an edge holding sources: sample the lower envelope at breakpoints."""
        net = self.network
        f = float(self.edge_factor[e]) or 1.0
        full = float(net.edge_length[e])
        cands = [
            (float(self.node_distance[net.edge_u[e]]), 0.0, int(self.node_source[net.edge_u[e]])),
            (float(self.node_distance[net.edge_v[e]]), full, int(self.node_source[net.edge_v[e]])),
        ]
        cands += [(0.0, s, sid) for s, sid in items]
        cands = [c for c in cands if math.isfinite(c[0]) and c[2] >= 0]
        # breakpoints: where each cone hits r, and where two cones cross
        xs = {0.0, full}
        for d0, x0, _ in cands:
            span = (r - d0) / f
            if span >= 0:
                xs.update((x0 - span, x0 + span))
        for i in range(len(cands)):
            for j in range(i + 1, len(cands)):
                (d1, x1, _), (d2, x2, _) = cands[i], cands[j]
                xs.add((d2 - d1) / f / 2.0 + (x1 + x2) / 2.0)
        xs = sorted(x for x in xs if 0.0 <= x <= full)
        pieces = []
        for lo, hi in zip(xs[:-1], xs[1:]):
            if hi - lo <= 1e-9:
                continue
            mid = (lo + hi) / 2.0
            best = min(cands, key=lambda c: c[0] + abs(mid - c[1]) * f)
            if best[0] + abs(mid - best[1]) * f <= r:
                if pieces and pieces[-1][3] == best[2] and abs(pieces[-1][2] - lo) < 1e-9:
                    pieces[-1] = (e, pieces[-1][1], hi, best[2])
                else:
                    pieces.append((e, lo, hi, best[2]))
        return pieces

    def coverage_length(self, radius: float) -> float:
        """Metres of the (allowed) network within ``radius`` of a source."""
        return float(sum(hi - lo for _, lo, hi, _ in self.covered_intervals(radius)))

    def edge_coverage(self, radius: float) -> np.ndarray:
        """Covered metres per edge (partial edges counted by their covered part)."""
        out = np.zeros(self.network.n_edges)
        for e, lo, hi, _ in self.covered_intervals(radius):
            out[e] += hi - lo
        return out
