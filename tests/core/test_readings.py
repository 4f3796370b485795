"""The theme pages' readings say a zero and a one in words and every share with its denominator: each
reading over counts of 0, 1 and 2 (and shares of 0, 50 and 100 %), checked word for word where the demo
misread (« 1 tronçons », « 0 places », « celle de 100 % »), and over every template of the registry."""

import itertools
import re

import pytest

from mobility_diagnosis.core.indicators import Indicator
from mobility_diagnosis.core.report_text import fill, format_value, plural_form, readings
from mobility_diagnosis.core.themes import themes


def _read(theme: str, lang: str = "fr", **values) -> list[str]:
    return [r.text for r in readings(theme, [Indicator(theme, k, k, v, "") for k, v in values.items()], lang)]


@pytest.mark.parametrize(
    ("value", "lang", "form"),
    [(0, "fr", "zero"), (0.04, "fr", "zero"), (0.5, "fr", "one"), (1, "fr", "one"), (1.96, "fr", "other"),
     (2, "fr", "other"), (0, "en", "zero"), (0.5, "en", "other"), (1, "en", "one"), (2, "en", "other")],
)  # fmt: skip
def test_one_plural_rule(value, lang, form):
    # French takes the singular below 2 (« 0,5 emploi »), English for exactly 1; as the figure is printed
    assert plural_form(value, lang) == form


@pytest.mark.parametrize(
    ("gaps", "lang", "expected"),
    [
        (0, "fr", "Aucun tronçon court et stressant (discontinuité) ne sépare des îlots apaisés, une école ou une "
                  "gare."),
        (1, "fr", "1 tronçon court et stressant (discontinuité) relierait des îlots apaisés, une école ou une gare "
                  "s’il était sécurisé."),
        (2, "fr", "2 tronçons courts et stressants (discontinuités) relieraient des îlots apaisés, une école ou une "
                  "gare s’ils étaient sécurisés."),
        (0, "en", "No short stressful link (gap) separates calm islands, a school or a station."),
        (1, "en", "1 short stressful link (gap) would join calm islands or reach a school or station if it were "
                  "made safe."),
    ],
)  # fmt: skip
def test_cycling_gaps_agree_with_their_count(gaps, lang, expected):
    assert _read("cycling", lang, gaps=gaps) == [expected]


def test_cycling_share_states_its_street_length():
    assert _read("cycling", share_lts_le2=42.94, street_km=28.43)[0] == (
        "42,9 % du linéaire de voirie ouvert aux voitures où le vélo est autorisé (28,4 km) est confortable "
        "pour la plupart des cyclistes (niveau de stress 1–2)."
    )
    assert _read("cycling", islands=1, largest_island_share=100) == [
        "Ce réseau apaisé forme un seul îlot d’un seul tenant."
    ]
    assert _read("cycling", km_lane=0, km_track=0.02) == [
        "Aucune bande ni piste cyclable n’est cartographiée le long des rues."
    ]


@pytest.mark.parametrize(
    ("crossings", "lowered", "unknown", "expected"),
    [
        (25, 0, 100, "Aucune des 25 traversées piétonnes n’a de bordure abaissée renseignée ; la bordure de toutes "
                     "(100 %) n’est pas renseignée (à cartographier)."),
        (2, 50, 50, "50 % des 2 traversées piétonnes ont une bordure abaissée ou à niveau ; la bordure de 50 % "
                    "d’entre elles n’est pas renseignée (à cartographier)."),
        (1, 100, 0, "La seule traversée piétonne a une bordure abaissée ou à niveau."),
        (1, 0, 100, "La bordure de la seule traversée piétonne n’est pas renseignée (à cartographier)."),
        (4, 0, 25, "Aucune des 4 traversées piétonnes n’a de bordure abaissée renseignée ; la bordure de 25 % "
                   "d’entre elles n’est pas renseignée (à cartographier)."),
    ],
)  # fmt: skip
def test_crossings_state_their_count(crossings, lowered, unknown, expected):
    found = _read(
        "accessibility",
        crossings=crossings,
        share_crossings_lowered_kerb=lowered,
        share_crossings_kerb_unknown=unknown,
    )
    assert found == [expected]


def test_no_crossing_or_stop_mapped_is_said():
    assert _read("accessibility", crossings=0, stops=0) == [
        "Aucun arrêt de transport en commun n’est cartographié sur le territoire.",
        "Aucune traversée piétonne n’est cartographiée sur le territoire.",
    ]


