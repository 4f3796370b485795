"""What makes a report map readable at commune scale (issue 16, "Maps made to be read"), for both ways a map
is drawn: the layout's own map items (``report``) and the pictures rendered ahead (``report_maps``).

- a light background of the territory's own OpenStreetMap buildings and streets (no tiles: works offline).
  The layout (the stored project's report, ``exportpackage``'s PDF) draws what the diagnosis GeoPackage
  holds of them, so that the stored project keeps it wherever the package goes, and the territory
  GeoPackage's for what the diagnosis lacks (the PDF only); the pictures ``diagnose`` renders ahead draw
  the territory GeoPackage's, which every run has at hand;
- point symbols thinned by the scale: where more than ``CROWDED`` points fall in the map's extent they are
  drawn smaller (by the square root of the excess, down to ``SMALLEST``) and without their outline. The rule
  is a data-defined size on the layer's own symbols, so it also holds on the canvas of the stored project:
  zoomed in, the symbols get their full size back;
- the names of the few things a reader looks for (the schools).
Which layers each theme map shows is the registry's (``core.themes``: ``on_report_map``, ``report_map_limit``).
"""

from __future__ import annotations

import os
from typing import Optional

from qgis.core import (
    Qgis,
    QgsFillSymbol,
    QgsLineSymbol,
    QgsPalLayerSettings,
    QgsProperty,
    QgsRectangle,
    QgsSingleSymbolRenderer,
    QgsSymbolLayer,
    QgsTextBufferSettings,
    QgsTextFormat,
    QgsUnitTypes,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
    QgsWkbTypes,
)
from qgis.PyQt.QtGui import QFont

from ..gpkg.diagnosis import layer_uri

# The background, bottom to top: (territory GeoPackage layer, the diagnosis layer with the same geometries,
# its symbol). fetchterritory writes buildings and streets; it fetches no water, green areas or railways, so
# the background has none (docs/package.md). The diagnosis keeps the residential buildings (walk_access) and
# every street (cycling_segments) when those themes ran.
BACKGROUND = (
    ("buildings", "walk_access", {"color": "#e6e3de", "outline_style": "no"}),
    ("streets", "cycling_segments", {"line_color": "#d2d2d2", "line_width": "0.15"}),
)
# The stored project's group of the background (at the bottom, unchecked: the report's maps draw it) and
# its layers' titles, in the report's language.
BACKGROUND_TITLES = {
    "fr": {
        "group": "Fond de plan",
        "buildings": "Fond de plan : bâtiments",
        "streets": "Fond de plan : rues",
    },
    "en": {"group": "Background", "buildings": "Background: buildings", "streets": "Background: streets"},
}
# set on the background's layers, to where they come from: "diagnosis" (stored with the project) or "territory"
BACKGROUND_PROPERTY = "mobility_diagnosis/background"
# The layers whose features are named on the maps, by their name field: the few things a reader looks for.
# The few things a map names (issue 16): the schools, and the cycling gaps by their rank (gap_id 1 = most
# valuable), the number the gaps annex and the actions give them.
MAP_LABELS = {"school_diagnosis": "name", "cycling_gaps": "gap_id"}
CROWDED = 150  # point features in a map's extent above which their symbols shrink and lose their outline
SMALLEST = 0.45  # … down to this fraction of their size
# QGIS 3.30 scoped the symbol layer's property enum
_STROKE_STYLE = getattr(QgsSymbolLayer, "PropertyStrokeStyle", None) or QgsSymbolLayer.Property.StrokeStyle


def background_layers(territory_gpkg: str, diagnosis_gpkg: str = "") -> list[QgsVectorLayer]:
    """The territory's buildings and streets in light grey, top first (as map settings list them): each
    from the diagnosis GeoPackage when it holds them, else from the territory GeoPackage; none when neither
    has them (the maps then show the territory outline alone)."""
    found = []
    for name, fallback, style in BACKGROUND:
        layer = None
        for origin, path, table in (
            ("diagnosis", diagnosis_gpkg, fallback),
            ("territory", territory_gpkg, name),
        ):
            if path and os.path.exists(path):
                layer = QgsVectorLayer(layer_uri(path, table), name, "ogr")
                if layer.isValid():
                    layer.setCustomProperty(BACKGROUND_PROPERTY, origin)
                    break
                layer = None
        if layer is None:
            continue
        line = layer.geometryType() == QgsWkbTypes.GeometryType.LineGeometry
        symbol = QgsLineSymbol.createSimple(style) if line else QgsFillSymbol.createSimple(style)
        layer.setRenderer(QgsSingleSymbolRenderer(symbol))
        found.insert(0, layer)
    return found


