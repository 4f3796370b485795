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


@pytest.fixture(scope="session")
def perigueux_territory(tmp_path_factory, provider) -> str:
    """Périgueux (24322) from its IGN outline (Admin Express 2018). Its OSM data is not in the shared
    data: the OSM file (Chambery's) only has to be readable, the themes that use it read the territory and
    its code. Read it only."""
    import processing

    from tests.conftest import data_path

    path = str(tmp_path_factory.mktemp("perigueux") / "perigueux.gpkg")
    layer = f"{data_path('fr', 'communes-24-dordogne.geojson')}|subset=\"code\" = '24322'"
    processing.run("mobilitydiagnosis:fetchterritory", {
        "TERRITORY_LAYER": layer, "OSM_FILE": str(data_path("osm", "chambery_centre.osm")), "OUTPUT": path,
    })  # fmt: skip
    return path
