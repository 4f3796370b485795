"""Cut the French demo extract (Cap-d'Ail, INSEE 06032) bundled in mobility_diagnosis/resources/demo/.

    .venv/bin/python scripts/cut_demo_extract.py [SOURCE.osm.pbf]   (any Python with GDAL; default source:
    ../shared/data/osm/monaco_communes_2016.osm.pbf)

Reads the commune's complete boundary relation (boundary=administrative, admin_level=8, ref:INSEE=06032) from
the source file with GDAL, buffers it by BUFFER_M in Lambert-93, and cuts the source to that polygon with
``osmium extract`` (strategy "smart": ways complete, boundary and multipolygon relations complete, so the
commune's boundary stays resolvable from the extract). The source header's data timestamp is carried over, so
the report's cover states the OSM data date (2016-03). osmium-tool is installed with apt-get when missing (as
root); the plugin and ``make demo`` never need it, they read the committed extract.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess  # nosec B404
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from osgeo import osr  # noqa: E402

from mobility_diagnosis.core.osm_header import pbf_timestamp  # noqa: E402
from mobility_diagnosis.qgis_io.osm.osm_file import OsmFile  # noqa: E402

INSEE = "06032"
DEFAULT_SOURCE = ROOT.parent / "shared" / "data" / "osm" / "monaco_communes_2016.osm.pbf"
TARGET = ROOT / "mobility_diagnosis" / "resources" / "demo" / "cap_d_ail_2016.osm.pbf"
# diagnose's default buffer is 500 m (processing/fetch_territory.py); 300 m more keeps the streets that leave
# the buffer whole up to their next junction, and lets a user try a slightly larger buffer.
BUFFER_M = 800.0
LAMBERT_93 = 2154


def ensure_osmium() -> str:
    found = shutil.which("osmium")
    if found:
        return found
    if shutil.which("apt-get") is None:
        sys.exit(
            "osmium is needed to cut the extract: install osmium-tool (https://osmcode.org/osmium-tool/)."
        )
    sudo = [] if _is_root() else ["sudo"]
    subprocess.run([*sudo, "apt-get", "install", "-y", "-q", "osmium-tool"], check=True)  # nosec B603
    return shutil.which("osmium") or sys.exit("osmium-tool was installed but osmium is not on PATH.")


def _is_root() -> bool:
    return getattr(os, "geteuid", lambda: -1)() == 0  # no geteuid on Windows


def buffered_boundary(source: Path) -> dict:
    """The commune's outline plus BUFFER_M, as a GeoJSON FeatureCollection in lon/lat."""
    with OsmFile(str(source)) as osm:
        element = osm.find_boundary(insee=INSEE)
    if element is None:
        sys.exit(f"{source.name} holds no complete boundary relation with ref:INSEE={INSEE}.")
    wgs84 = osr.SpatialReference()
    wgs84.ImportFromEPSG(4326)
    wgs84.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    metric = osr.SpatialReference()
    metric.ImportFromEPSG(LAMBERT_93)
    geometry = element.geometry.Clone()
    geometry.Transform(osr.CoordinateTransformation(wgs84, metric))
    area = geometry.Buffer(BUFFER_M, 8)
    area.Transform(osr.CoordinateTransformation(metric, wgs84))
    feature = {"type": "Feature", "properties": {}, "geometry": json.loads(area.ExportToJson())}
    return {"type": "FeatureCollection", "features": [feature]}


def main() -> None:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SOURCE
    osmium = ensure_osmium()
    timestamp = pbf_timestamp(source.read_bytes()[: 1 << 16])
    with tempfile.TemporaryDirectory() as work:
        polygon = Path(work) / "polygon.geojson"
        polygon.write_text(json.dumps(buffered_boundary(source)), encoding="utf-8")
        command = [osmium, "extract", "--polygon", str(polygon), "--strategy", "smart"]
        command += ["-S", "types=multipolygon,boundary", "--set-bounds", "--overwrite"]
        command += ["--output-format", "pbf,add_metadata=false"]  # no editors, versions: a third of the size
        if timestamp:
            command.append(f"--output-header=osmosis_replication_timestamp={timestamp}")
        command += ["--output", str(TARGET), str(source)]
        subprocess.run(command, check=True)  # nosec B603
    print(
        f"Wrote {TARGET.relative_to(ROOT)} ({TARGET.stat().st_size / 1024:.0f} KB), OSM data of {timestamp}."
    )


if __name__ == "__main__":
    main()
