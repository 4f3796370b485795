"""A loopback Overpass server: recorded replies from ../shared/data/overpass and scripted faults.

def test_x(overpass_server):
    overpass_server.script(INTERPRETER, overpass_server.recorded_reply("paris14_denfert_2022.json"))
    fetch_elements(query, endpoint=overpass_server.interpreter_url, ...)
    assert overpass_server.count(INTERPRETER) == 1
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from typing import Optional, Sequence

import pytest

from tests.conftest import data_path
from tests.support.http_server import ReplayServer, Reply

INTERPRETER = "/api/interpreter"
STATUS = "/api/status"

OSM3S = {
    "timestamp_osm_base": "2024-05-01T10:00:00Z",
    "copyright": "The data included in this document is from www.openstreetmap.org. "
    "The data is made available under ODbL.",
}


def recorded(name: str) -> bytes:
    """A recorded reply body, decompressed."""
    path = data_path("overpass", name)
    raw = path.read_bytes()
    return gzip.decompress(raw) if name.endswith(".gz") else raw


def status_text(slots: int = 2, waits: Sequence[int] = (), rate_limit: int = 2) -> bytes:
    """An ``/api/status`` page: free slots now, or seconds until each busy slot frees."""
    lines = ["Connected as: 2130706433", "Current time: 2024-05-01T10:00:00Z", f"Rate limit: {rate_limit}"]
    if slots:
        lines.append(f"{slots} slots available now.")
    lines += [f"Slot available after: 2024-05-01T10:00:{w:02d}Z, in {w} seconds." for w in waits]
    lines.append("Currently running queries (pid, space limit, time limit, start time):")
    return ("\n".join(lines) + "\n").encode()


def json_reply(elements: list, remark: Optional[str] = None) -> bytes:
    body = {"version": 0.6, "generator": "Overpass API 0.7.62 test", "osm3s": OSM3S, "elements": elements}
    if remark:
        body["remark"] = remark
    return json.dumps(body).encode()


TIMEOUT_REMARK = 'runtime error: Query timed out in "query" at line 3 after 181 seconds.'
MEMORY_REMARK = "runtime error: Query run out of memory using about 2048 MB of RAM."


class OverpassServer(ReplayServer):
    @property
    def interpreter_url(self) -> str:
        return self.url(INTERPRETER)

    @property
    def status_url(self) -> str:
        return self.url(STATUS)

    def recorded_reply(self, name: str) -> Reply:
        return Reply(body=recorded(name))

    def free(self) -> None:
        self.script(STATUS, Reply(body=status_text(), content_type="text/plain"))


@pytest.fixture
def overpass_server(qgis_app) -> Iterator[OverpassServer]:
    """A started loopback Overpass whose ``/api/status`` says slots are free."""
    server = OverpassServer().start()
    server.free()
    try:
        yield server
    finally:
        server.stop()
