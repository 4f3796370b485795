"""The synthesis rules as tables: findings against references, cost classes, the action score and the
3-7 cut, the annexes, and the message tables complete in both languages."""

import re

import pytest

from mobility_diagnosis.core.indicators import Indicator
from mobility_diagnosis.core.report_text import format_number
from mobility_diagnosis.core.synthesis import (
    REFERENCES,
    Reference,
    SynthesisInputs,
    assess,
    build_synthesis,
    candidates,
    gap_rows,
    mapping_rows,
    rank_actions,
    school_rows,
)
from mobility_diagnosis.core.synthesis.actions import COST_FACTOR, MIN_SCHOOL_STREET_M, SCORING, score
from mobility_diagnosis.core.synthesis.assessment import STRENGTH, UNKNOWN, WEAKNESS
from mobility_diagnosis.core.synthesis.costs import COSTS, HEAVY, LIGHT, PAINTING, cost_row, gap_cost_kind
from mobility_diagnosis.core.synthesis.inputs import (
    DestinationInput,
    GapInput,
    SchoolInput,
    SchoolStreetInput,
    StopInput,
)
from mobility_diagnosis.core.synthesis.references import SOURCES
from mobility_diagnosis.core.synthesis.texts import ACTIONS, FINDINGS, SOURCE_SHORT, typeset

LANGS = ("fr", "en")


def ind(theme, name, value, unit="%"):
    return Indicator(theme, name, f"label of {name}", value, unit)


@pytest.mark.parametrize(
    "theme, name, value, expected",
    [
        ("cycling", "share_lts_le2", 60.05, STRENGTH),
        ("cycling", "share_lts_le2", 50.0, STRENGTH),  # the reference itself is met
        ("cycling", "share_lts_le2", 49.9, WEAKNESS),
        ("accessibility", "share_within_500m_stop", 74.0, WEAKNESS),
        ("accessibility", "share_stops_wheelchair_yes", 99.9, WEAKNESS),  # a legal aim of 100 %
        ("accessibility", "share_stops_wheelchair_yes", 100.0, STRENGTH),
        ("parking", "destinations_with_bike_parking_share", 4.8, WEAKNESS),
        ("schools", "share_calm_streets", None, UNKNOWN),  # missing is not 0
    ],
)
def test_findings_against_references(theme, name, value, expected):
    found = assess([ind(theme, name, value)], "en")[theme]
    assert [(f.indicator, f.kind) for f in found] == [(name, expected)]
    if expected == UNKNOWN:
        assert "not available" in found[0].text and "0 %" not in found[0].text


def test_finding_states_its_denominator_and_source():
    rows = [ind("accessibility", "share_stops_wheelchair_yes", 38.65)]
    with_count = assess(rows, "fr", counts={"stops": 163})["accessibility"][0].text
    without = assess(rows, "fr")["accessibility"][0].text
    assert "38,7\u202f% des 163 arrêts" in with_count and "loi du 11 février 2005" in with_count
    assert "des arrêts" in without and "163" not in without
    assert with_count.startswith("Point faible\u00a0:")


def test_departement_and_france_rows_are_quoted_beside_the_threshold():
    extra = [
        Reference("cycling", "share_lts_le2", 41.0, "higher", "INSEE", scope="departement"),
        Reference("cycling", "share_lts_le2", 38.0, "higher", "INSEE", scope="france"),
    ]
    text = assess([ind("cycling", "share_lts_le2", 45.0)], "en", references=extra)["cycling"][0]
    assert text.kind == WEAKNESS  # the threshold row decides (50 %), not the département
    assert "département: 41 %" in text.text and "France: 38 %" in text.text


