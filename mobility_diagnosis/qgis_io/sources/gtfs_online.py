"""The GTFS feed of a French commune, discovered on transport.data.gouv.fr and downloaded once.

The dataset list and the chosen zip go through QGIS networking (``http``: proxy, SSL, cancel) and
the plugin's on-disk cache: a second run of the same commune within the cache's max age makes no
request. The zip is written atomically into the cache folder, so a cut download never leaves a
half file that a later run would take for the feed.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from typing import Any, Optional

from qgis.core import QgsFeedback

from ...core.fetch_errors import Cancelled, FetchError, HttpStatusError
from ...core.gtfs_discovery import DiscoveryError, FeedChoice, choose_feed, insee_code, message
from ...core.sources import is_online_word
from ..atomic import atomic_path
from ..net import http
from ..net.cache import ResponseCache, default_cache
from ..net.cached import cached_get

DEFAULT_API_URL = "https://transport.data.gouv.fr/api/datasets"
ONLINE = "online"  # the GTFS parameter value that asks for discovery
_LIST_QUERY = "datasets"  # cache key of the dataset list (the API takes no query)

_BAD_JSON = {
    "en": "transport.data.gouv.fr ({url}) sent a dataset list that is not valid JSON (cut off?): {error}. "
    "Try again, or give a GTFS zip file.",
    "fr": "transport.data.gouv.fr ({url}) a envoyé une liste de jeux de données JSON invalide (coupée ?) : "
    "{error}. Réessayez, ou donnez un fichier GTFS (.zip).",
}


class GtfsOnlineError(Exception):
    """No feed could be found or downloaded; the message says why and what to do."""


def is_online(value: Optional[str]) -> bool:
    """The one rule for the word that asks for a source's online form (core.sources)."""
    return is_online_word(value)


def _dataset_list(api_url: str, cache: ResponseCache, feedback: Optional[QgsFeedback], lang: str) -> Any:
    """The parsed list; only a reply that parses is cached."""
    return cached_get(
        api_url, json.loads, cache=cache, query=_LIST_QUERY, headers={"Accept": "application/json"},
        feedback=feedback,
        bad_reply=lambda error: GtfsOnlineError(_BAD_JSON.get(lang, _BAD_JSON["en"]).format(url=api_url, error=error)),
    )  # fmt: skip


def zip_path(cache: ResponseCache, url: str) -> str:
    return str(cache.folder / f"gtfs-{hashlib.sha256(url.encode()).hexdigest()[:20]}.zip")


def _download(url: str, cache: ResponseCache, feedback: Optional[QgsFeedback]) -> str:
    target = zip_path(cache, url)
    try:
        fresh = time.time() - os.path.getmtime(target) <= cache.max_age_s
    except OSError:
        fresh = False
    if fresh:
        return target
    reply = http.get(url, feedback=feedback, timeout_s=120.0)
    if not reply.ok:
        raise HttpStatusError(url=url, status=reply.status)
    with atomic_path(target) as tmp, open(tmp, "wb") as f:
        f.write(reply.body)
    return target


def fetch_commune_feed(
    territory_code: str,
    api_url: str = DEFAULT_API_URL,
    cache: Optional[ResponseCache] = None,
    feedback: Optional[QgsFeedback] = None,
    lang: str = "en",
) -> tuple[str, FeedChoice]:
    """Path of the commune's GTFS zip (in the cache folder) and why it was chosen.

    Raises ``Cancelled`` on cancel, ``GtfsOnlineError`` for everything else."""
    if insee_code(territory_code) is None:  # no request for a territory that is not a French commune
        raise GtfsOnlineError(message("code", lang, code=territory_code))
    cache = cache or default_cache()
    try:
        datasets = _dataset_list(api_url, cache, feedback, lang)
        choice = choose_feed(datasets, territory_code, lang=lang)
        return _download(choice.url, cache, feedback), choice
    except Cancelled:
        raise
    except FetchError as error:
        raise GtfsOnlineError(error.message(lang)) from error
    except DiscoveryError as error:
        raise GtfsOnlineError(str(error)) from error
