from tests.support.overpass_server import overpass_server  # noqa: F401  (fixture)
