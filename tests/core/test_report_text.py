"""Readings of the indicators (table-driven): values in plain words per language, a missing figure never
read, themes without templates read generically, numbers rounded and separated as people expect."""

import pytest

from mobility_diagnosis.core.indicators import Indicator
from mobility_diagnosis.core.report_text import (
    NOT_RECORDED,
    UNMAPPED,
    data_date,
    date_in_words,
    format_number,
    format_value,
    headlines,
    readings,
    unmapped,
)


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
        (-1.72, "fr", "\u22121,7"),  # a minus sign, not a hyphen (« −1,7 % » on the profile page)
        (-1234.0, "en", "\u22121,234"),
        (-0.04, "fr", "0"),  # rounded to zero: no sign
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
    from mobility_diagnosis.core.report_text import FORMS, template_fields
    from mobility_diagnosis.core.themes import themes

    for theme in themes():
        for template in theme.readings:
            for texts in [template.text, *(v.text for v in template.variants)]:
                assert set(texts) == {"en", "fr"}, theme.id
                assert bool(texts["fr"]) == bool(texts["en"]), (theme.id, texts)  # empty in both or neither
                fields = [template_fields(text) for text in texts.values()]
                assert fields[0] == fields[1], (theme.id, texts)  # the same figures in both languages
                # a first and a last month are read together as their period (report_text.period_figures)
                periods = {
                    f"{n[: -len('_first_month')]}_period"
                    for n in template.indicators
                    if n.endswith("_first_month")
                    and f"{n[: -len('_first_month')]}_last_month" in template.indicators
                }
                assert fields[0] <= set(template.indicators) | periods, (theme.id, texts)
            for variant in template.variants:
                assert {name for name, _ in variant.when} <= set(template.indicators), theme.id
                assert {form for _, form in variant.when} <= set(FORMS), theme.id


def test_one_year_of_crashes_reads_in_the_singular():
    rows = [
        Indicator("safety", "years", "Années", 1.0, "count"),
        Indicator("safety", "crashes_per_year", "Accidents par an", 6.0, "count"),
    ]
    assert (
        readings("safety", rows, "fr")[0].text == "6 accidents corporels sur la seule année de fichiers lue."
    )
    rows[0] = Indicator("safety", "years", "Années", 5.0, "count")
    assert readings("safety", rows, "fr")[0].text == (
        "6 accidents corporels par an en moyenne sur les 5 années lues."
    )


def test_a_figure_the_files_do_not_record_reads_so_never_0():
    """A crash file without its usagers table: the count of people killed is "non renseigné", with why."""
    killed = Indicator(
        "safety",
        "killed",
        "Personnes tuées — non renseigné\u00a0: pas de fichier «\u00a0usagers\u00a0»",
        None,
        "count",
    )
    assert format_value(killed, "fr") == NOT_RECORDED["fr"] == "non renseigné"
    other = Indicator("safety", "crashes_per_1000", "Accidents pour 1 000 habitants", None, "count")
    assert format_value(other, "fr") == "non disponible"
    rate = Indicator("safety", "crashes_per_1000", "Accidents", 1.34, "per 1000 residents per year")
    assert format_value(rate, "fr") == "1,3 pour 1 000 hab. par an"
    assert format_value(rate, "en") == "1.3 per 1,000 residents a year"


@pytest.mark.parametrize(
    ("stamp", "lang", "expected"),
    [
        ("2023-12-01T10:00:00Z", "fr", "données au 1er décembre 2023"),
        ("2023-12-26T10:00:00Z", "en", "data as of 26 December 2023"),
        ("unknown (file dated …)", "en", "data date unknown"),
    ],
)
def test_data_date(stamp, lang, expected):
    assert data_date(stamp, lang) == expected


def test_every_theme_with_templates_reads_its_real_indicators():
    """A template naming an indicator its theme never writes is never read (the accessibility page was "—")."""
    from mobility_diagnosis.core.themes import theme

    accessibility = [
        Indicator("accessibility", "share_within_300m_stop", "x", 94.3, "%"),
        Indicator("accessibility", "share_stops_wheelchair_yes", "x", 38.7, "%"),
        Indicator("accessibility", "share_stops_wheelchair_unknown", "x", 60.1, "%"),
    ]
    texts = [r.text for r in readings("accessibility", accessibility, "fr")]
    assert texts[0].startswith("94,3 % des bâtiments résidentiels sont à moins de 300 m")
    assert theme("accessibility").headline == "share_within_300m_stop"


def test_a_theme_without_any_known_figure_says_why():
    rows = [
        Indicator("safety", "crash_data", "Accidents corporels : non disponible (aucun fichier)", None, "")
    ]
    assert [r.text for r in readings("safety", rows, "fr")] == [
        "Accidents corporels : non disponible (aucun fichier)."
    ]
    assert headlines("safety", rows, "fr") == ["Accidents corporels : non disponible (aucun fichier)."]


PARKING = [
    Indicator("parking", "car_spaces_off_street", "Hors voirie", 423.0, "count"),
    Indicator("parking", "car_spaces_on_street", "Sur voirie", 0.0, "count"),
    Indicator("parking", "on_street_information_share", "Complétude", 0.0, "%"),
]


def test_an_unmapped_count_is_not_read_as_zero():
    assert unmapped(PARKING) == {("parking", "car_spaces_on_street")}
    texts = [r.text for r in readings("parking", PARKING, "fr")]
    assert texts == [
        "423 places de voiture en parking ont été recensées ; le stationnement sur voirie n’est pas renseigné "
        "dans OpenStreetMap (aucune rue ne le décrit)."
    ]
    assert (
        format_value(PARKING[1], "fr", unknown=True) == UNMAPPED["fr"] == "non renseigné dans OpenStreetMap"
    )
    described = [*PARKING[:2], Indicator("parking", "on_street_information_share", "c", 12.0, "%")]
    assert unmapped(described) == set()  # described somewhere: a real 0
    assert (
        readings("parking", described, "en")[0].text
        == "Car spaces counted: 423 in car parks and none on the street."
    )


@pytest.mark.parametrize(
    ("stamp", "lang", "expected"),
    [("2026-12-04", "fr", "4 décembre 2026"), ("2026-08-01T00:00", "fr", "1er août 2026"),
     ("2026-12-04", "en", "4 December 2026"), ("?", "en", "?")],
)  # fmt: skip
def test_dates_in_words(stamp, lang, expected):
    assert date_in_words(stamp, lang) == expected


@pytest.mark.parametrize(
    "metres, lang, expected",
    [(302.5, "fr", "303 m"), (2370.7, "fr", "2,4 km"), (999.6, "fr", "1,0 km"), (1000.0, "en", "1.0 km"),
     (12.0, "en", "12 m")],
)  # fmt: skip
def test_a_walking_distance_reads_in_whole_metres_then_in_km(metres, lang, expected):
    """« 2 370,7 m » was a false precision: a median walk is told in metres below 1 km, in km above."""
    indicator = Indicator("accessibility", "median_dist_school_m", "Distance", metres, "m")
    assert format_value(indicator, lang) == expected


def test_units_read_as_people_write_them():
    assert format_value(Indicator("schools", "mean_score", "Score", 35.1, "score 0-100"), "fr") == "35,1/100"
    assert format_value(Indicator("schools", "schools_count", "n", 11.0, "count"), "fr") == "11"
