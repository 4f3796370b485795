"""The default per-territory job of ``diagnosemany``: ``diagnose`` on a territory GeoPackage already cut from
the union store (its ``TERRITORY_GPKG`` parameter), into the territory's package folder.

When this version's ``diagnose`` cannot take a prepared territory, the themes that are installed run one by
one into ``diagnosis.gpkg`` (a package without the report), so the comparison still works.
"""

from __future__ import annotations

import os

from .gdal_mode import open_or_none

THEMES = ("cycling", "accessibility", "parking", "schools")


def _algorithm(alg_id: str):
    from qgis.core import QgsApplication

    return QgsApplication.processingRegistry().algorithmById(alg_id)


def _run(alg_id: str, params: dict) -> dict:
    from qgis.core import QgsProcessingContext, QgsProcessingException, QgsProcessingFeedback

    alg = _algorithm(alg_id).create()
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
    themes = list(options.get("themes") or THEMES)
    diagnose = _algorithm("mobilitydiagnosis:diagnose")
    if diagnose is not None and diagnose.parameterDefinition("TERRITORY_GPKG") is not None:
        params = {"TERRITORY_GPKG": territory_gpkg, "OUTPUT_FOLDER": folder, "OVERWRITE": True}
        theme_param = diagnose.parameterDefinition("THEMES")
        if theme_param is not None:
            from ..processing.diagnose import THEMES as ORDER

            params["THEMES"] = [ORDER.index(t) for t in themes if t in ORDER]
        if options.get("gtfs") and diagnose.parameterDefinition("GTFS") is not None:
            params["GTFS"] = options["gtfs"]
        if diagnose.parameterDefinition("PARALLEL") is not None:
            params["PARALLEL"] = False  # the territories already run in parallel: no helper per territory
        _run("mobilitydiagnosis:diagnose", params)
    else:
        _themes_only(territory_gpkg, folder, themes, options)
    return read_indicators(os.path.join(folder, "diagnosis.gpkg"))


def _themes_only(territory_gpkg: str, folder: str, themes, options: dict) -> None:
    os.makedirs(folder, exist_ok=True)
    output = os.path.join(folder, "diagnosis.gpkg")
    for path in (output, output + "-wal", output + "-shm"):
        if os.path.exists(path):
            os.remove(path)  # an incomplete folder from an earlier run
    available = [t for t in themes if _algorithm(f"mobilitydiagnosis:{t}") is not None]
    if not available:
        raise ValueError(
            "No theme algorithm is installed in this version of the plugin, so there is nothing to compute."
        )
    for theme in available:
        params = {"INPUT": territory_gpkg, "OUTPUT": output}
        if theme == "accessibility" and options.get("gtfs"):
            params["GTFS"] = options["gtfs"]
        _run(f"mobilitydiagnosis:{theme}", params)


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
