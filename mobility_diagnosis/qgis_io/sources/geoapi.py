"""Commune outlines from geo.api.gouv.fr, the fallback when OSM has no boundary relation.

Same HTTP helper and cache as Overpass; the base URL is a parameter so that tests point it at a
loopback server.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Optional

from qgis.core import QgsFeedback

from ...core.fetch_errors import BadGeoJson, CommuneOutlineNotFound, HttpStatusError
from ...core.osm_elements import LonLat
from ..net import http
from ..net.cache import ResponseCache, default_cache

DEFAULT_BASE_URL = "https://geo.api.gouv.fr"
TIMEOUT_S = 30.0

Polygon = list[list[LonLat]]  # outer ring then holes


@dataclass(frozen=True)
class CommuneOutline:
    code: str
    name: str
    polygons: list[Polygon]  # lon/lat (WGS 84)
    source_url: str


def commune_outline_url(insee: str, base_url: str = DEFAULT_BASE_URL) -> str:
    return f"{base_url.rstrip('/')}/communes/{insee}?format=geojson&geometry=contour"


def fetch_commune_outline(
    insee: str,
    *,
    base_url: str = DEFAULT_BASE_URL,
    feedback: Optional[QgsFeedback] = None,
    cache: Optional[ResponseCache] = None,
    authcfg: str = "",
) -> CommuneOutline:
    """The official outline of a commune (Licence Ouverte). Raises ``CommuneOutlineNotFound``
    (unknown code), ``BadGeoJson``, or the network failures of ``qgis_io.net.http``."""
    url = commune_outline_url(insee, base_url)
    cache = cache if cache is not None else default_cache()
    entry = cache.get(url, "")
    if entry is not None:
        try:
            return _outline(json.loads(entry.body), insee, url)
        except (ValueError, BadGeoJson):
            pass  # a bad entry is only a miss
    response = http.get(url, timeout_s=TIMEOUT_S, feedback=feedback, authcfg=authcfg)
    if response.status == 404:
        raise CommuneOutlineNotFound(code=insee)
    if not response.ok:
        raise HttpStatusError(url=url, status=response.status)
    try:
        outline = _outline(response.json(), insee, url)
    except ValueError as error:
        raise BadGeoJson(url=url, detail=f"not JSON: {error}") from None
    cache.put(url, "", response.body)
    return outline


def _outline(feature: Any, insee: str, url: str) -> CommuneOutline:
    if not isinstance(feature, dict) or not isinstance(feature.get("geometry"), dict):
        raise BadGeoJson(url=url, detail="no geometry")
    geometry = feature["geometry"]
    kind, coordinates = geometry.get("type"), geometry.get("coordinates")
    if kind == "Polygon":
        raw = [coordinates]
    elif kind == "MultiPolygon":
        raw = coordinates
    else:
        raise BadGeoJson(url=url, detail=f"geometry type {kind!r}")
    try:
        polygons = [[[(float(x), float(y)) for x, y, *_ in ring] for ring in polygon] for polygon in raw]
    except (TypeError, ValueError):
        raise BadGeoJson(url=url, detail="unreadable coordinates") from None
    if not polygons or any(len(polygon[0]) < 4 for polygon in polygons):
        raise BadGeoJson(url=url, detail="empty polygon")
    properties = feature.get("properties") or {}
    return CommuneOutline(
        code=str(properties.get("code") or insee),
        name=str(properties.get("nom") or ""),
        polygons=polygons,
        source_url=url,
    )
