"""Atomic file writes: build in a temporary file beside the target, then ``os.replace``.

A failure or a cancel midway leaves the previous file (or nothing) in place, never a half-written one.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from typing import Iterator, Optional


@contextlib.contextmanager
def atomic_path(target: str, copy_existing: bool = False, suffix: Optional[str] = None) -> Iterator[str]:
    """Yield a temporary path in the target's folder; on success it replaces ``target``.

    ``copy_existing`` starts from a copy of the current target (to update a GeoPackage in place
    without ever exposing a half-updated file).
    """
    folder = os.path.dirname(os.path.abspath(target)) or "."
    os.makedirs(folder, exist_ok=True)
    suffix = suffix if suffix is not None else os.path.splitext(target)[1]
    fd, tmp = tempfile.mkstemp(prefix=".tmp-" + os.path.basename(target) + "-", suffix=suffix, dir=folder)
    os.close(fd)
    os.remove(tmp)  # writers such as GDAL want to create the file themselves
    try:
        if copy_existing and os.path.exists(target):
            shutil.copyfile(target, tmp)
        yield tmp
        _remove_sidecars(tmp)
        _sync(
            tmp
        )  # on disk before it replaces anything (writers may skip their own syncs, see sqlite_unsynced)
        os.replace(tmp, target)
    except BaseException:
        for path in (tmp, tmp + "-wal", tmp + "-shm", tmp + "-journal"):
            with contextlib.suppress(OSError):
                os.remove(path)
        raise


def _sync(path: str) -> None:
    if not os.path.isfile(path):
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError:  # a file system without fsync (some network shares): nothing more to do
        pass
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
