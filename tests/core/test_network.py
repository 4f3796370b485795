"""The network engine: hand-made graphs for the rules, real Monaco streets checked against networkx."""

import math

import networkx as nx
import numpy as np
import pytest

from mobility_diagnosis.core import network as netmod
from mobility_diagnosis.core.network import Network
from tests.conftest import data_path

BOTH = [False, True] if netmod.HAVE_SCIPY else [False]


def arr(*pts):
    return np.array(pts, dtype=float)


# A tiny town:   A(0,0) --- B(100,0) --- C(200,0)       (way 0: A-B-C with a bend vertex at (50,0))
#                            |                           (way 1: B-D, 100 m north)
#                           D(100,100)                   (way 2: island E-F far away)
TINY = [
    arr((0, 0), (50, 0), (100, 0), (200, 0)),
    arr((100, 0), (100, 100)),
    arr((1000, 1000), (1100, 1000)),
]


def test_topology_splits_ways_at_shared_vertices():
    net = Network.from_ways(TINY)
    # nodes: A, B, C, D, E, F; the bend (50,0) is not a node
    assert net.n_nodes == 6
    # edges: A-B, B-C, B-D, E-F
    assert net.n_edges == 4
    assert sorted(np.round(net.edge_length).tolist()) == [100, 100, 100, 100]
    # the bend vertex is addressable: on the A-B edge, 50 m along
    p = 1
    assert net.point_node[p] == -1
    e = net.point_edge[p]
    assert net.edge_length[e] == pytest.approx(100)
    assert net.point_offset[p] == pytest.approx(50)
    # the last vertex of a way sits at the end of its last edge
    last = net.way_start[1] - 1
    assert net.point_offset[last] == pytest.approx(net.edge_length[net.point_edge[last]])


def test_vertices_match_on_one_centimetre():
    ways = [arr((0, 0), (10, 0)), arr((10.001, 0.002), (10, 10))]  # 2 mm apart: the same OSM node
    net = Network.from_ways(ways)
    assert net.n_nodes == 3
    ways = [arr((0, 0), (10, 0)), arr((10.05, 0), (10, 10))]  # 5 cm apart: not connected
    assert Network.from_ways(ways).n_nodes == 4


@pytest.mark.parametrize("use_scipy", BOTH)
def test_multi_source_keeps_source_id_and_interpolates(use_scipy):
    net = Network.from_ways(TINY)
    sources = arr((0, 0), (100, 70))  # A, and a point 70 m up B-D
    field = net.multi_source_distances(sources, use_scipy=use_scipy)
    dist, src = field.vertex_distances()
    # flat vertices: A, bend, B, C | B, D | E, F
    assert dist[:4] == pytest.approx([0, 50, 70, 170])
    assert src[:4].tolist() == [0, 0, 1, 1]
    assert dist[5] == pytest.approx(30) and src[5] == 1
    # the island is unreachable: inf and no source, never 0
    assert np.isinf(dist[6:]).all() and (src[6:] == -1).all()


@pytest.mark.parametrize("use_scipy", BOTH)
def test_source_in_the_middle_of_an_edge(use_scipy):
    net = Network.from_ways(TINY)
    field = net.multi_source_distances(arr((150, 3)), use_scipy=use_scipy)  # projects on B-C at 50 m
    assert field.source_snap.distance[0] == pytest.approx(3)
    d, s = field.at_points(arr((160, 0), (120, 0), (100, 50), (0, 0)), add_snap_distance=False)[:2]
    assert d == pytest.approx([10, 30, 100, 150])
    assert s.tolist() == [0, 0, 0, 0]


@pytest.mark.parametrize("use_scipy", BOTH)
def test_max_distance_and_reasons(use_scipy):
    net = Network.from_ways(TINY)
    field = net.multi_source_distances(arr((0, 0)), max_distance=120, use_scipy=use_scipy)
    d, s, why = field.at_points(
        arr((60, 0), (190, 0), (100, 90), (1050, 1000), (5000, 5000)), add_snap_distance=False
    )
    assert d[0] == pytest.approx(60) and why[0] is None
    assert math.isnan(d[1]) and why[1] == "beyond_max_distance"
    assert math.isnan(d[2]) and why[2] == "beyond_max_distance"
    assert math.isnan(d[3]) and why[3] in ("beyond_max_distance", "unreachable")
    assert math.isnan(d[4]) and why[4] == "not_snapped" and s[4] == -1
    full = net.multi_source_distances(arr((0, 0)), use_scipy=use_scipy)
    d, _, why = full.at_points(arr((1050, 1000)))
    assert math.isnan(d[0]) and why[0] == "unreachable"
    none = net.multi_source_distances(arr((9000, 9000)), use_scipy=use_scipy)
    d, _, why = none.at_points(arr((60, 0)))
    assert math.isnan(d[0]) and why[0] == "no_source"
    assert "100 m" in netmod.reason_message("not_snapped", "en", max_snap=100)
    assert "aucune" in netmod.reason_message("not_snapped", "fr", max_snap=100)


