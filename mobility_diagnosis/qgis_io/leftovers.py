"""Temporary files and folders beside an output: named as the plugin's, removed when a run is stopped,
and removed by the next run when a run died without a chance to act (power cut, SIGKILL).

Every temporary name carries ``-md<pid>-`` (``owned_prefix``): it cannot be mistaken for a user's file,
and ``remove_stale`` removes one only when its process is gone and nothing in it changed for a while, so a
run going on at the same time (another QGIS, another machine on a shared folder) keeps its own.

``interruptible`` turns SIGTERM and SIGINT into a cancel plus an exception that unwinds the run (the
``finally`` and ``except BaseException`` blocks of ``atomic``, ``package.staging_folder`` and
``diagnose.work_folder`` then remove what they made), then ends the process as the signal would have.
Only in a run of its own (``qgis_process``, a script; on the main thread): QGIS desktop's handlers are
never touched, and the previous handlers are put back at the end.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import sys
import threading
import time
from typing import Iterator, Optional

# A leftover younger than this may belong to a run that has just started elsewhere (a pid of another machine
# on a shared folder means nothing here): kept.
STALE_AFTER_S = 60.0
SIDECARS = ("-journal", "-wal", "-shm")
_OWNER = re.compile(r"-md(\d+)-")


class Interrupted(BaseException):
    """SIGTERM or SIGINT arrived during a run: unwinds it (not an ``Exception``: nothing swallows it)."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def owned_prefix(prefix: str) -> str:
    """``prefix`` + this process's mark: the start of a temporary name (``tempfile``'s ``prefix``)."""
    return f"{prefix}-md{os.getpid()}-"


def pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if sys.platform == "win32":  # os.kill(pid, 0) would end the process there
        import ctypes

        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return ctypes.get_last_error() == 5  # access denied: it exists
        try:
            code = ctypes.c_ulong()
            kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
            return code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # EPERM: someone else's process
        return True
    return True


def _last_change(path: str) -> float:
    latest = os.lstat(path).st_mtime
    if os.path.isdir(path) and not os.path.islink(path):
        for entry in os.scandir(path):
            with contextlib.suppress(OSError):
                latest = max(latest, entry.stat(follow_symlinks=False).st_mtime)
    for extra in SIDECARS:
        with contextlib.suppress(OSError):
            latest = max(latest, os.lstat(path + extra).st_mtime)
    return latest


def remove_stale(folder: str, prefix: str, now: Optional[float] = None) -> list[str]:
    """Remove the entries of ``folder`` named ``prefix-md<pid>-…`` whose process is gone and that have not
    changed for ``STALE_AFTER_S``; return their paths. Never raises: a cleanup must not stop a run."""
    now = time.time() if now is None else now
    removed = []
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    for name in names:
        if not name.startswith(prefix + "-md") or name.endswith(SIDECARS):
            continue
        match = _OWNER.match(name, len(prefix))
        if match is None:
            continue
        path = os.path.join(folder, name)
        try:
            if pid_alive(int(match.group(1))) or now - _last_change(path) < STALE_AFTER_S:
                continue
            if os.path.isdir(path) and not os.path.islink(path):
                shutil.rmtree(path)
            else:
                os.remove(path)
        except OSError:
            continue
        for extra in SIDECARS:
            with contextlib.suppress(OSError):
                os.remove(path + extra)
        removed.append(path)
    return removed


_active = threading.local()


def _handles_signals() -> bool:
    if threading.current_thread() is not threading.main_thread():
        return False  # Python takes handlers on the main thread only (QGIS desktop runs algorithms in tasks)
    try:
        from qgis.core import QgsApplication

        return QgsApplication.instance() is None or QgsApplication.platform() != "desktop"
    except ImportError:
        return True


def _signals() -> list:
    return [signal.SIGTERM, signal.SIGINT] + ([signal.SIGBREAK] if hasattr(signal, "SIGBREAK") else [])


@contextlib.contextmanager
def interruptible(feedback=None) -> Iterator[None]:
    """See the module's docstring. Nested runs (``diagnose`` running a theme) share the outer handlers."""
    if getattr(_active, "on", False) or not _handles_signals():
        yield
        return
    received: list[int] = []

    def handler(signum, frame):
        if received:  # a second signal while unwinding: let the first one finish its cleanup
            return
        received.append(signum)
        if feedback is not None:
            feedback.cancel()
        raise Interrupted(signum)

    previous = {}
    for signum in _signals():
        with contextlib.suppress(ValueError, OSError, RuntimeError):
            if signal.getsignal(signum) is None:
                continue  # a handler set outside Python (by the host program): Python could not put it back
            previous[signum] = signal.signal(signum, handler)
    _active.on = True
    try:
        yield
    except BaseException:  # Interrupted, or what the run made of it (a cancel, an error of a nested run)
        if not received:
            raise
    finally:
        _active.on = False
        for signum, old in previous.items():
            with contextlib.suppress(ValueError, OSError, RuntimeError, TypeError):
                signal.signal(signum, old)
    if received:
        _end_as_signalled(received[0], previous.get(received[0]))


def _end_as_signalled(signum: int, old) -> None:
    """What the signal would have done had we not caught it, now that the cleanup is done: the default
    action ends the process (status of the signal), a Python handler is called; else a cancel."""
    if old == signal.SIG_DFL and signum != signal.SIGINT:
        signal.raise_signal(signum)
    elif callable(old) and old is not signal.default_int_handler:
        old(signum, None)
    raise Interrupted(signum)
