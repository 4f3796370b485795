"""Accessibility benchmark (issue 4) on the Heidelberg territory (bench/heidelberg_territory.geojson) with
its bus stops (``highway=bus_stop`` in ``transit_stops``), in one run:

(a) the network pass alone: every node's walking distance to the nearest stop (one multi-source Dijkstra)
    plus the street length within 500 m of a stop (core.network, streets already read);
(b) the whole ``mobilitydiagnosis:accessibility`` algorithm with the VRN GTFS feed (reading the territory,
    every destination type, catchments, GTFS, stop and crossing layers, writing a new GeoPackage);
(c) QGIS's ``native:serviceareafromlayer`` with the same stops at 500 m (the reference).

Targets: (b) at least 10x faster than (c), (a) at least 100x; peak memory under 1 GB. Best of three runs
for (a) and (b), one run of (c) (it is the slow one). Run with the test venv's python (``make bench``).
"""

from __future__ import annotations

import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("MD_SHARED_DATA", ROOT.parent / "shared" / "data"))
PBF = SHARED / "osm" / "heidelberg_2024.osm.pbf"
GTFS = SHARED / "gtfs" / "heidelberg_vrn_2022.zip"
TERRITORY = ROOT / "bench" / "heidelberg_territory.geojson"
RUNS = 3
TARGET_ALGORITHM, TARGET_PASS, TARGET_MEMORY_MB = 10.0, 100.0, 1024.0


