#!/usr/bin/env bash
# make demo: set up what is needed, then run the whole diagnosis (mobilitydiagnosis:diagnose) on a bundled demo
# territory, offline, through qgis_process, and say what was made and where.
#   DEMO_TERRITORY=cap-d-ail (default: a French commune, INSEE 06032, OSM data of March 2016: the national files
#                  and the per-1,000-residents figures) or monaco (a territory outside France)
#   DEMO_LANGUAGE=0 (French report, default) or 1 (English); DEMO_OUTPUT=folder (default demo-output/<territory>)
# The demos (territory, OSM file, and the files of other sources a demo brings: "inputs", diagnose parameter →
# a file or folder beside demos.json, e.g. CRASHES for Cap-d'Ail's 2020 crashes) are listed once, in
# mobility_diagnosis/resources/demo/demos.json, which the dock's Demo button reads too.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
bash scripts/setup_host.sh
KEY="${DEMO_TERRITORY:-cap-d-ail}"
DEMOS="$ROOT/mobility_diagnosis/resources/demo"
# key -> "territory<TAB>osm file<TAB>label", then one PARAMETER=path line per input; an unknown key lists the
# known ones
if ! ROWS="$(python3 - "$DEMOS/demos.json" "$KEY" <<'PY'
import json, os, sys
demos = json.load(open(sys.argv[1], encoding="utf-8"))
found = [d for d in demos if d["key"] == sys.argv[2]]
if not found:
    sys.exit(f"DEMO_TERRITORY={sys.argv[2]} is not a demo: choose one of {', '.join(d['key'] for d in demos)}.")
print("\t".join((found[0]["territory"], found[0]["osm_file"], found[0]["label"])))
for name, path in found[0].get("inputs", {}).items():
    print(f"{name}={os.path.join(os.path.dirname(sys.argv[1]), path)}")
PY
)"; then exit 1; fi
IFS=$'\t' read -r TERRITORY OSM_FILE LABEL <<<"$(head -n 1 <<<"$ROWS")"
INPUTS=()  # no mapfile: macOS's bash 3.2
while IFS= read -r line; do [ -n "$line" ] && INPUTS+=("$line"); done < <(tail -n +2 <<<"$ROWS")
OUT="${DEMO_OUTPUT:-$ROOT/demo-output/$KEY}"
LANGUAGE="${DEMO_LANGUAGE:-0}"  # 0 French, 1 English
mkdir -p "$(dirname "$OUT")"

echo "== Diagnosing the $LABEL demo territory ($TERRITORY, offline, from the bundled $OSM_FILE) into $OUT"
for input in ${INPUTS[@]+"${INPUTS[@]}"}; do echo "   with the demo's ${input%%=*} file: ${input#*=}"; done
scripts/qgis_process.sh run mobilitydiagnosis:diagnose -- \
  TERRITORY="$TERRITORY" OSM_FILE="$DEMOS/$OSM_FILE" REPORT_LANGUAGE="$LANGUAGE" OVERWRITE=true \
  SOURCES=2 OUTPUT_FOLDER="$OUT" ${INPUTS[@]+"${INPUTS[@]}"}

echo
echo "== Made, in $OUT:"
( cd "$OUT" && for f in *; do printf '   %-32s %8s\n' "$f" "$(du -h "$f" | cut -f1)"; done )
echo
echo "== Layers of diagnosis.gpkg:"
ogrinfo -q -so "$OUT/diagnosis.gpkg" | sed 's/^/   /'
echo
echo "Open it: QGIS › Project › Open From › GeoPackage › $OUT/diagnosis.gpkg › diagnosis"
echo "Read it: $OUT/report.pdf"
[ "$KEY" = monaco ] || echo "The other demo, outside France: DEMO_TERRITORY=monaco make demo"
