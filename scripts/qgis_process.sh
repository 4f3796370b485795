#!/usr/bin/env bash
# qgis_process with this repository as a plugin folder and a throw-away profile, on any Debian QGIS.
# Debian 12's /usr/bin/qgis_process wrapper passes --noversioncheck, which the 3.22 binary rejects:
# call the binary directly there.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
if [ -x /usr/bin/qgis_process.bin ]; then QP=/usr/bin/qgis_process.bin; else QP=qgis_process; fi
export QGIS_PLUGINPATH="$ROOT"
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
export HOME="${MD_QGIS_HOME:-$ROOT/.qgis-home}"
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-/tmp/runtime-$(id -u)}"
mkdir -p "$HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
if [ ! -f "$HOME/.mobility_diagnosis_enabled" ]; then
  "$QP" plugins enable mobility_diagnosis >/dev/null 2>&1 || true
  touch "$HOME/.mobility_diagnosis_enabled"
fi
exec "$QP" "$@"
