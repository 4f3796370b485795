"""Show a diagnosis in QGIS: its layers in one group with a subgroup per theme, and its indicators.

GeoPackage layers load their default style from ``layer_styles`` by themselves; their legend labels and
names are put in the UI's language (the registry rows' layer titles), the table name kept as a property.
The tables below map layer names (INTERFACE.md) to themes; a layer not listed goes to "Other".
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Optional

from osgeo import ogr
from qgis.core import QgsLayerTreeGroup, QgsProject, QgsVectorLayer

from ..core.package_text import layer_text, layer_theme
from ..core.themes import find, first_shown, theme_ids
from ..i18n import tr, ui_language
from ..qgis_io.export.legend_labels import localize_legend
from ..qgis_io.gdal_mode import open_or_none

# The territory GeoPackage's layers (INTERFACE.md "Territory GeoPackage layers"), shown as raw data; the
# diagnosis layers go to their theme by core.package_text.layer_theme, the table the package uses too.
DATA_LAYERS = frozenset(
    "streets schools car_parking bike_parking transit_stops crossings buildings destinations pois entrances "
    "school_areas car_parking_areas".split()
)


def layer_group(name: str) -> str:
    """The subgroup a layer goes to: its theme, "data" for the territory's own layers, or "other"."""
    return "data" if name in DATA_LAYERS else layer_theme(name)


def main_layer(theme: str) -> Optional[str]:
    """The layer a theme's indicators are read on (clicking an indicator activates it): its registry row's."""
    if theme == "territory":
        return "territory"
    row = find(theme)
    return row.main_layer if row is not None else None


def group_order() -> list[str]:
    """Subgroups top to bottom: the themes over the raw data, the territory outline underneath."""
    return [*theme_ids(), "other", "data", "territory"]


LAYER_PROPERTY = "mobility_diagnosis/layer"  # the GeoPackage table a layer shows (its name is its title)
SKIPPED_TABLES = {"indicators", "layer_styles", "about", "qgis_projects"}
# Points over lines over polygons inside a group, so that nothing hides the rest.
GEOMETRY_ORDER = {ogr.wkbPoint: 0, ogr.wkbMultiPoint: 0, ogr.wkbLineString: 1, ogr.wkbMultiLineString: 1}


def theme_title(theme: str) -> str:
    """A subgroup's title: the theme's name in the UI's language (its registry row), or one of ours."""
    row = find(theme)
    if row is not None:
        return row.text("label", ui_language())
    titles = {"territory": tr("Territory"), "data": tr("OpenStreetMap data"), "other": tr("Other layers")}
    return titles.get(theme, theme)


def group_title(territory: str) -> str:
    return tr("Mobility diagnosis – {}").format(territory)


@dataclass(frozen=True)
class IndicatorRow:
    theme: str
    indicator: str
    label: str
    value: Optional[float]
    unit: str


def layer_for_indicator(row: IndicatorRow) -> Optional[str]:
    """The layer an indicator's figure comes from: its theme's layer for its id prefix, else the main one."""
    key = row.indicator or ""
    theme = find(row.theme)
    for prefix, layer in theme.indicator_layers if theme is not None else ():
        if key.startswith(prefix):
            return layer
    return main_layer(row.theme)


def read_indicators(gpkg: str) -> list[IndicatorRow]:
    ds = open_or_none(gpkg) if gpkg and os.path.exists(gpkg) else None
    layer = ds.GetLayerByName("indicators") if ds is not None else None
    if layer is None:
        return []
    names = [
        layer.GetLayerDefn().GetFieldDefn(i).GetName() for i in range(layer.GetLayerDefn().GetFieldCount())
    ]
    rows = []
    for feature in layer:
        get = {n: feature.GetField(n) for n in names}
        rows.append(
            IndicatorRow(
                theme=get.get("theme") or "",
                indicator=get.get("indicator") or "",
                label=get.get("label") or get.get("indicator") or "",
                value=get.get("value"),
                unit=get.get("unit") or "",
            )
        )
    return rows


