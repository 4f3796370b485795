"""The report as a council reads it, on the demo (Monaco) and a French commune (Cap-d'Ail, 06032), made by
``diagnose`` itself: every legend, text box and table holds its content (measured on the stored layout's
items), nothing overlaps, every level of the cycling stress scale has its row, no reading is empty, the
French report is in French and the English one in English, the cover has the key facts, the author and the
contents, and the stored project opens on one theme with the layers' titles as names."""

import csv
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from tests.conftest import data_path

ROOT = Path(__file__).resolve().parents[2]
DEMO = str(ROOT / "mobility_diagnosis" / "resources" / "demo" / "monaco_2023.osm.pbf")

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None,
    reason="pdftotext and pdfinfo (poppler-utils) are missing",
)

# Words of the English legends, units and titles a French report must not print (and the reverse).
ENGLISH = [
    "cycling not allowed", "Car park", "Park and ride", "Bike parking", "On-street", "stop within",
    "wheelchair", "kerb", "frequent service", "school entrance", "Legend", "Key figures", "What it means",
    "Contents", "Summary", "score 0-100", "count", ": lane", ": track", "Glossary", "severity unknown",
]  # fmt: skip
FRENCH = [
    "vélo interdit", "Parc relais", "Stationnement vélo", "Sur voirie", "Arrêt à moins",
    "Fauteuil roulant", "Bordure", "Desserte fréquente", "Entrée d’école", "Légende", "Chiffres clés",
    "Ce qu’il faut retenir", "Sommaire", "Synthèse", "bande cyclable", "piste cyclable", "Glossaire",
    "non renseigné", "Gravité inconnue",
]  # fmt: skip
FRENCH_TITLES = [
    "Diagnostic mobilité", "Sommaire", "À propos de ce rapport", "Synthèse", "Vélo", "Accessibilité",
    "Stationnement", "Écoles", "Sécurité routière", "Annexe — Méthode et limites", "Annexe — Glossaire",
    "Légende", "Ce qu’il faut retenir", "Chiffres clés",
]  # fmt: skip
FRENCH_MONTHS = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split()


def _diagnose(folder: Path, territory: str, osm: str, lang: int, author: str = "") -> Path:
    import processing

    params = {"TERRITORY": territory, "OSM_FILE": osm, "OUTPUT_FOLDER": str(folder), "REPORT_LANGUAGE": lang}
    if author:
        params["AUTHOR"] = author
    processing.run("mobilitydiagnosis:diagnose", params)
    return folder


@pytest.fixture(scope="module")
def monaco_fr(tmp_path_factory, provider):
    return _diagnose(
        tmp_path_factory.mktemp("fr") / "monaco", "osm:relation/2220322", DEMO, 0, "Mairie de test"
    )


@pytest.fixture(scope="module")
def monaco_en(tmp_path_factory, provider):
    return _diagnose(tmp_path_factory.mktemp("en") / "monaco", "osm:relation/2220322", DEMO, 1)


@pytest.fixture(scope="module")
def cap_d_ail(tmp_path_factory, provider):
    osm = str(data_path("osm", "monaco_communes_2016.osm.pbf"))
    return _diagnose(tmp_path_factory.mktemp("capdail") / "06032", "06032", osm, 0)


