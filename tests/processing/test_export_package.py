"""``exportpackage`` from an existing diagnosis GeoPackage: the stored project (groups, styles, valid
layers, relative sources), layer metadata, GeoPackage validity, the zip, and folder safety."""

import contextlib
import os
import re
import shutil
import sqlite3
import subprocess
import zipfile
from pathlib import Path

import pytest
from qgis.core import QgsProcessingException, QgsProject, QgsVectorLayer

ROOT = Path(__file__).resolve().parents[2]
DEMO = str(ROOT / "mobility_diagnosis" / "resources" / "demo" / "monaco_2023.osm.pbf")


@pytest.fixture(scope="module")
def diagnosis_gpkg(tmp_path_factory, provider):
    """A diagnosis GeoPackage made by the cycling and parking themes."""
    import processing

    folder = tmp_path_factory.mktemp("diag")
    territory, diagnosis = str(folder / "territory.gpkg"), str(folder / "diagnosis.gpkg")
    processing.run(
        "mobilitydiagnosis:fetchterritory",
        {"TERRITORY": "osm:relation/2220322", "OSM_FILE": DEMO, "OUTPUT": territory},
    )
    for theme in ("cycling", "parking"):
        processing.run(f"mobilitydiagnosis:{theme}", {"INPUT": territory, "OUTPUT": diagnosis})
    return diagnosis


@pytest.fixture(scope="module")
def package(diagnosis_gpkg, tmp_path_factory):
    import processing

    folder = tmp_path_factory.mktemp("out") / "package"
    result = processing.run(
        "mobilitydiagnosis:exportpackage",
        {"INPUT": diagnosis_gpkg, "OUTPUT_FOLDER": str(folder), "ZIP": True, "REPORT_LANGUAGE": 1},
    )
    return folder, result


def style_renderer(gpkg, layer):
    with contextlib.closing(sqlite3.connect(gpkg)) as db:
        row = db.execute(
            "SELECT styleQML FROM layer_styles WHERE f_table_name = ? AND useAsDefault", (layer,)
        ).fetchone()
    if row is None:
        return None
    match = re.search(r'<renderer-v2[^>]*\btype="([^"]+)"', row[0])
    return match.group(1) if match else None


def open_project(gpkg):
    project = QgsProject()
    assert project.read(f"geopackage:{gpkg}?projectName=diagnosis"), project.error()
    return project


def test_stored_project_opens_with_groups_styles_and_valid_layers(package):
    folder, _ = package
    gpkg = str(folder / "diagnosis.gpkg")
    project = open_project(gpkg)
    groups = [g.name() for g in project.layerTreeRoot().children() if g.nodeType() == 0]
    # English on request; the priority map's layers first, unchecked; the territory drawn last, over the report
    # maps' background (unchecked)
    assert groups == ["Priority actions map", "Cycling", "Parking", "Territory", "Background"]
    actions = project.layerTreeRoot().findGroup("Priority actions map")
    assert not actions.isVisible() and actions.findLayers()
    priority = {node.layerId() for node in actions.findLayers()}  # the actions' places, styled by action
    background = project.layerTreeRoot().findGroup("Background")
    assert not background.itemVisibilityChecked()
    assert [node.layer().name() for node in background.findLayers()] == ["Background: streets"]
    layers = {
        layer.source().split("layername=")[-1]: layer
        for layer in project.mapLayers().values()
        if not layer.customProperty("mobility_diagnosis/background") and layer.id() not in priority
    }
    assert {"territory", "cycling_segments", "parking_supply", "indicators"} <= set(layers)
    for name, layer in layers.items():
        assert layer.isValid(), name
        if name != "indicators" and style_renderer(gpkg, name):
            assert layer.renderer().type() == style_renderer(gpkg, name), name
    # the territory keeps its stored outline style (a dashed line, not QGIS's random fill)
    assert layers["territory"].renderer().symbol().symbolLayer(0).layerType() == "SimpleLine"
    group = project.layerTreeRoot().findGroup("Cycling")
    names = [node.layer().name() for node in group.findLayers()]
    assert "Cycling: streets by Level of Traffic Stress" in names
    assert all(name.startswith("Cycling: ") for name in names)  # layer titles, not table names
    assert project.layoutManager().layoutByName("report") is not None  # the report stays editable


def test_project_opens_after_the_folder_moves(package, tmp_path):
    folder, _ = package
    moved = tmp_path / "elsewhere"
    shutil.copytree(folder, moved)
    project = open_project(str(moved / "diagnosis.gpkg"))
    for layer in project.mapLayers().values():
        assert layer.isValid()
        assert os.path.dirname(layer.source().split("|")[0]) == str(moved)


def test_layer_metadata_is_what_qgis_shows(package):
    folder, _ = package
    layer = QgsVectorLayer(f"{folder / 'diagnosis.gpkg'}|layername=cycling_segments", "c", "ogr")
    md = layer.metadata()
    assert md.title() == "Cycling: streets by Level of Traffic Stress — Monaco"
    assert "Level of Traffic Stress" in md.abstract()
    assert any("ODbL" in licence for licence in md.licenses())
    assert md.rights() == ["© OpenStreetMap contributors"]
    assert md.crs().authid() == "EPSG:2154"
    assert "Cycling" in md.keywords().get("theme", [])
    assert any("OpenStreetMap, local file" in line for line in md.history())


