"""Acceslibre online (qgis_io.sources.acceslibre_online) against a real HTTP server on 127.0.0.1 playing its API in the
documented format (tests/support/acceslibre_server.py): pages followed to the end, the commune cached, a key
refused or missing, a server error, a slow server, a territory that is not a French commune, the CSV export."""

import pytest

from mobility_diagnosis.qgis_io.sources.acceslibre_online import (
    AcceslibreNotApplicable,
    AcceslibreUnavailable,
    fetch_commune,
    read_file,
)
from tests.support.acceslibre_data import api_page, api_result, export_csv
from tests.support.acceslibre_server import ERPS, serve_erps
from tests.support.http_server import ReplayServer, Reply

CODE = "06032"
RESULTS = [
    api_result(f"u-{i}", f"Etablissement {i}", 7.40 + i / 1000, 43.72, entree_plain_pied=(i % 2 == 0))
    for i in range(5)
] + [api_result("other", "Ailleurs", 7.0, 43.0, code_insee="06088")]


@pytest.fixture
def server():
    with ReplayServer() as s:
        yield s


def api(server):
    return server.url("/api")


def test_every_page_is_read_then_the_commune_comes_from_the_cache(qgis_app, server, tmp_cache, feedback):
    serve_erps(server, RESULTS, page_size=2)
    found = fetch_commune(CODE, api(server), cache=tmp_cache, feedback=feedback)
    assert [e.uid for e in found] == [f"u-{i}" for i in range(5)]  # 3 pages, the other commune left out
    assert server.count(ERPS) == 3
    first = server.requests[0]
    assert "code_insee=06032" in first.query and "page_size=1000" in first.query
    assert "Authorization" not in first.headers  # anonymous without a key
    assert [e.access["entree_plain_pied"] for e in found] == [True, False, True, False, True]
    again = fetch_commune(CODE, api(server), cache=tmp_cache)
    assert [e.uid for e in again] == [e.uid for e in found] and again[0].access == found[0].access
    assert server.count(ERPS) == 3  # no request the second time


@pytest.mark.parametrize("status", [401, 403])
def test_a_refused_request_asks_for_a_key_and_a_key_is_sent(qgis_app, server, tmp_cache, status):
    serve_erps(server, RESULTS, key="s3cret", refusal=status)
    with pytest.raises(AcceslibreUnavailable, match=f"HTTP {status}.*API key") as caught:
        fetch_commune(CODE, api(server), cache=tmp_cache)
    assert "s3cret" not in str(caught.value)
    found = fetch_commune(CODE, api(server), api_key="s3cret", cache=tmp_cache)
    assert len(found) == 5
    assert all(r.headers.get("Authorization") == "Api-Key s3cret" for r in server.requests[1:])


def test_rate_limited(qgis_app, server, tmp_cache):
    server.script(ERPS, Reply(status=429, body=b'{"detail": "Request was throttled."}'))
    with pytest.raises(AcceslibreUnavailable, match="429"):
        fetch_commune(CODE, api(server), cache=tmp_cache, lang="fr")


def test_a_server_error_caches_nothing_and_the_next_run_asks_again(qgis_app, server, tmp_cache):
    server.script(
        ERPS, Reply(status=500, body=b"oops", content_type="text/plain"), Reply(body=api_page(RESULTS[:1]))
    )
    with pytest.raises(AcceslibreUnavailable, match="HTTP 500"):
        fetch_commune(CODE, api(server), cache=tmp_cache)
    assert [e.uid for e in fetch_commune(CODE, api(server), cache=tmp_cache)] == ["u-0"]
    assert server.count(ERPS) == 2


def test_an_error_on_a_later_page_keeps_nothing(qgis_app, server, tmp_cache):
    nxt = server.url(ERPS + "?code_insee=06032&page=2")
    server.script(ERPS, Reply(body=api_page(RESULTS[:2], next_url=nxt, count=5)), Reply(status=502, body=b""))
    with pytest.raises(AcceslibreUnavailable, match="502"):
        fetch_commune(CODE, api(server), cache=tmp_cache)
    assert tmp_cache.get(api(server) + "/erps/", "code_insee=06032") is None


def test_a_slow_reply_arrives_whole_and_a_silent_one_is_abandoned(qgis_app, server, tmp_cache):
    server.script(
        ERPS, Reply(body=api_page(RESULTS[:2]), delay=0.4), Reply(body=api_page(RESULTS[:2]), delay=5.0)
    )
    assert len(fetch_commune(CODE, api(server), cache=tmp_cache, timeout_s=3.0)) == 2
    tmp_cache.clear()
    with pytest.raises(AcceslibreUnavailable, match="sent nothing"):
        fetch_commune(CODE, api(server), cache=tmp_cache, timeout_s=0.5)


@pytest.mark.parametrize(
    ("reply", "words"),
    [(Reply(body=b'{"count": 3, "resu'), "not valid JSON"), (Reply(body=b'{"detail": "x"}'), "unexpected reply")],
)  # fmt: skip
def test_bad_replies(qgis_app, server, tmp_cache, reply, words):
    server.script(ERPS, reply)
    with pytest.raises(AcceslibreUnavailable, match=words):
        fetch_commune(CODE, api(server), cache=tmp_cache)


@pytest.mark.parametrize("code", ["monaco", "20123", "", "2000"])
def test_not_a_french_commune_is_not_available_without_a_request(qgis_app, server, tmp_cache, code):
    serve_erps(server, RESULTS)
    with pytest.raises(AcceslibreNotApplicable, match="French communes only"):
        fetch_commune(code, api(server), cache=tmp_cache)
    assert server.count(ERPS) == 0


def test_the_csv_export_is_read_and_filtered(tmp_path):
    path = tmp_path / "acceslibre-with-web-url.csv"
    path.write_text(export_csv([
        {"id": "a", "name": "Mairie", "code_insee": "06032", "longitude": 7.40, "latitude": 43.72},
        {"id": "b", "name": "Nice", "code_insee": "06088", "longitude": 7.26, "latitude": 43.70},
    ]), encoding="utf-8-sig")  # fmt: skip
    assert [e.uid for e in read_file(str(path), lambda e: e.code_insee == "06032")] == ["a"]
    bad = tmp_path / "other.csv"
    bad.write_text("code,x\n1,2\n", encoding="utf-8")
    with pytest.raises(AcceslibreUnavailable, match="cannot be read"):
        read_file(str(bad))
    with pytest.raises(AcceslibreUnavailable, match="cannot be read"):
        read_file(str(tmp_path / "missing.csv"))


def test_a_cancel_is_not_a_missing_source(qgis_app, server, tmp_cache, feedback):
    from mobility_diagnosis.core.fetch_errors import Cancelled

    serve_erps(server, RESULTS)
    feedback.cancel()
    with pytest.raises(Cancelled):
        fetch_commune(CODE, api(server), cache=tmp_cache, feedback=feedback)
    assert tmp_cache.get(api(server) + "/erps/", "code_insee=06032") is None
