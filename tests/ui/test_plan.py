"""What a run does for each data source: from a prepared territory GeoPackage nothing is fetched."""

import os

import pytest

from mobility_diagnosis.ui import plan


def ids(steps):
    return [s.algorithm_id for s in steps]


def test_online_run_fetches_then_runs_each_chosen_theme_into_one_diagnosis(tmp_path):
    choice = plan.RunChoice(
        territory_text="06032", themes=["cycling", "parking"], overpass_url="http://127.0.0.1:9/x"
    )
    steps = plan.build_steps(choice, str(tmp_path), run_algorithm=plan.FETCH_ALGORITHM)

    assert ids(steps) == [plan.FETCH_ALGORITHM, "mobilitydiagnosis:cycling", "mobilitydiagnosis:parking"]
    fetch = steps[0].parameters
    assert fetch["TERRITORY"] == "06032" and "OSM_FILE" not in fetch
    assert fetch["OVERPASS_URL"] == "http://127.0.0.1:9/x"
    assert steps[1].parameters["INPUT"] == fetch["OUTPUT"] == str(tmp_path / "territory.gpkg")
    assert steps[1].parameters["OUTPUT"] == steps[2].parameters["OUTPUT"] == str(tmp_path / "diagnosis.gpkg")


def test_a_prepared_territory_runs_the_themes_with_no_fetch_step(tmp_path):
    prepared = tmp_path / "cap.gpkg"
    prepared.write_bytes(b"")
    choice = plan.RunChoice(
        source=plan.SOURCE_PREPARED, prepared_gpkg=str(prepared), themes=["cycling", "schools"]
    )

    steps = plan.build_steps(choice, str(tmp_path / "out"), run_algorithm=plan.FETCH_ALGORITHM)

    assert ids(steps) == ["mobilitydiagnosis:cycling", "mobilitydiagnosis:schools"]
    assert all(s.parameters["INPUT"] == str(prepared) for s in steps)
    assert not any("OVERPASS_URL" in s.parameters or "TERRITORY" in s.parameters for s in steps)


def test_with_diagnose_a_run_is_one_step_writing_the_package_folder(tmp_path):
    choice = plan.RunChoice(territory_text="Cap-d'Ail (06)", source=plan.SOURCE_OSM_FILE, osm_file="/x.pbf")
    steps = plan.build_steps(choice, str(tmp_path), run_algorithm=plan.DIAGNOSE_ALGORITHM)
    assert ids(steps) == [plan.DIAGNOSE_ALGORITHM]
    assert steps[0].parameters == {
        "TERRITORY": "Cap-d'Ail (06)",
        "OSM_FILE": "/x.pbf",
        "OUTPUT_FOLDER": str(tmp_path),
        "REPORT_LANGUAGE": 0,  # Français
        "THEMES": [],  # none chosen
    }


def test_with_diagnose_the_themes_and_report_language_are_passed(tmp_path):
    choice = plan.RunChoice(territory_text="06032", themes=["cycling", "schools"], report_language="en")
    steps = plan.build_steps(choice, str(tmp_path), plan.DIAGNOSE_ALGORITHM)
    assert steps[0].parameters["THEMES"] == [
        0,
        3,
    ]  # diagnose's THEMES order: cycling, accessibility, parking, schools
    assert steps[0].parameters["REPORT_LANGUAGE"] == 1  # Français, English


def test_with_diagnose_a_prepared_territory_uses_territory_gpkg(tmp_path):
    choice = plan.RunChoice(source=plan.SOURCE_PREPARED, prepared_gpkg="/p.gpkg", themes=["cycling"])

    steps = plan.build_steps(choice, str(tmp_path), plan.DIAGNOSE_ALGORITHM)

    assert ids(steps) == [plan.DIAGNOSE_ALGORITHM]
    assert steps[0].parameters == {
        "TERRITORY_GPKG": "/p.gpkg",
        "OUTPUT_FOLDER": str(tmp_path),
        "REPORT_LANGUAGE": 0,
        "THEMES": [0],
    }


