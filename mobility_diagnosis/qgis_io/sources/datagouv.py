"""A data.gouv.fr dataset's files, from its API (v1) description: the crash files and the carpool register
are both datasets whose files (``resources``, each with a ``url`` and a ``title``) are found by name."""

from __future__ import annotations

import json
from pathlib import PurePosixPath
from typing import Callable, Optional, TypeVar
from urllib.parse import urlsplit

from ..net.cache import ResponseCache
from ..net.cached import cached_get

T = TypeVar("T")

BAD_JSON = {
    "en": "data.gouv.fr ({url}) sent a dataset description that is not valid JSON (cut off?): {error}",
    "fr": "data.gouv.fr ({url}) a envoyé une description de jeu de données JSON invalide (coupée\u00a0?)"
    "\u00a0: {error}",
}


def dataset_description(
    url: str, cache: ResponseCache, feedback, lang: str, query: str, error: Callable[[str], Exception]
) -> object:
    """The description (cached under ``query``); a reply that is not JSON raises ``error(message)``."""
    return cached_get(
        url, json.loads, cache=cache, query=query, headers={"Accept": "application/json"}, feedback=feedback,
        bad_reply=lambda reason: error(BAD_JSON.get(lang, BAD_JSON["en"]).format(url=url, error=reason)),
    )  # fmt: skip


def dataset_files(description: object, accept: Callable[[str], Optional[T]]) -> list[tuple[T, str, str]]:
    """(what ``accept`` made of its name, that name, its URL) for each file ``accept`` takes: the file's own
    name is tried first, then its title (publishers name a file either way)."""
    found = []
    items = description.get("resources", []) if isinstance(description, dict) else []
    for item in items:
        if not isinstance(item, dict) or not item.get("url"):
            continue
        url = str(item["url"])
        for name in (PurePosixPath(urlsplit(url).path).name, str(item.get("title") or "")):
            made = accept(name)
            if made is not None:
                found.append((made, name, url))
                break
    return found
