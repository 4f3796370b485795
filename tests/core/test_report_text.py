"""Readings of the indicators (table-driven): values in plain words per language, a missing figure never
read, themes without templates read generically, numbers rounded and separated as people expect."""

import pytest

from mobility_diagnosis.core.indicators import Indicator
from mobility_diagnosis.core.report_text import data_date, format_number, headlines, readings


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        (42.25, "fr", "42,3"),  # half up, not half to even
        (42.25, "en", "42.3"),
        (1234.0, "fr", "1\u202f234"),
        (1234.0, "en", "1,234"),
        (0.0, "fr", "0"),
        (16.03, "en", "16"),
        (2.95, "en", "3"),
    ],
)
def test_format_number(value, lang, expected):
    assert format_number(value, lang) == expected


CYCLING = [
    Indicator("cycling", "share_lts_le2", "Share", 60.05, "%"),
    Indicator("cycling", "islands", "Islands", 105.0, "count"),
    Indicator("cycling", "largest_island_share", "Largest", None, "%"),
    Indicator("cycling", "gaps", "Gaps", 13.0, "count"),
]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", ["60.1 % of the street length is comfortable for most cyclists (traffic stress 1–2).",
                "13 short stressful links (gaps) would join calm islands or reach a school or station if they "
                "were made safe."]),
        ("fr", ["60,1 % du linéaire de voirie est confortable pour la plupart des cyclistes (niveau de stress 1–2).",
                "13 tronçons courts et stressants (discontinuités) relieraient des îlots apaisés, une école ou une "
                "gare s’ils étaient sécurisés."]),
    ],
)  # fmt: skip
def test_cycling_readings_skip_a_missing_figure(lang, expected):
    # islands needs largest_island_share, which is unknown: that sentence is not written
    assert [r.text for r in readings("cycling", CYCLING, lang)] == expected


def test_unknown_theme_is_read_generically():
    rows = [
        Indicator("noise", "db", "Mean noise", 55.0, "dB"),
        Indicator("noise", "n", "Unknown", None, "count"),
    ]
    assert [r.text for r in readings("noise", rows, "en")] == ["Mean noise: 55 dB."]


def test_headline_comes_first():
    rows = [Indicator("parking", "bike_spaces", "Bike", 26.0, "count"),
            Indicator("parking", "destinations_with_bike_parking_share", "Dest", 4.8, "%")]  # fmt: skip
    assert headlines("parking", rows, "en", 1)[0].startswith("4.8 % of everyday destinations")


def test_every_template_exists_in_both_languages_with_the_same_fields():
    import string

    from mobility_diagnosis.core.themes import themes

    for theme, needed, templates in [(t.id, r.indicators, r.text) for t in themes() for r in t.readings]:
        assert set(templates) == {"en", "fr"}, theme
        for text in templates.values():
            fields = {name for _, name, _, _ in string.Formatter().parse(text) if name}
            assert fields == set(needed), (theme, needed)


@pytest.mark.parametrize(
    ("stamp", "lang", "expected"),
    [
        ("2023-12-01T10:00:00Z", "fr", "données au 2023-12-01"),
        ("unknown (file dated …)", "en", "data date unknown"),
    ],
)
def test_data_date(stamp, lang, expected):
    assert data_date(stamp, lang) == expected
