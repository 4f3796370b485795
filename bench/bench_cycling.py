"""Cycling theme benchmark (issue 3): facilities + LTS + islands + gaps on the Heidelberg territory
(bench/heidelberg_territory.geojson, about 11,000 highway ways), against the fetch step
(``mobilitydiagnosis:fetchterritory``) on the same data in the same run. Target: under 0.5x the fetch.

Also reports the whole algorithm (``mobilitydiagnosis:cycling``: analysis plus writing the three layers,
their styles and the indicators) for information. Best of three runs of each step.
Run with the test venv's python: ``make bench`` does it.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("MD_SHARED_DATA", ROOT.parent / "shared" / "data"))
PBF = SHARED / "osm" / "heidelberg_2024.osm.pbf"
TERRITORY = ROOT / "bench" / "heidelberg_territory.geojson"
TARGET = 0.5
RUNS = 3


def timed(step) -> float:
    start = time.perf_counter()
    step()
    return time.perf_counter() - start


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, "/usr/share/qgis/python/plugins")
    sys.path.insert(0, str(ROOT))
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    from processing.core.Processing import Processing

    Processing.initialize()
    import processing

    from mobility_diagnosis.processing.provider import MobilityDiagnosisProvider
    from mobility_diagnosis.qgis_io.gpkg.territory import open_territory
    from mobility_diagnosis.qgis_io.themes import cycling as cycling_analysis

    provider = MobilityDiagnosisProvider()
    QgsApplication.processingRegistry().addProvider(provider)
    work = Path(tempfile.mkdtemp(prefix="md-bench-cycling-"))
    territory_path = str(work / "heidelberg.gpkg")

    def fetch():
        processing.run("mobilitydiagnosis:fetchterritory",
                       {"TERRITORY_LAYER": str(TERRITORY), "OSM_FILE": str(PBF), "OUTPUT": territory_path})  # fmt: skip

    holder = {}
    output = str(work / "diagnosis.gpkg")

    def analyse():
        holder["result"] = cycling_analysis.analyse(open_territory(territory_path, ("streets",)))

    def algorithm():
        processing.run("mobilitydiagnosis:cycling", {"INPUT": territory_path, "OUTPUT": output})

    # Interleaved runs, best of each: the machine's load changes over time and hits every step alike.
    times = {"fetch": [], "analyse": [], "algorithm": []}
    for _ in range(RUNS):
        times["fetch"].append(timed(fetch))
        times["analyse"].append(timed(analyse))
        times["algorithm"].append(timed(algorithm))
    fetch_s, analyse_s, algorithm_s = (min(times[k]) for k in ("fetch", "analyse", "algorithm"))
    territory = open_territory(territory_path, ("streets",))
    result = holder["result"]
    ratio = analyse_s / fetch_s
    conn = result.connectivity
    print(f"territory: {territory.count('streets')} street features, {len(result.streets)} line parts, "
          f"{result.network.n_edges} network edges")  # fmt: skip
    print(
        f"islands: {len(conn.islands)} (largest {conn.islands[0].length_m / 1000:.1f} km), gaps: {len(conn.gaps)}"
    )
    print(f"fetch (fetchterritory):                  {fetch_s:6.2f} s")
    print(f"cycling analysis (facilities+LTS+islands+gaps): {analyse_s:6.2f} s   ratio {ratio:.2f}x "
          f"(target < {TARGET}x): {'OK' if ratio < TARGET else 'MISSED'}")  # fmt: skip
    print(
        f"cycling algorithm incl. writing layers:  {algorithm_s:6.2f} s   ratio {algorithm_s / fetch_s:.2f}x"
    )


if __name__ == "__main__":
    main()
