"""``diagnose`` end to end on the bundled Monaco territory (offline), with every theme, and its folder
safety: refuse, overwrite, cancel."""

import json
import os
from pathlib import Path

import pytest
from qgis.core import QgsProcessingException, QgsProcessingFeedback

ROOT = Path(__file__).resolve().parents[2]
DEMO = str(ROOT / "mobility_diagnosis" / "resources" / "demo" / "monaco_2023.osm.pbf")
EXPECTED = {"diagnosis.gpkg", "report.pdf", "indicators.csv", "datapackage.json", "README.md", "LICENSE"}


def diagnose(run_alg, folder, feedback=None, **extra):
    params = {"TERRITORY": "osm:relation/2220322", "OSM_FILE": DEMO, "OUTPUT_FOLDER": str(folder), **extra}
    return run_alg("mobilitydiagnosis:diagnose", params, feedback)


@pytest.fixture(scope="module")
def demo_package(tmp_path_factory, provider):
    import processing

    folder = tmp_path_factory.mktemp("demo") / "monaco"
    result = processing.run(
        "mobilitydiagnosis:diagnose",
        {
            "TERRITORY": "osm:relation/2220322",
            "OSM_FILE": DEMO,
            "OUTPUT_FOLDER": str(folder),
            "REPORT_LANGUAGE": 0,
        },
    )
    return folder, result


def test_demo_makes_the_whole_package(demo_package):
    folder, result = demo_package
    names = set(os.listdir(folder))
    assert names >= EXPECTED
    # the staging folder and the work folder (territory, the themes' own GeoPackages) are gone
    assert not [n for n in os.listdir(folder.parent) if n.startswith((".tmp", ".old", ".md-work-"))]
    assert not [n for n in names if n.endswith(".gpkg") and n != "diagnosis.gpkg"]
    assert result["DIAGNOSIS"] == str(folder / "diagnosis.gpkg")
    assert result["THEMES_RUN"].split(",")[0] == "cycling"
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    assert {r["path"] for r in descriptor["resources"]} == names - {"datapackage.json"}
    assert descriptor["territory"] == {"code": "MC", "name": "Monaco"}
    # Monaco has no INSEE code: the BNAC file cannot exist, and the README says why (in French by default)
    assert "amenagements_cyclables.geojson" not in names
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert "`amenagements_cyclables.geojson` non produit" in readme
    assert "Ouvrir le paquet" in readme


def test_datapackage_is_valid_for_frictionless(demo_package):
    from frictionless import validate

    folder, _ = demo_package
    report = validate(str(folder / "datapackage.json"))
    assert report.valid, report.flatten(["type", "note"])


def test_datapackage_catches_a_changed_file(demo_package, tmp_path):
    """The sizes and hashes are checked: a package altered after the fact is reported."""
    import shutil

    from frictionless import validate

    folder, _ = demo_package
    copy = tmp_path / "copy"
    shutil.copytree(folder, copy)
    with open(copy / "indicators.csv", "a", encoding="utf-8") as f:
        f.write("cycling,extra,Extra,1,count\n")
    assert not validate(str(copy / "datapackage.json")).valid


def test_indicators_csv_matches_the_geopackage(demo_package):
    import csv

    from osgeo import ogr

    folder, _ = demo_package
    with open(folder / "indicators.csv", encoding="utf-8") as f:
        rows = {(r["theme"], r["indicator"]): r["value"] for r in csv.DictReader(f)}
    ds = ogr.Open(str(folder / "diagnosis.gpkg"))
    stored = {
        (f.GetField("theme"), f.GetField("indicator")): f.GetField("value")
        for f in ds.GetLayerByName("indicators")
    }
    assert rows.keys() == stored.keys()
    for key, value in stored.items():
        assert rows[key] == ("" if value is None else repr(float(value)))


def test_non_empty_folder_is_refused_and_left_alone(run_alg, tmp_path):
    folder = tmp_path / "pkg"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(QgsProcessingException, match="not empty"):
        diagnose(run_alg, folder)
    assert os.listdir(folder) == ["notes.txt"]
    assert sorted(os.listdir(tmp_path)) == ["pkg"]