def test_accessibility_shares_state_their_denominators():
    found = _read(
        "accessibility",
        share_within_300m_stop=47.675,
        residential_buildings=2194,
        share_stops_wheelchair_yes=0,
        share_stops_wheelchair_unknown=94.12,
        stops=17,
    )
    assert found == [
        "47,7 % des 2\u202f194 bâtiments résidentiels sont à moins de 300 m à pied d’un arrêt de transport en "
        "commun.",
        "Aucun des 17 arrêts n’est renseigné accessible en fauteuil roulant ; 94,1 % ne disent rien de leur "
        "accessibilité (à cartographier).",
    ]
    en = _read("accessibility", "en", share_within_300m_stop=50, residents=1200.0)
    assert en == ["50 % of the 1,200 residents are within a 300 m walk of a transit stop."]
    assert _read(
        "accessibility", share_stops_wheelchair_yes=100, share_stops_wheelchair_unknown=0, stops=1
    ) == ["Le seul arrêt est renseigné accessible en fauteuil roulant."]


@pytest.mark.parametrize(
    ("spaces", "unknown", "expected"),
    [
        (0, 0, "Aucune place de stationnement vélo n’est cartographiée."),
        (1, 0, "1 place de stationnement vélo est cartographiée."),
        (2, 0, "2 places de stationnement vélo sont cartographiées."),
        (0, 1, "Aucune place de stationnement vélo n’est renseignée : 1 stationnement vélo est cartographié sans "
               "sa capacité."),
        (12, 2, "12 places de stationnement vélo sont cartographiées, sans compter 2 stationnements vélo dont la "
                "capacité n’est pas renseignée."),
    ],
)  # fmt: skip
def test_bike_spaces_agree_with_their_count(spaces, unknown, expected):
    assert _read("parking", bike_spaces=spaces, bike_parkings_unknown_capacity=unknown) == [expected]


def test_parking_destinations_state_their_count():
    assert _read("parking", destinations_with_bike_parking_share=0, destinations=91) == [
        "Aucune des 91 destinations du quotidien (écoles, arrêts, commerces, services) n’a de stationnement vélo "
        "à quelques pas."
    ]
    assert _read("parking", destinations_with_bike_parking_share=4.8, destinations=2, lang="en") == [
        "4.8 % of the 2 everyday destinations (schools, stops, shops, services) have bike parking a few steps away."
    ]
    assert _read(
        "parking", car_spaces_off_street=1, car_spaces_on_street=0, on_street_information_share=5
    ) == ["Places de voiture recensées : 1 en parking et aucune sur voirie."]
    unmapped = _read(
        "parking", car_spaces_off_street=1, car_spaces_on_street=0, on_street_information_share=0
    )
    assert unmapped == [
        "1 place de voiture en parking a été recensée ; le stationnement sur voirie n’est pas renseigné dans "
        "OpenStreetMap (aucune rue ne le décrit)."
    ]


def test_no_school_mapped_is_said_and_no_school_street_is_counted():
    values = {"schools_count": 0, "school_street_candidates": 0, "existing_school_streets": 0}
    found = _read("schools", **values)
    assert found == [
        "Aucune école n’est cartographiée dans OpenStreetMap sur le territoire : à cartographier pour "
        "diagnostiquer les abords des écoles (rues apaisées, accès à vélo, rues scolaires)."
    ]
    rows = [Indicator("schools", k, k, v, "count") for k, v in values.items()]
    from mobility_diagnosis.core.report_text import unmapped

    assert unmapped(rows) == {("schools", "school_street_candidates"), ("schools", "existing_school_streets")}
    assert _read("schools", schools_count=0, missing_in_osm=3)[0].endswith(
        "alors que l’annuaire de l’éducation y compte 3 établissements : à cartographier pour diagnostiquer les "
        "abords des écoles."
    )


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (1, "1 rue pourrait devenir une rue scolaire (fermée aux voitures aux heures d’entrée et de sortie)."),
        (2, "2 rues pourraient devenir des rues scolaires (fermées aux voitures aux heures d’entrée et de sortie)."),
        (0, "Aucune rue le long d’une entrée d’école ne se prête à une rue scolaire."),
    ],
)  # fmt: skip
def test_school_streets_agree_with_their_count(count, expected):
    assert _read("schools", schools_count=3, school_street_candidates=count)[-1] == expected


