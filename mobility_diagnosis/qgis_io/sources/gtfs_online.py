"""The GTFS feeds of a French commune, discovered on transport.data.gouv.fr and downloaded once.

The dataset list and each chosen zip go through QGIS networking (``http``: proxy, SSL, cancel) and
the plugin's on-disk cache: a second run of the same commune within the cache's max age makes no
request. Each zip is written atomically into the cache folder, so a cut download never leaves a
half file that a later run would take for a feed. The commune's feeds are then gathered in one folder
(``gtfs-feeds-<code>``, each named after its dataset), the GTFS input the accessibility theme reads.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from qgis.core import QgsFeedback

from ...core.fetch_errors import Cancelled, FetchError, HttpStatusError
from ...core.gtfs_discovery import (
    DiscoveryError,
    FeedChoice,
    choose_feeds,
    insee_code,
    message,
    territory_areas,
)
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


@dataclass
class CommuneFeeds:
    """The folder holding the commune's feeds (one zip per dataset, named by ``FeedChoice.key``), the
    feeds in it, and the ones that could not be downloaded (why, in words)."""

    folder: str
    feeds: list = field(default_factory=list)  # FeedChoice
    failed: list = field(default_factory=list)  # str


def commune_areas(code: str) -> set:
    """The commune, its department and its region (the bundled commune list), as datasets name them."""
    from ..osm.territory_resolver import commune_index

    try:
        commune = commune_index().by_code.get(code.upper())
    except OSError:
        commune = None
    return territory_areas(code, commune.departement if commune else "", commune.region if commune else "")


def fetch_commune_feeds(
    territory_code: str,
    api_url: str = DEFAULT_API_URL,
    cache: Optional[ResponseCache] = None,
    feedback: Optional[QgsFeedback] = None,
    lang: str = "en",
) -> CommuneFeeds:
    """Every GTFS feed of the access point covering the commune, downloaded (cached) into one folder.

    A feed that cannot be downloaded is left out (``failed`` says why) while another one is had. Raises
    ``Cancelled`` on cancel, ``GtfsOnlineError`` when no feed is listed or none could be downloaded."""
    code = insee_code(territory_code)
    if code is None:  # no request for a territory that is not a French commune
        raise GtfsOnlineError(message("code", lang, code=territory_code))
    cache = cache or default_cache()
    try:
        datasets = _dataset_list(api_url, cache, feedback, lang)
        choices = choose_feeds(datasets, code, lang=lang, areas=commune_areas(code))
    except FetchError as error:
        raise GtfsOnlineError(error.message(lang)) from error
    except DiscoveryError as error:
        raise GtfsOnlineError(str(error)) from error
    got: list[tuple[FeedChoice, str]] = []
    failed: list[str] = []
    last_error: Optional[FetchError] = None
    for choice in choices:
        try:
            got.append((choice, _download(choice.url, cache, feedback)))
        except Cancelled:
            raise
        except FetchError as error:
            last_error = error
            failed.append(f"{choice.dataset_title}: {error.message(lang)}")
    if not got:
        raise GtfsOnlineError(" ; ".join(failed)) from last_error
    folder = cache.folder / f"gtfs-feeds-{code}"
    _gather(folder, {f"{choice.key}.zip": path for choice, path in got})
    return CommuneFeeds(str(folder), [choice for choice, _ in got], failed)


def _gather(folder: Path, files: dict) -> None:
    """``folder`` holds exactly ``files`` (name → cached zip): linked when the disk allows, else copied."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.zip"):
        if old.name not in files:
            old.unlink()
    for name, source in files.items():
        target = folder / name
        if target.exists():
            target.unlink()
        try:
            os.link(source, target)
        except OSError:  # another disk, or a file system without hard links
            with atomic_path(str(target)) as tmp:
                shutil.copyfile(source, tmp)
