"""``make demo``'s path: the default demo of resources/demo/demos.json (the French commune Cap-d'Ail, INSEE 06032,
OSM data of March 2016, with its own 2020 crash files) through ``diagnose`` with the parameters scripts/demo.sh
gives qgis_process, offline: the French-only outputs are there (national files, figures per 1,000 residents, the
data date on the cover, the crashes), and a page without its input file says so in one sentence."""

import csv
import importlib.util
import json
import shutil
import subprocess  # nosec B404
import sys
import unicodedata
from pathlib import Path

import pytest
from osgeo import ogr

from mobility_diagnosis.ui import plan
from tests.conftest import data_path

ROOT = Path(__file__).resolve().parents[2]
SHARED_CRASHES = data_path("fr", "baac_caracteristiques_2020_partial.csv")
PDFTOTEXT = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is missing"
)


def demo_sh_parameters() -> dict:
    """The parameters scripts/demo.sh hands qgis_process, read from the script itself."""
    script = (ROOT / "scripts" / "demo.sh").read_text(encoding="utf-8")
    run = script[script.index("run mobilitydiagnosis:diagnose --") :].split("\n\n")[0]
    return {word.split("=")[0] for word in run.replace("\\", " ").split() if "=" in word}


def demo_sh_rows(key: str) -> list[str]:
    """What scripts/demo.sh's own reading of demos.json prints for a demo: its territory line, then one
    PARAMETER=path line per input it hands qgis_process."""
    script = (ROOT / "scripts" / "demo.sh").read_text(encoding="utf-8")
    code = script[script.index("<<'PY'\n") + len("<<'PY'\n") : script.index("\nPY\n")]
    demos = ROOT / "mobility_diagnosis" / "resources" / "demo" / "demos.json"
    run = subprocess.run(  # nosec B603
        [sys.executable, "-c", code, str(demos), key], capture_output=True, text=True, check=True
    )
    return run.stdout.splitlines()


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
        **demo.inputs,  # CRASHES: the demo's own 2020 crash files
    }
    assert set(params) == demo_sh_parameters() | set(demo.inputs)  # the same parameters as make demo
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


