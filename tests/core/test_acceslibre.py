"""Acceslibre reader and classes (core.accessibility.acceslibre). The API results and export rows follow the
documented formats (tests/support/acceslibre_data.py says where each shape comes from); the values are ours."""

import json

import pytest

from mobility_diagnosis.core.accessibility import acceslibre as al
from tests.support.acceslibre_data import EXPORT_HEADER, api_page, api_result, export_csv


# ------------------------------------------------------------------------------------------ API reader
def test_api_page_reads_every_documented_key():
    body = api_page(
        [
            api_result(
                "u-1",
                "Mairie",
                7.4028,
                43.7225,
                entree_plain_pied=True,
                stationnement_ext_presence=True,
                stationnement_ext_pmr=True,
                entree_marches=0,
            )
        ],  # fmt: skip
        next_url="https://acceslibre.example/api/erps/?code_insee=06032&page=2",
        count=3,
    )
    found, nxt, count = al.api_page(json.loads(body))
    assert nxt.endswith("page=2") and count == 3
    (e,) = found
    assert (e.uid, e.name, e.activity, e.commune, e.code_insee) == (
        "u-1",
        "Mairie",
        "Mairie",
        "Cap-d'Ail",
        "06032",
    )
    assert (e.lon, e.lat) == (7.4028, 43.7225)
    assert e.address.startswith("1 avenue de la Gare") and e.web_url.startswith("https://")
    assert e.access["entree_plain_pied"] is True
    assert e.access["stationnement_ext_pmr"] is True
    assert e.access["entree_marches"] == 0
    assert e.access["entree_pmr"] is None  # null in the reply: not known


def test_api_parking_fields_are_found_in_the_older_stationnement_section_too():
    result = api_result("u-2", "Poste", 7.4, 43.72, parking_section="stationnement", stationnement_pmr=True)
    assert "stationnement" in result["accessibilite"]
    (e,), _, _ = al.api_page({"results": [result], "next": None})
    assert e.access["stationnement_pmr"] is True


def test_api_result_without_geometry_keeps_no_coordinates():
    result = api_result("u-3", "Sans point", 7.4, 43.7)
    result["geom"] = None
    (e,), _, _ = al.api_page({"results": [result]})
    assert e.lon is None and e.lat is None


@pytest.mark.parametrize("bad", [[], {"count": 1}, {"results": "none"}, None])
def test_a_reply_that_is_not_a_page_is_refused(bad):
    with pytest.raises(al.AcceslibreFormatError):
        al.api_page(bad)


# ------------------------------------------------------------------------------------------ CSV export
def test_export_rows_in_the_documented_columns_are_read():
    text = export_csv([
        {"id": "e-1", "name": "Boulangerie", "commune": "Cap-d'Ail", "code_insee": "06032", "activite": "Boulangerie",
         "numero": "4", "voie": "grand rue", "longitude": 7.4031, "latitude": 43.7221, "entree_plain_pied": False,
         "entree_marches": 2, "entree_marches_rampe": "amovible", "stationnement_presence": False,
         "stationnement_ext_presence": False, "web_url": "https://acceslibre.example/erp/e-1/"},
        {"id": "e-2", "name": "Pharmacie", "commune": "Cap-d'Ail", "code_insee": "06032",
         "longitude": 7.41, "latitude": 43.72},
    ])  # fmt: skip
    assert text.splitlines()[0].split(",")[:3] == ["id", "name", "postal_code"]
    first, second = list(al.read_export(text.splitlines(keepends=True)))
    assert (first.uid, first.name, first.address, first.code_insee) == (
        "e-1",
        "Boulangerie",
        "4 grand rue",
        "06032",
    )
    assert (first.lon, first.lat) == (7.4031, 43.7221)
    assert first.access["entree_plain_pied"] is False and first.access["entree_marches"] == 2
    assert first.access["entree_marches_rampe"] == "amovible"
    assert first.web_url == "https://acceslibre.example/erp/e-1/"
    assert all(v is None for v in second.access.values())  # empty cells: nothing known


def test_export_with_a_byte_order_mark_and_semicolons_is_read():
    text = "\ufeff" + export_csv([{"id": "e-1", "name": "A", "longitude": 7.4, "latitude": 43.7}]).replace(
        ",", ";"
    )
    (e,) = list(al.read_export(text.splitlines(keepends=True)))
    assert e.name == "A" and e.lon == 7.4


