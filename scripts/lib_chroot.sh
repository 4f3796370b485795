# Run a command inside the QGIS 3.44 chroot with /proc, a private /dev/shm and bind mounts, and never leave
# a mount behind. Sourced by setup_qgis344.sh and run_tests.sh; also runnable as
#   bash scripts/lib_chroot.sh ROOT [--bind SRC DST]... -- CMD...
#
# Where the kernel allows it (root, as here and in CI), the mounts live in a private mount namespace
# (unshare --mount): they vanish with the process even after a kill -9, and parallel runs cannot see each
# other's bind mounts. Otherwise the mounts are made in the host namespace and removed by an EXIT trap.

_md_lib_chroot="$(readlink -f "${BASH_SOURCE[0]}")"

# md_chroot_run ROOT [--bind SRC DST]... -- CMD...   (DST is a path inside the chroot; it is created)
md_chroot_run() {
  if [ -z "${MD_CHROOT_NO_UNSHARE:-}" ] && unshare --mount --propagation private true 2>/dev/null; then
    unshare --mount --propagation private bash "$_md_lib_chroot" "$@"
  else
    ( _md_chroot_inner "$@" )
  fi
}

_md_chroot_inner() {
  local root="$1"
  shift
  local -a binds=()
  while [ "${1:-}" = "--bind" ]; do
    binds+=("$2" "$3")
    shift 3
  done
  [ "${1:-}" = "--" ] && shift
  if [ ! -x "$root/usr/bin/env" ]; then
    echo "lib_chroot: $root is not a usable chroot (run scripts/setup_qgis344.sh)" >&2
    return 1
  fi

  # Globals, not locals: an `exit` inside this function unwinds locals before the EXIT trap runs.
  _mounted=()
  _made_dirs=()
  _md_chroot_cleanup() {
    local i
    for ((i = ${#_mounted[@]} - 1; i >= 0; i--)); do
      umount "${_mounted[i]}" 2>/dev/null || umount -l "${_mounted[i]}" 2>/dev/null ||
        echo "lib_chroot: could not unmount ${_mounted[i]}" >&2
    done
    _mounted=()
    for ((i = ${#_made_dirs[@]} - 1; i >= 0; i--)); do
      rmdir "${_made_dirs[i]}" 2>/dev/null || true
    done
    _made_dirs=()
  }
  trap _md_chroot_cleanup EXIT
  # Caught (not ignored) so that the children keep default handlers. PIPE matters: killed with its `| tee`,
  # bash's own "Terminated" notice would otherwise kill it by SIGPIPE before the EXIT trap could run.
  trap 'exit 129' HUP
  trap 'exit 130' INT
  trap 'exit 141' PIPE
  trap 'exit 143' TERM

  _md_mkdirs() {  # mkdir -p, remembering which directories were new so cleanup removes only those
    local d="$1"
    local -a new=()
    while [ ! -e "$d" ]; do
      new=("$d" "${new[@]}")
      d="$(dirname "$d")"
    done
    mkdir -p "$1"
    _made_dirs+=("${new[@]}")
  }

  mount -t proc proc "$root/proc" && _mounted+=("$root/proc") || return 1
  mkdir -p "$root/dev/shm"
  mount -t tmpfs -o mode=1777,nosuid,nodev shm "$root/dev/shm" && _mounted+=("$root/dev/shm") || return 1
  # A private pty instance, for apt's log and anything that wants a terminal; optional.
  if mount -t devpts -o newinstance,ptmxmode=0666,mode=0620 devpts "$root/dev/pts" 2>/dev/null; then
    _mounted+=("$root/dev/pts")
  fi
  local i src dst
  for ((i = 0; i < ${#binds[@]}; i += 2)); do
    src="${binds[i]}"
    dst="$root${binds[i + 1]}"
    _md_mkdirs "$dst"
    mount --bind "$src" "$dst" && _mounted+=("$dst") || return 1
  done

  local rc=0
  chroot "$root" "$@" || rc=$?
  _md_chroot_cleanup
  trap - EXIT HUP INT PIPE TERM
  return "$rc"
}

# The host's resolver and CA bundle: package and PyPI downloads go through a TLS proxy that only the host's
# bundle trusts. Copied again before every use because the chroot's ca-certificates package rewrites it.
md_chroot_copy_host_files() {
  local root="$1"
  mkdir -p "$root/etc/ssl/certs"
  cp -L /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
  if [ -f /etc/ssl/certs/ca-certificates.crt ]; then
    cp -L /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/ca-certificates.crt"
  fi
}

# Any mount left below ROOT (e.g. by a run killed with -9 when unshare was not available)?
md_chroot_leftover_mounts() {
  local root
  root="$(readlink -f "$1")"
  awk -v r="$root/" '{ if (index($2 "/", r) == 1) print $2 }' /proc/self/mounts
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -uo pipefail
  _md_chroot_inner "$@"
  exit $?
fi