def test_school_shares_state_the_schools():
    assert _read("schools", schools_count=4, share_calm_streets=0) == [
        "Aucun des 4 établissements n’est entouré de rues apaisées (surtout à 30 km/h ou moins)."
    ]
    assert _read("schools", schools_count=1, share_bike_parking=0) == [
        "Le seul établissement n’a pas de stationnement vélo à moins de 50 m."
    ]


def test_profile_reads_whole_people_and_singular_jobs():
    found = _read("profile", population=4529, density=2220.098, jobs_per_employed=0.4526)
    assert found == [
        "4\u202f529 habitants, soit 2\u202f220 hab./km².",
        "La commune compte 0,5 emploi par actif occupé résident (au-dessus de 1, elle attire des actifs "
        "d’ailleurs).",
    ]
    assert _read("profile", "en", jobs_per_employed=0.45)[0].startswith("The commune has 0.5 jobs per")


@pytest.mark.parametrize(
    ("indicator", "value", "unit", "expected"),
    [
        ("jobs", 895.16, "emplois", "895 emplois"),
        ("density", 2220.098, "hab./km²", "2\u202f220 hab./km²"),
        ("area", 2.04, "km²", "2,0 km²"),
        ("area", 12.34, "km²", "12 km²"),
        ("jobs_per_employed", 0.4526, "emplois par actif occupé", "0,5 emploi par actif occupé"),
        ("jobs_per_employed", 2.2, "emplois par actif occupé", "2,2 emplois par actif occupé"),
        ("population", 1.0, "habitants", "1 habitant"),
    ],
)
def test_profile_figures_as_printed(indicator, value, unit, expected):
    assert format_value(Indicator("profile", indicator, indicator, value, unit), "fr") == expected


def test_safety_and_commuting_agree_with_their_counts():
    assert _read("safety", crashes_per_year=0, years=5, pedestrians_severe=0, cyclists_severe=0) == [
        "Aucun accident corporel n’a été enregistré sur les 5 années lues.",
        "Aucun piéton ni cycliste n’a été tué ou hospitalisé.",
    ]
    assert _read("safety", crashes_per_year=1, years=1, pedestrians_severe=1, cyclists_severe=2) == [
        "1 accident corporel sur la seule année de fichiers lue.",  # not « par an en moyenne » over one year
        "Tués ou hospitalisés : 1 piéton et 2 cyclistes.",
    ]
    assert _read("commuting", outgoing=1, incoming=0) == [
        "1 actif résident travaille dans une autre commune ; aucun actif ne vient d’autres communes."
    ]


# a figure printed as "0 <word>" or "1 <plural word>": the defects of the demo (« 0 rues », « 1 tronçons »)
ZERO_COUNT = re.compile(r"(?<![\d,.\u202f])0 (?!%|km|m\b)[^\W\d]")
ONE_PLURAL = re.compile(r"(?<![\d,.\u202f])1 (?!%)([^\W\d]+s)\b")


NEVER_ZERO = {"years"}  # the years of crash files read: a figure per year needs one at least
MONTHS = (202401.0, 202403.0)  # months (yyyymm, core.indicators.MONTH_UNIT): a period, not a count


def _values(template, pick):
    return {name: pick[i] for i, name in enumerate(template.indicators)}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_reading_over_counts_0_1_2_says_them_in_words(lang):
    """Every template of the registry, each figure 0, 1 or 2 (a share 0, 50 or 100 when its name says so):
    no « 0 rues », no « 1 tronçons », no placeholder left."""
    checked = 0
    for theme in themes():
        for template in theme.readings:
            choices = [
                (0.0, 50.0, 100.0)
                if "share" in name
                else MONTHS
                if name.endswith("_month")
                else (1.0, 2.0)
                if name in NEVER_ZERO
                else (0.0, 1.0, 2.0)
                for name in template.indicators
            ]
            for pick in itertools.product(*choices):
                values = _values(template, pick)
                if any("share" in n for n in values) and any(
                    v == 0 for n, v in values.items() if "share" not in n
                ):
                    continue  # a share of nothing is unknown (core.indicators.percent), never read
                text = fill(
                    theme.id, template, values, lang, {n: "yyyymm" for n in values if n.endswith("_month")}
                )
                if text is None:
                    continue
                checked += 1
                assert "{" not in text and "#" not in text, text
                assert not ZERO_COUNT.search(text), text
                if lang == "fr":
                    assert not ONE_PLURAL.search(text), text
    assert checked > 200