def add_background(project, lang: str, territory_gpkg: str, diagnosis_gpkg: str) -> list[QgsVectorLayer]:
    """``background_layers``, those read from the diagnosis put in ``project`` (a group at the bottom,
    unchecked), so that its report keeps them; the caller keeps the others alive while the PDF is made."""
    found = background_layers(territory_gpkg, diagnosis_gpkg)
    titles = BACKGROUND_TITLES.get(lang, BACKGROUND_TITLES["en"])
    stored = [layer for layer in found if layer.customProperty(BACKGROUND_PROPERTY) == "diagnosis"]
    if stored:
        group = project.layerTreeRoot().addGroup(titles["group"])
        for layer in stored:
            layer.setName(titles[layer.name()])
            project.addMapLayer(layer, False)
            group.addLayer(layer)
        group.setItemVisibilityChecked(False)
        group.setExpanded(False)
    return found


def find_territory_gpkg(diagnosis_path: str, about: dict) -> str:
    """The territory GeoPackage a diagnosis was made from, as the package finds it for its schema files (the
    path its themes recorded), else a ``territory.gpkg`` beside it (a kit, the dock's folder); "" if gone."""
    for path in (
        about.get("territory_gpkg", ""),
        os.path.join(os.path.dirname(diagnosis_path), "territory.gpkg"),
    ):
        if path and os.path.exists(path) and os.path.abspath(path) != os.path.abspath(diagnosis_path):
            return path
    return ""


def crowd_factor(count: int, extent: QgsRectangle, authid: str) -> Optional[str]:
    """The expression of a point layer's size factor in a map: 1 up to ``CROWDED`` points in its extent,
    less beyond; None when the layer never gets that crowded. Points are taken as spread evenly over the
    report map's ``extent`` (in the layer's CRS): a map showing a quarter of it holds a quarter of them."""
    area = extent.width() * extent.height()
    if count <= CROWDED or area <= 0:
        return None
    visible = f"area(@map_extent) * {count / area!r}"
    if authid:  # the canvas may be in another CRS than the layer
        visible = f"area(transform(@map_extent, @map_crs, '{authid}')) * {count / area!r}"
    return f"max({SMALLEST}, min(1, sqrt({CROWDED} / max(1, {visible}))))"


def fit_for_page(layer: QgsVectorLayer, table: str, extent: QgsRectangle) -> None:
    """Thin a crowded point layer's symbols by the scale and name the features of ``MAP_LABELS``. Changes
    the layer's style: the report's layers are the stored project's, where the rule holds on the canvas.
    ``table``: the layer's GeoPackage table; ``extent``: the report map's, in the layer's CRS."""
    if layer.geometryType() == QgsWkbTypes.GeometryType.PointGeometry:
        factor = crowd_factor(layer.featureCount(), extent, layer.crs().authid())
        if factor is not None:
            renderer = layer.renderer().clone()
            if isinstance(renderer, QgsSingleSymbolRenderer):
                renderer.setSymbol(thinned(renderer.symbol(), factor))
            else:
                for item in renderer.legendSymbolItems():
                    if item.symbol() is not None and item.ruleKey():
                        renderer.setLegendSymbolItem(item.ruleKey(), thinned(item.symbol(), factor))
            layer.setRenderer(renderer)
    field = MAP_LABELS.get(table)
    if field and layer.fields().indexOf(field) >= 0:
        _label(layer, field)


def thinned(symbol, factor: str):
    """A copy of a marker ``symbol`` sized by ``factor`` (an expression), its outlines off while below 1."""
    symbol = symbol.clone()
    symbol.setDataDefinedSize(QgsProperty.fromExpression(f"{symbol.size()!r} * {factor}"))
    for index in range(symbol.symbolLayerCount()):
        symbol.symbolLayer(index).setDataDefinedProperty(
            _STROKE_STYLE, QgsProperty.fromExpression(f"CASE WHEN {factor} < 1 THEN 'no' END")
        )
    return symbol


def _label(layer: QgsVectorLayer, field: str) -> None:
    """Each feature named, always (these layers have few features: the map says what they are): beside a
    point, horizontally over a line (a gap's rank reads upright)."""
    settings = QgsPalLayerSettings()
    settings.fieldName = field
    placements = getattr(Qgis, "LabelPlacement", QgsPalLayerSettings)  # an enum of Qgis since 3.26
    point = layer.geometryType() == QgsWkbTypes.GeometryType.PointGeometry
    settings.placement = placements.AroundPoint if point else placements.Horizontal
    settings.priority = 9
    overlap = getattr(Qgis, "LabelOverlapHandling", None)  # QGIS >= 3.26
    if overlap is not None:
        settings.placementSettings().setOverlapHandling(overlap.AllowOverlapIfRequired)
    else:
        settings.displayAll = True
    text = QgsTextFormat()
    font = QFont("DejaVu Sans")
    font.setBold(True)
    text.setFont(font)
    text.setSize(6.5)
    text.setSizeUnit(QgsUnitTypes.RenderUnit.RenderPoints)
    buffer = QgsTextBufferSettings()
    buffer.setEnabled(True)
    buffer.setSize(0.8)
    text.setBuffer(buffer)
    settings.setFormat(text)
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)
