"""mobilitydiagnosis:accessibility end to end: Heidelberg (streets, stops, GTFS, a population grid) and
the Monaco demo (buildings as origins). Walking distances are checked against networkx with an
independent snapping written here."""

import json
import math
import os

import networkx as nx
import numpy as np
import pytest
from osgeo import ogr, osr
from qgis.core import QgsProcessingException

from mobility_diagnosis.core.walking import walk_rule
from tests.conftest import data_path

pytestmark = pytest.mark.slow

ROOT = os.path.join(os.path.dirname(__file__), "..", "..")
# Heidelberg centre (Altstadt, Bergheim, Weststadt, Neuenheim, Handschuhsheim...): ~190 bus stops.
HEIDELBERG_BOX = (8.62, 49.37, 8.74, 49.43)


def write_geojson(path, features):
    with open(path, "w") as f:
        json.dump({"type": "FeatureCollection", "features": features}, f)
    return str(path)


@pytest.fixture(scope="module")
def heidelberg(tmp_path_factory, provider):
    import processing

    tmp = tmp_path_factory.mktemp("heidelberg")
    x0, y0, x1, y1 = HEIDELBERG_BOX
    outline = write_geojson(tmp / "outline.geojson", [{
        "type": "Feature", "properties": {"code": "heidelberg", "name": "Heidelberg centre"},
        "geometry": {"type": "Polygon", "coordinates": [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]]},
    }])  # fmt: skip
    gpkg = str(tmp / "heidelberg.gpkg")
    osm = str(data_path("osm", "heidelberg_2024.osm.pbf"))
    processing.run(
        "mobilitydiagnosis:fetchterritory", {"TERRITORY_LAYER": outline, "OSM_FILE": osm, "OUTPUT": gpkg}
    )
    # a population grid: one point every ~300 m with 10 residents, plus one point far from any street
    points = []
    for i, lon in enumerate(np.arange(x0 + 0.002, x1, 0.004)):
        for j, lat in enumerate(np.arange(y0 + 0.002, y1, 0.0027)):
            geometry = {"type": "Point", "coordinates": [float(lon), float(lat)]}
            points.append({"type": "Feature", "properties": {"pop": 10 + (i + j) % 3}, "geometry": geometry})
    points.append(
        {
            "type": "Feature",
            "properties": {"pop": 5},
            "geometry": {"type": "Point", "coordinates": [8.5, 49.2]},
        }
    )
    population = write_geojson(tmp / "population.geojson", points)
    return {"gpkg": gpkg, "population": population, "tmp": tmp}


@pytest.fixture(scope="module")
def heidelberg_run(heidelberg, provider):
    import processing

    out = str(heidelberg["tmp"] / "diagnosis.gpkg")
    result = processing.run("mobilitydiagnosis:accessibility", {
        "INPUT": heidelberg["gpkg"], "GTFS": str(data_path("gtfs", "heidelberg_vrn_2022.zip")),
        "GTFS_DATE": "2022-09-13", "GTFS_START": "07:00", "GTFS_END": "09:00",
        "POPULATION": heidelberg["population"], "POPULATION_FIELD": "pop", "OUTPUT": out})  # fmt: skip
    return result


def rows(path, layer):
    ds = ogr.Open(path)
    lyr = ds.GetLayerByName(layer)
    out = []
    for f in lyr:
        d = {k: f.GetField(k) for k in f.keys()}  # noqa: SIM118 (an ogr.Feature, not a dict)
        g = f.GetGeometryRef()
        d["_geom"] = g.Clone() if g is not None else None
        out.append(d)
    return out


def territory_features(gpkg, layer):
    ds = ogr.Open(gpkg)
    out = []
    for f in ds.GetLayerByName(layer):
        out.append((f.GetField("osm_type"), f.GetField("osm_id"), json.loads(f.GetField("tags") or "{}"),
                    f.GetField("inside"), f.GetGeometryRef().Clone()))  # fmt: skip
    return out