def test_snapping_projects_on_segment_and_respects_mask_and_distance():
    net = Network.from_ways(TINY)
    snap = net.snap(arr((70, 20), (100, 150), (70, 500)), max_snap=60)
    assert snap.edge[0] >= 0 and snap.distance[0] == pytest.approx(20) and snap.offset[0] == pytest.approx(70)
    assert snap.distance[1] == pytest.approx(50)  # beyond the end of B-D: nearest is D
    assert snap.edge[2] == -1 and math.isnan(snap.distance[2])
    assert snap.reasons() == [None, None, "not_snapped"]
    # masking way 0 out makes the point snap to B-D instead
    masked = net.snap(arr((70, 20)), max_snap=60, mask=np.array([False, True, True]))
    assert net.edge_way[masked.edge[0]] == 1 and masked.distance[0] == pytest.approx(30)


@pytest.mark.parametrize("use_scipy", BOTH)
def test_mask_blocks_travel(use_scipy):
    net = Network.from_ways(TINY)
    field = net.multi_source_distances(arr((0, 0)), mask=np.array([True, False, True]), use_scipy=use_scipy)
    dist, _ = field.vertex_distances()
    assert dist[3] == pytest.approx(200)
    assert np.isinf(dist[5])  # D lies on a masked way


@pytest.mark.parametrize("use_scipy", [False, True])
def test_connected_components(use_scipy, monkeypatch):
    if use_scipy and not netmod.HAVE_SCIPY:
        pytest.skip("scipy not importable")
    monkeypatch.setattr(netmod, "HAVE_SCIPY", use_scipy)
    net = Network.from_ways(TINY)
    labels = net.way_components()
    assert labels.tolist() == [0, 0, 1]  # the 300 m main part is island 0, the 100 m one island 1
    # cutting way 0 out leaves B-D alone
    labels = net.way_components(np.array([False, True, True]))
    assert labels[0] == -1 and labels[1] != labels[2] and sorted(labels[1:].tolist()) == [0, 1]


def test_coverage_counts_partial_edges():
    net = Network.from_ways(TINY)
    field = net.multi_source_distances(arr((0, 0), (150, 0)))
    # within 30 m: A gives 30 m, the mid-edge source gives 30 m each side
    assert field.coverage_length(30) == pytest.approx(90)
    # within 80 m: A covers 0-80 on A-B, the source covers 70-200... on A-B that is 100-(80-50)=70..100
    # so A-B is fully covered, B-C fully (50+50 <= 80 each side), B-D 80-50 = 30 m
    assert field.coverage_length(80) == pytest.approx(100 + 100 + 30)
    pieces = field.covered_intervals(80)
    on_ab = sorted((lo, hi, s) for e, lo, hi, s in pieces if net.edge_way[e] == 0 and net.edge_u[e] == 0)
    # the A-B edge is split where A and the mid-edge source are equally far (75 m from A)
    assert on_ab == [(0.0, pytest.approx(75), 0), (pytest.approx(75), pytest.approx(100), 1)]
    assert np.allclose(net.edge_piece(0, 20, 70), [[20, 0], [50, 0], [70, 0]])


def test_empty_and_degenerate_ways():
    net = Network.from_ways([arr((0, 0)), arr((0, 0), (0, 0), (10, 0))])
    assert net.point_edge[0] == -1
    field = net.multi_source_distances(arr((10, 0)))
    d, _ = field.vertex_distances()
    assert d[1:] == pytest.approx([10, 10, 0])
    empty = Network.from_ways([])
    assert empty.n_edges == 0
    assert empty.snap(arr((0, 0))).edge.tolist() == [-1]


# ----------------------------------------------------------------------------- real data


@pytest.fixture(scope="module")
def monaco_ways():
    from osgeo import gdal

    # GDAL's stock osmconf.ini (highway as a column) and layer-by-layer reading, whatever global OSM options
    # another test (the plugin's OSM reader) may have left set
    saved = {
        k: gdal.GetConfigOption(k)
        for k in ("OSM_CONFIG_FILE", "OGR_INTERLEAVED_READING", "OSM_USE_CUSTOM_INDEXING")
    }
    for key in saved:
        gdal.SetConfigOption(key, None)
    try:
        ds = gdal.OpenEx(str(data_path("osm", "monaco_2023.osm.pbf")), gdal.OF_VECTOR)
        ways = _read_highways(ds)
    finally:
        for key, value in saved.items():
            gdal.SetConfigOption(key, value)
    assert len(ways) > 2500
    return ways


