"""report.pdf: page count (cover, synthesis, one page per theme, the annexes that have rows), text read
back with pdftotext holding the indicator values in the reader's language, and a page that renders."""

import shutil
import subprocess
from pathlib import Path

import pytest
from osgeo import ogr

from mobility_diagnosis.core.indicators import Indicator
from mobility_diagnosis.qgis_io.export.package import write_package_contents
from mobility_diagnosis.qgis_io.gpkg.diagnosis import LayerSpec, write_theme
from mobility_diagnosis.qgis_io.gpkg.territory import open_territory

ROOT = Path(__file__).resolve().parents[2]
DEMO = str(ROOT / "mobility_diagnosis" / "resources" / "demo" / "monaco_2023.osm.pbf")

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is missing"
)


@pytest.fixture(scope="module")
def diagnosis(tmp_path_factory, provider):
    """Two themes written with the real writer from real Monaco streets and schools."""
    import processing

    folder = tmp_path_factory.mktemp("report")
    territory = str(folder / "territory.gpkg")
    processing.run(
        "mobilitydiagnosis:fetchterritory",
        {"TERRITORY": "osm:relation/2220322", "OSM_FILE": DEMO, "OUTPUT": territory},
    )
    ter = open_territory(territory, ("streets", "schools"))
    path = str(folder / "diagnosis.gpkg")
    streets = [
        (f.geometry, {"osm_id": f.osm_id, "lts": 2}) for f in ter.features("streets", inside_only=True)
    ]
    write_theme(
        path, "cycling", [(LayerSpec("cycling_segments", "LineString", [("osm_id", "int"), ("lts", "int")]), streets)],
        [Indicator("cycling", "share_lts_le2", "Share LTS 1-2", 42.25, "%"),
         Indicator("cycling", "gaps", "Gaps", 1234.0, "count"),
         Indicator("cycling", "islands", "Islands", 5.0, "count"),
         Indicator("cycling", "largest_island_share", "Largest island", None, "%")],
        ter.crs_wkt, about=dict(ter.about), territory=(ter.territory_geometry, {"code": ter.code, "name": ter.name}),
    )  # fmt: skip
    schools = [
        (f.geometry, {"osm_id": f.osm_id, "name": f.tags.get("name")}) for f in ter.features("schools")
    ]
    write_theme(
        path, "schools", [(LayerSpec("school_diagnosis", "Point", [("osm_id", "int"), ("name", "str")]), schools)],
        [Indicator("schools", "schools_count", "Schools", 11.0, "count"),
         Indicator("schools", "share_calm_streets", "Calm", 27.3, "%")],
        ter.crs_wkt,
    )  # fmt: skip
    return path


def make(diagnosis, tmp_path, lang):
    folder = tmp_path / lang
    folder.mkdir()
    write_package_contents(str(folder), diagnosis, lang)
    pdf = folder / "report.pdf"
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    return folder, text, pages


def flat(text):
    return " ".join(text.split())


def test_french_report(diagnosis, tmp_path):
    folder, text, pages = make(diagnosis, tmp_path, "fr")
    assert pages == 7  # cover, synthesis, cycling, schools, method, glossary, schools annex
    text = flat(text)
    assert "Synthèse et actions" in text
    assert "Annexe — Écoles" in text and "non calculé" in text  # a school without a score says so
    assert "Annexe — Discontinuités cyclables" not in text  # no gap layer: no empty annex
    assert "Diagnostic mobilité" in text and "Monaco" in text
    assert "42,3 % du linéaire de voirie est confortable" in text  # value read in plain French words
    assert "1 234 tronçons courts" in text.replace("\u202f", " ")
    assert "27,3 % des 11 établissements" in text
    assert "le plus grand en réunit" not in text  # a missing figure is not read (never as 0)
    assert "non disponible" in text  # … and the key-figure table says it is missing
    assert "© les contributeurs d’OpenStreetMap" in text
    assert "Synthèse" in text and "Vélo" in text and "Écoles" in text


