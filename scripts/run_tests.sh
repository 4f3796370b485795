#!/usr/bin/env bash
# Runs the pytest suite on every QGIS version we test: 3.22 on the host (Debian 12, .venv) and 3.44 LTR in
# the chroot made by setup_qgis344.sh. Prints one summary line per version; exits non-zero if any fails.
#
#   scripts/run_tests.sh [--only host|qgis344] [PYTEST ARGS...]
#
# Pytest exit code 5 ("no tests ran"): with no PYTEST ARGS the whole suite was asked for, and zero tests
# there means something is badly wrong (collection filtered everything out, the tests folder vanished), so
# it FAILS. With PYTEST ARGS (a subset: a folder, -k, -m) finding nothing is legitimate (e.g. a marker no
# test uses yet): it passes, and the summary says "NO TESTS RAN" so nobody mistakes it for a green run.
#
# The repository may be cloned anywhere; the real test data is the sibling ../shared/data, or
# $MD_SHARED_DATA. In the chroot the repository and that shared folder are bind-mounted side by side
# (same relative layout) under /srv/md/<run>/, in a private mount namespace.
set -uo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
REPO="$(dirname "$HERE")"
# shellcheck source=lib_chroot.sh
. "$HERE/lib_chroot.sh"
CHROOT="${QGIS344_ROOT:-/opt/qgis344-root}"
CHROOT_VENV=/opt/md-venv

only=""
if [ "${1:-}" = "--only" ]; then
  only="${2:?--only needs host or qgis344}"
  shift 2
fi
subset=$#  # any pytest argument means a subset was asked for

SHARED_DATA="$(readlink -m "${MD_SHARED_DATA:-$REPO/../shared/data}")"
if [ ! -d "$SHARED_DATA" ]; then
  echo "run_tests: WARNING: no shared test data at $SHARED_DATA (clone shared/ beside the repository or" \
    "set MD_SHARED_DATA); tests that read real data will fail." >&2
fi
export MD_SHARED_DATA="$SHARED_DATA"

LOGDIR="$(mktemp -d)"
trap 'rm -rf "$LOGDIR"' EXIT
summaries=()
failed=0

# record NAME RC LOG: turns pytest's exit code and last line into one summary line.
record() {
  local name="$1" rc="$2" log="$3" tail status
  tail="$(grep -E '^=+ .* in [0-9.]+s' "$log" | tail -n 1 | sed -E 's/^=+ //; s/ =+$//')"
  case "$rc" in
    0) status="PASSED" ;;
    5) if [ "$subset" -gt 0 ]; then status="NO TESTS RAN (subset selected nothing; not a failure)"
       else status="FAILED: NO TESTS RAN (the whole suite collected nothing)"; failed=1; fi ;;
    *) status="FAILED (pytest exit code $rc)"; failed=1 ;;
  esac
  summaries+=("$name: $status${tail:+ - $tail}")
}

run_host() {
  local log="$LOGDIR/host.log" version rc=0
  version="$(cd "$REPO" && QT_QPA_PLATFORM=offscreen .venv/bin/python -c \
    'from qgis.core import Qgis; print(Qgis.QGIS_VERSION.split("-")[0])' 2>/dev/null | tail -n 1)"
  echo "=== QGIS ${version:-?} on the host (.venv) ==="
  (cd "$REPO" && QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest "$@") 2>&1 | tee "$log"
  rc=${PIPESTATUS[0]}
  record "QGIS ${version:-3.22 (version unknown)} (host)" "$rc" "$log"
}

run_chroot() {
  local log="$LOGDIR/chroot.log" rc=0 run base shared_dir inner version
  if [ ! -x "$CHROOT$CHROOT_VENV/bin/python" ]; then
    echo "=== QGIS 3.44: no chroot at $CHROOT (run scripts/setup_qgis344.sh) ===" >&2
    summaries+=("QGIS 3.44 (chroot $CHROOT): FAILED (chroot missing: run scripts/setup_qgis344.sh)")
    failed=1
    return
  fi
  md_chroot_copy_host_files "$CHROOT"
  # Folders left by killed runs: the scratch dir goes, the (unmounted, so empty) mount points are rmdir'ed.
  local old
  for old in "$CHROOT"/srv/md/run-*; do
    [ -d "$old" ] || continue
    kill -0 "${old##*-}" 2>/dev/null && continue
    [ -z "$(md_chroot_leftover_mounts "$old")" ] || continue
    rm -rf "${old:?}/tmp"
    rmdir "$old"/* "$old" 2>/dev/null || true
  done
  run="/srv/md/run-$$"
  base="$(basename "$REPO")"
  shared_dir="$(dirname "$SHARED_DATA")"
  inner="$run/tmp"
  local -a binds=(--bind "$REPO" "$run/$base")
  [ -d "$shared_dir" ] && binds+=(--bind "$shared_dir" "$run/shared")
  mkdir -p "$CHROOT$inner/home" "$CHROOT$inner/xdg" && chmod 700 "$CHROOT$inner/xdg"
  # shellcheck disable=SC2016
  md_chroot_run "$CHROOT" "${binds[@]}" -- /usr/bin/env -i \
    PATH="$CHROOT_VENV/bin:/usr/local/bin:/usr/bin:/bin" LANG=C.UTF-8 HOME="$inner/home" TMPDIR="$inner" \
    XDG_RUNTIME_DIR="$inner/xdg" QT_QPA_PLATFORM=offscreen CI="${CI:-}" PYTEST_ADDOPTS="${PYTEST_ADDOPTS:-}" \
    MD_SHARED_DATA="$run/shared/$(basename "$SHARED_DATA")" \
    /bin/bash -c 'cd "$1" && shift && python -c "from qgis.core import Qgis; print(\"QGIS_VERSION=\" + Qgis.QGIS_VERSION.split(\"-\")[0])" 2>/dev/null | tail -n 1 && exec python -m pytest "$@"' \
    bash "$run/$base" "$@" 2>&1 | tee "$log"
  rc=${PIPESTATUS[0]}
  rm -rf "${CHROOT:?}$inner"
  rmdir "$CHROOT$run" 2>/dev/null || true
  version="$(sed -n 's/^QGIS_VERSION=//p' "$log" | head -n 1)"
  record "QGIS ${version:-3.44 (version unknown)} (chroot)" "$rc" "$log"
}

case "$only" in
  "") run_host "$@"; run_chroot "$@" ;;
  host) run_host "$@" ;;
  qgis344) run_chroot "$@" ;;
  *) echo "run_tests: --only takes host or qgis344" >&2; exit 2 ;;
esac

echo
echo "=== Test summary ==="
for s in "${summaries[@]}"; do echo "  $s"; done
exit "$failed"
