"""Atomic file writes: build in a temporary file beside the target, then ``os.replace``.

A failure or a cancel midway leaves the previous file (or nothing) in place, never a half-written one:
nothing is renamed into place after an error, whether it was raised or only logged by GDAL (a ``COMMIT``
that failed on a full disk, ``storage.writing``), and the disk's faults leave as ``storage.StorageError``.
The temporary name carries the process id (``leftovers``): a run that was killed leaves one the next
write of the same target removes.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import tempfile
from typing import Iterator, Optional

from .leftovers import owned_prefix, remove_stale
from .storage import MARGIN_BYTES, StorageError, writing


@contextlib.contextmanager
def atomic_path(
    target: str,
    copy_existing: bool = False,
    suffix: Optional[str] = None,
    need_bytes: int = MARGIN_BYTES,
    lang: Optional[str] = None,
) -> Iterator[str]:
    """Yield a temporary path in the target's folder; on success it replaces ``target``.

    ``copy_existing`` starts from a copy of the current target (to update a GeoPackage in place
    without ever exposing a half-updated file). ``need_bytes`` (the estimate of what the write takes) and
    ``lang`` word the message of a full disk.
    """
    folder = os.path.dirname(os.path.abspath(target)) or "."
    if lang is None:
        from ..i18n import user_language

        lang = user_language()
    with writing(folder, need_bytes, lang):
        os.makedirs(folder, exist_ok=True)
    prefix = ".tmp-" + os.path.basename(target)
    remove_stale(folder, prefix)
    suffix = suffix if suffix is not None else os.path.splitext(target)[1]
    with writing(folder, need_bytes, lang):
        fd, tmp = tempfile.mkstemp(prefix=owned_prefix(prefix), suffix=suffix, dir=folder)
    os.close(fd)
    os.remove(tmp)  # writers such as GDAL want to create the file themselves
    try:
        with writing(folder, need_bytes, lang, written=lambda: _size(tmp)):
            if copy_existing and os.path.exists(target):
                shutil.copyfile(target, tmp)
            yield tmp
            _remove_sidecars(tmp)
            # on disk before it replaces anything (writers may skip their own syncs, see sqlite_unsynced)
            _sync(tmp)
        os.replace(tmp, target)
    except BaseException as exc:
        for path in (tmp, tmp + "-wal", tmp + "-shm", tmp + "-journal"):
            with contextlib.suppress(OSError):
                os.remove(path)
        if isinstance(exc, StorageError):
            raise exc.measured_again() from exc.__cause__
        raise


# errno of a file system that cannot sync (not a failed write)
_NO_FSYNC = {
    getattr(errno, name) for name in ("EINVAL", "ENOTSUP", "EOPNOTSUPP", "EBADF") if hasattr(errno, name)
}


def _size(path: str) -> int:
    return sum(os.path.getsize(p) for p in (path, path + "-journal", path + "-wal") if os.path.exists(p))


def _sync(path: str) -> None:
    if not os.path.isfile(path):
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError as exc:  # a file system without fsync (some network shares): nothing more to do
        if exc.errno not in _NO_FSYNC:
            raise  # a full disk or an I/O error found only now: the file is not whole
    finally:
        os.close(fd)


@contextlib.contextmanager
def sqlite_unsynced() -> Iterator[None]:
    """GDAL's SQLite writers (GeoPackage) skip the disk sync of every commit, on this thread: for files
    written through ``atomic_path``, which syncs the finished file once before renaming it into place. A
    layer written in many transactions then costs half as much."""
    from osgeo import gdal

    previous = gdal.GetThreadLocalConfigOption("OGR_SQLITE_SYNCHRONOUS", None)
    gdal.SetThreadLocalConfigOption("OGR_SQLITE_SYNCHRONOUS", "OFF")
    try:
        yield
    finally:
        gdal.SetThreadLocalConfigOption("OGR_SQLITE_SYNCHRONOUS", previous)


def _remove_sidecars(path: str) -> None:
    """SQLite leaves -wal/-shm files while a connection is open; by now every connection is closed."""
    for extra in (path + "-wal", path + "-shm", path + "-journal"):
        with contextlib.suppress(OSError):
            os.remove(extra)