def test_english_report_and_a_page_renders(diagnosis, tmp_path):
    folder, text, pages = make(diagnosis, tmp_path, "en")
    assert pages == 7
    text = flat(text)
    assert "Summary and actions" in text and "Annex — Schools" in text
    assert "42.3 % of the street length is comfortable for most cyclists" in text
    assert "1,234 short stressful links" in text
    assert "© OpenStreetMap contributors" in text
    assert "Summary" in text
    if shutil.which("pdftoppm"):
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                "40",
                "-f",
                "2",
                "-l",
                "2",
                "-png",
                str(folder / "report.pdf"),
                str(folder / "p"),
            ],
            check=True,
        )
        png = next(folder.glob("p*.png"))
        assert png.stat().st_size > 5000  # a map was drawn, not an empty page


def test_territory_only_report(tmp_path, provider):
    """No theme yet: a cover and a summary that says so."""
    import processing

    territory = str(tmp_path / "territory.gpkg")
    processing.run(
        "mobilitydiagnosis:fetchterritory",
        {"TERRITORY": "osm:relation/2220322", "OSM_FILE": DEMO, "OUTPUT": territory},
    )
    ter = open_territory(territory, ())
    path = str(tmp_path / "diagnosis.gpkg")
    write_theme(
        path,
        "territory",
        [],
        [],
        ter.crs_wkt,
        about=dict(ter.about),
        territory=(ter.territory_geometry, {"code": ter.code, "name": ter.name}),
    )
    folder, text, pages = make(path, tmp_path, "en")
    assert pages == 4  # cover, synthesis, method, glossary
    assert "No theme could be computed" in flat(text)
    ds = ogr.Open(str(folder / "diagnosis.gpkg"))
    assert ds.GetLayerByName("territory").GetFeatureCount() == 1