def test_every_reference_has_a_finding_and_a_short_source_in_both_languages():
    for ref in REFERENCES:
        assert ref.indicator in FINDINGS
        assert ref.source in SOURCES
        for lang in LANGS:
            assert SOURCE_SHORT[lang][ref.source]
            assert ref.citation(lang)
    for lang in LANGS:  # the census comparisons' source
        assert SOURCE_SHORT[lang]["insee_census"] and SOURCES["insee_census"][lang]
    # a plugin threshold says so rather than citing a document for its figure
    for key, texts in SOURCES.items():
        assert key.startswith("plugin") == texts["fr"].startswith("seuil indicatif du plugin")


@pytest.mark.parametrize(
    "gap_kind, speed, expected",
    [
        ("islands", 30.0, PAINTING),
        ("islands", 50.0, PAINTING),
        ("islands", 80.0, HEAVY),
        ("destination", 70.0, HEAVY),
        ("islands", None, LIGHT),  # speed not mapped: a layout to choose on site
        ("crossing", 50.0, LIGHT),  # signals or a refuge
    ],
)
def test_gap_cost_class(gap_kind, speed, expected):
    assert cost_row(gap_cost_kind(gap_kind, speed)).cost == expected


@pytest.mark.parametrize(
    "highways, expected",
    [(("secondary",), PAINTING), (("residential", "primary"), HEAVY), (("trunk_link",), HEAVY)],
)
def test_a_lane_on_a_main_road_stays_stressful_so_the_gap_needs_a_track(highways, expected):
    assert cost_row(gap_cost_kind("islands", 50.0, highways)).cost == expected


def test_cost_rows_cite_a_source_or_say_plugin():
    for row in COSTS:
        for lang in LANGS:
            note = row.note[lang]
            assert "plugin" in note or "villes-cyclables" in note or "FUB" in note or "Isère" in note


def test_score_rewards_beneficiaries_and_cheapness():
    assert score("cycling_gap", 100, PAINTING) > score("cycling_gap", 100, HEAVY)
    assert score("cycling_gap", 200, LIGHT) > score("cycling_gap", 100, LIGHT)
    assert score("school_street", 100, LIGHT) > score("bike_stands", 100, LIGHT)
    assert score("cycling_gap", 0, PAINTING) == 0.0
    assert set(COST_FACTOR) == {PAINTING, LIGHT, HEAVY}
    assert all(why for _, _, why in SCORING)


def gap(i, residents, speed=50.0, streets=("Rue A",)):
    return GapInput(i, "islands", 40.0, 40.0, 1, 3000.0, i + 1, 1000.0, streets=streets,
                    max_speed_kmh=speed, residents=residents, destinations=2, osm_ids=(i,))  # fmt: skip


def school(i, catchment, calm=0.2, street_m=120.0, unknown=(), fix=()):
    return SchoolInput("node", i, f"École {i}", 30.0, "calm_streets", calm_share=calm, catchment=catchment,
                       streets=(SchoolStreetInput(100 + i, "Rue de l'École", street_m, "frontage"),),
                       crossings_unknown=unknown, crossings_to_fix=fix)  # fmt: skip


def test_ranking_keeps_3_to_7_with_at_most_two_of_a_kind():
    inputs = SynthesisInputs(
        gaps=tuple(gap(i, 100 + i) for i in range(1, 6)),
        schools=tuple(school(i, 50 + i, fix=(1,)) for i in range(1, 5)),
        stops=(StopInput("node", 9, "Mairie", "no", 40.0),),
        destinations=tuple(
            DestinationInput("node", 20 + i, "shop", f"Boutique {i}", None, 30.0) for i in range(8)
        ),
        home_unit="buildings",
    )
    actions = rank_actions(inputs, "en")
    assert 3 <= len(actions) <= 7
    kinds = [a.kind for a in actions]
    assert max(kinds.count(k) for k in kinds) <= 2
    assert [a.rank for a in actions] == list(range(1, len(actions) + 1))
    assert [a.score for a in actions] == sorted((a.score for a in actions), reverse=True)
    # the best gap is the one with most beneficiaries, named by its street
    best_gap = next(a for a in actions if a.kind == "cycling_gap")
    assert "gap no. 5" in best_gap.where and best_gap.beneficiaries == 105


