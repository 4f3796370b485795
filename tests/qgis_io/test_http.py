"""The HTTP helper on loopback: methods, bodies, headers, statuses returned, failures raised."""

import json
import threading

import pytest

from mobility_diagnosis.core import fetch_errors as fe
from mobility_diagnosis.qgis_io.net import http
from tests.support.http_server import ReplayServer, Reply, free_port_refusing_connections


@pytest.fixture
def server(qgis_app):
    with ReplayServer() as replay:
        yield replay


def test_get_with_params_returns_status_headers_and_body(server):
    server.script("/communes", Reply(body=b'{"ok": true}', headers={"X-Total-Count": "1"}))
    response = http.get(server.url("/communes"), params={"nom": "Cap-d'Ail", "limit": 2})
    assert response.status == 200 and response.ok
    assert response.json() == {"ok": True}
    assert response.header("x-total-count") == "1" and response.header("Content-Type") == "application/json"
    (sent,) = server.requests
    assert sent.method == "GET" and sent.query == "nom=Cap-d%27Ail&limit=2"


def test_http_errors_are_returned_not_raised(server):
    server.script("/missing", Reply(status=404, body=b"no such commune", content_type="text/plain"))
    response = http.get(server.url("/missing"))
    assert response.status == 404 and not response.ok and response.body == b"no such commune"


def test_post_json_and_put(server):
    server.script("/api/1/datasets/", Reply(status=201, body=b'{"id": "abc"}'))
    response = http.post_json(server.url("/api/1/datasets/"), {"title": "Diagnostic mobilité"},
                              headers={"X-API-KEY": "test-key-not-a-secret"})  # fmt: skip
    assert response.status == 201
    (sent,) = server.requests
    assert json.loads(sent.body) == {"title": "Diagnostic mobilité"}
    assert sent.headers["Content-Type"] == "application/json" and sent.headers["X-API-KEY"]
    http.post_json(server.url("/api/1/datasets/"), {"a": 1}, method="PUT")
    assert server.requests[-1].method == "PUT"


def test_multipart_upload(server):
    server.script("/upload/", Reply(status=201, body=b"{}"))
    http.post_multipart(server.url("/upload/"), {"title": "indicateurs"},
                        {"file": ("indicators.csv", b"theme;value\ncycling;3\n", "text/csv")})  # fmt: skip
    (sent,) = server.requests
    content_type = sent.headers["Content-Type"]
    assert content_type.startswith("multipart/form-data; boundary=")
    boundary = content_type.split("boundary=")[1].encode()
    parts = sent.body.split(b"--" + boundary)
    assert len(parts) == 4 and parts[-1].strip() == b"--"
    assert b'name="title"\r\n\r\nindicateurs\r\n' in parts[1]
    assert (
        b'filename="indicators.csv"\r\nContent-Type: text/csv\r\n\r\ntheme;value\ncycling;3\n\r\n' in parts[2]
    )


def test_progress_is_reported(server):
    body = b"x" * 3_000_000
    server.script("/big", Reply(body=body, content_type="application/octet-stream"))
    seen = []
    response = http.get(server.url("/big"), on_progress=lambda got, total: seen.append((got, total)))
    assert len(response.body) == len(body)
    assert seen and seen[-1] == (len(body), len(body))


def test_refused_connection(qgis_app):
    url = f"http://127.0.0.1:{free_port_refusing_connections()}/x"
    with pytest.raises(fe.Unreachable) as info:
        http.get(url)
    assert not info.value.partial and "refused" in str(info.value).lower()


def test_timeout_and_cancel(server):
    from qgis.core import QgsFeedback

    server.script("/slow", Reply(body=b"{}", delay=30))
    with pytest.raises(fe.TimedOut):
        http.get(server.url("/slow"), timeout_s=0.5)
    feedback = QgsFeedback()
    threading.Timer(0.2, feedback.cancel).start()
    with pytest.raises(fe.Cancelled):
        http.get(server.url("/slow"), feedback=feedback)


def test_a_stopped_server_answers_no_request_on_a_kept_alive_connection():
    """A client's pooled keep-alive connection must not reach a stopped server's scripts (which a later
    server on the same port would seem to serve: the flaky « HTTP 500 expected, 200 read » of stop 21)."""
    import http.client

    with ReplayServer() as old:
        old.script("/a", Reply(body=b"old"))
        host, port = old.url().split("//")[1].split(":")
        client = http.client.HTTPConnection(host, int(port), timeout=5)
        client.request("GET", "/a")
        assert client.getresponse().read() == b"old"
    with pytest.raises((http.client.RemoteDisconnected, ConnectionError, OSError)):
        client.request("GET", "/a")
        client.getresponse().read()
    client.close()
    assert old.count("/a") == 1


@pytest.mark.parametrize("where", ["main thread", "worker thread"])
def test_a_failure_after_a_success_on_the_same_address_reads_as_the_failure(server, where):
    """Qt's disk cache answered the second GET of an address with the cached body appended to the new one,
    under the cached status: an API failing with 500 after a success read as 200 « {error}{ok} » (the
    schools directory said "not valid JSON (cut off?)" instead of "HTTP 500"; a CSV could have been read
    with an error page in its first lines). The plugin keeps its own caches: Qt's holds nothing of ours."""
    server.script("/records", Reply(body=b'{"ok": 1}'), Reply(status=500, body=b'{"error": "boom"}'))
    url = server.url("/records")
    results = []

    def fetch_twice():
        results.extend(http.get(url) for _ in range(2))

    if where == "main thread":
        fetch_twice()
    else:
        worker = threading.Thread(target=fetch_twice)
        worker.start()
        worker.join(30)
    first, second = results
    assert (first.status, first.body) == (200, b'{"ok": 1}')
    assert (second.status, second.body) == (500, b'{"error": "boom"}')
