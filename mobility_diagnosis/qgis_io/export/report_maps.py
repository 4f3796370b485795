"""The report's maps rendered ahead, in QGIS's rendering threads, while Python does other work.

Rendering the maps is most of the PDF export, and it is C++ work that needs no Python: ``diagnose`` starts
each theme's map as soon as that theme's own GeoPackage is written (nothing writes it any more), so the
maps draw while the other themes compute and while the themes are merged and packaged. The pictures then
stand in for the layout's map items in the PDF only (``report.export_report_pdf``); the stored project
keeps live maps. Frames, extents, layer lists, the background and the thinned symbols come from ``report``
and ``map_style``, so the picture is the map the layout would draw.
"""

from __future__ import annotations

import os
from typing import Sequence

from osgeo import ogr
from qgis.core import QgsMapRendererParallelJob, QgsMapSettings, QgsVectorLayer
from qgis.PyQt.QtCore import QSize, Qt
from qgis.PyQt.QtGui import QColor

from ...core.package_text import layer_theme
from ...core.themes import find, report_order
from ..gpkg.diagnosis import SHARED_TABLES, layer_uri, open_readonly
from .map_style import BACKGROUND_PROPERTY, background_layers, fit_for_page
from .report import (
    COVER_MAP,
    REPORT_DPI,
    THEME_MAP,
    cover_layer_names,
    map_extent,
    on_report_map,
    theme_layer_names,
)

MM_PER_INCH = 25.4
# The pictures only travel from here to the layout's picture items: BMP, written and read back as plain
# pixels (an uncompressed PNG still costs 35 ms a map for its checksums and filters; BMP needs no plugin).
PICTURE_FORMAT = "BMP"


