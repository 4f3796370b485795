"""The Overpass client against a real loopback server: replies, faults, retries, cancel, cache."""

import threading
import time
from datetime import datetime, timedelta

import pytest

from mobility_diagnosis.core import fetch_errors as fe
from mobility_diagnosis.core.osm_layers import LINE
from mobility_diagnosis.core.overpass_query import bbox_area, territory_query
from mobility_diagnosis.qgis_io.net.cache import NoCache, ResponseCache
from mobility_diagnosis.qgis_io.osm.overpass import check_territory_size, fetch_elements
from mobility_diagnosis.qgis_io.settings import OverpassSettings
from tests.support.http_server import Reply, free_port_refusing_connections
from tests.support.overpass_server import (
    INTERPRETER,
    MEMORY_REMARK,
    STATUS,
    TIMEOUT_REMARK,
    OverpassServer,
    json_reply,
    recorded,
    status_text,
)

QUERY = territory_query(bbox_area(2.32, 48.82, 2.34, 48.84))
FAST = OverpassSettings(retries=3, max_wait_s=120)
SCALE = 0.001  # every pause a thousand times shorter: 5 s of backoff become 5 ms


def fetch(server, cache, feedback=None, settings=FAST, **kwargs):
    return fetch_elements(
        QUERY,
        endpoint=server.interpreter_url,
        feedback=feedback,
        cache=cache,
        settings=settings,
        wait_scale=SCALE,
        lang="en",
        **kwargs,
    )


def test_recorded_reply_gives_elements_and_meta(overpass_server, tmp_cache, feedback):
    overpass_server.script(INTERPRETER, overpass_server.recorded_reply("paris14_denfert_2022.json"))
    elements, meta = fetch(overpass_server, tmp_cache, feedback)
    assert len(elements) == 120 and all(e.kind == LINE for e in elements)
    assert meta.osm_base == "2022-08-24T09:15:54Z"
    assert meta.endpoint == overpass_server.interpreter_url and not meta.from_cache
    assert overpass_server.count(STATUS) == 1  # consulted before querying
    assert overpass_server.count(INTERPRETER) == 1
    (post,) = [r for r in overpass_server.requests if r.path == INTERPRETER]
    assert post.method == "POST" and post.body.startswith(b"data=%5Bout%3Ajson%5D")


def test_second_run_is_served_from_the_cache(overpass_server, tmp_cache, feedback):
    overpass_server.script(
        INTERPRETER, overpass_server.recorded_reply("maisons_laffitte_highways_2022.json.gz")
    )
    first, meta1 = fetch(overpass_server, tmp_cache, feedback)
    second, meta2 = fetch(overpass_server, tmp_cache, feedback)
    assert overpass_server.count(INTERPRETER) == 1 and overpass_server.count(STATUS) == 1
    assert meta2.from_cache and meta2.retrieved_at == meta1.retrieved_at
    assert meta2.osm_base == "2022-12-22T17:06:53Z"
    assert second == first and len(second) == 1409 + 1134
    assert any("cache" in m for m in feedback.messages)


def test_cache_is_keyed_by_endpoint_and_query(overpass_server, tmp_cache):
    overpass_server.script(INTERPRETER, Reply(body=json_reply([])))
    fetch(overpass_server, tmp_cache)
    fetch_elements(QUERY + " ", endpoint=overpass_server.interpreter_url, cache=tmp_cache, settings=FAST)
    assert overpass_server.count(INTERPRETER) == 2


def test_cache_max_age_and_clear(overpass_server, tmp_path):
    now = [1_000_000.0]
    cache = ResponseCache(tmp_path, max_age_s=3600, clock=lambda: now[0])
    overpass_server.script(INTERPRETER, Reply(body=json_reply([])))
    fetch(overpass_server, cache)
    now[0] += 1800
    fetch(overpass_server, cache)
    assert overpass_server.count(INTERPRETER) == 1  # half an hour old: still fresh
    now[0] += 3600
    fetch(overpass_server, cache)
    assert overpass_server.count(INTERPRETER) == 2  # too old: fetched again
    assert cache.clear() == 1
    fetch(overpass_server, cache)
    assert overpass_server.count(INTERPRETER) == 3


def test_corrupt_cache_entry_is_refetched_not_fatal(overpass_server, tmp_cache):
    overpass_server.script(INTERPRETER, Reply(body=json_reply([])))
    fetch(overpass_server, tmp_cache)
    path = tmp_cache.path(overpass_server.interpreter_url, QUERY)
    path.write_bytes(path.read_bytes()[:20])  # a cut file, as after a crash
    elements, meta = fetch(overpass_server, tmp_cache)
    assert elements == [] and not meta.from_cache
    assert overpass_server.count(INTERPRETER) == 2
    assert tmp_cache.get(overpass_server.interpreter_url, QUERY) is not None  # rewritten whole