def test_maps_rendered_ahead_stand_in_for_the_layout_maps(diagnosis, tmp_path):
    """diagnose renders the maps in QGIS's threads while it packages; the PDF then carries those pictures,
    and the layout (stored in the project) keeps its live maps."""
    from qgis.core import QgsLayoutItemMap, QgsLayoutItemPicture, QgsProject, QgsVectorLayer

    from mobility_diagnosis.qgis_io.export.package_gpkg import read_diagnosis
    from mobility_diagnosis.qgis_io.export.report import build_report_layout, export_report_pdf
    from mobility_diagnosis.qgis_io.export.report_maps import ReportMaps

    info = read_diagnosis(diagnosis)
    maps = ReportMaps(str(tmp_path))
    for theme in info.themes:  # from a GeoPackage nothing writes any more
        maps.add_theme(theme, diagnosis)
    pictures = maps.pictures()
    assert set(pictures) == {"map:cover", "map:cycling", "map:schools"}
    assert pictures["map:cover"] == pictures["map:cycling"]  # the cover shows the cycling map: drawn once

    project = QgsProject()
    layers = {}
    for name in info.layers:
        layer = QgsVectorLayer(f"{diagnosis}|layername={name}", name, "ogr")
        project.addMapLayer(layer)
        layers[name] = layer
    layout = build_report_layout(project, info, layers, "en")
    items = {i.id(): i for i in layout.items() if isinstance(i, QgsLayoutItemMap)}
    assert set(items) == set(pictures)
    for item in items.values():  # the picture is the map the layout would draw
        extent = item.extent()
        assert extent.width() / extent.height() == pytest.approx(
            item.rect().width() / item.rect().height(), rel=1e-6
        )
    pdf = tmp_path / "report.pdf"
    export_report_pdf(layout, str(pdf), pictures)
    assert all(i.isVisible() for i in items.values())
    assert not [
        i
        for i in layout.items()
        if isinstance(i, QgsLayoutItemPicture) and i.picturePath() in pictures.values()
    ]
    if shutil.which("pdfimages"):
        listed = subprocess.run(
            ["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True
        ).stdout
        assert (
            len([ln for ln in listed.splitlines()[2:] if ln.strip()]) >= 3
        )  # cover, cycling and schools maps
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "42.3 %" in text  # the pages around the maps are unchanged
    project.layoutManager().clear()
    project.removeAllMapLayers()


def test_map_extent_keeps_the_territory_and_the_frame_proportions():
    from qgis.core import QgsRectangle

    from mobility_diagnosis.qgis_io.export.report import FURNITURE_BAND, THEME_MAP, map_extent

    width, height = THEME_MAP[2], THEME_MAP[3]
    for territory in (QgsRectangle(0, 0, 1000, 5000), QgsRectangle(0, 0, 9000, 1000)):
        extent = map_extent(territory, width, height)
        assert extent.width() / extent.height() == pytest.approx(width / height)
        assert extent.contains(territory)
        assert extent.center().x() == pytest.approx(territory.center().x())
        # the territory stays above the band of the scale bar and the attribution (their white boxes)
        band = FURNITURE_BAND * extent.height() / height
        assert territory.yMinimum() > extent.yMinimum() + band


def test_catchments_stay_off_the_report_maps_but_in_their_theme():
    from mobility_diagnosis.qgis_io.export.report import theme_layer_names

    names = ["territory", "walk_access", "stop_access", "walk_catchments", "crossing_access", "sidewalk_gaps"]
    assert theme_layer_names("accessibility", names) == [
        "walk_access", "stop_access", "crossing_access", "territory",
    ]  # fmt: skip


def test_a_map_shows_few_crossings_but_leaves_hundreds_and_empty_layers_to_the_table():
    """One message per map: the crossings are on the accessibility map while they are few (the registry's
    report_map_limit), not when they would hide the walk access; an empty layer is left off."""
    from mobility_diagnosis.core.themes import find_layer
    from mobility_diagnosis.qgis_io.export.report import theme_map_layers

    limit = find_layer("crossing_access").report_map_limit
    names = ["walk_access", "stop_access", "crossing_access", "public_buildings_access"]
    few = {"walk_access": 3000, "stop_access": 52, "crossing_access": limit, "public_buildings_access": 0}
    assert theme_map_layers("accessibility", names, few) == ["walk_access", "stop_access", "crossing_access"]
    many = {**few, "crossing_access": limit + 1}
    assert theme_map_layers("accessibility", names, many) == ["walk_access", "stop_access"]


def test_late_maps_start_when_every_theme_is_in(diagnosis, tmp_path):
    """diagnose draws the cycling map (and cover) only once the themes are done, on the core they free."""
    from mobility_diagnosis.qgis_io.export.package_gpkg import read_diagnosis
    from mobility_diagnosis.qgis_io.export.report_maps import ReportMaps

    maps = ReportMaps(str(tmp_path), late=("cycling",))
    for theme in read_diagnosis(diagnosis).themes:
        maps.add_theme(theme, diagnosis)
    assert set(maps._jobs) == {"map:schools"}  # nothing of cycling is drawing yet
    maps.complete()
    assert set(maps._jobs) == {"map:schools", "map:cycling", "map:cover"}
    pictures = maps.pictures()
    assert pictures["map:cover"] == pictures["map:cycling"]  # still drawn once
    assert all(Path(p).stat().st_size > 1000 for p in pictures.values())


def test_a_page_without_any_known_figure_reads_one_sentence_and_no_table():
    """No flows file (or no crash file): the page's reading says why and what to give, once; no table of
    "non disponible" rows follows it. A page with one known figure keeps its table."""
    from mobility_diagnosis.core.commuting import indicator_rows
    from mobility_diagnosis.core.report_text import readings
    from mobility_diagnosis.qgis_io.export.report import figure_rows

    rows = [
        Indicator("commuting", i, label, value, unit)
        for i, label, value, unit in indicator_rows(None, None, "fr")
    ]
    found = readings("commuting", rows, "fr")
    assert len(found) == 1 and "FLOWS" not in found[0].text and "MOBPRO" in found[0].text
    assert figure_rows("commuting", rows, found, "fr") == []
    safety = [
        Indicator("safety", "crash_data", "Accidents corporels : non disponible (aucun fichier)", None, "")
    ]
    assert figure_rows("safety", safety, readings("safety", safety, "fr"), "fr") == []
    known = [*rows, Indicator("commuting", "residents", "Actifs", 120.0, "people")]
    assert len(figure_rows("commuting", known, readings("commuting", known, "fr"), "fr")) > 1


@pytest.mark.parametrize("lang", ("fr", "en"))
def test_a_territory_without_a_school_gets_its_reading_and_no_table(lang):
    """No school mapped: the page says so once (« Aucune école n’est cartographiée… »); a table of « 0 »,
    « non disponible » and « non renseigné » rows would say nothing more. A school, or a directory school
    missing from OpenStreetMap, brings the table back."""
    from mobility_diagnosis.core.report_text import readings
    from mobility_diagnosis.core.schools.indicators import school_indicators
    from mobility_diagnosis.core.schools.join import JoinResult
    from mobility_diagnosis.qgis_io.export.report import figure_rows

    none = school_indicators([], lang=lang)
    found = readings("schools", none, lang)
    assert len(found) == 1 and ("Aucune école" in found[0].text or "No school" in found[0].text)
    assert figure_rows("schools", none, found, lang) == []
    one = school_indicators([{"calm_share": 0.8, "score": 55.0}], lang=lang)
    rows = figure_rows("schools", one, readings("schools", one, lang), lang)
    assert any(value == "1" for _, value, _ in rows)  # the school diagnosed
    missing = school_indicators([], join=JoinResult(missing_in_osm=[object(), object()], missing_in_directory=[]),
                                lang=lang)  # fmt: skip
    rows = figure_rows("schools", missing, readings("schools", missing, lang), lang)
    assert any(value == "2" for _, value, _ in rows)


@pytest.mark.parametrize(("lang", "where"), (("fr", "Où\u00a0: Arrêt"), ("en", "Where: Stop")))
def test_an_action_line_is_punctuated_as_its_language_is(lang, where):
    """« Où : » with a no-break space in French; "Where:" in English, without the French space."""
    from mobility_diagnosis.core.synthesis.actions import Action
    from mobility_diagnosis.core.synthesis.costs import LIGHT
    from mobility_diagnosis.qgis_io.export.report import action_text

    fields = {f: "" for f in Action.__dataclass_fields__}
    action = Action(**{**fields, "where": "Arrêt" if lang == "fr" else "Stop", "cost": LIGHT})
    text = action_text(action, lang)
    assert text.startswith(where) and " :" not in text.replace("\u00a0:", "")


def test_wrapping_never_starts_a_line_with_a_colon_or_a_unit(qgis_app):
    from mobility_diagnosis.qgis_io.export.report import wrap_text

    text = "Effet attendu : 16 bâtiments gagneraient un accès sans stress à 1,5 km de rues apaisées (32 %) « Cap »"
    for width in range(12, 80, 2):  # every place a line can end
        lines = wrap_text(text, 10, width).split("\n")
        assert " ".join(lines) == text  # nothing lost
        for before, line in zip(lines, lines[1:]):
            assert line[:1] not in ":%»" and not line.startswith("km"), lines
            assert not before.endswith("«"), lines


def test_a_dropped_page_takes_what_is_on_it_and_the_later_pages_move_up(tmp_path):
    """``report._drop_page`` (a theme with nothing to show): its title, text and table go with it, the next
    page's items keep their place on their page, and the layout still prints."""
    from qgis.core import QgsLayoutExporter, QgsLayoutItemLabel, QgsPrintLayout, QgsProject

    from mobility_diagnosis.qgis_io.export import report

    layout = QgsPrintLayout(QgsProject.instance())
    layout.initializeDefaults()
    for _ in range(2):
        report._add_page(layout)
    for page in range(3):
        report._label(layout, page, f"page {page}", 20, 40, 50, 10)
    report._table(layout, 1, [("figure", "1", False), ("other", "2", False)], 12, 60, 150, 100, "fr")
    report._drop_page(layout, 1)
    assert layout.pageCollection().pageCount() == 2 and not layout.multiFrames()
    labels = sorted(
        (i.text(), i.page(), round(i.pagePositionWithUnits().y()))
        for i in layout.items()
        if isinstance(i, QgsLayoutItemLabel)
    )
    assert labels == [("page 0", 0, 40), ("page 2", 1, 40)]
    pdf = tmp_path / "dropped.pdf"
    assert QgsLayoutExporter(layout).exportToPdf(str(pdf), QgsLayoutExporter.PdfExportSettings()) == 0
