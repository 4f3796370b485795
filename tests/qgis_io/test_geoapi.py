"""geo.api.gouv.fr commune outlines, replayed on loopback from the IGN outline of Cap-d'Ail."""

import json

import pytest

from mobility_diagnosis.core import fetch_errors as fe
from mobility_diagnosis.core.overpass_query import ring_area_km2
from mobility_diagnosis.qgis_io.sources.geoapi import fetch_commune_outline
from tests.conftest import data_path
from tests.support.http_server import ReplayServer, Reply


def _feature(code):
    with open(data_path("fr", "communes-06-alpes-maritimes.geojson"), encoding="utf-8") as src:
        feature = next(f for f in json.load(src)["features"] if f["properties"]["code"] == code)
    # the shape geo.api.gouv.fr gives: a Feature with nom, code, codeDepartement…
    return {"type": "Feature", "properties": {"nom": feature["properties"]["nom"], "code": code,
            "codeDepartement": "06"}, "geometry": feature["geometry"]}  # fmt: skip


@pytest.fixture
def server(qgis_app):
    with ReplayServer() as replay:
        yield replay


def test_outline_and_cache(server, tmp_cache):
    server.script("/communes/06032", Reply(body=json.dumps(_feature("06032")).encode()))
    outline = fetch_commune_outline("06032", base_url=server.url(), cache=tmp_cache)
    assert outline.name == "Cap-d'Ail" and outline.code == "06032"
    assert 2.0 < ring_area_km2(outline.polygons[0][0]) < 2.4  # Cap-d'Ail: 2.2 km²
    (sent,) = server.requests
    assert sent.query == "format=geojson&geometry=contour"
    again = fetch_commune_outline("06032", base_url=server.url(), cache=tmp_cache)
    assert again == outline and server.count("/communes/06032") == 1


def test_unknown_commune(server, tmp_cache):
    server.script("/communes/06999", Reply(status=404, body=b'{"code":404,"message":"Commune non trouvee"}'))
    with pytest.raises(fe.CommuneOutlineNotFound) as info:
        fetch_commune_outline("06999", base_url=server.url(), cache=tmp_cache)
    assert "06999" in str(info.value) and "TERRITORY_LAYER" in str(info.value)


@pytest.mark.parametrize(
    "body",
    [
        b'{"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [7, 43]}}',
        b"<html>",
    ],
)
def test_unusable_reply(server, tmp_cache, body):
    server.script("/communes/06032", Reply(body=body))
    with pytest.raises(fe.BadGeoJson):
        fetch_commune_outline("06032", base_url=server.url(), cache=tmp_cache)
    assert tmp_cache.get(server.url("/communes/06032?format=geojson&geometry=contour"), "") is None
