"""Rows of GeoPackage layers written in bulk through SQLite.

GDAL's Python feature API costs microseconds per field and per feature, which made writing a theme's
12,500 cycling segments take as long as computing them. So GDAL creates the table, its fields and its
spatial index (the file is exactly what GDAL makes), then the rows are added here in one SQLite
transaction: the table's triggers (R-tree upkeep, feature count) are set aside, rows and R-tree entries
go in with ``executemany``, the triggers are put back as GDAL wrote them, and the layer's extent and
feature count are recorded as GDAL would.
"""

from __future__ import annotations

import math
import sqlite3
import struct
from dataclasses import dataclass
from typing import Callable, Iterable, Optional, Sequence

from osgeo import ogr

# GeoPackage binary geometry (GeoPackage 1.3, §2.1.3): "GP", version 0, flags, srs_id, envelope, then WKB.
_HEADER = struct.Struct("<2sBBi")
_ENVELOPE = struct.Struct("<4d")  # minx, maxx, miny, maxy
_LITTLE_ENDIAN = 0x01
_XY_ENVELOPE = 0x02  # envelope indicator 1, in bits 1-3
_EMPTY = 0x10
CANCEL_EVERY = 2000  # rows between two looks at the cancel flag


@dataclass(frozen=True)
class WkbGeometry:
    """A geometry a theme built as little-endian ISO WKB itself, with its (minx, maxx, miny, maxy): written
    as it is, where an ogr.Geometry would be parsed and exported again."""

    wkb: bytes
    envelope: tuple[float, float, float, float]


class WriteCancelled(Exception):
    """The caller's ``cancelled()`` said so; nothing of the transaction was kept."""


def _convert(kind: str) -> Callable:
    """What the SQLite column receives for a value of ``kind``: NULL for None and NaN (never 0), plain
    Python numbers for numpy's, text for anything else in a text column (as OGR's setters did)."""

    def text(value):
        if value is None or (isinstance(value, float) and value != value):
            return None
        return value if isinstance(value, str) else str(value)

    def real(value):
        if value is None:
            return None
        value = float(value)
        return value if value == value else None

    def integer(value):
        if value is None or (isinstance(value, float) and value != value):
            return None
        return int(value)

    return {"str": text, "float": real, "int": integer, "bool": integer}[kind]


def geometry_blob(
    geometry: Optional[ogr.Geometry | WkbGeometry], srs_id: int
) -> tuple[Optional[bytes], Optional[tuple]]:
    """The GeoPackage blob of ``geometry`` and its (minx, maxx, miny, maxy), None for a missing geometry
    and no envelope for an empty one. Points carry no envelope in their blob, as GDAL writes them."""
    if geometry is None:
        return None, None
    if isinstance(geometry, WkbGeometry):
        return _HEADER.pack(b"GP", 0, _LITTLE_ENDIAN | _XY_ENVELOPE, srs_id) + _ENVELOPE.pack(
            *geometry.envelope
        ) + geometry.wkb, geometry.envelope
    wkb = bytes(geometry.ExportToIsoWkb(ogr.wkbNDR))
    if geometry.IsEmpty():
        return _HEADER.pack(b"GP", 0, _LITTLE_ENDIAN | _EMPTY, srs_id) + wkb, None
    envelope = geometry.GetEnvelope()
    if ogr.GT_Flatten(geometry.GetGeometryType()) == ogr.wkbPoint:
        return _HEADER.pack(b"GP", 0, _LITTLE_ENDIAN, srs_id) + wkb, envelope
    return _HEADER.pack(b"GP", 0, _LITTLE_ENDIAN | _XY_ENVELOPE, srs_id) + _ENVELOPE.pack(
        *envelope
    ) + wkb, envelope


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def insert_rows(
    path: str,
    tables: Sequence[tuple[str, Sequence[tuple[str, str]], Iterable]],
    cancelled: Callable[[], bool] = lambda: False,
) -> dict[str, int]:
    """Append rows to tables GDAL created in ``path`` with its default ``fid`` key (closed by GDAL before
    this call).

    ``tables``: (table, [(field, kind)], rows) with rows of (ogr geometry, WkbGeometry or None,
    {field: value}) and kind one of "str", "int", "float", "bool". Returns the number of rows per table;
    raises ``WriteCancelled`` (nothing written) when ``cancelled()`` turns true.
    """
    counts: dict[str, int] = {}
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("PRAGMA synchronous=OFF")  # the caller syncs the finished file (atomic_path)
        connection.execute("BEGIN")
        for table, fields, rows in tables:
            counts[table] = _insert_table(connection, table, fields, rows, cancelled)
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
    finally:
        connection.close()
    return counts


