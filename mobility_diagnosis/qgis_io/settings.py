"""The plugin's settings, all under ``mobility_diagnosis/`` in the QGIS profile (QgsSettings).

Small typed getters and setters for the dock and the Processing options; ``overpass_settings()``
takes one snapshot for a download, so that a run does not change its mind half-way.
"""

from __future__ import annotations

import contextlib
import os
import threading
from dataclasses import dataclass
from typing import Optional, Sequence

from qgis.core import QgsApplication, QgsSettings

from ..core.speeds import SpeedOverrides, overrides_key, road_classes

PREFIX = "mobility_diagnosis/"

# Public Overpass instances (OSM wiki, Overpass_API#Public_Overpass_API_instances). Tried in this
# order, one after the other, never in parallel: the servers ask for that courtesy.
DEFAULT_ENDPOINTS: tuple[str, ...] = (
    "https://overpass-api.de/api/interpreter",
    "https://overpass.kumi.systems/api/interpreter",
    "https://overpass.private.coffee/api/interpreter",
)
DEFAULT_CACHE_MAX_AGE_DAYS = 7.0
DEFAULT_MAX_AREA_KM2 = 400.0  # a large commune is ~100-200 km²; beyond, a local extract is kinder
DEFAULT_RETRIES = 3
DEFAULT_TIMEOUT_S = 180  # Overpass [timeout:]; the HTTP wait is a little longer
DEFAULT_MAXSIZE_MB = 512
DEFAULT_MAX_WAIT_S = 120.0  # longest single pause asked by a busy server before giving up on it


@dataclass(frozen=True)
class OverpassSettings:
    endpoints: tuple[str, ...] = DEFAULT_ENDPOINTS
    retries: int = DEFAULT_RETRIES
    timeout_s: int = DEFAULT_TIMEOUT_S
    maxsize_mb: int = DEFAULT_MAXSIZE_MB
    max_area_km2: float = DEFAULT_MAX_AREA_KM2
    max_wait_s: float = DEFAULT_MAX_WAIT_S
    http_margin_s: float = 30.0  # the server stops at timeout_s, then needs time to say so

    @property
    def http_timeout_s(self) -> float:
        return float(self.timeout_s) + self.http_margin_s


def _settings() -> QgsSettings:
    return QgsSettings()


def _get(key: str, default, kind):
    value = _settings().value(PREFIX + key, default)
    if value is None or value == "":
        return default
    try:
        return kind(value)
    except (TypeError, ValueError):
        return default


def _set(key: str, value) -> None:
    _settings().setValue(PREFIX + key, value)


def plugin_value(key: str, default, kind):
    """A setting under the plugin's prefix, as ``kind``, ``default`` when unset or unreadable (the dock's too)."""
    return _get(key, default, kind)


def set_plugin_value(key: str, value) -> None:
    _set(key, value)


def overpass_endpoints() -> tuple[str, ...]:
    value = _settings().value(PREFIX + "overpass/endpoints", list(DEFAULT_ENDPOINTS))
    if isinstance(value, str):  # QSettings gives a lone string for a one-item list
        value = [value]
    endpoints = tuple(str(v).strip() for v in (value or []) if str(v).strip())
    return endpoints or DEFAULT_ENDPOINTS


def set_overpass_endpoints(endpoints: Sequence[str]) -> None:
    _set("overpass/endpoints", [e.strip() for e in endpoints if e.strip()])


def overpass_retries() -> int:
    return max(0, _get("overpass/retries", DEFAULT_RETRIES, int))


def set_overpass_retries(retries: int) -> None:
    _set("overpass/retries", int(retries))


def overpass_timeout_s() -> int:
    return max(10, _get("overpass/timeout_s", DEFAULT_TIMEOUT_S, int))


def set_overpass_timeout_s(seconds: int) -> None:
    _set("overpass/timeout_s", int(seconds))


def overpass_maxsize_mb() -> int:
    return max(16, _get("overpass/maxsize_mb", DEFAULT_MAXSIZE_MB, int))


def set_overpass_maxsize_mb(megabytes: int) -> None:
    _set("overpass/maxsize_mb", int(megabytes))


def max_area_km2() -> float:
    return max(0.0, _get("overpass/max_area_km2", DEFAULT_MAX_AREA_KM2, float))


def set_max_area_km2(km2: float) -> None:
    _set("overpass/max_area_km2", float(km2))


def default_cache_folder() -> str:
    return os.path.join(QgsApplication.qgisSettingsDirPath(), "cache", "mobility_diagnosis")


def cache_folder() -> str:
    return _get("cache/folder", "", str) or default_cache_folder()


def set_cache_folder(folder: Optional[str]) -> None:
    """An empty folder means the default one in the QGIS profile."""
    _set("cache/folder", folder or "")


def cache_max_age_days() -> float:
    return max(0.0, _get("cache/max_age_days", DEFAULT_CACHE_MAX_AGE_DAYS, float))


