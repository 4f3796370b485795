"""The cancel button, seen from long waits and writes, wherever the run happens.

``qgis_process`` turns Ctrl+C into ``feedback.cancel()`` through a Qt socket notifier (QGIS source,
src/process/qgsprocess.cpp: UnixSignalWatcher on SIGINT), and runs the algorithm on the main thread: the
cancel only lands when that thread's event loop runs. A sleep or a write loop does not run it, so Ctrl+C
went unnoticed there. On the main thread ``is_cancelled`` lets pending non-input events through (at most
every ``PUMP_EVERY_S``) before reading the flag; in the worker threads of the dock and of Processing's
dialog the cancel is a plain flag set from the main thread and is read as is.
"""

from __future__ import annotations

import time
from typing import Callable, Optional

from qgis.PyQt.QtCore import QCoreApplication, QEventLoop, QThread

from ..core.fetch_errors import Cancelled

PUMP_EVERY_S = 0.1
SLEEP_STEP_S = 0.05  # a wait checks the cancel button this often

_last_pump = [0.0]


def _on_main_thread() -> bool:
    app = QCoreApplication.instance()
    return app is not None and QThread.currentThread() == app.thread()


def is_cancelled(feedback) -> bool:
    """``feedback.isCanceled()``, after letting a pending Ctrl+C of ``qgis_process`` through."""
    if feedback is None:
        return False
    if not feedback.isCanceled() and _on_main_thread():
        now = time.monotonic()
        if now - _last_pump[0] >= PUMP_EVERY_S:
            _last_pump[0] = now
            # no user input: a click elsewhere in QGIS must not start something in the middle of a run
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    return feedback.isCanceled()


def cancel_check(feedback) -> Callable[[], bool]:
    """``is_cancelled`` bound to ``feedback``, for the ``cancelled=`` callbacks of writers and runners."""
    return lambda: is_cancelled(feedback)


def wait(seconds: float, feedback, sleep: Optional[Callable[[float], None]] = None) -> None:
    """Sleep ``seconds``; raises ``Cancelled`` as soon as the run is cancelled."""
    sleep = sleep or time.sleep
    end = time.monotonic() + seconds
    while True:
        if is_cancelled(feedback):
            raise Cancelled()
        left = end - time.monotonic()
        if left <= 0:
            return
        sleep(min(SLEEP_STEP_S, left))
