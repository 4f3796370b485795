#!/usr/bin/env bash
# make demo: set up what is needed, then run the whole diagnosis (mobilitydiagnosis:diagnose) on the bundled
# Monaco territory, offline, through qgis_process, and say what was made and where.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
bash scripts/setup_host.sh
OUT="${DEMO_OUTPUT:-$ROOT/demo-output/monaco}"
LANGUAGE="${DEMO_LANGUAGE:-0}"  # 0 French, 1 English
DEMO="$ROOT/mobility_diagnosis/resources/demo/monaco_2023.osm.pbf"
mkdir -p "$(dirname "$OUT")"

echo "== Diagnosing the Monaco demo territory (offline, from the bundled extract) into $OUT"
scripts/qgis_process.sh run mobilitydiagnosis:diagnose -- \
  TERRITORY=osm:relation/2220322 OSM_FILE="$DEMO" REPORT_LANGUAGE="$LANGUAGE" OVERWRITE=true \
  OUTPUT_FOLDER="$OUT"

echo
echo "== Made, in $OUT:"
( cd "$OUT" && for f in *; do printf '   %-32s %8s\n' "$f" "$(du -h "$f" | cut -f1)"; done )
echo
echo "== Layers of diagnosis.gpkg:"
ogrinfo -q -so "$OUT/diagnosis.gpkg" | sed 's/^/   /'
echo
echo "Open it: QGIS › Project › Open From › GeoPackage › $OUT/diagnosis.gpkg › diagnosis"
echo "Read it: $OUT/report.pdf"
