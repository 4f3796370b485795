#!/usr/bin/env bash
# Set-up for `make bench`: the test venv plus a bench-only venv with OSMnx (a reference to compare
# against, never a dependency of the plugin) and osmium-tool to convert .pbf to .osm for it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup_host.sh
if ! command -v osmium >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends osmium-tool >/dev/null
fi
VENV=.venv-bench
if [ ! -x "$VENV/bin/python" ]; then
  /usr/bin/python3 -m venv --system-site-packages "$VENV"
fi
stamp="$VENV/.requirements-bench.stamp"
if [ ! -f "$stamp" ] || ! cmp -s requirements-bench.txt "$stamp"; then
  "$VENV/bin/pip" install -q --disable-pip-version-check -r requirements-bench.txt
  cp requirements-bench.txt "$stamp"
fi
