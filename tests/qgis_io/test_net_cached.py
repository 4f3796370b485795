"""``net.cached.cached_get``, the one cached download of the online sources: what may enter the cache."""

import json

import pytest

from mobility_diagnosis.core import fetch_errors as fe
from mobility_diagnosis.qgis_io.net.cached import cached_get
from tests.support.http_server import ReplayServer, Reply


class BadReply(Exception):
    pass


@pytest.fixture
def server(qgis_app):
    with ReplayServer() as replay:
        yield replay


def test_a_reply_that_reads_is_cached_and_read_again_without_a_request(server, tmp_cache):
    server.script("/list", Reply(body=b'{"items": [1, 2]}'))
    url = server.url("/list")
    assert cached_get(url, json.loads, cache=tmp_cache, query="q") == {"items": [1, 2]}
    assert cached_get(url, json.loads, cache=tmp_cache, query="q") == {"items": [1, 2]}
    assert server.count("/list") == 1


def test_a_reply_that_does_not_read_is_the_callers_error_and_not_cached(server, tmp_cache):
    server.script("/list", Reply(body=b'{"items": [1, '))
    url = server.url("/list")
    with pytest.raises(BadReply, match="cut"):
        cached_get(url, json.loads, cache=tmp_cache, bad_reply=lambda error: BadReply(f"cut: {error}"))
    assert tmp_cache.get(url, "") is None


def test_a_cached_entry_that_does_not_read_is_a_miss(server, tmp_cache):
    server.script("/list", Reply(body=b"[3]"))
    url = server.url("/list")
    tmp_cache.put(url, "", b"not json")
    assert cached_get(url, json.loads, cache=tmp_cache) == [3]
    assert server.count("/list") == 1 and tmp_cache.get(url, "").body == b"[3]"


def test_404_is_answered_by_not_found_and_other_statuses_are_http_errors(server, tmp_cache):
    server.script("/gone", Reply(status=404, body=b"{}"))
    server.script("/broken", Reply(status=500, body=b"{}"))
    assert cached_get(server.url("/gone"), json.loads, cache=tmp_cache, not_found=list) == []
    with pytest.raises(fe.HttpStatusError):
        cached_get(server.url("/gone"), json.loads, cache=tmp_cache)
    with pytest.raises(fe.HttpStatusError):
        cached_get(server.url("/broken"), json.loads, cache=tmp_cache, not_found=list)
    assert tmp_cache.get(server.url("/gone"), "") is None