def nearest_segment(segments, p):
    """Brute-force projection on every segment (independent of the plugin's grid index)."""
    a, b = segments[:, 0], segments[:, 1]
    d = b - a
    len2 = (d * d).sum(axis=1)
    t = np.clip(((p - a) * d).sum(axis=1) / np.where(len2 > 0, len2, 1), 0, 1)
    proj = a + d * t[:, None]
    dist = np.hypot(*(proj - p).T)
    k = int(np.argmin(dist))
    return k, float(dist[k]), proj[k]


def test_walk_distances_match_networkx(heidelberg, heidelberg_run):
    gpkg = heidelberg["gpkg"]
    # independent graph: every vertex of every walkable street a node (key: 1 cm grid)
    g = nx.Graph()
    segments, seg_keys = [], []
    for _, _, tags, _, geom in territory_features(gpkg, "streets"):
        if not walk_rule(tags).walkable:
            continue
        pts = np.array(geom.GetPoints())[:, :2]
        keys = [tuple(np.round(p / 0.01).astype(np.int64)) for p in pts]
        for ka, kb, pa, pb in zip(keys[:-1], keys[1:], pts[:-1], pts[1:]):
            w = float(np.hypot(*(pb - pa)))
            if ka != kb and (not g.has_edge(ka, kb) or g[ka][kb]["weight"] > w):
                g.add_edge(ka, kb, weight=w)
            segments.append((pa, pb))
            seg_keys.append((ka, kb))
    segments = np.array(segments)
    # stops: split their segment with a node at the projection
    for k, (_, _, _, _, geom) in enumerate(territory_features(gpkg, "transit_stops")):
        s, d, proj = nearest_segment(segments, np.array([geom.GetX(), geom.GetY()]))
        if d > 100:
            continue
        ka, kb = seg_keys[s]
        node = ("stop", k)
        g.add_edge(node, ka, weight=float(np.hypot(*(proj - segments[s, 0]))))
        g.add_edge(node, kb, weight=float(np.hypot(*(proj - segments[s, 1]))))
    dist = nx.multi_source_dijkstra_path_length(g, {n for n in g if isinstance(n, tuple) and n[0] == "stop"})

    out = heidelberg_run["OUTPUT"]
    origins = [r for r in rows(out, "walk_access") if r["dist_stop_m"] is not None]
    assert len(origins) > 300
    rng = np.random.default_rng(0)
    agree = 0
    sample = rng.choice(len(origins), size=150, replace=False)
    for i in sample.tolist():
        r = origins[i]
        p = np.array([r["_geom"].GetX(), r["_geom"].GetY()])
        s, d, proj = nearest_segment(segments, p)
        ka, kb = seg_keys[s]
        via_a = dist.get(ka, math.inf) + float(np.hypot(*(proj - segments[s, 0])))
        via_b = dist.get(kb, math.inf) + float(np.hypot(*(proj - segments[s, 1])))
        expected = d + min(via_a, via_b)
        assert r["snap_m"] == pytest.approx(d, abs=0.01)
        agree += abs(r["dist_stop_m"] - expected) < 0.05
    # a stop on the origin's own segment can be reached directly (not modelled above): allow a few
    assert agree >= 0.97 * len(sample)


def test_unreachable_origin_is_null_with_a_reason(heidelberg_run):
    walk = rows(heidelberg_run["OUTPUT"], "walk_access")
    null = [r for r in walk if r["dist_stop_m"] is None]
    # grid points in the forest or on the Neckar, and the point placed 20 km away (the only one with 5)
    assert [r["population"] for r in null].count(5) == 1
    assert len(null) < 0.1 * len(walk)
    far = [r for r in null if r["snap_m"] is None]
    islands = [r for r in null if r["snap_m"] is not None]
    for r in far:
        assert (
            r["dist_school_m"] is None and "dist_stop_m: no usable street or path within 100 m" in r["reason"]
        )
    for r in islands:  # on a path cut off from every stop
        assert "dist_stop_m: not connected" in r["reason"]
    assert not next(r for r in null if r["population"] == 5)["inside"]
    assert all(r["dist_stop_m"] > 0 for r in walk if r["dist_stop_m"] is not None)


