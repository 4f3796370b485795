"""Fetch step benchmark (foundation issue): load the Heidelberg territory from the .osm.pbf into a
territory GeoPackage, and in the same run time OSMnx's ``graph_from_xml`` on the same data converted
to .osm. Target: at least 3x faster than OSMnx, peak memory under 1 GB.

Each side runs in its own subprocess so that its peak memory (ru_maxrss) is its own.
Run with the test venv's python: ``make bench`` does it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("MD_SHARED_DATA", ROOT.parent / "shared" / "data"))
PBF = SHARED / "osm" / "heidelberg_2024.osm.pbf"
TERRITORY = ROOT / "bench" / "heidelberg_territory.geojson"
BENCH_VENV_PYTHON = ROOT / ".venv-bench" / "bin" / "python"
BUFFER_M = 500

FETCH_CODE = """
import json, resource, sys, time
sys.path.insert(0, '/usr/share/qgis/python/plugins'); sys.path.insert(0, {root!r})
from qgis.core import QgsApplication
app = QgsApplication([], False); app.initQgis()
from processing.core.Processing import Processing; Processing.initialize()
from mobility_diagnosis.processing.provider import MobilityDiagnosisProvider
provider = MobilityDiagnosisProvider(); QgsApplication.processingRegistry().addProvider(provider)
import processing
start = time.perf_counter()
processing.run('mobilitydiagnosis:fetchterritory', {{'TERRITORY_LAYER': {territory!r}, 'OSM_FILE': {pbf!r},
               'BUFFER': {buffer}, 'OUTPUT': {output!r}}})
seconds = time.perf_counter() - start
print(json.dumps({{'seconds': seconds, 'peak_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""

OSMNX_CODE = """
import json, resource, time, warnings
warnings.filterwarnings('ignore')
import osmnx as ox
start = time.perf_counter()
graph = ox.graph_from_xml({osm!r}, retain_all=True)
seconds = time.perf_counter() - start
print(json.dumps({{'seconds': seconds, 'peak_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  'nodes': graph.number_of_nodes(), 'edges': graph.number_of_edges()}}))
"""


def run_json(python: str, code: str) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([python, "-c", code], capture_output=True, text=True, env=env, check=False)
    if out.returncode != 0:
        raise SystemExit(f"benchmark step failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def buffered_bbox() -> str:
    coords = json.loads(TERRITORY.read_text())["features"][0]["geometry"]["coordinates"][0]
    xs, ys = [c[0] for c in coords], [c[1] for c in coords]
    dlat = BUFFER_M / 111_320.0
    dlon = BUFFER_M / (111_320.0 * 0.652)  # cos(49.4°)
    return f"{min(xs) - dlon},{min(ys) - dlat},{max(xs) + dlon},{max(ys) + dlat}"


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="md-bench-fetch-"))
    output = work / "heidelberg.gpkg"
    ours = [run_json(sys.executable, FETCH_CODE.format(root=str(ROOT), territory=str(TERRITORY), pbf=str(PBF),
                                                       buffer=BUFFER_M, output=str(output)))
            for _ in range(2)]  # fmt: skip
    best = min(ours, key=lambda r: r["seconds"])
    runs = ", ".join(f"{r['seconds']:.2f}" for r in ours)
    print(f"fetch (ours): {best['seconds']:.2f} s, peak {best['peak_mb']:.0f} MB (runs: {runs} s)")

    if not BENCH_VENV_PYTHON.exists():
        print("OSMnx reference: skipped (.venv-bench missing: run `make bench`, which installs it)")
        return
    osm = work / "heidelberg_territory.osm"
    subprocess.run(["osmium", "extract", "-b", buffered_bbox(), "-s", "complete_ways", str(PBF), "-o", str(osm),
                    "--overwrite"], check=True, capture_output=True)  # fmt: skip
    ref = run_json(str(BENCH_VENV_PYTHON), OSMNX_CODE.format(osm=str(osm)))
    ratio = ref["seconds"] / best["seconds"]
    print(f"OSMnx graph_from_xml on the same data ({osm.stat().st_size / 1e6:.0f} MB .osm): {ref['seconds']:.2f} s, "
          f"peak {ref['peak_mb']:.0f} MB ({ref['nodes']} nodes, {ref['edges']} edges)")  # fmt: skip
    verdict = "OK" if ratio >= 3 and best["peak_mb"] < 1024 else "MISSED"
    print(f"RESULT fetch: {ratio:.1f}x faster than OSMnx (target >= 3x), peak {best['peak_mb']:.0f} MB "
          f"(target < 1024 MB): {verdict}")  # fmt: skip


if __name__ == "__main__":
    main()
