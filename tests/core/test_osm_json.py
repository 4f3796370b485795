"""Overpass JSON to OsmElement: both output styles, areas by GDAL's rule, multipolygon rings."""

import gzip
import json

import pytest

from mobility_diagnosis.core.osm_json import assemble_rings, parse_overpass, ring_signed_area
from mobility_diagnosis.core.osm_layers import AREA, LINE, POINT, layers_for
from tests.conftest import data_path


def _load(name):
    path = data_path("overpass", name)
    opener = gzip.open if name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        return json.load(f)


@pytest.mark.parametrize(
    ("name", "ways", "tagged_nodes"),
    [
        ("maisons_laffitte_highways_2022.json.gz", 1409, 1134),
        ("paris16_highways_2022.json.gz", 3805, 3846),
        ("paris14_denfert_2022.json", 120, 0),
    ],
)
def test_recorded_replies(name, ways, tagged_nodes):
    data = _load(name)
    elements, warnings = parse_overpass(data)
    assert warnings == []
    by_type = {t: [e for e in elements if e.osm_type == t] for t in ("node", "way")}
    assert len(by_type["way"]) == ways
    assert len(by_type["node"]) == tagged_nodes
    # coordinates are lon/lat, resolved from the separate node elements
    nodes = {e["id"]: (e["lon"], e["lat"]) for e in data["elements"] if e["type"] == "node"}
    raw_way = next(e for e in data["elements"] if e["type"] == "way")
    way = next(e for e in elements if e.osm_type == "way" and e.osm_id == raw_way["id"])
    assert way.kind == LINE
    assert list(way.coords) == [nodes[n] for n in raw_way["nodes"]]
    assert 2.0 < way.coords[0][0] < 2.5 and 48.5 < way.coords[0][1] < 49.0


def test_paris14_cycleway_tags_survive():
    elements, _ = parse_overpass(_load("paris14_denfert_2022.json"))
    with_cycleway = [e for e in elements if any(k.startswith("cycleway") for k in e.tags)]
    assert len(with_cycleway) == 106
    assert all(layers_for(e.tags, e.kind) == ["streets"] for e in with_cycleway)


def test_closed_ways_are_areas_by_gdal_rule():
    elements, _ = parse_overpass(_load("paris16_highways_2022.json.gz"))
    areas = [e for e in elements if e.kind == AREA]
    assert {e.osm_id for e in areas} and all(e.osm_type == "way" for e in areas)
    for element in areas:
        ring = element.coords[0][0]
        assert ring[0] == ring[-1]
    # a closed highway loop without area tags stays a line (junction=circular at Place de Lattre)
    circular = next(e for e in elements if e.osm_id == 4006558)
    assert circular.kind == LINE


def node(i, lon, lat, **tags):
    element = {"type": "node", "id": i, "lon": lon, "lat": lat}
    if tags:
        element["tags"] = tags
    return element


TRIANGLE = [{"lat": 0, "lon": 0}, {"lat": 0, "lon": 1}, {"lat": 1, "lon": 1}, {"lat": 0, "lon": 0}]


def test_out_geom_style_and_duplicates():
    data = {
        "elements": [
            {"type": "way", "id": 10, "nodes": [1, 2, 3, 1], "tags": {"building": "yes"},
             "geometry": TRIANGLE},
            {"type": "way", "id": 11, "nodes": [1, 2], "tags": {"highway": "footway"},
             "geometry": [{"lat": 0, "lon": 0}, None, {"lat": 0, "lon": 1}]},
            node(5, 3.0, 4.0, amenity="bicycle_parking"),
            node(5, 3.0, 4.0),  # the same node again as a skeleton
            {"type": "way", "id": 12, "nodes": [1, 2, 3, 1], "tags": {"highway": "service", "area": "no"},
             "geometry": TRIANGLE},
        ]
    }  # fmt: skip
    elements, warnings = parse_overpass(data)
    got = {(e.osm_type, e.osm_id): e for e in elements}
    assert got[("way", 10)].kind == AREA
    assert got[("way", 10)].coords == [[[(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 0.0)]]]
    assert got[("way", 11)].coords == [(0.0, 0.0), (1.0, 0.0)]
    assert got[("way", 12)].kind == LINE  # area=no
    assert got[("node", 5)].kind == POINT and got[("node", 5)].tags == {"amenity": "bicycle_parking"}
    assert len(elements) == 4 and warnings == []


def test_way_with_missing_nodes_is_skipped_with_a_warning():
    data = {
        "elements": [node(1, 0, 0), {"type": "way", "id": 7, "nodes": [1, 2], "tags": {"highway": "path"}}]
    }
    elements, warnings = parse_overpass(data)
    assert elements == []
    assert len(warnings) == 1 and "way 7" in warnings[0]


