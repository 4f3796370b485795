"""Every source of a French commune through ``diagnose``, from loopback servers replaying the recorded
replies the theme tests use (transport.data.gouv.fr's dataset list and the Grand Périgueux feed, the
education directory's explore API, the national carpool base, Acceslibre's API): used, then one server down (its source
"failed", the run completes), then an offline kit prepared online and run with every server stopped."""

import json
import os
from urllib.parse import parse_qs

import pytest
from osgeo import ogr

from mobility_diagnosis.qgis_io import settings
from tests.conftest import data_path
from tests.processing.test_accessibility_acceslibre import api_results
from tests.processing.test_accessibility_acceslibre import rows as public_buildings
from tests.processing.test_accessibility_gtfs_online import dataset_list, gtfs_stops
from tests.processing.test_parking import BNLC_REPLY
from tests.processing.test_schools import RECORDS
from tests.support import carpool_register as rpc
from tests.support.acceslibre_server import ERPS, serve_erps
from tests.support.http_server import ReplayServer, Reply

pytestmark = pytest.mark.slow

CODE = "06032"  # Cap-d'Ail, a French commune in the Monaco extract
OSM = data_path("osm", "monaco_communes_2016.osm.pbf")
API, FEED = "/api/datasets", "/resources/perigueux.gtfs.zip"
DIRECTORY = "/api/explore/v2.1/catalog/datasets/fr-en-annuaire-education/records"
BNLC = "/api/geo-query"
THEMES = [1, 2, 3]  # accessibility (GTFS, Acceslibre), parking (carpool), schools (directory)


def directory_page(request):
    query = parse_qs(request.query)
    offset, limit = int(query["offset"][0]), int(query["limit"][0])
    return Reply(
        body=json.dumps({"total_count": len(RECORDS), "results": RECORDS[offset : offset + limit]}).encode()
    )


def script_sources(server):
    """The recorded replies: the access point's list and its feed, the directory's pages, the BNLC, and
    Acceslibre's API paginated over the establishments placed at real places of Cap-d'Ail."""
    server.script(API, Reply(body=dataset_list(server.url(FEED))))
    server.script(FEED, Reply(body=data_path("gtfs", "grand_perigueux_2026.zip").read_bytes(),
                              content_type="application/zip"))  # fmt: skip
    server.script(DIRECTORY, directory_page)
    server.script(BNLC, Reply(body=BNLC_REPLY))
    serve_erps(server, api_results(), page_size=2)
    server.script(rpc.DATASET, Reply(body=rpc.dataset_description(server)))
    server.script(rpc.JANUARY_PATH, Reply(body=rpc.month_csv(rpc.JANUARY), content_type="text/csv"))
    server.script(rpc.FEBRUARY_PATH, Reply(body=rpc.month_csv(rpc.FEBRUARY), content_type="text/csv"))


@pytest.fixture
def servers(cache_folder):  # cache_folder: tests/processing/conftest.py
    with ReplayServer() as server:
        script_sources(server)
        yield server


def urls(server, bnlc=None, acceslibre=None):
    return {
        "GTFS_API_URL": server.url(API),
        "SCHOOLS_API_URL": server.url(),
        "BNLC_URL": bnlc or server.url(BNLC + "?data=bnlc"),
        "ACCESLIBRE_API_URL": acceslibre or server.url("/api"),
        "RPC_URL": server.url(rpc.DATASET),
    }


def statuses(folder):
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    return {row["source"]: row for row in descriptor["source_status"]}


def carpool_rows(folder):
    ds = ogr.Open(str(folder / "diagnosis.gpkg"))
    layer = ds.GetLayerByName("parking_supply")
    layer.SetAttributeFilter("kind = 'carpool'")
    return sorted(f.GetField("name") for f in layer)


def check_public_buildings(folder):
    """Acceslibre reached the accessibility theme: the establishments within a walk of a stop (the town hall
    is too far, la Mala off the streets, Nice outside), with the access the API described."""
    found = public_buildings(str(folder / "diagnosis.gpkg"))
    assert set(found) == {"gendarmerie", "poste", "pharmacie"}
    assert (found["poste"]["entrance"], found["poste"]["entrance_steps"]) == ("no", 3)
    assert (found["gendarmerie"]["entrance"], found["gendarmerie"]["disabled_parking"]) == ("yes", "yes")
    assert found["pharmacie"]["entrance"] == "unknown"


def test_every_source_online_for_a_french_commune(run_alg, servers, tmp_path):
    folder = tmp_path / "capdail"
    result = run_alg("mobilitydiagnosis:diagnose", {
        "TERRITORY": CODE, "OSM_FILE": str(OSM), "THEMES": THEMES, "SOURCES": 1, "PARALLEL": False,
        "OUTPUT_FOLDER": str(folder), **urls(servers)})  # fmt: skip
    got = statuses(folder)
    assert {k: v["state"] for k, v in got.items()} == {
        "osm": "used", "gtfs": "used", "schools_directory": "used", "carpool": "used", "acceslibre": "used",
        "population": "not_given",
    }  # fmt: skip
    assert got["gtfs"]["vintage"] == "2026-03-01" and got["gtfs"]["licence"]
    assert got["carpool"]["licence"] == "ODbL-1.0"
    # each source reached its theme
    assert servers.count(FEED) == 1 and servers.count(BNLC) == 1 and servers.count(DIRECTORY) >= 3
    assert carpool_rows(folder) == ["Cap-d'Ail - Gare", "Cap-d'Ail - Pont"]
    ds = ogr.Open(str(folder / "diagnosis.gpkg"))
    assert ds.GetLayerByName("school_directory_gaps").GetFeatureCount() > 0
    assert servers.count(ERPS) == 3  # the commune's 5 establishments, 2 a page
    assert got["acceslibre"]["how"] == "online" and got["acceslibre"]["licence"] == "Licence Ouverte 2.0"
    check_public_buildings(folder)
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert "## Sources utilisées" in readme and "Aires de covoiturage (BNLC)\u00a0: utilisée" in readme
    messages = " ".join(result["_feedback"].messages)
    assert (
        "Horaires de transport (GTFS)\u00a0: utilisée — en ligne, «\u00a0Bus de la Riviera\u00a0», 2026-03-01"
        in messages
    )  # the log's status
    # the feed reached the accessibility theme: its stops are in Périgueux, and the theme says so
    stops = len(gtfs_stops(data_path("gtfs", "grand_perigueux_2026.zip").read_bytes()))
    assert f"Aucun des {stops} " in messages or f"None of the {stops} " in messages


