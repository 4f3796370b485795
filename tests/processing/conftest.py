import pytest

from tests.conftest import data_path
from tests.support.http_server import ReplayServer
from tests.support.overpass_server import overpass_server  # noqa: F401  (fixture)

CAP_DAIL = "06032"  # Cap-d'Ail, a French commune in the Monaco extract


@pytest.fixture(scope="session")
def cap_dail(tmp_path_factory, provider):
    """Cap-d'Ail's territory GeoPackage from the 2016 Monaco extract (real OSM stops and streets)."""
    import processing

    out = str(tmp_path_factory.mktemp("capdail") / "territory.gpkg")
    pbf = str(data_path("osm", "monaco_communes_2016.osm.pbf"))
    processing.run(
        "mobilitydiagnosis:fetchterritory", {"TERRITORY": CAP_DAIL, "OSM_FILE": pbf, "OUTPUT": out}
    )
    return out


@pytest.fixture
def cache_folder(tmp_path):
    """The plugin's cache in a folder of the test's own, put back afterwards."""
    from mobility_diagnosis.qgis_io import settings

    settings.set_cache_folder(str(tmp_path / "cache"))
    yield tmp_path / "cache"
    settings.set_cache_folder(None)


@pytest.fixture
def server():
    with ReplayServer() as s:
        yield s


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
