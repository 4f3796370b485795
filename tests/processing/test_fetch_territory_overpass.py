"""fetchterritory through the Overpass path, against a real HTTP server on loopback replaying recorded
replies and failures (no internet)."""

import json
import os
import threading

import pytest
from osgeo import ogr
from qgis.core import QgsProcessingException, QgsProcessingFeedback

from tests.support.http_server import ReplayServer, Reply
from tests.support.overpass_server import INTERPRETER, TIMEOUT_REMARK, json_reply

# Around Denfert-Rochereau (Paris 14e), the area of the recorded reply paris14_denfert_2022.json.
DENFERT = [[2.3270, 48.8290], [2.3400, 48.8290], [2.3400, 48.8380], [2.3270, 48.8380], [2.3270, 48.8290]]


@pytest.fixture
def settings(tmp_path):
    """A private cache folder and no retry pauses, restored afterwards."""
    from mobility_diagnosis.qgis_io import settings as s

    s.set_cache_folder(str(tmp_path / "cache"))
    s.set_overpass_retries(0)
    yield s
    s.reset()


def polygon_file(tmp_path, ring=DENFERT, name="denfert"):
    path = tmp_path / f"{name}.geojson"
    path.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {"nom": name},
                        "geometry": {"type": "Polygon", "coordinates": [ring]},
                    }
                ],
            }
        )
    )
    return str(path)


def test_territory_from_overpass_then_from_the_cache(run_alg, overpass_server, settings, tmp_path):
    overpass_server.script(INTERPRETER, overpass_server.recorded_reply("paris14_denfert_2022.json"))
    params = {
        "TERRITORY_LAYER": polygon_file(tmp_path),
        "OVERPASS_URL": overpass_server.interpreter_url,
        "BUFFER": 100,
        "OUTPUT": str(tmp_path / "denfert.gpkg"),
    }
    run_alg("mobilitydiagnosis:fetchterritory", params)
    assert overpass_server.count(INTERPRETER) == 1
    # one query for every theme at once, polite header, polygon filter
    from urllib.parse import parse_qs

    query = parse_qs(overpass_server.requests[-1].body.decode())["data"][0]
    assert "[out:json]" in query and "poly:" in query and '"highway"' in query and '"amenity"' in query
    ds = ogr.Open(params["OUTPUT"])
    streets = ds.GetLayerByName("streets")
    names = {f.GetField("name") for f in streets}
    street_ids = sorted(f.GetField("osm_id") for f in ds.GetLayerByName("streets"))
    assert "Avenue du Général Leclerc" in names or "Boulevard Raspail" in names
    about = {f.GetField("key"): f.GetField("value") for f in ds.GetLayerByName("about")}
    assert about["source"] == "OpenStreetMap, Overpass API"
    assert about["osm_timestamp"] == "2022-08-24T09:15:54Z"
    assert about["endpoint"] == overpass_server.interpreter_url
    ds = None

    # a second run of the same territory makes no request
    run_alg("mobilitydiagnosis:fetchterritory", dict(params, OUTPUT=str(tmp_path / "again.gpkg")))
    assert overpass_server.count(INTERPRETER) == 1
    again = ogr.Open(str(tmp_path / "again.gpkg"))
    assert sorted(f.GetField("osm_id") for f in again.GetLayerByName("streets")) == street_ids


def test_same_layers_as_the_file_path_for_the_same_data(run_alg, overpass_server, settings, tmp_path):
    """The Overpass path and the local-file path give the same streets for the same OSM data."""
    overpass_server.script(INTERPRETER, overpass_server.recorded_reply("paris14_denfert_2022.json"))
    online = str(tmp_path / "online.gpkg")
    run_alg(
        "mobilitydiagnosis:fetchterritory",
        {
            "TERRITORY_LAYER": polygon_file(tmp_path),
            "OVERPASS_URL": overpass_server.interpreter_url,
            "BUFFER": 0,
            "OUTPUT": online,
        },
    )
    # the same reply written as OSM XML, read through GDAL
    data = json.loads(overpass_server.recorded_reply("paris14_denfert_2022.json").body)
    osm = tmp_path / "same.osm"
    osm.write_text(overpass_json_to_xml(data), encoding="utf-8")
    offline = str(tmp_path / "offline.gpkg")
    run_alg(
        "mobilitydiagnosis:fetchterritory",
        {"TERRITORY_LAYER": polygon_file(tmp_path), "OSM_FILE": str(osm), "BUFFER": 0, "OUTPUT": offline},
    )

    def street_ids(path):
        ds = ogr.Open(path)
        return sorted((f.GetField("osm_id"), f.GetField("highway")) for f in ds.GetLayerByName("streets"))

    a, b = street_ids(online), street_ids(offline)
    assert set(a) == set(b)
    # a way crossing the territory's edge may be cut into one more tiny piece on one path (coordinates
    # parsed from JSON vs GDAL's fixed-point storage differ in the last bit at the edge)
    assert abs(len(a) - len(b)) <= 2
    assert len(street_ids(online)) > 50


def overpass_json_to_xml(data):
    from xml.sax.saxutils import quoteattr

    out = ['<?xml version="1.0" encoding="UTF-8"?>', '<osm version="0.6" generator="test">']
    for e in data["elements"]:
        if e["type"] == "node":
            out.append(f'<node id="{e["id"]}" lat="{e["lat"]}" lon="{e["lon"]}" version="1">')
        elif e["type"] == "way":
            out.append(f'<way id="{e["id"]}" version="1">')
            out += [f'<nd ref="{n}"/>' for n in e.get("nodes", [])]
        else:
            continue
        out += [f"<tag k={quoteattr(k)} v={quoteattr(v)}/>" for k, v in e.get("tags", {}).items()]
        out.append(f"</{e['type']}>")
    out.append("</osm>")
    return "\n".join(out)


