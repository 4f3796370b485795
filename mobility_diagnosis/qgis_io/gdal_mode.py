"""GDAL, OGR and OSR raise Python exceptions in the plugin's own code paths, said explicitly.

GDAL 3.9+ warns (FutureWarning) when a program never chose, and GDAL 4 turns exceptions on. Exceptions
make a failed write raise where it fails instead of returning a code nobody checked. The choice is the
plugin's only for its own work: QGIS and other plugins may rely on GDAL's default, so ``gdal_exceptions``
sets it for what runs inside and restores it after. GDAL 3.7+ keeps that choice per thread
(``ExceptionMgr``): nothing else sees it. GDAL 3.6 (QGIS 3.22) has one switch per module for the whole
process: it is turned only where the process is the plugin's own run (``qgis_process``, a script, a worker),
not in QGIS desktop, whose other threads would see it; the plugin's code works in either mode
(``open_or_none``, return codes checked, ``storage.writing`` reading GDAL's logged failures).
"""

from __future__ import annotations

import contextlib
import threading
from typing import Iterator

from osgeo import gdal, ogr, osr

MODULES = (gdal, ogr, osr)


def thread_scoped() -> bool:
    """GDAL 3.7+ scopes the exception mode per thread (``ExceptionMgr``)."""
    return int(gdal.VersionInfo("VERSION_NUM")) >= 3070000 and hasattr(gdal, "ExceptionMgr")


def _own_process() -> bool:
    """This process runs the plugin's work alone: not QGIS desktop (whose other threads share GDAL 3.6's
    process-wide switch), and on the main thread."""
    if threading.current_thread() is not threading.main_thread():
        return False
    try:
        from qgis.core import QgsApplication

        return QgsApplication.instance() is None or QgsApplication.platform() != "desktop"
    except ImportError:
        return True


@contextlib.contextmanager
def gdal_exceptions() -> Iterator[None]:
    """Exceptions on for GDAL, OGR and OSR inside, the previous mode back after."""
    if thread_scoped():
        with contextlib.ExitStack() as stack:
            for module in MODULES:
                stack.enter_context(module.ExceptionMgr(useExceptions=True))
            yield
        return
    if not _own_process():
        yield
        return
    previous = [module.GetUseExceptions() for module in MODULES]
    for module, was_on in zip(MODULES, previous):
        if not was_on:
            module.UseExceptions()
    try:
        yield
    finally:
        # GDAL 3.6 stacks an error handler per module: off again in the reverse order
        for module, was_on in reversed(list(zip(MODULES, previous))):
            if not was_on:
                module.DontUseExceptions()


def use_exceptions_in_this_process() -> None:
    """Exceptions on for the whole process, said once: only in a process that is the plugin's own (a
    ``diagnosemany`` worker, the theme helper, the command line), where nothing else relies on GDAL's
    default; QGIS 3.44's Processing framework does the same when it loads."""
    for module in MODULES:
        if not module.GetUseExceptions():
            module.UseExceptions()


def open_or_none(path: str, update: bool = False):
    """``ogr.Open`` in either exception mode: the dataset, or None when it cannot be opened."""
    try:
        return ogr.Open(path, 1 if update else 0)
    except RuntimeError:
        return None
