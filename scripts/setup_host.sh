#!/usr/bin/env bash
# Installs what the tests and the demo need on a Debian 12 host: QGIS 3.22 from Debian, and a venv
# (system site-packages, so Debian's QGIS bindings are visible) with the test tools.
# Idempotent: a second run only checks.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(python3-qgis qgis-providers qgis python3-venv python3-pip xvfb xauth gdal-bin python3-gdal
              poppler-utils qttools5-dev-tools debootstrap)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "Installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

VENV=.venv
if [ ! -x "$VENV/bin/python" ]; then
  /usr/bin/python3 -m venv --system-site-packages "$VENV"
fi
stamp="$VENV/.requirements-dev.stamp"
if [ ! -f "$stamp" ] || ! cmp -s requirements-dev.txt "$stamp"; then
  "$VENV/bin/pip" install -q --disable-pip-version-check -r requirements-dev.txt
  cp requirements-dev.txt "$stamp"
fi

version="$(QT_QPA_PLATFORM=offscreen "$VENV/bin/python" -c \
  'from qgis.core import Qgis; import numpy; print(Qgis.QGIS_VERSION.split("-")[0], "numpy", numpy.__version__)' \
  2>/dev/null | tail -n 1)" || true
case "$version" in
  3.*) echo "setup_host: ready: QGIS $version in $VENV" ;;
  *) echo "setup_host: QGIS's Python bindings do not import in $VENV (python3-qgis installed?)" >&2; exit 1 ;;
esac
