import pytest

from tests.support.overpass_server import overpass_server  # noqa: F401  (fixture)


@pytest.fixture
def feedback(qgis_app):
    """A Processing feedback that records what the client told the user."""
    from qgis.core import QgsProcessingFeedback

    class Recording(QgsProcessingFeedback):
        def __init__(self):
            super().__init__()
            self.messages = []

        def pushInfo(self, info):
            self.messages.append(info)

        def pushWarning(self, warning):
            self.messages.append(warning)

    return Recording()


@pytest.fixture
def tmp_cache(tmp_path):
    from mobility_diagnosis.qgis_io.net.cache import ResponseCache

    return ResponseCache(tmp_path / "cache", max_age_s=7 * 86400)


@pytest.fixture
def in_worker(qgis_app):
    """Run a function in a QThread, as Processing runs algorithms, and return (or raise) its result."""
    from qgis.PyQt.QtCore import QThread

    threads = []

    def run(function, *args, **kwargs):
        box = {}

        class Worker(QThread):
            def run(self):
                try:
                    box["result"] = function(*args, **kwargs)
                except BaseException as error:  # handed back to the test thread
                    box["error"] = error

        worker = Worker()
        threads.append(worker)
        worker.start()
        assert worker.wait(60_000), "the worker thread hung"
        if "error" in box:
            raise box["error"]
        return box["result"]

    yield run
