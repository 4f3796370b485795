"""The source registry (core.sources): the rule of what a run does with each source, the statuses and their
texts, and the themes read from the theme rows."""

import io

import pytest

from mobility_diagnosis.core import sources as cs
from mobility_diagnosis.core.accessibility.acceslibre import establishment_from_api, export_csv, read_export
from mobility_diagnosis.core.schools.directory import (
    DirectoryResult,
    DirectorySchool,
    directory_csv,
    parse_directory_csv,
)
from mobility_diagnosis.core.themes import themes

GTFS, CARPOOL, POPULATION, CENSUS, ACCESLIBRE, FLOWS, COMMUNES = (
    cs.source(s) for s in ("gtfs", "carpool", "population", "census", "acceslibre", "flows", "communes")
)
FRENCH, MONACO = "06032", "MC"


@pytest.mark.parametrize(
    "row, value, code, mode, kit_file, kit_status, expected",
    [
        # a user's file always wins, French or not, online or not
        (GTFS, "/data/feed.zip", MONACO, cs.MODE_OFFLINE, "", None, ("file", "/data/feed.zip", "file", "")),
        (GTFS, "/data/feed.zip", FRENCH, cs.MODE_ONLINE, "kit.zip", None, ("file", "/data/feed.zip", "file", "")),
        # online for a French commune when the mode allows it; the word "online" even offline
        (GTFS, "", FRENCH, cs.MODE_ONLINE, "", None, ("fetch", "online", "online", "")),
        (GTFS, "en ligne", FRENCH, cs.MODE_OFFLINE, "", None, ("fetch", "online", "online", "")),
        (GTFS, "online", MONACO, cs.MODE_ONLINE, "", None, ("skip", "", "", cs.NOT_APPLICABLE)),
        (GTFS, "", FRENCH, cs.MODE_OFFLINE, "", None, ("skip", "", "", cs.OFFLINE)),
        (GTFS, "", MONACO, cs.MODE_OFFLINE, "", None, ("skip", "", "", cs.NOT_APPLICABLE)),
        # an offline kit's file, or what the kit found when it was made
        (CARPOOL, "", FRENCH, cs.MODE_OFFLINE, "/kit/bnlc.geojson", cs.SourceStatus("carpool", cs.USED),
         ("file", "/kit/bnlc.geojson", "kit", "")),
        (CARPOOL, "", FRENCH, cs.MODE_OFFLINE, "", cs.SourceStatus("carpool", cs.FAILED, detail="HTTP 503"),
         ("skip", "", "", cs.FAILED)),
        # Acceslibre: the user's export first, else online by default for a French commune, unless offline;
        # a kit's export with no network
        (ACCESLIBRE, "/data/acceslibre-export.csv", MONACO, cs.MODE_OFFLINE, "", None,
         ("file", "/data/acceslibre-export.csv", "file", "")),
        (ACCESLIBRE, "", FRENCH, cs.MODE_ONLINE, "", None, ("fetch", "online", "online", "")),
        (ACCESLIBRE, "", FRENCH, cs.MODE_OFFLINE, "", None, ("skip", "", "", cs.OFFLINE)),
        (ACCESLIBRE, "", MONACO, cs.MODE_ONLINE, "", None, ("skip", "", "", cs.NOT_APPLICABLE)),
        (ACCESLIBRE, "", FRENCH, cs.MODE_OFFLINE, "/kit/sources/acceslibre.csv",
         cs.SourceStatus("acceslibre", cs.USED), ("file", "/kit/sources/acceslibre.csv", "kit", "")),
        # no online form: a file or nothing; bundled tables for French communes
        (POPULATION, "", FRENCH, cs.MODE_ONLINE, "", None, ("skip", "", "", cs.NOT_GIVEN)),
        (CENSUS, "", FRENCH, cs.MODE_OFFLINE, "", None, ("bundled", "", "bundled", "")),
        (CENSUS, "", MONACO, cs.MODE_OFFLINE, "", None, ("skip", "", "", cs.NOT_APPLICABLE)),
        # the census online only when asked: the bundled tables stay the default, online mode or not
        (CENSUS, "", FRENCH, cs.MODE_ONLINE, "", None, ("bundled", "", "bundled", "")),
        (CENSUS, "online", FRENCH, cs.MODE_OFFLINE, "", None, ("fetch", "online", "online", "")),
        # the flows and the commune centres: online by default for a French commune, the kit's files offline
        (FLOWS, "", FRENCH, cs.MODE_ONLINE, "", None, ("fetch", "online", "online", "")),
        (FLOWS, "", FRENCH, cs.MODE_OFFLINE, "", None, ("skip", "", "", cs.OFFLINE)),
        (COMMUNES, "", FRENCH, cs.MODE_ONLINE, "", None, ("fetch", "online", "online", "")),
        (COMMUNES, "", FRENCH, cs.MODE_OFFLINE, "/kit/sources/communes_centres.geojson",
         cs.SourceStatus("communes", cs.USED), ("file", "/kit/sources/communes_centres.geojson", "kit", "")),
        (COMMUNES, "/data/communes-24.geojson", FRENCH, cs.MODE_ONLINE, "", None,
         ("file", "/data/communes-24.geojson", "file", "")),
    ],
)  # fmt: skip
def test_decide(row, value, code, mode, kit_file, kit_status, expected):
    decision = cs.decide(row, value, code, mode, kit_file, kit_status)
    assert (decision.action, decision.value, decision.how, decision.state) == expected


