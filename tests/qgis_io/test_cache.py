"""The on-disk cache: atomic entries, max age, corrupt entries ignored, clear."""

import gzip

from mobility_diagnosis.qgis_io.net.cache import NoCache, ResponseCache

URL = "https://overpass-api.de/api/interpreter"


def test_round_trip_and_keys(tmp_path):
    cache = ResponseCache(tmp_path / "c", max_age_s=60, clock=lambda: 100.0)
    assert cache.get(URL, "q") is None  # folder not even created yet
    cache.put(URL, "q", b'{"elements": []}')
    entry = cache.get(URL, "q")
    assert entry.body == b'{"elements": []}' and entry.stored_at == 100.0
    assert cache.get(URL, "q2") is None and cache.get("https://mirror/api/interpreter", "q") is None
    assert [p.name for p in (tmp_path / "c").iterdir()] == [ResponseCache.key(URL, "q") + ".cache.gz"]


def test_max_age(tmp_path):
    now = [0.0]
    cache = ResponseCache(tmp_path, max_age_s=10, clock=lambda: now[0])
    cache.put(URL, "q", b"x")
    now[0] = 10.0
    assert cache.get(URL, "q") is not None
    now[0] = 10.5
    assert cache.get(URL, "q") is None
    assert ResponseCache(tmp_path, max_age_s=0).get(URL, "q") is None  # 0 switches the cache off


def test_corrupt_or_foreign_entries_are_misses(tmp_path):
    cache = ResponseCache(tmp_path, max_age_s=60)
    path = cache.put(URL, "q", b"payload")
    path.write_bytes(b"not gzip at all")
    assert cache.get(URL, "q") is None and not path.exists()  # deleted, so the next put is clean
    # a whole file, but holding another request's reply (e.g. renamed by hand)
    other = cache.put(URL, "other", b"payload")
    other.rename(cache.path(URL, "q"))
    assert cache.get(URL, "q") is None
    # a header announcing more bytes than present
    with gzip.open(cache.path(URL, "q"), "wb") as f:
        f.write(b'{"key": "%s", "stored_at": 1e12, "size": 99}\npay' % ResponseCache.key(URL, "q").encode())
    assert cache.get(URL, "q") is None


def test_clear_and_no_temporary_files_left(tmp_path):
    cache = ResponseCache(tmp_path, max_age_s=60)
    for i in range(3):
        cache.put(URL, f"q{i}", b"x" * 1000)
    assert cache.size_bytes() > 0
    assert not list(tmp_path.glob(".tmp-*"))
    assert cache.clear() == 3 and cache.get(URL, "q0") is None and cache.size_bytes() == 0


def test_no_cache_keeps_nothing(tmp_path):
    cache = NoCache()
    cache.put(URL, "q", b"x")
    assert cache.get(URL, "q") is None
