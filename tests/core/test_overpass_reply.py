"""Reply checks: HTTP 200 failures, truncated bodies, error pages, /api/status and Retry-After."""

from datetime import datetime, timezone

import pytest

from mobility_diagnosis.core import fetch_errors as fe
from mobility_diagnosis.core.overpass_reply import (
    parse_reply,
    parse_retry_after,
    parse_status,
    raise_for_status,
    status_url,
)
from tests.conftest import data_path

URL = "http://127.0.0.1:1/api/interpreter"
HEAD = (
    b'{"version":0.6,"generator":"Overpass API 0.7.59","osm3s":{"timestamp_osm_base":"2022-12-22T17:06:53Z"},'
)
PARTIAL = b'"elements":[{"type":"node","id":1,"lat":48.9,"lon":2.1}],'
TIMED_OUT = b'"remark":"runtime error: Query timed out in \\"query\\" at line 3 after 181 seconds."}'


@pytest.mark.parametrize(
    ("body", "error"),
    [
        (HEAD + PARTIAL + TIMED_OUT, fe.OverpassTimeout),
        (HEAD + PARTIAL + b'"remark":"runtime error: Query run out of memory using about 2048 MB of RAM."}',
         fe.OverpassOutOfMemory),
        (HEAD + PARTIAL + b'"remark":"runtime error: something new"}', fe.OverpassRuntimeError),
        (HEAD + b'"elements":[{"type":"node","id":1,"la', fe.OverpassTruncated),
        (b"", fe.OverpassTruncated),
        (b"<html><body><p>502 Bad Gateway</p></body></html>", fe.OverpassBadReply),
        (b'<?xml version="1.0"?><html><body><p><strong style="color:#FF0000">Error</strong>: '
         b"runtime error: Query timed out in \"recurse\" at line 5 after 30 seconds.</p></body></html>",
         fe.OverpassTimeout),
        (b"Service temporarily down", fe.OverpassBadReply),
        (b'{"version":0.6}', fe.OverpassBadReply),
    ],
)  # fmt: skip
def test_failures_hidden_in_a_200_reply(body, error):
    with pytest.raises(error) as info:
        parse_reply(body, url=URL)
    assert type(info.value) is error
    assert URL in str(info.value)


def test_runtime_error_message_says_what_to_do_in_both_languages():
    body = (
        HEAD
        + PARTIAL
        + b'"remark":"runtime error: Query timed out in \\"query\\" at line 3 after 181 seconds."}'
    )
    with pytest.raises(fe.OverpassTimeout) as info:
        parse_reply(body, url=URL)
    assert "local OSM file" in info.value.message("en")
    assert "fichier OSM local" in info.value.message("fr")
    assert "timed out" in info.value.message("fr")  # the server's own words are quoted


def test_recorded_reply_parses_with_its_osm_base():
    body = data_path("overpass", "paris14_denfert_2022.json").read_bytes()
    data, meta = parse_reply(body, url=URL)
    assert meta.osm_base == "2022-08-24T09:15:54Z"
    assert meta.element_count == len(data["elements"]) == 563
    assert meta.remark is None


def test_harmless_remark_is_kept_not_raised():
    _, meta = parse_reply(HEAD + PARTIAL + b'"remark":"runtime remark: Timeout is 180."}', url=URL)
    assert meta.remark == "runtime remark: Timeout is 180."


def test_http_400_is_a_query_error_quoting_the_server():
    page = (b'<html><body><p><strong style="color:#FF0000">Error</strong>: line 2: parse error: '
            b"Unknown type &quot;nod&quot;</p></body></html>")  # fmt: skip
    with pytest.raises(fe.OverpassQueryError) as info:
        raise_for_status(400, page, url=URL)
    assert 'line 2: parse error: Unknown type "nod"' in str(info.value)


STATUS_FREE = """Connected as: 1234567
Current time: 2024-05-01T10:00:00Z
Announced endpoint: z.overpass-api.de/
Rate limit: 2
2 slots available now.
Currently running queries (pid, space limit, time limit, start time):
"""
STATUS_BUSY = """Connected as: 1234567
Current time: 2024-05-01T10:00:00Z
Rate limit: 2
Slot available after: 2024-05-01T10:00:17Z, in 17 seconds.
Slot available after: 2024-05-01T10:00:41Z, in 41 seconds.
Currently running queries (pid, space limit, time limit, start time):
4242\t536870912\t180\t2024-05-01T09:59:30Z
"""
STATUS_ONE_FREE = "Rate limit: 2\n1 slots available now.\nSlot available after: x, in 30 seconds.\n"
STATUS_NO_LIMIT = (
    "Connected as: 1\nRate limit: 0\nCurrently running queries (pid, space limit, time limit, start time):\n"
)
STATUS_PAST = "Rate limit: 2\nSlot available after: 2024-05-01T10:00:00Z, in -3 seconds.\n"


@pytest.mark.parametrize(
    ("text", "wait", "running"),
    [
        (STATUS_FREE, 0, 0),
        (STATUS_BUSY, 17, 1),
        (STATUS_ONE_FREE, 0, 0),
        (STATUS_NO_LIMIT, 0, 0),
        (STATUS_PAST, 0, 0),
    ],
)
def test_status_wait(text, wait, running):
    status = parse_status(text)
    assert status is not None
    assert status.wait_seconds() == wait
    assert status.running == running


def test_status_not_understood_is_none():
    assert parse_status("<html>404 Not Found</html>") is None


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://overpass-api.de/api/interpreter", "https://overpass-api.de/api/status"),
        ("https://overpass.kumi.systems/api/interpreter/", "https://overpass.kumi.systems/api/status"),
        ("http://127.0.0.1:8080/api/interpreter?x=1", "http://127.0.0.1:8080/api/status"),
        ("https://example.org/overpass", None),
    ],
)
def test_status_url(url, expected):
    assert status_url(url) == expected


def test_retry_after():
    now = datetime(2024, 5, 1, 10, 0, 0, tzinfo=timezone.utc)
    assert parse_retry_after("12", now) == 12
    assert parse_retry_after("Wed, 01 May 2024 10:00:30 GMT", now) == 30
    assert parse_retry_after("Wed, 01 May 2024 09:00:00 GMT", now) == 0
    assert parse_retry_after(None, now) is None
    assert parse_retry_after("soon", now) is None
