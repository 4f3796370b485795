"""The settings the dock and its dialogs read and write, all under ``mobility_diagnosis/`` (QgsSettings).

Everything an algorithm reads lives in ``qgis_io.settings`` (so the dialog and the downloader always
agree); only the road classes the dialog offers and the dock's last choices are kept here.
"""

from __future__ import annotations

import shutil

from ..qgis_io import settings as io_settings
from ..qgis_io.net.cache import default_cache

FALLBACK_ENDPOINTS = io_settings.DEFAULT_ENDPOINTS
DEFAULT_CACHE_MAX_AGE_DAYS = io_settings.DEFAULT_CACHE_MAX_AGE_DAYS
DEFAULT_MAX_AREA_KM2 = io_settings.DEFAULT_MAX_AREA_KM2
DEFAULT_RETRIES = io_settings.DEFAULT_RETRIES
DEFAULT_BUFFER_M = io_settings.DEFAULT_BUFFER_M
REPORT_LANGUAGES = io_settings.REPORT_LANGUAGES

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


_value = io_settings.plugin_value  # one accessor for every setting of the plugin
_set = io_settings.set_plugin_value


# -- Overpass and cache
overpass_endpoints = io_settings.overpass_endpoints
set_overpass_endpoints = io_settings.set_overpass_endpoints
default_cache_folder = io_settings.default_cache_folder
cache_folder = io_settings.cache_folder
set_cache_folder = io_settings.set_cache_folder
cache_max_age_days = io_settings.cache_max_age_days
set_cache_max_age_days = io_settings.set_cache_max_age_days
max_area_km2 = io_settings.max_area_km2
set_max_area_km2 = io_settings.set_max_area_km2
overpass_retries = io_settings.overpass_retries
set_overpass_retries = io_settings.set_overpass_retries


def clear_cache() -> int:
    """Delete the downloaded replies; returns how many files went. Other files in the folder stay."""
    return default_cache().clear()


# -- Analysis and report defaults (qgis_io.settings, which the algorithms read)
def default_buffer_m() -> float:
    return io_settings.default_buffer_m()


def set_default_buffer_m(metres: float) -> None:
    io_settings.set_default_buffer_m(metres)


def speed_overrides() -> dict[str, float]:
    """Road class → km/h chosen by the user; classes left at 0 are not listed (built-in default)."""
    return io_settings.speed_overrides([road_class for road_class, _default in ROAD_CLASSES])


def set_speed_overrides(speeds: dict[str, float]) -> None:
    for road_class, _default in ROAD_CLASSES:
        io_settings.set_speed_override(road_class, float(speeds.get(road_class, 0.0) or 0.0))


def report_language() -> str:
    return io_settings.report_language()


def set_report_language(language: str) -> None:
    io_settings.set_report_language(language)


def dock_value(key: str, default=""):
    return _value(f"dock/{key}", default, type(default))


def set_dock_value(key: str, value) -> None:
    _set(f"dock/{key}", value)


def remove_tree(path: str) -> None:
    """Remove a folder the dock created (a cancelled run's staging folder)."""
    shutil.rmtree(path, ignore_errors=True)