def _insert_table(connection, table: str, fields, rows: Iterable, cancelled) -> int:
    geometry = connection.execute(
        "SELECT column_name, srs_id FROM gpkg_geometry_columns WHERE lower(table_name) = lower(?)", (table,)
    ).fetchone()
    rtree = None
    if geometry is not None:
        name = f"rtree_{table}_{geometry[0]}"
        indexed = connection.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND lower(name) = lower(?)", (name,)
        ).fetchone()
        rtree = name if indexed else None
    # table, column and index names are GDAL's, quoted; every value goes through a parameter
    first = connection.execute(f"SELECT coalesce(max(fid), 0) FROM {_quote(table)}").fetchone()[0]  # noqa: S608  # nosec B608
    converters = [(name, _convert(kind)) for name, kind in fields]
    values, boxes = [], []
    for fid, (shape, attributes) in enumerate(rows, start=first + 1):
        if fid % CANCEL_EVERY == 0 and cancelled():
            raise WriteCancelled()
        row = [fid]
        if geometry is not None:
            blob, envelope = geometry_blob(shape, geometry[1])
            row.append(blob)
            if envelope is not None:
                boxes.append((fid, *envelope))
        row.extend(convert(attributes.get(name)) for name, convert in converters)
        values.append(row)
    columns = ["fid", *([geometry[0]] if geometry is not None else []), *(name for name, _ in fields)]
    triggers = connection.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND lower(tbl_name) = lower(?)", (table,)
    ).fetchall()
    for name, _ in triggers:  # put back below, exactly as GDAL wrote them
        connection.execute(f"DROP TRIGGER {_quote(name)}")
    names, marks = ", ".join(map(_quote, columns)), ", ".join("?" * len(columns))
    connection.executemany(f"INSERT INTO {_quote(table)} ({names}) VALUES ({marks})", values)  # noqa: S608  # nosec B608
    if rtree is not None:
        connection.executemany(f"INSERT INTO {_quote(rtree)} VALUES (?, ?, ?, ?, ?)", boxes)  # noqa: S608  # nosec B608
    for _, sql in triggers:
        connection.execute(sql)
    _record_extent(connection, table, boxes)
    counted = connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'gpkg_ogr_contents'"
    ).fetchone()
    if counted:  # GDAL's own feature-count table (it makes one unless told not to)
        total = connection.execute(f"SELECT count(*) FROM {_quote(table)}").fetchone()[0]  # noqa: S608  # nosec B608
        connection.execute(
            "UPDATE gpkg_ogr_contents SET feature_count = ? WHERE lower(table_name) = lower(?)",
            (total, table),
        )
    return len(values)


def _record_extent(connection, table: str, boxes: list[tuple]) -> None:
    """The layer's extent in ``gpkg_contents``, grown to take the new rows (what QGIS shows first)."""
    if not boxes:
        return
    minx = min(b[1] for b in boxes)
    maxx = max(b[2] for b in boxes)
    miny = min(b[3] for b in boxes)
    maxy = max(b[4] for b in boxes)
    old = connection.execute(
        "SELECT min_x, min_y, max_x, max_y FROM gpkg_contents WHERE lower(table_name) = lower(?)", (table,)
    ).fetchone()
    if old is not None and None not in old and all(math.isfinite(v) for v in old):
        minx, miny, maxx, maxy = min(minx, old[0]), min(miny, old[1]), max(maxx, old[2]), max(maxy, old[3])
    connection.execute(
        "UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ? WHERE lower(table_name) = lower(?)",
        (minx, miny, maxx, maxy, table),
    )