@pytest.mark.parametrize(
    ("choice", "expected"),
    [
        (plan.RunChoice(), "INSEE"),
        (plan.RunChoice(territory_text="06032", source=plan.SOURCE_OSM_FILE, osm_file="/nowhere.pbf"), "OSM"),
        (plan.RunChoice(source=plan.SOURCE_PREPARED, prepared_gpkg=""), "Prepare for offline use"),
        (plan.RunChoice(territory_text="06032"), None),
    ],
)
def test_choices_that_cannot_run_are_explained(choice, expected, qgis_app):
    message = plan.check_choice(choice)
    if expected is None:
        assert message is None
    else:
        assert expected in message


@pytest.mark.parametrize(
    ("text", "folder"),
    [
        ("Cap-d'Ail (06)", "Cap-d-Ail-06"),
        ("osm:relation/2220322", "osm-relation-2220322"),
        ("Évry", "Evry"),
        ("", "territory"),
    ],
)
def test_folder_names_are_plain(text, folder):
    assert plan.folder_name(text) == folder


def test_the_map_canvas_extent_goes_to_territory_extent(tmp_path):
    from qgis.core import QgsCoordinateReferenceSystem, QgsRectangle, QgsReferencedRectangle

    extent = QgsReferencedRectangle(
        QgsRectangle(825434.0, 5423445.6, 826547.2, 5424524.0), QgsCoordinateReferenceSystem("EPSG:3857")
    )
    choice = plan.RunChoice(territory_extent=extent, overpass_url="http://127.0.0.1:9/x")
    assert plan.check_choice(choice) is None
    steps = plan.build_steps(choice, str(tmp_path), run_algorithm=plan.DIAGNOSE_ALGORITHM)
    params = steps[0].parameters
    assert params["TERRITORY_EXTENT"] is extent and params["TERRITORY"] == ""
    assert "TERRITORY_LAYER" not in params


def test_the_demos_are_the_french_commune_first_then_monaco():
    demos = plan.demos()
    assert [(d.key, d.territory) for d in demos] == [
        ("cap-d-ail", "06032"),
        ("monaco", "osm:relation/2220322"),
    ]
    assert plan.demo() == demos[0]
    assert all(os.path.isfile(d.osm_file) for d in demos)
    with pytest.raises(KeyError, match="cap-d-ail, monaco"):
        plan.demo("paris")


def test_a_demo_brings_its_own_source_files_to_the_dock_and_diagnose(tmp_path):
    """demos.json's "inputs" (Cap-d'Ail's 2020 crash files) fill the dock's inputs and reach diagnose under
    their parameter; Monaco brings none."""
    cap_dail, monaco = plan.demos()
    folder = os.path.join(os.path.dirname(plan.DEMOS_FILE), "cap_d_ail_baac_2020")
    assert cap_dail.inputs == {"CRASHES": folder} and os.path.isfile(
        os.path.join(folder, "caracteristiques-2020.csv")
    )
    dock_inputs = [row.parameter for row in plan.dock_sources()]
    files = plan.demo_source_files(cap_dail, dock_inputs)
    assert files == {"CRASHES": folder}
    assert plan.demo_source_files(monaco, dock_inputs) == {}
    assert plan.demo_source_files(cap_dail, ["GTFS"]) == {}  # only inputs the dock has
    choice = plan.RunChoice(
        territory_text=cap_dail.territory, source=plan.SOURCE_OSM_FILE, osm_file=cap_dail.osm_file,
        themes=["safety"], source_files=files, offline=True,
    )  # fmt: skip
    params = plan.build_steps(choice, str(tmp_path), plan.DIAGNOSE_ALGORITHM)[0].parameters
    assert params["CRASHES"] == folder and params["OSM_FILE"] == cap_dail.osm_file
    assert params["TERRITORY"] == "06032"