def test_429_with_retry_after_then_success(overpass_server, tmp_cache, feedback):
    overpass_server.script(
        INTERPRETER,
        Reply(status=429, body=b"rate_limited", headers={"Retry-After": "7"}, content_type="text/html"),
        Reply(body=json_reply([])),
    )
    _, meta = fetch(overpass_server, tmp_cache, feedback)
    assert overpass_server.count(INTERPRETER) == 2
    assert overpass_server.count(STATUS) == 1  # Retry-After was enough, no second status call
    assert any("waiting 7 s" in m for m in feedback.messages)
    assert not meta.from_cache


def test_429_without_retry_after_waits_for_the_status_slot(overpass_server, tmp_cache, feedback):
    overpass_server.script(
        STATUS,
        Reply(body=status_text(), content_type="text/plain"),
        Reply(body=status_text(slots=0, waits=(23, 50)), content_type="text/plain"),
    )
    overpass_server.script(INTERPRETER, Reply(status=429, body=b"rate_limited"), Reply(body=json_reply([])))
    fetch(overpass_server, tmp_cache, feedback)
    assert overpass_server.count(STATUS) == 2 and overpass_server.count(INTERPRETER) == 2
    assert any("waiting 23 s" in m for m in feedback.messages)


def test_status_busy_before_the_first_query(overpass_server, tmp_cache, feedback):
    overpass_server.script(STATUS, Reply(body=status_text(slots=0, waits=(12,)), content_type="text/plain"))
    overpass_server.script(INTERPRETER, Reply(body=json_reply([])))
    fetch(overpass_server, tmp_cache, feedback)
    assert any("waiting 12 s" in m for m in feedback.messages)
    assert overpass_server.count(INTERPRETER) == 1


def test_504_backoff_grows_then_busy_after_the_retries(overpass_server, tmp_cache, feedback):
    overpass_server.script(INTERPRETER, Reply(status=504, body=b"Gateway Timeout", content_type="text/html"))
    with pytest.raises(fe.OverpassBusy) as info:
        fetch(overpass_server, tmp_cache, feedback)
    assert overpass_server.count(INTERPRETER) == FAST.retries + 1
    waits = [m for m in feedback.messages if "waiting" in m]
    assert [w.split("waiting ")[1].split(" s")[0] for w in waits] == ["5", "10", "20"]
    assert "4 attempts" in str(info.value) and "OSM_FILE" in str(info.value)
    assert "fichier OSM local" in info.value.message("fr")


def test_server_asking_for_too_long_a_wait_is_asked_once_and_named(overpass_server, tmp_cache):
    overpass_server.script(INTERPRETER, Reply(status=429, headers={"Retry-After": "3600"}))
    before = datetime.now().astimezone()
    with pytest.raises(fe.OverpassAsksLongWait) as info:
        fetch(overpass_server, tmp_cache)
    assert overpass_server.count(INTERPRETER) == 1
    until = {
        fe.clock_text(before + timedelta(seconds=3600 + s), before) for s in (0, 60)
    }  # a minute may turn
    english, french = info.value.message("en"), info.value.message("fr")
    assert any(f"asks to wait 1 h (until {u})" in english for u in until), english
    assert any(f"demande d’attendre 1 h (jusqu’à {u})" in french for u in until), french
    assert "2 min" in english and "attempts" not in english  # the 120 s it may wait; one request, not four
    assert isinstance(info.value, fe.OverpassBusy)  # still a busy server: the next mirror is tried


def test_next_mirror_after_a_server_asking_for_too_long_a_wait(overpass_server, tmp_cache, feedback):
    with OverpassServer() as mirror:
        mirror.free()
        mirror.script(INTERPRETER, Reply(body=json_reply([])))
        overpass_server.script(INTERPRETER, Reply(status=429, headers={"Retry-After": "3600"}))
        settings = OverpassSettings(endpoints=(overpass_server.interpreter_url, mirror.interpreter_url))
        _, meta = fetch_elements(
            QUERY, feedback=feedback, cache=tmp_cache, settings=settings, wait_scale=SCALE
        )
    assert meta.endpoint == mirror.interpreter_url and overpass_server.count(INTERPRETER) == 1