def assert_fails(run_alg, params, match, tmp_path):
    out = str(tmp_path / "never.gpkg")
    with pytest.raises(QgsProcessingException, match=match):
        run_alg("mobilitydiagnosis:fetchterritory", dict(params, OUTPUT=out))
    assert not os.path.exists(out)
    assert [p for p in os.listdir(tmp_path) if p.startswith(".tmp")] == []


def test_runtime_error_remark_in_a_200_is_a_failure(run_alg, overpass_server, settings, tmp_path):
    overpass_server.script(INTERPRETER, Reply(body=json_reply([], remark=TIMEOUT_REMARK)))
    assert_fails(
        run_alg,
        {"TERRITORY_LAYER": polygon_file(tmp_path), "OVERPASS_URL": overpass_server.interpreter_url},
        "timed out|smaller|mirror",
        tmp_path,
    )


def test_truncated_reply(run_alg, overpass_server, settings, tmp_path):
    body = overpass_server.recorded_reply("paris14_denfert_2022.json").body
    overpass_server.script(INTERPRETER, Reply(body=body[: len(body) // 2]))
    assert_fails(
        run_alg,
        {"TERRITORY_LAYER": polygon_file(tmp_path), "OVERPASS_URL": overpass_server.interpreter_url},
        "cut|truncated|incomplete",
        tmp_path,
    )


def test_busy_after_retries(run_alg, overpass_server, settings, tmp_path):
    overpass_server.script(INTERPRETER, Reply(status=429, headers={"Retry-After": "0"}))
    assert_fails(
        run_alg,
        {"TERRITORY_LAYER": polygon_file(tmp_path), "OVERPASS_URL": overpass_server.interpreter_url},
        "busy|later|mirror|local",
        tmp_path,
    )


def test_unreachable_server_suggests_a_mirror_or_a_file(run_alg, settings, tmp_path):
    from tests.support.http_server import free_port_refusing_connections

    url = f"http://127.0.0.1:{free_port_refusing_connections()}/api/interpreter"
    assert_fails(
        run_alg, {"TERRITORY_LAYER": polygon_file(tmp_path), "OVERPASS_URL": url}, "mirror|file", tmp_path
    )


def test_territory_too_large_is_refused_before_sending(run_alg, overpass_server, settings, tmp_path):
    big = [[2.0, 48.5], [3.0, 48.5], [3.0, 49.2], [2.0, 49.2], [2.0, 48.5]]  # ~5,700 km²
    assert_fails(
        run_alg,
        {
            "TERRITORY_LAYER": polygon_file(tmp_path, big, "big"),
            "OVERPASS_URL": overpass_server.interpreter_url,
        },
        "km²",
        tmp_path,
    )
    assert overpass_server.count(INTERPRETER) == 0


def test_cancel_during_the_download(provider, overpass_server, settings, tmp_path):
    import processing

    body = overpass_server.recorded_reply("paris14_denfert_2022.json").body
    overpass_server.script(INTERPRETER, Reply(body=body, delay=20))
    feedback = QgsProcessingFeedback()
    threading.Timer(1.0, feedback.cancel).start()
    out = str(tmp_path / "never.gpkg")
    with pytest.raises(QgsProcessingException, match="[Cc]ancel"):
        processing.run(
            "mobilitydiagnosis:fetchterritory",
            {
                "TERRITORY_LAYER": polygon_file(tmp_path),
                "OVERPASS_URL": overpass_server.interpreter_url,
                "OUTPUT": out,
            },
            feedback=feedback,
        )
    assert not os.path.exists(out)


def test_french_commune_online_falls_back_to_geo_api_outline(run_alg, overpass_server, settings, tmp_path):
    """75114 (Paris 14e): no boundary relation in the Overpass reply, so the outline comes from the
    (loopback) geo.api.gouv.fr; then the data query."""
    geo = ReplayServer().start()
    try:
        feature = {
            "type": "Feature",
            "properties": {"code": "75114", "nom": "Paris 14e Arrondissement"},
            "geometry": {"type": "Polygon", "coordinates": [DENFERT]},
        }
        geo.script("/communes/75114", Reply(body=json.dumps(feature).encode()))
        settings.set_geoapi_url(geo.url(""))
        overpass_server.script(
            INTERPRETER,
            Reply(body=json_reply([])),
            overpass_server.recorded_reply("paris14_denfert_2022.json"),
        )
        out = str(tmp_path / "paris14.gpkg")
        run_alg(
            "mobilitydiagnosis:fetchterritory",
            {
                "TERRITORY": "75114",
                "BUFFER": 0,
                "OVERPASS_URL": overpass_server.interpreter_url,
                "OUTPUT": out,
            },
        )
        assert geo.count("/communes/75114") == 1
        assert overpass_server.count(INTERPRETER) == 2
        ds = ogr.Open(out)
        territory = ds.GetLayerByName("territory").GetNextFeature()
        assert territory.GetField("code") == "75114"
        assert "geo.api.gouv.fr" in territory.GetField("source")
        assert ds.GetLayerByName("streets").GetFeatureCount() > 50
    finally:
        geo.stop()