class CancelAtStep(QgsProcessingFeedback):
    """Cancels when a message containing ``marker`` is pushed (i.e. in the middle of the run)."""

    def __init__(self, marker):
        super().__init__()
        self.marker = marker

    def pushInfo(self, info):
        super().pushInfo(info)
        if self.marker in info:
            self.cancel()


@pytest.mark.parametrize("marker", ["Step 2", "report"])
def test_cancel_keeps_the_previous_package(run_alg, tmp_path, marker):
    folder = tmp_path / "pkg"
    folder.mkdir()
    (folder / "README.md").write_text("previous package", encoding="utf-8")
    with pytest.raises(QgsProcessingException, match="Cancelled"):
        diagnose(run_alg, folder, CancelAtStep(marker), OVERWRITE=True)
    assert os.listdir(folder) == ["README.md"]
    assert (folder / "README.md").read_text(encoding="utf-8") == "previous package"
    assert sorted(os.listdir(tmp_path)) == ["pkg"]  # no staging folder left behind


def test_merged_diagnosis_passes_gdal_validate_gpkg(demo_package):
    """diagnose builds diagnosis.gpkg by merging the themes' own GeoPackages: still a valid GeoPackage."""
    validate_gpkg = pytest.importorskip(
        "osgeo_utils.samples.validate_gpkg",
        reason="GDAL's validate_gpkg.py ships with python3-gdal (osgeo_utils)",
    )
    folder, _ = demo_package
    validate_gpkg.check(str(folder / "diagnosis.gpkg"))  # raises on the first violation


def test_overwrite_replaces_a_package_and_english_on_request(run_alg, tmp_path):
    folder = tmp_path / "pkg"
    folder.mkdir()
    (folder / "stale.txt").write_text("old", encoding="utf-8")
    diagnose(run_alg, folder, OVERWRITE=True, REPORT_LANGUAGE=1, THEMES=[0])
    names = set(os.listdir(folder))
    assert "stale.txt" not in names and names >= EXPECTED
    assert "How to open it" in (folder / "README.md").read_text(encoding="utf-8")
    assert sorted(os.listdir(tmp_path)) == ["pkg"]


def test_temporary_output_folder(run_alg):
    """The Processing dialog's default (a temporary folder) works like a chosen one."""
    result = diagnose(run_alg, "TEMPORARY_OUTPUT", THEMES=[0])
    folder = Path(result["OUTPUT_FOLDER"])
    assert folder.is_absolute() and folder.name != "TEMPORARY_OUTPUT"
    assert set(os.listdir(folder)) >= EXPECTED


def test_french_commune_gets_the_national_schema_files(run_alg, provider, tmp_path):
    """Cap-d'Ail (06032) from a real extract: with the real cycling and parking themes, the BNAC GeoJSON and
    the bike-parking CSV are in the package, listed and valid in datapackage.json, and Licence Ouverte is
    credited (the commune came from the bundled Etalab list)."""
    from qgis.core import QgsApplication

    from tests.conftest import data_path

    registry = QgsApplication.processingRegistry()
    for theme in ("cycling", "parking"):
        alg = registry.algorithmById(f"mobilitydiagnosis:{theme}")
        if alg is None or "stand-in" in alg.displayName():
            pytest.skip(f"the real {theme} theme is not on this branch")
    from frictionless import validate

    folder = tmp_path / "capdail"
    params = {"TERRITORY": "06032", "OSM_FILE": str(data_path("osm", "monaco_communes_2016.osm.pbf")),
              "OUTPUT_FOLDER": str(folder), "THEMES": [0, 2]}  # fmt: skip
    run_alg("mobilitydiagnosis:diagnose", params)
    names = set(os.listdir(folder))
    assert {"amenagements_cyclables.geojson", "stationnement_cyclable.csv"} <= names
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    assert [lic["name"] for lic in descriptor["licenses"]] == ["ODbL-1.0", "etalab-2.0"]
    bnac = next(r for r in descriptor["resources"] if r["path"] == "amenagements_cyclables.geojson")
    assert bnac["mediatype"] == "application/geo+json" and bnac["licenses"][0]["name"] == "ODbL-1.0"
    report = validate(str(folder / "datapackage.json"))
    assert report.valid, report.flatten(["type", "note"])
    geojson = json.loads((folder / "amenagements_cyclables.geojson").read_text(encoding="utf-8"))
    assert (
        geojson["type"] == "FeatureCollection"
    )  # Cap-d'Ail 2016 has no cycle facility: an empty, valid file
    assert all(f["properties"]["code_com_d"] == "06032" for f in geojson["features"])
    # the empty files say why, in the README and in datapackage.json: no facility and no bike stand mapped
    assert geojson["features"] == []
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert "Vide : aucun aménagement cyclable (bande, piste, double sens…) n’est cartographié" in readme
    assert "Vide : aucun stationnement vélo n’est cartographié dans OpenStreetMap" in readme
    assert "réalisé le " in readme and "T0" not in readme.split("réalisé le ")[1][:20]  # a date in words
    assert "Vide : aucun aménagement cyclable" in bnac["description"]


