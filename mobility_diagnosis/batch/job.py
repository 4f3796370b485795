"""The default per-territory job of ``diagnosemany``: ``diagnose`` on a territory GeoPackage already cut from
the union store (its ``TERRITORY_GPKG`` parameter), into the territory's package folder.
"""

from __future__ import annotations

import os

from ..core.themes import theme_ids
from ..qgis_io.gdal_mode import open_or_none


def _run(alg_id: str, params: dict) -> dict:
    from qgis.core import QgsApplication, QgsProcessingContext, QgsProcessingException, QgsProcessingFeedback

    alg = QgsApplication.processingRegistry().createAlgorithmById(alg_id)
    context = QgsProcessingContext()
    feedback = QgsProcessingFeedback()
    ok, message = alg.checkParameterValues(params, context)
    if not ok:
        raise QgsProcessingException(message)
    if not alg.prepare(params, context, feedback):
        raise QgsProcessingException(f"{alg_id} could not start.")
    return alg.runPrepared(params, context, feedback)


def diagnose_territory(territory_gpkg: str, folder: str, options: dict) -> list:
    """Run the diagnosis of one prepared territory into ``folder``; returns its indicator rows."""
    order = theme_ids()  # diagnose's THEMES enum positions
    themes = list(options.get("themes") or order)
    params = {
        "TERRITORY_GPKG": territory_gpkg,
        "OUTPUT_FOLDER": folder,
        "OVERWRITE": True,
        "THEMES": [order.index(t) for t in themes if t in order],
        "PARALLEL": False,  # the territories already run in parallel: no helper per territory
    }
    if options.get("gtfs"):
        params["GTFS"] = options["gtfs"]
    _run("mobilitydiagnosis:diagnose", params)
    return read_indicators(os.path.join(folder, "diagnosis.gpkg"))


def read_indicators(diagnosis_gpkg: str) -> list:
    """[theme, indicator, label, value, unit] rows of the diagnosis GeoPackage's ``indicators`` table."""
    ds = open_or_none(diagnosis_gpkg)
    if ds is None:
        raise OSError(f"The diagnosis {diagnosis_gpkg} was not written.")
    layer = ds.GetLayerByName("indicators")
    rows = []
    if layer is not None:
        for f in layer:
            value = f.GetField("value")
            rows.append([f.GetField("theme"), f.GetField("indicator"), f.GetField("label") or "",
                         None if value is None else float(value), f.GetField("unit") or ""])  # fmt: skip
    ds = None
    return rows
