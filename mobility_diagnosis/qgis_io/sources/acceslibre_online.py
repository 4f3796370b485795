"""Acceslibre's establishments of one French commune, from its public API or from its open-data CSV export.

The API (``GET {api}/erps/?code_insee=…&page_size=1000``, following ``next``) goes through QGIS networking
(``http``: proxy, SSL, cancel, transfer timeout); the commune's whole list is cached once every page has
come (``cache``: a second run within the cache's max age makes no request, a cut run caches nothing). The
API takes an optional key (header ``Authorization: Api-Key <key>``, documented on the API's home page);
without one it answers a few requests an hour (429 beyond). The key is never logged or put in a message.

Everything that keeps the source from being used raises ``AcceslibreUnavailable`` with a message that says
why and what to do; the theme then goes on without it ("not available").
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable, List, Optional

from qgis.core import QgsFeedback

from ...core.accessibility.acceslibre import AcceslibreFormatError, Establishment, api_page, read_export
from ...core.fetch_errors import Cancelled, FetchError
from ...core.territory import is_insee_code
from ..net import http
from ..net.cache import ResponseCache, default_cache
from ..settings import PREFIX

DEFAULT_API_URL = "https://acceslibre.beta.gouv.fr/api"
PAGE_SIZE = 1000  # the API's max_page_size (api/views.py ErpPagination)
MAX_PAGES = 500  # a commune never has 500,000 establishments: a loop of "next" links stops here
TIMEOUT_S = 120.0
# the plugin setting that holds the user's key (optional), a settings path, not a secret
API_KEY_SETTING = "acceslibre/api_key"  # pragma: allowlist secret

MESSAGES = {
    "en": {
        "code": "Acceslibre is available online for French communes only ({code!r} is not an INSEE code): give "
        "its CSV export (data.gouv.fr, dataset “acceslibre”) instead",
        "key": "Acceslibre ({url}) refused the request (HTTP {status}): it needs an API key. Ask for one on "
        "acceslibre.beta.gouv.fr (contact, “API key”) and save it in the plugin setting {setting}, or give the "
        "CSV export from data.gouv.fr",
        "rate": "Acceslibre ({url}) is limiting the requests (HTTP 429): without an API key only a few are allowed "
        "an hour. Try again later, save an API key in the plugin setting {setting}, or give the CSV export",
        "http": "Acceslibre ({url}) answered HTTP {status}. Try again later, or give the CSV export from "
        "data.gouv.fr",
        "json": "Acceslibre ({url}) sent a reply that is not valid JSON (cut off?): {error}. Try again, or give "
        "the CSV export",
        "shape": "Acceslibre ({url}) sent an unexpected reply ({error}): the API may have changed; give the CSV "
        "export",
        "pages": "Acceslibre ({url}) kept announcing a next page after {pages} pages: stopped; give the CSV export",
        "file": "The Acceslibre file {path} cannot be read: {error}",
    },
    "fr": {
        "code": "Acceslibre n’est disponible en ligne que pour les communes françaises ({code!r} n’est pas un "
        "code INSEE)\u00a0: donnez plutôt son export CSV (data.gouv.fr, jeu de données «\u00a0acceslibre\u00a0»)",
        "key": "Acceslibre ({url}) a refusé la requête (HTTP {status})\u00a0: il faut une clé d’API. Demandez-en "
        "une sur acceslibre.beta.gouv.fr (contact, «\u00a0clé d’API\u00a0») et enregistrez-la dans le réglage "
        "{setting} de l’extension, ou donnez l’export CSV de data.gouv.fr",
        "rate": "Acceslibre ({url}) limite les requêtes (HTTP 429)\u00a0: sans clé d’API, seules quelques-unes "
        "sont permises par heure. Réessayez plus tard, enregistrez une clé dans le réglage {setting} ou donnez "
        "l’export CSV",
        "http": "Acceslibre ({url}) a répondu HTTP {status}. Réessayez plus tard, ou donnez l’export CSV de "
        "data.gouv.fr",
        "json": "Acceslibre ({url}) a envoyé une réponse JSON invalide (coupée\u00a0?)\u00a0: {error}. "
        "Réessayez, ou donnez l’export CSV",
        "shape": "Acceslibre ({url}) a envoyé une réponse inattendue ({error})\u00a0: l’API a peut-être changé\u00a0;"
        " donnez l’export CSV",
        "pages": "Acceslibre ({url}) annonce encore une page suivante après {pages} pages\u00a0: arrêt\u00a0; "
        "donnez l’export CSV",
        "file": "Le fichier Acceslibre {path} ne peut pas être lu\u00a0: {error}",
    },
}


class AcceslibreUnavailable(Exception):
    """The source could not be had (refused, failed, a bad file); the message says why and what to do."""


class AcceslibreNotApplicable(AcceslibreUnavailable):
    """The source does not cover this territory (online: not a French commune); no request was made."""


def message(lang: str, key: str, **values: object) -> str:
    # the key's full name in QGIS's advanced settings editor (Settings > Options > Advanced)
    return MESSAGES.get(lang, MESSAGES["en"])[key].format(setting=PREFIX + API_KEY_SETTING, **values)


def erps_url(api_url: str) -> str:
    return api_url.rstrip("/") + "/erps/"


def fetch_commune(
    code: str,
    api_url: str = DEFAULT_API_URL,
    *,
    api_key: str = "",
    cache: Optional[ResponseCache] = None,
    feedback: Optional[QgsFeedback] = None,
    lang: str = "en",
    timeout_s: float = TIMEOUT_S,
) -> List[Establishment]:
    """Every published establishment of the commune (all pages). Raises ``Cancelled`` on cancel,
    ``AcceslibreUnavailable`` for everything else (no request for a territory that is not a commune)."""
    code = (code or "").strip().upper()
    if not is_insee_code(code):
        raise AcceslibreNotApplicable(message(lang, "code", code=code))
    cache = cache or default_cache()
    endpoint = erps_url(api_url)
    query = f"code_insee={code}"
    cached = cache.get(endpoint, query)
    if cached is not None:
        return api_page({"results": json.loads(cached.body)})[0]
    headers = {"Accept": "application/json"}
    if api_key:
        headers["Authorization"] = f"Api-Key {api_key}"
    url: Optional[str] = f"{endpoint}?code_insee={code}&page_size={PAGE_SIZE}"
    results: list = []
    found: List[Establishment] = []
    pages = 0
    while url:
        if pages >= MAX_PAGES:
            raise AcceslibreUnavailable(message(lang, "pages", url=endpoint, pages=pages))
        data = _get_json(url, endpoint, headers, feedback, lang, timeout_s)
        try:
            page, url, count = api_page(data)
        except AcceslibreFormatError as error:
            raise AcceslibreUnavailable(message(lang, "shape", url=endpoint, error=error)) from error
        results.extend(r for r in data["results"] if isinstance(r, dict))
        found.extend(page)
        pages += 1
        if feedback is not None and count:
            feedback.setProgress(min(100.0, 100.0 * len(found) / count))
    cache.put(endpoint, query, json.dumps(results, ensure_ascii=False).encode("utf-8"))
    return found


def _get_json(url: str, shown: str, headers: dict, feedback, lang: str, timeout_s: float):
    try:
        reply = http.get(url, headers=headers, feedback=feedback, timeout_s=timeout_s)
    except Cancelled:
        raise
    except FetchError as error:
        raise AcceslibreUnavailable(error.message(lang)) from error
    if reply.status in (401, 403):
        raise AcceslibreUnavailable(message(lang, "key", url=shown, status=reply.status))
    if reply.status == 429:
        raise AcceslibreUnavailable(message(lang, "rate", url=shown))
    if not reply.ok:
        raise AcceslibreUnavailable(message(lang, "http", url=shown, status=reply.status))
    try:
        return json.loads(reply.body.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        raise AcceslibreUnavailable(message(lang, "json", url=shown, error=error)) from error


def read_file(
    path: str, keep: Callable[[Establishment], bool] = lambda e: True, lang: str = "en"
) -> List[Establishment]:
    """The establishments of a CSV export (the national file or a commune's extract) that ``keep`` accepts,
    streamed. UTF-8 (with or without BOM), as data.gouv.fr publishes it."""
    try:
        with open(Path(path), encoding="utf-8-sig", newline="") as f:
            return [e for e in read_export(f) if keep(e)]
    except (OSError, UnicodeDecodeError, AcceslibreFormatError) as error:
        raise AcceslibreUnavailable(message(lang, "file", path=path, error=error)) from error
