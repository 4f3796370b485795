#!/usr/bin/env bash
# QGIS's Qt5→Qt6 migration check, the one plugins.qgis.org runs: pyqt5to6 (PyPI qgis-pyqt5to6) on a copy of the
# plugin, inside the QGIS 3.44 chroot (the tool needs Python >= 3.12 and QGIS's API to introspect; the host has
# Python 3.11). Fails when the tool would change a file (an unscoped QGIS/Qt enum, a Qt 5-only form) or warns,
# and shows what. The repository is never written to. Needs the chroot: `make setup-qgis344`.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
REPO="$(dirname "$HERE")"
# shellcheck source=lib_chroot.sh
. "$HERE/lib_chroot.sh"
DIR="${QGIS344_ROOT:-/opt/qgis344-root}"
TOOL=/opt/md-qt6check/bin/pyqt5to6  # inside the chroot

if [ ! -x "$DIR$TOOL" ]; then
  echo "qt6-check: the Qt6 migration checker is not installed: no QGIS 3.44 chroot at $DIR, or an old one." >&2
  echo "qt6-check: it needs Python >= 3.12, which only the chroot has: run 'make setup-qgis344' (or 'make setup')." >&2
  exit 1
fi
if [ "$(id -u)" -ne 0 ]; then
  exec sudo --preserve-env=QGIS344_ROOT bash "$0" "$@"
fi

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
cp -r "$REPO/mobility_diagnosis" "$scratch/"
find "$scratch" -name __pycache__ -prune -exec rm -rf {} +
inner=/srv/md-qt6check-$$
out="$(md_chroot_run "$DIR" --bind "$scratch" "$inner" -- /usr/bin/env -i PATH=/usr/bin:/bin HOME=/root \
  LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen "$TOOL" "$inner/mobility_diagnosis" 2>&1)" || true
if grep -q "QGIS classes not available" <<<"$out"; then
  echo "qt6-check: the checker could not import QGIS in the chroot, so it would miss QGIS's enums:" >&2
  echo "$out" >&2
  exit 1
fi
warnings="$(grep -E "WARNING|ERROR|Error" <<<"$out" | sed "s#$inner/##g" || true)"
changes="$(cd "$scratch" && diff -ru -x __pycache__ "$REPO/mobility_diagnosis" mobility_diagnosis || true)"
if [ -n "$changes" ] || [ -n "$warnings" ]; then
  [ -n "$warnings" ] && echo "$warnings"
  [ -n "$changes" ] && echo "$changes" && echo "qt6-check: write these enums in their scoped form (a form that exists on QGIS 3.22 too)."
  exit 1
fi
echo "qt6-check: clean (QGIS pyqt5to6 finds nothing to change)"