def test_ranking_fills_to_three_across_the_kind_cap():
    inputs = SynthesisInputs(gaps=tuple(gap(i, 10 * i) for i in range(1, 5)), home_unit="buildings")
    actions = rank_actions(inputs, "fr")
    assert [a.kind for a in actions] == ["cycling_gap"] * 3


def test_actions_without_beneficiaries_or_too_short_streets():
    inputs = SynthesisInputs(
        gaps=(gap(1, 0),),  # nobody gains: not an action
        schools=(school(1, 80, street_m=MIN_SCHOOL_STREET_M - 1),),  # a gate, not a street
        home_unit="buildings",
    )
    assert [a.kind for a in candidates(inputs, "en")] == []
    unknown = SynthesisInputs(gaps=(gap(1, None),), home_unit=None)
    (action,) = candidates(unknown, "en")
    assert "not computed" in action.effect and action.beneficiaries is None


def test_unverified_crossings_say_so_and_rank_below_known_ones():
    known = candidates(SynthesisInputs(schools=(school(1, 100, street_m=0, fix=(1, 2), unknown=(3,)),)), "en")
    unverified = candidates(SynthesisInputs(schools=(school(1, 100, street_m=0, unknown=(3, 4)),)), "en")
    assert known[0].title.startswith("Bring") and "2 have no lowered kerb" in known[0].why
    assert unverified[0].title.startswith("Check") and "to check on site" in unverified[0].why
    assert known[0].score > unverified[0].score


def test_bike_stands_prefer_stations_and_schools_to_shops():
    dests = (
        DestinationInput("node", 1, "shop", "Boulangerie", None, 100.0),
        DestinationInput("node", 2, "station", "Gare", None, 100.0),
    )
    (action,) = candidates(SynthesisInputs(destinations=dests, home_unit="buildings"), "fr")
    assert action.where.index("gare") < action.where.index("commerce")
    assert action.places[0].values == (2, 1)


def test_french_texts_are_typeset_and_english_ones_are_not():
    assert typeset("Point fort : 50 % « x » ; y ? z !", "fr") == (
        "Point fort\u00a0: 50\u202f% «\u00a0x\u00a0»\u202f; y\u202f? z\u202f!"
    )
    assert typeset("Strength: 50 %", "en") == "Strength: 50 %"
    inputs = SynthesisInputs(
        indicators=(ind("cycling", "share_lts_le2", 60.0),), gaps=(gap(1, 10),), home_unit="buildings"
    )
    s = build_synthesis(inputs, "fr")
    texts = [f.text for fs in s.findings.values() for f in fs] + [
        t for a in s.actions for t in (a.title, a.where, a.why, a.effect, a.cost_text)
    ]
    assert texts and not [t for t in texts if re.search(r" [:;?!»]|« ", t)]


def test_action_messages_have_the_same_keys_in_both_languages():
    for kind, texts in ACTIONS.items():
        assert set(texts["fr"]) == set(texts["en"]), kind


def test_annexes():
    inputs = SynthesisInputs(
        indicators=(ind("cycling", "share_no_speed_tag", 68.05), ind("parking", "on_street_information_share", 0.0),
                    ind("parking", "bike_parkings_unknown_capacity", 0.0, "count")),
        gaps=(gap(2, 5, streets=("Rue B", "Rue B", "")), gap(1, 9, streets=())),
        schools=(school(1, 10), SchoolInput("way", 7, "", None, "none")),
        counts={"stops_wheelchair_unknown": 98.0},
    )  # fmt: skip
    rows = school_rows(inputs, "fr")
    assert [r.name for r in rows] == ["École 1", "établissement sans nom (OSM way/7)"]  # no score last
    assert rows[0].problem.startswith("rues autour de l’école")
    gaps = gap_rows(inputs, "en")
    assert [(g.gap_id, g.streets) for g in gaps] == [(1, "unnamed way"), (2, "Rue B")]
    assert gaps[1].joins == "islands 1 (3 km) and 3 (1 km)"
    mapping = {r.key: r.text for r in mapping_rows(inputs, "en")}
    assert set(mapping) == {"share_no_speed_tag", "street_parking_unmapped_share", "stops_wheelchair_unknown"}
    assert "68.1 %" in mapping["share_no_speed_tag"] and "100 %" in mapping["street_parking_unmapped_share"]