@PDFTOTEXT
def test_the_cover_says_the_commune_and_the_date_of_its_osm_data(demo_package):
    _demo, folder = demo_package
    cover = subprocess.run(  # nosec B603 B607
        ["pdftotext", "-l", "1", str(folder / "report.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Cap-d'Ail (06032)" in cover
    # the extract's header timestamp (2016-03-05), carried over by the cut, in words
    assert "données au 5 mars 2016" in " ".join(cover.split())


def test_demo_sh_hands_each_demo_its_own_inputs():
    demo = plan.demo()
    rows = demo_sh_rows(demo.key)
    assert rows[0].split("\t") == [demo.territory, Path(demo.osm_file).name, demo.label]
    assert (
        rows[1:]
        == [f"{name}={path}" for name, path in demo.inputs.items()]
        == [f"CRASHES={ROOT / 'mobility_diagnosis' / 'resources' / 'demo' / 'cap_d_ail_baac_2020'}"]
    )
    assert demo_sh_rows("monaco")[1:] == []


def _shared_crashes_of(code: str) -> dict[str, str]:
    """Num_Acc → date (YYYY-MM-DD) of a commune's rows in the shared 2020 file, read here with the csv module
    alone (its own layout: a leading index column, ';', no quotes), not with the plugin's reader."""
    with open(SHARED_CRASHES, encoding="utf-8", newline="") as f:
        rows = [row for row in csv.DictReader(f, delimiter=";") if row["com"] == code]
    return {r["Num_Acc"]: f"{int(r['an']):04d}-{int(r['mois']):02d}-{int(r['jour']):02d}" for r in rows}


def test_the_demo_maps_the_six_crashes_of_2020_with_their_dates(demo_package):
    _demo, folder = demo_package
    expected = _shared_crashes_of("06032")
    assert len(expected) == 6
    ds = ogr.Open(str(folder / "diagnosis.gpkg"))
    layer = ds.GetLayerByName("road_crashes")
    found = {f.GetField("num_acc"): f for f in layer}
    assert {n: f.GetField("date") for n, f in found.items()} == expected
    for feature in found.values():
        assert feature.GetGeometryRef() is not None and feature.GetField("inside") == 1
        # no usagers nor vehicules table of 2020 in the shared data: who was hurt is not recorded, never 0
        assert feature.IsFieldNull("killed") and feature.IsFieldNull("hospitalised")
        assert feature.IsFieldNull("cyclist") and feature.IsFieldNull("users")
        assert feature.GetField("severity") == "unknown"
        assert feature.GetField("severity_label").startswith("non renseignée")
        assert feature.GetField("users_label").startswith("non renseignés")
    values = {
        f.GetField("indicator"): f for f in ds.GetLayerByName("indicators") if f.GetField("theme") == "safety"
    }
    assert values["crashes_2020"].GetField("value") == 6
    for name in ("killed", "hospitalised", "casualties_per_year", "act_here_first_streets"):
        assert values[name].IsFieldNull("value"), name
        assert "non renseigné" in values[name].GetField("label"), name


def test_the_demo_says_its_crash_files_came_with_it(demo_package):
    _demo, folder = demo_package
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    text = json.dumps(descriptor, ensure_ascii=False)
    assert "utilisée (fichier fourni avec la démo)" in text
    crashes = [s for s in _sources(descriptor) if s.get("source") == "crashes"]
    assert crashes and crashes[0]["vintage"] == "2020" and crashes[0]["how"] == "demo"


def _sources(node) -> list:
    """The source rows anywhere in the package descriptor."""
    if isinstance(node, dict):
        if "source" in node and "state" in node:
            return [node]
        return [row for value in node.values() for row in _sources(value)]
    if isinstance(node, list):
        return [row for value in node for row in _sources(value)]
    return []


def _page(pdf: Path, title: str) -> str:
    """The text of the report page whose band reads ``title``, its spaces plain."""
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout  # nosec
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    for number in range(2, pages + 1):
        text = subprocess.run(  # nosec B603 B607
            ["pdftotext", "-f", str(number), "-l", str(number), str(pdf), "-"],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        if text.strip().splitlines()[0] == title:
            return " ".join(unicodedata.normalize("NFKC", text).split())  # no ligatures (ﬁ), no-break spaces
    raise AssertionError(f"no page {title!r}")


@PDFTOTEXT
def test_the_synthesis_sets_the_commute_against_the_communes_peers(demo_package):
    """The bundled census figures of Cap-d'Ail against its density class, its département and France."""
    _demo, folder = demo_package
    synthesis = _page(folder / "report.pdf", "Synthèse et actions")
    assert (
        "Point fort : 28,5 % des actifs occupés vont travailler en voiture, contre 46,7 % dans les communes de "
        "même densité, 63,4 % dans le département et 70,1 % en France (Insee, recensement)." in synthesis
    )
    assert "Point faible : 1,3 % des actifs occupés vont travailler à vélo, contre 5,3 %" in synthesis


# Parameter names that are also the data's own names, which the report may print (« Horaires (GTFS) »)
DATA_NAMES = {"GTFS"}


@PDFTOTEXT
def test_the_report_names_no_parameter_of_the_algorithm(demo_package):
    """A council reads the report: « indiquez dans FLOWS » is for the log, not for the page."""
    import re

    from qgis.core import QgsApplication

    _demo, folder = demo_package
    text = subprocess.run(  # nosec B603 B607
        ["pdftotext", str(folder / "report.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    words = set(re.findall(r"[A-Z][A-Z_]+", unicodedata.normalize("NFKC", text)))
    diagnose = QgsApplication.processingRegistry().algorithmById("mobilitydiagnosis:diagnose")
    names = {p.name() for p in diagnose.parameterDefinitions()} - DATA_NAMES
    assert len(names) > 20 and {"FLOWS", "CRASHES", "COMMUNES"} <= names
    assert not words & names, sorted(words & names)


@PDFTOTEXT
def test_the_report_reads_the_crashes_and_says_once_why_commuting_is_missing(demo_package):
    _demo, folder = demo_package
    pdf = folder / "report.pdf"
    safety = _page(pdf, "Sécurité routière")
    assert "6 accidents corporels sur la seule année de fichiers lue." in safety
    # the crash files lack their usagers and vehicules tables: the page says so once, each row stays short
    assert safety.count("pas de fichier") == 0 and safety.count("manquent") == 1
    assert (
        "La gravité et les usagers ne sont pas renseignés : les fichiers « usagers » et « véhicules » de ces "
        "accidents manquent." in safety
    )
    assert (
        "Personnes tuées non renseigné" in safety and "Cyclistes tués ou hospitalisés non renseigné" in safety
    )
    assert "— non renseigné" not in safety  # no label repeats the reason
    # indicators.csv keeps the whole label: a row read alone still says why
    with open(folder / "indicators.csv", encoding="utf-8") as f:
        labels = {r["indicator"]: r["label"] for r in csv.DictReader(f) if r["theme"] == "safety"}
    killed = unicodedata.normalize("NFKC", labels["killed"])
    assert killed.endswith("non renseigné : pas de fichier « usagers » pour ces accidents")
    schools = _page(pdf, "Écoles")  # no school mapped in 2016: one sentence, no table of 0 and « non … »
    assert "Aucune école n’est cartographiée" in schools
    assert "Chiffres clés" not in schools and "non disponible" not in schools
    # no flows file in the demo: no commuting page of one sentence, the synthesis says why
    with pytest.raises(AssertionError, match="no page"):
        _page(pdf, "Domicile-travail")
    synthesis = _page(pdf, "Synthèse et actions")
    assert "Thème non évalué, faute de données (il n’a pas de page)" in synthesis
    assert (
        "Domicile-travail : non disponible (le fichier des flux domicile-travail de l’Insee, MOBPRO"
        in synthesis
    )
    sources = _page(pdf, "Annexe — Sources des données")
    assert "fichier fourni avec la démo" in sources and "2020" in sources


def test_the_bundled_crash_kit_is_what_its_script_makes_from_the_shared_file(tmp_path, monkeypatch):
    spec = importlib.util.spec_from_file_location(
        "build_demo_crashes", ROOT / "scripts" / "build_demo_crashes.py"
    )
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    monkeypatch.setattr(script, "TARGET", tmp_path)
    script.main(SHARED_CRASHES.parent)
    bundled = Path(plan.demo().inputs["CRASHES"])
    assert (
        sorted(p.name for p in tmp_path.iterdir())
        == sorted(p.name for p in bundled.iterdir())
        == ["caracteristiques-2020.csv"]
    )
    assert (tmp_path / "caracteristiques-2020.csv").read_bytes() == (
        bundled / "caracteristiques-2020.csv"
    ).read_bytes()
    assert sum(p.stat().st_size for p in bundled.iterdir()) < 4096  # a few hundred bytes in the plugin zip