def territory_name(*gpkgs: str) -> str:
    """The territory's name (and code) from the first GeoPackage that has a ``territory`` layer."""
    for gpkg in gpkgs:
        ds = open_or_none(gpkg) if gpkg and os.path.exists(gpkg) else None
        layer = ds.GetLayerByName("territory") if ds is not None else None
        if layer is None:
            continue
        feature = layer.GetNextFeature()
        if feature is None:
            continue
        defn = layer.GetLayerDefn()
        name = feature.GetField("name") if defn.GetFieldIndex("name") >= 0 else ""
        code = feature.GetField("code") if defn.GetFieldIndex("code") >= 0 else ""
        if name and code and code != name and not str(code).startswith("relation"):
            return f"{name} ({code})"
        return name or code or ""
    return ""


def gpkg_layers(gpkg: str) -> list[tuple[str, int]]:
    """(name, flat OGR geometry type) of the spatial layers, in file order."""
    ds = open_or_none(gpkg) if gpkg and os.path.exists(gpkg) else None
    if ds is None:
        return []
    found = []
    for i in range(ds.GetLayerCount()):
        layer = ds.GetLayerByIndex(i)
        name = layer.GetName()
        if name in SKIPPED_TABLES or layer.GetGeomType() == ogr.wkbNone:
            continue
        found.append((name, ogr.GT_Flatten(layer.GetGeomType())))
    return found


def add_results(
    gpkgs: list[str], territory: str, project: Optional[QgsProject] = None, shown: Optional[str] = None
) -> QgsLayerTreeGroup:
    """One group "Mobility diagnosis – <territory>" with a subgroup per theme; a previous group of the
    same name is replaced (a re-run shows the new results only). Layers of the first GeoPackage win when
    two carry the same name (the diagnosis over the territory data). Like the stored project, it opens on
    one theme, ``shown`` when it is there, else the first in the registry's order (themes drawn over one
    another are unreadable); the others are loaded in their subgroups, unchecked."""
    project = project or QgsProject.instance()
    root = project.layerTreeRoot()
    title = group_title(territory)
    old = root.findGroup(title)
    if old is not None:
        root.removeChildNode(old)
    group = root.insertGroup(0, title)
    seen: set[str] = set()
    by_theme: dict[str, list[tuple[int, QgsVectorLayer]]] = {}
    for gpkg in gpkgs:
        for name, geometry_type in gpkg_layers(gpkg):
            if name in seen:
                continue
            seen.add(name)
            lang = ui_language()
            layer = QgsVectorLayer(f"{gpkg}|layername={name}", layer_text(name, lang)[0], "ogr")
            if not layer.isValid():
                continue
            layer.setCustomProperty(LAYER_PROPERTY, name)
            localize_legend(layer, lang)
            theme = layer_group(name)
            by_theme.setdefault(theme, []).append((GEOMETRY_ORDER.get(geometry_type, 2), layer))
    if shown not in by_theme:
        shown = first_shown(by_theme)
    for theme in group_order():
        layers = sorted(by_theme.get(theme, []), key=lambda item: item[0])
        if not layers:
            continue
        subgroup = group.addGroup(theme_title(theme))
        subgroup.setCustomProperty("mobility_diagnosis/theme", theme)
        for _order, layer in layers:
            project.addMapLayer(layer, False)
            subgroup.addLayer(layer)
        # raw data: there for reference, off by default; the themes but one wait, unchecked
        if theme == "data" or (theme in theme_ids() and theme != shown):
            subgroup.setItemVisibilityChecked(False)
            subgroup.setExpanded(False)
    return group


def layer_table(layer) -> str:
    """The GeoPackage table a layer of ours shows (its name in the layer panel is the table's title)."""
    return layer.customProperty(LAYER_PROPERTY) or layer.name()


def find_layer(group: Optional[QgsLayerTreeGroup], name: str):
    if group is None:
        return None
    for node in group.findLayers():
        layer = node.layer()
        if layer is not None and layer_table(layer) == name:
            return layer
    return None
