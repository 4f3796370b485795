"""Carpool trips of the carpool proof register in the commuting theme, through Processing: the theme alone with
the user's files or 'online', and ``diagnose`` on Cap-d'Ail (06032) with the register played by a loopback
server (rows written after the documented columns: tests/support/carpool_register.py): used, not found for a
commune without trips, failed (a 404 month and a cut one) with the run complete, offline without a file."""

from __future__ import annotations

import csv
import json
import subprocess

import pytest
from osgeo import ogr

from mobility_diagnosis.core.themes import theme_ids
from tests.conftest import data_path
from tests.support import carpool_register as rpc
from tests.support.http_server import ReplayServer, Reply

pytestmark = pytest.mark.slow

OSM = data_path("osm", "monaco_communes_2016.osm.pbf")
COMMUTING = theme_ids().index("commuting")


@pytest.fixture(scope="module")
def cap_dail(tmp_path_factory, provider) -> str:
    import processing

    out = str(tmp_path_factory.mktemp("capdail") / "cap_dail.gpkg")
    processing.run(
        "mobilitydiagnosis:fetchterritory", {"TERRITORY": rpc.CAP_DAIL, "OSM_FILE": str(OSM), "OUTPUT": out}
    )
    return out


@pytest.fixture
def register(cache_folder):  # cache_folder: tests/processing/conftest.py
    with ReplayServer() as server:
        server.script(rpc.DATASET, Reply(body=rpc.dataset_description(server)))
        server.script(rpc.JANUARY_PATH, Reply(body=rpc.month_csv(rpc.JANUARY), content_type="text/csv"))
        server.script(rpc.FEBRUARY_PATH, Reply(body=rpc.month_csv(rpc.FEBRUARY), content_type="text/csv"))
        yield server


def _indicators(path: str) -> dict:
    ds = ogr.Open(path)
    return {
        f["indicator"]: (f["value"], f["label"])
        for f in ds.GetLayerByName("indicators")
        if f["theme"] == "commuting"
    }


def _statuses(folder) -> dict:
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    return {row["source"]: row for row in descriptor["source_status"]}


def test_theme_reads_a_folder_of_months(run_alg, cap_dail, tmp_path):
    months = tmp_path / "rpc"
    months.mkdir()
    (months / "2024-01.csv").write_bytes(rpc.month_csv(rpc.JANUARY))
    (months / "2024-02.csv").write_bytes(rpc.month_csv(rpc.FEBRUARY))
    out = str(tmp_path / "diagnosis.gpkg")
    result = run_alg(
        "mobilitydiagnosis:commuting", {"INPUT": cap_dail, "CARPOOL_TRIPS": str(months), "OUTPUT": out}
    )
    got = _indicators(out)
    expected = rpc.CAP_DAIL_EXPECTED
    assert got["carpool_trips"][0] == 10
    assert (got["carpool_outgoing"][0], got["carpool_incoming"][0], got["carpool_internal"][0]) == (
        expected["outgoing"], expected["incoming"], expected["internal"])  # fmt: skip
    assert got["carpool_mean_distance"][0] == expected["mean_distance_km"]
    assert (got["carpool_first_month"][0], got["carpool_last_month"][0]) == (202401, 202402)
    assert got["carpool_destination_1"][0] == 3 and "Nice (06088)" in got["carpool_destination_1"][1]
    assert got["share_short"][0] is None  # no flows file: the flows stay unknown beside the trips
    assert any("2024-01–2024-02" in m for m in result["_feedback"].messages)


def test_theme_online_and_a_file_that_is_not_the_register(run_alg, cap_dail, register, tmp_path):
    out = str(tmp_path / "online.gpkg")
    run_alg("mobilitydiagnosis:commuting", {"INPUT": cap_dail, "CARPOOL_TRIPS": "online",
                                            "RPC_URL": register.url(rpc.DATASET), "OUTPUT": out})  # fmt: skip
    assert _indicators(out)["carpool_trips"][0] == 10
    wrong = tmp_path / "mobpro.csv"
    wrong.write_text("CODGEO;DCLT;NBFLUX\n06032;06088;12\n", encoding="utf-8")
    out = str(tmp_path / "wrong.gpkg")
    result = run_alg(
        "mobilitydiagnosis:commuting", {"INPUT": cap_dail, "CARPOOL_TRIPS": str(wrong), "OUTPUT": out}
    )
    value, label = _indicators(out)["carpool_trips"]
    assert value is None and "journey_start_insee" in label
    assert any("journey_start_insee" in m for m in result["_feedback"].messages)


