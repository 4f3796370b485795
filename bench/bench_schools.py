"""School theme benchmark: every per-school figure for the schools of the Heidelberg benchmark territory,
against the obvious reference measured in the same run: networkx single-source Dijkstra from each school
(walking to 2 km, cycling to 2 km, low-stress cycling to 2 km) on the same ways, without any of the
other figures. No target was set for this theme; the ratio shows the figures cost about as much as
(or less than) the three shortest-path passes alone.

Run with the test venv's python (networkx is a test dependency): ``make bench`` does it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("MD_SHARED_DATA", ROOT.parent / "shared" / "data"))
PBF = SHARED / "osm" / "heidelberg_2024.osm.pbf"
TERRITORY = ROOT / "bench" / "heidelberg_territory.geojson"


def fetch(output: str) -> None:
    code = f"""
import sys
sys.path.insert(0, '/usr/share/qgis/python/plugins'); sys.path.insert(0, {str(ROOT)!r})
from qgis.core import QgsApplication
app = QgsApplication([], False); app.initQgis()
from processing.core.Processing import Processing; Processing.initialize()
from mobility_diagnosis.processing.provider import MobilityDiagnosisProvider
provider = MobilityDiagnosisProvider(); QgsApplication.processingRegistry().addProvider(provider)
import processing
processing.run('mobilitydiagnosis:fetchterritory', {{'TERRITORY_LAYER': {str(TERRITORY)!r}, 'OSM_FILE': {str(PBF)!r},
               'OUTPUT': {output!r}}})
"""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    subprocess.run([sys.executable, "-c", code], check=True, env=env, capture_output=True)


def main() -> None:
    sys.path.insert(0, str(ROOT))
    import networkx as nx
    import numpy as np

    from mobility_diagnosis.core.cycling.lts import evaluate
    from mobility_diagnosis.core.schools import School, SchoolContext, Street, diagnose_school
    from mobility_diagnosis.core.speeds import street_speed
    from mobility_diagnosis.qgis_io.gpkg.territory import open_territory

    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "heidelberg.gpkg")
        fetch(path)
        territory = open_territory(path, ("streets", "schools"))
        streets = []
        for f in territory.features("streets"):
            if f.geometry is None or f.geometry.GetPointCount() < 2:
                continue
            speed = street_speed(f.tags, "FR")
            coords = np.array(f.geometry.GetPoints(), dtype=float)[:, :2]
            streets.append(
                Street(f.osm_id, f.tags, coords, speed.kmh, evaluate(f.tags, "FR").lts, speed.assumed)
            )
        schools = [
            School(f.osm_id, f.tags.get("name", ""), f.geometry.GetX(), f.geometry.GetY(), f.tags)
            for f in territory.features("schools", inside_only=True)
        ]
        stops = [(f.geometry.GetX(), f.geometry.GetY()) for f in territory.features("transit_stops")]

    start = time.perf_counter()
    ctx = SchoolContext.build(streets, (), (), stops)
    rows = [diagnose_school(s, ctx) for s in schools]
    ours = time.perf_counter() - start

    start = time.perf_counter()
    graphs = []
    for mask in (ctx.walk_mask, ctx.cycle_mask, ctx.low_stress_mask):
        graph = nx.Graph()
        for street, ok in zip(streets, mask):
            if not ok:
                continue
            keys = [tuple(np.round(p * 100).astype(int)) for p in street.coords]
            seg = np.hypot(*np.diff(street.coords, axis=0).T)
            graph.add_weighted_edges_from((a, b, w) for a, b, w in zip(keys, keys[1:], seg))
        graphs.append(graph)
    nodes = [np.array(list(g.nodes), dtype=float) / 100 for g in graphs]
    for school in schools:
        for graph, xy in zip(graphs, nodes):
            i = int(np.argmin(np.hypot(xy[:, 0] - school.x, xy[:, 1] - school.y)))
            nx.single_source_dijkstra_path_length(
                graph, tuple((xy[i] * 100).round().astype(int)), cutoff=2000
            )
    reference = time.perf_counter() - start

    on_network = sum(r["walk_500_m"] is not None for r in rows)
    print(f"schools: {len(schools)} schools, {len(streets)} ways, {on_network} on the network")
    print(f"  every per-school figure (context + figures): {ours:.2f} s")
    print(f"  reference, networkx 3 x single-source Dijkstra per school (2 km): {reference:.2f} s")
    print(f"  ratio reference / ours: {reference / ours:.1f}x")


if __name__ == "__main__":
    main()
