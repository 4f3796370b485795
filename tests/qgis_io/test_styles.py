"""Every bundled layer style loads in QGIS, and none draws its lines with round joins.

Round joins cost a third of the report's largest map (12,500 cycling segments at 150 dpi) and look the
same as bevel joins at these widths; a style edited in QGIS's dialog gets them back by default.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

STYLES = Path(__file__).resolve().parents[2] / "mobility_diagnosis" / "resources" / "styles"
GEOMETRY_URI = {"0": "Point", "1": "LineString", "2": "Polygon", "4": "None"}  # 4: a table


def _styles() -> list[Path]:
    return sorted(STYLES.glob("*.qml"))


def test_there_are_styles():
    assert len(_styles()) >= 15


@pytest.mark.parametrize("path", _styles(), ids=lambda p: p.stem)
def test_style_loads(qgis_app, path):
    from qgis.core import QgsVectorLayer

    geometry = re.search(r"<layerGeometryType>(\d)</layerGeometryType>", path.read_text(encoding="utf-8"))
    assert geometry, f"{path.name} does not say its geometry type"
    layer = QgsVectorLayer(f"{GEOMETRY_URI[geometry.group(1)]}?crs=EPSG:2154", path.stem, "memory")
    message, ok = layer.loadNamedStyle(str(path))
    assert ok, message
    assert layer.renderer() is not None or geometry.group(1) == "4"  # a table has no renderer


@pytest.mark.parametrize("path", _styles(), ids=lambda p: p.stem)
def test_no_round_joins(path):
    text = path.read_text(encoding="utf-8")
    assert (
        'k="joinstyle" v="round"' not in text
    ), f"{path.name}: use bevel joins (see this module's docstring)"


def test_the_territory_name_gives_way_to_the_marks_around_its_centre(qgis_app):
    """Placed over its centroid, La Turbie's name lay under the action marks of its village centre; placed
    around it, the label engine picks a side the marks leave free (and still always shows it)."""
    from qgis.core import QgsPalLayerSettings, QgsVectorLayer

    layer = QgsVectorLayer("Polygon?crs=EPSG:2154", "territory", "memory")
    message, ok = layer.loadNamedStyle(str(STYLES / "territory.qml"))
    assert ok, message
    settings = layer.labeling().settings()
    assert layer.labelsEnabled() and settings.fieldName == "name"
    around = getattr(QgsPalLayerSettings, "AroundPoint", None)
    if around is None:  # an enum of Qgis since 3.26
        from qgis.core import Qgis

        around = Qgis.LabelPlacement.AroundPoint
    assert settings.placement == around