@pytest.mark.parametrize(
    ("remark", "error"),
    [(TIMEOUT_REMARK, fe.OverpassTimeout), (MEMORY_REMARK, fe.OverpassOutOfMemory)],
)
def test_200_with_runtime_error_remark_fails_and_is_not_cached(overpass_server, tmp_cache, remark, error):
    partial = [{"type": "node", "id": 1, "lat": 48.8, "lon": 2.3, "tags": {"amenity": "school"}}]
    overpass_server.script(INTERPRETER, Reply(body=json_reply(partial, remark=remark)))
    for _ in range(2):
        with pytest.raises(error) as info:
            fetch(overpass_server, tmp_cache)
    assert overpass_server.count(INTERPRETER) == 2  # nothing cached: asked again
    assert remark.rstrip(".") in str(info.value)


def test_truncated_json_body(overpass_server, tmp_cache):
    overpass_server.script(INTERPRETER, Reply(body=recorded("paris14_denfert_2022.json")[:5000]))
    with pytest.raises(fe.OverpassTruncated) as info:
        fetch(overpass_server, tmp_cache)
    assert "5,000 bytes" in str(info.value)
    assert tmp_cache.get(overpass_server.interpreter_url, QUERY) is None


def test_connection_closed_in_the_middle_of_the_body(overpass_server, tmp_cache):
    overpass_server.script(INTERPRETER, Reply(body=recorded("paris14_denfert_2022.json"), truncate_at=3000))
    with pytest.raises(fe.OverpassTruncated):
        fetch(overpass_server, tmp_cache)


def test_html_error_page_in_a_200(overpass_server, tmp_cache):
    page = b"<html><body><h1>502 Proxy Error</h1><p>The proxy server received an invalid response.</p>"
    overpass_server.script(INTERPRETER, Reply(body=page, content_type="text/html"))
    with pytest.raises(fe.OverpassBadReply) as info:
        fetch(overpass_server, tmp_cache)
    assert "502 Proxy Error" in str(info.value)


def test_bad_query_is_reported_as_a_plugin_bug(overpass_server, tmp_cache):
    page = b'<p><strong style="color:#FF0000">Error</strong>: line 3: parse error: ";" expected</p>'
    overpass_server.script(INTERPRETER, Reply(status=400, body=page, content_type="text/html"))
    with pytest.raises(fe.OverpassQueryError) as info:
        fetch(overpass_server, tmp_cache)
    assert 'line 3: parse error: ";" expected' in str(info.value)
    assert overpass_server.count(INTERPRETER) == 1  # never retried


def test_connection_reset(overpass_server, tmp_cache):
    overpass_server.script(INTERPRETER, Reply(reset=True))
    with pytest.raises(fe.OverpassUnreachable) as info:
        fetch(overpass_server, tmp_cache)
    assert "mirror" in str(info.value) and "OSM_FILE" in str(info.value)


def test_unreachable_server(qgis_app, tmp_cache):
    url = f"http://127.0.0.1:{free_port_refusing_connections()}/api/interpreter"
    with pytest.raises(fe.OverpassUnreachable) as info:
        fetch_elements(QUERY, endpoint=url, cache=tmp_cache, settings=FAST)
    assert url in str(info.value) and "refused" in str(info.value)


def test_next_server_of_the_settings_when_the_first_is_down(overpass_server, tmp_cache, feedback):
    down = f"http://127.0.0.1:{free_port_refusing_connections()}/api/interpreter"
    overpass_server.script(INTERPRETER, Reply(body=json_reply([])))
    settings = OverpassSettings(endpoints=(down, overpass_server.interpreter_url))
    _, meta = fetch_elements(QUERY, feedback=feedback, cache=tmp_cache, settings=settings, wait_scale=SCALE)
    assert meta.endpoint == overpass_server.interpreter_url
    assert any("next Overpass server" in m for m in feedback.messages)
    # and the next run finds the reply in the cache under the mirror's name: no request at all
    fetch_elements(QUERY, feedback=feedback, cache=tmp_cache, settings=settings)
    assert overpass_server.count(INTERPRETER) == 1


def test_mirror_without_status_page_is_still_queried(overpass_server, tmp_cache):
    overpass_server.script(STATUS, Reply(status=404, body=b"Not Found", content_type="text/plain"))
    overpass_server.script(INTERPRETER, Reply(body=json_reply([])))
    fetch(overpass_server, tmp_cache)
    assert overpass_server.count(INTERPRETER) == 1


def _cancel_after(feedback, seconds):
    timer = threading.Timer(seconds, feedback.cancel)
    timer.start()
    return timer