def _read_highways(ds):
    from osgeo import osr

    layer = ds.GetLayerByName("lines")
    layer.SetAttributeFilter("highway IS NOT NULL")
    wgs84 = osr.SpatialReference()
    wgs84.ImportFromEPSG(4326)
    wgs84.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    utm = osr.SpatialReference()
    utm.ImportFromEPSG(32632)
    tr = osr.CoordinateTransformation(wgs84, utm)
    ways = []
    for feat in layer:
        geom = feat.GetGeometryRef().Clone()
        geom.Transform(tr)
        ways.append(np.array(geom.GetPoints())[:, :2])
    return ways


def _networkx_graph(ways):
    """Every vertex a node, every segment an edge: no junction reduction, so an independent check."""
    g = nx.Graph()
    for w in ways:
        keys = [tuple(np.round(p / 0.01).astype(np.int64)) for p in w]
        for a, b, pa, pb in zip(keys[:-1], keys[1:], w[:-1], w[1:]):
            d = float(np.hypot(*(pb - pa)))
            if a != b and (not g.has_edge(a, b) or g[a][b]["weight"] > d):
                g.add_edge(a, b, weight=d)
    return g


@pytest.mark.parametrize("use_scipy", BOTH)
def test_distances_match_networkx_on_monaco(monaco_ways, use_scipy):
    net = Network.from_ways(monaco_ways)
    g = _networkx_graph(monaco_ways)
    rng = np.random.default_rng(7)
    src_points = rng.choice(len(net.point_xy), size=25, replace=False)
    field = net.multi_source_distances(net.snap_vertices(src_points), use_scipy=use_scipy)
    dist, src = field.vertex_distances()

    key = [tuple(k) for k in np.round(net.point_xy / 0.01).astype(np.int64)]
    ref_dist, ref_path = nx.multi_source_dijkstra(g, {key[p] for p in src_points}, weight="weight")
    checked = 0
    for p in rng.choice(len(key), size=3000, replace=False).tolist():
        k = key[p]
        if k not in g:  # a way of a single vertex
            continue
        if k in ref_dist:
            assert dist[p] == pytest.approx(ref_dist[k], abs=0.01)
            # the source we name is at the distance we give (ties may name another source)
            s = int(src[p])
            assert (
                nx.dijkstra_path_length(g, key[src_points[s]], k, weight="weight")
                == pytest.approx(ref_dist[k], abs=0.01)
                if checked < 50
                else True
            )
            checked += 1
        else:
            assert np.isinf(dist[p])
    assert checked > 1000


def test_max_distance_and_coverage_match_networkx_on_monaco(monaco_ways):
    net = Network.from_ways(monaco_ways)
    g = _networkx_graph(monaco_ways)
    rng = np.random.default_rng(3)
    src_points = rng.choice(len(net.point_xy), size=10, replace=False)
    radius = 300.0
    field = net.multi_source_distances(net.snap_vertices(src_points), max_distance=radius)
    dist, _ = field.vertex_distances()
    key = [tuple(k) for k in np.round(net.point_xy / 0.01).astype(np.int64)]
    ref = nx.multi_source_dijkstra_path_length(
        g, {key[p] for p in src_points}, cutoff=radius, weight="weight"
    )
    for p in range(len(key)):
        if key[p] in ref:
            assert dist[p] == pytest.approx(ref[key[p]], abs=0.01)
        elif key[p] in g:
            assert np.isinf(dist[p])
    # coverage: per networkx segment, covered part from both ends (sources are vertices, so exact)
    full = nx.multi_source_dijkstra_path_length(g, {key[p] for p in src_points}, weight="weight")
    covered = 0.0
    for a, b, data in g.edges(data=True):
        w = data["weight"]
        da, db = full.get(a, math.inf), full.get(b, math.inf)
        ra, rb = max(0.0, min(w, radius - da)), max(0.0, min(w, radius - db))
        covered += min(w, ra + rb)
    assert field.coverage_length(radius) == pytest.approx(covered, rel=1e-6)
    assert 0 < covered < net.edge_length.sum()


