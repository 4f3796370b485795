"""Derive the compact commune list bundled with the plugin from the decoupage-administratif JSON.

Usage: python3 scripts/build_communes.py ../shared/data/fr/communes_decoupage_administratif.json

Keeps current communes and the municipal arrondissements of Paris, Lyon and Marseille (code, name,
département, region, population, SIREN of the commune, zone). Source: @etalab/decoupage-administratif
6.0.0 (the data behind geo.api.gouv.fr), Licence Ouverte 2.0.
"""

import csv
import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "mobility_diagnosis" / "resources" / "data" / "communes.csv"
KEEP_TYPES = {"commune-actuelle", "arrondissement-municipal"}


def main(source: str) -> None:
    communes = json.loads(Path(source).read_text(encoding="utf-8"))
    rows = [c for c in communes if c.get("type") in KEEP_TYPES]
    rows.sort(key=lambda c: c["code"])
    with OUT.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, delimiter=";", lineterminator="\n")
        writer.writerow(["code", "nom", "departement", "region", "population", "siren", "zone", "type"])
        for c in rows:
            writer.writerow(
                [c["code"], c["nom"], c["departement"], c["region"], c.get("population", ""),
                 c.get("siren", ""), c["zone"], "arrondissement" if c["type"] == "arrondissement-municipal" else "commune"]
            )  # fmt: skip
    print(f"{len(rows)} communes written to {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
