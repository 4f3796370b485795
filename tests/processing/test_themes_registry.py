"""The theme registry (core/themes.py) is the only list of themes. Every row is complete (its algorithm in the
provider, its styles, its texts in both languages, its layers in the layer-to-theme table, its report page),
and a theme added at run time by one row and its algorithm alone goes through ``diagnose`` into every part of
the package: diagnosis.gpkg, the stored project, report.pdf and indicators.csv."""

from __future__ import annotations

import csv
import importlib
import os
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from osgeo import ogr

from mobility_diagnosis.core import themes
from mobility_diagnosis.core.indicators import Indicator
from mobility_diagnosis.core.package_text import layer_text, layer_theme
from mobility_diagnosis.processing.theme_base import ThemeAlgorithm, ThemeResult
from mobility_diagnosis.qgis_io.gpkg.diagnosis import STYLES_DIR, LayerSpec
from mobility_diagnosis.qgis_io.gpkg.project import project_uri

# INTERFACE.md: the THEMES enum of diagnose and diagnosemany, in this order (new themes go at the end)
PROMISED_ORDER = ("cycling", "accessibility", "parking", "schools")

# ------------------------------------------------------------------------------- a throw-away theme
TINY = themes.Theme(
    id="tiny",
    algorithm_id="mobilitydiagnosis:tiny",
    module="",  # registered by the test itself, not by processing/algorithms.py
    algorithm_class="",
    title={"en": "Tiny test theme", "fr": "Thème d’essai minuscule"},
    label={"en": "Tiny test theme (label)", "fr": "Thème d’essai minuscule (libellé)"},
    summary={"en": "Bike parkings, one point each.", "fr": "Les stationnements vélo, un point chacun."},
    layers=(
        themes.ThemeLayer(
            "tiny_bike_parking",
            {"en": "Tiny: bike parkings", "fr": "Minuscule : stationnements vélo"},
            {"en": "Every bike parking of the territory.", "fr": "Chaque stationnement vélo du territoire."},
        ),
    ),
    main_layer="tiny_bike_parking",
    headline="bike_parking_points",
    better={"bike_parking_points": "higher"},
    readings=(
        themes.ReadingTemplate(
            ("bike_parking_points",),
            {
                "en": "The tiny theme counted {bike_parking_points} bike parkings.",
                "fr": "Le thème minuscule a compté {bike_parking_points} stationnements vélo.",
            },
        ),
    ),
    cost=0.1,
    territory_layers=("bike_parking",),
    # diagnose's helper process builds its provider from the shipped rows: this one must run here
    main_process=True,
)


class TinyAlgorithm(ThemeAlgorithm):
    """One layer and one indicator; its layers come from its registry row (theme_base)."""

    theme = "tiny"

    def name(self):
        return "tiny"

    def displayName(self):
        return "Tiny test theme"

    def run_theme(self, territory, parameters, context, feedback):
        spec = LayerSpec("tiny_bike_parking", "Point", [("osm_id", "int")])
        rows = [
            (f.geometry, {"osm_id": f.osm_id}) for f in territory.features("bike_parking", inside_only=True)
        ]
        indicator = Indicator("tiny", "bike_parking_points", "Bike parkings", float(len(rows)), "count")
        return ThemeResult([(spec, rows)], [indicator])


def _provider():
    from qgis.core import QgsApplication

    # by id: the dock tests unload and re-register the provider
    return QgsApplication.processingRegistry().providerById("mobilitydiagnosis")


