import pytest

from tests.support.overpass_server import overpass_server  # noqa: F401  (fixture)


@pytest.fixture
def private_settings(tmp_path):
    """The plugin's settings with a private cache folder and no Overpass retry pauses, reset afterwards."""
    from mobility_diagnosis.qgis_io import settings as s

    s.set_cache_folder(str(tmp_path / "cache"))
    s.set_overpass_retries(0)
    yield s
    s.reset()
