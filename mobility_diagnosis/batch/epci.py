"""Member communes of an EPCI from geo.api.gouv.fr (the bundled commune list has no EPCI membership).

Same HTTP helper and cache as every online source; the base URL comes from the settings
(``geoapi_url()``) so that tests point it at a loopback server.
"""

from __future__ import annotations

import json
from typing import Optional

from ..core.fetch_errors import HttpStatusError
from ..qgis_io.net import http
from ..qgis_io.net.cache import ResponseCache, default_cache

TIMEOUT_S = 30.0


def epci_members_url(siren: str, base_url: str) -> str:
    return f"{base_url.rstrip('/')}/epcis/{siren}/communes?fields=code,nom"


def fetch_epci_members(
    siren: str, *, base_url: str, feedback=None, cache: Optional[ResponseCache] = None
) -> list[tuple[str, str]]:
    """[(INSEE code, name)] of the EPCI's communes; [] when geo.api.gouv.fr does not know it (404)."""
    url = epci_members_url(siren, base_url)
    cache = cache if cache is not None else default_cache()
    entry = cache.get(url, "")
    if entry is not None:
        try:
            return _members(json.loads(entry.body))
        except (ValueError, TypeError, KeyError):
            pass  # a bad entry is only a miss
    response = http.get(url, timeout_s=TIMEOUT_S, feedback=feedback)
    if response.status == 404:
        return []
    if not response.ok:
        raise HttpStatusError(url=url, status=response.status)
    members = _members(response.json())
    cache.put(url, "", response.body)
    return members


def _members(payload) -> list[tuple[str, str]]:
    return [(str(item["code"]), str(item.get("nom") or "")) for item in payload if item.get("code")]