@pytest.fixture(scope="module")
def with_tiny(provider):
    """The registry with the tiny row appended, and its algorithm in the provider: nothing else."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(themes, "THEMES", (*themes.THEMES, TINY))
        assert _provider().addAlgorithm(TinyAlgorithm())
        try:
            yield TINY
        finally:
            patch.undo()
            _provider().refreshAlgorithms()  # the shipped algorithms only, from the restored registry


@pytest.fixture(scope="module")
def tiny_package(with_tiny, monaco_territory, tmp_path_factory):
    import processing

    folder = tmp_path_factory.mktemp("tiny") / "monaco"
    result = processing.run(
        "mobilitydiagnosis:diagnose",
        {
            "TERRITORY_GPKG": monaco_territory,
            "THEMES": list(range(len(themes.themes()))),  # every theme, the tiny one last
            "REPORT_LANGUAGE": 0,  # French
            "OUTPUT_FOLDER": str(folder),
        },
    )
    return folder, result


def _pages(pdf: Path) -> list[str]:
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext is missing: apt-get install poppler-utils")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")


# --------------------------------------------------------------------------------- the registry walk
def test_the_promised_themes_keep_their_enum_positions(provider):
    from qgis.core import QgsApplication

    assert themes.theme_ids()[: len(PROMISED_ORDER)] == PROMISED_ORDER
    for alg_id in ("mobilitydiagnosis:diagnose", "mobilitydiagnosis:diagnosemany"):
        alg = QgsApplication.processingRegistry().createAlgorithmById(alg_id)
        options = alg.parameterDefinition("THEMES").options()
        assert options == [t.title["en"] for t in themes.themes()], alg_id


@pytest.mark.parametrize("row", themes.THEMES, ids=themes.theme_ids())
def test_every_theme_row_is_complete(row, provider):
    from qgis.core import QgsApplication

    alg = QgsApplication.processingRegistry().algorithmById(row.algorithm_id)
    assert alg is not None, f"{row.algorithm_id} is not in the provider"
    module = importlib.import_module(f"mobility_diagnosis.processing.{row.module}")
    assert type(alg) is getattr(module, row.algorithm_class)
    assert alg.theme == row.id
    assert set(alg.layers_out()) == set(row.layer_names)
    assert set(alg.layers_in()) == set(row.territory_layers)
    assert {o.name() for o in alg.outputDefinitions()} >= set(row.layer_names)
    assert row.main_layer in row.layer_names
    assert all(layer in row.layer_names for _prefix, layer in row.indicator_layers)
    assert row.headline in {name for r in row.readings for name in r.indicators}
    assert set(row.better.values()) <= {"higher", "lower"} and row.cost > 0
    for layer in row.layer_names:
        assert os.path.isfile(os.path.join(STYLES_DIR, f"{layer}.qml")), f"no style for {layer}"
        assert layer_theme(layer) == row.id  # the layer-to-theme table the package and the dock read
        assert themes.layer_theme(layer) == row.id
        assert layer_text(layer, "fr") != layer_text(layer, "en")
        assert all(
            layer_text(layer, lang)[0] != layer and layer_text(layer, lang)[1] for lang in ("fr", "en")
        )
    texts = [
        row.title,
        row.label,
        row.summary,
        *(r.text for r in row.readings if r.text["fr"] or not r.variants),
    ]
    # a reading or variant may be empty (only its variants are written, or nothing): never in one language
    texts += [v.text for r in row.readings for v in r.variants if v.text["fr"] or v.text["en"]]
    texts += [f.description for f in row.national_files]
    for pair in texts:
        assert pair["fr"].strip() and pair["en"].strip() and pair["fr"] != pair["en"], pair
    for national in row.national_files:
        assert alg.parameterDefinition(national.parameter) is not None, national
    for name in row.inputs:
        assert alg.parameterDefinition(name) is not None, name
    assert row.help_anchor


def test_layer_names_are_unique_across_themes():
    names = [n for t in themes.themes() for n in t.layer_names]
    assert len(names) == len(set(names))
    assert len(themes.theme_ids()) == len(set(themes.theme_ids()))


def test_the_row_says_where_a_theme_may_run():
    from mobility_diagnosis.processing.theme_runner import stays_here

    assert stays_here(TINY, {"INPUT": "t.gpkg"})  # the helper would not know it
    assert not stays_here(themes.theme("cycling"), {"INPUT": "t.gpkg"})
    assert stays_here(themes.theme("accessibility"), {"GTFS": "online"})  # no proxy in the helper
    assert not stays_here(themes.theme("accessibility"), {"GTFS": "/data/feed.zip"})
    assert stays_here(themes.theme("accessibility"), {"ACCESLIBRE": "online"})
    assert not stays_here(themes.theme("accessibility"), {"ACCESLIBRE": "/data/acceslibre.csv"})


def _themes_with_a_page(folder: Path) -> list[str]:
    """The themes with at least one figure in indicators.csv: the report leaves out the page of a theme with
    none (Monaco's crashes, census and flows, ``report.blank_theme``)."""
    with open(folder / "indicators.csv", encoding="utf-8") as stream:
        known = {r["theme"] for r in csv.DictReader(stream) if r["value"] != ""}
    return [t for t in themes.theme_ids() if t in known]


def test_every_theme_has_its_report_page(tiny_package):
    """Pages in registry order after the cover and the synthesis (``report.page_keys``), each titled with its
    theme; the tiny one included; a theme with no figure has no page."""
    from mobility_diagnosis.qgis_io.export.report import page_keys

    folder, _ = tiny_package
    pages = _pages(folder / "report.pdf")
    shown = _themes_with_a_page(folder)
    assert "tiny" in shown and "commuting" not in shown  # Monaco has no flows file
    keys = page_keys(shown, actions_map=True)
    assert pages[keys.index("actions_map")].strip().startswith("Carte des actions prioritaires")
    for row in [t for t in themes.themes() if t.id in shown]:
        number = keys.index(row.id)
        # NFKC: the PDF's text may come back with typographic ligatures (« Proﬁl »)
        first_line = unicodedata.normalize("NFKC", pages[number].strip().splitlines()[0])
        assert first_line == row.title["fr"], (number, row.id, first_line)


# --------------------------------------------------------------------- a theme added by its row alone
def test_a_theme_added_by_one_row_goes_into_the_whole_package(tiny_package):
    folder, result = tiny_package
    assert result["THEMES_RUN"].split(",") == list(themes.theme_ids())
    assert result["THEMES_RUN"].endswith(",tiny")

    # diagnosis.gpkg: its layer, with one point per bike parking, and its indicator
    ds = ogr.Open(str(folder / "diagnosis.gpkg"))
    layer = ds.GetLayerByName("tiny_bike_parking")
    assert layer is not None
    count = layer.GetFeatureCount()
    assert count > 0
    ids = {f.GetField("osm_id") for f in layer}
    assert len(ids) == count
    ds = None

    # indicators.csv: its row, the value counted above
    with open(folder / "indicators.csv", encoding="utf-8") as stream:
        rows = [r for r in csv.DictReader(stream) if r["theme"] == "tiny"]
    assert [(r["indicator"], float(r["value"]), r["unit"]) for r in rows] == [
        ("bike_parking_points", float(count), "count")
    ]

    # the stored project: a group titled in French holding its valid layer
    from qgis.core import QgsProject

    project = QgsProject()
    assert project.read(project_uri(str(folder / "diagnosis.gpkg")))
    group = project.layerTreeRoot().findGroup(TINY.title["fr"])
    assert group is not None, [g.name() for g in project.layerTreeRoot().children()]
    found = [(n.name(), n.layer().source().split("|")[-1], n.layer().isValid()) for n in group.findLayers()]
    assert found == [(TINY.layers[0].title["fr"], "layername=tiny_bike_parking", True)]  # titled by its row
    project.clear()

    # report.pdf: its page (the last theme page, before the annexes) reads its figure with its own sentence
    from mobility_diagnosis.qgis_io.export.report import page_keys

    pages = _pages(folder / "report.pdf")
    page = pages[page_keys(_themes_with_a_page(folder), actions_map=True).index("tiny")]
    assert page.strip().splitlines()[0] == TINY.title["fr"]
    assert f"Le thème minuscule a compté {count} stationnements vélo." in " ".join(page.split())
    assert TINY.layers[0].title["fr"] in " ".join(page.split())  # its legend

    # the README lists it among the themes
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert TINY.title["fr"] in readme
