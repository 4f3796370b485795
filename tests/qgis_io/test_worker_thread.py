"""The same client in a worker thread, where Processing runs algorithms: replies, faults, cancel.

Off the main thread the HTTP helper drives the reply itself (QgsBlockingNetworkRequest hangs there on
a cancel during a POST on QGIS 3.22), so these paths are tested on their own.
"""

import threading
import time

import pytest

from mobility_diagnosis.core import fetch_errors as fe
from mobility_diagnosis.qgis_io.net import http
from mobility_diagnosis.qgis_io.net.cache import NoCache
from mobility_diagnosis.qgis_io.osm.overpass import fetch_elements
from mobility_diagnosis.qgis_io.settings import OverpassSettings
from tests.support.http_server import Reply, free_port_refusing_connections
from tests.support.overpass_server import INTERPRETER, STATUS, TIMEOUT_REMARK, json_reply

SETTINGS = OverpassSettings(retries=2)


def fetch(server, cache, feedback=None, settings=SETTINGS):
    return fetch_elements("[out:json];node(1);out;", endpoint=server.interpreter_url, feedback=feedback,
                          cache=cache, settings=settings, wait_scale=0.001, lang="en")  # fmt: skip


def test_recorded_reply_retry_and_cache(in_worker, overpass_server, tmp_cache):
    overpass_server.script(
        INTERPRETER,
        Reply(status=504, body=b"busy"),
        overpass_server.recorded_reply("paris14_denfert_2022.json"),
    )
    elements, meta = in_worker(fetch, overpass_server, tmp_cache)
    assert len(elements) == 120 and meta.osm_base == "2022-08-24T09:15:54Z"
    assert overpass_server.count(INTERPRETER) == 2 and overpass_server.count(STATUS) == 2
    _, meta = in_worker(fetch, overpass_server, tmp_cache)
    assert meta.from_cache and overpass_server.count(INTERPRETER) == 2


@pytest.mark.parametrize(
    ("reply", "error"),
    [
        (Reply(body=json_reply([], remark=TIMEOUT_REMARK)), fe.OverpassTimeout),
        (Reply(body=json_reply([]) * 2, truncate_at=50), fe.OverpassTruncated),
        (Reply(reset=True), fe.OverpassUnreachable),
        (Reply(status=429), fe.OverpassBusy),
    ],
)
def test_faults(in_worker, overpass_server, tmp_cache, reply, error):
    overpass_server.script(INTERPRETER, reply)
    with pytest.raises(error):
        in_worker(fetch, overpass_server, tmp_cache)


def test_cancel_during_a_slow_download(in_worker, overpass_server, tmp_cache, feedback):
    overpass_server.script(INTERPRETER, Reply(body=json_reply([]), delay=30))
    threading.Timer(0.3, feedback.cancel).start()
    start = time.monotonic()
    with pytest.raises(fe.Cancelled):
        in_worker(fetch, overpass_server, tmp_cache, feedback)
    assert time.monotonic() - start < 5


def test_http_timeout_refused_and_plain_python_thread(in_worker, overpass_server):
    overpass_server.script("/slow", Reply(body=b"{}", delay=30))
    with pytest.raises(fe.TimedOut):
        in_worker(http.get, overpass_server.url("/slow"), timeout_s=0.5)
    with pytest.raises(fe.Unreachable):
        in_worker(http.get, f"http://127.0.0.1:{free_port_refusing_connections()}/")
    # a plain Python thread (no Qt timers there) works too
    box = {}
    thread = threading.Thread(target=lambda: box.update(r=http.get(overpass_server.url(STATUS))))
    thread.start()
    thread.join(10)
    assert box["r"].status == 200 and b"slots available now" in box["r"].body


def test_qgis_network_timeout_shorter_than_the_query_is_lengthened_here_too(in_worker, overpass_server):
    """A worker thread drives its reply itself: QGIS's own timer on it is lengthened the same way."""
    from qgis.core import QgsNetworkAccessManager

    before = QgsNetworkAccessManager.timeout()
    QgsNetworkAccessManager.setTimeout(1000)
    try:
        overpass_server.script(INTERPRETER, Reply(body=json_reply([]), silence=2.5))
        elements, _ = in_worker(fetch_elements, "[out:json][timeout:2];node(1);out;",
                                endpoint=overpass_server.interpreter_url, cache=NoCache(),
                                settings=OverpassSettings(http_margin_s=1), lang="en")  # fmt: skip
    finally:
        QgsNetworkAccessManager.setTimeout(before)
    assert elements == [] and overpass_server.count(INTERPRETER) == 1
