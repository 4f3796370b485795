"""The settings the dock and its dialogs read and write, all under ``mobility_diagnosis/`` (QgsSettings).

Overpass, cache and area settings belong to ``qgis_io.settings`` (the online path reads them); this
module uses it when present and otherwise the same keys, so the dialog and the downloader always agree.
The keys that only the dock and the report use (default buffer, default speeds by road class, report
language, the dock's last choices) live here.
"""

from __future__ import annotations

import os
import shutil
from typing import Optional, Sequence

from qgis.core import QgsApplication, QgsSettings

PREFIX = "mobility_diagnosis/"

# Same defaults as qgis_io.settings (used only when that module is absent).
FALLBACK_ENDPOINTS: tuple[str, ...] = (
    "https://overpass-api.de/api/interpreter",
    "https://overpass.kumi.systems/api/interpreter",
    "https://overpass.private.coffee/api/interpreter",
)
DEFAULT_CACHE_MAX_AGE_DAYS = 7.0
DEFAULT_BUFFER_M = 500.0
REPORT_LANGUAGES = ("auto", "en", "fr")  # auto: the QGIS locale

# Road classes a user may want to override when OSM has no maxspeed tag. Values: km/h assumed by the
# cycling and school themes (core/speeds.py: French Code de la route R413-2 / R110-2 defaults).
# An empty override (0) keeps the built-in table.
ROAD_CLASSES: tuple[tuple[str, float], ...] = (
    ("primary", 80.0),
    ("secondary", 80.0),
    ("tertiary", 50.0),
    ("unclassified", 50.0),
    ("residential", 50.0),
    ("living_street", 20.0),
    ("service", 30.0),
)


def _io_settings():
    try:
        from ..qgis_io import settings
    except ImportError:
        return None
    return settings


def _value(key: str, default, kind):
    value = QgsSettings().value(PREFIX + key, default)
    if value is None or value == "":
        return default
    try:
        return kind(value)
    except (TypeError, ValueError):
        return default


def _set(key: str, value) -> None:
    QgsSettings().setValue(PREFIX + key, value)


# -- Overpass and cache (owned by qgis_io.settings when it exists)
def overpass_endpoints() -> tuple[str, ...]:
    io = _io_settings()
    if io is not None:
        return tuple(io.overpass_endpoints())
    value = QgsSettings().value(PREFIX + "overpass/endpoints", list(FALLBACK_ENDPOINTS))
    if isinstance(value, str):
        value = [value]
    endpoints = tuple(str(v).strip() for v in (value or []) if str(v).strip())
    return endpoints or FALLBACK_ENDPOINTS


def set_overpass_endpoints(endpoints: Sequence[str]) -> None:
    io = _io_settings()
    cleaned = [e.strip() for e in endpoints if e.strip()]
    if io is not None:
        io.set_overpass_endpoints(cleaned)
    else:
        _set("overpass/endpoints", cleaned)


def default_cache_folder() -> str:
    io = _io_settings()
    if io is not None:
        return io.default_cache_folder()
    return os.path.join(QgsApplication.qgisSettingsDirPath(), "cache", "mobility_diagnosis")


def cache_folder() -> str:
    io = _io_settings()
    if io is not None:
        return io.cache_folder()
    return _value("cache/folder", "", str) or default_cache_folder()


def set_cache_folder(folder: Optional[str]) -> None:
    io = _io_settings()
    if io is not None:
        io.set_cache_folder(folder)
    else:
        _set("cache/folder", folder or "")


def cache_max_age_days() -> float:
    io = _io_settings()
    if io is not None:
        return io.cache_max_age_days()
    return max(0.0, _value("cache/max_age_days", DEFAULT_CACHE_MAX_AGE_DAYS, float))


def set_cache_max_age_days(days: float) -> None:
    io = _io_settings()
    if io is not None:
        io.set_cache_max_age_days(days)
    else:
        _set("cache/max_age_days", float(days))


def clear_cache() -> int:
    """Delete the downloaded replies; returns how many files went. Other files in the folder stay."""
    try:
        from ..qgis_io.cache import default_cache
    except ImportError:
        default_cache = None
    if default_cache is not None:
        return default_cache().clear()
    folder = cache_folder()
    removed = 0
    if os.path.isdir(folder):
        for name in os.listdir(folder):
            if name.endswith(".cache.gz"):
                os.remove(os.path.join(folder, name))
                removed += 1
    return removed


# -- Dock and report settings
def default_buffer_m() -> float:
    return max(0.0, _value("defaults/buffer_m", DEFAULT_BUFFER_M, float))


def set_default_buffer_m(metres: float) -> None:
    _set("defaults/buffer_m", float(metres))


def speed_overrides() -> dict[str, float]:
    """Road class → km/h chosen by the user; classes left at 0 are not listed (built-in default)."""
    found = {}
    for road_class, _default in ROAD_CLASSES:
        value = _value(f"speeds/{road_class}", 0.0, float)
        if value > 0:
            found[road_class] = value
    return found


def set_speed_overrides(speeds: dict[str, float]) -> None:
    for road_class, _default in ROAD_CLASSES:
        value = float(speeds.get(road_class, 0.0) or 0.0)
        if value > 0:
            _set(f"speeds/{road_class}", value)
        else:
            QgsSettings().remove(PREFIX + f"speeds/{road_class}")


def report_language() -> str:
    value = _value("report/language", "auto", str)
    return value if value in REPORT_LANGUAGES else "auto"


def set_report_language(language: str) -> None:
    _set("report/language", language if language in REPORT_LANGUAGES else "auto")


def dock_value(key: str, default=""):
    return _value(f"dock/{key}", default, type(default))


def set_dock_value(key: str, value) -> None:
    _set(f"dock/{key}", value)


def remove_tree(path: str) -> None:
    """Remove a folder the dock created (a cancelled run's staging folder)."""
    shutil.rmtree(path, ignore_errors=True)
