"""Legend labels in the report's language: every label of every shipped style is in the table (a style that
gains a class gains its row), in both languages, and the French ones carry no English word of the styles."""

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from mobility_diagnosis.core.legend_labels import LEGEND_LABELS, legend_label

STYLES = Path(__file__).resolve().parents[2] / "mobility_diagnosis" / "resources" / "styles"
NEUTRAL = re.compile(r"^[\d\s<>≥–%.,-]*$")  # numbers and ranges read the same in both languages


def style_labels():
    for qml in sorted(STYLES.glob("*.qml")):
        for element in ET.parse(qml).iter():
            label = element.get("label")
            if label and element.tag in ("category", "range", "rule"):
                yield qml.name, label


def test_every_style_label_has_its_row():
    missing = [
        (name, label)
        for name, label in style_labels()
        if label not in LEGEND_LABELS and not NEUTRAL.match(label)
    ]
    assert missing == []


def test_every_row_is_in_both_languages():
    for key, texts in LEGEND_LABELS.items():
        assert set(texts) == {"en", "fr"} and all(texts.values()), key


def test_labels_follow_the_language():
    assert (
        legend_label("LTS 0: cycling not allowed / vélo interdit", "fr")
        == "0 : vélo interdit (trottoirs, escaliers)"
    )
    assert legend_label("Car park", "fr") == "Parking"
    assert legend_label("wheelchair: limited", "fr") == "Fauteuil roulant : accès limité"
    assert legend_label("Mortel / fatal", "en") == "Fatal"
    assert legend_label("20 – 40 %", "fr") == "20 – 40 %"  # not in the table: as the style says
    english = {"cycling", "wheelchair", "kerb", "stop", "school", "street", "parking", "lane", "track"}
    for texts in LEGEND_LABELS.values():
        words = set(re.findall(r"[a-z]+", texts["fr"].lower()))
        assert not words & english - {"parking"} or texts["fr"] == texts["en"], texts["fr"]