def test_reach_bands_of_one_source_match_the_coverage_of_a_full_pass(monaco_ways):
    from mobility_diagnosis.core.accessibility import band_pieces

    net = Network.from_ways(monaco_ways)
    rng = np.random.default_rng(11)
    points = net.point_xy[rng.choice(len(net.point_xy), size=8, replace=False)] + 3.0
    snap = net.snap(points)
    radii = (300.0, 500.0, 1000.0)
    for i in np.flatnonzero(snap.ok).tolist():
        fast = net.reach_bands(int(snap.edge[i]), float(snap.offset[i]), radii)
        one = snap.__class__(
            snap.edge[i : i + 1], snap.offset[i : i + 1], snap.distance[i : i + 1], snap.xy[i : i + 1], 100
        )
        field = net.multi_source_distances(one)
        slow = band_pieces({r: field.covered_intervals(r) for r in radii})
        for r in radii:
            got = sum(hi - lo for _, lo, hi, band in fast if band == r)
            ref = sum(hi - lo for _, lo, hi, _, band in slow if band == r)
            assert got == pytest.approx(ref, abs=0.01)
            assert got > 0
        by_edge = {}
        for e, lo, hi, _ in fast:
            by_edge.setdefault(e, []).append((lo, hi))
        for pieces in by_edge.values():  # bands of one source never overlap
            pieces.sort()
            assert all(a[1] <= b[0] + 1e-9 for a, b in zip(pieces, pieces[1:]))


def test_edge_pieces_in_batch_match_one_by_one(monaco_ways):
    net = Network.from_ways(monaco_ways)
    rng = np.random.default_rng(5)
    edges = rng.choice(net.n_edges, size=300)
    lo = rng.uniform(0, 1, 300) * net.edge_length[edges]
    hi = lo + rng.uniform(0, 1, 300) * (net.edge_length[edges] - lo)
    lo[:20], hi[:20] = 0.0, net.edge_length[edges[:20]]  # whole edges
    coords, index = net.edge_pieces(edges, lo, hi)
    for k, e in enumerate(edges.tolist()):
        piece = coords[index[k] : index[k + 1]]
        ref = net.edge_piece(e, lo[k], hi[k])
        assert np.allclose(piece[0], ref[0], atol=1e-6) and np.allclose(piece[-1], ref[-1], atol=1e-6)
        assert np.hypot(*np.diff(piece, axis=0).T).sum() == pytest.approx(hi[k] - lo[k], abs=1e-6)


@pytest.mark.parametrize("seed", [1, 2])
def test_vectorised_bands_match_covered_intervals(monaco_ways, seed):
    from mobility_diagnosis.core.accessibility import band_pieces

    net = Network.from_ways(monaco_ways)
    rng = np.random.default_rng(seed)
    points = net.point_xy[rng.choice(len(net.point_xy), size=30, replace=False)] + 2.0
    field = net.multi_source_distances(points)
    radii = (300.0, 500.0, 1000.0)
    fast = field.band_intervals(radii)
    slow = band_pieces({r: field.covered_intervals(r) for r in radii})
    for r in radii:
        got = sum(hi - lo for _, lo, hi, _, band in fast if band == r)
        ref = sum(hi - lo for _, lo, hi, _, band in slow if band == r)
        assert got == pytest.approx(ref, rel=1e-9, abs=1e-6)
        # the same length is given to each source
        per_src_fast, per_src_slow = {}, {}
        for _, lo, hi, s, band in fast:
            if band == r:
                per_src_fast[s] = per_src_fast.get(s, 0.0) + hi - lo
        for _, lo, hi, s, band in slow:
            if band == r:
                per_src_slow[s] = per_src_slow.get(s, 0.0) + hi - lo
        assert per_src_fast.keys() == per_src_slow.keys()
        for s in per_src_fast:
            assert per_src_fast[s] == pytest.approx(per_src_slow[s], abs=1e-3)


def test_snapping_matches_brute_force_on_monaco(monaco_ways):
    net = Network.from_ways(monaco_ways)
    rng = np.random.default_rng(9)
    lo, hi = net.point_xy.min(axis=0), net.point_xy.max(axis=0)
    points = rng.uniform(lo, hi, size=(3000, 2))
    snap = net.snap(points, max_snap=60)
    segments = [(w[k], w[k + 1]) for w in monaco_ways for k in range(len(w) - 1)]
    a = np.array([s[0] for s in segments])
    d = np.array([s[1] for s in segments]) - a
    len2 = np.where((d * d).sum(axis=1) > 0, (d * d).sum(axis=1), 1.0)
    for i in rng.choice(len(points), size=400, replace=False).tolist():
        q = points[i]
        t = np.clip(((q - a) * d).sum(axis=1) / len2, 0, 1)
        best = float(np.hypot(*(a + d * t[:, None] - q).T).min())
        if best <= 60:
            assert snap.distance[i] == pytest.approx(best, abs=1e-6)
            assert np.hypot(*(snap.xy[i] - q)) == pytest.approx(best, abs=1e-6)
        else:
            assert snap.edge[i] == -1 and math.isnan(snap.distance[i])
    assert 0 < snap.ok.sum() < len(points)
