#!/usr/bin/env bash
# make demo: set up what is needed, then run the main job on the bundled Monaco territory, offline,
# through qgis_process, and say what was made and where.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
bash scripts/setup_host.sh
OUT="${DEMO_OUTPUT:-$ROOT/demo-output}"
mkdir -p "$OUT"
DEMO="$ROOT/mobility_diagnosis/resources/demo/monaco_2023.osm.pbf"

echo "== Fetching the Monaco demo territory (offline, from the bundled extract)"
rm -f "$OUT/monaco_territory.gpkg"
scripts/qgis_process.sh run mobilitydiagnosis:fetchterritory -- \
  TERRITORY=osm:relation/2220322 OSM_FILE="$DEMO" OUTPUT="$OUT/monaco_territory.gpkg"

echo
echo "== Made:"
ogrinfo -q -so "$OUT/monaco_territory.gpkg" | sed 's/^/   /'
echo "   in $OUT"