def test_prepared_territory_geopackage_is_used_and_kept(run_alg, tmp_path):
    """TERRITORY_GPKG (the dock's “prepared territory”): no fetch, the file is left where it was."""
    territory = tmp_path / "monaco.gpkg"
    run_alg(
        "mobilitydiagnosis:fetchterritory",
        {"TERRITORY": "osm:relation/2220322", "OSM_FILE": DEMO, "OUTPUT": str(territory)},
    )
    before = territory.read_bytes()
    result = run_alg(
        "mobilitydiagnosis:diagnose",
        {"TERRITORY_GPKG": str(territory), "THEMES": [0], "OUTPUT_FOLDER": str(tmp_path / "pkg")},
    )
    assert "Step 1: using the territory GeoPackage" in " ".join(result["_feedback"].messages)
    assert set(os.listdir(tmp_path / "pkg")) >= EXPECTED
    assert territory.read_bytes() == before


def test_bad_prepared_territory_is_a_clear_error(run_alg, tmp_path):
    from osgeo import ogr

    bad = tmp_path / "bad.gpkg"
    ogr.GetDriverByName("GPKG").CreateDataSource(str(bad)).CreateLayer("notes", None, ogr.wkbNone)
    with pytest.raises(QgsProcessingException, match="territory|about"):
        run_alg(
            "mobilitydiagnosis:diagnose", {"TERRITORY_GPKG": str(bad), "OUTPUT_FOLDER": str(tmp_path / "pkg")}
        )
    assert sorted(os.listdir(tmp_path)) == ["bad.gpkg"]


def test_gtfs_online_is_passed_to_the_accessibility_theme(run_alg, tmp_path):
    """GTFS=online and ACCESLIBRE=online for Monaco, which has no INSEE code: the national access point does not
    cover it, and Acceslibre's API is for French communes only: no request is made, each source's status says
    why; the package is still written."""
    result = run_alg(
        "mobilitydiagnosis:diagnose",
        {"TERRITORY": "osm:relation/2220322", "OSM_FILE": DEMO, "GTFS": "online", "ACCESLIBRE": "online",
         "THEMES": [1], "OUTPUT_FOLDER": str(tmp_path / "pkg")},
    )  # fmt: skip
    messages = " ".join(result["_feedback"].messages)
    assert "Horaires de transport (GTFS)\u00a0: sans objet pour ce territoire" in messages
    descriptor = json.loads((tmp_path / "pkg" / "datapackage.json").read_text(encoding="utf-8"))
    states = {r["source"]: r["state"] for r in descriptor["source_status"]}
    assert states["gtfs"] == states["acceslibre"] == "not_applicable"
    assert (
        "Accessibilité des ERP (Acceslibre)\u00a0: sans objet pour ce territoire (communes françaises"
        in messages
    )
    assert set(os.listdir(tmp_path / "pkg")) >= EXPECTED
