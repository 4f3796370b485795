"""Derive the compact census tables bundled with the plugin from INSEE's official files.

Usage: python3 scripts/build_census.py ../shared/data/fr/insee_comparateur_rp2018.zip \
           ../shared/data/fr/insee_statistiques_locales_mobilite_rp2021.csv

Reads each file with the plugin's own reader (``core.census``) and keeps, for every commune, only the
fields the profile uses, under their official column names, in gzipped ``;`` CSVs in
mobility_diagnosis/resources/data/ (census_comparateur.csv.gz, census_mobility.csv.gz). Values keep two
decimals: the comparateur's counts are weighted estimates (17,050.69 households), so no shown figure
changes. Source: INSEE, comparateur de territoires (RP 2018, edition of January 2022, geography 2021) and
statistiques locales (RP 2021), Licence Ouverte / Etalab (« Source : INSEE »).
"""

import csv
import gzip
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mobility_diagnosis.core.census import BUNDLED_DIR, COMPARATEUR, read_census  # noqa: E402

OUT = {"comparateur": "census_comparateur.csv.gz", "mobility": "census_mobility.csv.gz"}


def cell(value):
    return "" if value is None else f"{value:.2f}".rstrip("0").rstrip(".")


def main(sources: list[str]) -> None:
    for source in sources:
        table = read_census(source)
        names = list(table.columns)
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
        writer.writerow(
            ["CODGEO" if table.kind == COMPARATEUR else "Code", *(table.columns[n] for n in names)]
        )
        for code in sorted(table.rows):
            writer.writerow([code, *(cell(table.rows[code].get(n)) for n in names)])
        out = BUNDLED_DIR / OUT[table.kind]
        out.write_bytes(gzip.compress(buffer.getvalue().encode("utf-8"), compresslevel=9, mtime=0))
        print(
            f"{table.kind} {table.year}: {len(table.rows)} communes written to {out} ({out.stat().st_size} bytes)"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
