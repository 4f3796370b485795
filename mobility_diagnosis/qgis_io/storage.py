"""The disk under a write: can the folder be written, is there room, and what went wrong when a write failed.

One helper for every writer (``fetchterritory``, the themes, ``diagnose``, ``exportpackage``): a check
before the long work starts (``check_folder``) and, around the write itself, ``writing``, which turns a
full disk, a read-only folder or a refused permission into a ``StorageError`` whose message names the cause
and the next step (``core.storage`` holds the texts), whether the fault came as an ``OSError``, an
``sqlite3`` error, a GDAL exception or a GDAL error that was only logged (GDAL without Python exceptions
returns "success" from a ``COMMIT`` that failed, and says so only through its error handler).
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import sqlite3
import sys
import tempfile
import traceback
from typing import Iterator, Optional

from ..core.storage import MARGIN_BYTES, megabytes, message

# errno -> message code (core.storage.MESSAGES)
ERRNO_CAUSES = {
    errno.ENOSPC: "disk_full",
    getattr(errno, "EDQUOT", errno.ENOSPC): "disk_full",  # a quota is a full disk for the user
    errno.EROFS: "read_only",
    errno.EACCES: "no_permission",
    errno.EPERM: "no_permission",
}
# Words of SQLite's and GDAL's own messages -> message code; "disk I/O error" has no code of its own
# (SQLite reports a write the file system refused that way): the free space decides (``_classify``).
TEXT_CAUSES = (
    ("database or disk is full", "disk_full"),
    ("no space left", "disk_full"),
    ("disk quota", "disk_full"),
    ("read-only file system", "read_only"),
    ("readonly database", "read_only"),
    ("permission denied", "no_permission"),
    ("disk i/o error", None),
    ("unable to open database file", None),
    ("sqlite3_exec(commit) failed", None),
)


# Names of the plugin's temporary files and folders (atomic, package, diagnose): never named to the user.
TEMPORARY_PREFIXES = (".tmp-", ".old-", ".md-work")


class StorageError(Exception):
    """A write that failed because of the disk; ``str(exc)`` is the message for the user."""

    def __init__(self, text: str, code: str, folder: str = "", need_bytes: int = 0, lang: str = "en"):
        super().__init__(text)
        self.code = code
        self.folder, self.need_bytes, self.lang = folder, need_bytes, lang

    def measured_again(self) -> StorageError:
        """The same fault with the free space measured now (once the failed write's files are gone)."""
        free = free_bytes(self.folder) if self.code == "disk_full" else None
        return self if free is None else full_disk(self.folder, free, self.need_bytes, self.lang)


def free_bytes(path: str) -> Optional[int]:
    """Free bytes on the disk holding ``path`` (its nearest existing folder); None when unknown."""
    folder = existing_folder(path)
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return None


def existing_folder(path: str) -> str:
    folder = os.path.abspath(path)
    while not os.path.isdir(folder):
        parent = os.path.dirname(folder)
        if parent == folder:
            break
        folder = parent
    return folder


def check_folder(folder: str, need_bytes: int = MARGIN_BYTES, lang: str = "en") -> None:
    """Raise ``StorageError`` unless a file can be created in ``folder`` (or its nearest existing parent,
    where it will be made) and the disk has ``need_bytes`` free. Cheap: run it before the long work."""
    where = existing_folder(folder)
    try:
        fd, probe = tempfile.mkstemp(prefix=".md-probe-", dir=where)
        os.close(fd)
        os.remove(probe)
    except OSError as exc:
        raise _classify(exc, where, need_bytes, lang) from exc
    free = free_bytes(where)
    if free is not None and free < need_bytes:
        raise full_disk(where, free, need_bytes, lang)


def full_disk(folder: str, free: int, need_bytes: int, lang: str) -> StorageError:
    folder = user_folder(folder)
    # a write that did not fit needed more than was free, whatever the estimate said
    need_bytes = max(need_bytes, free + MARGIN_BYTES)
    fields = {"free_mb": megabytes(free, lang), "need_mb": megabytes(need_bytes, lang)}
    return StorageError(
        message("disk_full", lang, folder=folder, **fields), "disk_full", folder, need_bytes, lang
    )


@contextlib.contextmanager
def writing(folder: str, need_bytes: int = MARGIN_BYTES, lang: str = "en", written=None) -> Iterator[None]:
    """Around a write into ``folder``: a fault of the disk leaves as a ``StorageError`` (anything else, a
    cancel included, passes unchanged), and a storage failure GDAL only logged raises one at the end.
    ``written()`` gives the bytes written so far, for the "about N MB needed" of a full disk."""
    logged: list[str] = []
    at_fault: dict = {}  # the disk as the first fault found it (a rollback then shrinks the file again)

    def measure() -> None:
        if not at_fault:
            at_fault["free"] = free_bytes(folder)
            with contextlib.suppress(OSError, TypeError):
                at_fault["need"] = max(need_bytes, written() + MARGIN_BYTES)

    def failure_of(exc, force=False):
        return _storage_failure(
            exc, folder, at_fault.get("need", need_bytes), lang, at_fault.get("free"), force
        )

    with _gdal_failures(logged, measure) as others:
        try:
            yield
        except Exception as exc:  # a cancel or an error of the run itself passes unchanged
            measure()
            failure = failure_of(exc)
            if failure is None and logged:  # e.g. a None layer after a failed write that only logged
                failure = failure_of(RuntimeError(logged[0]), True)
            # the failed writer's frames hold its GDAL dataset: closed now (its errors land here, and its
            # files can be removed, even on Windows) rather than whenever the traceback goes
            _close_quietly(exc.__traceback__)
            if failure is None:
                raise
            others.clear()  # GDAL's complaints that followed the fault: its message says it all
            raise failure from exc
        if logged:
            others.clear()
    if logged:
        raise failure_of(RuntimeError(logged[0]), True)


def _close_quietly(tb) -> None:
    """Drop the locals of the failed frames; GDAL with exceptions on raises from a dataset's destructor
    the errors of its close (the same fault again): not shown as "Exception ignored"."""
    previous = sys.unraisablehook
    sys.unraisablehook = (
        lambda unraisable: None if isinstance(unraisable.exc_value, RuntimeError) else previous(unraisable)
    )
    try:
        traceback.clear_frames(tb)
    finally:
        sys.unraisablehook = previous


def _storage_failure(exc, folder, need, lang, free=None, force=False) -> Optional[StorageError]:
    """The ``StorageError`` an exception stands for, or None when the disk is not the cause. ``free``: the
    free bytes measured when the fault happened (else now)."""
    if isinstance(exc, StorageError):
        return None
    if isinstance(exc, OSError) and exc.errno in ERRNO_CAUSES:
        return _classify(exc, folder, need, lang, free)
    text = str(exc).lower()
    if force or (
        isinstance(exc, (OSError, sqlite3.Error, RuntimeError)) and any(w in text for w, _ in TEXT_CAUSES)
    ):
        return _classify(exc, folder, need, lang, free)
    if isinstance(exc, (OSError, sqlite3.Error)):  # a file that could not be written, whatever the reason
        return _classify(exc, folder, need, lang, free)
    return None


def user_folder(folder: str) -> str:
    """The folder to name to the user: the nearest existing one that is not one of the plugin's temporary
    folders (``.tmp-…``, ``.md-work…``, and what they hold)."""
    folder = existing_folder(folder)
    parts = os.path.normpath(folder).split(os.sep)
    for i, part in enumerate(parts):
        if part.startswith(TEMPORARY_PREFIXES):
            return os.sep.join(parts[:i]) or os.sep
    return folder


def _classify(exc: BaseException, folder: str, need_bytes: int, lang: str, free=None) -> StorageError:
    folder = user_folder(folder)
    code = ERRNO_CAUSES.get(getattr(exc, "errno", None)) if isinstance(exc, OSError) else None
    if code is None:
        text = str(exc).lower()
        code = next((cause for words, cause in TEXT_CAUSES if words in text and cause), None)
    free = free_bytes(folder) if free is None else free
    if code in (None, "disk_full") and free is not None and (code == "disk_full" or free < need_bytes):
        return full_disk(folder, free, need_bytes, lang)
    if code in ("read_only", "no_permission"):
        return StorageError(message(code, lang, folder=folder), code)
    detail = " ".join(str(exc).split())[:200]
    return StorageError(message("write_failed", lang, folder=folder, detail=detail), "write_failed")


@contextlib.contextmanager
def _gdal_failures(logged: list, on_first) -> Iterator[list]:
    """Collect, on this thread, the storage failures GDAL reports through its error handler only (its
    return codes say success then). Other GDAL messages are passed on afterwards, as warnings."""
    from osgeo import gdal

    others: list = []

    def handler(err_class, err_no, text):
        lowered = (text or "").lower()
        if err_class >= gdal.CE_Failure and any(words in lowered for words, _ in TEXT_CAUSES):
            if not logged:
                on_first()
            logged.append(text)
        elif err_class >= gdal.CE_Warning and len(others) < 20:
            others.append((err_no, text))

    gdal.PushErrorHandler(handler)
    try:
        yield others
    finally:
        gdal.PopErrorHandler()
        for err_no, text in others:
            gdal.Error(gdal.CE_Warning, err_no, text)
