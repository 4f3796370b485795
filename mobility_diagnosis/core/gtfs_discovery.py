"""Choose the GTFS feeds of a French commune from transport.data.gouv.fr's dataset list (pure).

``GET https://transport.data.gouv.fr/api/datasets`` returns every dataset of the national access
point: ``type`` ("public-transit", "bike-scooter-sharing"…), ``resources`` (each with ``format``
"GTFS", ``url``, ``original_url``, ``is_available``, ``updated``…) and its coverage, given as
``covered_area`` (a list of areas, or one object, each with an ``insee`` code) and/or ``aom`` (the
mobility authority, with ``insee_commune_principale``). The coverage is indicative (the site's
documentation says so): a feed may reach beyond it, so the stops inside the territory are checked
later by the accessibility algorithm.

A commune is often served by several networks (its urban network, the department's or region's
coaches, TER): every dataset whose coverage names the commune, or its department or region (an area
typed ``departement`` / ``region``), gives its feed (``choose_feeds``). National datasets are not
taken: they are aggregates or long-distance services, large downloads for few stops of a commune; an
EPCI's coverage is matched only through its ``aom`` main commune (the bundled commune list has no
EPCI). Each feed keeps its dataset's publisher and licence (``licence`` ids of the access point).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from typing import Any, Iterator, Optional

from .territory import is_insee_code

TRANSIT_TYPE = "public-transit"  # transport.data.gouv.fr dataset type for scheduled public transport
GTFS_FORMAT = "GTFS"
# Keys under which an area names a commune by its INSEE code (API replies, covered_area and aom objects).
INSEE_KEYS = ("insee", "insee_commune_principale", "code_insee")
COVERAGE_KEYS = ("covered_area", "aom", "communes", "legal_owners")
# An area's ``type`` (covered_area items) → the level of the territory its ``insee`` code names; an untyped
# code names a commune (the aom's ``insee_commune_principale``, older replies).
AREA_LEVELS = {"commune": "commune", "departement": "departement", "region": "region"}
# The access point's licence ids (its dataset filter, transport.data.gouv.fr/datasets) in words.
LICENCE_NAMES = {
    "odc-odbl": "ODbL-1.0",
    "fr-lo": "Licence Ouverte",
    "lov2": "Licence Ouverte 2.0",
    "mobility-licence": "Licence Mobilités",
    "notspecified": "",
}


@dataclass(frozen=True)
class FeedChoice:
    url: str
    dataset_title: str
    dataset_id: str
    updated: str  # ISO date-time as given by the API (sorts as text)
    candidates: int  # GTFS resources found for the commune
    publisher: str = ""
    licence: str = ""  # in words (LICENCE_NAMES), or the access point's id when unknown
    key: str = ""  # the dataset's slug (or id): the feed's file name and its stops' prefix

    def explain(self, lang: str = "en") -> str:
        return _MESSAGES.get(lang, _MESSAGES["en"])["chosen"].format(
            title=self.dataset_title, updated=self.updated or "?", n=self.candidates, url=self.url
        )

    def vintage(self) -> str:
        return (self.updated or "")[:10]


class DiscoveryError(Exception):
    """No usable feed (the message says why and what to do)."""


_MESSAGES = {
    "en": {
        "chosen": (
            "GTFS from transport.data.gouv.fr: “{title}”, updated {updated} (the most recent of its {n} GTFS "
            "resources): {url}"
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
            "GTFS de transport.data.gouv.fr\u00a0: «\u00a0{title}\u00a0», mis à jour le {updated} (le plus récent "
            "de ses {n} GTFS)\u00a0: {url}"
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


def _areas(value: Any) -> Iterator[tuple[str, str]]:
    """(level, code) of every area named in a coverage object, however nested (list of areas, aom, …)."""
    if isinstance(value, dict):
        level = AREA_LEVELS.get(str(value.get("type") or "commune").lower(), "")
        for key, item in value.items():
            if key in INSEE_KEYS and isinstance(item, (str, int)):
                yield ("commune" if key != "insee" else level, str(item).strip().upper())
            elif isinstance(item, (dict, list)):
                yield from _areas(item)
    elif isinstance(value, list):
        for item in value:
            yield from _areas(item)


def territory_areas(code: str, departement: str = "", region: str = "") -> set[tuple[str, str]]:
    """The areas a dataset may name to cover the commune: itself, its department, its region."""
    areas = {("commune", code.upper())}
    if departement:
        areas.add(("departement", departement.upper()))
    if region:
        areas.add(("region", region.upper()))
    return areas


def covers(dataset: dict, code: str, areas: Optional[set[tuple[str, str]]] = None) -> bool:
    wanted = areas or territory_areas(code)
    return any(area in wanted for key in COVERAGE_KEYS for area in _areas(dataset.get(key)))


def _candidates(datasets: Any, territory_code: str, lang: str, areas) -> list[FeedChoice]:
    """Every available GTFS resource of the public-transit datasets covering the commune (candidates 0)."""
    code = insee_code(territory_code)
    if code is None:
        raise DiscoveryError(message("code", lang, code=territory_code))
    if not isinstance(datasets, list):
        raise DiscoveryError(message("shape", lang))
    wanted = areas or territory_areas(code)
    found: list[FeedChoice] = []
    for dataset in datasets:
        if not isinstance(dataset, dict) or dataset.get("type") != TRANSIT_TYPE:
            continue
        if not covers(dataset, code, wanted):
            continue
        for resource in dataset.get("resources") or []:
            if not isinstance(resource, dict) or str(resource.get("format", "")).upper() != GTFS_FORMAT:
                continue
            if resource.get("is_available") is False:
                continue
            url = resource.get("url") or resource.get("original_url")
            if not isinstance(url, str) or not url.startswith(("http://", "https://")):
                continue
            found.append(_choice(dataset, resource, url))
    if not found:
        raise DiscoveryError(message("none", lang, code=code))
    return found


def _choice(dataset: dict, resource: dict, url: str) -> FeedChoice:
    publisher = dataset.get("publisher")
    publisher = publisher.get("name") if isinstance(publisher, dict) else publisher
    licence = str(dataset.get("licence") or "")
    dataset_id = str(dataset.get("id") or "")
    return FeedChoice(
        url=url,
        dataset_title=str(dataset.get("title") or dataset.get("slug") or ""),
        dataset_id=dataset_id,
        updated=str(resource.get("updated") or ""),
        candidates=0,
        publisher=str(publisher or ""),
        licence=LICENCE_NAMES.get(licence.lower(), licence),
        key=feed_key(str(dataset.get("slug") or dataset_id or dataset.get("title") or "gtfs")),
    )


def _newest(found: list[FeedChoice]) -> FeedChoice:
    """The most recently updated resource: an older one of the same network is usually last year's
    timetable; unavailable resources (``is_available`` false) were left out, they would only fail later."""
    best = max(found, key=lambda c: (c.updated, c.url))
    return replace(best, candidates=len(found))


def choose_feed(
    datasets: Any, territory_code: str, lang: str = "en", areas: Optional[set[tuple[str, str]]] = None
) -> FeedChoice:
    """The most recently updated available GTFS resource of a public-transit dataset covering the commune."""
    return _newest(_candidates(datasets, territory_code, lang, areas))


def choose_feeds(
    datasets: Any, territory_code: str, lang: str = "en", areas: Optional[set[tuple[str, str]]] = None
) -> list[FeedChoice]:
    """One feed per public-transit dataset covering the commune (its newest available GTFS resource), in
    the order of the list: the networks serving a commune are all counted (urban, coaches, trains).
    Datasets of the same slug get distinct keys, so their files and stop prefixes never collide."""
    by_dataset: dict[str, list[FeedChoice]] = {}
    for choice in _candidates(datasets, territory_code, lang, areas):
        by_dataset.setdefault(choice.dataset_id or choice.key, []).append(choice)
    out: list[FeedChoice] = []
    keys: set[str] = set()
    for found in by_dataset.values():
        choice = _newest(found)
        key, n = choice.key, 2
        while key in keys:
            key, n = f"{choice.key}-{n}", n + 1
        keys.add(key)
        out.append(replace(choice, key=key))
    return out


def feed_key(text: str) -> str:
    """A short file-name-safe key (letters, digits, '-') for a feed: "Réseau urbain" → "reseau-urbain"."""
    text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    key = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()[:40]
    return key or "gtfs"
