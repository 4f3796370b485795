"""The whole fetch step (resolve, read or download, write the territory GeoPackage), shared by
``fetchterritory`` and ``diagnose``."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from typing import Optional

from qgis.core import QgsProcessingFeedback

from ...core.osm_layers import OSM_LAYERS
from ...core.storage import territory_need
from ..cancel import cancel_check, is_cancelled
from ..gdal_mode import open_or_none
from ..gpkg.territory import (
    Cancelled,
    PreparedTerritory,
    Territory,
    TerritoryFileError,
    WriteStats,
    prepare_territory,
    write_territory_gpkg,
)
from ..storage import StorageError, check_folder
from .osm_file import OsmFile
from .territory_resolver import resolve_territory

ODBL = "ODbL 1.0 (https://opendatacommons.org/licenses/odbl/1-0/)"
OSM_ATTRIBUTION = "© OpenStreetMap contributors"


class FetchError(Exception):
    """A fetch that cannot go on; the message says what happened and what to do."""


@dataclass
class FetchResult:
    output: str
    prepared: PreparedTerritory
    stats: WriteStats
    about: dict


def plugin_version() -> str:
    path = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(__file__))), "metadata.txt")
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("version="):
                return line.split("=", 1)[1].strip()
    return "unknown"


def check_output_path(output: str) -> None:
    """Refuse to replace a file that is not a territory GeoPackage written by this plugin (user data)."""
    if not output.lower().endswith(".gpkg"):
        raise FetchError(
            f"The output {output} must be a GeoPackage (.gpkg). Choose a file name ending in .gpkg."
        )
    if os.path.exists(output):
        ds = open_or_none(output)
        names = {ds.GetLayer(i).GetName() for i in range(ds.GetLayerCount())} if ds is not None else set()
        if not {"territory", "about", "streets"} <= names:
            raise FetchError(
                f"{output} already exists and is not a territory GeoPackage written by this plugin; "
                "it was left untouched. Choose another file name."
            )


def fetch_territory(
    *,
    output: str,
    territory_text: str = "",
    territory: Optional[Territory] = None,
    osm_file: Optional[str] = None,
    overpass_url: Optional[str] = None,
    buffer_m: float = 500.0,
    feedback: Optional[QgsProcessingFeedback] = None,
    lang: str = "en",
) -> FetchResult:
    """Resolve the territory, get its OSM data and write ``output`` atomically."""
    feedback = feedback or QgsProcessingFeedback()
    check_output_path(output)
    folder = os.path.dirname(os.path.abspath(output))
    existing = os.path.getsize(output) if os.path.isfile(output) else 0
    _check_room(folder, territory_need(None, None, existing), lang)  # before any long work
    retrieved_at = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
    if osm_file:
        with OsmFile(osm_file) as source:
            if territory is None:
                feedback.pushInfo(
                    f"Resolving the territory “{territory_text}” from {os.path.basename(osm_file)}…"
                )
                territory = resolve_territory(territory_text, source, lang)
            prepared = prepare_territory(territory, buffer_m)
            _report_territory(prepared, feedback)
            need = territory_need(os.path.getsize(osm_file), _area_km2(prepared), existing)
            _check_room(folder, need, lang)  # before reading the whole file
            feedback.pushInfo(f"Reading {os.path.basename(osm_file)}…")
            elements = source.elements(bbox=prepared.bbox_lonlat, progress=_progress(feedback, 0, 60))
            about = {
                "source": "OpenStreetMap, local file",
                "file": os.path.abspath(osm_file),
                "endpoint": "",
                "osm_timestamp": source.timestamp() or _file_timestamp(osm_file),
                "retrieved_at": retrieved_at,
                "licence": ODBL,
                "attribution": OSM_ATTRIBUTION,
                "plugin_version": plugin_version(),
            }
            stats = _write(output, prepared, elements, about, feedback, need, lang)
    else:
        from .overpass_source import fetch_from_overpass

        territory, prepared, elements, meta = fetch_from_overpass(
            territory_text=territory_text,
            territory=territory,
            overpass_url=overpass_url,
            buffer_m=buffer_m,
            feedback=feedback,
            lang=lang,
        )
        about = {
            "source": "OpenStreetMap, Overpass API",
            "file": "",
            "endpoint": meta.get("endpoint", ""),
            "osm_timestamp": meta.get("osm_base", ""),
            "retrieved_at": meta.get("retrieved_at", retrieved_at),
            "licence": ODBL,
            "attribution": OSM_ATTRIBUTION,
            "plugin_version": plugin_version(),
        }
        need = territory_need(None, _area_km2(prepared), existing)
        stats = _write(output, prepared, elements, about, feedback, need, lang)
    feedback.setProgress(100)
    summary = ", ".join(f"{layer} {stats.counts.get(layer, 0)}" for layer in OSM_LAYERS)
    feedback.pushInfo(f"Wrote {output}: {summary}.")
    if stats.counts.get("streets", 0) == 0:
        feedback.pushWarning("No street was found in the territory: check that the OSM data covers it.")
    return FetchResult(output, prepared, stats, about)


def _write(output, prepared, elements, about, feedback, need: int, lang: str) -> WriteStats:
    try:
        return write_territory_gpkg(
            output, prepared, elements, about, cancelled=cancel_check(feedback), need_bytes=need, lang=lang
        )
    except Cancelled as exc:
        raise FetchError("Cancelled: nothing was written.") from exc
    except (TerritoryFileError, StorageError) as exc:
        raise FetchError(str(exc)) from exc


def _check_room(folder: str, need: int, lang: str) -> None:
    try:
        check_folder(folder, need, lang)
    except StorageError as exc:
        raise FetchError(str(exc)) from exc


def _area_km2(prepared: PreparedTerritory) -> float:
    """The territory plus its buffer, in km² (its metric CRS): what the GeoPackage holds."""
    return prepared.area_of_interest.GetArea() / 1e6


def _report_territory(prepared: PreparedTerritory, feedback) -> None:
    t = prepared.territory
    feedback.pushInfo(
        f"Territory: {t.name} ({t.code}), {prepared.area_km2:.2f} km², outline from {t.source}; "
        f"buffer {prepared.buffer_m:.0f} m; CRS EPSG:{prepared.epsg} ({prepared.crs_name})."
    )


def _progress(feedback, start: float, end: float):
    def report(fraction: float) -> bool:
        feedback.setProgress(start + (end - start) * fraction)
        return is_cancelled(feedback)

    return report


def _file_timestamp(path: str) -> str:
    stamp = dt.datetime.fromtimestamp(os.path.getmtime(path), dt.timezone.utc).replace(microsecond=0)
    return f"not recorded in the file (file dated {stamp.isoformat()})"
