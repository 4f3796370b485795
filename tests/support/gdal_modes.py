"""GDAL without Python exceptions for a test, as QGIS 3.22 desktop runs the plugin's code: on GDAL 3.7+
(QGIS 3.44, whose Processing turns exceptions on for the whole process) off for this thread only."""

import contextlib

from osgeo import gdal, ogr, osr

from mobility_diagnosis.qgis_io.gdal_mode import thread_scoped


@contextlib.contextmanager
def without_gdal_exceptions():
    modules = (gdal, ogr, osr)
    if thread_scoped():
        with contextlib.ExitStack() as stack:
            for module in modules:
                stack.enter_context(module.ExceptionMgr(useExceptions=False))
            assert not any(module.GetUseExceptions() for module in modules)
            yield
        return
    assert not any(module.GetUseExceptions() for module in modules), "GDAL 3.6: exceptions set process-wide"
    yield
