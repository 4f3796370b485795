"""The storage message table and the size estimates (``core.storage``)."""

import re

import pytest

from mobility_diagnosis.core import storage


def test_every_message_has_both_languages_and_the_same_fields():
    for code, texts in storage.MESSAGES.items():
        assert set(texts) == {"en", "fr"}, code
        fields = {lang: set(re.findall(r"{(\w+)}", text)) for lang, text in texts.items()}
        assert fields["en"] == fields["fr"], code


def test_french_typography():
    for code, texts in storage.MESSAGES.items():
        assert "'" not in texts["fr"], code  # apostrophe typographique
        # espace insécable avant ; : ? ! (never a plain space nor none)
        assert not re.search(r"[^\u00a0][;:?!]", texts["fr"]), code


@pytest.mark.parametrize(
    "n, lang, text",
    [(550 * 1024, "en", "0.5"), (550 * 1024, "fr", "0,5"), (12 * storage.MB, "fr", "12"), (0, "en", "0.0")],
)
def test_megabytes(n, lang, text):
    assert storage.megabytes(n, lang) == text


def test_territory_need_is_the_lower_estimate_and_never_less_than_the_file_replaced():
    # a whole region's extract for a small commune: the area decides
    by_area = storage.territory_need(500 * storage.MB, 7.0)
    assert by_area == int(7.0 * storage.TERRITORY_BYTES_PER_KM2) + storage.MARGIN_BYTES
    # an extract of the commune itself: the file decides when it is the smaller estimate
    small = storage.territory_need(100_000, 50.0)
    assert small == int(100_000 * storage.TERRITORY_BYTES_PER_INPUT_BYTE) + storage.MARGIN_BYTES
    # the new file is written beside the old one
    assert (
        storage.territory_need(100_000, 50.0, existing_bytes=5 * storage.MB)
        == 5 * storage.MB + storage.MARGIN_BYTES
    )
    assert storage.territory_need(None, None) == storage.MARGIN_BYTES


def test_message_falls_back_to_english():
    text = storage.message("read_only", "de", folder="/x")
    assert text.startswith("The folder /x is read-only")
    assert storage.message("read_only", "fr", folder="/x").startswith("Le dossier /x est en lecture seule")
