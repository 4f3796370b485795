"""The crash files 'online' (qgis_io.sources.safety_online) against a real HTTP server on 127.0.0.1 playing
data.gouv.fr: the dataset description, then the yearly tables (the real re-saved 2020 caracteristiques file
and the real sample's users). A slow server, a 404 for a missing year, a cut download, a timeout."""

from __future__ import annotations

import json

import pytest

from mobility_diagnosis.core import crashes as cr
from mobility_diagnosis.qgis_io.net.cache import ResponseCache
from mobility_diagnosis.qgis_io.sources.safety_online import CrashDownloadError, fetch_crash_files
from tests.conftest import data_path
from tests.support.http_server import ReplayServer, Reply

DATASET = "/api/1/datasets/baac/"
CARAC_2020 = "/resources/caracteristiques-2020.csv"
USAGERS_2020 = "/resources/usagers-2020.csv"
CARAC_2019 = "/resources/caracteristiques-2019.csv"
CARAC_BYTES = data_path("fr", "baac_caracteristiques_2020_partial.csv").read_bytes()
USAGERS_BYTES = data_path("fr", "baac_sample_2019_2022", "ech_usagers.csv").read_bytes()


def description(server):
    """The shape of data.gouv.fr's API v1 dataset reply: resources with title and url (plus a PDF)."""
    return json.dumps({"id": "53698f4ca3a729239d2036df", "resources": [  # pragma: allowlist secret
        {"title": "Description des bases de données annuelles", "format": "pdf",
         "url": server.url("/resources/description.pdf")},
        {"title": "caracteristiques-2019.csv", "format": "csv", "url": server.url(CARAC_2019)},
        {"title": "caracteristiques-2020.csv", "format": "csv", "url": server.url(CARAC_2020)},
        {"title": "usagers-2020.csv", "format": "csv", "url": server.url(USAGERS_2020)},
    ]}).encode()  # fmt: skip


@pytest.fixture
def server():
    with ReplayServer() as s:
        s.script(DATASET, Reply(body=description(s)))
        s.script(CARAC_2019, Reply(status=404, body=b"not found", content_type="text/plain"))
        s.script(CARAC_2020, Reply(body=CARAC_BYTES, content_type="text/csv", delay=0.5))  # slow
        s.script(USAGERS_2020, Reply(body=USAGERS_BYTES, content_type="text/csv"))
        yield s


@pytest.fixture
def cache(tmp_path):
    return ResponseCache(tmp_path / "cache", 3600.0)


def _cap_dail(files):
    return cr.read_crashes(files, keep=lambda c: c.commune == "06032")


def test_years_found_404_left_out_then_cached(qgis_app, server, cache):
    files, had, warnings = fetch_crash_files(None, server.url(DATASET), cache=cache, lang="en")
    assert had == [2020]
    assert len(warnings) == 1 and "2019" in warnings[0] and "404" in warnings[0]
    assert server.count("/resources/description.pdf") == 0  # not a table
    assert len(_cap_dail(files)) == 6  # the slow reply arrived whole
    # again: the description and the tables come from the cache (the failed year is asked again)
    files, had, _ = fetch_crash_files(None, server.url(DATASET), cache=cache, lang="en")
    assert (server.count(DATASET), server.count(CARAC_2020), server.count(USAGERS_2020)) == (1, 1, 1)
    assert server.count(CARAC_2019) == 2
    assert len(_cap_dail(files)) == 6


def test_cut_download_is_not_kept(qgis_app, server, cache):
    server.script(CARAC_2020, Reply(body=CARAC_BYTES, content_type="text/csv", truncate_at=100_000),
                  Reply(body=CARAC_BYTES, content_type="text/csv"))  # fmt: skip
    with pytest.raises(CrashDownloadError, match="2020"):
        fetch_crash_files([2020], server.url(DATASET), cache=cache, lang="en")
    files, had, warnings = fetch_crash_files([2020], server.url(DATASET), cache=cache, lang="en")
    assert had == [2020] and warnings == [] and server.count(CARAC_2020) == 2
    assert len(_cap_dail(files)) == 6


def test_timeout_leaves_the_year_out(qgis_app, server, cache):
    server.script(CARAC_2020, Reply(body=CARAC_BYTES, content_type="text/csv", delay=5.0))
    with pytest.raises(CrashDownloadError, match="2020"):
        fetch_crash_files([2020], server.url(DATASET), cache=cache, lang="en", timeout_s=0.5)
    assert cache.get(server.url(CARAC_2020), "baac-table") is None


def test_a_year_the_dataset_lacks(qgis_app, server, cache):
    _files, had, warnings = fetch_crash_files([2015, 2020], server.url(DATASET), cache=cache, lang="fr")
    assert had == [2020]
    assert len(warnings) == 1 and "2015" in warnings[0] and "2019–2020" in warnings[0]
    assert server.count(CARAC_2019) == 0  # not asked for


@pytest.mark.parametrize(
    "reply, words",
    [(Reply(status=500, body=b"oops", content_type="text/plain"), "500"), (Reply(body=b'{"resou'), "JSON"),
     (Reply(body=b'{"resources": []}'), "caracteristiques")],
)  # fmt: skip
def test_bad_dataset_description(qgis_app, server, cache, reply, words):
    server.script(DATASET, reply)
    with pytest.raises(CrashDownloadError, match=words):
        fetch_crash_files(None, server.url(DATASET), cache=cache, lang="en")
    assert server.count(CARAC_2020) == 0