def test_cancel_during_a_slow_download_returns_promptly(overpass_server, tmp_cache, feedback):
    overpass_server.script(INTERPRETER, Reply(body=json_reply([]), delay=30))
    _cancel_after(feedback, 0.3)
    start = time.monotonic()
    with pytest.raises(fe.Cancelled):
        fetch(overpass_server, tmp_cache, feedback)
    assert time.monotonic() - start < 5
    assert tmp_cache.get(overpass_server.interpreter_url, QUERY) is None


def test_cancel_during_a_busy_wait(overpass_server, tmp_cache, feedback):
    overpass_server.script(INTERPRETER, Reply(status=429, headers={"Retry-After": "60"}))
    _cancel_after(feedback, 0.3)
    start = time.monotonic()
    with pytest.raises(fe.Cancelled):
        fetch_elements(QUERY, endpoint=overpass_server.interpreter_url, feedback=feedback, cache=tmp_cache,
                       settings=FAST, wait_scale=1.0)  # fmt: skip
    assert time.monotonic() - start < 5
    assert overpass_server.count(INTERPRETER) == 1


def test_cancelled_before_starting_sends_nothing(overpass_server, tmp_cache, feedback):
    feedback.cancel()
    with pytest.raises(fe.Cancelled):
        fetch(overpass_server, tmp_cache, feedback)
    assert overpass_server.count(STATUS) == 0 and overpass_server.count(INTERPRETER) == 0


def short_query(seconds: int) -> str:
    query = QUERY.replace("[timeout:180]", f"[timeout:{seconds}]")
    assert query != QUERY
    return query


def test_server_never_answering_fails_at_the_query_timeout_plus_the_margin(overpass_server):
    overpass_server.script(INTERPRETER, Reply(body=json_reply([]), silence=60))
    settings = OverpassSettings(timeout_s=600, http_margin_s=1)  # the query's own [timeout:] wins
    start = time.monotonic()
    with pytest.raises(fe.OverpassNoAnswer) as info:
        fetch_elements(short_query(2), endpoint=overpass_server.interpreter_url, cache=NoCache(),
                       settings=settings, lang="en")  # fmt: skip
    assert time.monotonic() - start > 2.5  # past the query's own 2 s (Qt timers are coarse: not exactly 3)
    assert "sent nothing for 3 s" in str(info.value) and "(2 s, plus 1 s to answer)" in str(info.value)
    assert "n’a rien envoyé pendant 3 s" in info.value.message("fr")


@pytest.fixture
def qgis_network_timeout(qgis_app):
    """QGIS's global network timeout (Settings > Network), set for a test and put back."""
    from qgis.core import QgsNetworkAccessManager

    before = QgsNetworkAccessManager.timeout()
    yield QgsNetworkAccessManager.setTimeout
    QgsNetworkAccessManager.setTimeout(before)


def test_a_query_longer_than_qgis_network_timeout_is_waited_for(overpass_server, qgis_network_timeout):
    """The issue's case (QGIS's 60 s against a 180 s query) shrunk: QGIS's timeout 1 s, the server silent 2.5 s
    within a query allowing 2 s plus a 1 s margin. Same logic as the 70 s test below, in seconds."""
    qgis_network_timeout(1000)
    overpass_server.script(INTERPRETER, Reply(body=json_reply([]), silence=2.5))
    elements, _ = fetch_elements(short_query(2), endpoint=overpass_server.interpreter_url, cache=NoCache(),
                                 settings=OverpassSettings(http_margin_s=1), lang="en")  # fmt: skip
    assert elements == [] and overpass_server.count(INTERPRETER) == 1


@pytest.mark.slow
def test_an_answer_after_70_s_passes_qgis_default_60_s_timeout(overpass_server, qgis_network_timeout):
    qgis_network_timeout(60_000)  # QGIS's default
    overpass_server.script(INTERPRETER, Reply(body=recorded("paris14_denfert_2022.json"), silence=70))
    elements, meta = fetch_elements(QUERY, endpoint=overpass_server.interpreter_url, cache=NoCache(),
                                    settings=OverpassSettings(), lang="en")  # fmt: skip
    assert len(elements) == 120 and meta.osm_base == "2022-08-24T09:15:54Z"


def test_territory_too_large_is_refused_before_sending():
    check_territory_size(399.0, OverpassSettings(max_area_km2=400))
    with pytest.raises(fe.TerritoryTooLarge) as info:
        check_territory_size(1200.0, OverpassSettings(max_area_km2=400))
    assert "1200 km²" in str(info.value) and "OSM_FILE" in str(info.value)
    check_territory_size(1e6, OverpassSettings(max_area_km2=0))  # 0: no limit (own server)