@pytest.mark.parametrize(
    "schools, expected",
    [
        ((ind("schools", "schools_count", 0.0, "count"),), True),  # none mapped: ask mappers to add them
        ((ind("schools", "schools_count", 2.0, "count"),), False),
        # the directory names the missing ones: its own row says how many, not this one
        (
            (ind("schools", "schools_count", 0.0, "count"), ind("schools", "missing_in_osm", 3.0, "count")),
            False,
        ),
        ((), False),  # the schools theme did not run
    ],
)
def test_a_territory_with_no_school_mapped_asks_mappers_for_them(schools, expected):
    rows = {r.key: r.text for r in mapping_rows(SynthesisInputs(indicators=schools), "fr")}
    assert ("schools_not_mapped" in rows) is expected
    if expected:
        assert rows["schools_not_mapped"].startswith(
            "Écoles (amenity=school)\u00a0: aucune n’est cartographiée"
        )


def test_places_give_a_filter_for_the_priority_map_and_references_a_method_table():
    from mobility_diagnosis.core.synthesis import Place, reference_table

    assert Place("cycling_gaps", "gap_id", (6, 1)).expression() == '"gap_id" IN (6, 1)'
    assert Place("x", "name", ("d'Armes",)).expression() == "\"name\" IN ('d''Armes')"
    rows = reference_table("fr")
    assert len(rows) == len(REFERENCES)
    assert rows[2][:4] == ("accessibility", "share_within_500m_stop", 75.0, "higher")
    assert "Urban Bus Toolkit" in rows[2][4]


@pytest.mark.parametrize(
    ("lang", "count", "unit"),
    [("fr", 1, "bâtiment résidentiel"), ("fr", 2, "bâtiments résidentiels"), ("fr", 0, "bâtiments résidentiels"),
     ("en", 1, "residential building"), ("en", 16, "residential buildings")],
)  # fmt: skip
def test_one_home_is_singular(lang, count, unit):
    from mobility_diagnosis.core.synthesis.actions import _Fmt

    assert _Fmt(lang, SynthesisInputs(home_unit="buildings")).homes_unit(count) == unit


# ------------------------------------------------------------------ wording: counts of 0, 1 and 2

PLURAL_AFTER_ONE = {  # a count of 1 followed by a plural noun, or by a plural verb in its clause
    "fr": r"(?<![\d,])1 (?![%:])((quais|traversées|destinations|écoles|bâtiments)\b|"
          r"[^,;.|]*?\b(ont|sont|gagneraient|séparent)\b)",
    "en": r"(?<![\d,.])1 (?![%:])((platforms|crossings|destinations|schools|residential buildings)\b|"
          r"[^,;.|]*?\b(have|are|separate|comply)\b)",
}  # fmt: skip


