"""Commune boundaries through Overpass: a real outline (Cap-d'Ail from the 2016 extract) served as an
``out geom`` reply whose ring is split into member ways, assembled back and checked against IGN."""

import json

import pytest
from osgeo import gdal, ogr

from mobility_diagnosis.core.overpass_query import commune_boundary_query, ring_area_km2
from mobility_diagnosis.qgis_io.osm.overpass import fetch_boundary
from mobility_diagnosis.qgis_io.settings import OverpassSettings
from tests.conftest import data_path
from tests.support.http_server import Reply
from tests.support.overpass_server import INTERPRETER, json_reply


def _osm_outline(insee):
    gdal.PushErrorHandler("CPLQuietErrorHandler")  # the extract clips the neighbours' boundaries
    try:
        source = ogr.Open(str(data_path("osm", "monaco_communes_2016.osm.pbf")))
        for feature in source.GetLayerByName("multipolygons"):
            if f'"ref:INSEE"=>"{insee}"' in (feature.GetField("other_tags") or ""):
                geometry = feature.GetGeometryRef()
                polygons = [geometry.GetGeometryRef(i) for i in range(geometry.GetGeometryCount())]
                ring = max(polygons, key=lambda p: p.GetArea()).GetGeometryRef(0)  # the mainland, not a rock
                points = [ring.GetPoint_2D(i) for i in range(ring.GetPointCount())]
                return int(feature.GetField("osm_id")), points
    finally:
        gdal.PopErrorHandler()
    raise AssertionError(f"{insee} not in the extract")


def _ign_area(insee):
    with open(data_path("fr", "communes-06-alpes-maritimes.geojson"), encoding="utf-8") as f:
        feature = next(x for x in json.load(f)["features"] if x["properties"]["code"] == insee)
    return ring_area_km2(feature["geometry"]["coordinates"][0])


def _geometry(points):
    return [{"lat": y, "lon": x} for x, y in points]


@pytest.mark.parametrize("insee", ["06032", "06012"])
def test_commune_boundary_assembled_from_member_ways(overpass_server, tmp_cache, insee):
    relation_id, ring = _osm_outline(insee)
    third = len(ring) // 3
    pieces = [ring[: third + 1], ring[third : 2 * third + 1][::-1], ring[2 * third :]]  # one reversed
    relation = {
        "type": "relation", "id": relation_id,
        "tags": {"type": "boundary", "boundary": "administrative", "admin_level": "8", "ref:INSEE": insee},
        "members": [{"type": "way", "ref": 1000 + i, "role": "outer", "geometry": _geometry(p)}
                    for i, p in enumerate(pieces)]
                   + [{"type": "node", "ref": 1, "role": "admin_centre", "lat": 43.7, "lon": 7.4}],
    }  # fmt: skip
    overpass_server.script(INTERPRETER, Reply(body=json_reply([relation])))
    boundary, meta = fetch_boundary(commune_boundary_query(insee), endpoint=overpass_server.interpreter_url,
                                    cache=tmp_cache, settings=OverpassSettings())  # fmt: skip
    assert boundary is not None and boundary.osm_id == relation_id
    assert boundary.tags["ref:INSEE"] == insee
    (polygon,) = boundary.coords
    assert len(polygon[0]) == len(ring)
    osm_area, ign_area = ring_area_km2(polygon[0]), _ign_area(insee)
    assert abs(osm_area - ign_area) / ign_area < 0.1  # OSM 2016 and IGN 2018 outlines agree within 10 %
    assert overpass_server.requests[-1].body.count(b"ref%3AINSEE") == 1


def test_no_boundary_in_the_reply(overpass_server, tmp_cache, feedback):
    member = {"type": "way", "ref": 1, "role": "outer", "geometry": _geometry([(0, 0), (1, 0)])}
    broken = {
        "type": "relation",
        "id": 7,
        "tags": {"type": "boundary", "name": "Nowhere"},
        "members": [member],
    }
    overpass_server.script(INTERPRETER, Reply(body=json_reply([broken])))
    boundary, _ = fetch_boundary(
        commune_boundary_query("99999"),
        endpoint=overpass_server.interpreter_url,
        cache=tmp_cache,
        settings=OverpassSettings(),
        feedback=feedback,
        lang="en",
    )
    assert boundary is None
    assert any("relation 7 (Nowhere)" in m for m in feedback.messages)
