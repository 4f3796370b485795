"""INSEE's « comparateur de territoires » base online: the newest edition's zip (the address INSEE keeps for
the latest one), downloaded once through QGIS networking and kept in the plugin's cache, read by the same
reader as a file the user gives (``core.census``). It replaces the bundled table of its kind, like a
user's newer file (issue: the profile's references)."""

from __future__ import annotations

from typing import Optional

from qgis.core import QgsFeedback

from ...core.census import CensusFileError, CensusTable, census_from_bytes
from ..net.cache import ResponseCache, default_cache
from ..net.cached import cached_get_or

# INSEE, « Comparateur de territoires » (https://www.insee.fr/fr/statistiques/2521169): the CSV base of every
# commune, its latest edition always at this address (about 3 MB zipped).
DEFAULT_CENSUS_URL = "https://www.insee.fr/fr/statistiques/fichier/2521169/base_cc_comparateur_csv.zip"
QUERY = "census"
TIMEOUT_S = 120.0


class CensusDownloadError(Exception):
    """The census file could not be had; the message says why."""


def fetch_census(
    url: str = DEFAULT_CENSUS_URL,
    *,
    cache: Optional[ResponseCache] = None,
    feedback: Optional[QgsFeedback] = None,
    lang: str = "en",
) -> tuple[bytes, CensusTable]:
    """(the downloaded file, its table). Raises ``Cancelled`` or ``CensusDownloadError``."""
    url = url or DEFAULT_CENSUS_URL
    name = url.rsplit("/", 1)[-1].split("?")[0] or "comparateur"

    def read(body: bytes) -> tuple[bytes, CensusTable]:
        try:
            return body, census_from_bytes(body, name)
        except CensusFileError as exc:
            raise ValueError(str(exc)) from exc

    return cached_get_or(
        url, read, CensusDownloadError, lang, cache=cache if cache is not None else default_cache(), query=QUERY,
        feedback=feedback, timeout_s=TIMEOUT_S, bad_reply=lambda error: CensusDownloadError(f"{url}: {error}"),
    )  # fmt: skip
