#!/usr/bin/env bash
# Builds (or completes) a Debian 13 chroot with QGIS 3.44 LTR from trixie-backports, and a venv inside it
# (system site-packages, so Debian's QGIS bindings are visible) with the test tools. Debian 12 ships only
# QGIS 3.22; the chroot lets `make test` run the suite on the LTR most users have.
#
# Idempotent: each step checks its result first, so a second run only checks, and a partial chroot (an
# interrupted debootstrap, missing packages, no venv) is completed. Needs root (re-runs itself with sudo).
#   QGIS344_ROOT   where the chroot lives (default /opt/qgis344-root)
#   DEBIAN_MIRROR  Debian mirror (default http://deb.debian.org/debian)
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
REPO="$(dirname "$HERE")"
# shellcheck source=lib_chroot.sh
. "$HERE/lib_chroot.sh"

DIR="${QGIS344_ROOT:-/opt/qgis344-root}"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
VENV=/opt/md-venv  # inside the chroot
APT_PACKAGES=(python3-qgis qgis-providers python3-venv qgis python3-gdal gdal-bin poppler-utils xvfb xauth
              ca-certificates)

if [ "$(id -u)" -ne 0 ]; then
  exec sudo --preserve-env=QGIS344_ROOT,DEBIAN_MIRROR,CI bash "$0" "$@"
fi
export DEBIAN_FRONTEND=noninteractive
say() { echo "setup_qgis344: $*"; }

# One set-up at a time per chroot (several worktrees may run `make test` at once).
mkdir -p "$(dirname "$DIR")"
exec 9>"${DIR%/}.setup.lock"
if ! flock -n 9; then
  say "another set-up of $DIR is running; waiting for it"
  flock 9
fi

leftover="$(md_chroot_leftover_mounts "$DIR" 2>/dev/null || true)"
if [ -n "$leftover" ]; then
  say "mounts left below $DIR by an earlier run; unmounting them:"
  echo "$leftover" | sort -r | while read -r m; do umount "$m" 2>/dev/null || umount -l "$m"; done
fi

# 1. Base system --------------------------------------------------------------------------------------
if ! command -v debootstrap >/dev/null; then
  say "installing debootstrap"
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends debootstrap >/dev/null
fi
bootstrapped() {  # debootstrap removes DIR/debootstrap when it finishes
  [ -x "$DIR/usr/bin/apt-get" ] && [ ! -d "$DIR/debootstrap" ] && grep -qs 'VERSION_CODENAME=trixie' "$DIR/etc/os-release"
}
if ! bootstrapped; then
  if [ -d "$DIR" ] && [ -n "$(ls -A "$DIR" 2>/dev/null)" ] && [ ! -d "$DIR/debootstrap" ] && [ ! -x "$DIR/usr/bin/apt-get" ]; then
    say "$DIR exists, is not empty and is not a debootstrap in progress: refusing to write into it." >&2
    say "Choose another folder with QGIS344_ROOT=... or empty this one." >&2
    exit 1
  fi
  say "debootstrap trixie into $DIR (about 1 minute)"
  mkdir -p "$DIR"
  debootstrap --variant=minbase trixie "$DIR" "$MIRROR" >/dev/null
fi

# 2. Sources, no daemons, host resolver and certificates ------------------------------------------------
if ! grep -qs 'trixie-backports' "$DIR/etc/apt/sources.list" "$DIR"/etc/apt/sources.list.d/*; then
  echo "deb $MIRROR trixie-backports main" >"$DIR/etc/apt/sources.list.d/trixie-backports.list"
fi
if [ ! -f "$DIR/usr/sbin/policy-rc.d" ]; then  # packages must not start services inside the chroot
  printf '#!/bin/sh\nexit 101\n' >"$DIR/usr/sbin/policy-rc.d"
  chmod 755 "$DIR/usr/sbin/policy-rc.d"
fi
md_chroot_copy_host_files "$DIR"

in_chroot() {
  md_chroot_run "$DIR" -- /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive PIP_CERT=/etc/ssl/certs/ca-certificates.crt \
    PIP_DISABLE_PIP_VERSION_CHECK=1 "$@"
}

# 3. QGIS 3.44 and the tools the tests call ---------------------------------------------------------------
missing=()
for p in "${APT_PACKAGES[@]}"; do
  chroot "$DIR" dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing from trixie-backports: ${missing[*]} (about 2 minutes)"
  in_chroot apt-get update -qq
  in_chroot apt-get install -y -qq --no-install-recommends -t trixie-backports "${missing[@]}" >/dev/null
  in_chroot apt-get clean
  md_chroot_copy_host_files "$DIR"  # ca-certificates just rewrote the bundle
fi

# 4. Test venv: requirements-dev.txt without its numpy pin (Debian 13 ships numpy 2, which its own compiled
#    modules need; the numpy<2 pin is only for Debian 12) ----------------------------------------------------
want="$(grep -v -i -E '^[[:space:]]*numpy([^a-z0-9_-]|$)' "$REPO/requirements-dev.txt")"
if [ ! -x "$DIR$VENV/bin/python" ]; then
  say "creating the test venv $VENV in the chroot"
  in_chroot /usr/bin/python3 -m venv --system-site-packages "$VENV"
fi
if [ "$want" != "$(cat "$DIR$VENV/requirements.txt" 2>/dev/null)" ]; then
  say "installing the test tools in the chroot venv"
  printf '%s\n' "$want" >"$DIR$VENV/requirements.new.txt"
  in_chroot "$VENV/bin/pip" install -q -r "$VENV/requirements.new.txt"
  mv "$DIR$VENV/requirements.new.txt" "$DIR$VENV/requirements.txt"
fi

# 4b. QGIS's Qt5→Qt6 migration checker for `make lint` (scripts/qt6_check.sh), in a venv of its own: it brings
#     PyQt6, which the test venv must not see ---------------------------------------------------------------
QT6_VENV=/opt/md-qt6check
want_qt6="$(cat "$REPO/requirements-qt6check.txt")"
if [ ! -x "$DIR$QT6_VENV/bin/python" ]; then
  say "creating the Qt6-check venv $QT6_VENV in the chroot"
  in_chroot /usr/bin/python3 -m venv --system-site-packages "$QT6_VENV"
fi
if [ "$want_qt6" != "$(cat "$DIR$QT6_VENV/requirements.txt" 2>/dev/null)" ]; then
  say "installing QGIS's Qt6 migration checker (pyqt5to6) in the chroot"
  printf '%s\n' "$want_qt6" >"$DIR$QT6_VENV/requirements.new.txt"
  in_chroot "$QT6_VENV/bin/pip" install -q -r "$QT6_VENV/requirements.new.txt"
  mv "$DIR$QT6_VENV/requirements.new.txt" "$DIR$QT6_VENV/requirements.txt"
fi

# 5. Check -----------------------------------------------------------------------------------------------
version="$(in_chroot env QT_QPA_PLATFORM=offscreen "$VENV/bin/python" -c \
  'from qgis.core import Qgis; import numpy; print(Qgis.QGIS_VERSION.split("-")[0], "numpy", numpy.__version__)' | tail -n 1)"
case "$version" in
  3.44.*) say "ready: QGIS $version in $DIR" ;;
  *) say "expected QGIS 3.44 in $DIR, found: $version" >&2; exit 1 ;;
esac