def test_geopackage_passes_gdal_validate_gpkg(package):
    validate_gpkg = pytest.importorskip(
        "osgeo_utils.samples.validate_gpkg",
        reason="GDAL's validate_gpkg.py ships with python3-gdal (osgeo_utils)",
    )
    folder, _ = package
    validate_gpkg.check(str(folder / "diagnosis.gpkg"))  # raises on the first violation


def test_zip_holds_the_package(package):
    folder, result = package
    with zipfile.ZipFile(result["ZIP_FILE"]) as zf:
        names = {n.split("/", 1)[1] for n in zf.namelist()}
    assert names == set(os.listdir(folder))


def test_input_is_left_untouched_and_refused_folder(diagnosis_gpkg, package, run_alg):
    folder, _ = package
    with contextlib.closing(sqlite3.connect(diagnosis_gpkg)) as db:
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "qgis_projects" not in tables  # the project and metadata go into the package copy only
    before = sorted(os.listdir(folder))
    with pytest.raises(QgsProcessingException, match="not empty"):
        run_alg("mobilitydiagnosis:exportpackage", {"INPUT": diagnosis_gpkg, "OUTPUT_FOLDER": str(folder)})
    assert sorted(os.listdir(folder)) == before


def test_not_a_diagnosis_is_refused(run_alg, tmp_path):
    from osgeo import ogr

    empty = str(tmp_path / "empty.gpkg")
    ogr.GetDriverByName("GPKG").CreateDataSource(empty).CreateLayer("notes", None, ogr.wkbNone)
    with pytest.raises(QgsProcessingException, match="not a diagnosis GeoPackage"):
        run_alg("mobilitydiagnosis:exportpackage", {"INPUT": empty, "OUTPUT_FOLDER": str(tmp_path / "out")})
    assert not (tmp_path / "out").exists() or not os.listdir(tmp_path / "out")


BUILDING_GREY = (0xE6, 0xE3, 0xDE)  # map_style.BACKGROUND's buildings


def _page_pixels(pdf: Path, page: int, tmp_path: Path):
    """The page as RGB pixels (pdftoppm), and its width."""
    from qgis.PyQt.QtGui import QImage

    stem = tmp_path / f"page{page}"
    subprocess.run(["pdftoppm", "-r", "50", "-f", str(page), "-l", str(page), "-png", str(pdf), str(stem)],
                   check=True)  # fmt: skip
    image = QImage(str(next(tmp_path.glob(f"page{page}*.png"))))
    return image


def _count_colour(image, colour) -> int:
    from qgis.PyQt.QtGui import QColor

    wanted = QColor(*colour).rgb()
    return sum(image.pixel(x, y) == wanted for y in range(image.height() // 2) for x in range(image.width()))


def _theme_page(pdf: Path, title: str) -> int:
    for page in range(1, 12):
        text = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"],
                              capture_output=True, text=True).stdout  # fmt: skip
        if text.strip().startswith(title):
            return page
    raise AssertionError(f"no page {title}")


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is missing")
def test_the_exported_report_draws_the_territory_buildings_under_its_maps(package, tmp_path):
    folder, _ = package
    pdf = folder / "report.pdf"
    image = _page_pixels(pdf, _theme_page(pdf, "Parking"), tmp_path)
    # the parking map (a few points over the territory) shows the buildings of the territory GeoPackage (their
    # grey is drawn nowhere else: none without them; about 200 pixels at this resolution with them, the map
    # keeping a band at its foot for the scale bar)
    assert _count_colour(image, BUILDING_GREY) > 100


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is missing")
def test_without_its_territory_file_the_report_draws_what_the_diagnosis_holds(
    diagnosis_gpkg, tmp_path, run_alg
):
    from mobility_diagnosis.qgis_io.export.map_style import background_layers, find_territory_gpkg
    from mobility_diagnosis.qgis_io.export.package_gpkg import read_diagnosis

    alone = tmp_path / "alone" / "diagnosis.gpkg"
    alone.parent.mkdir()
    shutil.copy(diagnosis_gpkg, alone)
    with contextlib.closing(sqlite3.connect(alone)) as db:
        db.execute("UPDATE about SET value = ? WHERE key = 'territory_gpkg'", (str(tmp_path / "gone.gpkg"),))
        db.commit()
    assert find_territory_gpkg(str(alone), read_diagnosis(str(alone)).about) == ""
    # no buildings in this diagnosis (no accessibility theme): its streets are the background
    found = background_layers("", str(alone))
    assert [layer.source().split("layername=")[-1] for layer in found] == ["cycling_segments"]
    found.clear()
    out = tmp_path / "package"
    run_alg(
        "mobilitydiagnosis:exportpackage",
        {"INPUT": str(alone), "OUTPUT_FOLDER": str(out), "REPORT_LANGUAGE": 1},
    )
    pdf = out / "report.pdf"
    assert pdf.is_file()
    image = _page_pixels(pdf, _theme_page(pdf, "Parking"), tmp_path)
    assert _count_colour(image, BUILDING_GREY) == 0  # no territory file: no buildings …
    assert _count_colour(image, (0xD2, 0xD2, 0xD2)) > 30  # … but the streets in light grey (none without)
