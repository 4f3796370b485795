"""The OSM data timestamp recorded in a file's header, for the ``about`` table.

A .osm.pbf header may carry ``osmosis_replication_timestamp`` (HeaderBlock field 32, seconds since
1970; Geofabrik and osmium set it); an OSM XML file may carry ``<osm timestamp="…">`` or
``<meta osm_base="…"/>`` (Overpass). GDAL exposes neither, and the header is a few bytes at the start
of the file, so it is read here with a minimal protobuf reader.
"""

from __future__ import annotations

import datetime as dt
import re
import struct
import zlib
from typing import Optional

_XML_STAMP = re.compile(rb'<(?:osm|meta)\b[^>]*?\b(?:timestamp|osm_base)="([^"]+)"')


def _varint(data: bytes, pos: int) -> tuple[int, int]:
    result = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return result, pos
        shift += 7


def _fields(data: bytes):
    """(field number, wire type, value) of a protobuf message (varint and length-delimited only)."""
    pos = 0
    while pos < len(data):
        key, pos = _varint(data, pos)
        number, wire = key >> 3, key & 7
        if wire == 0:
            value, pos = _varint(data, pos)
        elif wire == 2:
            length, pos = _varint(data, pos)
            value, pos = data[pos : pos + length], pos + length
        elif wire == 1:
            value, pos = data[pos : pos + 8], pos + 8
        elif wire == 5:
            value, pos = data[pos : pos + 4], pos + 4
        else:
            return
        yield number, wire, value


def pbf_timestamp(head: bytes) -> Optional[str]:
    """ISO timestamp from the first blob of a .osm.pbf (``head``: the file's first bytes)."""
    try:
        (size,) = struct.unpack(">I", head[:4])
        header = {n: v for n, _, v in _fields(head[4 : 4 + size])}
        if header.get(1) != b"OSMHeader":
            return None
        blob = {n: v for n, _, v in _fields(head[4 + size : 4 + size + header[3]])}
        block = zlib.decompress(blob[3]) if 3 in blob else blob.get(1, b"")
        for number, wire, value in _fields(block):
            if number == 32 and wire == 0 and value > 0:
                return dt.datetime.fromtimestamp(value, dt.timezone.utc).isoformat().replace("+00:00", "Z")
    except (struct.error, KeyError, IndexError, zlib.error, ValueError, OverflowError):
        return None
    return None


def xml_timestamp(head: bytes) -> Optional[str]:
    match = _XML_STAMP.search(head)
    return match.group(1).decode("ascii", "replace") if match else None
