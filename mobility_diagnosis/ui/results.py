"""Show a diagnosis in QGIS: its layers in one group with a subgroup per theme, and its indicators.

GeoPackage layers load their default style from ``layer_styles`` by themselves, so nothing is styled
here. The tables below map layer names (INTERFACE.md) to themes; a layer not listed goes to "Other".
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Optional

from osgeo import ogr
from qgis.core import QgsLayerTreeGroup, QgsProject, QgsVectorLayer

from ..core.package_text import layer_theme
from ..i18n import tr
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


# The layer an indicator of a theme is read on (clicking an indicator activates it).
THEME_MAIN_LAYER = {
    "cycling": "cycling_segments",
    "accessibility": "walk_access",
    "parking": "parking_supply",
    "schools": "school_diagnosis",
    "territory": "territory",
}
# Indicators whose figure comes from another layer of their theme (indicator id prefix → layer).
INDICATOR_LAYER = (
    ("island", "cycling_islands"),
    ("gap", "cycling_gaps"),
    ("stop", "stop_access"),
    ("wheelchair", "stop_access"),
    ("departures", "transit_service"),
    ("frequent", "transit_service"),
    ("bike_parking_gap", "bike_parking_gaps"),
    ("school_street", "school_street_candidates"),
)

# Subgroups top to bottom: the themes over the raw data, the territory outline underneath as background.
THEME_ORDER = ("cycling", "accessibility", "parking", "schools", "other", "data", "territory")
SKIPPED_TABLES = {"indicators", "layer_styles", "about", "qgis_projects"}
# Points over lines over polygons inside a group, so that nothing hides the rest.
GEOMETRY_ORDER = {ogr.wkbPoint: 0, ogr.wkbMultiPoint: 0, ogr.wkbLineString: 1, ogr.wkbMultiLineString: 1}


def theme_title(theme: str) -> str:
    titles = {
        "territory": tr("Territory"),
        "cycling": tr("Cycling"),
        "accessibility": tr("Walking, transit and accessibility"),
        "parking": tr("Parking"),
        "schools": tr("School mobility"),
        "data": tr("OpenStreetMap data"),
        "other": tr("Other layers"),
    }
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
    key = row.indicator or ""
    for prefix, layer in INDICATOR_LAYER:
        if key.startswith(prefix) and layer_group(layer) == row.theme:
            return layer
    return THEME_MAIN_LAYER.get(row.theme)


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


def add_results(gpkgs: list[str], territory: str, project: Optional[QgsProject] = None) -> QgsLayerTreeGroup:
    """One group "Mobility diagnosis – <territory>" with a subgroup per theme; a previous group of the
    same name is replaced (a re-run shows the new results only). Layers of the first GeoPackage win when
    two carry the same name (the diagnosis over the territory data)."""
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
            layer = QgsVectorLayer(f"{gpkg}|layername={name}", name, "ogr")
            if not layer.isValid():
                continue
            theme = layer_group(name)
            by_theme.setdefault(theme, []).append((GEOMETRY_ORDER.get(geometry_type, 2), layer))
    for theme in THEME_ORDER:
        layers = sorted(by_theme.get(theme, []), key=lambda item: item[0])
        if not layers:
            continue
        subgroup = group.addGroup(theme_title(theme))
        subgroup.setCustomProperty("mobility_diagnosis/theme", theme)
        for _order, layer in layers:
            project.addMapLayer(layer, False)
            subgroup.addLayer(layer)
        if theme == "data":  # raw data: there for reference, off by default
            subgroup.setItemVisibilityChecked(False)
            subgroup.setExpanded(False)
    return group


def find_layer(group: Optional[QgsLayerTreeGroup], name: str):
    if group is None:
        return None
    for node in group.findLayers():
        layer = node.layer()
        if layer is not None and layer.name() == name:
            return layer
    return None
