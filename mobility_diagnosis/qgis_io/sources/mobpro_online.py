"""INSEE's national home-to-work flows (« base flux de mobilité domicile-lieu de travail », MOBPRO) online:
the zip INSEE publishes, downloaded once through QGIS networking and kept in the plugin's cache, read as a
stream (``core.commuting.archive_lines``) keeping the territory's rows only.

A reply enters the cache only when it reads (a zip holding the flows table, whole): a cut or damaged
download is never kept, and a cache entry that no longer reads is fetched again.
"""

from __future__ import annotations

import io
import zipfile
from typing import Optional

from qgis.core import QgsFeedback

from ...core import commuting as cm
from ..net.cache import ResponseCache, default_cache
from ..net.cached import cached_get_or

# INSEE, « Mobilités professionnelles en 2022 : déplacements domicile - lieu de travail », base flux de
# mobilité, CSV (https://www.insee.fr/fr/statistiques/8582949): all flows between communes, ~11 MB zipped.
# A newer edition has a page and a file of its own: give its address as MOBPRO_URL.
DEFAULT_MOBPRO_URL = "https://www.insee.fr/fr/statistiques/fichier/8582949/base-flux-mobilite-domicile-lieu-travail-2022_csv.zip"
QUERY = "mobpro"
TIMEOUT_S = 120.0


class FlowsDownloadError(Exception):
    """The flows file could not be had (network, server, a reply that is not the file): the message says
    why, in the user's language."""


def _territory(body: bytes, codes: set[str]) -> list[str]:
    """The header and the rows from or to ``codes`` of a downloaded flows file; ValueError when it is not
    whole or not the flows table (then it is not cached)."""
    if body[:2] == b"PK" and not zipfile.is_zipfile(io.BytesIO(body)):
        raise ValueError("the zip is incomplete (download cut off)")
    try:
        with cm.archive_lines(io.BytesIO(body), "MOBPRO") as lines:
            return list(cm.territory_lines(lines, codes))
    except cm.FlowsFileError as exc:
        raise ValueError(str(exc)) from exc


def fetch_territory_flows(
    codes: set[str],
    url: str = DEFAULT_MOBPRO_URL,
    *,
    cache: Optional[ResponseCache] = None,
    feedback: Optional[QgsFeedback] = None,
    lang: str = "en",
    timeout_s: float = TIMEOUT_S,
) -> list[str]:
    """The header and the rows of the national file from or to ``codes`` (text lines in the official
    layout). Raises ``Cancelled`` on cancel, ``FlowsDownloadError`` otherwise."""
    url = url or DEFAULT_MOBPRO_URL

    def bad(error: ValueError) -> Exception:
        return FlowsDownloadError(f"{url}: {error}")

    return cached_get_or(
        url, lambda body: _territory(body, codes), FlowsDownloadError, lang,
        cache=cache if cache is not None else default_cache(), query=QUERY, bad_reply=bad, feedback=feedback,
        timeout_s=timeout_s,
    )  # fmt: skip
