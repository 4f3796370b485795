""" "Auto" sources are tried, not waited for: against loopback servers that accept the connection and never
answer, an auto run leaves each source "failed: no answer in N s" after its own short timeout (a tiny one
set here) and completes; sources asked online keep their long timeouts. No time is measured: the timeout
each request was given is recorded."""

import json

import pytest

from mobility_diagnosis.core import sources as cs
from mobility_diagnosis.qgis_io import settings
from mobility_diagnosis.qgis_io.net import http
from mobility_diagnosis.qgis_io.sources.resolve import resolve_sources
from tests.processing.test_sources import (
    API,
    BNLC,
    CODE,
    DIRECTORY,
    OSM,
    THEMES,
    script_sources,
    statuses,
    urls,
)
from tests.support.acceslibre_server import ERPS
from tests.support.http_server import ReplayServer, Reply

pytestmark = pytest.mark.slow

TINY = 0.4  # seconds: the tests' auto timeout (the default is core.sources.AUTO_TIMEOUT_S)
SILENT = Reply(silence=600)  # accepts, reads the request, never answers (until the server stops)
BAAC = "/api/1/datasets/baac"  # the crash files' dataset, fetched by the safety theme itself
SAFETY = 4  # diagnose's THEMES index of the safety theme


@pytest.fixture
def timeouts(monkeypatch):
    """The timeout every request was given, in order."""
    given = []
    real = http.effective_timeout

    def record(timeout_s):
        given.append(real(timeout_s))
        return given[-1]

    monkeypatch.setattr(http, "effective_timeout", record)
    return given


@pytest.fixture
def hanging(cache_folder):
    with ReplayServer() as server:
        for path in (API, DIRECTORY, BNLC, ERPS, BAAC):
            server.script(path, SILENT)
        yield server


def test_an_auto_source_waits_its_short_timeout_then_fails_with_why(hanging, timeouts, tmp_path):
    resolved = resolve_sources(["accessibility"], {}, urls(hanging), CODE, cs.MODE_ONLINE,
                               str(tmp_path), None, "fr", auto_timeout_s=TINY)  # fmt: skip
    gtfs = resolved["gtfs"].status
    assert (gtfs.state, gtfs.detail) == (cs.FAILED, "pas de réponse en 0,4\u00a0s")
    assert resolved["acceslibre"].status.detail == gtfs.detail  # the theme's other online source
    assert hanging.count(API) == 1 and hanging.count(ERPS) == 1 and timeouts == [TINY, TINY]
    assert cs.status_text(gtfs, "en").endswith("failed — pas de réponse en 0,4\u00a0s")


def test_a_source_asked_online_keeps_its_long_timeouts(timeouts, cache_folder, tmp_path):
    with ReplayServer() as server:
        script_sources(server)
        resolved = resolve_sources(["accessibility"], {"GTFS": "online"}, urls(server), CODE,
                                   cs.MODE_ONLINE, str(tmp_path), None, "en", auto_timeout_s=TINY)  # fmt: skip
    assert resolved["gtfs"].status.state == resolved["acceslibre"].status.state == cs.USED
    # GTFS asked online: its list and its feed with their own timeouts; Acceslibre only tried
    assert timeouts[:2] == [http.DEFAULT_TIMEOUT_S, 120.0] and set(timeouts[2:]) == {TINY}  # its 3 pages
    assert cs.AUTO_TIMEOUT_S == 10.0 and settings.auto_timeout_s() == cs.AUTO_TIMEOUT_S  # the default


@pytest.fixture
def online_auto(monkeypatch):
    """The plugin allowed online in auto mode (the suite is offline: tests/conftest.py), a tiny timeout."""
    monkeypatch.setenv(settings.OFFLINE_ENV, "0")
    settings.set_sources_offline(False)
    settings.set_auto_timeout_s(TINY)
    yield
    settings.set_auto_timeout_s(None)


def test_an_auto_run_with_silent_servers_completes_with_each_status(run_alg, hanging, online_auto, timeouts,
                                                                     tmp_path):  # fmt: skip
    folder = tmp_path / "capdail"
    run_alg("mobilitydiagnosis:diagnose", {
        "TERRITORY": CODE, "OSM_FILE": str(OSM), "THEMES": [*THEMES, SAFETY], "SOURCES": 0, "PARALLEL": False,
        "OUTPUT_FOLDER": str(folder), "BAAC_URL": hanging.url(BAAC), **urls(hanging)})  # fmt: skip
    got = statuses(folder)
    for source in ("gtfs", "schools_directory", "carpool", "acceslibre"):
        assert (got[source]["state"], got[source]["detail"]) == (
            "failed",
            "pas de réponse en 0,4\u00a0s",
        ), source
    assert hanging.count(BAAC) == 1  # the safety theme tried its crash files, with the same short wait
    assert timeouts and set(timeouts) == {TINY}  # every request of the sources, and none longer
    assert json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))["source_status"]


def test_an_explicit_online_run_keeps_the_long_timeouts(
    run_alg, online_auto, timeouts, cache_folder, tmp_path
):
    folder = tmp_path / "capdail"
    with ReplayServer() as server:
        script_sources(server)
        run_alg("mobilitydiagnosis:diagnose", {
            "TERRITORY": CODE, "OSM_FILE": str(OSM), "THEMES": THEMES, "SOURCES": 1, "PARALLEL": False,
            "OUTPUT_FOLDER": str(folder), **urls(server)})  # fmt: skip
    assert statuses(folder)["gtfs"]["state"] == "used"
    assert timeouts and min(timeouts) > cs.AUTO_TIMEOUT_S
