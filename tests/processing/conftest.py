import pytest

from tests.support.overpass_server import overpass_server  # noqa: F401  (fixture)


@pytest.fixture(scope="module")
def themes(provider):
    """Stand-ins for the theme algorithms not on this branch, registered for the module."""
    from tests.support.fake_themes import register_stand_ins

    added = register_stand_ins(provider)
    yield added
    if added:
        provider.refreshAlgorithms()
