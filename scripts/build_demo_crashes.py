"""Cut the French demo's road-crash kit (Cap-d'Ail, INSEE 06032) out of the shared ONISR files.

Usage: python3 scripts/build_demo_crashes.py [SHARED_FR_FOLDER]   (default: ../shared/data/fr)

Keeps the rows of commune 06032 of the 2020 ``caracteristiques`` table (read with the plugin's own reader,
``core.crashes``) and, when the shared ``lieux``, ``vehicules`` or ``usagers`` tables hold rows with the same
``Num_Acc``, those rows too. Writes them in ONISR's official 2019-on layout (``;`` separated, every field
quoted, UTF-8, decimal comma, file named ``<table>-2020.csv``) into
mobility_diagnosis/resources/demo/cap_d_ail_baac_2020/, which ``demos.json`` hands to the demo as CRASHES.
The re-saved columns of the shared file (a leading index) are dropped; values are kept as published.
Source: ONISR, bases de données annuelles des accidents corporels (BAAC) 2020, Licence Ouverte / Etalab.
Re-run it to make the kit again byte for byte.
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mobility_diagnosis.core import crashes as cr  # noqa: E402

INSEE = "06032"
YEAR = 2020
DEFAULT_SOURCE = ROOT.parent / "shared" / "data" / "fr"
TARGET = ROOT / "mobility_diagnosis" / "resources" / "demo" / "cap_d_ail_baac_2020"


def _official_csv(rows: list[dict]) -> bytes:
    """ONISR's layout since 2019: ``;``, every field quoted, UTF-8, LF line ends as downloaded."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\n")
    writer.writerow(list(rows[0]))
    for row in rows:
        writer.writerow(list(row.values()))
    return buffer.getvalue().encode("utf-8")


def main(source: Path) -> None:
    files = {table: [] for table in cr.TABLES}
    for path in sorted(source.rglob("*.csv")):
        table = cr.table_of(path)
        if table is not None:
            files[table].append(path)
    kept = [
        row
        for path in files["caracteristiques"]
        if cr.year_of(path) == YEAR
        for row in cr.read_rows(
            path, lambda row: cr.insee_code(row.get("dep", ""), row.get("com", "")) == INSEE
        )
    ]
    if not kept:
        sys.exit(f"No {YEAR} crash of commune {INSEE} in the caracteristiques files of {source}.")
    numbers = {row["Num_Acc"] for row in kept}
    tables = {"caracteristiques": kept}
    for table in ("lieux", "vehicules", "usagers"):
        rows = [row for path in files[table] for row in cr.read_rows(path, lambda r: r["Num_Acc"] in numbers)]
        if rows:
            tables[table] = rows
    TARGET.mkdir(parents=True, exist_ok=True)
    for old in TARGET.glob("*.csv"):
        old.unlink()
    for table, rows in tables.items():
        out = TARGET / f"{table}-{YEAR}.csv"
        out.write_bytes(_official_csv(rows))
        print(f"{table}: {len(rows)} rows written to {out} ({out.stat().st_size} bytes)")
    missing = [t for t in cr.TABLES if t not in tables]
    if missing:
        print(f"No row of these crashes in the shared {', '.join(missing)} tables: not in the kit.")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SOURCE)