def test_transit_service_and_matching(heidelberg_run, heidelberg):
    service = rows(heidelberg_run["OUTPUT"], "transit_service")
    assert 150 < len(service) < 260
    assert all(r["date"] == "2022-09-13" and r["window"] == "07:00-09:00" for r in service)
    matched = [r for r in service if r["match"] != "none"]
    assert len(matched) >= 0.8 * len(service)
    for r in matched:
        assert r["osm_id"] is not None and r["match_distance_m"] <= 200
    for r in service:
        assert r["frequent"] == (r["departures_per_hour"] >= 4)
        assert r["departures_per_hour"] == pytest.approx(r["departures"] / 2)
    bismarck = [r for r in service if "Bismarckplatz" in (r["name"] or "")]
    assert bismarck and max(r["departures"] for r in bismarck) >= 8
    # stop_access carries the departures of the matched GTFS stop
    stops = rows(heidelberg_run["OUTPUT"], "stop_access")
    with_service = [s for s in stops if s["departures_per_hour"] is not None]
    assert with_service and all(s["frequent"] == (s["departures_per_hour"] >= 4) for s in with_service)


def test_stop_access_classes_match_the_tags(heidelberg_run, heidelberg):
    stops = {r["osm_id"]: r for r in rows(heidelberg_run["OUTPUT"], "stop_access")}
    counts = {"yes": 0, "limited": 0, "no": 0, "unknown": 0}
    for _, osm_id, tags, inside, _ in territory_features(heidelberg["gpkg"], "transit_stops"):
        if osm_id not in stops:
            continue
        value = {"yes": "yes", "designated": "yes", "limited": "limited", "no": "no"}.get(
            tags.get("wheelchair"), "unknown"
        )
        assert stops[osm_id]["wheelchair"] == value
        assert ("wheelchair" in (stops[osm_id]["gap"] or "")) == (value == "unknown")
        if inside:
            counts[value] += 1
    total = sum(counts.values())
    ind = {r["indicator"]: r["value"] for r in rows(heidelberg_run["OUTPUT"], "indicators")}
    for cls, n in counts.items():
        assert ind[f"share_stops_wheelchair_{cls}"] == pytest.approx(100 * n / total)


def test_indicators_agree_with_walk_access(heidelberg_run):
    walk = [r for r in rows(heidelberg_run["OUTPUT"], "walk_access") if r["inside"]]
    ind = {r["indicator"]: r for r in rows(heidelberg_run["OUTPUT"], "indicators")}
    total = sum(r["population"] for r in walk)
    for radius in (300, 500):
        near = sum(
            r["population"] for r in walk if r["dist_stop_m"] is not None and r["dist_stop_m"] <= radius
        )
        assert ind[f"share_within_{radius}m_stop"]["value"] == pytest.approx(100 * near / total)
        near = sum(r["population"] for r in walk if r["dist_frequent_stop_m"] is not None
                   and r["dist_frequent_stop_m"] <= radius)  # fmt: skip
        assert ind[f"share_within_{radius}m_frequent_stop"]["value"] == pytest.approx(100 * near / total)
    assert ind["share_within_300m_stop"]["value"] < ind["share_within_500m_stop"]["value"]
    assert (
        "residents" in ind["share_within_300m_stop"]["label"]
        or "habitants" in ind["share_within_300m_stop"]["label"]
    )
    assert all(r["theme"] == "accessibility" for r in ind.values())


def union_length(geometries):
    from qgis.core import QgsGeometry

    parts = [QgsGeometry.fromWkt(g.ExportToWkt()) for g in geometries]
    return QgsGeometry.unaryUnion(parts).length()


