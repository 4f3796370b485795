"""The centres of the communes a territory's flows name, from geo.api.gouv.fr (its ``centre``: a point
inside the commune, WGS 84), one cached request per département, so that the commuting theme draws its
flow lines with no commune layer. The base address is the plugin's geo.api.gouv.fr setting (tests point it
at loopback), as for the commune outlines (``geoapi.py``).
"""

from __future__ import annotations

import json
from typing import Iterable, Optional
from urllib.parse import urlencode

from qgis.core import QgsFeedback

from ...core.census import departement_of
from ...core.commuting import centres_from_reply
from ..net.cache import ResponseCache, default_cache
from ..net.cached import cached_get_or
from .geoapi import DEFAULT_BASE_URL, TIMEOUT_S

QUERY = "commune-centres"
# municipal arrondissements too: MOBPRO codes Paris, Lyon and Marseille by arrondissement
TYPES = "commune-actuelle,arrondissement-municipal"


class CentresUnavailable(Exception):
    """geo.api.gouv.fr could not give the centres; the message says why."""


def centres_url(departement: str, base_url: str = DEFAULT_BASE_URL) -> str:
    query = urlencode(
        {"codeDepartement": departement, "type": TYPES, "fields": "code,nom,centre", "format": "json"}
    )
    return f"{(base_url or DEFAULT_BASE_URL).rstrip('/')}/communes?{query}"


def fetch_centres(
    codes: Iterable[str],
    base_url: str = DEFAULT_BASE_URL,
    *,
    cache: Optional[ResponseCache] = None,
    feedback: Optional[QgsFeedback] = None,
    lang: str = "en",
) -> tuple[dict[str, tuple[float, float]], dict[str, str]]:
    """(code → (lon, lat), code → name) of the ``codes`` geo.api.gouv.fr knows (a département it does not
    know, such as a place of work abroad, gives nothing). Raises ``Cancelled`` or ``CentresUnavailable``."""
    wanted = {code.upper() for code in codes}
    cache = cache if cache is not None else default_cache()
    centres: dict[str, tuple[float, float]] = {}
    names: dict[str, str] = {}
    for departement in sorted({departement_of(code) for code in wanted}):
        url = centres_url(departement, base_url)

        def read(body: bytes) -> list:
            data = json.loads(body)
            centres_from_reply(data)  # raises ValueError: not a list of communes
            return data

        data = cached_get_or(
            url, read, CentresUnavailable, lang, cache=cache, query=QUERY, not_found=list, feedback=feedback,
            timeout_s=TIMEOUT_S, bad_reply=lambda error, url=url: CentresUnavailable(f"{url}: {error}"),
        )  # fmt: skip
        found = centres_from_reply(data)
        centres.update({code: xy for code, xy in found.items() if code in wanted})
        names.update({str(i.get("code")): str(i.get("nom") or "") for i in data if isinstance(i, dict)})
    return centres, {code: names.get(code, "") for code in centres}
