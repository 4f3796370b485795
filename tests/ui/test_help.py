"""Every algorithm explains itself (short help and help URL) and speaks French: its name, help and
parameter descriptions go through tr() and are in the French .ts."""

import xml.etree.ElementTree as ET

import pytest

from mobility_diagnosis.processing.help import HELP_BASE
from tests.ui.conftest import TS_FILE


def french_sources():
    root = ET.parse(TS_FILE).getroot()
    return {
        m.findtext("source")
        for m in root.iter("message")
        if m.find("translation").get("type") is None and (m.find("translation").text or "").strip()
    }


def algorithms(provider):
    from qgis.core import QgsApplication

    # by id: the dock tests unload and re-register the provider, deleting the session fixture's object
    algs = QgsApplication.processingRegistry().providerById("mobilitydiagnosis").algorithms()
    assert algs, "the provider offers no algorithm"
    return algs


def _made_of(text: str, translated: set) -> bool:
    if text in translated:
        return True
    paragraphs = {p for source in translated if source and source in text for p in source.split("\n\n")}
    return set(text.split("\n\n")) <= paragraphs


def test_every_algorithm_has_a_short_help_and_a_help_url(provider):
    for alg in algorithms(provider):
        assert len(alg.shortHelpString() or "") > 80, alg.id()
        assert alg.helpUrl().startswith(HELP_BASE), alg.id()
        # the anchor of a section: processing/help.py, or the theme's registry row
        assert len(alg.helpUrl()) > len(HELP_BASE), f"{alg.id()} has no help anchor"


def test_every_algorithm_text_is_translated_to_french(provider):
    translated = french_sources()
    missing = []
    for alg in algorithms(provider):
        texts = [alg.displayName(), alg.shortHelpString(), alg.group()]
        texts += [p.description() for p in alg.parameterDefinitions()]
        # a help may also be made of translated texts joined by blank lines (the territory parameters' one
        # is shared; commuting's adds its carpool trips' paragraph)
        missing += [f"{alg.id()}: {text[:70]}" for text in texts if text and not _made_of(text, translated)]
    if missing:
        pytest.fail(
            "Not in the French translation (wrap it in tr(), then run python3 scripts/update_translations.py "
            "and translate the new entries of mobility_diagnosis/resources/i18n/mobility_diagnosis_fr.ts):\n  "
            + "\n  ".join(missing)
        )


def test_the_diagnose_help_names_every_source_parameter(provider):
    from qgis.core import QgsApplication

    from mobility_diagnosis.core.sources import sources

    help_text = (
        QgsApplication.processingRegistry().algorithmById("mobilitydiagnosis:diagnose").shortHelpString()
    )
    listed = help_text.split("Sources (", 1)[1].split(")", 1)[0].split(", ")
    assert listed == [row.parameter for row in sources() if row.parameter]