def test_the_dock_source_inputs_become_diagnose_parameters(tmp_path):
    """A file given for a source goes to diagnose under its parameter; an empty input is left out (the
    default, online where it applies); "work offline" is diagnose's SOURCES offline."""
    choice = plan.RunChoice(
        territory_text="06032",
        themes=["accessibility", "parking"],
        source_files={"GTFS": "/data/feed.zip", "CARPOOL": "", "SCHOOLS_DIRECTORY": "",
                      "ACCESLIBRE": "/data/acceslibre.csv"},
        offline=True,
    )  # fmt: skip
    params = plan.build_steps(choice, str(tmp_path), plan.DIAGNOSE_ALGORITHM)[0].parameters
    assert params["GTFS"] == "/data/feed.zip" and "CARPOOL" not in params
    assert params["ACCESLIBRE"] == "/data/acceslibre.csv"
    assert params["SOURCES"] == 2  # auto, online, offline
    online = plan.build_steps(plan.RunChoice(territory_text="06032", themes=["parking"]), str(tmp_path))
    assert "SOURCES" not in online[0].parameters


ERP = "Accessibilité des ERP (Acceslibre)"  # the Acceslibre source's French title (core.sources)


@pytest.mark.parametrize(
    ("files", "offline_setting", "code", "expected"),
    [
        ({}, False, "06032",
         "Utilisées\u00a0: OpenStreetMap (Overpass (en ligne)), Horaires de transport (GTFS) (en ligne), "
         f"Aires de covoiturage (BNLC) (en ligne), {ERP} (en ligne).\n"
         "Non utilisées\u00a0: Carroyage de population (aucun fichier)."),
        ({"GTFS": "/f.zip"}, True, "06032",
         "Utilisées\u00a0: OpenStreetMap (Overpass (en ligne)), Horaires de transport (GTFS) (fichier).\n"
         f"Non utilisées\u00a0: Aires de covoiturage (BNLC) (pas hors ligne), {ERP} (pas hors ligne), "
         "Carroyage de population (aucun fichier)."),
        ({"ACCESLIBRE": "/acceslibre-export.csv"}, True, "06032",
         f"Utilisées\u00a0: OpenStreetMap (Overpass (en ligne)), {ERP} (fichier).\nNon utilisées\u00a0: "
         "Horaires de transport (GTFS) (pas hors ligne), Aires de covoiturage (BNLC) (pas hors ligne), "
         "Carroyage de population (aucun fichier)."),
        ({}, False, "",
         "Utilisées\u00a0: OpenStreetMap (Overpass (en ligne)).\nNon utilisées\u00a0: Horaires de transport (GTFS) "
         f"(sans objet), Aires de covoiturage (BNLC) (sans objet), {ERP} (sans objet), "
         "Carroyage de population (aucun fichier)."),
    ],
)  # fmt: skip
def test_the_sources_line_says_what_a_run_will_use(files, offline_setting, code, expected):
    choice = plan.RunChoice(territory_text=code, themes=["accessibility", "parking"], source_files=files)
    assert plan.sources_line(choice, code, offline_setting, "fr") == expected


def test_a_typed_commune_is_known_by_its_insee_code():
    assert plan.territory_code("Cap-d'Ail (06)") == "06032"
    assert plan.territory_code("06032") == "06032"
    assert plan.territory_code("osm:relation/2220322") == ""


def test_each_source_input_says_what_an_empty_input_means():
    """The census goes online only when asked: empty, its input means the shipped tables; the flows and the
    commune centres are online by default for a French commune; the population grid is nothing."""
    from mobility_diagnosis.core import sources as cs

    shown = {
        sid: plan.source_default(cs.source(sid), "fr")
        for sid in ("census", "flows", "communes", "population")
    }
    assert shown == {
        "census": "tables fournies avec l’extension", "flows": "en ligne (par défaut)",
        "communes": "en ligne (par défaut)", "population": plan.source_texts("fr")["none_default"],
    }  # fmt: skip


def test_offline_an_online_source_input_says_it_reads_nothing():
    """Offline (the dock's switch or the plugin setting) nothing is downloaded: the inputs that would go
    online say so; the shipped census tables are still read."""
    from mobility_diagnosis.core import sources as cs

    shown = {
        sid: plan.source_default(cs.source(sid), "fr", offline=True)
        for sid in ("gtfs", "census", "population")
    }
    assert shown == {"gtfs": "aucun (hors ligne)", "census": "tables fournies avec l’extension",
                     "population": "aucun (facultatif)"}  # fmt: skip