def timed(step) -> float:
    start = time.perf_counter()
    step()
    return time.perf_counter() - start


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # kB on Linux


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, "/usr/share/qgis/python/plugins")
    sys.path.insert(0, str(ROOT))
    import numpy as np
    from qgis.core import QgsApplication, QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer

    app = QgsApplication([], False)
    app.initQgis()
    from processing.core.Processing import Processing

    Processing.initialize()
    import processing

    from mobility_diagnosis.core.network import HAVE_SCIPY, Network
    from mobility_diagnosis.core.walking import walk_rule
    from mobility_diagnosis.processing.provider import MobilityDiagnosisProvider
    from mobility_diagnosis.qgis_io.gpkg.territory import open_territory
    from mobility_diagnosis.qgis_io.themes.accessibility_geometry import line_parts, representative_point

    provider = MobilityDiagnosisProvider()
    QgsApplication.processingRegistry().addProvider(provider)
    work = Path(tempfile.mkdtemp(prefix="md-bench-accessibility-"))
    territory_path = str(work / "heidelberg.gpkg")
    processing.run("mobilitydiagnosis:fetchterritory",
                   {"TERRITORY_LAYER": str(TERRITORY), "OSM_FILE": str(PBF), "OUTPUT": territory_path})  # fmt: skip
    territory = open_territory(territory_path, ("streets", "transit_stops"))

    start = time.perf_counter()
    ways, walkable = [], []
    for feature in territory.features("streets"):
        rule = walk_rule(feature.tags)
        for part in line_parts(feature.geometry):
            if len(part) >= 2:
                ways.append(part)
                walkable.append(rule.walkable)
    mask = np.array(walkable)
    stops = [representative_point(f.geometry) for f in territory.features("transit_stops")
             if f.tags.get("highway") == "bus_stop"]  # fmt: skip
    stop_xy = np.array(stops)
    read_s = time.perf_counter() - start

    holder = {}

    def build():
        holder["net"] = Network.from_ways(ways)

    def network_pass(use_scipy=None):
        net = holder["net"]
        field = net.multi_source_distances(stop_xy, mask=mask, use_scipy=use_scipy)
        holder["covered"] = field.coverage_length(500.0)
        holder["reached"] = int(np.isfinite(field.node_distance).sum())
        holder["n_edges"] = net.n_edges

    def algorithm():
        # a new diagnosis GeoPackage each run (replacing layers in an existing one also copies the file)
        output = str(work / f"diagnosis_{len(times['algorithm'])}.gpkg")
        processing.run("mobilitydiagnosis:accessibility",
                       {"INPUT": territory_path, "GTFS": str(GTFS), "OUTPUT": output})  # fmt: skip

    times = {"build": [], "pass": [], "algorithm": []}
    for _ in range(RUNS):
        times["build"].append(timed(build))
        times["pass"].append(timed(network_pass))
        times["algorithm"].append(timed(algorithm))
    build_s, pass_s, algorithm_s = (min(times[k]) for k in ("build", "pass", "algorithm"))
    pure_s = min(timed(lambda: network_pass(use_scipy=False)) for _ in range(RUNS))
    memory_mb = peak_mb()

    # (c) QGIS's service area from the same stops, 500 m, on the same streets
    layer = QgsVectorLayer(f"Point?crs={territory.srs.ExportToProj4()}", "stops", "memory")
    features = []
    for x, y in stops:
        feature = QgsFeature()
        feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(float(x), float(y))))
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    streets = QgsVectorLayer(f"{territory_path}|layername=streets", "streets", "ogr")
    params = {"INPUT": streets, "STRATEGY": 0, "DIRECTION_FIELD": "", "DEFAULT_DIRECTION": 2, "SPEED_FIELD": "",
              "DEFAULT_SPEED": 5, "TOLERANCE": 0, "START_POINTS": layer, "TRAVEL_COST": 500, "TRAVEL_COST2": 500,
              "INCLUDE_BOUNDS": False, "OUTPUT_LINES": "memory:"}  # fmt: skip
    native_s = timed(lambda: processing.run("native:serviceareafromlayer", params))

    print(f"scipy available: {HAVE_SCIPY}")
    print(f"territory: {len(ways)} street parts, {holder['n_edges']} network edges, {len(stops)} bus stops")
    print(f"reading the territory (streets, stops): {read_s:.2f} s; building the network: {build_s:.3f} s")
    print(f"(a) network pass (nearest-stop distance at {holder['reached']} nodes + 500 m coverage "
          f"{holder['covered'] / 1000:.1f} km): {pass_s:.3f} s")  # fmt: skip
    print(f"(a') the same pass without scipy (pure-Python Dijkstra, the fallback): {pure_s:.3f} s "
          f"({native_s / pure_s:.0f}x faster than native)")  # fmt: skip
    print(f"(b) whole accessibility algorithm: {algorithm_s:.2f} s")
    print(f"(c) native:serviceareafromlayer, same stops, 500 m: {native_s:.2f} s")
    ratio_pass, ratio_build_pass, ratio_alg = (
        native_s / pass_s,
        native_s / (build_s + pass_s),
        native_s / algorithm_s,
    )
    print(f"ratio native / network pass: {ratio_pass:.0f}x (target >= {TARGET_PASS:.0f}x) "
          f"{'OK' if ratio_pass >= TARGET_PASS else 'MISSED'}; with the network build: {ratio_build_pass:.0f}x")  # fmt: skip
    print(f"ratio native / whole algorithm: {ratio_alg:.1f}x (target >= {TARGET_ALGORITHM:.0f}x) "
          f"{'OK' if ratio_alg >= TARGET_ALGORITHM else 'MISSED'}")  # fmt: skip
    print(f"peak memory of this process after (a) and (b) (QGIS included): {memory_mb:.0f} MB "
          f"(target < {TARGET_MEMORY_MB:.0f} MB) {'OK' if memory_mb < TARGET_MEMORY_MB else 'MISSED'}")  # fmt: skip
    met = ratio_pass >= TARGET_PASS and ratio_alg >= TARGET_ALGORITHM and memory_mb < TARGET_MEMORY_MB
    # QGIS's teardown with live layers and providers can crash after the figures are printed: leave at once.
    sys.stdout.flush()
    del app
    os._exit(0 if met else 1)


if __name__ == "__main__":
    main()
