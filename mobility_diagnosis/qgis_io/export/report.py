"""``report.pdf``: the council report, made with a QGIS print layout (A4 portrait pages).

Cover (territory, date, sources, themes), one page per theme present in the diagnosis (a map of its
styled layers with scale bar, north arrow, legend and OpenStreetMap attribution, its key figures and
their reading in plain words) and a summary page. The layout is also returned, so the stored project
keeps it editable. Works headless (``QT_QPA_PLATFORM=offscreen``).
"""

from __future__ import annotations

import os
from typing import Optional, Sequence

from qgis.core import (
    Qgis,
    QgsLayoutExporter,
    QgsLayoutFrame,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemPage,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsLayoutItemShape,
    QgsLayoutItemTextTable,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLayoutTable,
    QgsLayoutTableColumn,
    QgsPrintLayout,
    QgsProject,
    QgsRectangle,
    QgsSymbolLayerUtils,
    QgsTextFormat,
    QgsUnitTypes,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor, QFont

from ...core.indicators import Indicator
from ...core.package_text import layer_theme, theme_title
from ...core.report_text import data_date, format_value, headlines, readings, report_text, source_text
from ...core.themes import find_layer
from ...core.themes import themes as all_themes
from ..atomic import atomic_path
from .package_gpkg import Diagnosis, PackageError

MM = QgsUnitTypes.LayoutUnit.LayoutMillimeters
PAGE_W, PAGE_H = 210.0, 297.0
MARGIN = 12.0
INK = QColor(30, 30, 30)
ACCENT = QColor(20, 90, 140)
MAX_FIGURES = 12  # key figures per theme page (the rest is in indicators.csv)
NORTH_ARROW = "arrows/NorthArrow_02.svg"  # QGIS's default north arrow
REPORT_DPI = 150
# map frames (x, y, width, height in mm): the cover's on page 0, the same size on every theme page, so that
# the cover, which shows a theme page's map (cycling's), is drawn once
COVER_MAP = (MARGIN, 72.0, PAGE_W - 2 * MARGIN, 116.0)
THEME_MAP = (MARGIN, 24.0, PAGE_W - 2 * MARGIN, 116.0)
TERRITORY_MARGIN = 1.08  # the maps show the territory and a little around it


def build_report_layout(
    project: QgsProject,
    diagnosis: Diagnosis,
    layers: dict[str, QgsVectorLayer],
    lang: str,
    name: str = "report",
) -> QgsPrintLayout:
    layout = new_report_layout(project, diagnosis.themes, name)
    for theme in diagnosis.themes:
        add_theme_page(layout, diagnosis.themes, theme, layers, diagnosis, lang)
    finish_report_layout(layout, diagnosis, layers, lang)
    return layout


def new_report_layout(project: QgsProject, themes: Sequence[str], name: str = "report") -> QgsPrintLayout:
    """The layout with every page in place: the cover, one page per theme in ``themes`` order, the summary.
    Theme pages can then be filled in any order (``add_theme_page``), as ``diagnose``'s themes end."""
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()  # one A4 page
    layout.setName(name)
    layout.pageCollection().page(0).setPageSize(QgsLayoutSize(PAGE_W, PAGE_H, MM))
    for _ in range(len(themes) + 1):
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
    """Fill ``theme``'s page (its map, legend, reading and figures); ``diagnosis`` needs only that theme."""
    theme_layers = [layers[n] for n in theme_map_layers(theme, list(layers))]
    _theme_page(
        layout, 1 + list(themes).index(theme), theme, theme_layers, layers.get("territory"), diagnosis, lang
    )


def finish_report_layout(
    layout: QgsPrintLayout, diagnosis: Diagnosis, layers: dict[str, QgsVectorLayer], lang: str
) -> None:
    """The cover and the summary, which speak of every theme."""
    date = diagnosis.created[:10]
    _cover(layout, diagnosis, layers, lang, date)
    _summary(layout, len(diagnosis.themes) + 1, diagnosis, lang, diagnosis.about, date)


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
    return done


# ------------------------------------------------------------------------------------------ pages


def _add_page(layout: QgsPrintLayout) -> int:
    page = QgsLayoutItemPage(layout)
    page.setPageSize(QgsLayoutSize(PAGE_W, PAGE_H, MM))
    layout.pageCollection().addPage(page)
    return layout.pageCollection().pageCount() - 1


def _label(layout, page: int, text: str, x, y, w, h, size=10.0, bold=False, color=INK, align=None):
    label = QgsLayoutItemLabel(layout)
    label.setText(text)
    fmt = QgsTextFormat()
    font = QFont("DejaVu Sans")
    font.setBold(bold)
    fmt.setFont(font)
    fmt.setSize(size)
    fmt.setSizeUnit(QgsUnitTypes.RenderUnit.RenderPoints)
    fmt.setColor(color)
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
    from qgis.core import QgsFillSymbol

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


def _nice_segment(width_m: float) -> float:
    """A round segment length so that the two-segment bar covers about a fifth of the map."""
    target = max(width_m / 10.0, 0.01)
    magnitude = 10 ** int(f"{target:e}".split("e")[1])
    for step in (1, 2, 5, 10):
        if step * magnitude >= target:
            return float(step * magnitude)
    return float(10 * magnitude)


def _legend(layout, page: int, item: QgsLayoutItemMap, layers: Sequence[QgsVectorLayer], x, y, w, h, lang):
    legend = QgsLayoutItemLegend(layout)
    legend.setTitle(report_text("legend", lang))
    legend.setLinkedMap(item)
    legend.setAutoUpdateModel(False)
    root = legend.model().rootGroup()
    root.removeAllChildren()
    for layer in layers:
        root.addLayer(layer)
    legend.setResizeToContents(False)
    legend.setSymbolWidth(6)
    legend.setSymbolHeight(3.5)
    _legend_fonts(legend)
    layout.addLayoutItem(legend)
    legend.attemptResize(QgsLayoutSize(w, h, MM))
    legend.attemptMove(QgsLayoutPoint(x, y, MM), page=page)
    legend.refresh()
    return legend


def _legend_fonts(legend) -> None:
    from qgis.core import QgsLegendStyle

    sizes = {QgsLegendStyle.Style.Title: (10, True), QgsLegendStyle.Style.Group: (8, True),
             QgsLegendStyle.Style.Subgroup: (8, True), QgsLegendStyle.Style.SymbolLabel: (7.5, False)}  # fmt: skip
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


def _table(layout, page: int, rows: Sequence[tuple[str, str]], x, y, w, h, lang: str):
    table = QgsLayoutItemTextTable(layout)
    layout.addMultiFrame(table)
    first = QgsLayoutTableColumn(report_text("indicator", lang))
    first.setWidth(w * 0.72)
    second = QgsLayoutTableColumn(report_text("value", lang))
    second.setWidth(w * 0.2)  # room for “non disponible” on one line
    second.setHAlignment(Qt.AlignmentFlag.AlignRight)
    table.setColumns([first, second])
    table.setWrapBehavior(QgsLayoutTable.WrapText)
    table.setContents([[label, value] for label, value in rows])  # one refresh, not one per row
    _table_fonts(table)
    table.setGridStrokeWidth(0.2)
    table.setGridColor(QColor(180, 180, 180))
    table.setCellMargin(1.2)
    frame = QgsLayoutFrame(layout, table)
    frame.attemptResize(QgsLayoutSize(w, h, MM))
    frame.attemptMove(QgsLayoutPoint(x, y, MM), page=page)
    table.addFrame(frame)
    table.setResizeMode(QgsLayoutMultiFrameUseExisting())
    return table


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
        fmt.setSize(8.5)
        fmt.setSizeUnit(QgsUnitTypes.RenderUnit.RenderPoints)
        table.setContentTextFormat(fmt)
        hfmt = QgsTextFormat()
        hfmt.setFont(header)
        hfmt.setSize(8.5)
        hfmt.setSizeUnit(QgsUnitTypes.RenderUnit.RenderPoints)
        table.setHeaderTextFormat(hfmt)
    else:
        content.setPointSizeF(8.5)
        header.setPointSizeF(8.5)
        table.setContentFont(content)
        table.setHeaderFont(header)


def _cover(layout, diagnosis: Diagnosis, layers, lang: str, date: str) -> None:
    about = diagnosis.about
    _band(layout, 0, 0, 62, ACCENT)
    _label(
        layout, 0, report_text("title", lang), MARGIN, 14, PAGE_W - 2 * MARGIN, 14, 26, True, QColor("white")
    )
    subtitle = report_text("subtitle", lang).format(name=diagnosis.territory_name)
    if diagnosis.territory_code:
        subtitle += f" ({diagnosis.territory_code})"
    _label(layout, 0, subtitle, MARGIN, 32, PAGE_W - 2 * MARGIN, 20, 16, False, QColor("white"))
    cover_layers = [layers[n] for n in cover_layer_names(list(layers))]
    x, top, width, height = COVER_MAP
    if cover_layers:
        extent = map_extent(layers["territory"].extent(), width, height) if "territory" in layers else None
        item = _map(layout, 0, cover_layers, extent, x, top, width, height)
        item.setId("map:cover")
        _map_furniture(layout, 0, item, x, top, width, height, lang)
    themes = ", ".join(theme_title(t, lang) for t in diagnosis.themes) or "—"
    lines = [
        report_text("made_on", lang).format(date=date, version=about.get("plugin_version", "")),
        report_text("sources", lang).format(
            source=source_text(about.get("source", "OpenStreetMap"), lang),
            osm_date=data_date(about.get("osm_timestamp", ""), lang),
        ),
        report_text("themes", lang).format(themes=themes),
        report_text("contents", lang),
    ]
    _label(layout, 0, "\n\n".join(lines), MARGIN, top + height + 8, PAGE_W - 2 * MARGIN, 70, 11)


def _theme_page(
    layout, page: int, theme: str, theme_layers, territory, diagnosis: Diagnosis, lang: str
) -> None:
    _band(layout, page, 0, 20, ACCENT)
    _label(
        layout, page, theme_title(theme, lang), MARGIN, 5, PAGE_W - 2 * MARGIN, 12, 20, True, QColor("white")
    )
    map_layers = list(theme_layers) + ([territory] if territory is not None else [])
    _, top, width, height = THEME_MAP
    below = top + height + 3
    if map_layers:
        extent = map_extent(territory.extent(), width, height) if territory is not None else None
        item = _map(layout, page, map_layers, extent, MARGIN, top, width, height)
        item.setId(f"map:{theme}")
        _map_furniture(layout, page, item, MARGIN, top, width, height, lang)
        _legend(layout, page, item, theme_layers, MARGIN, below, 70, 58, lang)
    found = readings(theme, diagnosis.indicators, lang)
    text_x = MARGIN + 74
    text_w = width - 74
    _label(layout, page, report_text("reading", lang), text_x, below, text_w, 7, 12, True, ACCENT)
    body = "\n".join(f"• {r.text}" for r in found) or "—"
    _label(layout, page, body, text_x, below + 8, text_w, 52, 10)
    figures = [i for i in diagnosis.indicators if i.theme == theme]
    order = [name for r in found for name in r.indicators]  # the figures read above first, in that order
    figures.sort(key=lambda i: order.index(i.indicator) if i.indicator in order else len(order))
    rows = [(i.label, format_value(i, lang)) for i in figures[:MAX_FIGURES]]
    if rows:
        y = below + 62
        _label(layout, page, report_text("figures", lang), MARGIN, y, width, 7, 12, True, ACCENT)
        _table(layout, page, rows, MARGIN, y + 8, width, PAGE_H - y - 8 - MARGIN - 5, lang)
        _label(layout, page, report_text("all_figures", lang), MARGIN, PAGE_H - MARGIN - 4, width, 5, 8)


def _summary(layout, page: int, diagnosis: Diagnosis, lang: str, about: dict, date: str) -> None:
    _band(layout, page, 0, 20, ACCENT)
    _label(
        layout,
        page,
        report_text("summary", lang),
        MARGIN,
        5,
        PAGE_W - 2 * MARGIN,
        12,
        20,
        True,
        QColor("white"),
    )
    y = 30
    if not diagnosis.themes:
        _label(layout, page, report_text("no_theme", lang), MARGIN, y, PAGE_W - 2 * MARGIN, 10, 11)
        return
    _label(layout, page, report_text("summary_intro", lang), MARGIN, y, PAGE_W - 2 * MARGIN, 8, 11)
    y += 12
    for theme in diagnosis.themes:
        _label(layout, page, theme_title(theme, lang), MARGIN, y, PAGE_W - 2 * MARGIN, 7, 12, True, ACCENT)
        texts = headlines(theme, diagnosis.indicators, lang) or ["—"]
        _label(layout, page, "\n".join(f"• {t}" for t in texts), MARGIN, y + 8, PAGE_W - 2 * MARGIN, 24, 11)
        y += 36
    osm_date = data_date(about.get("osm_timestamp", ""), lang)
    _label(
        layout,
        page,
        report_text("data_note", lang).format(date=osm_date),
        MARGIN,
        y + 4,
        PAGE_W - 2 * MARGIN,
        20,
        10,
    )


def cover_layer_names(names: Sequence[str]) -> list[str]:
    """The cover map: the page map of the theme whose registry row says ``cover_map`` (cycling: stress
    network, islands, gaps over the territory) when its main layer is there, else the first layers."""
    for row in all_themes():
        if row.cover_map and row.main_layer in names:
            return theme_layer_names(row.id, names)
    return list(names)[:3]


def on_report_map(name: str) -> bool:
    """Whether a layer is drawn on the report's maps (its registry row may leave it off: too dense)."""
    layer = find_layer(name)
    return layer is None or layer.on_report_map


def theme_map_layers(theme: str, names: Sequence[str]) -> list[str]:
    """A theme page's layers (its map and its legend), top to bottom."""
    return [n for n in names if layer_theme(n) == theme and on_report_map(n)]


def theme_layer_names(theme: str, names: Sequence[str]) -> list[str]:
    """A theme page's map, top to bottom: the theme's layers, then the territory."""
    return theme_map_layers(theme, names) + (["territory"] if "territory" in names else [])


def map_extent(territory: QgsRectangle, width_mm: float, height_mm: float) -> QgsRectangle:
    """The territory with a margin, widened to the frame's proportions: what the layout's map shows, so
    that a map rendered ahead (``report_maps``) is the same picture."""
    extent = QgsRectangle(territory)
    extent.scale(TERRITORY_MARGIN)
    if extent.isEmpty():
        return extent
    frame = width_mm / height_mm
    cx, cy = extent.center().x(), extent.center().y()
    w, h = extent.width(), extent.height()
    if w / h < frame:
        w = frame * h
    else:
        h = w / frame
    return QgsRectangle(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)


def indicator_rows(indicators: Sequence[Indicator]) -> list[tuple[str, str, str, str, str]]:
    return [
        (i.theme, i.indicator, i.label, "" if i.value is None else repr(float(i.value)), i.unit)
        for i in indicators
    ]