def test_assemble_rings_joins_pieces_in_any_direction():
    a, b, c, d = (0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0)
    rings, failed = assemble_rings([[a, b], [d, c], [b, c], [a, d]])  # second and last reversed
    assert failed == 0 and len(rings) == 1
    ring = rings[0]
    assert ring[0] == ring[-1] and set(ring) == {a, b, c, d} and len(ring) == 5
    assert abs(ring_signed_area(ring)) == 1.0
    rings, failed = assemble_rings([[a, b], [b, c]])
    assert rings == [] and failed == 1


def _square(x0, y0, size):
    return [(x0, y0), (x0 + size, y0), (x0 + size, y0 + size), (x0, y0 + size), (x0, y0)]


def _member(role, coords, ref=0, inline=True):
    member = {"type": "way", "ref": ref, "role": role}
    if inline:
        member["geometry"] = [{"lon": x, "lat": y} for x, y in coords]
    return member


def test_multipolygon_with_two_outers_and_a_hole():
    big, hole, island = _square(0, 0, 10), _square(2, 2, 2), _square(20, 0, 1)
    # the big outer ring split in two ways, given in the reply as separate way elements (recurse style)
    west = [big[3], big[4], big[1]]  # (0,10) -> (0,0) -> (10,0)
    east = [big[1], big[2], big[3]]
    elements = [node(100 + i, x, y) for i, (x, y) in enumerate([big[0], big[1], big[2], big[3]])]
    ids = {p: 100 + i for i, p in enumerate([big[0], big[1], big[2], big[3]])}
    elements += [
        {"type": "way", "id": 1, "nodes": [ids[p] for p in west]},
        {"type": "way", "id": 2, "nodes": [ids[p] for p in east]},
        {"type": "relation", "id": 99, "tags": {"type": "multipolygon", "building": "school"},
         "members": [_member("outer", west, 1, inline=False), _member("outer", east, 2, inline=False),
                     _member("inner", hole), _member("", island),
                     {"type": "node", "ref": 5, "role": "label"}]},
    ]  # fmt: skip
    result, warnings = parse_overpass({"elements": elements})
    assert warnings == []
    (relation,) = [e for e in result if e.osm_type == "relation"]
    assert relation.kind == AREA and relation.osm_id == 99
    polygons = sorted(relation.coords, key=lambda p: -abs(ring_signed_area(p[0])))
    assert len(polygons) == 2
    assert (
        abs(ring_signed_area(polygons[0][0])) == 100 and len(polygons[0]) == 2
    )  # the hole is with the big one
    assert abs(ring_signed_area(polygons[0][1])) == 4
    assert len(polygons[1]) == 1


def test_hole_goes_to_the_outer_ring_holding_it():
    lake_shore, island, pond = _square(0, 0, 10), _square(3, 3, 4), _square(4, 4, 1)
    rel = {"type": "relation", "id": 5, "tags": {"type": "multipolygon", "landuse": "meadow"},
           "members": [_member("outer", lake_shore), _member("inner", _square(1, 1, 1)),
                       _member("outer", island), _member("inner", pond)]}  # fmt: skip
    (element,), _ = parse_overpass({"elements": [rel]})
    by_size = {abs(ring_signed_area(p[0])): p for p in element.coords}
    assert [abs(ring_signed_area(r)) for r in by_size[100][1:]] == [1]
    assert [abs(ring_signed_area(r)) for r in by_size[16][1:]] == [1]


@pytest.mark.parametrize(
    ("members", "needle"),
    [
        ([_member("outer", [(0, 0), (1, 0), (1, 1)])], "do not form closed rings"),
        ([_member("outer", _square(0, 0, 1)), {"type": "way", "ref": 404, "role": "inner"}], "missing"),
    ],
)
def test_broken_relation_is_skipped_with_a_warning_naming_it(members, needle):
    rel = {
        "type": "relation",
        "id": 4242,
        "tags": {"type": "boundary", "name": "Cap-d'Ail"},
        "members": members,
    }
    elements, warnings = parse_overpass({"elements": [rel]}, lang="en")
    assert elements == []
    assert len(warnings) == 1 and "4242 (Cap-d'Ail)" in warnings[0] and needle in warnings[0]
    _, warnings_fr = parse_overpass({"elements": [rel]}, lang="fr")
    assert "ignorée" in warnings_fr[0]


def test_stray_inner_ring_is_dropped_with_a_warning():
    rel = {"type": "relation", "id": 8, "tags": {"type": "multipolygon", "building": "yes"},
           "members": [_member("outer", _square(0, 0, 1)), _member("inner", _square(5, 5, 1))]}  # fmt: skip
    (element,), warnings = parse_overpass({"elements": [rel]})
    assert element.coords == [[_square(0, 0, 1)]]
    assert "inner rings" in warnings[0]


def test_route_relations_are_not_areas():
    rel = {"type": "relation", "id": 3, "tags": {"type": "route", "route": "bus"}, "members": []}
    assert parse_overpass({"elements": [rel]}) == ([], [])
