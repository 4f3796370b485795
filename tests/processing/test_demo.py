"""``make demo``'s path: the default demo of resources/demo/demos.json (the French commune Cap-d'Ail, INSEE 06032,
OSM data of March 2016) through ``diagnose`` with the parameters scripts/demo.sh gives qgis_process, offline:
the French-only outputs are there (national files, figures per 1,000 residents, the data date on the cover)."""

import csv
import json
import shutil
import subprocess  # nosec B404
from pathlib import Path

import pytest
from osgeo import ogr

from mobility_diagnosis.ui import plan

ROOT = Path(__file__).resolve().parents[2]


def demo_sh_parameters() -> dict:
    """The parameters scripts/demo.sh hands qgis_process, read from the script itself."""
    script = (ROOT / "scripts" / "demo.sh").read_text(encoding="utf-8")
    run = script[script.index("run mobilitydiagnosis:diagnose --") :].split("\n\n")[0]
    return {word.split("=")[0] for word in run.replace("\\", " ").split() if "=" in word}


@pytest.fixture(scope="module")
def demo_package(tmp_path_factory, provider):
    import processing

    demo = plan.demo()
    folder = tmp_path_factory.mktemp("make-demo") / demo.key
    params = {
        "TERRITORY": demo.territory,
        "OSM_FILE": demo.osm_file,
        "REPORT_LANGUAGE": 0,
        "OVERWRITE": True,
        "SOURCES": 2,  # offline: the demo is for workshops without network
        "OUTPUT_FOLDER": str(folder),
    }
    assert set(params) == demo_sh_parameters()  # the same parameters as make demo
    processing.run("mobilitydiagnosis:diagnose", params)
    return demo, folder


def test_the_default_demo_is_a_french_commune_from_its_bundled_extract(demo_package):
    demo, folder = demo_package
    assert demo.territory == "06032"
    assert Path(demo.osm_file).parent == ROOT / "mobility_diagnosis" / "resources" / "demo"
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["territory"] == {"code": "06032", "name": "Cap-d'Ail"}


def test_make_demo_writes_the_national_files_of_the_commune(demo_package):
    _demo, folder = demo_package
    bnac = json.loads((folder / "amenagements_cyclables.geojson").read_text(encoding="utf-8"))
    assert bnac["type"] == "FeatureCollection"
    # every facility of the file belongs to the commune (none in the 2016 data of Cap-d'Ail)
    assert all(f["properties"]["code_com_d"] == "06032" for f in bnac["features"])
    with open(folder / "stationnement_cyclable.csv", encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        rows = list(reader)
    example = ROOT.parent / "shared" / "data" / "schemas" / "stationnement-cyclable_exemple-valide.csv"
    with open(example, encoding="utf-8-sig", newline="") as f:
        assert reader.fieldnames == next(csv.reader(f))  # the national schema's columns, in its order
    assert all(row["code_com"] == "06032" for row in rows)


def test_the_figures_per_1000_residents_use_the_bundled_population(demo_package):
    _demo, folder = demo_package
    with open(folder / "indicators.csv", encoding="utf-8", newline="") as f:
        per_1000 = {
            row["indicator"]: row["value"] for row in csv.DictReader(f) if row["unit"] == "per 1000 residents"
        }
    assert per_1000, "no figure per 1,000 residents"
    ds = ogr.Open(str(folder / "diagnosis.gpkg"))
    territory = ds.GetLayerByName("territory").GetNextFeature()
    assert territory.GetField("population") == 4482  # resources/data/communes.csv
    values = {f.GetField("indicator"): f.GetField("value") for f in ds.GetLayerByName("indicators")}
    spaces = values["car_spaces_off_street"] + values["car_spaces_on_street"]
    assert spaces > 0
    assert values["car_spaces_per_1000"] == pytest.approx(spaces * 1000 / 4482, abs=0.05)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is missing")
def test_the_cover_says_the_commune_and_the_date_of_its_osm_data(demo_package):
    _demo, folder = demo_package
    cover = subprocess.run(  # nosec B603 B607
        ["pdftotext", "-l", "1", str(folder / "report.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Cap-d'Ail (06032)" in cover
    # the extract's header timestamp (2016-03-05), carried over by the cut, in words
    assert "données au 5 mars 2016" in " ".join(cover.split())