def test_catchments_keep_source_ids_in_non_overlapping_bands(heidelberg_run, heidelberg):
    catch = rows(heidelberg_run["OUTPUT"], "walk_catchments")
    stop_ids = {f"{t[0][0]}{t[1]}" for t in territory_features(heidelberg["gpkg"], "transit_stops")}
    stops = [c for c in catch if c["destination"] == "stop"]
    assert stops and all(c["source_id"] in stop_ids for c in stops)
    assert {c["band_m"] for c in stops} == {300, 500, 1000}
    keys = [(c["destination"], c["source_id"], c["band_m"]) for c in catch]
    assert len(keys) == len(set(keys))
    for c in stops[:50]:
        assert c["_geom"].Length() == pytest.approx(c["length_m"], rel=1e-6)
    # merged bands do not overlap: the 300 m band pieces of all stops add up to no more than the network
    total_300 = sum(c["length_m"] for c in stops if c["band_m"] == 300)
    # (OSM has a few overlapping ways, about 0.1 % of the street length: hence the tolerance; overlapping
    # bands would give 40 % or more)
    union = union_length([c["_geom"] for c in stops if c["band_m"] == 300])
    assert union == pytest.approx(total_300, rel=3e-3)


def test_without_gtfs_frequent_distances_are_null_with_reason(heidelberg, provider, tmp_path):
    import processing

    out = str(tmp_path / "d.gpkg")
    processing.run("mobilitydiagnosis:accessibility", {
        "INPUT": heidelberg["gpkg"], "POPULATION": heidelberg["population"], "POPULATION_FIELD": "pop",
        "CATCHMENTS": 1, "OUTPUT": out})  # fmt: skip
    walk = rows(out, "walk_access")
    assert all(r["dist_frequent_stop_m"] is None for r in walk)
    assert all("dist_frequent_stop_m" in (r["reason"] or "") for r in walk)
    assert rows(out, "transit_service") == []
    ind = {r["indicator"]: r["value"] for r in rows(out, "indicators")}
    assert ind["share_within_500m_frequent_stop"] is None and ind["share_within_500m_stop"] is not None
    # one catchment per destination: schools' catchments overlap, each at least as long as its merged piece
    per_dest = [c for c in rows(out, "walk_catchments") if c["destination"] == "school"]
    by_src = {}
    for c in per_dest:
        by_src[c["source_id"]] = by_src.get(c["source_id"], 0.0) + c["length_m"]
    assert len(by_src) >= 10
    assert union_length([c["_geom"] for c in per_dest]) < 0.95 * sum(by_src.values())  # they overlap


def test_gtfs_date_outside_the_feed_is_a_clear_error(heidelberg, provider, tmp_path):
    import processing

    with pytest.raises(QgsProcessingException, match="2022-06-12"):
        processing.run("mobilitydiagnosis:accessibility", {
            "INPUT": heidelberg["gpkg"], "GTFS": str(data_path("gtfs", "heidelberg_vrn_2022.zip")),
            "GTFS_DATE": "2024-01-09", "OUTPUT": str(tmp_path / "x.gpkg")})  # fmt: skip
    assert not os.path.exists(tmp_path / "x.gpkg")


