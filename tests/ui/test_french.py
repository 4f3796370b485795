"""The French locale shows French labels: the .ts compiled with lrelease, installed the way the plugin
installs it, turns the dock, the provider and the algorithms French."""

import re
import xml.etree.ElementTree as ET

import pytest
from qgis.core import QgsApplication, QgsSettings

from mobility_diagnosis import translation
from tests.ui.conftest import TS_FILE


@pytest.fixture
def french(french_qm):
    translator = translation.install_translator("fr_FR", str(french_qm))
    assert translator is not None
    yield translator
    translation.remove_translator(translator)


def test_the_dock_speaks_french_under_a_french_locale(french, qgis_iface):
    from mobility_diagnosis.ui.dock import MobilityDiagnosisDock

    dock = MobilityDiagnosisDock(qgis_iface, qgis_iface.mainWindow())
    try:
        assert dock.windowTitle() == "Diagnostic mobilité"
        assert "Mobility diagnosis" in dock.objectName()  # the object name never changes (saved layouts)
        assert dock.run_button.text() == "Lancer"
        assert dock.cancel_button.text() == "Annuler"
        assert dock.prepare_button.text() == "Préparer pour le hors-ligne…"
        assert dock.theme_checks["cycling"].text() == "Vélo"
        assert dock.source_combo.itemText(2) == "Un GeoPackage de territoire préparé à l’avance (hors ligne)"
    finally:
        dock.deleteLater()


def test_the_provider_and_fetch_algorithm_are_french(french, provider):
    from mobility_diagnosis.processing.fetch_territory import FetchTerritoryAlgorithm
    from mobility_diagnosis.processing.provider import MobilityDiagnosisProvider

    assert MobilityDiagnosisProvider().name() == "Diagnostic mobilité"
    alg = FetchTerritoryAlgorithm()
    assert alg.displayName() == "Récupérer les données du territoire"
    assert alg.shortHelpString().startswith("Identifie un territoire")


def test_english_stays_english_without_the_translator(qgis_iface):
    from mobility_diagnosis.ui.dock import MobilityDiagnosisDock

    dock = MobilityDiagnosisDock(qgis_iface, qgis_iface.mainWindow())
    assert dock.windowTitle() == "Mobility diagnosis"
    assert dock.run_button.text() == "Run"
    dock.deleteLater()


@pytest.mark.parametrize(
    ("override", "user", "system_expected"),
    [(True, "fr_FR", "fr_FR"), (True, "en_US", "en_US")],
)
def test_the_plugin_follows_the_qgis_locale_override(override, user, system_expected, qgis_app):
    settings = QgsSettings()
    before = settings.value("locale/overrideFlag"), settings.value("locale/userLocale")
    try:
        settings.setValue("locale/overrideFlag", override)
        settings.setValue("locale/userLocale", user)
        assert translation.qgis_locale() == system_expected
    finally:
        settings.setValue("locale/overrideFlag", before[0] if before[0] is not None else False)
        settings.setValue("locale/userLocale", before[1] or "")


def test_every_french_translation_is_finished_and_keeps_placeholders():
    root = ET.parse(TS_FILE).getroot()
    messages = list(root.iter("message"))
    assert len(messages) > 100
    for message in messages:
        source = message.findtext("source")
        translation_node = message.find("translation")
        assert translation_node.get("type") in (None, "vanished"), f"unfinished: {source}"
        text = translation_node.text or ""
        assert text.strip(), source
        assert sorted(re.findall(r"\{[^}]*\}", text)) == sorted(re.findall(r"\{[^}]*\}", source)), source
        assert "'" not in text, f"typographic apostrophe wanted: {text}"


def test_the_qm_path_falls_back_from_region_to_language(french_qm):
    assert translation.qm_path("fr_CA", str(french_qm)).endswith("mobility_diagnosis_fr.qm")
    assert translation.qm_path("de_DE", str(french_qm)) is None


def test_translator_is_removed_on_unload(french_qm, qgis_iface, monkeypatch, provider):
    import mobility_diagnosis

    monkeypatch.setattr(translation, "qgis_locale", lambda: "fr_FR")
    monkeypatch.setattr(translation.install_translator, "__defaults__", (None, str(french_qm)))
    registry = QgsApplication.processingRegistry()
    session = registry.providerById("mobilitydiagnosis")
    if session is not None:
        registry.removeProvider(session)
    plug = mobility_diagnosis.classFactory(qgis_iface)
    plug.initGui()
    assert plug.translator is not None
    assert registry.providerById("mobilitydiagnosis").name() == "Diagnostic mobilité"
    plug.unload()
    from mobility_diagnosis.processing.provider import MobilityDiagnosisProvider

    assert plug.translator is None
    assert MobilityDiagnosisProvider().name() == "Mobility diagnosis"
    _kept.append(MobilityDiagnosisProvider())
    registry.addProvider(_kept[-1])


_kept = []