def _every_action(n: int, lang: str):
    """Every kind of action, every count it prints set to ``n`` (homes at least 1: none is no action)."""
    homes = float(max(n, 1))
    ids = tuple(range(1, n + 1))
    inputs = SynthesisInputs(
        gaps=(GapInput(1, "islands", 120.0, 1.0 if n == 1 else 80.0, 1, 3000.0, 2, 1000.0, streets=("Rue A",),
                       max_speed_kmh=50.0, residents=homes, destinations=n, osm_ids=(1,)),),
        schools=(SchoolInput("node", 5, "École A", 30.0, "calm_streets", calm_share=0.2, catchment=homes,
                             streets=(SchoolStreetInput(100, "Rue B", 120.0, "frontage"),),
                             crossings_ok=tuple(10 + i for i in ids), crossings_to_fix=tuple(20 + i for i in ids),
                             crossings_unknown=tuple(30 + i for i in ids)),
                 SchoolInput("node", 6, "École B", 30.0, "calm_streets", catchment=homes,
                             crossings_ok=tuple(40 + i for i in ids),
                             crossings_unknown=(50, *(50 + i for i in ids[1:])))),
        stops=tuple(StopInput("node", 60 + i, "Mairie", "no", homes / max(n, 1)) for i in (ids or (1,))),
        destinations=tuple(DestinationInput("node", 70 + i, "shop", f"Boutique {i}", None, homes / max(n, 1))
                           for i in (ids or (1,))),
        indicators=(ind("accessibility", "share_stops_wheelchair_yes", float(n)),
                    ind("parking", "destinations_with_bike_parking_share", float(n))),
        counts={"stops": 17.0, "destinations": 91.0},
        home_unit="buildings",
    )  # fmt: skip
    return candidates(inputs, lang)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("n", [0, 1, 2])
def test_every_action_sentence_agrees_with_its_counts(lang, n):
    actions = _every_action(n, lang)
    assert {a.kind for a in actions} == set(ACTIONS)  # every kind is said
    for action in actions:
        text = " | ".join((action.title, action.where, action.why, action.effect)).replace("\u202f", " ")
        text = text.replace("\u00a0", " ")
        assert "(s)" not in text, text
        assert not re.search(r"(?<![\d,.])0 ", text), text  # a count or share of none is said in words
        assert not re.search(PLURAL_AFTER_ONE[lang], text), text


@pytest.mark.parametrize(
    "lang, n, expected",
    [
        ("fr", 1, "1 bâtiment résidentiel a cet arrêt pour arrêt le plus proche"),
        ("fr", 2, "2 bâtiments résidentiels ont cet arrêt pour arrêt le plus proche"),
        ("en", 1, "1 residential building has it as its nearest stop"),
        ("en", 2, "2 residential buildings have it as their nearest stop"),
    ],
)
def test_the_verb_agrees_with_the_homes(lang, n, expected):
    stop = next(a for a in _every_action(n, lang) if a.kind == "stop_access")
    assert expected in stop.effect.replace("\u00a0", " ")


@pytest.mark.parametrize(
    "lang, n, expected",
    [("fr", 1, "(1 quai)"), ("fr", 2, "(2 quais)"), ("en", 1, "(1 platform)"), ("en", 2, "(2 platforms)")],
)
def test_a_stop_counts_its_platforms_without_brackets_s(lang, n, expected):
    stop = next(a for a in _every_action(n, lang) if a.kind == "stop_access")
    assert stop.where.endswith(expected)


@pytest.mark.parametrize(
    "lang, n, expected",
    [
        ("fr", 0, "km de rues apaisées."),
        ("fr", 1, "le long desquelles se trouve 1 école ou arrêt."),
        ("fr", 2, "le long desquelles se trouvent 2 écoles et arrêts."),
        ("en", 0, "km of calm streets."),
        ("en", 1, "along which lies 1 school or stop."),
    ],
)
def test_a_gap_with_no_school_or_stop_along_drops_the_clause(lang, n, expected):
    gap_action = next(a for a in _every_action(n, lang) if a.kind == "cycling_gap")
    assert gap_action.effect.endswith(expected), gap_action.effect


@pytest.mark.parametrize("lang", LANGS)
def test_a_theme_with_nothing_mapped_says_why_in_one_line(lang):
    names = ("share_calm_streets", "share_low_stress_cycling", "share_bike_parking", "mean_score")
    found = assess([ind("schools", "schools_count", 0.0, "count"), *(ind("schools", n, None) for n in names)],
                   lang)["schools"]  # fmt: skip
    assert len(found) == 1 and found[0].kind == UNKNOWN and found[0].count == 4
    text = found[0].text.replace("\u00a0", " ").replace("\u202f", " ")
    assert text == {
        "fr": "Non évalué : aucune école n’est cartographiée dans OpenStreetMap sur le territoire ; la page "
              "Écoles le détaille.",
        "en": "Not assessed: no school is mapped in OpenStreetMap on the territory; the Schools page says more.",
    }[lang]  # fmt: skip
    # a figure missing for another reason keeps its own line
    other = assess([ind("schools", "schools_count", 3.0, "count"), ind("schools", "mean_score", None)], lang)
    assert len(other["schools"]) == 1 and other["schools"][0].indicator == "mean_score"