def test_monaco_demo_with_buildings(provider, tmp_path):
    import processing

    gpkg = str(tmp_path / "monaco.gpkg")
    processing.run("mobilitydiagnosis:fetchterritory", {
        "TERRITORY": "osm:relation/2220322",
        "OSM_FILE": os.path.join(ROOT, "mobility_diagnosis", "resources", "demo", "monaco_2023.osm.pbf"),
        "OUTPUT": gpkg})  # fmt: skip
    out = str(tmp_path / "d.gpkg")
    processing.run("mobilitydiagnosis:accessibility", {"INPUT": gpkg, "OUTPUT": out})
    walk = rows(out, "walk_access")
    # origins: residential building values, and building=yes without a shop, amenity or office
    homes = ("residential", "house", "apartments", "detached", "semidetached_house", "terrace", "bungalow",
             "dormitory", "farm", "cabin", "static_caravan", "houseboat", "annexe")  # fmt: skip
    expected = sum(1 for *_, tags, _inside, _g in territory_features(gpkg, "buildings")
                   if tags.get("building") in homes or (tags.get("building") == "yes" and
                   not {"shop", "amenity", "office"} & set(tags)))  # fmt: skip
    assert len(walk) == expected > 25
    assert {r["origin_kind"] for r in walk} <= {"residential", "possibly_residential"}
    assert ogr.GT_Flatten(walk[0]["_geom"].GetGeometryType()) == ogr.wkbMultiPolygon
    reached = [r for r in walk if r["dist_stop_m"] is not None]
    assert len(reached) > 0.9 * len(walk)
    assert all(r["dist_stop_m"] >= r["snap_m"] for r in reached)
    ind = {r["indicator"]: r for r in rows(out, "indicators")}
    assert (
        "buildings" in ind["share_within_300m_stop"]["label"]
        or "bâtiments" in ind["share_within_300m_stop"]["label"]
    )
    assert 0 < ind["share_within_500m_stop"]["value"] <= 100
    # every layer got its bundled style as default
    ds = ogr.Open(out)
    styles = ds.GetLayerByName("layer_styles")
    styled = {f.GetField("f_table_name") for f in styles}
    assert {"walk_access", "stop_access", "transit_service", "walk_catchments", "crossing_access",
            "sidewalk_gaps"} <= styled  # fmt: skip


def test_population_polygons_in_another_crs(heidelberg, provider, tmp_path):
    """INSEE-like 200 m cells in EPSG:3035: the origins keep their polygons and their residents."""
    import processing

    lam = osr.SpatialReference()
    lam.ImportFromEPSG(3035)
    lam.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    wgs = osr.SpatialReference()
    wgs.ImportFromEPSG(4326)
    wgs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    x0, y0, _ = osr.CoordinateTransformation(wgs, lam).TransformPoint(8.69, 49.405)
    path = str(tmp_path / "cells.gpkg")
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(path)
    layer = ds.CreateLayer("cells", lam, ogr.wkbPolygon)
    layer.CreateField(ogr.FieldDefn("ind", ogr.OFTReal))
    for i in range(4):
        for j in range(3):
            x, y = x0 + 200 * i, y0 + 200 * j
            ring = f"POLYGON(({x} {y},{x + 200} {y},{x + 200} {y + 200},{x} {y + 200},{x} {y}))"
            f = ogr.Feature(layer.GetLayerDefn())
            f.SetField("ind", 100.0 + i * 10 + j)
            f.SetGeometry(ogr.CreateGeometryFromWkt(ring))
            layer.CreateFeature(f)
    ds = None
    out = str(tmp_path / "d.gpkg")
    processing.run("mobilitydiagnosis:accessibility", {
        "INPUT": heidelberg["gpkg"], "POPULATION": f"{path}|layername=cells", "POPULATION_FIELD": "ind",
        "CATCHMENTS": 2, "OUTPUT": out})  # fmt: skip
    walk = rows(out, "walk_access")
    assert len(walk) == 12
    assert sorted(r["population"] for r in walk) == sorted(
        100.0 + i * 10 + j for i in range(4) for j in range(3)
    )
    assert all(ogr.GT_Flatten(r["_geom"].GetGeometryType()) == ogr.wkbMultiPolygon for r in walk)
    # each cell, reprojected to the territory's CRS, is still about 200 m x 200 m
    assert [round(r["_geom"].GetArea()) for r in walk] == pytest.approx([40000] * 12, rel=0.01)
    assert all(r["dist_stop_m"] is not None and r["dist_stop_m"] < 1500 for r in walk)  # central Heidelberg
    assert rows(out, "walk_catchments") == []