class ReportMaps:
    """Map renders under way, by the id the report gives its map items ("map:cover", "map:<theme>")."""

    def __init__(self, folder: str, dpi: float = REPORT_DPI, late: Sequence[str] = (), background: str = ""):
        """``late``: themes whose maps start only when every theme is in (``complete``): drawn while a core
        is free, instead of slowing the themes still being computed. ``background``: the territory
        GeoPackage, whose buildings and streets are drawn under every map (none when it is not there)."""
        self._folder = folder  # where the pictures go
        self._dpi = dpi
        self._late = tuple(late)
        self._waiting: list[tuple] = []  # (key, layer names, frame) of the late maps
        self._layers: dict[str, QgsVectorLayer] = {}  # kept alive while the jobs read them
        self._names: dict[str, list[str]] = {}  # theme → its layer names, in file order
        self._jobs: dict[str, QgsMapRendererParallelJob] = {}
        self._drawn: dict[tuple, QgsMapRendererParallelJob] = {}  # (layers, width, height) → its job
        self._background = background_layers(background)

    def add_theme(self, theme: str, path: str) -> None:
        """Start drawing ``theme``'s page from a GeoPackage that nothing writes any more, the theme's own in
        ``diagnose`` (and the cover, which shows the map of the theme whose row says ``cover_map``)."""
        names = []
        ds = open_readonly(path)
        if ds is None:
            return
        spatial = [
            ds.GetLayer(i).GetName()
            for i in range(ds.GetLayerCount())
            if ds.GetLayer(i).GetGeomType() != ogr.wkbNone
        ]
        ds = None
        for name in spatial:
            if name == "territory":
                if "territory" in self._layers:
                    continue
            elif name in SHARED_TABLES or not on_report_map(name) or layer_theme(name) != theme:
                continue
            layer = QgsVectorLayer(layer_uri(path, name), name, "ogr")  # with its stored default style
            if layer.isValid() and on_report_map(name, layer.featureCount()):
                self._layers[name] = layer
                if name != "territory":
                    names.append(name)
        if "territory" not in self._layers:
            return
        extent = map_extent(self._layers["territory"].extent(), THEME_MAP[2], THEME_MAP[3])
        for name in names:  # the picture's own layer objects: the same style as the layout's
            fit_for_page(self._layers[name], name, extent)
        self._names[theme] = names
        maps = [(f"map:{theme}", theme_layer_names(theme, [*names, "territory"]), THEME_MAP)]
        row = find(theme)
        if row is not None and row.cover_map:
            maps.append(("map:cover", cover_layer_names([*names, "territory"]), COVER_MAP))
        for key, shown, frame in maps:
            if theme in self._late:
                self._waiting.append((key, shown, frame))
            else:
                self._start(key, shown, frame)

    def complete(self) -> None:
        """Every theme is in: start the late maps, and the cover when no theme's map stands for it."""
        for key, shown, frame in self._waiting:
            self._start(key, shown, frame)
        self._waiting.clear()
        if "map:cover" in self._jobs or "territory" not in self._layers:
            return
        ordered = report_order(list(self._names))
        names = ["territory", *[n for t in ordered for n in self._names[t]]]
        self._start("map:cover", cover_layer_names(names), COVER_MAP)

    def _start(self, key: str, shown: Sequence[str], frame: tuple) -> None:
        _, _, width, height = frame
        signature = (tuple(shown), width, height)
        if signature in self._drawn:  # the cover shows the cycling page's map: drawn once
            self._jobs[key] = self._drawn[signature]
            return
        territory = self._layers["territory"]
        layers = [self._layers[n] for n in shown if n in self._layers]
        self._jobs[key] = self._drawn[signature] = self._render(
            layers, territory.crs(), map_extent(territory.extent(), width, height), width, height
        )

    def add_layout_maps(self, layout) -> None:
        """Start the layout's maps that no theme started (the priority map of the actions, made with the
        synthesis; the insets of a large territory): drawn from the layout's own items, over the same
        background."""
        from qgis.core import QgsLayoutItemMap

        for item in layout.items():
            if not isinstance(item, QgsLayoutItemMap) or not item.id() or item.id() in self._jobs:
                continue
            if item.id() in {key for key, _, _ in self._waiting} or not item.layers():
                continue
            size = item.sizeWithUnits()
            # without the layout's own background (``report.draw_background``): the picture draws its own
            layers = [layer for layer in item.layers() if not layer.customProperty(BACKGROUND_PROPERTY)]
            self._jobs[item.id()] = self._render(
                layers, item.crs(), item.extent(), size.width(), size.height()
            )

    def _render(self, layers, crs, extent, width: float, height: float) -> QgsMapRendererParallelJob:
        dpi = self._dpi
        settings = QgsMapSettings()
        settings.setLayers(list(layers) + self._background)
        settings.setDestinationCrs(crs)
        settings.setOutputDpi(dpi)
        settings.setOutputSize(QSize(round(width / MM_PER_INCH * dpi), round(height / MM_PER_INCH * dpi)))
        settings.setExtent(extent)
        settings.setBackgroundColor(QColor(Qt.GlobalColor.white))
        settings.setFlag(QgsMapSettings.Flag.Antialiasing, True)
        settings.setFlag(QgsMapSettings.Flag.DrawLabeling, True)
        # geometries simplified below a pixel, as on the map canvas: the same picture, drawn about 20 % faster
        settings.setFlag(QgsMapSettings.Flag.UseRenderingOptimization, True)
        job = QgsMapRendererParallelJob(settings)
        job.start()
        return job

    def pictures(self, layout=None) -> dict[str, str]:
        """Wait for the renders and save them as picture files; a map that failed is left out (the layout then
        draws it itself). ``layout``: the report, whose maps no theme started are drawn now."""
        self.complete()
        if layout is not None:
            self.add_layout_maps(layout)
        paths, saved = {}, {}
        for key, job in self._jobs.items():
            if id(job) not in saved:
                job.waitForFinished()
                image = job.renderedImage()
                path = os.path.join(self._folder, key.replace(":", "_") + "." + PICTURE_FORMAT.lower())
                # the PDF compresses the picture itself
                saved[id(job)] = path if not image.isNull() and image.save(path, PICTURE_FORMAT) else None
            if saved[id(job)]:
                paths[key] = saved[id(job)]
        self._jobs.clear()
        self._drawn.clear()
        self._layers.clear()
        self._background = []
        return paths

    def cancel(self) -> None:
        self._waiting.clear()
        for job in {id(j): j for j in self._jobs.values()}.values():
            job.cancel()  # blocks until its threads stop
        self._jobs.clear()
        self._drawn.clear()
        self._layers.clear()
        self._background = []