# Every assessed share at 0, 50 and 100 %, in both languages: a share of 0 or 100 % is said in words, as the
# theme pages say it (« aucun des 17 arrêts n’est… », « chacune des 25 traversées… »), never « 0 % des… ».
# (indicator, theme, count key, count): each finding with its denominator counted.
SHARES = (
    ("share_lts_le2", "cycling", "street_km", 28.4),
    ("largest_island_share", "cycling", "calm_km", 12.0),
    ("share_within_500m_stop", "accessibility", "homes", 2194),
    ("share_within_300m_stop", "accessibility", "homes", 2194),
    ("share_stops_wheelchair_yes", "accessibility", "stops", 17),
    ("share_crossings_lowered_kerb", "accessibility", "crossings", 25),
    ("destinations_with_bike_parking_share", "parking", "destinations", 91),
    ("share_calm_streets", "schools", "schools_count", 4),
    ("share_low_stress_cycling", "schools", "schools_count", 4),
    ("share_bike_parking", "schools", "schools_count", 4),
)
# What the sentence opens with (the finding itself, after « Point faible : »), by share and language.
OPENINGS = {
    ("share_stops_wheelchair_yes", 0.0, "fr"): "aucun des 17 arrêts n’est renseigné accessible en fauteuil roulant",
    ("share_stops_wheelchair_yes", 100.0, "fr"): "chacun des 17 arrêts est renseigné accessible en fauteuil roulant",
    ("share_stops_wheelchair_yes", 50.0, "fr"): "50 % des 17 arrêts sont renseignés accessibles",
    ("share_stops_wheelchair_yes", 0.0, "en"): "none of the 17 stops is mapped as wheelchair accessible",
    ("share_stops_wheelchair_yes", 100.0, "en"): "all of the 17 stops are mapped as wheelchair accessible",
    ("share_crossings_lowered_kerb", 0.0, "fr"): "aucune des 25 traversées piétonnes n’a d’abaissé de trottoir",
    ("share_crossings_lowered_kerb", 100.0, "fr"): "chacune des 25 traversées piétonnes a un abaissé de trottoir",
    ("share_crossings_lowered_kerb", 0.0, "en"): "none of the 25 pedestrian crossings has a lowered kerb mapped",
    ("destinations_with_bike_parking_share", 0.0, "fr"): "aucune des 91 destinations du quotidien (écoles, "
    "arrêts, commerces, services) n’a de stationnement vélo à moins de 50 m",
    ("destinations_with_bike_parking_share", 100.0, "en"): "all of the 91 everyday destinations",
    ("share_lts_le2", 0.0, "fr"): "aucun mètre du linéaire de voirie ouvert aux voitures où le vélo est autorisé "
    "(28,4 km) n’est confortable",
    ("share_lts_le2", 100.0, "fr"): "la totalité du linéaire de voirie",
    ("share_within_500m_stop", 0.0, "fr"): "aucun des 2 194 bâtiments résidentiels n’est à moins de 500 m",
    ("share_within_300m_stop", 100.0, "en"): "all of the 2,194 residential buildings are within a 300 m walk",
    ("share_calm_streets", 0.0, "fr"): "aucun des 4 établissements scolaires n’est entouré de rues",
    ("share_bike_parking", 100.0, "fr"): "chacun des 4 établissements scolaires a un stationnement vélo",
}  # fmt: skip


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("value", (0.0, 50.0, 100.0))
@pytest.mark.parametrize("name, theme, count_key, count", SHARES)
def test_a_share_of_none_or_all_is_said_in_words(name, theme, count_key, count, value, lang):
    (found,) = assess([ind(theme, name, value)], lang, counts={count_key: count})[theme]
    text = found.text.replace("\u00a0", " ").replace("\u202f", " ")
    finding = re.split(r" \((?:référence|reference)", text.split(": ", 1)[1])[0]
    assert ("0 %" in finding or "100 %" in finding) == (value == 50.0), finding
    words = {"fr": {0.0: ("aucun", "presque rien"), 100.0: ("chacun", "totalité")},
             "en": {0.0: ("none",), 100.0: ("all",)}}[lang].get(value, ("50 %",))  # fmt: skip
    assert any(w in finding for w in words), finding
    assert format_number(count, lang).replace("\u202f", " ") in finding  # what it is a share of
    expected = OPENINGS.get((name, value, lang))
    if expected is not None:
        assert finding.startswith(expected), finding
    if lang == "fr":
        assert " :" not in found.text and " %" not in found.text  # still typeset


