"""Writes ``stationnement_cyclable.csv`` (national bike-parking schema, etalab/schema-stationnement-cyclable)
from rows built by ``core.parking.schema_rows``; atomic, UTF-8, comma-separated like the schema's example."""

from __future__ import annotations

import csv
from typing import Iterable, Mapping

from ...core.parking import SCHEMA_FIELDS
from ..atomic import atomic_path

CSV_NAME = "stationnement_cyclable.csv"


def write_bike_parking_csv(path: str, rows: Iterable[Mapping[str, str]]) -> int:
    """Write the rows (header included, even with no row) and return how many were written."""
    count = 0
    with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(SCHEMA_FIELDS), extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
            count += 1
    return count
