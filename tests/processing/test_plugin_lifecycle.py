"""The plugin loads, registers its provider and unloads the way QGIS drives it, and a reload (as Plugin
Reloader does) leaves nothing behind."""

import pytest

import mobility_diagnosis
from mobility_diagnosis.processing.algorithms import algorithm_classes

PROVIDER_ID = "mobilitydiagnosis"

# Run first: the session fixture `provider` (conftest) registers the provider for the algorithm tests, and
# these tests need a registry without it to prove that initGui adds it and unload removes it.
pytestmark = pytest.mark.order("first")

# Providers this module put back in the registry; Python must keep them alive (the registry does not).
_restored = []


@pytest.fixture
def registry(qgis_app):
    from qgis.core import QgsApplication

    from mobility_diagnosis.processing.provider import MobilityDiagnosisProvider

    reg = QgsApplication.processingRegistry()
    already = reg.providerById(PROVIDER_ID) is not None
    if already:  # only when run without pytest-order, after the session fixture: start clean, put it back
        reg.removeProvider(reg.providerById(PROVIDER_ID))
    yield reg
    if already and reg.providerById(PROVIDER_ID) is None:
        _restored.append(MobilityDiagnosisProvider())
        reg.addProvider(_restored[-1])


def provider_ids(reg):
    return sorted(p.id() for p in reg.providers())


def expected_algorithm_ids():
    return sorted(f"{PROVIDER_ID}:{cls().name()}" for cls in algorithm_classes())


def test_class_factory_gives_a_plugin_with_the_qgis_entry_points(qgis_iface):
    plugin = mobility_diagnosis.classFactory(qgis_iface)

    for entry in ("initGui", "initProcessing", "unload"):
        assert callable(getattr(plugin, entry)), entry


def test_init_gui_registers_the_provider_with_every_algorithm_and_unload_removes_it(registry, qgis_iface):
    before = provider_ids(registry)
    assert PROVIDER_ID not in before

    plugin = mobility_diagnosis.classFactory(qgis_iface)
    plugin.initGui()

    provider = registry.providerById(PROVIDER_ID)
    assert provider is not None
    assert provider_ids(registry) == sorted([*before, PROVIDER_ID])
    assert sorted(a.id() for a in provider.algorithms()) == expected_algorithm_ids()
    assert expected_algorithm_ids(), "the provider offers no algorithm"

    plugin.unload()

    assert registry.providerById(PROVIDER_ID) is None
    assert provider_ids(registry) == before


def test_init_processing_then_init_gui_registers_the_provider_once(registry, qgis_iface):
    """QGIS calls initProcessing (qgis_process, Processing start-up) and initGui (desktop) on one plugin."""
    before = provider_ids(registry)
    plugin = mobility_diagnosis.classFactory(qgis_iface)

    plugin.initProcessing()
    plugin.initGui()
    assert provider_ids(registry) == sorted([*before, PROVIDER_ID])

    plugin.unload()
    assert provider_ids(registry) == before


def test_two_load_unload_cycles_leave_nothing_behind(registry, qgis_iface):
    before = provider_ids(registry)

    for _cycle in range(2):
        plugin = mobility_diagnosis.classFactory(qgis_iface)
        plugin.initGui()
        provider = registry.providerById(PROVIDER_ID)
        assert provider is not None
        assert sorted(a.id() for a in provider.algorithms()) == expected_algorithm_ids()
        plugin.unload()
        assert registry.providerById(PROVIDER_ID) is None

    # The same plugin object loaded again after an unload (reload without a new classFactory call).
    plugin.initGui()
    assert registry.providerById(PROVIDER_ID) is not None
    plugin.unload()

    assert provider_ids(registry) == before