# A count of one in a denominator: « des 1 arrêts » is no French, and « of the 1 stops » no English.
ONE_OF = {
    "fr": {"stops": "des arrêts (1 seul recensé)", "crossings": "des traversées piétonnes (1 seule recensée)",
           "schools_count": "des établissements scolaires (1 seul recensé)"},
    "en": {"stops": "of the stops (only 1 mapped)", "crossings": "of the pedestrian crossings (only 1 mapped)",
           "schools_count": "of the schools (only 1 mapped)"},
}  # fmt: skip


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("value", (0.0, 100.0))
@pytest.mark.parametrize("name, theme, count_key, count", [s for s in SHARES if s[2] != "street_km"])
def test_a_denominator_of_one_agrees(name, theme, count_key, count, value, lang):
    (found,) = assess([ind(theme, name, value)], lang, counts={count_key: 1})[theme]
    text = found.text.replace("\u00a0", " ").replace("\u202f", " ")
    assert " 1 arrêts" not in text and "of the 1 " not in text and "des 1 " not in text, text
    if count_key in ONE_OF[lang]:
        assert ONE_OF[lang][count_key] in text, text


@pytest.mark.parametrize(
    ("plain", "typeset_"),
    [
        ("à 1,5 km de rues", "à 1,5\u00a0km de rues"),
        ("300 m à pied", "300\u00a0m à pied"),
        ("50 km/h", "50\u00a0km/h"),
        ("2,0 km²", "2,0\u00a0km²"),
        ("12 places.", "12\u00a0places."),
        ("2 habitants", "2 habitants"),  # a word, not a unit
        ("1 mairie", "1 mairie"),
    ],
)
def test_a_figure_keeps_its_unit_on_its_line(plain, typeset_):
    from mobility_diagnosis.core.synthesis.texts import typeset

    assert typeset(plain, "fr") == typeset_
    assert typeset(plain, "en") == plain


def test_census_figures_are_set_against_the_communes_peers():
    """The profile's commute shares: the density class decides (the fairest peers), the département and
    France are quoted; the sentence is a comparison, not a target (« contre … »)."""
    from mobility_diagnosis.core.synthesis.references import CENSUS_COMPARED, census_references

    peers = {
        "commute_car": {"departement": 63.36, "france": 70.06, "density": 46.65},
        "commute_bike": {
            "departement": 1.92,
            "france": 2.92,
            "density": None,
        },  # no density class: département
        "population": {"departement": 1086219.0, "france": 66732538.0, "density": None},  # not compared
    }
    refs = census_references(peers)
    assert [(r.indicator, r.scope) for r in refs] == [
        ("commute_car", "density"), ("commute_car", "departement"), ("commute_car", "france"),
        ("commute_bike", "departement"), ("commute_bike", "france"),
    ]  # fmt: skip
    rows = [
        ind("profile", "commute_car", 28.5),
        ind("profile", "commute_bike", 1.3),
        ind("profile", "population", 9),
    ]
    fr = assess(rows, "fr", references=refs)["profile"]
    assert [f.kind for f in fr] == [
        STRENGTH,
        WEAKNESS,
    ]  # less car than its peers; less bike than its département
    text = fr[0].text.replace("\u00a0", " ").replace("\u202f", " ")
    assert text == (
        "Point fort : 28,5 % des actifs occupés vont travailler en voiture, contre 46,7 % dans les communes de "
        "même densité, 63,4 % dans le département et 70,1 % en France (Insee, recensement)."
    )
    en = assess(rows, "en", references=refs)["profile"][1].text.replace("\u00a0", " ")
    assert en == (
        "Weakness: 1.3 % of employed residents cycle to work, against 1.9 % in the département and 2.9 % in "
        "France (INSEE census)."
    )
    assert {name for name, _ in CENSUS_COMPARED} <= set(FINDINGS)
    assert not assess(rows, "fr")  # a territory the census does not hold (Monaco): no profile finding


