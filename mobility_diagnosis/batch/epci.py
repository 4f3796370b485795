"""Member communes of an EPCI from geo.api.gouv.fr (the bundled commune list has no EPCI membership).

Same HTTP helper and cache as every online source; the base URL comes from the settings
(``geoapi_url()``) so that tests point it at a loopback server.
"""

from __future__ import annotations

import json
from typing import Optional

from ..qgis_io.net.cache import ResponseCache, default_cache
from ..qgis_io.net.cached import cached_get

TIMEOUT_S = 30.0


def epci_members_url(siren: str, base_url: str) -> str:
    return f"{base_url.rstrip('/')}/epcis/{siren}/communes?fields=code,nom"


def fetch_epci_members(
    siren: str, *, base_url: str, feedback=None, cache: Optional[ResponseCache] = None
) -> list[tuple[str, str]]:
    """[(INSEE code, name)] of the EPCI's communes; [] when geo.api.gouv.fr does not know it (404)."""
    url = epci_members_url(siren, base_url)
    return cached_get(
        url, lambda body: _members(json.loads(body)),
        cache=cache if cache is not None else default_cache(), timeout_s=TIMEOUT_S, feedback=feedback,
        not_found=list,
    )  # fmt: skip


def _members(payload) -> list[tuple[str, str]]:
    return [(str(item["code"]), str(item.get("nom") or "")) for item in payload if item.get("code")]
