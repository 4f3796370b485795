#!/usr/bin/env bash
# Screenshots of the real QGIS desktop with the dock and the demo's results, under Xvfb:
#   scripts/screenshot.sh [en|fr] [output.png]
# A throw-away profile enables the plugin (QGIS_PLUGINPATH = this repository), sets the locale, and
# scripts/screenshot_qgis.py (run by `qgis --code`) opens the dock, runs the offline demo (Cap-d'Ail),
# waits for the results and saves the main window with QWidget.grab().
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
LANG_CODE="${1:-en}"
OUT="${2:-$ROOT/docs/screenshot-dock$([ "$LANG_CODE" = en ] || echo "-$LANG_CODE").png}"
WORK="$(mktemp -d)"
DISPLAY_NUM="${MD_DISPLAY:-99}"
cleanup() {
  [ -n "${XVFB_PID:-}" ] && kill "$XVFB_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# The French translation is compiled, never committed.
if [ "$LANG_CODE" != en ]; then
  lrelease -silent "$ROOT"/mobility_diagnosis/resources/i18n/*.ts
fi

PROFILES="$WORK/profiles"
INI_DIR="$PROFILES/profiles/default/QGIS"
mkdir -p "$INI_DIR" "$WORK/out"
if [ "$LANG_CODE" = fr ]; then LOCALE=fr_FR; else LOCALE=en_US; fi
cat > "$INI_DIR/QGIS3.ini" <<INI
[PythonPlugins]
mobility_diagnosis=true

[locale]
overrideFlag=true
userLocale=$LOCALE
globalLocale=$LOCALE

[qgis]
checkVersion=false
showTips322=false
allowVersionCheck=false

[core]
NewsFeed\httpsfeedqgisorg\disabled=true
INI

Xvfb ":$DISPLAY_NUM" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
XVFB_PID=$!
sleep 1.5
export DISPLAY=":$DISPLAY_NUM"
export QGIS_PLUGINPATH="$ROOT"
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-/tmp/runtime-$(id -u)}"
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
export MD_SCREENSHOT="$OUT" MD_SCREENSHOT_WORK="$WORK/out" LANG="$LOCALE.UTF-8"
timeout 300 qgis --profiles-path "$PROFILES" --nologo --code "$ROOT/scripts/screenshot_qgis.py" \
  >"$WORK/qgis.log" 2>&1 || true
if [ ! -s "$OUT" ]; then
  echo "No screenshot was made; QGIS said:" >&2
  tail -40 "$WORK/qgis.log" >&2
  exit 1
fi
echo "Saved $OUT"
