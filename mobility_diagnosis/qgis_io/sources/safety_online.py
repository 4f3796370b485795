"""The national crash files of the years asked, from data.gouv.fr's dataset of ONISR BAAC files.

The dataset's description (its list of resources) and each yearly table go through QGIS networking
(``http``: proxy, SSL, cancel, transfer timeout) and the plugin's on-disk cache (``cache``: atomic entries, a
cut or corrupt one is a miss): a second run within the cache's max age makes no request. A table that cannot
be had (HTTP 404, cut, timed out) leaves its year out with a warning; the theme goes on with the others.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence

from qgis.core import QgsFeedback

from ...core import crashes as cr
from ...core.fetch_errors import Cancelled, FetchError, HttpStatusError
from ..net import http
from ..net.cache import ResponseCache, default_cache
from .datagouv import dataset_description, dataset_files

# data.gouv.fr API (v1) description of "Bases de données annuelles des accidents corporels de la circulation
# routière – Années de 2005 à …" (ONISR): its id stays when its title and slug change with each new year.
DEFAULT_DATASET_URL = "https://www.data.gouv.fr/api/1/datasets/53698f4ca3a729239d2036df/"
DATASET_QUERY = "dataset"  # cache keys: the description, then each table by its URL
TABLE_QUERY = "baac-table"
TIMEOUT_S = 120.0  # a national usagers file is about 10 MB

MESSAGES = {
    "en": {
        "no_resources": "the dataset description ({url}) lists no BAAC caracteristiques file",
        "missing_year": "no crash files for {year} on data.gouv.fr (the dataset has {available}): left out",
        "table_failed": "crash file {name} ({year}) could not be downloaded: {reason}; {year} is left out",
        "nothing": "none of the years {years} could be downloaded ({why})",
    },
    "fr": {
        "no_resources": "la description du jeu de données ({url}) ne liste aucun fichier BAAC "
        "«\u00a0caracteristiques\u00a0»",
        "missing_year": "pas de fichiers d’accidents pour {year} sur data.gouv.fr (le jeu de données a {available})"
        "\u00a0: année écartée",
        "table_failed": "le fichier d’accidents {name} ({year}) n’a pas pu être téléchargé\u00a0: {reason}\u202f; "
        "{year} est écartée",
        "nothing": "aucune des années {years} n’a pu être téléchargée ({why})",
    },
}  # fmt: skip


def message(lang: str, key: str, **values: object) -> str:
    return MESSAGES.get(lang, MESSAGES["en"])[key].format(**values)


class CrashDownloadError(Exception):
    """No crash file could be had; the message says why (the theme then reports "not available")."""


@dataclass
class CachedTable:
    """A downloaded table, read back from the cache when the reader asks (``core.crashes.read_rows`` takes
    anything with ``name`` and ``read_bytes``): five years of national tables never sit in memory at once."""

    name: str
    url: str
    cache: ResponseCache
    body: Optional[bytes] = None  # kept only when the cache is off

    def read_bytes(self) -> bytes:
        if self.body is not None:
            return self.body
        entry = self.cache.get(self.url, TABLE_QUERY)
        if entry is None:
            raise OSError(f"the downloaded file {self.name} is no longer in the cache; run the theme again")
        return entry.body


@dataclass(frozen=True)
class Resource:
    table: str
    year: int
    name: str
    url: str


def _resources(description: object) -> list[Resource]:
    """The dataset's yearly BAAC tables (the other resources, such as the PDF description, are skipped)."""

    def table_and_year(name: str) -> Optional[tuple[str, int]]:
        table, year = cr.table_of(name), cr.year_of(name)
        return (table, year) if table and year else None

    return [
        Resource(table, year, name, url)
        for (table, year), name, url in dataset_files(description, table_and_year)
    ]


def _description(url: str, cache: ResponseCache, feedback, lang: str) -> object:
    return dataset_description(url, cache, feedback, lang, DATASET_QUERY, CrashDownloadError)


def _table(resource: Resource, cache: ResponseCache, feedback, timeout_s: float) -> CachedTable:
    table = CachedTable(resource.name, resource.url, cache)
    if cache.get(resource.url, TABLE_QUERY) is not None:
        return table
    reply = http.get(resource.url, feedback=feedback, timeout_s=timeout_s)
    if not reply.ok:
        raise HttpStatusError(url=resource.url, status=reply.status)
    cache.put(resource.url, TABLE_QUERY, reply.body)
    if cache.get(resource.url, TABLE_QUERY) is None:  # cache off: keep this one in memory
        table.body = reply.body
    return table


def fetch_crash_files(
    years: Optional[Sequence[int]],
    dataset_url: str = DEFAULT_DATASET_URL,
    *,
    cache: Optional[ResponseCache] = None,
    feedback: Optional[QgsFeedback] = None,
    lang: str = "en",
    timeout_s: float = TIMEOUT_S,
) -> tuple[dict[str, list], list[int], list[str]]:
    """(tables by name for ``core.crashes.read_crashes``, the years had, warnings). ``years`` None: the last
    five the dataset has. Raises ``Cancelled`` on cancel, ``CrashDownloadError`` when nothing could be had."""
    cache = cache or default_cache()
    try:
        resources = _resources(_description(dataset_url, cache, feedback, lang))
    except Cancelled:
        raise
    except FetchError as error:
        raise CrashDownloadError(error.message(lang)) from error
    available = sorted({r.year for r in resources if r.table == "caracteristiques"})
    if not available:
        raise CrashDownloadError(message(lang, "no_resources", url=dataset_url))
    wanted = sorted(years) if years else cr.default_years(available)
    warnings = []
    files: dict[str, list] = {table: [] for table in cr.TABLES}
    had = []
    for year in wanted:
        if year not in available:
            shown = f"{available[0]}–{available[-1]}"
            warnings.append(message(lang, "missing_year", year=year, available=shown))
            continue
        got = {}
        try:
            for resource in (r for r in resources if r.year == year):
                got.setdefault(resource.table, []).append(_table(resource, cache, feedback, timeout_s))
        except Cancelled:
            raise
        except FetchError as error:
            warnings.append(
                message(lang, "table_failed", name=resource.name, year=year, reason=error.message(lang))
            )
            continue
        for table, tables in got.items():
            files[table].extend(tables)
        had.append(year)
    if not had:
        why = "; ".join(warnings) if lang == "en" else "\u202f; ".join(warnings)
        raise CrashDownloadError(message(lang, "nothing", years=", ".join(map(str, wanted)), why=why))
    return files, had, warnings
