"""A report legend lists only the classes its map draws (the bundled styles name every possible class)."""

from __future__ import annotations

from pathlib import Path

STYLES = Path(__file__).resolve().parents[2] / "mobility_diagnosis" / "resources" / "styles"


def _layer(style: str, geometry: str, field: str, values: list[str]):
    from qgis.core import QgsFeature, QgsField, QgsGeometry, QgsPointXY, QgsVectorLayer
    from qgis.PyQt.QtCore import QVariant

    layer = QgsVectorLayer(f"{geometry}?crs=EPSG:2154", style, "memory")
    layer.dataProvider().addAttributes([QgsField(field, QVariant.String)])
    layer.updateFields()
    features = []
    for i, value in enumerate(values):
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(1000.0 + i, 6000.0)))
        feature.setAttribute(field, value)
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    message, ok = layer.loadNamedStyle(str(STYLES / f"{style}.qml"))
    assert ok, message
    return layer


def _legend_labels(layer) -> tuple[list[str], int]:
    from qgis.core import QgsLayoutItemLegend, QgsPrintLayout, QgsProject

    from mobility_diagnosis.qgis_io.export.legend_classes import keep_used_classes

    project = QgsProject()
    project.addMapLayer(layer)
    layout = QgsPrintLayout(project)
    legend = QgsLayoutItemLegend(layout)
    legend.setAutoUpdateModel(False)
    root = legend.model().rootGroup()
    root.removeAllChildren()
    node = root.addLayer(layer)
    left_off = keep_used_classes(legend.model(), node)
    labels = [n.data(0) for n in legend.model().layerLegendNodes(node)]
    return labels, left_off


def test_a_category_no_feature_falls_in_is_left_off(qgis_app):
    # the demo's 6 crashes of 2020 at Cap-d'Ail: slight and serious injuries, no death
    layer = _layer("road_crashes", "Point", "severity", ["slightly_injured"] * 4 + ["hospitalised"] * 2)
    labels, left_off = _legend_labels(layer)
    assert left_off == 3
    assert len(labels) == 2 and not any("Mortel" in label for label in labels), labels


def test_a_rule_no_feature_matches_is_left_off_and_else_stays_when_used(qgis_app):
    layer = _layer("stop_access", "Point", "wheelchair", ["yes", "no", None])
    labels, left_off = _legend_labels(layer)
    assert left_off == 1 and len(labels) == 3, labels
    assert not any("limited" in label for label in labels), labels


def test_a_legend_whose_every_class_is_drawn_is_unchanged(qgis_app):
    layer = _layer("stop_access", "Point", "wheelchair", ["yes", "limited", "no", "bof"])
    labels, left_off = _legend_labels(layer)
    assert left_off == 0 and len(labels) == 4