@pytest.mark.parametrize(
    "kind, name, lang, expected",
    [("town_centre", "", "fr", "la mairie"), ("station", "Gare de Cap d'Ail", "fr", "la gare « Gare de Cap d'Ail »"),
     ("school", "", "fr", "une école sans nom"), ("", "", "fr", "une destination"),
     ("town_centre", "", "en", "the town hall"), ("school", "Collège A", "en", "the school “Collège A”")],
)  # fmt: skip
def test_a_gap_to_a_destination_names_what_it_links(kind, name, lang, expected):
    """La Turbie's town hall has no name in OSM: the action read « séparent de l’îlot apaisé 1 » and « un accès
    sans stress à . », the annex « et îlot 1 ». Its kind names it now, in the action and in the annex."""
    gap = GapInput(1, "destination", 60.0, 60.0, 1, 34_000.0, destination=name, destination_kind=kind,
                   streets=("Grande Corniche",), max_speed_kmh=80.0, residents=2020.0, osm_ids=(7,))  # fmt: skip
    inputs = SynthesisInputs(gaps=(gap,), home_unit="buildings")
    (action,) = candidates(inputs, lang)
    place = typeset(expected, lang)
    assert place in action.title and place in action.why and action.effect.endswith(f"{place}.")
    assert " à ." not in action.effect and " de l’îlot" not in action.why.replace(f"{place} de", "")
    (row,) = gap_rows(inputs, lang)
    assert row.joins.startswith(place) and typeset("(34 km)", lang) in row.joins


@pytest.mark.parametrize("lang", LANGS)
def test_a_crossing_gap_reads_as_a_crossing_not_as_0_m(lang):
    """Beausoleil: a crossing without signals joining two islands read « Où : 0 m sur Avenue … », « 0 m en
    niveau de stress 3 ou 4 séparent … » and « 0 m » in the annex; it has no length, a road to cross."""
    gap = GapInput(2, "crossing", 0.0, 0.0, 1, 12_400.0, 2, 12_100.0, streets=("Avenue A",), max_speed_kmh=80.0,
                   residents=476.0, destinations=26, osm_ids=(9,))  # fmt: skip
    inputs = SynthesisInputs(gaps=(gap,), home_unit="buildings")
    (action,) = candidates(inputs, lang)
    text = " ".join((action.title, action.where, action.why, action.effect))
    assert not re.search(r"(?<![\d,.])0 m\b", text), text
    assert "Avenue A" in action.title and "Avenue A" in action.where
    assert ("traversée sans feux" if lang == "fr" else "crossing without signals") in action.where
    assert typeset("(12,4 km)" if lang == "fr" else "(12.4 km)", lang) in action.why
    assert action.cost == LIGHT  # signals or a refuge island (costs.COSTS cycling_gap_crossing)
    # marked on the priority map where it crosses, not along the whole road crossed
    assert [p.layer for p in action.places] == ["cycling_gaps"]
    (row,) = gap_rows(inputs, lang)
    assert row.length == ("traversée" if lang == "fr" else "crossing")
