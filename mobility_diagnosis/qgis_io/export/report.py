"""``report.pdf``: the council report, made with a QGIS print layout (A4 portrait pages).

Pages in the order of ``page_keys``: the cover (territory, key facts, author, date, sources, contents
with page numbers), the synthesis and actions (``core.synthesis``), one page per theme present in the
diagnosis (a map of its styled layers with scale bar, north arrow, legend and OpenStreetMap attribution,
its reading in plain words and its key figures), then the annexes (method and limits, glossary, and the
tables of sources, schools, cycling gaps and data to complete, each left out when it has no row).
Every text box, legend and table is sized from its measured content and the page is laid out top to
bottom from those sizes, so nothing is cut or hidden (``tests/processing/test_report_layout.py``
measures them). The layout is also returned, so the stored project keeps it editable.
Works headless (``QT_QPA_PLATFORM=offscreen``).
"""

from __future__ import annotations

import os
import re
from typing import Mapping, Optional, Sequence

from qgis.core import (
    Qgis,
    QgsFillSymbol,
    QgsGeometry,
    QgsLayoutExporter,
    QgsLayoutFrame,
    QgsLayoutItem,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemManualTable,
    QgsLayoutItemMap,
    QgsLayoutItemMapOverview,
    QgsLayoutItemPage,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsLayoutItemShape,
    QgsLayoutMeasurement,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLayoutTable,
    QgsLayoutTableColumn,
    QgsPrintLayout,
    QgsProject,
    QgsRectangle,
    QgsSymbolLayerUtils,
    QgsTableCell,
    QgsTextFormat,
    QgsUnitTypes,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QRectF, Qt
from qgis.PyQt.QtGui import QColor, QFont, QFontMetricsF, QImage

from ...core.indicators import Indicator
from ...core.map_inset import INSET, densest_centre, inset_place, needs_inset
from ...core.package_text import lang_of, layer_theme, theme_title
from ...core.report_text import (
    COUNTED_BY,
    DENOMINATORS,
    GLOSSARY,
    METHOD,
    SCALES,
    UNIT_TEXT,
    data_date,
    date_in_words,
    format_figure,
    format_number,
    format_value,
    readings,
    report_text,
    source_text,
    table_label,
    unmapped,
)
from ...core.synthesis import Synthesis, build_synthesis
from ...core.synthesis.assessment import UNKNOWN
from ...core.synthesis.costs import COST_LABELS
from ...core.synthesis.references import census_references
from ...core.synthesis.texts import UNITS_AFTER_FIGURE, typeset
from ...core.territory import is_insee_code
from ...core.themes import find, find_layer
from ...core.themes import themes as all_themes
from ..atomic import atomic_path
from ..gdal_mode import open_or_none
from .actions_map import action_colour, action_layers
from .legend_classes import keep_used_classes
from .map_style import fit_for_page
from .package_gpkg import Diagnosis, PackageError
from .synthesis_inputs import SynthesisReadError, read_synthesis_inputs

MM = QgsUnitTypes.LayoutUnit.LayoutMillimeters
PAGE_W, PAGE_H = 210.0, 297.0
MARGIN = 12.0
INK = QColor(30, 30, 30)
ACCENT = QColor(20, 90, 140)
MAX_FIGURES = 14  # key figures per theme page at most (the rest is in indicators.csv)
FONT = "DejaVu Sans"
# Page texts a theme's page adds under its reading: the first use of a term the glossary explains.
THEME_NOTES = {"cycling": "lts_note"}
# The synthesis page: its place is fixed here (after the cover, before the themes), its content may grow.
SYNTHESIS = "synthesis"
# The priority map of the actions, on a page of its own right after the synthesis (the synthesis fills its
# page with 7 actions); left out when no action's place is found in the diagnosis.
ACTIONS_MAP = "actions_map"
ACTIONS_MAP_ID = "map:actions"
ACTIONS_MAP_TOP = 24.0  # mm, under the title band
ACTIONS_MAP_MAX_H = 215.0  # mm: the territory at a larger scale than a theme page's map, the legend under it
RANK_CIRCLE = 5.0  # mm, the rank's circle in the legend
# The annexes, in order, after the themes. The last four are tables; one with no row is left out (a
# territory without a school has no schools annex), and a long one continues on the next page.
ANNEXES = ("method", "glossary", "sources_annex", "schools_annex", "gaps_annex", "mapping_annex")
TABLE_ANNEXES = ANNEXES[2:]
NORTH_ARROW = "arrows/NorthArrow_02.svg"  # QGIS's default north arrow
REPORT_DPI = 150
# map frames (x, y, width, height in mm): the cover's on page 0, the same size on every theme page, so that
# the cover, which shows a theme page's map (cycling's), is drawn once
COVER_MAP = (MARGIN, 66.0, PAGE_W - 2 * MARGIN, 104.0)
THEME_MAP = (MARGIN, 24.0, PAGE_W - 2 * MARGIN, 104.0)
TERRITORY_MARGIN = 1.08  # the maps show the territory and a little around it
# mm at a map's foot kept for its scale bar and attribution (``_map_furniture``); the inset stays above it
FURNITURE_BAND = INSET["band_mm"]
# Where the inset finds the territory's centre, the first present: where people live, else its streets.
CENTRE_LAYERS = ("walk_access", "cycling_segments")
INSET_PREFIX = "inset:"  # a theme map's enlarged centre on a large territory (``core.map_inset``)
ZOOM_OUTLINE = {"color": "0,0,0,0", "outline_color": "20,90,140", "outline_width": "0.5"}  # ACCENT


def build_report_layout(
    project: QgsProject,
    diagnosis: Diagnosis,
    layers: dict[str, QgsVectorLayer],
    lang: str,
    name: str = "report",
    author: str = "",
) -> QgsPrintLayout:
    layout = new_report_layout(project, diagnosis.themes, name)
    for theme in diagnosis.themes:
        add_theme_page(layout, diagnosis.themes, theme, layers, diagnosis, lang)
    finish_report_layout(layout, diagnosis, layers, lang, author)
    return layout


def draw_background(layout: QgsPrintLayout, background: Sequence[QgsVectorLayer]) -> None:
    """Draw ``background`` (``map_style.background_layers``) under every map of the finished layout, its
    insets too."""
    for item in layout.items():
        if isinstance(item, QgsLayoutItemMap) and item.id().startswith(("map:", INSET_PREFIX)):
            item.setLayers([*item.layers(), *background])


def page_keys(
    themes: Sequence[str], annexes: Sequence[str] = ANNEXES, actions_map: bool = False
) -> list[str]:
    """The report's pages in order: the cover, the synthesis, the priority map (``actions_map``: when an
    action's place is found; known only with the synthesis), one per theme, the annexes."""
    return ["cover", SYNTHESIS, *([ACTIONS_MAP] if actions_map else []), *themes, *annexes]


def new_report_layout(project: QgsProject, themes: Sequence[str], name: str = "report") -> QgsPrintLayout:
    """The layout with the cover, synthesis and theme pages in place (``page_keys``). Theme pages can then
    be filled in any order (``add_theme_page``), as ``diagnose``'s themes end; the annexes, whose number
    depends on every theme, are added at the end (``finish_report_layout``)."""
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()  # one A4 page
    layout.setName(name)
    layout.pageCollection().page(0).setPageSize(QgsLayoutSize(PAGE_W, PAGE_H, MM))
    for _ in range(len(page_keys(themes, ())) - 1):
        _add_page(layout)
    return layout


def add_theme_page(
    layout: QgsPrintLayout,
    themes: Sequence[str],
    theme: str,
    layers: dict[str, QgsVectorLayer],
    diagnosis: Diagnosis,
    lang: str,
) -> None:
    """Fill ``theme``'s page (its map, legend, reading and figures); ``diagnosis`` needs only that theme.
    The map shows the registry's choice of the theme's layers (one message), thinned for the page's scale."""
    names = theme_map_layers(theme, list(layers), layer_counts(layers))
    territory = layers.get("territory")
    if territory is not None:
        extent = map_extent(territory.extent(), THEME_MAP[2], THEME_MAP[3])
        for name in names:
            fit_for_page(layers[name], name, extent)
    page = page_keys(themes).index(theme)
    centre = [layers[n] for n in CENTRE_LAYERS if n in layers]
    _theme_page(layout, page, theme, [layers[n] for n in names], territory, diagnosis, lang, centre)


def layer_counts(layers: Mapping[str, QgsVectorLayer]) -> dict[str, int]:
    """Features per layer, which decide the layers a map shows (``report_map_limit``)."""
    return {name: layer.featureCount() for name, layer in layers.items()}


def finish_report_layout(
    layout: QgsPrintLayout,
    diagnosis: Diagnosis,
    layers: dict[str, QgsVectorLayer],
    lang: str,
    author: str = "",
) -> None:
    """The cover, the synthesis and the annexes, which speak of every theme; the PDF's metadata."""
    date = date_in_words(diagnosis.created[:10], lang)
    synthesis = read_synthesis(diagnosis, lang)
    keys = page_keys(diagnosis.themes, ())
    counts = layer_counts(layers)
    omitted = {
        theme: [r.text for r in readings(theme, diagnosis.indicators, lang)]
        for theme in diagnosis.themes
        if blank_theme(
            theme, diagnosis.indicators, [layers[n] for n in theme_map_layers(theme, list(layers), counts)]
        )
    }
    for theme in reversed(list(omitted)):  # the last first: the pages before keep their numbers
        _drop_page(layout, keys.index(theme))
    shown = [theme for theme in diagnosis.themes if theme not in omitted]
    _summary(layout, keys.index(SYNTHESIS), diagnosis, synthesis, lang, diagnosis.about, omitted)
    drawn = _actions_map(layout, keys.index(SYNTHESIS) + 1, diagnosis, synthesis, layers, lang)
    keys = page_keys(shown, (), actions_map=drawn)
    contents = [(key, number) for number, key in enumerate(keys, start=1)]
    for key in ANNEXES:
        rows = annex_rows(key, synthesis, diagnosis.about, lang)
        if key in TABLE_ANNEXES and not rows:
            continue
        page = _add_page(layout)
        contents.append((key, page + 1))
        if key in TABLE_ANNEXES:
            _table_annex(layout, page, key, rows, lang)
        else:
            _annex(layout, page, key, lang)
    _cover(layout, diagnosis, layers, lang, date, author, contents)
    _typeset(layout, lang)
    _pdf_metadata(layout.project(), diagnosis, lang, author)


def blank_theme(theme: str, indicators: Sequence[Indicator], theme_layers: Sequence[QgsVectorLayer]) -> bool:
    """No figure known and nothing to map (commuting without a flows file, road safety without crash files,
    the profile of a territory the census does not hold): its page would hold one sentence, so the report
    leaves it out and the synthesis says why, with the themes not assessed."""
    known = any(i.value is not None and i.value == i.value for i in indicators if i.theme == theme)
    return not known and not any(layer.featureCount() for layer in theme_layers)


def _drop_page(layout: QgsPrintLayout, page: int) -> None:
    """Remove page ``page`` and what is on it; the items of the later pages move up with their pages."""
    for item in list(layout.items()):
        if isinstance(item, QgsLayoutFrame) and item.page() == page:
            layout.removeMultiFrame(item.multiFrame())
    for item in list(layout.items()):
        if (
            isinstance(item, QgsLayoutItem)
            and not isinstance(item, QgsLayoutItemPage)
            and item.page() == page
        ):
            layout.removeLayoutItem(item)
    layout.pageCollection().deletePage(page)


def _typeset(layout: QgsPrintLayout, lang: str) -> None:
    """French typography (non-breaking spaces before « : », « % »…) on every text box and table cell, in one
    place: the report's sentences come from many tables. The wrapping already kept those words together
    (``_unbreakable``); this makes the spaces the right ones."""
    for item in layout.items():
        if isinstance(item, QgsLayoutItemLabel):
            item.setText(typeset(item.text(), lang))
    for table in layout.multiFrames():
        if isinstance(table, QgsLayoutItemManualTable):
            contents = table.tableContents()
            for row in contents:
                for cell in row:
                    cell.setContent(typeset(str(cell.content()), lang))
            table.setTableContents(contents)


def read_synthesis(diagnosis: Diagnosis, lang: str) -> Synthesis:
    """The synthesis of the diagnosis GeoPackage (strengths, weaknesses, actions, annex rows); the census
    figures of the profile theme are set against the commune's peers (its density class, département, France)."""
    scopes = dict(zip(REFERENCE_FIELDS, ("departement", "france", "density")))
    peers = {
        name: {scopes[field]: value for field, value in zip(REFERENCE_FIELDS, values)}
        for name, values in profile_references(diagnosis.path).items()
        if name  # "" holds the département's code and the density class in words
    }
    try:
        return build_synthesis(read_synthesis_inputs(diagnosis.path), lang, census_references(peers))
    except SynthesisReadError as error:
        raise PackageError(
            f"The report's synthesis could not be read from {diagnosis.path}: {error}"
        ) from error


def _pdf_metadata(project: QgsProject, diagnosis: Diagnosis, lang: str, author: str) -> None:
    """The PDF's title, author, subject and keywords come from the project's metadata: never the OS user."""
    metadata = project.metadata()
    metadata.setTitle(f"{report_text('title', lang)} — {diagnosis.territory_name}")
    metadata.setAuthor(author or report_text("plugin", lang))
    metadata.setAbstract(report_text("subject", lang).format(name=diagnosis.territory_name))
    metadata.setKeywords(
        {report_text("title", lang): [k.strip() for k in report_text("keywords", lang).split(",")]}
    )
    metadata.setLanguage(lang)
    project.setMetadata(metadata)


def export_report_pdf(layout: QgsPrintLayout, path: str, pictures: Optional[dict[str, str]] = None) -> None:
    """Export ``layout`` to ``path`` atomically. ``pictures``: maps rendered ahead (``report_maps``), by map
    item id: they stand in for those map items in the PDF only; the layout itself keeps live maps."""
    standins = _stand_in(layout, pictures or {})
    try:
        with atomic_path(path, suffix=".pdf") as tmp:
            exporter = QgsLayoutExporter(layout)
            settings = QgsLayoutExporter.PdfExportSettings()
            settings.dpi = REPORT_DPI
            settings.rasterizeWholeImage = False
            settings.forceVectorOutput = False
            settings.appendGeoreference = False
            settings.exportMetadata = True
            # real text, not outlines: the report can be searched, copied and read aloud
            settings.textRenderFormat = Qgis.TextRenderFormat.AlwaysText
            layout.renderContext().setTextRenderFormat(Qgis.TextRenderFormat.AlwaysText)
            result = exporter.exportToPdf(tmp, settings)
            if result != QgsLayoutExporter.Success or not os.path.exists(tmp):
                raise PackageError(
                    f"The report could not be written to {path} ({exporter.errorFile() or result})."
                )
    finally:
        for item, picture in standins:
            layout.removeLayoutItem(picture)
            item.setVisibility(True)


def _stand_in(layout: QgsPrintLayout, pictures: dict[str, str]) -> list:
    """Hide each map item that has a picture and put the picture in its frame."""
    done = []
    for item in layout.items():
        if not isinstance(item, QgsLayoutItemMap) or item.id() not in pictures:
            continue
        picture = QgsLayoutItemPicture(layout)
        picture.setPicturePath(pictures[item.id()])
        picture.setResizeMode(QgsLayoutItemPicture.Stretch)
        picture.setFrameEnabled(True)
        layout.addLayoutItem(picture)
        picture.attemptResize(item.sizeWithUnits())
        picture.attemptMove(item.pagePositionWithUnits(), page=item.page())
        picture.setZValue(item.zValue())
        item.setVisibility(False)
        done.append((item, picture))
        done.extend((item, outline) for outline in _overview_outlines(layout, item))
    return done


def _overview_outlines(layout: QgsPrintLayout, item: QgsLayoutItemMap) -> list:
    """The zoom's outline a map draws of its inset (its overview), as a shape over the map's picture."""
    outlines = []
    extent, size = item.extent(), item.sizeWithUnits()
    position = item.pagePositionWithUnits()
    for overview in item.overviews().asList():
        inset = overview.linkedMap()
        if inset is None or not overview.enabled() or extent.isEmpty():
            continue
        zoom = inset.extent()
        scale_x, scale_y = size.width() / extent.width(), size.height() / extent.height()
        shape = QgsLayoutItemShape(layout)
        shape.setShapeType(QgsLayoutItemShape.Shape.Rectangle)
        shape.setSymbol(QgsFillSymbol.createSimple(ZOOM_OUTLINE))
        layout.addLayoutItem(shape)
        shape.attemptResize(QgsLayoutSize(zoom.width() * scale_x, zoom.height() * scale_y, MM))
        x = position.x() + (zoom.xMinimum() - extent.xMinimum()) * scale_x
        y = position.y() + (extent.yMaximum() - zoom.yMaximum()) * scale_y
        shape.attemptMove(QgsLayoutPoint(x, y, MM), page=item.page())
        shape.setZValue(item.zValue() + 0.5)
        outlines.append(shape)
    return outlines


# ------------------------------------------------------------------------------------------ pages


def _add_page(layout: QgsPrintLayout) -> int:
    page = QgsLayoutItemPage(layout)
    page.setPageSize(QgsLayoutSize(PAGE_W, PAGE_H, MM))
    layout.pageCollection().addPage(page)
    return layout.pageCollection().pageCount() - 1


_POINTS_DPI = 720.0  # text measured on a 720 dpi image: 1 pt = 10 px


def _font(size: float, bold: bool = False) -> QFont:
    font = QFont(FONT)
    font.setBold(bold)
    font.setPointSizeF(size)
    return font


def _metrics(size: float, bold: bool = False) -> QFontMetricsF:
    image = QImage(8, 8, QImage.Format.Format_ARGB32)
    dots = round(_POINTS_DPI / 0.0254)
    image.setDotsPerMeterX(dots)
    image.setDotsPerMeterY(dots)
    return QFontMetricsF(_font(size, bold), image)


def text_size_mm(text: str, size: float, width_mm: float, bold: bool = False) -> tuple[float, float]:
    """(width, height) in mm that ``text`` needs in a box ``width_mm`` wide, words wrapped."""
    px = _POINTS_DPI / 25.4
    rect = _metrics(size, bold).boundingRect(
        QRectF(0, 0, width_mm * px, 1e7), int(Qt.TextFlag.TextWordWrap), text
    )
    return rect.width() / px, rect.height() / px


def wrap_text(text: str, size: float, width_mm: float, bold: bool = False) -> str:
    """``text`` with line breaks so that each line is narrower than ``width_mm`` (a table cell)."""
    metrics, px = _metrics(size, bold), _POINTS_DPI / 25.4
    lines = []
    for paragraph in text.split("\n"):
        line = ""
        for word in _unbreakable(paragraph):
            trial = f"{line} {word}" if line else word
            if line and metrics.horizontalAdvance(trial) > width_mm * px:
                lines.append(line)
                line = word
            else:
                line = trial
        lines.append(line)
    return "\n".join(lines)


# No line break before « : », « % » or « » », after « « », nor between a figure and its unit: the French
# typography the report gets at the end (``_typeset``) would otherwise start a line with « : ».
PUNCTUATION_AFTER_SPACE = ":;?!%»"
UNIT = re.compile(rf"(?:{'|'.join(map(re.escape, UNITS_AFTER_FIGURE))})[,.;:)]*")


def _unbreakable(paragraph: str) -> list[str]:
    """The paragraph's words, each with the words no line may be broken before glued to it."""
    words: list[str] = []
    for word in paragraph.split(" "):
        glued = words and (
            word[:1] in PUNCTUATION_AFTER_SPACE
            or words[-1].endswith("«")
            or (words[-1][-1:].isdigit() and UNIT.fullmatch(word) is not None)
        )
        if glued:
            words[-1] = f"{words[-1]} {word}"
        else:
            words.append(word)
    return words


WRAP_SLACK = 0.96  # share of a text box's width the lines are wrapped to


def _text(layout, page, text, x, y, w, size=10.0, bold=False, color=INK, align=None, spare=1.0):
    """A label exactly as high as its wrapped text (plus ``spare`` mm); returns (label, bottom y). The text is
    wrapped here, a little short of the box (QGIS may set a line slightly wider than the font metrics say), so
    the label never wraps a line again and its height is the one measured."""
    text = wrap_text(text, size, (w - 1.0) * WRAP_SLACK, bold)
    _, height = text_size_mm(text, size, w - 1.0, bold)
    label = _label(layout, page, text, x, y, w, height + spare, size, bold, color, align)
    return label, y + height + spare


def text_format(size: float, bold: bool = False, color: QColor = INK) -> QgsTextFormat:
    """The report's type (DejaVu Sans, in points) for labels of the layout and of its maps."""
    fmt = QgsTextFormat()
    font = QFont(FONT)
    font.setBold(bold)
    fmt.setFont(font)
    fmt.setSize(size)
    fmt.setSizeUnit(QgsUnitTypes.RenderUnit.RenderPoints)
    fmt.setColor(color)
    return fmt


def _label(layout, page: int, text: str, x, y, w, h, size=10.0, bold=False, color=INK, align=None):
    label = QgsLayoutItemLabel(layout)
    label.setMarginX(0.0)
    label.setMarginY(0.0)
    label.setText(text)
    fmt = text_format(size, bold, color)
    font = fmt.font()
    if hasattr(label, "setTextFormat"):  # QGIS >= 3.24
        label.setTextFormat(fmt)
    else:
        font.setPointSizeF(size)
        label.setFont(font)
        label.setFontColor(color)
    label.setHAlign(align if align is not None else Qt.AlignmentFlag.AlignLeft)
    label.setVAlign(Qt.AlignmentFlag.AlignTop)
    layout.addLayoutItem(label)
    label.attemptResize(QgsLayoutSize(w, h, MM))
    label.attemptMove(QgsLayoutPoint(x, y, MM), page=page)
    return label


def _band(layout, page: int, y: float, h: float, color: QColor) -> None:
    shape = QgsLayoutItemShape(layout)
    shape.setShapeType(QgsLayoutItemShape.Rectangle)
    shape.setSymbol(QgsFillSymbol.createSimple({"color": color.name(), "outline_style": "no"}))
    layout.addLayoutItem(shape)
    shape.attemptResize(QgsLayoutSize(PAGE_W, h, MM))
    shape.attemptMove(QgsLayoutPoint(0, y, MM), page=page)


def _map(layout, page: int, layers: Sequence[QgsVectorLayer], extent: Optional[QgsRectangle], x, y, w, h):
    item = QgsLayoutItemMap(layout)
    item.setFrameEnabled(True)
    layout.addLayoutItem(item)
    item.attemptResize(QgsLayoutSize(w, h, MM))
    item.attemptMove(QgsLayoutPoint(x, y, MM), page=page)
    if layers:
        item.setCrs(layers[0].crs())
    item.setLayers(list(layers))
    item.setKeepLayerSet(True)
    if extent is None and layers:
        extent = QgsRectangle(layers[0].extent())
        for layer in layers[1:]:
            extent.combineExtentWith(layer.extent())
    if extent is not None and not extent.isEmpty():
        item.zoomToExtent(extent)
    return item


def _map_furniture(layout, page: int, item: QgsLayoutItemMap, x, y, w, h, lang: str) -> None:
    bar = QgsLayoutItemScaleBar(layout)
    bar.setStyle("Single Box")
    bar.setLinkedMap(item)
    bar.applyDefaultSize()
    width_m = item.extent().width()
    km = width_m > 5000
    bar.setUnits(
        QgsUnitTypes.DistanceUnit.DistanceKilometers if km else QgsUnitTypes.DistanceUnit.DistanceMeters
    )
    bar.setNumberOfSegments(2)
    bar.setNumberOfSegmentsLeft(0)
    bar.setUnitsPerSegment(_nice_segment(width_m / (1000.0 if km else 1.0)))
    bar.setUnitLabel("km" if km else "m")
    if hasattr(bar, "setNumericFormat"):
        from qgis.core import QgsBasicNumericFormat

        number = QgsBasicNumericFormat()
        number.setShowThousandsSeparator(True)
        number.setThousandsSeparator("\u202f" if lang == "fr" else ",")
        number.setDecimalSeparator("," if lang == "fr" else ".")
        bar.setNumericFormat(number)
    bar.setBackgroundEnabled(True)
    layout.addLayoutItem(bar)
    bar.attemptMove(QgsLayoutPoint(x + 3, y + h - 14, MM), page=page)
    arrow = QgsLayoutItemPicture(layout)
    path = QgsSymbolLayerUtils.svgSymbolNameToPath(NORTH_ARROW, QgsProject.instance().pathResolver())
    arrow.setPicturePath(path or NORTH_ARROW)
    arrow.setLinkedMap(item)
    arrow.setBackgroundEnabled(False)
    layout.addLayoutItem(arrow)
    arrow.attemptResize(QgsLayoutSize(10, 14, MM))
    arrow.attemptMove(QgsLayoutPoint(x + w - 14, y + 3, MM), page=page)
    attribution = _label(
        layout,
        page,
        report_text("attribution", lang),
        x + w - 80,
        y + h - 6,
        78,
        5,
        size=7,
        align=Qt.AlignmentFlag.AlignRight,
    )
    attribution.setBackgroundEnabled(True)
    attribution.setBackgroundColor(QColor(255, 255, 255, 200))


def _inset(
    layout,
    page: int,
    theme: str,
    item: QgsLayoutItemMap,
    theme_layers,
    lang: str,
    centre_layers: Sequence[QgsVectorLayer] = (),
) -> None:
    """On a large territory, its centre enlarged in a corner of its frame (``core.map_inset``), outlined on
    the main map: the densest square of the territory's homes or streets (``CENTRE_LAYERS``: the same
    centre on every page), else of the theme's main layer, else of its map's layers."""
    extent = item.extent()
    size = item.sizeWithUnits()
    if not needs_inset(extent.width(), extent.height(), size.width(), size.height()):
        return
    row = find(theme)
    main = [layer for layer in theme_layers if row is not None and layer_name(layer) == row.main_layer]
    within = territory_geometry(item.layers())
    centre = None
    for layers in (centre_layers, main, theme_layers):
        # inside the territory: the densest square of all the features was a neighbour's (La Turbie's streets
        # were densest in Beausoleil, outside it)
        centre = densest_centre(*feature_points(layers, within))
        if centre is not None:
            break
    if centre is None:
        return
    dx, dy = inset_place(
        (extent.xMinimum(), extent.yMinimum(), extent.xMaximum(), extent.yMaximum()),
        centre,
        size.width(),
        size.height(),
        points=feature_points(theme_layers, within),
    )
    x, y = item.pagePositionWithUnits().x() + dx, item.pagePositionWithUnits().y() + dy
    side, half = INSET["size_mm"], INSET["side_m"] / 2
    # the theme's layers without the territory, whose name would be printed again over the centre
    inset = _map(
        layout,
        page,
        [layer for layer in item.layers() if layer_name(layer) != "territory"],
        QgsRectangle(centre[0] - half, centre[1] - half, centre[0] + half, centre[1] + half),
        x,
        y,
        side,
        side,
    )
    inset.setId(f"{INSET_PREFIX}{theme}")
    inset.setCrs(item.crs())
    inset.setFrameStrokeWidth(QgsLayoutMeasurement(0.4, MM))
    inset.setFrameStrokeColor(ACCENT)
    inset.setBackgroundColor(QColor(Qt.GlobalColor.white))
    overview = QgsLayoutItemMapOverview(f"zoom:{theme}", item)
    overview.setLinkedMap(inset)
    overview.setFrameSymbol(QgsFillSymbol.createSimple(ZOOM_OUTLINE))
    item.overviews().addOverview(overview)
    caption = _label(layout, page, report_text("inset", lang), x, y, side, 4.5, size=7, color=ACCENT)
    caption.setBackgroundEnabled(True)
    caption.setBackgroundColor(QColor(255, 255, 255, 220))


def layer_name(layer: QgsVectorLayer) -> str:
    """The GeoPackage table a layer reads (its display name is a title in the report's language)."""
    return layer.source().split("layername=")[-1].split("|")[0]


def feature_points(
    layers: Sequence[QgsVectorLayer], within: Optional[QgsGeometry] = None
) -> tuple[list[float], list[float]]:
    """A point per feature (the centre of its bounding box: cheap, and a street segment is short); only
    those ``within`` the territory when it is given and holds any."""
    from qgis.core import QgsFeatureRequest, QgsPoint

    xs, ys = [], []
    request = QgsFeatureRequest().setNoAttributes()
    for layer in layers:
        for feature in layer.getFeatures(request):
            geometry = feature.geometry()
            if geometry is None or geometry.isEmpty():
                continue
            centre = geometry.boundingBox().center()
            xs.append(centre.x())
            ys.append(centre.y())
    if within is None or within.isEmpty() or not xs:
        return xs, ys
    engine = QgsGeometry.createGeometryEngine(within.constGet())
    engine.prepareGeometry()
    keep = [engine.intersects(QgsPoint(x, y)) for x, y in zip(xs, ys)]
    if not any(keep):
        return xs, ys
    return [x for x, k in zip(xs, keep) if k], [y for y, k in zip(ys, keep) if k]


def territory_geometry(layers: Sequence[QgsVectorLayer]) -> Optional[QgsGeometry]:
    """The outline of the ``territory`` layer among ``layers`` (in their CRS), None without it."""
    for layer in layers:
        if layer_name(layer) == "territory":
            parts = [f.geometry() for f in layer.getFeatures() if f.hasGeometry()]
            return QgsGeometry.unaryUnion(parts) if parts else None
    return None


def _nice_segment(width_m: float) -> float:
    """A round segment length so that the two-segment bar covers about a fifth of the map."""
    target = max(width_m / 10.0, 0.01)
    magnitude = 10 ** int(f"{target:e}".split("e")[1])
    for step in (1, 2, 5, 10):
        if step * magnitude >= target:
            return float(step * magnitude)
    return float(10 * magnitude)


def _legend(
    layout, page: int, item: QgsLayoutItemMap, layers: Sequence[QgsVectorLayer], x, y, w, max_h, lang
):
    """A legend as large as its content, in as many columns (up to 3) as keep it within ``w`` and lowest."""
    legend = QgsLayoutItemLegend(layout)
    legend.setTitle(report_text("legend", lang))
    legend.setLinkedMap(item)
    legend.setAutoUpdateModel(False)
    root = legend.model().rootGroup()
    root.removeAllChildren()
    for layer in layers:
        keep_used_classes(legend.model(), root.addLayer(layer))
    legend.setSymbolWidth(6)
    legend.setSymbolHeight(3.5)
    legend.setSplitLayer(True)
    legend.setEqualColumnWidth(False)
    legend.setBoxSpace(1.5)
    layout.addLayoutItem(legend)
    legend.attemptMove(QgsLayoutPoint(x, y, MM), page=page)
    legend.setResizeToContents(True)
    # a long legend (many layers and classes) is set smaller rather than pushing the page's text off it
    for scale in LEGEND_SCALES:
        _legend_fonts(legend, scale)
        best = None
        for columns in (1, 2, 3):
            legend.setColumnCount(columns)
            size = legend_content_size(legend)
            if size[0] <= w and (best is None or size[1] < best[1][1]):
                best = (columns, size)
        columns, (width, height) = best if best is not None else (3, legend_content_size(legend))
        if height <= max_h:
            break
    legend.setColumnCount(columns)
    legend.setResizeToContents(False)
    legend.attemptResize(QgsLayoutSize(max(width, min(w, width)), height, MM))
    legend.attemptMove(QgsLayoutPoint(x, y, MM), page=page)
    legend.refresh()
    return legend


def legend_content_size(legend: QgsLayoutItemLegend) -> tuple[float, float]:
    """(width, height) in mm the legend's content needs, as QGIS draws it."""
    from qgis.core import QgsLegendRenderer

    legend.updateLegend() if hasattr(legend, "updateLegend") else None
    renderer = QgsLegendRenderer(legend.model(), legend.legendSettings())
    size = renderer.minimumSize()
    return size.width(), size.height()


LEGEND_SCALES = (1.0, 0.9, 0.8, 0.7)  # font scales tried, largest first, until the legend fits its height


def _legend_fonts(legend, scale: float = 1.0) -> None:
    from qgis.core import QgsLegendStyle

    sizes = {QgsLegendStyle.Style.Title: (10, True), QgsLegendStyle.Style.Group: (8 * scale, True),
             QgsLegendStyle.Style.Subgroup: (8 * scale, True),
             QgsLegendStyle.Style.SymbolLabel: (7.5 * scale, False)}  # fmt: skip
    legend.setSymbolWidth(6 * scale)
    legend.setSymbolHeight(3.5 * scale)
    for part, (size, bold) in sizes.items():
        style = legend.style(part)
        font = QFont("DejaVu Sans")
        font.setBold(bold)
        font.setPointSizeF(size)
        if hasattr(style, "setTextFormat"):  # QGIS >= 3.30
            fmt = QgsTextFormat.fromQFont(font)
            fmt.setSize(size)
            fmt.setSizeUnit(QgsUnitTypes.RenderUnit.RenderPoints)
            style.setTextFormat(fmt)
        else:
            style.setFont(font)
        legend.setStyle(part, style)


TABLE_SIZE = 8.5  # pt
CELL_MARGIN = 1.2  # mm
GRID = 0.2  # mm


def _table(layout, page: int, rows: Sequence[tuple[str, str, bool]], x, y, w, max_h, lang: str):
    """The figures table: labels wrapped to their column here (QGIS's own wrapping may overrun the cell),
    as many rows as fit in ``max_h``, the last rows not marked to keep (a level of a scale) left out first;
    returns (table, rows shown)."""
    # the value column has room for « non renseigné dans OpenStreetMap » on two lines
    columns = (("indicator", 0.72, False), ("value", 0.28, True))
    table, widths = _new_table(layout, page, columns, x, y, w, max_h, lang)
    usable = [width - 2 * CELL_MARGIN - 1.0 for width in widths]
    cells = [
        (wrap_text(label, TABLE_SIZE, usable[0]), wrap_text(value, TABLE_SIZE, usable[1]), keep)
        for label, value, keep in rows
    ]
    _fill(table, columns, [[label, value] for label, value, _ in cells])  # one refresh, not one per row
    while len(cells) > 1 and table.totalHeight() > max_h:
        dropped = next((i for i in range(len(cells) - 1, -1, -1) if not cells[i][2]), len(cells) - 1)
        del cells[dropped]
        _fill(table, columns, [[label, value] for label, value, _ in cells])
    shown = len(cells)
    table.frame(0).attemptResize(QgsLayoutSize(w, min(max_h, table.totalHeight() + 0.5), MM))
    return table, shown


def _new_table(layout, page: int, columns, x, y, w, max_h, lang: str):
    """An empty table of ``columns`` ((header key, share of the width, right-aligned)) in one frame; returns
    it and its columns' widths. A manual table: QGIS saves its cells with the project, so the stored project's
    layout keeps its figures (a text table's cells are not saved: it reopened empty)."""
    table = QgsLayoutItemManualTable.create(layout)
    layout.addMultiFrame(table)
    # QGIS adds the cell margins and the grid to the columns' widths: the table is then exactly ``w`` wide
    inner = w - 2 * CELL_MARGIN * len(columns) - (len(columns) + 1) * GRID
    widths = [inner * share for _, share, _ in columns]
    table.setHeaders([QgsLayoutTableColumn(report_text(key, lang)) for key, _, _ in columns])
    table.setIncludeTableHeader(True)
    table.setColumnWidths(widths)
    table.setWrapBehavior(QgsLayoutTable.WrapText)
    _table_fonts(table)
    table.setGridStrokeWidth(GRID)
    table.setGridColor(QColor(180, 180, 180))
    table.setCellMargin(CELL_MARGIN)
    frame = QgsLayoutFrame(layout, table)
    frame.attemptResize(QgsLayoutSize(w, max_h, MM))
    frame.attemptMove(QgsLayoutPoint(x, y, MM), page=page)
    table.addFrame(frame)
    table.setResizeMode(QgsLayoutMultiFrameUseExisting())
    return table, widths


def _fill(table, columns, rows: Sequence[Sequence[str]]) -> None:
    """The table's cells, right-aligned in the columns that say so (a manual table aligns cells, not columns)."""
    contents = []
    for row in rows:
        cells = []
        for text, (_, _, right) in zip(row, columns):
            cell = QgsTableCell(str(text))
            if right:
                cell.setHorizontalAlignment(Qt.AlignmentFlag.AlignRight)
            cells.append(cell)
        contents.append(cells)
    table.setTableContents(contents)


def QgsLayoutMultiFrameUseExisting():
    from qgis.core import QgsLayoutMultiFrame

    return QgsLayoutMultiFrame.UseExistingFrames


def _table_fonts(table) -> None:
    header = QFont("DejaVu Sans")
    header.setBold(True)
    content = QFont("DejaVu Sans")
    if hasattr(table, "setContentTextFormat"):  # QGIS >= 3.16
        fmt = QgsTextFormat()
        fmt.setFont(content)
        fmt.setSize(TABLE_SIZE)
        fmt.setSizeUnit(QgsUnitTypes.RenderUnit.RenderPoints)
        table.setContentTextFormat(fmt)
        hfmt = QgsTextFormat()
        hfmt.setFont(header)
        hfmt.setSize(TABLE_SIZE)
        hfmt.setSizeUnit(QgsUnitTypes.RenderUnit.RenderPoints)
        table.setHeaderTextFormat(hfmt)
    else:
        content.setPointSizeF(TABLE_SIZE)
        header.setPointSizeF(TABLE_SIZE)
        table.setContentFont(content)
        table.setHeaderFont(header)


def _title_band(layout, page: int, title: str) -> None:
    _band(layout, page, 0, 20, ACCENT)
    _label(layout, page, title, MARGIN, 5, PAGE_W - 2 * MARGIN, 12, 20, True, QColor("white"))


def key_facts(diagnosis: Diagnosis, layers: dict, lang: str) -> list[str]:
    """Population, area and density as printed on the cover. A French commune's come from the census tables
    the profile page reads (one source for both, its year stated); else the population is the bundled
    commune list's and the area the territory polygon's."""
    facts = []
    population = area_km2 = year = None
    if is_insee_code(diagnosis.territory_code):
        population, area_km2, year = _census_facts(diagnosis.territory_code)
        if population is None:
            from ..osm.territory_resolver import commune_index

            try:
                population = commune_index().find_code(diagnosis.territory_code, lang).population
            except Exception:  # a code the list does not hold: no population, the area still reads
                population = None
    if population:
        figure = format_figure("profile", "population", population, lang)
        if year:
            facts.append(report_text("population_census", lang).format(value=figure, year=year))
        else:
            facts.append(report_text("population", lang).format(value=figure))
    area_km2 = area_km2 or territory_area_km2(layers.get("territory"))
    if area_km2:
        facts.append(report_text("area", lang).format(value=format_figure("profile", "area", area_km2, lang)))
        if population:
            density = format_figure("profile", "density", population / area_km2, lang)
            facts.append(report_text("density", lang).format(value=density))
    return facts


def _census_facts(code: str) -> tuple[Optional[float], Optional[float], Optional[int]]:
    """(population, area in km², census year) of the commune ``code`` in the bundled census tables."""
    from ..themes.profile import commune_census_facts

    try:
        return commune_census_facts(code)
    except Exception:  # the tables cannot be read: the cover falls back on the commune list
        return None, None, None


def territory_area_km2(layer: Optional[QgsVectorLayer]) -> Optional[float]:
    """The territory polygon's area, measured on the ellipsoid (any CRS)."""
    if layer is None:
        return None
    from qgis.core import QgsDistanceArea

    measure = QgsDistanceArea()
    measure.setSourceCrs(layer.crs(), QgsProject.instance().transformContext())
    measure.setEllipsoid(layer.crs().ellipsoidAcronym() or "EPSG:7019")
    total = sum(measure.measureArea(f.geometry()) for f in layer.getFeatures() if f.hasGeometry())
    return total / 1e6 if total > 0 else None


def _cover(layout, diagnosis: Diagnosis, layers, lang: str, date: str, author: str, contents) -> None:
    about = diagnosis.about
    _band(layout, 0, 0, 58, ACCENT)
    _label(
        layout, 0, report_text("title", lang), MARGIN, 12, PAGE_W - 2 * MARGIN, 14, 26, True, QColor("white")
    )
    subtitle = report_text("subtitle", lang).format(name=diagnosis.territory_name)
    if diagnosis.territory_code:
        subtitle += f" ({diagnosis.territory_code})"
    _text(layout, 0, subtitle, MARGIN, 30, PAGE_W - 2 * MARGIN, 16, False, QColor("white"))
    cover_layers = [layers[n] for n in cover_layer_names(list(layers), layer_counts(layers))]
    x, top, width, height = COVER_MAP
    if cover_layers:
        extent = map_extent(layers["territory"].extent(), width, height) if "territory" in layers else None
        item = _map(layout, 0, cover_layers, extent, x, top, width, height)
        item.setId("map:cover")
        _map_furniture(layout, 0, item, x, top, width, height, lang)
    left_w = (PAGE_W - 2 * MARGIN) * 0.55
    y = top + height + 6
    facts = key_facts(diagnosis, layers, lang)
    if facts:
        _, y = _text(layout, 0, report_text("facts", lang), MARGIN, y, left_w, 12, True, ACCENT, spare=2)
        _, y = _text(layout, 0, "\n".join(facts), MARGIN, y, left_w, 10.5, spare=6)
    making = [report_text("author", lang).format(author=author)] if author else []
    making += [
        report_text("made_on", lang).format(date=date, version=about.get("plugin_version", "")),
        report_text("sources", lang).format(
            source=source_text(about.get("source", "OpenStreetMap"), lang),
            osm_date=data_date(about.get("osm_timestamp", ""), lang),
        ),
    ]
    _, y = _text(layout, 0, report_text("making", lang), MARGIN, y, left_w, 12, True, ACCENT, spare=2)
    _text(layout, 0, "\n\n".join(making), MARGIN, y, left_w, 9.5)
    # contents: page numbers as printed (the cover is page 1)
    right_x = MARGIN + left_w + 6
    right_w = PAGE_W - MARGIN - right_x
    y = top + height + 6
    _, y = _text(layout, 0, report_text("contents", lang), right_x, y, right_w, 12, True, ACCENT, spare=2)
    for key, number in contents:
        if key == "cover":
            continue
        _text(layout, 0, page_title(key, lang), right_x, y, right_w - 10, 9.5)
        _, y = _text(
            layout, 0, str(number), PAGE_W - MARGIN - 10, y, 10, 9.5, align=Qt.AlignmentFlag.AlignRight
        )


def page_title(key: str, lang: str) -> str:
    """A page's title as the contents and the page's band print it."""
    if key == SYNTHESIS:
        return report_text("summary", lang)
    if key == ACTIONS_MAP:
        return report_text("actions_map", lang)
    if key in ANNEXES:
        return f"{report_text('annex', lang)} — {report_text(key, lang)}"
    return theme_title(key, lang)


def _theme_page(
    layout,
    page: int,
    theme: str,
    theme_layers,
    territory,
    diagnosis: Diagnosis,
    lang: str,
    centre_layers: Sequence[QgsVectorLayer] = (),
) -> None:
    _title_band(layout, page, theme_title(theme, lang))
    map_layers = list(theme_layers) + ([territory] if territory is not None else [])
    _, top, width, height = THEME_MAP
    bottom = PAGE_H - MARGIN - 6  # the footnote under the table
    known = any(i.value is not None for i in diagnosis.indicators if i.theme == theme)
    if blank_theme(theme, diagnosis.indicators, theme_layers):
        map_layers = []  # no empty map; ``finish_report_layout`` leaves the page out
    y = top + height + 3 if map_layers else top
    if map_layers:
        extent = map_extent(territory.extent(), width, height) if territory is not None else None
        item = _map(layout, page, map_layers, extent, MARGIN, top, width, height)
        item.setId(f"map:{theme}")
        _map_furniture(layout, page, item, MARGIN, top, width, height, lang)
        _inset(layout, page, theme, item, theme_layers, lang, centre_layers)
        # a layer with nothing in it has nothing to explain: it stays off the legend
        shown = [layer for layer in theme_layers if layer.featureCount() != 0]
        if shown:
            legend = _legend(layout, page, item, shown, MARGIN, y, width, 70, lang)
            y += legend.sizeWithUnits().height() + 3
    found = readings(theme, diagnosis.indicators, lang)
    _, y = _text(layout, page, report_text("reading", lang), MARGIN, y, width, 12, True, ACCENT, spare=1.5)
    body = "\n".join(f"• {r.text}" for r in found)
    if theme in THEME_NOTES:
        body += "\n" + report_text(THEME_NOTES[theme], lang)
    _, y = _text(layout, page, body, MARGIN, y, width, 9.5, spare=3)
    rows = figure_rows(theme, diagnosis.indicators, found, lang)
    # a territory the census does not hold (Monaco) has no figure to compare: the usual table says so
    references = profile_references(diagnosis.path) if theme == PROFILE and known else {}
    if rows and references:
        _, y = _text(
            layout, page, report_text("figures", lang), MARGIN, y, width, 12, True, ACCENT, spare=1.5
        )
        note = report_text("references_note", lang).format(
            departement=references.get("", ("",))[0], density=references.get("", ("", ""))[1]
        )
        note_h = text_size_mm(note, 8, width)[1] + 1.5
        columns = [(key, share, right) for key, share, right in REFERENCE_COLUMNS]
        table_rows = reference_rows(theme, diagnosis.indicators, found, references, lang)
        _grid(layout, page, columns, table_rows, MARGIN, y, width, bottom - y - note_h - 6, lang)
        _text(layout, page, note, MARGIN, bottom - note_h - 4, width, 8, spare=0.3)
        _text(
            layout, page, report_text("all_figures", lang), MARGIN, PAGE_H - MARGIN - 4, width, 8, spare=0.3
        )
    elif rows:
        _, y = _text(
            layout, page, report_text("figures", lang), MARGIN, y, width, 12, True, ACCENT, spare=1.5
        )
        _table(layout, page, rows, MARGIN, y, width, bottom - y, lang)
        _text(
            layout, page, report_text("all_figures", lang), MARGIN, PAGE_H - MARGIN - 4, width, 8, spare=0.3
        )


def _key_figures(theme: str, indicators: Sequence[Indicator], found) -> list[Indicator]:
    """The theme's figures in the page's order: those read above first, then every level of its scale,
    then the others, then the denominators the readings state (``DENOMINATORS``)."""
    figures = [i for i in indicators if i.theme == theme]
    # a reading's unknown figure (the crash files' missing usagers) is not read above: it keeps its place
    known = {i.indicator for i in figures if i.value is not None and i.value == i.value}
    order = [
        name for r in found for name in r.indicators if (theme, name) not in DENOMINATORS and name in known
    ]
    order += [name for name in SCALES.get(theme, ()) if name not in order]
    figures.sort(
        key=lambda i: (
            (theme, i.indicator) in DENOMINATORS,
            order.index(i.indicator) if i.indicator in order else len(order),
        )
    )
    return figures


def figure_rows(theme: str, indicators: Sequence[Indicator], found, lang: str) -> list[tuple[str, str, bool]]:
    """The theme's key figures (label, value, whether it must stay: a level of its scale); a count
    OpenStreetMap does not describe reads "not mapped", never 0. No rows when no figure is known (no input
    file): the reading above says why, once, instead of a table of "not available"."""
    figures = _key_figures(theme, indicators, found)
    hidden = unmapped(indicators)
    nothing = COUNTED_BY.get(theme)  # no school mapped: its 0 is no figure either
    if all(
        i.value is None
        or i.value != i.value
        or (theme, i.indicator) in hidden
        or (i.indicator == nothing and i.value == 0)
        for i in figures
    ):
        return []
    scale = SCALES.get(theme, ())
    return [
        (table_label(i, lang), format_value(i, lang, (theme, i.indicator) in hidden), i.indicator in scale)
        for i in figures[:MAX_FIGURES]
    ]


# The profile page's table: the commune beside its references (core/profile.py REFERENCES, the
# ``profile_references`` table the profile theme writes): (header key, share of the width, right aligned).
PROFILE = "profile"
REFERENCE_COLUMNS = (
    ("indicator", 0.40, False),
    ("commune", 0.15, True),
    ("departement", 0.15, True),
    ("france", 0.15, True),
    ("same_density", 0.15, True),
)
REFERENCE_FIELDS = ("departement", "france", "density_class")
# A reference cell is a bare figure (a share keeps its %): the label names what is counted, and carries
# these units of measure.
UNIT_IN_LABEL = {"km²", "hab./km²", "inhabitants/km²"}


def profile_references(path: str) -> dict[str, tuple]:
    """{indicator: (département, France, same density)} of the ``profile_references`` table, and under ""
    (the département's code, the density class in words) from ``territory_profile``; {} without them."""
    ds = open_or_none(path) if path and os.path.isfile(path) else None
    table = ds.GetLayerByName("profile_references") if ds is not None else None
    if table is None:
        return {}
    refs: dict[str, tuple] = {
        f.GetField("indicator"): tuple(
            f.GetField(name) if f.IsFieldSetAndNotNull(name) else None for name in REFERENCE_FIELDS
        )
        for f in table
    }
    profile = ds.GetLayerByName("territory_profile")
    feature = profile.GetNextFeature() if profile is not None else None
    if feature is not None:
        refs[""] = (feature.GetField("departement") or "", feature.GetField("density_class_label") or "")
    return refs


def reference_rows(theme: str, indicators: Sequence[Indicator], found, references: dict, lang: str) -> list:
    """The profile's key figures beside their references: [label, commune, département, France, same
    density]; a reference that does not apply (the total of a density class) or is unknown reads "—"."""

    def cell(indicator: Indicator, value) -> str:
        if value is None or value != value:
            return "—"
        figure = format_figure(indicator.theme, indicator.indicator, value, lang)
        return figure + UNIT_TEXT[lang_of(lang)]["%"] if indicator.unit == "%" else figure

    rows = []
    for i in _key_figures(theme, indicators, found)[:MAX_FIGURES]:
        label = f"{i.label} ({i.unit})" if i.unit in UNIT_IN_LABEL else i.label
        refs = references.get(i.indicator, (None,) * len(REFERENCE_FIELDS))
        rows.append([label, cell(i, i.value), *(cell(i, value) for value in refs)])
    return rows


FINDING_SIZE = 9.0  # pt, the synthesis page's findings and actions


def _summary(
    layout,
    page: int,
    diagnosis: Diagnosis,
    synthesis: Synthesis,
    lang: str,
    about: dict,
    omitted: Optional[Mapping[str, Sequence[str]]] = None,
) -> None:
    """Strengths and weaknesses per theme, then the ranked actions. Laid out in the first way that fits
    the page: everything; then the findings not assessed for lack of data counted rather than listed; then
    the last actions by their title only. ``omitted``: the themes with no page, and why (``blank_theme``)."""
    _title_band(layout, page, page_title(SYNTHESIS, lang))
    width = PAGE_W - 2 * MARGIN
    y = 28
    if not diagnosis.themes:
        _text(layout, page, report_text("no_theme", lang), MARGIN, y, width, 11)
        return
    osm_date = data_date(about.get("osm_timestamp", ""), lang)
    note = [(report_text("data_note", lang).format(date=osm_date), 8.5, False, INK, 0)]
    room = PAGE_H - MARGIN - y
    for listed in (True, False):
        for full in range(len(synthesis.actions), -1, -1):
            blocks = summary_blocks(diagnosis.themes, synthesis, lang, listed, full, omitted) + note
            if sum(_block_height(b, width) for b in blocks) <= room or (not listed and full == 0):
                for text, size, bold, color, spare in blocks:
                    _, y = _text(layout, page, text, MARGIN, y, width, size, bold, color, spare=spare)
                return


def _actions_map(
    layout, page: int, diagnosis: Diagnosis, synthesis: Synthesis, layers: dict, lang: str
) -> bool:
    """The priority map on a page inserted at ``page`` (the pages after it move down): the places of every
    action over the territory, a numbered circle per action and a legend « 1 — <title> ». Its layers join
    the stored project in a group of their own, unchecked. False (no page) when no place is found."""
    shown, ranks = action_layers(diagnosis.path, synthesis.actions, lang)
    territory = layers.get("territory")
    if not shown:
        return False
    actions = [a for a in synthesis.actions if a.rank in ranks]  # an action found nowhere has no mark
    project = layout.project()
    group = project.layerTreeRoot().insertGroup(0, report_text("actions_map", lang))
    for layer in shown:
        project.addMapLayer(layer, False)
        group.addLayer(layer)
    group.setItemVisibilityChecked(False)
    group.setExpanded(False)
    new = QgsLayoutItemPage(layout)
    new.setPageSize(QgsLayoutSize(PAGE_W, PAGE_H, MM))
    layout.pageCollection().insertPage(new, page)
    _title_band(layout, page, page_title(ACTIONS_MAP, lang))
    width = PAGE_W - 2 * MARGIN
    title_w = width - RANK_CIRCLE - 3
    legend = [(report_text("legend", lang), 10, True, ACCENT, 1.0), (report_text("actions_map_note", lang), 8.5,
              False, INK, 1.5)]  # fmt: skip
    lines = [
        (a, text_size_mm(wrap_text(a.title, 9, (title_w - 1) * WRAP_SLACK), 9, title_w - 1)[1])
        for a in actions
    ]
    legend_h = sum(_block_height(b, width) for b in legend) + sum(max(h, RANK_CIRCLE) + 1.5 for _, h in lines)
    map_h = min(ACTIONS_MAP_MAX_H, PAGE_H - MARGIN - ACTIONS_MAP_TOP - 4 - legend_h)
    drawn = list(shown) + ([territory] if territory is not None else [])
    extent = map_extent(territory.extent(), width, map_h) if territory is not None else None
    item = _map(layout, page, drawn, extent, MARGIN, ACTIONS_MAP_TOP, width, map_h)
    item.setId(ACTIONS_MAP_ID)
    _map_furniture(layout, page, item, MARGIN, ACTIONS_MAP_TOP, width, map_h, lang)
    y = ACTIONS_MAP_TOP + map_h + 4
    for text, size, bold, color, spare in legend:
        _, y = _text(layout, page, text, MARGIN, y, width, size, bold, color, spare=spare)
    for action, height in lines:
        row = max(height, RANK_CIRCLE)
        circle = QgsLayoutItemShape(layout)
        circle.setShapeType(QgsLayoutItemShape.Ellipse)
        colour = action_colour(action.rank).name()
        circle.setSymbol(QgsFillSymbol.createSimple({"color": colour, "outline_color": "white"}))
        layout.addLayoutItem(circle)
        circle.attemptResize(QgsLayoutSize(RANK_CIRCLE, RANK_CIRCLE, MM))
        circle.attemptMove(QgsLayoutPoint(MARGIN, y, MM), page=page)
        _, rank_h = text_size_mm(str(action.rank), 8, RANK_CIRCLE, True)
        _text(layout, page, str(action.rank), MARGIN, y + (RANK_CIRCLE - rank_h - 0.2) / 2, RANK_CIRCLE, 8, True,
              QColor("white"), Qt.AlignmentFlag.AlignHCenter, spare=0.2)  # fmt: skip
        _text(layout, page, action.title, MARGIN + RANK_CIRCLE + 3, y + max(0.0, (RANK_CIRCLE - height) / 2),
              title_w, 9)  # fmt: skip
        y += row + 1.5
    return True


def _block_height(block, width: float) -> float:
    text, size, bold, _, spare = block
    return (
        text_size_mm(wrap_text(text, size, (width - 1.0) * WRAP_SLACK, bold), size, width - 1.0, bold)[1]
        + spare
    )


def summary_blocks(
    themes: Sequence[str],
    synthesis: Synthesis,
    lang: str,
    listed: bool,
    full: int,
    omitted: Optional[Mapping[str, Sequence[str]]] = None,
) -> list:
    """The synthesis page's text blocks (text, size, bold, colour, space after): ``listed``, whether the
    findings not assessed are listed (else counted); ``full``, how many actions are told in full;
    ``omitted``, the themes left without a page and their readings saying why, always listed (the report
    says it nowhere else)."""
    omitted = omitted or {}
    blocks = [(report_text("findings", lang), 12, True, ACCENT, 1.5)]
    unassessed = 0
    for theme in [t for t in themes if t not in omitted]:
        found = synthesis.findings.get(theme, [])
        told = [f for f in found if listed or f.kind != UNKNOWN]
        unassessed += sum(f.count for f in found if f not in told)
        if told:
            blocks.append((theme_title(theme, lang), 10, True, ACCENT, 0.5))
            blocks.append(("\n".join(f"• {f.text}" for f in told), FINDING_SIZE, False, INK, 2))
    if unassessed:
        key = "unassessed_one" if unassessed == 1 else "unassessed"
        blocks.append((report_text(key, lang).format(n=unassessed), FINDING_SIZE, False, INK, 2))
    if omitted:
        key = "omitted_theme" if len(omitted) == 1 else "omitted_themes"
        blocks.append((report_text(key, lang), 10, True, ACCENT, 0.5))
        lines = [f"• {_with_theme(text, t, lang)}" for t in themes if t in omitted for text in omitted[t]]
        blocks.append(("\n".join(lines), FINDING_SIZE, False, INK, 2))
    if synthesis.actions:
        blocks.append((report_text("actions", lang), 12, True, ACCENT, 1.5))
    for action in synthesis.actions[:full]:
        blocks.append((f"{action.rank}. {action.title}", 9.5, True, INK, 0.3))
        blocks.append((action_text(action, lang), FINDING_SIZE, False, INK, 2))
    rest = synthesis.actions[full:]
    if rest:
        if full:
            blocks.append((report_text("more_actions", lang), FINDING_SIZE, False, INK, 0.5))
        titles = "\n".join(f"{a.rank}. {a.title}" for a in rest)
        blocks.append((titles, 9.5 if not full else FINDING_SIZE, not full, INK, 2))
    return blocks


def _with_theme(text: str, theme: str, lang: str) -> str:
    """« Sécurité routière — accidents corporels : non disponible (…) »; a reading whose subject already
    names its theme (« Domicile-travail : … », "Home-to-work commuting: …") stays as it is."""
    title = theme_title(theme, lang)
    if title.lower() in text.split(":")[0].lower():
        return text
    if text[:2].istitle():  # « Accidents » → « accidents », never « INSEE » → « iNSEE »
        text = text[0].lower() + text[1:]
    return f"{title} — {text}"


def action_text(action, lang: str) -> str:
    """An action's where, why, expected effect and cost class, one per line."""
    cost = COST_LABELS.get(lang, COST_LABELS["en"])[action.cost]
    parts = (("where", action.where), ("why", action.why), ("effect", action.effect), ("cost", cost))
    colon = " : " if lang_of(lang) == "fr" else ": "  # « Où : », but "Where:"
    return "\n".join(typeset(f"{report_text(key, lang)}{colon}{value}", lang) for key, value in parts)


def annex_rows(key: str, synthesis: Synthesis, about: dict, lang: str) -> list[list[str]]:
    """A table annex's rows (its header comes from ``ANNEX_COLUMNS``); none for a text annex."""
    if key == "sources_annex":
        from .package import source_rows

        return [
            [r["title"], r["status"], _vintage(r["vintage"], lang), r["licence"]]
            for r in source_rows(about, lang)
        ]
    if key == "schools_annex":
        return [
            [
                r.name,
                report_text("not_computed", lang) if r.score is None else format_number(r.score, lang),
                r.problem,
            ]
            for r in synthesis.schools
        ]
    if key == "gaps_annex":
        return [[str(r.gap_id), r.streets, r.length, r.joins] for r in synthesis.gaps]
    if key == "mapping_annex":
        return [[r.text] for r in synthesis.mapping]
    return []


def _vintage(vintage: str, lang: str) -> str:
    """A source's vintage in words when it is a date (the report writes no ISO date)."""
    if len(vintage) >= 10 and vintage[:4].isdigit() and vintage[4] == vintage[7] == "-":  # not a period
        return date_in_words(vintage[:10], lang)
    return vintage


# each table annex's columns: (header key, share of the width, right aligned)
ANNEX_COLUMNS = {
    "sources_annex": (
        ("source", 0.34, False),
        ("status", 0.3, False),
        ("vintage", 0.16, False),
        ("licence", 0.2, False),
    ),
    "schools_annex": (("school", 0.38, False), ("score", 0.14, True), ("problem", 0.48, False)),
    # the rank, as the cycling map labels each gap and the actions name it (« discontinuité n° 1 »)
    "gaps_annex": (
        ("rank", 0.07, True),
        ("streets", 0.36, False),
        ("length", 0.14, True),
        ("joins", 0.43, False),
    ),
    "mapping_annex": (("to_map", 1.0, False),),
}


def _table_annex(layout, page: int, key: str, rows: list[list[str]], lang: str) -> None:
    """A table annex; the rows a page cannot hold continue on the next one, under the same header."""
    title = page_title(key, lang)
    width = PAGE_W - 2 * MARGIN
    while True:
        _title_band(layout, page, title)
        shown = _grid(layout, page, ANNEX_COLUMNS[key], rows, MARGIN, 28, width, PAGE_H - MARGIN - 28, lang)
        rows = rows[shown:]
        if not rows:
            return
        page = _add_page(layout)
        title = page_title(key, lang) + report_text("continued", lang)


def _grid(layout, page: int, columns, rows, x, y, w, max_h, lang: str) -> int:
    """A table of ``rows`` under ``columns``' headers, cells wrapped to their column here; as many rows as
    fit in ``max_h`` (at least one); returns how many."""
    table, widths = _new_table(layout, page, columns, x, y, w, max_h, lang)
    cells = [
        [wrap_text(str(text), TABLE_SIZE, width - 2 * CELL_MARGIN - 1.0) for text, width in zip(row, widths)]
        for row in rows
    ]
    _fill(table, columns, cells)
    while len(cells) > 1 and table.totalHeight() > max_h:
        del cells[-1]
        _fill(table, columns, cells)
    table.frame(0).attemptResize(QgsLayoutSize(w, min(max_h, table.totalHeight() + 0.5), MM))
    return len(cells)


def _annex(layout, page: int, key: str, lang: str) -> None:
    """Method and limits, or the glossary: one bold term and its paragraph after another."""
    _title_band(layout, page, page_title(key, lang))
    width = PAGE_W - 2 * MARGIN
    entries = (METHOD if key == "method" else GLOSSARY)[lang if lang in METHOD else "en"]
    y = 28
    for term, text in entries:
        _, y = _text(layout, page, term, MARGIN, y, width, 11, True, ACCENT, spare=1)
        _, y = _text(layout, page, text, MARGIN, y, width, 10, spare=4)


def cover_layer_names(names: Sequence[str], counts: Optional[Mapping[str, int]] = None) -> list[str]:
    """The cover map: the page map of the theme whose registry row says ``cover_map`` (cycling: stress
    network and gaps over the territory) when its main layer is there, else the first layers."""
    for row in all_themes():
        if row.cover_map and row.main_layer in names:
            return theme_layer_names(row.id, names, counts)
    return list(names)[:3]


def on_report_map(name: str, count: Optional[int] = None) -> bool:
    """Whether a layer is drawn on the report's maps: its registry row may leave it off, or show it only
    while it has few features (``count``), so that each map carries one message; an empty layer has
    nothing to draw."""
    layer = find_layer(name)
    if layer is None or count == 0:
        return layer is None or count != 0
    limit = layer.report_map_limit
    return layer.on_report_map and not (limit and count is not None and count > limit)


def theme_map_layers(
    theme: str, names: Sequence[str], counts: Optional[Mapping[str, int]] = None
) -> list[str]:
    """A theme page's layers (its map and its legend), top to bottom. ``counts``: features per layer."""
    counts = counts or {}
    return [n for n in names if layer_theme(n) == theme and on_report_map(n, counts.get(n))]


def theme_layer_names(
    theme: str, names: Sequence[str], counts: Optional[Mapping[str, int]] = None
) -> list[str]:
    """A theme page's map, top to bottom: the theme's layers, then the territory."""
    return theme_map_layers(theme, names, counts) + (["territory"] if "territory" in names else [])


def map_extent(
    territory: QgsRectangle, width_mm: float, height_mm: float, band_mm: float = FURNITURE_BAND
) -> QgsRectangle:
    """The territory with a margin, widened to the frame's proportions, above a band of ``band_mm`` at the
    frame's foot where the scale bar and the attribution sit on their white boxes (they hid the south of
    Monaco): what the layout's map shows, so that a map rendered ahead (``report_maps``) is the same picture."""
    extent = QgsRectangle(territory)
    extent.scale(TERRITORY_MARGIN)
    if extent.isEmpty():
        return extent
    inner = height_mm - band_mm
    frame = width_mm / inner
    cx, cy = extent.center().x(), extent.center().y()
    w, h = extent.width(), extent.height()
    if w / h < frame:
        w = frame * h
    else:
        h = w / frame
    band = band_mm * h / inner  # in map units
    return QgsRectangle(cx - w / 2, cy - h / 2 - band, cx + w / 2, cy + h / 2)


def indicator_rows(indicators: Sequence[Indicator]) -> list[tuple[str, str, str, str, str]]:
    return [
        (i.theme, i.indicator, i.label, "" if i.value is None else repr(float(i.value)), i.unit)
        for i in indicators
    ]
