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
    from mobility_diagnosis.qgis_io.cache import ResponseCache

    return ResponseCache(tmp_path / "cache", max_age_s=7 * 86400)
