"""GTFS 'online' in mobilitydiagnosis:accessibility against a real HTTP server on 127.0.0.1 that plays
transport.data.gouv.fr: the dataset list, then the feed it points to (the Grand Périgueux zip)."""

import csv
import io
import json
import re
import zipfile

import pytest
from osgeo import ogr

from tests.conftest import data_path
from tests.support.http_server import Reply

pytestmark = pytest.mark.slow

CODE = "06032"  # Cap-d'Ail, a French commune in the Monaco extract
API = "/api/datasets"
FEED = "/resources/perigueux.gtfs.zip"


def dataset_list(feed_url, insee=CODE):
    return json.dumps([
        {"id": "bikes", "title": "Vélos", "type": "bike-scooter-sharing", "covered_area": [{"insee": insee}],
         "resources": [{"format": "GTFS", "url": feed_url + "?bikes", "is_available": True,
                        "updated": "2026-09-01T00:00:00Z"}]},
        {"id": "bus", "title": "Bus de la Riviera", "type": "public-transit",
         "covered_area": [{"type": "commune", "insee": insee, "nom": "Cap-d'Ail"}],
         "resources": [{"format": "GTFS", "url": feed_url, "original_url": feed_url, "is_available": True,
                        "updated": "2026-03-01T00:00:00Z"},
                       {"format": "NeTEx", "url": feed_url + ".netex", "is_available": True,
                        "updated": "2026-04-01T00:00:00Z"}]},
    ]).encode()  # fmt: skip


def run(run_alg, territory, server, tmp_path, name="d.gpkg"):
    out = str(tmp_path / name)
    result = run_alg("mobilitydiagnosis:accessibility", {
        "INPUT": territory, "GTFS": "online", "GTFS_API_URL": server.url(API), "OUTPUT": out})  # fmt: skip
    return out, result["_feedback"].messages


def gtfs_stops(feed):
    with zipfile.ZipFile(io.BytesIO(feed)) as z:
        rows = csv.DictReader(io.TextIOWrapper(z.open("stops.txt"), encoding="utf-8-sig"))
        return [r for r in rows if (r.get("location_type") or "0") in ("0", "")]


def count(path, layer):
    ds = ogr.Open(path)  # kept alive while the layer is used (OGR would crash otherwise)
    return ds.GetLayerByName(layer).GetFeatureCount()


def test_online_feed_found_downloaded_once_then_cached(run_alg, cap_dail, server, cache_folder, tmp_path):
    feed = data_path("gtfs", "grand_perigueux_2026.zip").read_bytes()
    server.script(API, Reply(body=dataset_list(server.url(FEED))))
    server.script(FEED, Reply(body=feed, content_type="application/zip"))
    out, messages = run(run_alg, cap_dail, server, tmp_path)
    assert server.count(API) == 1 and server.count(FEED) == 1  # the bike dataset's resource was not asked
    assert any("Bus de la Riviera" in m and "2026-03-01" in m for m in messages)
    # the feed was read: its stops are in Périgueux, not in Cap-d'Ail, and the algorithm says so
    stops = [re.search(r"(?:None of the|Aucun des) (\d+) ", m) for m in messages]
    assert [int(m.group(1)) for m in stops if m] == [len(gtfs_stops(feed))]
    assert count(out, "transit_service") == 0
    cached = list(cache_folder.glob("gtfs-*.zip"))
    assert len(cached) == 1 and cached[0].read_bytes() == feed
    # second run: the list and the zip come from the cache
    run(run_alg, cap_dail, server, tmp_path, "d2.gpkg")
    assert server.count(API) == 1 and server.count(FEED) == 1


@pytest.mark.parametrize(
    "reply, words",
    [(Reply(status=500, body=b"oops", content_type="text/plain"), "500"),
     (Reply(body=b"[]"), CODE),
     (Reply(body=b"[{\"type\": \"public-tr"), "JSON")],
)  # fmt: skip
def test_no_feed_is_a_warning_and_the_theme_completes(run_alg, cap_dail, server, cache_folder, tmp_path, reply,
                                                       words):  # fmt: skip
    server.script(API, reply)
    out, messages = run(run_alg, cap_dail, server, tmp_path)
    assert server.count(API) == 1 and server.count(FEED) == 0
    assert any(words in m and "GTFS" in m for m in messages)
    assert count(out, "walk_access") > 0
    assert count(out, "transit_service") == 0


def test_feed_download_failure_is_a_warning(run_alg, cap_dail, server, cache_folder, tmp_path):
    server.script(API, Reply(body=dataset_list(server.url(FEED))))
    server.script(FEED, Reply(status=404, body=b"gone", content_type="text/plain"))
    out, messages = run(run_alg, cap_dail, server, tmp_path)
    assert server.count(FEED) == 1
    assert any("404" in m for m in messages)
    assert count(out, "walk_access") > 0
    assert not list(cache_folder.glob("gtfs-*.zip"))


def test_non_french_territory_is_a_warning(run_alg, provider, server, cache_folder, tmp_path):
    import os

    root = os.path.join(os.path.dirname(__file__), "..", "..")
    gpkg = str(tmp_path / "monaco.gpkg")
    run_alg("mobilitydiagnosis:fetchterritory", {
        "TERRITORY": "osm:relation/2220322",
        "OSM_FILE": os.path.join(root, "mobility_diagnosis", "resources", "demo", "monaco_2023.osm.pbf"),
        "OUTPUT": gpkg})  # fmt: skip
    server.script(API, Reply(body=b"[]"))
    out, messages = run(run_alg, gpkg, server, tmp_path)
    assert any("INSEE" in m for m in messages)
    assert server.count(API) == 0  # no request for a territory that is not a French commune