def test_auto_is_online_unless_the_plugin_is_offline():
    assert cs.online_allowed(cs.MODE_AUTO, False) == cs.MODE_ONLINE
    assert cs.online_allowed(cs.MODE_AUTO, True) == cs.MODE_OFFLINE
    assert cs.online_allowed(cs.MODE_ONLINE, True) == cs.MODE_ONLINE


def test_themes_come_from_the_theme_rows():
    for row in cs.sources():
        expected = [t.id for t in themes() if not row.parameter or row.parameter in t.inputs]
        assert list(cs.themes_of(row)) == expected
    assert cs.themes_of(GTFS) == ("accessibility",)
    # a source with an online form is an online input of every theme reading it
    for row in cs.sources():
        for theme in themes():
            if row.parameter in theme.inputs and row.online:
                assert row.parameter in theme.online_inputs, (row.id, theme.id)


def test_every_source_has_its_licence_and_texts_in_both_languages():
    for row in cs.sources():
        assert row.licence and row.url.startswith("https://")
        for texts in (row.title, row.attribution, row.offline_file):
            assert texts["fr"] and texts["en"]
        assert not row.fetcher or row.online


def test_status_texts_read_as_written_in_each_language():
    used = cs.SourceStatus("gtfs", cs.USED, "online", "Bus de la Riviera", "2026-03-01")
    failed = cs.SourceStatus("carpool", cs.FAILED, detail="HTTP 503")
    assert cs.status_text(used, "fr") == (
        "Horaires de transport (GTFS)\u00a0: utilisée — en ligne, 2026-03-01 (licence de l’éditeur)"
    )
    assert cs.status_text(failed, "en") == "Carpool areas (BNLC): failed — HTTP 503"
    assert cs.status_text(failed, "fr") == "Aires de covoiturage (BNLC)\u00a0: échec — HTTP 503"
    kit = cs.SourceStatus("carpool", cs.USED, "kit", "bnlc.geojson", "2026-12-01")
    assert "kit hors ligne (bnlc.geojson)" in cs.status_text(kit, "fr")


def test_a_demo_file_says_it_came_with_the_demo():
    """The demo's own crash files (resources/demo, demos.json "inputs"): the report's "Sources" page says so
    in the state, with the data's years as vintage, not the name of a folder the user never chose."""
    demo = cs.SourceStatus("crashes", cs.USED, "demo", "cap_d_ail_baac_2020", "2020")
    (row,) = cs.status_rows([demo], "fr")
    assert row["status"] == "utilisée (fichier fourni avec la démo)" and row["vintage"] == "2020"
    assert row["licence"] == "Licence Ouverte 2.0"
    assert cs.status_text(demo, "fr") == (
        "Accidents corporels (BAAC de l’ONISR)\u00a0: utilisée — fichier fourni avec la démo, 2020 "
        "(Licence Ouverte 2.0)"
    )
    assert cs.status_rows([demo], "en")[0]["status"] == "used (file shipped with the demo)"
    user = cs.SourceStatus("crashes", cs.USED, "file", "baac", "2018–2022")
    assert cs.status_rows([user], "fr")[0]["status"] == "utilisée"


