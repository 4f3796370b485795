"""Query building: one query for every layer, from the layer table, for each kind of area."""

import json
import re

import pytest

from mobility_diagnosis.core import overpass_query as oq
from mobility_diagnosis.core.osm_json import point_in_ring
from mobility_diagnosis.core.osm_layers import AREA, LAYER_RULES, LINE, POINT, LayerRule, Selector
from tests.conftest import data_path


@pytest.mark.parametrize(
    ("selector", "expected"),
    [
        (Selector("crossing"), '["crossing"]'),
        (Selector("amenity", ("parking",)), '["amenity"="parking"]'),
        (Selector("amenity", ("school", "kindergarten")), '["amenity"~"^(kindergarten|school)$"]'),
        (Selector("building", exclude=("no",)), '["building"]["building"!="no"]'),
        (Selector("shop", exclude=("vacant", "no")), '["shop"]["shop"!~"^(no|vacant)$"]'),
        # regex metacharacters escaped, then the backslash doubled inside the QL string
        (Selector("ref", ("a.b", "c")), '["ref"~"^(a\\\\.b|c)$"]'),
        (Selector('we"ird'), '["we\\"ird"]'),
    ],
)
def test_selector_filter(selector, expected):
    assert oq.selector_filter(selector) == expected


def test_one_query_covers_every_selector_of_the_layer_table():
    query = oq.territory_query(oq.bbox_area(7.40, 43.72, 7.44, 43.75))
    assert query.startswith("[out:json][timeout:180][maxsize:536870912];")
    for rule in LAYER_RULES:
        for selector in rule.selectors:
            assert oq.selector_filter(selector) in query, (rule.layer, selector)
    # a single union, one output statement: one request per territory
    assert query.count("out ") == 1
    assert "(43.7200000,7.4000000,43.7500000,7.4400000)" in query


def test_statement_types_follow_the_geometry_kinds():
    statements = {f: s for s, f in oq.layer_statements()}
    assert statements['["amenity"~"^(kindergarten|school)$"]'] == "nwr"  # points and areas
    assert statements['["building"]["building"!="no"]'] == "wr"  # areas only
    assert statements['["crossing"]'] == "node"
    assert statements[oq.selector_filter(LAYER_RULES[0].selectors[0])] == "way"  # streets are lines


def test_a_new_rule_is_fetched_without_touching_the_query_builder():
    extra = LayerRule("bike_rental", (POINT, AREA), "Point", (Selector("amenity", ("bicycle_rental",)),))
    query = oq.territory_query(oq.bbox_area(0, 0, 1, 1), rules=(*LAYER_RULES, extra))
    assert 'nwr["amenity"="bicycle_rental"](0.0000000,0.0000000,1.0000000,1.0000000);' in query
    assert LINE not in extra.kinds


def test_query_text_is_deterministic_for_the_cache():
    area = oq.relation_area(2220322)
    assert oq.territory_query(area) == oq.territory_query(area)


def test_relation_area_id_and_styles():
    query = oq.territory_query(oq.relation_area(2220322), style="recurse", timeout_s=90, maxsize=1000)
    assert "[timeout:90][maxsize:1000]" in query
    assert "area(id:3602220322)->.territory;" in query
    assert "(area.territory);" in query
    assert query.rstrip().endswith("out body qt;\n>;\nout skel qt;")
    assert oq.territory_query(oq.relation_area(1)).rstrip().endswith("out geom qt;")


def test_boundary_queries():
    q = oq.commune_boundary_query("06032")
    assert 'rel["boundary"="administrative"]["admin_level"="8"]["ref:INSEE"="06032"];' in q
    assert "out geom;" in q
    assert "rel(2220322);" in oq.relation_query(2220322)
    with pytest.raises(ValueError):
        oq.commune_boundary_query('06032"];out;')


def _communes():
    with open(data_path("fr", "communes-06-alpes-maritimes.geojson"), encoding="utf-8") as f:
        for feature in json.load(f)["features"]:
            geometry = feature["geometry"]
            polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
            yield feature["properties"]["code"], [[tuple(p) for p in poly[0]] for poly in polygons]


def _distance_to_segment(p, a, b):
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / ((dx * dx + dy * dy) or 1.0)))
    return ((px - ax - t * dx) ** 2 + (py - ay - t * dy) ** 2) ** 0.5


def _covered(point, ring, tolerance=1e-9):
    closed = [*ring, ring[0]]
    if point_in_ring(point, closed):
        return True
    # on the boundary (a kept vertex, or on an edge extended over it) counts as covered
    return min(_distance_to_segment(point, a, b) for a, b in zip(closed, closed[1:])) < tolerance


@pytest.mark.parametrize("max_vertices", [8, 30])
def test_simplified_polygon_covers_every_commune_of_the_alpes_maritimes(max_vertices):
    checked = 0
    for code, rings in _communes():
        ring = oq.enclosing_ring(rings, max_vertices)
        assert len(ring) <= max_vertices, code
        for outer in rings:
            for point in outer:
                assert _covered(point, ring), (code, point)
        checked += 1
    assert checked == 163


def test_simplified_polygon_stays_close_to_the_territory():
    # Nice (06088): the covering polygon with 30 vertices adds well under a third of the area
    rings = dict(_communes())["06088"]
    area = oq.ring_area_km2(rings[0])
    grown = oq.ring_area_km2(oq.enclosing_ring(rings, 30))
    assert 71 < area < 75  # IGN gives Nice 71.9 km² (this outline is simplified)
    assert area < grown < 1.3 * area


def test_poly_filter_is_latitude_first():
    area = oq.polygon_area([[(7.0, 43.0), (7.1, 43.0), (7.1, 43.1), (7.0, 43.0)]])
    text = area.filter()
    assert re.fullmatch(r'\(poly:"[0-9. ]+"\)', text)
    assert "43.0000000 7.0000000" in text