def set_cache_max_age_days(days: float) -> None:
    _set("cache/max_age_days", float(days))


def overpass_settings() -> OverpassSettings:
    return OverpassSettings(
        endpoints=overpass_endpoints(),
        retries=overpass_retries(),
        timeout_s=overpass_timeout_s(),
        maxsize_mb=overpass_maxsize_mb(),
        max_area_km2=max_area_km2(),
    )


def reset() -> None:
    """Forget every plugin setting (back to the defaults)."""
    settings = _settings()
    settings.remove(PREFIX.rstrip("/"))


DEFAULT_GEOAPI_URL = "https://geo.api.gouv.fr"


def geoapi_url() -> str:
    """Base URL of the French communes API (outline fallback); tests point it at a loopback server."""
    return _get("geoapi/base_url", DEFAULT_GEOAPI_URL, str)


def set_geoapi_url(url: Optional[str]) -> None:
    _set("geoapi/base_url", url or "")


# -- Analysis defaults chosen in the dock's settings dialog (read by the algorithms and the report)
DEFAULT_BUFFER_M = 500.0
REPORT_LANGUAGES = ("auto", "en", "fr")  # auto: the QGIS locale


def default_buffer_m() -> float:
    return max(0.0, _get("defaults/buffer_m", DEFAULT_BUFFER_M, float))


def set_default_buffer_m(metres: float) -> None:
    _set("defaults/buffer_m", float(metres))


def speed_overrides(road_classes: Sequence[str]) -> dict[str, float]:
    """Road class → km/h the user chose for streets without a maxspeed tag; unset classes are absent
    (the built-in table of core/speeds.py applies)."""
    found = {}
    for road_class in road_classes:
        value = _get(f"speeds/{road_class}", 0.0, float)
        if value > 0:
            found[road_class] = value
    return found


_given = threading.local()  # the snapshot handed to what runs inside ``given_speed_overrides``


def speed_overrides_for_run() -> SpeedOverrides:
    """One snapshot of the user's default speeds for a whole run, hashable for the LTS memo; every
    road class of core/speeds.py's tables is read, unset ones are absent. Inside
    ``given_speed_overrides`` (a job of diagnose's helper process), the snapshot it was handed."""
    given = getattr(_given, "speeds", None)
    if given is not None:
        return given
    return overrides_key(speed_overrides(road_classes()))


@contextlib.contextmanager
def given_speed_overrides(snapshot: SpeedOverrides):
    """The themes run inside use ``snapshot`` (taken by the caller, handed with the job) instead of this
    process's settings, which may be another profile's; on this thread only, for this job only."""
    previous = getattr(_given, "speeds", None)
    _given.speeds = tuple(tuple(item) for item in snapshot)
    try:
        yield
    finally:
        _given.speeds = previous


def set_speed_override(road_class: str, kmh: Optional[float]) -> None:
    if kmh and kmh > 0:
        _set(f"speeds/{road_class}", float(kmh))
    else:
        _settings().remove(PREFIX + f"speeds/{road_class}")


def report_language() -> str:
    """'en' or 'fr' for the report; 'auto' follows the QGIS locale (i18n.user_language())."""
    value = _get("report/language", "auto", str)
    return value if value in REPORT_LANGUAGES else "auto"


def set_report_language(language: str) -> None:
    _set("report/language", language if language in REPORT_LANGUAGES else "auto")


# -- Sources (core.sources): diagnose's "auto" mode is online unless the plugin is set to work offline
OFFLINE_ENV = "MOBILITY_DIAGNOSIS_OFFLINE"  # "1": work offline whatever the profile says (tests, kiosks)


def sources_offline() -> bool:
    """True when "auto" sources must not go online: the setting (a workshop without network), or the
    environment variable (the test suite, which never reaches the internet)."""
    if os.environ.get(OFFLINE_ENV, "").strip() not in ("", "0"):
        return True
    return _get("sources/offline", False, _bool)


def set_sources_offline(offline: bool) -> None:
    _set("sources/offline", bool(offline))


def auto_timeout_s() -> float:
    """How long a source had in "auto" mode may stay silent before it is left (core.sources.AUTO_TIMEOUT_S
    unless set: an advanced setting, and the tests' way to wait less)."""
    from ..core.sources import AUTO_TIMEOUT_S

    value = _get("sources/auto_timeout_s", AUTO_TIMEOUT_S, float)
    return value if value > 0 else AUTO_TIMEOUT_S


def set_auto_timeout_s(seconds: Optional[float]) -> None:
    """None: back to the default."""
    if seconds is None:
        _settings().remove(PREFIX + "sources/auto_timeout_s")
    else:
        _set("sources/auto_timeout_s", float(seconds))


def _bool(value) -> bool:
    return str(value).strip().lower() in ("1", "true", "yes")
