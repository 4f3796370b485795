"""The report's maps rendered ahead, in QGIS's rendering threads, while Python does other work.

Rendering the maps is most of the PDF export, and it is C++ work that needs no Python: ``diagnose`` starts
it as soon as the themes are computed, from the themes' own GeoPackages (which nothing writes any more),
and meanwhile merges the themes, writes the metadata and builds the project. The pictures then stand in
for the layout's map items in the PDF only (``report.export_report_pdf``); the stored project keeps live
maps. Frames, extents and layer lists come from ``report`` itself, so the picture is the map the layout
would draw.
"""

from __future__ import annotations

import os
from typing import Optional

from qgis.core import QgsMapRendererParallelJob, QgsMapSettings, QgsVectorLayer
from qgis.PyQt.QtCore import QSize, Qt
from qgis.PyQt.QtGui import QColor

from .report import COVER_MAP, REPORT_DPI, THEME_MAP, cover_layer_names, map_extent, theme_layer_names

MM_PER_INCH = 25.4


class ReportMaps:
    """Map renders under way, by the id the report gives its map items ("map:cover", "map:<theme>")."""

    def __init__(
        self, layers: dict[str, QgsVectorLayer], jobs: dict[str, QgsMapRendererParallelJob], folder: str
    ):
        self._layers = layers  # kept alive while the jobs read them
        self._jobs = jobs
        self._folder = folder

    @classmethod
    def start(
        cls, themes: list[str], sources: dict[str, str], folder: str, dpi: float = REPORT_DPI
    ) -> Optional[ReportMaps]:
        """``sources``: layer name → GeoPackage layer URI, every layer of the diagnosis including ``territory``
        (in the diagnosis's order); the pictures go to ``folder``. None when there is nothing to draw ahead
        (no territory)."""
        layers = {}
        for name, uri in sources.items():
            layer = QgsVectorLayer(uri, name, "ogr")  # loads the default style stored with the layer
            if layer.isValid():
                layers[name] = layer
        if "territory" not in layers:
            return None
        names = list(layers)
        territory = layers["territory"].extent()
        maps = {"map:cover": (cover_layer_names(names), COVER_MAP)}
        for theme in themes:
            maps[f"map:{theme}"] = (theme_layer_names(theme, names), THEME_MAP)
        jobs, same = {}, {}
        for key, (shown, (_, _, width, height)) in maps.items():
            signature = (tuple(shown), width, height)
            if signature in same:  # the cover shows the cycling page's map: drawn once
                jobs[key] = same[signature]
                continue
            settings = QgsMapSettings()
            settings.setLayers([layers[n] for n in shown])
            settings.setDestinationCrs(layers["territory"].crs())
            settings.setOutputDpi(dpi)
            settings.setOutputSize(QSize(round(width / MM_PER_INCH * dpi), round(height / MM_PER_INCH * dpi)))
            settings.setExtent(map_extent(territory, width, height))
            settings.setBackgroundColor(QColor(Qt.GlobalColor.white))
            settings.setFlag(QgsMapSettings.Antialiasing, True)
            settings.setFlag(QgsMapSettings.DrawLabeling, True)
            job = QgsMapRendererParallelJob(settings)
            job.start()
            jobs[key] = same[signature] = job
        return cls(layers, jobs, folder)

    def pictures(self) -> dict[str, str]:
        """Wait for the renders and save them as PNG files; a map that failed is left out (the layout then
        draws it itself)."""
        paths, saved = {}, {}
        for key, job in self._jobs.items():
            if id(job) not in saved:
                job.waitForFinished()
                image = job.renderedImage()
                path = os.path.join(self._folder, key.replace(":", "_") + ".png")
                saved[id(job)] = path if not image.isNull() and image.save(path, "PNG") else None
            if saved[id(job)]:
                paths[key] = saved[id(job)]
        self._jobs.clear()
        self._layers.clear()
        return paths

    def cancel(self) -> None:
        for job in {id(j): j for j in self._jobs.values()}.values():
            job.cancel()  # blocks until its threads stop
        self._jobs.clear()
        self._layers.clear()
