"""The report's priority map: where each ranked action applies (``core.synthesis.Action.places``).

One layer per diagnosis layer the actions point at (gaps, streets, stops, destinations, schools,
crossings), drawing only the features the actions name: one rule per action's place, coloured by action,
the places that locate it marked with its rank in a circle. Rules rather than a subset string: in QGIS 3.22
a GeoPackage layer with a subset string opens a second connection to the file, whose closing breaks the
reads of the other layers of the report (SQLite's locks are per process). A place whose layer or features
are not in the GeoPackage is left out, never an error.
"""

from __future__ import annotations

from typing import Sequence

from qgis.core import (
    Qgis,
    QgsExpression,
    QgsFeatureRequest,
    QgsFillSymbol,
    QgsLineSymbol,
    QgsMarkerSymbol,
    QgsPalLayerSettings,
    QgsRuleBasedLabeling,
    QgsRuleBasedRenderer,
    QgsTextBackgroundSettings,
    QgsUnitTypes,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QSizeF
from qgis.PyQt.QtGui import QColor

from ...core.package_text import layer_text
from ...core.report_text import report_text
from ...core.synthesis import Action, Place

# One colour per rank (actions.MAX_ACTIONS = 7): the Okabe–Ito palette, told apart by colour-blind readers,
# its yellow replaced by black (unreadable on the light background).
ACTION_COLOURS = ("#d55e00", "#0072b2", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000")
# Symbols, in mm: the places that locate the action (its first place: the gap, the stop, the school…)
# larger than those that detail it (the streets of a gap, the crossings around a school).
POINT_SIZE = {True: 3.2, False: 2.0}
LINE_WIDTH = {True: 1.4, False: 0.9}
RANK_SIZE = 7.0  # pt, the rank in its circle on the map
_ORDER = {
    QgsWkbTypes.GeometryType.PointGeometry: 0,
    QgsWkbTypes.GeometryType.LineGeometry: 1,
    QgsWkbTypes.GeometryType.PolygonGeometry: 2,
}


def action_colour(rank: int) -> QColor:
    return QColor(ACTION_COLOURS[(rank - 1) % len(ACTION_COLOURS)])


def legend_text(action: Action) -> str:
    """An action's line in the map's legend and in the layer's rules: « 1 — <title> »."""
    return f"{action.rank} — {action.title}"


def action_layers(gpkg: str, actions: Sequence[Action], lang: str) -> tuple[list[QgsVectorLayer], list[int]]:
    """The layers of the priority map, points over lines: one per diagnosis layer the actions name,
    drawing exactly the features named (none for a layer, a field or features the file does not have);
    and the ranks of the actions found on it."""
    by_layer: dict[str, list[tuple[Action, Place, bool]]] = {}
    for action in actions:
        for i, place in enumerate(action.places):
            if place.values:
                by_layer.setdefault(place.layer, []).append((action, place, i == 0))
    chosen = []
    for name, entries in by_layer.items():
        # named apart from the theme's own layer of the same table
        title = report_text("actions_layer", lang).format(title=layer_text(name, lang)[0])
        layer = QgsVectorLayer(f"{gpkg}|layername={name}", title, "ogr")
        if not layer.isValid() or not layer.isSpatial():
            continue
        entries = [e for e in entries if layer.fields().indexOf(e[1].field) >= 0 and _any(layer, e[1])]
        if entries:
            _style(layer, entries)
            chosen.append((layer, entries))
    layers = sorted((layer for layer, _ in chosen), key=lambda layer: _ORDER.get(layer.geometryType(), 3))
    return layers, sorted({action.rank for _, entries in chosen for action, _, _ in entries})


def _any(layer: QgsVectorLayer, place: Place) -> bool:
    request = QgsFeatureRequest(QgsExpression(place.expression())).setLimit(1)
    request.setFlags(QgsFeatureRequest.Flag.NoGeometry)
    return any(True for _ in layer.getFeatures(request))


def _symbol(geometry, colour: QColor, main: bool):
    if geometry == QgsWkbTypes.GeometryType.PointGeometry:
        return QgsMarkerSymbol.createSimple(
            {"name": "circle", "color": colour.name(), "outline_color": "white", "outline_width": "0.3",
             "size": str(POINT_SIZE[main])}
        )  # fmt: skip
    if geometry == QgsWkbTypes.GeometryType.LineGeometry:
        return QgsLineSymbol.createSimple(
            {"line_color": colour.name(), "line_width": str(LINE_WIDTH[main]), "capstyle": "round"}
        )
    return QgsFillSymbol.createSimple({"color": colour.name(), "outline_color": colour.name()})


def _style(layer: QgsVectorLayer, entries: Sequence[tuple[Action, Place, bool]]) -> None:
    """One rule per action's place, in its colour, named « rank — title », and no other (the layer's other
    features are not drawn); the rank on the places that locate the action."""
    geometry = layer.geometryType()
    root = QgsRuleBasedRenderer.Rule(None)
    labels = QgsRuleBasedLabeling.Rule(None)
    for action, place, main in entries:
        colour = action_colour(action.rank)
        rule = QgsRuleBasedRenderer.Rule(
            _symbol(geometry, colour, main), 0, 0, place.expression(), legend_text(action)
        )
        root.appendChild(rule)
        if main:
            label = QgsRuleBasedLabeling.Rule(_rank_label(action.rank, colour, geometry))
            label.setFilterExpression(place.expression())
            label.setDescription(legend_text(action))
            labels.appendChild(label)
    layer.setRenderer(QgsRuleBasedRenderer(root))
    if labels.children():
        layer.setLabeling(QgsRuleBasedLabeling(labels))
        layer.setLabelsEnabled(True)


def _rank_label(rank: int, colour: QColor, geometry) -> QgsPalLayerSettings:
    """The rank in white on a circle of the action's colour beside the point (two actions at one place
    take two sides of it) or along the line, always shown."""
    settings = QgsPalLayerSettings()
    settings.isExpression = True
    settings.fieldName = f"'{rank}'"
    from .report import text_format  # report imports this module

    text = text_format(RANK_SIZE, True, QColor("white"))
    background = QgsTextBackgroundSettings()
    background.setEnabled(True)
    background.setType(QgsTextBackgroundSettings.ShapeType.ShapeCircle)
    background.setSizeType(QgsTextBackgroundSettings.SizeType.SizeBuffer)
    background.setSize(QSizeF(0.8, 0.8))
    background.setSizeUnit(QgsUnitTypes.RenderUnit.RenderMillimeters)
    background.setFillColor(colour)
    background.setStrokeColor(QColor("white"))
    background.setStrokeWidth(0.3)
    background.setStrokeWidthUnit(QgsUnitTypes.RenderUnit.RenderMillimeters)
    text.setBackground(background)
    settings.setFormat(text)
    point = geometry == QgsWkbTypes.GeometryType.PointGeometry
    placements = getattr(Qgis, "LabelPlacement", QgsPalLayerSettings)  # an enum of Qgis since 3.26
    settings.placement = placements.AroundPoint if point else placements.Horizontal
    settings.dist = 0.4  # mm from the point's symbol
    settings.priority = max(0, 10 - rank)
    overlap = getattr(Qgis, "LabelOverlapHandling", None)  # QGIS >= 3.26
    if overlap is not None:
        settings.placementSettings().setOverlapHandling(overlap.AllowOverlapIfRequired)
    else:
        settings.displayAll = True
    return settings
