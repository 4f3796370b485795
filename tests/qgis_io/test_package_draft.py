"""The package begun theme by theme while ``diagnose`` computes (``package.PackageDraft`` over a diagnosis
merged in place) is the package made in one go at the end: same report, same stored project."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest
from osgeo import ogr

from mobility_diagnosis.core.indicators import Indicator
from mobility_diagnosis.qgis_io.export.package import PackageDraft, write_package_contents
from mobility_diagnosis.qgis_io.gpkg.diagnosis import LayerSpec, merge_themes, write_theme
from mobility_diagnosis.qgis_io.gpkg.project import project_uri
from mobility_diagnosis.qgis_io.gpkg.territory import open_territory

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is missing"
)


@pytest.fixture(scope="module")
def theme_files(tmp_path_factory, monaco_territory):
    """Three themes of Monaco, each in a GeoPackage of its own as diagnose writes them."""
    folder = tmp_path_factory.mktemp("draft")
    ter = open_territory(monaco_territory, ("streets", "schools"))
    row = (ter.territory_geometry, {"code": ter.code, "name": ter.name})
    streets = [
        (f.geometry, {"osm_id": f.osm_id, "lts": 2}) for f in ter.features("streets", inside_only=True)
    ]
    schools = [
        (f.geometry, {"osm_id": f.osm_id, "name": f.tags.get("name")}) for f in ter.features("schools")
    ]
    themes = {
        "cycling": ([(LayerSpec("cycling_segments", "LineString", [("osm_id", "int"), ("lts", "int")]), streets)],
                    [Indicator("cycling", "share_lts_le2", "Share LTS 1-2", 42.25, "%"),
                     Indicator("cycling", "gaps", "Gaps", 1234.0, "count")]),
        "parking": ([(LayerSpec("bike_parking_gaps", "Point", [("osm_id", "int")]), schools[:3])],
                    [Indicator("parking", "bike_parking_spaces", "Bike spaces", 321.0, "count")]),
        "schools": ([(LayerSpec("school_diagnosis", "Point", [("osm_id", "int"), ("name", "str")]), schools)],
                    [Indicator("schools", "schools_count", "Schools", 11.0, "count")]),
    }  # fmt: skip
    files = {}
    for theme, (layers, indicators) in themes.items():
        files[theme] = str(folder / f"{theme}.gpkg")
        write_theme(
            files[theme], theme, layers, indicators, ter.crs_wkt, about=dict(ter.about), territory=row
        )
    return files


def _pdf_text(folder) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(folder / "report.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout


def _page_title(folder, page: int) -> str:
    text = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), str(folder / "report.pdf"), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    return text.strip().splitlines()[0]


def _project(folder) -> list[tuple]:
    from qgis.core import QgsProject

    project = QgsProject()
    assert project.read(project_uri(str(folder / "diagnosis.gpkg")))
    tree = [
        (group.name(), [(child.name(), child.layer().isValid()) for child in group.children()])
        for group in project.layerTreeRoot().children()
        if hasattr(group, "children") and group.children()
    ]
    layouts = [layout.name() for layout in project.layoutManager().printLayouts()]
    pages = [layout.pageCollection().pageCount() for layout in project.layoutManager().printLayouts()]
    project.clear()
    return [tree, layouts, pages]


def _in_turn(tmp_path, theme_files, order, expected, name):
    """Merge in place in ``order`` with a draft expecting ``expected``, then finish the package."""
    folder = tmp_path / name
    folder.mkdir()
    gpkg = str(folder / "diagnosis.gpkg")
    draft = PackageDraft(gpkg, "en", expected)
    try:
        for theme in order:
            merge_themes(gpkg, [(theme, theme_files[theme])], in_place=True)
            draft.add_theme(theme)
        write_package_contents(str(folder), gpkg, "en", draft=draft)
    finally:
        draft.clear()
    return folder


def _at_once(tmp_path, theme_files, themes, name):
    folder = tmp_path / name
    folder.mkdir()
    gpkg = str(folder / "diagnosis.gpkg")
    merge_themes(gpkg, [(t, theme_files[t]) for t in themes])
    write_package_contents(str(folder), gpkg, "en")
    return folder


def _without_dates(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if "20" not in line)  # made on / data of …


def test_drafted_in_any_order_equals_made_at_the_end(tmp_path, theme_files):
    themes = ["cycling", "parking", "schools"]
    drafted = _in_turn(tmp_path, theme_files, ["schools", "cycling", "parking"], themes, "drafted")
    whole = _at_once(tmp_path, theme_files, themes, "whole")
    text = _pdf_text(drafted)
    assert _without_dates(text) == _without_dates(_pdf_text(whole))
    assert len(_without_dates(text).splitlines()) > 60  # the comparison covers the pages' text
    assert "42.3 %" in text and "321" in text and "Schools" in text
    # after the cover, the synthesis and the priority map of its actions
    titles = ["Priority actions map", "Cycling", "Parking", "Schools"]
    assert [_page_title(drafted, page) for page in (3, 4, 5, 6)] == titles
    project = _project(drafted)
    assert project == _project(whole)
    validate_gpkg = pytest.importorskip("osgeo_utils.samples.validate_gpkg")
    validate_gpkg.check(str(drafted / "diagnosis.gpkg"))


def test_a_theme_that_never_comes_gives_the_report_of_those_that_did(tmp_path, theme_files):
    """A theme failed in diagnose: the pages made so far are dropped and the report is laid out whole."""
    drafted = _in_turn(
        tmp_path, theme_files, ["cycling", "schools"], ["cycling", "parking", "schools"], "one_less"
    )
    whole = _at_once(tmp_path, theme_files, ["cycling", "schools"], "whole_less")
    assert _without_dates(_pdf_text(drafted)) == _without_dates(_pdf_text(whole))
    assert _project(drafted) == _project(whole)


def test_in_place_merge_keeps_the_file_qgis_holds_open(tmp_path, theme_files):
    from qgis.core import QgsVectorLayer

    gpkg = str(tmp_path / "diagnosis.gpkg")
    merge_themes(gpkg, [("cycling", theme_files["cycling"])], in_place=True)
    inode = os.stat(gpkg).st_ino
    layer = QgsVectorLayer(f"{gpkg}|layername=cycling_segments", "segments", "ogr")
    count = layer.featureCount()
    merge_themes(gpkg, [("schools", theme_files["schools"])], in_place=True)
    assert os.stat(gpkg).st_ino == inode
    assert layer.isValid() and sum(1 for _ in layer.getFeatures()) == count
    schools = QgsVectorLayer(f"{gpkg}|layername=school_diagnosis", "schools", "ogr")
    assert schools.isValid() and schools.featureCount() > 0
    ds = ogr.Open(gpkg)
    assert {ds.GetLayer(i).GetName() for i in range(ds.GetLayerCount())} >= {
        "cycling_segments",
        "school_diagnosis",
    }


def test_clear_is_safe_twice_and_before_any_theme(tmp_path):
    draft = PackageDraft(str(tmp_path / "none.gpkg"), "fr", ["cycling"])
    draft.clear()
    draft.clear()
    assert draft.project is None
