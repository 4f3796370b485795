"""Choose the GTFS feed of a French commune from transport.data.gouv.fr's dataset list (pure).

``GET https://transport.data.gouv.fr/api/datasets`` returns every dataset of the national access
point: ``type`` ("public-transit", "bike-scooter-sharing"…), ``resources`` (each with ``format``
"GTFS", ``url``, ``original_url``, ``is_available``, ``updated``…) and its coverage, given as
``covered_area`` (a list of areas, or one object, each with an ``insee`` code) and/or ``aom`` (the
mobility authority, with ``insee_commune_principale``). The coverage is indicative (the site's
documentation says so): a feed may reach beyond it, so the stops inside the territory are checked
later by the accessibility algorithm.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator, Optional

from .territory import is_insee_code

TRANSIT_TYPE = "public-transit"  # transport.data.gouv.fr dataset type for scheduled public transport
GTFS_FORMAT = "GTFS"
# Keys under which an area names a commune by its INSEE code (API replies, covered_area and aom objects).
INSEE_KEYS = ("insee", "insee_commune_principale", "code_insee")
COVERAGE_KEYS = ("covered_area", "aom", "communes", "legal_owners")


@dataclass(frozen=True)
class FeedChoice:
    url: str
    dataset_title: str
    dataset_id: str
    updated: str  # ISO date-time as given by the API (sorts as text)
    candidates: int  # GTFS resources found for the commune

    def explain(self, lang: str = "en") -> str:
        return _MESSAGES.get(lang, _MESSAGES["en"])["chosen"].format(
            title=self.dataset_title, updated=self.updated or "?", n=self.candidates, url=self.url
        )


class DiscoveryError(Exception):
    """No usable feed (the message says why and what to do)."""


_MESSAGES = {
    "en": {
        "chosen": (
            "GTFS from transport.data.gouv.fr: “{title}”, updated {updated} (the most recent of {n} GTFS "
            "resources covering the commune): {url}"
        ),
        "code": (
            "Online GTFS discovery works for French communes only; territory code {code!r} is not an INSEE "
            "code. Give a GTFS zip file instead."
        ),
        "none": (
            "transport.data.gouv.fr lists no available GTFS feed covering commune {code}. Give a GTFS zip "
            "file if the network publishes one elsewhere."
        ),
        "shape": (
            "transport.data.gouv.fr sent an unexpected dataset list (not a JSON list). The API may have "
            "changed: give a GTFS zip file instead."
        ),
    },
    "fr": {
        "chosen": (
            "GTFS de transport.data.gouv.fr : « {title} », mis à jour le {updated} (le plus récent des {n} "
            "GTFS couvrant la commune) : {url}"
        ),
        "code": (
            "La recherche du GTFS en ligne ne vaut que pour les communes françaises ; le code {code!r} du "
            "territoire n’est pas un code INSEE. Donnez un fichier GTFS (.zip)."
        ),
        "none": (
            "transport.data.gouv.fr ne liste aucun GTFS disponible couvrant la commune {code}. Donnez un "
            "fichier GTFS (.zip) si le réseau en publie un ailleurs."
        ),
        "shape": (
            "transport.data.gouv.fr a envoyé une liste de jeux de données inattendue (pas une liste JSON). "
            "L’API a peut-être changé : donnez un fichier GTFS (.zip)."
        ),
    },
}


def message(key: str, lang: str = "en", **values: Any) -> str:
    return _MESSAGES.get(lang, _MESSAGES["en"])[key].format(**values)


def insee_code(code: Optional[str]) -> Optional[str]:
    """The INSEE commune code in a territory code ("06032", "insee:06032", "2A004"), else None."""
    text = (code or "").strip().upper()
    if ":" in text:
        prefix, text = text.split(":", 1)
        if prefix not in ("INSEE", "COMMUNE"):
            return None
    return text if is_insee_code(text) else None


def _insee_codes(value: Any) -> Iterator[str]:
    """Every INSEE code named in a coverage object, however nested (list of areas, aom, …)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key in INSEE_KEYS and isinstance(item, (str, int)):
                yield str(item).strip().upper()
            elif isinstance(item, (dict, list)):
                yield from _insee_codes(item)
    elif isinstance(value, list):
        for item in value:
            yield from _insee_codes(item)


def covers(dataset: dict, code: str) -> bool:
    return any(c == code for key in COVERAGE_KEYS for c in _insee_codes(dataset.get(key)))


def choose_feed(datasets: Any, territory_code: str, lang: str = "en") -> FeedChoice:
    """The most recently updated available GTFS resource of a public-transit dataset covering the
    commune. Most recent, because an older resource of the same network is usually last year's
    timetable; unavailable resources (``is_available`` false) would only fail later."""
    code = insee_code(territory_code)
    if code is None:
        raise DiscoveryError(message("code", lang, code=territory_code))
    if not isinstance(datasets, list):
        raise DiscoveryError(message("shape", lang))
    found: list[tuple[str, str, str, str]] = []  # (updated, url, title, id)
    for dataset in datasets:
        if not isinstance(dataset, dict) or dataset.get("type") != TRANSIT_TYPE or not covers(dataset, code):
            continue
        for resource in dataset.get("resources") or []:
            if not isinstance(resource, dict) or str(resource.get("format", "")).upper() != GTFS_FORMAT:
                continue
            if resource.get("is_available") is False:
                continue
            url = resource.get("url") or resource.get("original_url")
            if not isinstance(url, str) or not url.startswith(("http://", "https://")):
                continue
            found.append(
                (
                    str(resource.get("updated") or ""),
                    url,
                    str(dataset.get("title") or dataset.get("slug") or ""),
                    str(dataset.get("id") or ""),
                )
            )
    if not found:
        raise DiscoveryError(message("none", lang, code=code))
    updated, url, title, dataset_id = max(found)
    return FeedChoice(url, title, dataset_id, updated, len(found))