def test_status_rows_for_the_report_follow_the_registry_order():
    rows = cs.status_rows(
        [
            cs.SourceStatus("carpool", cs.OFFLINE),
            cs.SourceStatus("osm", cs.USED, "file", "x.osm.pbf", "2016-05-01"),
        ],
        "fr",
    )
    assert [r["source"] for r in rows] == ["osm", "carpool"]
    assert rows[1]["status"] == "non disponible hors ligne" and rows[1]["licence"] == "ODbL-1.0"
    assert rows[0]["attribution"] == "© les contributeurs d’OpenStreetMap"
    assert rows[1]["themes"] == ["parking"]


def test_statuses_round_trip_through_the_about_table():
    statuses = [cs.SourceStatus("gtfs", cs.USED, "online", "Bus", "2026-03-01", "chosen"),
                cs.SourceStatus("crashes", cs.FAILED, detail="HTTP 503")]  # fmt: skip
    assert cs.statuses_from_json(cs.statuses_json(statuses)) == statuses
    assert cs.statuses_from_json("not json") == [] and cs.statuses_from_json(None) == []
    assert cs.statuses_from_json('[{"source": "nope", "state": "used"}]') == []


def test_licences_file_lists_every_source_in_both_languages():
    text = cs.licences_text(
        [cs.SourceStatus("carpool", cs.USED, "online"), cs.SourceStatus("gtfs", cs.NOT_FOUND)]
    )
    assert text.startswith("# Sources de ce kit hors ligne")
    assert "**Aires de covoiturage (BNLC)** — utilisée" in text and "**Carpool areas (BNLC)** — used" in text
    assert "introuvable pour ce territoire" in text


def test_acceslibre_is_a_french_online_source_of_the_accessibility_theme_under_licence_ouverte():
    assert (ACCESLIBRE.parameter, ACCESLIBRE.url_parameter, ACCESLIBRE.kit_name) == (
        "ACCESLIBRE",
        "ACCESLIBRE_API_URL",
        "acceslibre.csv",
    )
    assert ACCESLIBRE.online and ACCESLIBRE.french_only and cs.themes_of(ACCESLIBRE) == ("accessibility",)
    assert cs.by_parameter("ACCESLIBRE") is ACCESLIBRE
    used = cs.SourceStatus("acceslibre", cs.USED, "kit", "acceslibre.csv", "2026-12-04")
    assert cs.status_text(used, "fr") == (
        "Accessibilité des ERP (Acceslibre)\u00a0: utilisée — kit hors ligne (acceslibre.csv), 2026-12-04 "
        "(Licence Ouverte 2.0)"
    )
    (row,) = cs.status_rows([used], "en")
    assert row["attribution"] == "Acceslibre, ministère de la Transition écologique"
    assert row["licence_url"] == "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
    text = cs.licences_text([used])
    assert "**Accessibilité des ERP (Acceslibre)** — utilisée" in text
    assert (
        "Acceslibre, ministère de la Transition écologique — https://www.data.gouv.fr/fr/datasets/acceslibre/"
        in text
    )


def test_acceslibre_fetched_online_is_kept_in_the_export_layout_that_reads_back_the_same():
    from tests.support.acceslibre_data import api_result

    results = [
        api_result("u1", "Mairie, «\u00a0annexe\u00a0»; 1er", 7.3912345678901, 43.7, entree_plain_pied=True,
                   entree_marches=2, entree_marches_rampe="fixe", stationnement_pmr=False),
        api_result("u2", "École", 7.39, 43.71),
    ]  # fmt: skip
    found = [establishment_from_api(r) for r in results]
    assert list(read_export(io.StringIO(export_csv(found)))) == found


def test_an_online_directory_kept_as_csv_reads_back_the_same():
    schools = [
        DirectorySchool("0060001A", "École Les Copains; annexe", "Ecole", 43.7231, 7.4047, "06032", True, None, "Public", 1),
        DirectorySchool("0060002B", "Collège «\u00a0Pins\u00a0»", "Collège", 43.72, 7.4, "06032", False, False, "Privé", 2),
    ]  # fmt: skip
    back = parse_directory_csv(directory_csv(DirectoryResult(schools, [])))
    assert [(s.uai, s.name, s.kind, s.latitude, s.longitude, s.maternelle, s.elementaire, s.status)
            for s in back.schools] == [
        (s.uai, s.name, s.kind, s.latitude, s.longitude, s.maternelle, s.elementaire, s.status) for s in schools
    ]  # fmt: skip
