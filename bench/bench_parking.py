"""Parking theme on the Heidelberg benchmark territory: time of the whole analysis against the time of
merely reading the layers it needs (measured in the same run), and walking-network gaps against
straight-line gaps.

    MD_SHARED_DATA=../shared/data .venv/bin/python bench/bench_parking.py
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the plugin package only; QGIS's ``processing`` is not needed here
SHARED = Path(os.environ.get("MD_SHARED_DATA", ROOT.parent / "shared" / "data"))

from osgeo import ogr  # noqa: E402

from mobility_diagnosis.qgis_io.gpkg.territory import (  # noqa: E402
    Territory,
    TerritoryGpkg,
    prepare_territory,
    write_territory_gpkg,
)
from mobility_diagnosis.qgis_io.osm.osm_file import OsmFile  # noqa: E402
from mobility_diagnosis.qgis_io.themes.parking import (  # noqa: E402
    DESTINATION_LAYERS,
    REQUIRED_LAYERS,
    analyse_parking,
)


def best_of(n, func):
    times = []
    for _ in range(n):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    outline = json.loads((ROOT / "bench" / "heidelberg_territory.geojson").read_text())["features"][0][
        "geometry"
    ]
    territory = Territory(
        "heidelberg", "Heidelberg", "bench", ogr.CreateGeometryFromJson(json.dumps(outline))
    )
    prepared = prepare_territory(territory, 300)
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "heidelberg.gpkg")
        with OsmFile(str(SHARED / "osm" / "heidelberg_2024.osm.pbf")) as osm:
            write_territory_gpkg(path, prepared, osm.elements(bbox=prepared.bbox_lonlat), {"source": "bench"})
        gpkg = TerritoryGpkg(path, REQUIRED_LAYERS)

        def read_only():
            for layer in (*REQUIRED_LAYERS, *DESTINATION_LAYERS):
                if layer in gpkg.layer_names:
                    for _feature in gpkg.features(layer):
                        pass

        reading = best_of(3, read_only)
        network = best_of(3, lambda: analyse_parking(gpkg))
        straight = best_of(3, lambda: analyse_parking(gpkg, use_network=False))
        result = analyse_parking(gpkg)
    print(f"features: {len(result.supply)} supply points, {len(result.gaps)} gaps, "
          f"{result.totals.destinations} destinations")  # fmt: skip
    print(f"reading the layers (reference): {reading:.2f} s")
    print(f"analysis, walking network:      {network:.2f} s  ratio {network / reading:.2f}")
    print(f"analysis, straight line:        {straight:.2f} s  ratio {straight / reading:.2f}")
    print(f"network / straight line:        {network / straight:.2f}")


if __name__ == "__main__":
    main()