def test_a_file_that_is_not_an_export_is_refused_with_its_columns():
    with pytest.raises(al.AcceslibreFormatError, match="longitude, latitude"):
        list(al.read_export(["nom,x,y\n", "A,1,2\n"]))


def test_the_export_header_is_the_mappers_one():
    assert EXPORT_HEADER[0] == "id" and EXPORT_HEADER[-1] == "web_url"
    assert set(al.FIELDS) <= set(EXPORT_HEADER)  # every field read is a documented column


@pytest.mark.parametrize(
    ("raw", "expected"),
    [(True, True), (False, False), ("True", True), ("False", False), ("true", True), ("", None), (None, None),
     ("oui", None), ("1", None)],
)  # fmt: skip
def test_boolean_values_outside_the_documented_ones_are_not_known(raw, expected):
    assert al.access_fields({"entree_pmr": raw})["entree_pmr"] is expected


def test_ramp_values_outside_the_documented_ones_are_not_known():
    assert al.access_fields({"entree_marches_rampe": "Fixe"})["entree_marches_rampe"] == "fixe"
    assert al.access_fields({"entree_marches_rampe": "aide humaine"})["entree_marches_rampe"] is None


# ------------------------------------------------------------------------------------------ classes
T, F, N = True, False, None
ENTRANCE_CASES = [
    # (fields, class, reason key): one row per rule of ENTRANCE_RULES
    ({"entree_plain_pied": T}, "yes", "entrance_level"),
    ({"entree_plain_pied": F, "entree_pmr": T}, "yes", "entrance_pmr"),
    ({"entree_plain_pied": N, "entree_pmr": T}, "yes", "entrance_pmr"),
    ({"entree_plain_pied": N}, "unknown", "entrance_not_filled"),
    ({"entree_plain_pied": N, "entree_marches_rampe": "fixe"}, "unknown", "entrance_not_filled"),
    ({"entree_plain_pied": F, "entree_ascenseur": T}, "yes", "entrance_lift"),
    ({"entree_plain_pied": F, "entree_marches_rampe": "fixe"}, "yes", "entrance_ramp"),
    ({"entree_plain_pied": F, "entree_marches_rampe": "amovible"}, "yes", "entrance_ramp"),
    ({"entree_plain_pied": F, "entree_marches_rampe": "aucune"}, "no", "entrance_steps"),
    ({"entree_plain_pied": F}, "no", "entrance_steps"),
]
PATH_CASES = [
    ({"cheminement_ext_presence": F}, "yes", "path_none"),
    ({}, "unknown", "path_not_filled"),
    ({"cheminement_ext_presence": T, "cheminement_ext_plain_pied": T}, "yes", "path_level"),
    ({"cheminement_ext_presence": T}, "unknown", "path_not_filled"),
    ({"cheminement_ext_presence": T, "cheminement_ext_plain_pied": F, "cheminement_ext_ascenseur": T}, "yes",
     "path_lift"),
    ({"cheminement_ext_presence": T, "cheminement_ext_plain_pied": F, "cheminement_ext_rampe": "fixe"}, "yes",
     "path_ramp"),
    ({"cheminement_ext_presence": T, "cheminement_ext_plain_pied": F}, "no", "path_steps"),
]  # fmt: skip
PARKING_CASES = [
    ({"stationnement_presence": T, "stationnement_pmr": T}, "yes", "parking_on_site"),
    ({"stationnement_ext_presence": T, "stationnement_ext_pmr": T}, "yes", "parking_nearby"),
    ({"stationnement_pmr": F, "stationnement_ext_pmr": T}, "yes", "parking_nearby"),
    ({"stationnement_presence": F, "stationnement_ext_presence": F}, "no", "parking_none"),
    ({"stationnement_presence": F, "stationnement_ext_presence": T, "stationnement_ext_pmr": F}, "no",
     "parking_none"),
    ({"stationnement_presence": T, "stationnement_pmr": F, "stationnement_ext_presence": F}, "no", "parking_none"),
    ({"stationnement_pmr": F, "stationnement_ext_pmr": F}, "no", "parking_none"),
    ({"stationnement_presence": F}, "unknown", "parking_not_filled"),  # nearby not answered: unknown, not "no"
    ({"stationnement_presence": T}, "unknown", "parking_not_filled"),
    ({}, "unknown", "parking_not_filled"),
]  # fmt: skip


