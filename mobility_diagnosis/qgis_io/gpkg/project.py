"""The QGIS project ``diagnosis`` stored inside the diagnosis GeoPackage.

Layers are grouped by theme, styled from ``layer_styles`` (their default style, loaded when a GeoPackage
layer opens) and point at the GeoPackage with a path relative to it, so the project opens with nothing
else on disk (*Project › Open From › GeoPackage*), wherever the file is moved.
"""

from __future__ import annotations

from typing import Optional, Sequence

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsLayerTreeGroup,
    QgsProject,
    QgsRectangle,
    QgsReferencedRectangle,
    QgsVectorLayer,
)

from ...core.package_text import layer_text, layer_theme, theme_title
from ...core.themes import first_shown, theme_ids
from ..export.legend_labels import localize_legend
from ..export.package_gpkg import Diagnosis, PackageError, map_layers

PROJECT_NAME = "diagnosis"
OTHER_TITLE = {"en": "Other layers", "fr": "Autres couches"}
# Draw order inside a group: points over lines over polygons.
_GEOMETRY_ORDER = {0: 0, 1: 1, 2: 2}


def project_uri(gpkg: str, name: str = PROJECT_NAME) -> str:
    return f"geopackage:{gpkg}?projectName={name}"


def open_layer(gpkg: str, layer: str, title: Optional[str] = None) -> QgsVectorLayer:
    vl = QgsVectorLayer(f"{gpkg}|layername={layer}", title or layer, "ogr")
    if not vl.isValid():
        raise PackageError(f"The layer {layer} of {gpkg} cannot be opened; the file may be damaged.")
    return vl


def build_project(
    diagnosis: Diagnosis,
    gpkg: str,
    lang: str,
    project: Optional[QgsProject] = None,
    opened: Optional[dict[str, QgsVectorLayer]] = None,
) -> tuple[QgsProject, dict[str, QgsVectorLayer]]:
    """A project (not the user's current one) with the diagnosis layers grouped by theme; ``project`` and
    ``opened``: a project begun with ``new_project`` and the layers already opened into it (``diagnose``
    opens each theme's as it ends).

    Group order top to bottom: the themes, then the territory at the bottom so it never hides them.
    """
    project = project if project is not None else new_project(diagnosis, lang)
    layers = dict(opened or {})
    open_layers(project, layers, gpkg, map_layers(diagnosis), lang)
    layers = {name: layers[name] for name in map_layers(diagnosis)}  # file order
    root = project.layerTreeRoot()
    ordered_themes = [*theme_ids(), "other", "territory"]
    # the project opens on one theme; the others wait in their groups, unchecked
    shown = first_shown(layer_theme(n) for n in layers)
    for theme in ordered_themes:
        names = [n for n in layers if layer_theme(n) == theme]
        if not names:
            continue
        title = theme_title(theme, lang) if theme != "other" else OTHER_TITLE.get(lang, OTHER_TITLE["en"])
        group: QgsLayerTreeGroup = root.addGroup(title)
        names.sort(key=lambda n: _GEOMETRY_ORDER.get(int(layers[n].geometryType()), 3))
        for name in names:
            group.addLayer(layers[name])
        if theme in theme_ids() and theme != shown:
            group.setItemVisibilityChecked(False)
            group.setExpanded(False)
    if "indicators" in diagnosis.tables:
        table = QgsVectorLayer(f"{gpkg}|layername=indicators", "indicators", "ogr")
        if table.isValid():
            project.addMapLayer(table, False)
            root.addLayer(table)
    extent = territory_extent(layers)
    crs = QgsCoordinateReferenceSystem.fromWkt(diagnosis.crs_wkt) if diagnosis.crs_wkt else None
    if extent is not None and crs is not None and crs.isValid():
        project.viewSettings().setDefaultViewExtent(QgsReferencedRectangle(extent, crs))
    return project, layers


def new_project(diagnosis: Diagnosis, lang: str) -> QgsProject:
    """An empty project with the diagnosis's title and CRS, storing paths relative to the GeoPackage."""
    project = QgsProject()
    project.setTitle(f"{theme_title('territory', lang)} — {diagnosis.territory_name}")
    project.writeEntryBool("Paths", "/Absolute", False)
    crs = QgsCoordinateReferenceSystem.fromWkt(diagnosis.crs_wkt) if diagnosis.crs_wkt else None
    if crs is not None and crs.isValid():
        project.setCrs(crs)
    return project


def open_layers(
    project: QgsProject, layers: dict[str, QgsVectorLayer], gpkg: str, names: Sequence[str], lang: str
) -> None:
    """Open the layers of ``names`` not in ``layers`` yet, with their default style, into ``project`` (the
    layer tree is made by ``build_project``) and ``layers``."""
    for name in names:
        if name not in layers:
            layers[name] = open_layer(gpkg, name, layer_text(name, lang)[0])
            localize_legend(layers[name], lang)
            project.addMapLayer(layers[name], False)


def territory_extent(layers: dict[str, QgsVectorLayer]) -> Optional[QgsRectangle]:
    source = layers.get("territory")
    if source is None and layers:
        source = next(iter(layers.values()))
    if source is None:
        return None
    extent = QgsRectangle(source.extent())
    extent.scale(1.05)
    return extent


def store_project(project: QgsProject, gpkg: str, name: str = PROJECT_NAME) -> None:
    """Write ``project`` into ``gpkg`` (table ``qgis_projects``), replacing a project of the same name."""
    project.setFileName(project_uri(gpkg, name))
    if not project.write():
        raise PackageError(
            f"The QGIS project could not be stored in {gpkg}: {project.error() or 'unknown error'}. "
            "Check that the file is writable."
        )