def pdf_text(folder: Path) -> str:
    text = subprocess.run(
        ["pdftotext", "-layout", str(folder / "report.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    return (
        text.replace("\ufb01", "fi").replace("\ufb00", "ff").replace("\ufb03", "ffi").replace("\ufb02", "fl")
    )


def pdf_info(folder: Path) -> dict:
    info = subprocess.run(["pdfinfo", str(folder / "report.pdf")], capture_output=True, text=True, check=True)
    return {k.strip(): v.strip() for k, _, v in (ln.partition(":") for ln in info.stdout.splitlines())}


def flat(text: str) -> str:
    return " ".join(text.replace("\u202f", " ").replace("\u00a0", " ").split())


class Stored:
    """The project stored in the package's GeoPackage, read back, and its report layout."""

    def __init__(self, folder: Path):
        from qgis.core import QgsProject

        from mobility_diagnosis.qgis_io.gpkg.project import project_uri

        self.folder = folder
        self.project = QgsProject()
        assert self.project.read(project_uri(str(folder / "diagnosis.gpkg")))
        self.layout = self.project.layoutManager().layoutByName("report")
        assert self.layout is not None

    def close(self):
        self.project.layoutManager().clear()
        self.project.removeAllMapLayers()
        self.project.clear()


@pytest.fixture(params=["monaco_fr", "cap_d_ail"])
def stored(request):
    folder = request.getfixturevalue(request.param)
    project = Stored(folder)
    yield project
    project.close()


def _label_font(label):
    if hasattr(label, "textFormat"):  # QGIS >= 3.24
        fmt = label.textFormat()
        return fmt.size(), fmt.font().bold()
    font = label.font()
    return font.pointSizeF(), font.bold()


def _page_rects(layout):
    """(page, item, its rectangle in mm on its page) of the page's text boxes, legends and tables."""
    from qgis.core import QgsLayoutFrame, QgsLayoutItemLabel, QgsLayoutItemLegend

    found = []
    for item in layout.items():
        if isinstance(item, (QgsLayoutItemLabel, QgsLayoutItemLegend, QgsLayoutFrame)) and item.isVisible():
            position = item.pagePositionWithUnits()
            size = item.sizeWithUnits()
            found.append((item.page(), item, (position.x(), position.y(), size.width(), size.height())))
    return found


def _pages_with_features(folder: Path) -> int:
    """Theme pages whose map layers hold a feature (an empty layer stays off the legend)."""
    from osgeo import ogr

    from mobility_diagnosis.core.themes import themes

    ds = ogr.Open(str(folder / "diagnosis.gpkg"))
    counts = {ds.GetLayer(i).GetName(): ds.GetLayer(i).GetFeatureCount() for i in range(ds.GetLayerCount())}
    ds = None
    return sum(any(counts.get(layer.name, 0) for layer in t.layers if layer.on_report_map) for t in themes())


def test_every_legend_holds_its_content(stored):
    from qgis.core import QgsLayoutItemLegend

    from mobility_diagnosis.qgis_io.export.legend_classes import RULE_KEY, used_legend_keys
    from mobility_diagnosis.qgis_io.export.report import PAGE_H, PAGE_W, legend_content_size

    legends = [i for i in stored.layout.items() if isinstance(i, QgsLayoutItemLegend)]
    assert len(legends) == _pages_with_features(stored.folder)  # one per theme page with something to show
    for legend in legends:
        width, height = legend_content_size(legend)
        size = legend.sizeWithUnits()
        assert width <= size.width() + 0.5 and height <= size.height() + 0.5, legend.title()
        position = legend.pagePositionWithUnits()
        assert position.x() + size.width() <= PAGE_W and position.y() + size.height() <= PAGE_H
        for node in legend.model().rootGroup().findLayers():  # only the classes the map draws
            used = used_legend_keys(node.layer())
            for entry in legend.model().layerLegendNodes(node):
                key = entry.data(RULE_KEY)
                assert used is None or not key or key in used, (legend.title(), entry.data(0))


def test_every_text_box_holds_its_text(stored):
    from qgis.core import QgsLayoutItemLabel

    from mobility_diagnosis.qgis_io.export.report import text_size_mm

    labels = [i for i in stored.layout.items() if isinstance(i, QgsLayoutItemLabel)]
    assert labels
    for label in labels:
        size, bold = _label_font(label)
        box = label.sizeWithUnits()
        _, needed = text_size_mm(label.text(), size, box.width() - 0.5, bold)
        assert needed <= box.height() + 0.3, label.text()[:60]
        assert label.text().strip() not in ("—", "• —", "")  # no empty reading


def test_every_table_holds_its_rows(stored):
    from qgis.core import QgsLayoutItemManualTable

    from mobility_diagnosis.core.themes import theme_ids
    from mobility_diagnosis.qgis_io.export.report import TABLE_SIZE, text_size_mm

    # read back from the stored project: a manual table keeps its cells there (a text table came back empty)
    tables = [m for m in stored.layout.multiFrames() if isinstance(m, QgsLayoutItemManualTable)]
    # cover, synthesis, the priority map (when an action is found on it), the theme pages, then the annexes
    with open(stored.folder / "indicators.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    known = {row["theme"] for row in rows if row["value"] not in ("", None)}
    # a theme with no figure has no page (Monaco's crashes, census and flows)
    annexes_from = 2 + (_actions_map(stored.layout) is not None) + len(known & set(theme_ids()))
    schools = {row["indicator"]: row["value"] for row in rows if row["theme"] == "schools"}
    if float(schools.get("schools_count") or 0) == 0 and not schools.get("missing_in_osm"):
        known.discard("schools")  # no school mapped (Cap-d'Ail): its 0 is no figure to tabulate
    # one per theme page with a known figure; a page without any (no flows file…) reads one sentence instead
    assert len([t for t in tables if t.frame(0).page() < annexes_from]) == len(known & set(theme_ids()))
    assert [t for t in tables if t.frame(0).page() >= annexes_from]  # and the annexes' (sources at least)
    for table in tables:
        assert table.contents(), table.frame(0).page()  # every table has its rows in the stored project
        frames = [table.frame(i) for i in range(table.frameCount())]
        assert table.totalHeight() <= sum(f.sizeWithUnits().height() for f in frames) + 0.5
        margin = table.cellMargin()
        widths = [column.width() for column in table.columns()]
        for row in table.contents():
            for text, width in zip(row, widths):
                for line in str(text).split("\n"):  # no line wider than its cell
                    line_width, _ = text_size_mm(line, TABLE_SIZE, 10_000)
                    assert line_width <= width - 2 * margin + 0.3, line


# French typography in every text box and table cell of the French reports: a non-breaking space before
# « : », « ; », « ? », « ! », « % » and « » », after « « » (a line never starts with « : » or « % »).
PLAIN_SPACE_BEFORE = re.compile(r" [:;?!%»]|« ")


def test_the_french_report_is_typeset(stored):
    from qgis.core import QgsLayoutItemLabel, QgsLayoutItemManualTable

    texts = [i.text() for i in stored.layout.items() if isinstance(i, QgsLayoutItemLabel)]
    for table in stored.layout.multiFrames():
        if isinstance(table, QgsLayoutItemManualTable):
            texts += [str(cell) for row in table.contents() for cell in row]
    assert len(texts) > 50
    for text in texts:
        assert not PLAIN_SPACE_BEFORE.search(text), text


def test_nothing_overlaps_on_a_page(stored):
    assert_nothing_overlaps(stored.layout)


def assert_nothing_overlaps(layout):
    from mobility_diagnosis.qgis_io.export.report import MARGIN, PAGE_H, PAGE_W

    rects = _page_rects(layout)
    for _page, item, (x, y, w, h) in rects:  # within the page's margins
        assert (
            x >= MARGIN - 0.1 and x + w <= PAGE_W - MARGIN + 0.1 and y + h <= PAGE_H - MARGIN + 0.1
        ), item.id()
    for i, (page, item, (x, y, w, h)) in enumerate(rects):
        for other_page, other, (ox, oy, ow, oh) in rects[i + 1 :]:
            if page != other_page:
                continue
            overlap_x = min(x + w, ox + ow) - max(x, ox)
            overlap_y = min(y + h, oy + oh) - max(y, oy)
            inside_map = y < 130 and oy < 130  # map furniture (attribution) lies on the map, by design
            assert inside_map or overlap_x <= 0.2 or overlap_y <= 0.2, (item.id(), other.id(), page)


def test_the_french_report_is_in_french_with_every_section(monaco_fr):
    text = pdf_text(monaco_fr)
    words = flat(text)
    for title in FRENCH_TITLES:
        assert title in words, title
    assert "Accessibilité des arrêts (wheelchair)" in words  # the mappers' annex names the OSM key...
    prose = re.sub(r"\([a-z_:/]+\)", "", words)  # ... and only the key is English
    for english in ENGLISH:
        assert not re.search(rf"(?<![\w-]){re.escape(english)}", prose), english
    for level in (1, 2, 3, 4):  # every level of the scale has its row (8.3 km at level 4 in Monaco)
        assert re.search(rf"niveau de stress cycliste {level} \d", words), level
    assert "Linéaire où le vélo n’est pas autorisé (niveau 0 : trottoirs, escaliers" in words
    assert "Level of Traffic Stress" in words and "Niveau de stress cycliste (LTS)" in words  # explained
    assert "• —" not in words and not re.search(r"^\s*—\s*$", text, re.M)
    assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", words)  # dates in words
    assert re.search(rf"4 décembre 2026|\d{{1,2}} ({'|'.join(FRENCH_MONTHS)}) \d{{4}}", words)
    assert "35,1/100" in words  # a score reads /100
    assert "aménagement : bande cyclable" in words  # OSM values in words
    # Monaco maps no on-street parking: unknown, not 0
    assert "le stationnement sur voirie n’est pas renseigné dans OpenStreetMap" in words
    assert "0 sur voirie" not in words
    assert "Auteur ou commanditaire : Mairie de test" in words
    info = pdf_info(monaco_fr)
    assert info["Author"] == "Mairie de test"
    assert "Monaco" in info["Title"] and "vélo" in info["Subject"] and "OpenStreetMap" in info["Keywords"]


def test_the_contents_give_each_page_its_number(monaco_fr):
    words = flat(pdf_text(monaco_fr))
    pages = subprocess.run(
        ["pdftotext", "-layout", str(monaco_fr / "report.pdf"), "-"], capture_output=True, text=True
    ).stdout.split("\f")
    from mobility_diagnosis.core.themes import theme_ids

    # cover, synthesis, the priority map, one page per theme in registry order, the annexes; Monaco has no
    # page for the French data (crashes, census, flows: test_a_territory_outside_france_has_no_page…)
    ids = [i for i in theme_ids() if i not in ("safety", "profile", "commuting")]
    expected = (("Synthèse et actions", 2), ("Carte des actions prioritaires", 3), ("Vélo", 4),
                ("Écoles", 4 + ids.index("schools")), ("Annexe — Glossaire", 4 + len(ids) + 1),
                ("Annexe — Sources des données", 4 + len(ids) + 2))  # fmt: skip
    for title, number in expected:
        assert re.search(rf"{title} {number}\b", words), title
        assert pages[number - 1].strip().startswith(title)
    annexes = re.findall(r"(Annexe — [^\d]+?) (\d+)\b", flat(pages[0]).split("Sommaire", 1)[1])
    titles = [title for title, _ in annexes]
    assert titles[2:] == ["Annexe — Sources des données", "Annexe — Écoles", "Annexe — Discontinuités cyclables",
                          "Annexe — Données à compléter"], titles  # fmt: skip
    for title, number in annexes:  # each annex where the contents say, a long one continued after it
        assert pages[int(number) - 1].strip().startswith(title), title
    assert len(pages) - 1 >= int(annexes[-1][1])


def _gap_streets(folder: Path) -> set:
    """The names of the streets of the cycling gaps, read from the diagnosis's own layers."""
    from osgeo import ogr

    ds = ogr.Open(str(folder / "diagnosis.gpkg"))
    ids = {
        int(i)
        for f in ds.GetLayerByName("cycling_gaps")
        for i in (f.GetField("osm_ids") or "").split(",")
        if i
    }
    names = {f.GetField("name") for f in ds.GetLayerByName("cycling_segments") if f.GetField("osm_id") in ids}
    ds = None
    return names - {None, ""}


def test_the_synthesis_page_has_the_findings_and_the_ranked_actions(monaco_fr):
    from mobility_diagnosis.qgis_io.export.package_gpkg import read_diagnosis
    from mobility_diagnosis.qgis_io.export.report import read_synthesis

    synthesis = read_synthesis(read_diagnosis(str(monaco_fr / "diagnosis.gpkg")), "fr")
    pages = pdf_text(monaco_fr).split("\f")
    page = flat(pages[1])
    assert page.startswith("Synthèse et actions Points forts et points faibles")
    assert "Point faible :" in page or "Point fort :" in page
    assert 3 <= len(synthesis.actions) <= 7
    assert f"1. {flat(synthesis.actions[0].title)}" in page
    assert "Où :" in page and "Pourquoi :" in page and "Effet attendu :" in page and "Coût :" in page
    for action in synthesis.actions:  # every action at least by its title, in rank order
        assert f"{action.rank}. {flat(action.title)}" in page, action.title
    streets = _gap_streets(monaco_fr)
    gaps = flat(next(p for p in pages if flat(p).startswith("Annexe — Discontinuités cyclables")))
    assert "Avenue du Port" in streets and "Avenue du Port" in gaps  # a street of Monaco, from the data
    assert len([s for s in streets if s in gaps]) >= len(streets) // 2


def _actions_map(layout):
    from mobility_diagnosis.qgis_io.export.report import ACTIONS_MAP_ID

    return layout.itemById(ACTIONS_MAP_ID)


def _drawn_ids(layer, field: str) -> set:
    """The ``field`` of the features the layer's rules draw (a feature no rule matches is not drawn)."""
    from qgis.core import QgsExpression, QgsFeatureRequest

    rules = [r.filterExpression() for r in layer.renderer().rootRule().children()]
    request = QgsFeatureRequest(QgsExpression(" OR ".join(f"({r})" for r in rules)))
    return {f[field] for f in layer.getFeatures(request)}


def test_the_priority_map_marks_each_action_where_it_applies(stored):
    """The map after the synthesis draws exactly the features the actions name (checked against the
    diagnosis's own layers), each marked with its action's rank, and its legend gives rank and title."""
    from osgeo import ogr
    from qgis.core import QgsLayoutItemLabel

    from mobility_diagnosis.qgis_io.export.map_style import BACKGROUND_PROPERTY
    from mobility_diagnosis.qgis_io.export.package_gpkg import read_diagnosis
    from mobility_diagnosis.qgis_io.export.report import read_synthesis

    gpkg = str(stored.folder / "diagnosis.gpkg")
    synthesis = read_synthesis(read_diagnosis(gpkg), "fr")
    item = _actions_map(stored.layout)
    assert synthesis.actions and item is not None
    named: dict = {}  # table → field → ids the actions name that the file holds
    ranks: dict = {}  # table → ranks labelled on it
    ds = ogr.Open(gpkg)
    for action in synthesis.actions:
        for i, place in enumerate(action.places):
            table = ds.GetLayerByName(place.layer)
            held = {f.GetField(place.field) for f in table} if table is not None else set()
            found = held & set(place.values)
            if found:
                named.setdefault(place.layer, {}).setdefault(place.field, set()).update(found)
                if i == 0:
                    ranks.setdefault(place.layer, set()).add(action.rank)
    ds = None
    assert named  # the actions are found on the map
    layers = {
        layer.source().split("layername=")[1].split("|")[0]: layer
        for layer in item.layers()
        if "layername=territory" not in layer.source() and not layer.customProperty(BACKGROUND_PROPERTY)
    }
    assert set(layers) == set(named)  # the places, over the background every report map has
    for table, fields in named.items():
        layer = layers[table]
        for field, ids in fields.items():
            assert _drawn_ids(layer, field) >= ids, table
        if len(fields) == 1:
            ((field, ids),) = fields.items()
            assert _drawn_ids(layer, field) == ids, table  # nothing else is drawn
        labels = layer.labeling().rootRule().children() if layer.labelsEnabled() else []
        assert {int(r.settings().fieldName.strip("'")) for r in labels} == ranks.get(table, set()), table
    page = item.page()
    texts = [
        " ".join(i.text().split())
        for i in stored.layout.items()
        if isinstance(i, QgsLayoutItemLabel) and i.page() == page
    ]
    shown = {rank for r in ranks.values() for rank in r}
    for action in synthesis.actions:
        if action.rank in shown:  # its number in a circle, its title beside it
            assert str(action.rank) in texts and " ".join(action.title.split()) in texts, action.title
    assert "Carte des actions prioritaires" in texts


def test_the_sources_annex_lists_each_source_with_its_licence(monaco_fr):
    pages = pdf_text(monaco_fr).split("\f")
    annex = flat(next(p for p in pages if flat(p).startswith("Annexe — Sources des données")))
    assert "OpenStreetMap" in annex and "ODbL" in annex
    assert "Source État Millésime Licence" in annex


def test_a_commune_without_school_has_no_schools_annex(cap_d_ail):
    words = flat(pdf_text(cap_d_ail))
    assert "Annexe — Écoles" not in words
    assert "Annexe — Sources des données" in words and "Synthèse et actions" in words


def test_the_english_report_is_in_english(monaco_en):
    words = flat(pdf_text(monaco_en))
    for title in (
        "Contents",
        "Summary and actions",
        "Priority actions map",
        "Strengths and weaknesses",
        "Priority actions",
        "Cycling",
        "Key figures",
        "What it means",
        "Legend",
        "Glossary",
    ):
        assert title in words, title
    for french in FRENCH:
        assert french not in words, french
    assert pdf_info(monaco_en)["Author"] == "Mobility Diagnosis (QGIS plugin)"  # never the OS user
    # the themes without a page, each once named: « Commuting — home-to-work commuting » would say it twice
    words = unicodedata.normalize("NFKC", words)
    assert "Themes not assessed, for lack of data (they have no page)" in words
    assert (
        "• Road safety — road injury crashes: not available (no ONISR crash files (BAAC) were given)" in words
    )
    assert "• Home-to-work commuting: not available" in words and "Commuting — home" not in words


def test_a_french_commune_has_its_key_facts(cap_d_ail):
    words = flat(pdf_text(cap_d_ail))
    assert "Le territoire en bref" in words
    # the census tables the profile page reads (P18_POP, SUPERF), with their year: one source for both
    assert "Population 2018 : 4 529 habitants (Insee)" in words
    assert "Superficie : 2,0 km²" in words  # one decimal under 10 km²
    assert "Densité : 2 220 habitants par km²" in words
    assert "4 529 habitants, soit 2 220 hab./km²." in words  # the profile page says the same


def _inside(folder: Path, layer: str) -> int:
    from osgeo import ogr

    ds = ogr.Open(str(folder / "diagnosis.gpkg"))
    features = list(ds.GetLayerByName(layer))
    has_inside = features and features[0].GetFieldIndex("inside") >= 0
    return sum(1 for f in features if not has_inside or f.GetField("inside"))  # else all are inside


def _figure(value: float, indicator: str = "") -> str:
    from mobility_diagnosis.core.report_text import format_figure

    return flat(format_figure("profile", indicator, value, "fr"))


def test_a_french_commune_reads_every_share_with_its_denominator(cap_d_ail):
    """Cap-d'Ail's pages as printed: the counts come from the layers, zeros and ones in words (issue 16)."""
    words = flat(pdf_text(cap_d_ail))
    homes, stops = _inside(cap_d_ail, "walk_access"), _inside(cap_d_ail, "stop_access")
    crossings, gaps = _inside(cap_d_ail, "crossing_access"), _inside(cap_d_ail, "cycling_gaps")
    assert re.search(
        rf"\d+,\d % des {_figure(homes)} bâtiments résidentiels sont à moins de 300 m à pied", words
    )
    assert f"Aucun des {stops} arrêts n’est renseigné accessible en fauteuil roulant ;" in words
    assert (
        f"Aucune des {crossings} traversées piétonnes n’a de bordure abaissée renseignée ; la bordure de toutes "
        "(100 %) n’est pas renseignée (à cartographier)." in words
    )
    assert gaps == 1 and "1 tronçon court et stressant (discontinuité) relierait" in words
    assert "Aucune place de stationnement vélo n’est cartographiée." in words
    # every destination lacks bike parking here: the gaps layer holds them all
    destinations = _inside(cap_d_ail, "bike_parking_gaps")
    assert f"Aucune des {destinations} destinations du quotidien" in words
    assert "Aucune école n’est cartographiée dans OpenStreetMap sur le territoire" in words
    for defect in ("1 tronçons", "0 places", "0 rues", "celle de 100 %", "0,5 emplois", "895,2", "2 220,1"):
        assert defect not in words, defect


def test_the_profile_page_shows_its_references(cap_d_ail):
    from osgeo import ogr

    pages = pdf_text(cap_d_ail).split("\f")
    page = flat(next(p for p in pages if flat(p).startswith("Profil du territoire")))
    assert "Indicateur Commune Département France Même densité" in page
    ds = ogr.Open(str(cap_d_ail / "diagnosis.gpkg"))
    refs = {f.GetField("indicator"): f for f in ds.GetLayerByName("profile_references")}
    for indicator, label in (("population", "Population 2018"), ("density", "Densité 2018 (hab./km²)")):
        row = refs[indicator]
        cells = [
            _figure(row.GetField(name), indicator) if row.IsFieldSetAndNotNull(name) else "—"
            for name in ("value", "departement", "france", "density_class")
        ]
        assert f"{label} {' '.join(cells)}" in page, (label, cells)
    assert "Emplois dans la commune 2018 895 " in page  # INSEE's weighted counts read whole
    assert "Superficie (km²) 2,0 " in page


def test_the_stored_project_opens_on_one_theme_with_titled_layers(monaco_fr):
    stored = Stored(monaco_fr)
    try:
        root = stored.project.layerTreeRoot()
        groups = {g.name(): g.isVisible() for g in root.children() if hasattr(g, "findLayers")}
        assert groups["Vélo"] is True
        assert [name for name in ("Accessibilité", "Stationnement", "Écoles") if groups[name]] == []
        names = {layer.name() for layer in stored.project.mapLayers().values()}
        assert "Vélo : rues par niveau de stress" in names and "cycling_segments" not in names
        segments = next(
            layer
            for layer in stored.project.mapLayers().values()
            if layer.name() == "Vélo : rues par niveau de stress"
        )  # not « … (actions prioritaires) », the priority map's copy styled by action
        labels = [c.label() for c in segments.renderer().categories()]
        assert "0 : vélo interdit (trottoirs, escaliers)" in labels  # the legend in the report's language
        # the few things the maps name: each gap by its rank (as in the gaps annex), each school
        named = {
            layer.name(): layer.labeling().settings().fieldName
            for layer in stored.project.mapLayers().values()
            if layer.labelsEnabled()
            and layer.name() in ("Vélo : discontinuités", "Écoles : diagnostic par établissement")
        }
        assert named == {"Vélo : discontinuités": "gap_id", "Écoles : diagnostic par établissement": "name"}
    finally:
        stored.close()


# The layers each theme map draws (one message per map), as chosen in the registry (core.themes): the
# accessibility map shows walk access with the stops on top (Cap-d'Ail's 98 and Monaco's 520 crossings, the
# sidewalk gaps and the transit service stay in the table); the parking map the parking supply (91 and 334
# bike-parking gaps stay in the table); the cycling map the streets by stress and the gaps (not the islands,
# which the streets hide).
MAP_LAYERS = {
    "cycling": {"cycling_segments", "cycling_gaps", "territory"},
    "accessibility": {"walk_access", "stop_access", "territory"},
    "parking": {"parking_supply", "territory"},
}


def _map_tables(item, background=False) -> set[str]:
    from mobility_diagnosis.qgis_io.export.map_style import BACKGROUND_PROPERTY

    return {
        layer.source().split("layername=")[-1]
        for layer in item.layers()
        if bool(layer.customProperty(BACKGROUND_PROPERTY)) == background
    }


def test_each_theme_map_draws_only_its_chosen_layers(stored):
    from qgis.core import QgsLayoutItemMap

    maps = {i.id(): i for i in stored.layout.items() if isinstance(i, QgsLayoutItemMap)}
    for theme, tables in MAP_LAYERS.items():
        assert _map_tables(maps[f"map:{theme}"]) == tables, theme
    # under every map of the stored report (made by diagnose): the buildings and streets it holds
    for key, item in maps.items():
        assert _map_tables(item, background=True) == {"walk_access", "cycling_segments"}, key


def test_crowded_points_are_drawn_smaller_and_without_outline_on_the_report_map(monaco_fr):
    """Monaco's 167 stops on the accessibility map: above ``CROWDED`` points in the map's extent, the
    stored style draws them smaller and without outline; zoomed in on a street, at full size."""
    from qgis.core import QgsExpressionContextUtils, QgsLayoutItemMap, QgsRectangle, QgsRenderContext

    from mobility_diagnosis.qgis_io.export.map_style import _STROKE_STYLE, CROWDED

    stored = Stored(monaco_fr)
    try:
        maps = [
            i for i in stored.layout.items() if isinstance(i, QgsLayoutItemMap) and i.id().startswith("map:")
        ]
        checked = 0
        for item in maps:
            if item.id() == "map:actions":  # draws only the few places its actions name (actions_map rules)
                continue
            for layer in item.layers():
                if layer.geometryType() != 0 or layer.featureCount() <= CROWDED:
                    continue
                symbols = layer.renderer().symbols(QgsRenderContext())
                assert symbols, layer.name()
                for symbol in symbols:
                    context = item.createExpressionContext()
                    size, _ = symbol.dataDefinedSize().valueAsDouble(context, symbol.size())
                    assert size < 0.99 * symbol.size(), (item.id(), layer.name())  # 167 stops: by 5 %
                    style = symbol.symbolLayer(0).dataDefinedProperties().property(_STROKE_STYLE)
                    assert style.valueAsString(context, "solid")[0] == "no", (item.id(), layer.name())
                    # a street-sized extent holds a handful of them: full size again
                    centre = item.extent().center()
                    street = QgsRectangle(
                        centre.x() - 100, centre.y() - 60, centre.x() + 100, centre.y() + 60
                    )
                    scope = QgsExpressionContextUtils.mapSettingsScope(
                        item.mapSettings(street, item.rect().size(), 96, False)
                    )
                    context.appendScope(scope)
                    size, _ = symbol.dataDefinedSize().valueAsDouble(context, symbol.size())
                    assert size == pytest.approx(symbol.size()), (item.id(), layer.name())
                checked += 1
        assert checked >= 1  # the stops at least
    finally:
        stored.close()


def test_the_layout_maps_draw_the_background_of_buildings_and_streets(cap_dail, tmp_path):
    """The layout itself (the stored project's report and ``exportpackage``'s PDF) draws the territory's
    buildings and streets under every map, as the pictures ``diagnose`` renders ahead do: the streets the
    diagnosis holds (stored with the project), the buildings of the territory GeoPackage it lacks."""
    import processing
    from qgis.core import QgsLayoutItemMap, QgsProject

    from mobility_diagnosis.qgis_io.export.map_style import (
        BACKGROUND_PROPERTY,
        add_background,
        find_territory_gpkg,
    )
    from mobility_diagnosis.qgis_io.export.package_gpkg import read_diagnosis
    from mobility_diagnosis.qgis_io.export.report import build_report_layout, draw_background
    from mobility_diagnosis.qgis_io.gpkg.project import build_project, project_uri, store_project

    gpkg = str(tmp_path / "diagnosis.gpkg")
    for theme in ("cycling", "parking"):
        processing.run(f"mobilitydiagnosis:{theme}", {"INPUT": cap_dail, "OUTPUT": gpkg})
    diagnosis = read_diagnosis(gpkg)
    assert find_territory_gpkg(gpkg, diagnosis.about) == cap_dail
    project, layers = build_project(diagnosis, gpkg, "fr")
    background = add_background(project, "fr", find_territory_gpkg(gpkg, diagnosis.about), gpkg)
    try:
        layout = build_report_layout(project, diagnosis, layers, "fr")
        draw_background(layout, background)
        maps = [i for i in layout.items() if isinstance(i, QgsLayoutItemMap)]
        # and the priority map of the actions, when the synthesis found an action's place
        assert {i.id() for i in maps} - {"map:actions"} == {"map:cover", "map:cycling", "map:parking"}
        for item in maps:
            drawn = [layer for layer in item.layers() if layer.customProperty(BACKGROUND_PROPERTY)]
            # at the bottom of the map: the streets over the buildings
            assert item.layers()[-2:] == drawn, item.id()
            streets, buildings = drawn
            assert streets.source() == f"{gpkg}|layername=cycling_segments"
            assert buildings.source() == f"{cap_dail}|layername=buildings" and buildings.featureCount() > 500
        project.layoutManager().addLayout(layout)
        store_project(project, gpkg)
    finally:
        project.layoutManager().clear()
        project.removeAllMapLayers()
        layers.clear()
        background.clear()
    # the stored project keeps the streets of its own GeoPackage, in an unchecked group at the bottom
    stored = QgsProject()
    assert stored.read(project_uri(gpkg))
    try:
        group = stored.layerTreeRoot().children()[-1]
        assert group.name() == "Fond de plan" and not group.itemVisibilityChecked()
        assert [node.layer().name() for node in group.findLayers()] == ["Fond de plan : rues"]
        item = stored.layoutManager().layoutByName("report").itemById("map:cycling")
        assert item.layers()[-1].name() == "Fond de plan : rues"
    finally:
        stored.layoutManager().clear()
        stored.removeAllMapLayers()


@pytest.fixture(scope="module")
def heidelberg_report(tmp_path_factory, provider):
    """The cycling report of Heidelberg's centre and its surroundings (a 7 × 7 km box, 2024 extract):
    a territory too large for the centre to be read on the page's map."""
    import processing

    from mobility_diagnosis.qgis_io.export.map_style import add_background, find_territory_gpkg
    from mobility_diagnosis.qgis_io.export.package_gpkg import read_diagnosis
    from mobility_diagnosis.qgis_io.export.report import build_report_layout, draw_background
    from mobility_diagnosis.qgis_io.gpkg.project import build_project
    from tests.processing.test_cycling import box_layer

    tmp = tmp_path_factory.mktemp("heidelberg_report")
    territory = str(tmp / "territory.gpkg")
    processing.run("mobilitydiagnosis:fetchterritory", {
        "TERRITORY_LAYER": box_layer(tmp / "hd.geojson", 8.63, 49.37, 8.73, 49.43, "hd", "Heidelberg"),
        "OSM_FILE": str(data_path("osm", "heidelberg_2024.osm.pbf")), "OUTPUT": territory,
    })  # fmt: skip
    gpkg = str(tmp / "diagnosis.gpkg")
    processing.run("mobilitydiagnosis:cycling", {"INPUT": territory, "OUTPUT": gpkg})
    diagnosis = read_diagnosis(gpkg)
    project, layers = build_project(diagnosis, gpkg, "fr")
    background = add_background(project, "fr", find_territory_gpkg(gpkg, diagnosis.about), gpkg)
    layout = build_report_layout(project, diagnosis, layers, "fr")
    draw_background(layout, background)
    yield tmp, layout, layers
    project.layoutManager().clear()
    project.removeAllMapLayers()
    layers.clear()
    background.clear()


def _rect(item):
    position, size = item.pagePositionWithUnits(), item.sizeWithUnits()
    return position.x(), position.y(), size.width(), size.height()


def _overlap(a, b) -> bool:
    (x, y, w, h), (ox, oy, ow, oh) = a, b
    return min(x + w, ox + ow) - max(x, ox) > 0.2 and min(y + h, oy + oh) - max(y, oy) > 0.2


def test_a_large_territory_has_its_centre_enlarged_in_an_inset(heidelberg_report):
    from qgis.core import (
        QgsLayoutItem,
        QgsLayoutItemLegend,
        QgsLayoutItemMap,
        QgsLayoutItemPicture,
        QgsLayoutItemScaleBar,
        QgsPointXY,
    )

    from mobility_diagnosis.core.map_inset import densest_centre
    from mobility_diagnosis.qgis_io.export.report import PAGE_H, PAGE_W, feature_points, territory_geometry

    tmp, layout, layers = heidelberg_report
    main, inset = layout.itemById("map:cycling"), layout.itemById("inset:cycling")
    assert isinstance(inset, QgsLayoutItemMap) and inset.page() == main.page()
    assert layout.itemById("inset:cover") is None  # the cover shows the whole territory only
    x, y, w, h = _rect(inset)
    mx, my, mw, mh = _rect(main)
    assert mx < x and my < y and x + w < mx + mw and y + h < my + mh  # inside its map's frame
    assert x + w <= PAGE_W and y + h <= PAGE_H
    # clear of the map's furniture and of the legend
    furniture = [
        i
        for i in layout.items()
        if isinstance(i, QgsLayoutItem)
        and i.page() == main.page()
        and (
            isinstance(i, (QgsLayoutItemScaleBar, QgsLayoutItemPicture, QgsLayoutItemLegend))
            or (hasattr(i, "text") and "OpenStreetMap" in i.text())
        )
    ]
    assert len(furniture) == 4  # scale bar, north arrow, legend, attribution
    for other in furniture:
        assert not _overlap(_rect(inset), _rect(other)), type(other).__name__
    # the same layers, zoomed on the densest square of the streets: inside the main map's extent
    assert inset.layers() == [i for i in main.layers() if not i.source().endswith("layername=territory")]
    extent, zoom = main.extent(), inset.extent()
    assert extent.contains(zoom) and zoom.width() < extent.width() / 3
    # the densest square of the streets inside the territory (the first of report.CENTRE_LAYERS here)
    inside = territory_geometry([layers["territory"]])
    centre = densest_centre(*feature_points([layers["cycling_segments"]], inside))
    xs, _ = feature_points([layers["cycling_segments"]])
    assert 0 < len(feature_points([layers["cycling_segments"]], inside)[0]) < len(xs)  # some lie outside
    assert zoom.contains(QgsPointXY(*centre))
    assert abs(zoom.center().x() - centre[0]) < 1 and abs(zoom.center().y() - centre[1]) < 1
    # Heidelberg's old town, on the Neckar's south bank (about 8.69 E, 49.41 N in UTM 32N)
    assert 475_000 < centre[0] < 479_000 and 5_470_000 < centre[1] < 5_474_000, centre
    # the zoom outlined on the main map, and a caption
    overviews = main.overviews().asList()
    assert len(overviews) == 1 and overviews[0].linkedMap() is inset
    captions = [i for i in layout.items() if hasattr(i, "text") and i.text() == "Zoom sur le centre"]
    assert len(captions) == 1 and _rect(captions[0])[0] == pytest.approx(x)
    assert_nothing_overlaps(layout)  # and the rest of the page as on a small territory


def test_the_inset_is_printed_with_its_outline_on_the_map(heidelberg_report):
    from qgis.core import QgsLayoutExporter, QgsLayoutItemShape

    from mobility_diagnosis.qgis_io.export.report import _stand_in

    tmp, layout, _ = heidelberg_report
    main = layout.itemById("map:cycling")
    exporter = QgsLayoutExporter(layout)
    image = exporter.renderPageToImage(main.page(), dpi=150)
    assert not image.isNull() and image.save(str(tmp / "cycling_page.png"))
    # a picture rendered ahead stands in for the main map: the zoom's outline is drawn over it
    picture = tmp / "cycling_page.png"
    standins = _stand_in(layout, {"map:cycling": str(picture)})
    try:
        outlines = [s for _, s in standins if isinstance(s, QgsLayoutItemShape)]
        assert len(outlines) == 1
        zoom, extent = layout.itemById("inset:cycling").extent(), main.extent()
        assert _rect(outlines[0])[2] == pytest.approx(
            main.sizeWithUnits().width() * zoom.width() / extent.width()
        )
    finally:
        for item, stand in standins:
            layout.removeLayoutItem(stand)
            item.setVisibility(True)


def test_a_small_territory_has_no_inset(stored):
    from qgis.core import QgsLayoutItem

    items = [i for i in stored.layout.items() if isinstance(i, QgsLayoutItem)]
    assert not [i for i in items if i.id().startswith("inset:")] and stored.layout.itemById("map:cycling")


def test_a_theme_with_nothing_to_show_has_no_page(cap_d_ail):
    """Cap-d'Ail's commuting (no flows file): no page of one sentence, no map of nothing; the synthesis says
    why, with the themes not assessed. The schools page (no school mapped: a count of 0, a figure) stays."""
    from qgis.core import QgsLayoutItemLabel, QgsLayoutItemMap

    stored = Stored(cap_d_ail)
    try:
        ids = {i.id() for i in stored.layout.items() if isinstance(i, QgsLayoutItemMap)}
        assert "map:commuting" not in ids and {"map:cycling", "map:schools", "map:profile"} <= ids
        pages = stored.layout.pageCollection().pageCount()
        labels = [i for i in stored.layout.items() if isinstance(i, QgsLayoutItemLabel)]
        assert not [i for i in labels if i.text() == "Domicile-travail"]  # no title band left behind
        assert max(i.page() for i in labels) == pages - 1  # and no page left empty at the end
    finally:
        stored.close()
    pages = pdf_text(cap_d_ail).split("\f")
    assert not [p for p in pages if flat(p).startswith("Domicile-travail")]
    assert "Domicile-travail" not in flat(pages[0]).split("Sommaire", 1)[1]
    synthesis = unicodedata.normalize("NFKC", flat(pages[1]))  # no ligatures (« ﬁchier »)
    assert (
        "non évalués, faute de données (ils n’ont pas de page)" in synthesis
    )  # no flows, no crash file here
    assert "• Domicile-travail : non disponible (le fichier des flux domicile-travail de l’Insee" in synthesis


def test_a_territory_outside_france_has_no_page_for_french_data(monaco_fr):
    """Monaco: no crash file, not in the census, no flows: three pages of one sentence each became three
    lines of the synthesis, each with its cause, and the contents number the pages that remain."""
    pages = pdf_text(monaco_fr).split("\f")
    for title in ("Sécurité routière", "Profil du territoire", "Domicile-travail"):
        assert not [p for p in pages if flat(p).startswith(title)], title
    synthesis = unicodedata.normalize("NFKC", flat(pages[1]))
    assert "Thèmes non évalués, faute de données (ils n’ont pas de page)" in synthesis
    assert (
        "• Sécurité routière — accidents corporels : non disponible (aucun fichier d’accidents" in synthesis
    )
    assert (
        "• Profil du territoire — chiffres du recensement : non disponibles (MC ne figure pas dans les tables du "
        "recensement de l’Insee : territoire hors de France ou commune créée depuis)" in synthesis
    )
    assert "• Domicile-travail : non disponible (le fichier des flux domicile-travail" in synthesis
    assert "Population 2018 : non disponible" not in flat(" ".join(pages))