def _diagnose(run_alg, folder, register, sources=1):
    return run_alg("mobilitydiagnosis:diagnose", {
        "TERRITORY": rpc.CAP_DAIL, "OSM_FILE": str(OSM), "THEMES": [COMMUTING], "SOURCES": sources,
        "PARALLEL": False, "OUTPUT_FOLDER": str(folder), "RPC_URL": register.url(rpc.DATASET)})  # fmt: skip


def test_diagnose_online_used_with_the_report_line(run_alg, register, tmp_path):
    folder = tmp_path / "capdail"
    _diagnose(run_alg, folder, register)
    status = _statuses(folder)["carpool_trips"]
    assert (status["state"], status["how"], status["vintage"]) == ("used", "online", "2024-01–2024-02")
    assert status["licence"] == "Licence Ouverte 2.0"
    with open(folder / "indicators.csv", encoding="utf-8", newline="") as f:
        rows = {r["indicator"]: r for r in csv.DictReader(f) if r["theme"] == "commuting"}
    assert float(rows["carpool_trips"]["value"]) == 10
    text = subprocess.run(["pdftotext", "-layout", str(folder / "report.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip
    flat = " ".join(text.split())
    assert (
        "10 trajets en covoiturage déclarés au registre de preuve depuis ou vers la commune de janvier à février 2024"
        in flat
    )
    assert "Trajets en covoiturage (registre de" in flat and "2024-01–2024-02" in flat  # the sources page
    assert "20 janvier 2024" not in flat  # a period is no date


def test_diagnose_commune_without_trips_is_not_found(run_alg, register, tmp_path):
    others = [
        r for r in rpc.JANUARY if rpc.CAP_DAIL not in (r["journey_start_insee"], r["journey_end_insee"])
    ]
    register.script(rpc.JANUARY_PATH, Reply(body=rpc.month_csv(others), content_type="text/csv"))
    register.script(rpc.FEBRUARY_PATH, Reply(body=rpc.month_csv(others[:1]), content_type="text/csv"))
    folder = tmp_path / "capdail"
    _diagnose(run_alg, folder, register)
    status = _statuses(folder)["carpool_trips"]
    assert (
        status["state"] == "not_found"
        and "06032" in status["detail"]
        and "2024-01–2024-02" in status["detail"]
    )
    with open(folder / "indicators.csv", encoding="utf-8", newline="") as f:
        rows = {r["indicator"]: r for r in csv.DictReader(f) if r["theme"] == "commuting"}
    assert rows["carpool_trips"]["value"] == ""  # unknown, not 0: the register leaves small flows out


def test_diagnose_404_and_cut_month_fail_the_source_not_the_run(run_alg, register, tmp_path):
    body = rpc.month_csv(rpc.JANUARY)
    register.script(rpc.JANUARY_PATH, Reply(body=body, content_type="text/csv", truncate_at=len(body) // 3))
    register.script(rpc.FEBRUARY_PATH, Reply(status=404, body=b"", content_type="text/plain"))
    folder = tmp_path / "capdail"
    result = _diagnose(run_alg, folder, register)
    status = _statuses(folder)["carpool_trips"]
    assert status["state"] == "failed"
    assert "2024-01" in status["detail"] and "2024-02" in status["detail"] and "404" in status["detail"]
    assert result["THEMES_RUN"] == "commuting" and (folder / "report.pdf").is_file()
    assert any("Trajets en covoiturage" in m and "échec" in m for m in result["_feedback"].messages)


def test_diagnose_offline_with_a_folder_of_months(run_alg, register, tmp_path):
    months = tmp_path / "rpc"
    months.mkdir()
    (months / "2024-01.csv").write_bytes(rpc.month_csv(rpc.JANUARY))
    folder = tmp_path / "capdail"
    run_alg("mobilitydiagnosis:diagnose", {
        "TERRITORY": rpc.CAP_DAIL, "OSM_FILE": str(OSM), "THEMES": [COMMUTING], "SOURCES": 2, "PARALLEL": False,
        "OUTPUT_FOLDER": str(folder), "CARPOOL_TRIPS": str(months)})  # fmt: skip
    status = _statuses(folder)["carpool_trips"]
    assert (status["state"], status["how"], status["name"]) == ("used", "file", "rpc")
    assert (
        _indicators(str(folder / "diagnosis.gpkg"))["carpool_trips"][0] == 7
    )  # January's journeys of Cap-d'Ail


def test_diagnose_offline_without_a_file(run_alg, register, tmp_path):
    folder = tmp_path / "capdail"
    _diagnose(run_alg, folder, register, sources=2)
    assert register.requests == []
    assert _statuses(folder)["carpool_trips"]["state"] == "offline"
