"""Whole-diagnosis benchmark (issue 7): ``mobilitydiagnosis:diagnose`` on the Heidelberg territory
(``bench/heidelberg_territory.geojson`` over ``../shared/data/osm/heidelberg_2024.osm.pbf``) with its GTFS
(``../shared/data/gtfs/heidelberg_vrn_2022.zip``), against the fetch step alone measured in the same run.
Targets: the whole diagnosis in at most 3x the fetch time, peak memory under 1.5 GB.

Each run is its own subprocess so that its peak memory (ru_maxrss) is its own; the diagnosis's helper
process (``processing/theme_runner.py``) is a child of it and its peak is printed too. The two steps run
alternately, ROUNDS times each, and the best of each is compared: the machine is shared and noisy.
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
GTFS = SHARED / "gtfs" / "heidelberg_vrn_2022.zip"
TERRITORY = ROOT / "bench" / "heidelberg_territory.geojson"
TARGET_RATIO = 3.0
TARGET_PEAK_MB = 1536.0
ROUNDS = 5

CODE = """
import json, resource, sys, time
sys.path.insert(0, '/usr/share/qgis/python/plugins'); sys.path.insert(0, {root!r})
from qgis.core import QgsApplication
app = QgsApplication([], False); app.initQgis()
from processing.core.Processing import Processing; Processing.initialize()
from mobility_diagnosis.processing.provider import MobilityDiagnosisProvider
provider = MobilityDiagnosisProvider(); QgsApplication.processingRegistry().addProvider(provider)
import processing
themes = [t for t in ('cycling', 'accessibility', 'parking', 'schools')
          if QgsApplication.processingRegistry().algorithmById('mobilitydiagnosis:' + t)]
start = time.perf_counter()
if {whole!r}:
    result = processing.run('mobilitydiagnosis:diagnose', {{'TERRITORY_LAYER': {territory!r}, 'OSM_FILE': {pbf!r},
                            'GTFS': {gtfs!r}, 'OUTPUT_FOLDER': {output!r}, 'OVERWRITE': True}})
else:
    processing.run('mobilitydiagnosis:fetchterritory', {{'TERRITORY_LAYER': {territory!r}, 'OSM_FILE': {pbf!r},
                   'OUTPUT': {output!r}}})
seconds = time.perf_counter() - start
print(json.dumps({{'seconds': seconds, 'peak_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  'helper_mb': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 'themes': themes}}))
"""


def run(whole: bool, output: Path) -> dict:
    code = CODE.format(root=str(ROOT), whole=whole, territory=str(TERRITORY), pbf=str(PBF), gtfs=str(GTFS),
                       output=str(output))  # fmt: skip
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False)
    if out.returncode != 0:
        raise SystemExit(f"benchmark step failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def _rounds(results: list[dict]) -> str:
    return ", ".join(f"{r['seconds']:.2f}" for r in results)


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="md-bench-diagnose-"))
    fetches, wholes = [], []
    for round_ in range(ROUNDS):
        fetches.append(run(False, work / f"territory{round_}.gpkg"))
        wholes.append(run(True, work / "package"))
    fetch = min(fetches, key=lambda r: r["seconds"])
    whole = min(wholes, key=lambda r: r["seconds"])
    ratio = whole["seconds"] / fetch["seconds"]
    peak = max(r["peak_mb"] for r in wholes)
    helper = max(r["helper_mb"] for r in wholes)
    print(f"themes registered: {', '.join(whole['themes']) or 'none yet'}")
    print(f"fetch alone:     {fetch['seconds']:7.2f} s (rounds: {_rounds(fetches)}), "
          f"peak {fetch['peak_mb']:6.0f} MB")  # fmt: skip
    print(f"whole diagnosis: {whole['seconds']:7.2f} s (rounds: {_rounds(wholes)}), "
          f"peak {peak:6.0f} MB, its helper process {helper:.0f} MB")  # fmt: skip
    print(f"ratio whole/fetch (best of {ROUNDS} each): {ratio:.2f} (target <= {TARGET_RATIO:.0f}); "
          f"peak {peak:.0f} + {helper:.0f} MB (target < {TARGET_PEAK_MB:.0f} MB)")  # fmt: skip
    files = sorted(os.listdir(work / "package"))
    print(f"package: {', '.join(files)}")
    ok = ratio <= TARGET_RATIO and peak + helper < TARGET_PEAK_MB
    print("targets: met" if ok else "targets: MISSED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