def test_a_server_down_is_a_failed_source_not_a_failed_run(run_alg, servers, tmp_path):
    import socket

    with socket.socket() as s:  # a port nobody listens on: the carpool base's server is down
        s.bind(("127.0.0.1", 0))
        down = f"http://127.0.0.1:{s.getsockname()[1]}/api/geo-query?data=bnlc"
    folder = tmp_path / "capdail"
    run_alg("mobilitydiagnosis:diagnose", {
        "TERRITORY": CODE, "OSM_FILE": str(OSM), "THEMES": THEMES, "SOURCES": 1, "PARALLEL": False,
        "OUTPUT_FOLDER": str(folder),
        **urls(servers, bnlc=down, acceslibre=down.replace("/api/geo-query?data=bnlc", "/api"))})  # fmt: skip
    got = statuses(folder)
    assert got["carpool"]["state"] == "failed" and got["carpool"]["detail"]
    assert got["acceslibre"]["state"] == "failed" and "127.0.0.1" in got["acceslibre"]["detail"]
    assert got["gtfs"]["state"] == "used" and got["schools_directory"]["state"] == "used"
    assert carpool_rows(folder) == []
    assert public_buildings(str(folder / "diagnosis.gpkg")) == {}
    assert "échec" in (folder / "README.md").read_text(encoding="utf-8")


def test_auto_sources_stay_offline_when_the_plugin_is_offline(run_alg, servers, tmp_path):
    """The test suite runs with the offline setting (tests/conftest.py): "auto" makes no request."""
    folder = tmp_path / "capdail"
    run_alg("mobilitydiagnosis:diagnose", {
        "TERRITORY": CODE, "OSM_FILE": str(OSM), "THEMES": THEMES, "PARALLEL": False,
        "OUTPUT_FOLDER": str(folder), **urls(servers)})  # fmt: skip
    assert servers.requests == []
    got = statuses(folder)
    assert got["gtfs"]["state"] == got["carpool"]["state"] == got["acceslibre"]["state"] == "offline"


def test_a_kit_prepared_online_runs_with_no_network(run_alg, cache_folder, tmp_path):
    kit = tmp_path / "kit"
    with ReplayServer() as server:
        script_sources(server)
        server.script("/baac", Reply(status=503, body=b"down", content_type="text/plain"))
        made = run_alg("mobilitydiagnosis:preparekit", {
            "TERRITORY": CODE, "OSM_FILE": str(OSM), "OUTPUT_FOLDER": str(kit), "BAAC_URL": server.url("/baac"),
            **urls(server)})  # fmt: skip
    # the servers are stopped: nothing below may reach them, and the cache is emptied too
    settings.set_cache_folder(str(tmp_path / "empty-cache"))
    manifest = json.loads((kit / "sources.json").read_text(encoding="utf-8"))
    states = {row["source"]: (row["state"], row["file"]) for row in manifest["sources"]}
    assert states["gtfs"] == ("used", "sources/gtfs")  # a folder: one zip per network
    assert states["schools_directory"] == ("used", "sources/annuaire_education.csv")
    assert states["carpool"] == ("used", "sources/bnlc.geojson")
    assert states["acceslibre"] == ("used", "sources/acceslibre.csv")
    assert states["crashes"][0] == "failed"
    assert states["carpool_trips"] == ("used", "sources/covoiturage_rpc.csv")  # the commune's rows only
    assert len((kit / "sources" / "covoiturage_rpc.csv").read_text(encoding="utf-8").splitlines()) == 1 + 10
    licences = (kit / "LICENCES.md").read_text(encoding="utf-8")
    assert licences.count("ODbL") >= 2 and "Acceslibre, ministère de la Transition écologique" in licences
    assert os.path.isfile(made["ZIP_FILE"])
    folder = tmp_path / "workshop"
    run_alg("mobilitydiagnosis:diagnose", {
        "TERRITORY_GPKG": made["TERRITORY_GPKG"], "THEMES": THEMES, "SOURCES": 1, "PARALLEL": False,
        "OUTPUT_FOLDER": str(folder), **urls(server)})  # fmt: skip
    got = statuses(folder)
    kinds = ("gtfs", "schools_directory", "carpool", "acceslibre")
    assert {k: (got[k]["state"], got[k]["how"]) for k in kinds} == {
        "gtfs": ("used", "kit"), "schools_directory": ("used", "kit"), "carpool": ("used", "kit"),
        "acceslibre": ("used", "kit"),
    }  # fmt: skip
    check_public_buildings(folder)  # read back from the kit's export, as the API described them
    assert carpool_rows(folder) == ["Cap-d'Ail - Gare", "Cap-d'Ail - Pont"]
    ds = ogr.Open(str(folder / "diagnosis.gpkg"))
    assert ds.GetLayerByName("school_directory_gaps").GetFeatureCount() > 0