@pytest.mark.parametrize(("fields", "cls", "reason"), ENTRANCE_CASES)
def test_entrance_classes(fields, cls, reason):
    rule = al.classify(al.access_fields(fields), al.ENTRANCE_RULES)
    assert (rule.cls, rule.reason) == (cls, reason)


@pytest.mark.parametrize(("fields", "cls", "reason"), PATH_CASES)
def test_outside_path_classes(fields, cls, reason):
    rule = al.classify(al.access_fields(fields), al.PATH_RULES)
    assert (rule.cls, rule.reason) == (cls, reason)


@pytest.mark.parametrize(("fields", "cls", "reason"), PARKING_CASES)
def test_parking_classes(fields, cls, reason):
    rule = al.classify(al.access_fields(fields), al.PARKING_RULES)
    assert (rule.cls, rule.reason) == (cls, reason)


def test_every_rule_is_exercised_and_every_table_ends_with_a_catch_all():
    for rules, cases in (
        (al.ENTRANCE_RULES, ENTRANCE_CASES),
        (al.PATH_RULES, PATH_CASES),
        (al.PARKING_RULES, PARKING_CASES),
    ):
        assert rules[-1].when == {}
        used = {id(al.classify(al.access_fields(f), rules)) for f, _, _ in cases}
        assert used == {id(r) for r in rules}
        assert {r.cls for r in rules} <= set(al.CLASSES)
        for rule in rules:
            assert rule.reason in al.REASONS["en"] and rule.reason in al.REASONS["fr"]


def test_reasons_in_the_users_language_and_a_narrow_door_is_said():
    classes = al.access_classes(
        al.access_fields({"entree_plain_pied": True, "entree_largeur_mini": 70}), "fr"
    )
    assert classes.entrance == "yes"
    assert classes.entrance_reason == "entrée de plain-pied\u202f; porte de moins de 80 cm"
    assert al.access_classes(al.access_fields({}), "en").parking_reason == "parking not described"


# ------------------------------------------------------------------------------------------ indicators
def test_indicators_count_unknown_apart_from_no_and_give_the_denominator():
    rows = {
        r.indicator: r
        for r in al.public_building_indicators(
            ["yes", "no", "unknown", "unknown"], ["yes", "unknown", "no", "no"], 300
        )
    }
    assert rows["public_buildings_near_stops_schools"].value == 4
    assert rows["public_buildings_step_free_entrance_share"].value == pytest.approx(25.0)
    assert rows["public_buildings_entrance_unknown_share"].value == pytest.approx(50.0)
    assert rows["public_buildings_disabled_parking_share"].value == pytest.approx(25.0)
    assert rows["public_buildings_parking_unknown_share"].value == pytest.approx(25.0)
    assert "of the 4 public buildings within 300 m" in rows["public_buildings_step_free_entrance_share"].label
    assert all(r.theme == "accessibility" for r in rows.values())


def test_no_establishment_near_gives_zero_count_and_no_share():
    rows = {r.indicator: r.value for r in al.public_building_indicators([], [], 300)}
    assert rows["public_buildings_near_stops_schools"] == 0
    assert rows["public_buildings_step_free_entrance_share"] is None


def test_an_unavailable_source_gives_none_everywhere_and_says_why():
    rows = al.public_building_indicators(None, None, 300, "fr", unavailable="pas une commune française")
    assert all(r.value is None for r in rows)
    assert all("non disponible : pas une commune française" in r.label for r in rows)


def test_the_report_page_reads_the_figures_with_their_denominator():
    from mobility_diagnosis.core.report_text import readings

    rows = al.public_building_indicators(["yes", "no", "unknown", "unknown"], ["yes"] * 4, 300, "fr")
    texts = [r.text for r in readings("accessibility", rows, "fr")]
    assert (
        "25 % des 4 établissements recevant du public à moins de 300 m à pied d’un arrêt ou d’une école ont une "
        "entrée sans marche (Acceslibre)." in texts
    )
    assert any(t.startswith("Pour 50 % d’entre eux, l’entrée n’est pas renseignée") for t in texts)
    unavailable = al.public_building_indicators(
        None, None, 300, "fr", unavailable="pas une commune française"
    )
    # no figure sentence is made of an unavailable source (a page with nothing else says it is unavailable)
    texts = [r.text for r in readings("accessibility", unavailable, "fr")]
    assert not [t for t in texts if "entrée sans marche" in t or "n’est pas renseignée" in t]
    assert all("non disponible" in t for t in texts)
