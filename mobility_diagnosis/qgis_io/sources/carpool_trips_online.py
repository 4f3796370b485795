"""Carpool trips of a commune from the carpool proof register's monthly files on data.gouv.fr, or from the
user's copies of them (a file, a zip, or a folder of months).

Online: the dataset's description (data.gouv.fr API v1: its ``resources``, each with ``title`` and ``url``)
lists the monthly files ``YYYY-MM.csv``; the last ``months`` are downloaded through QGIS networking
(``http``: proxy, SSL, cancel, timeout) into the plugin's cache (a cut or corrupt entry is a miss), so a second
run within the cache's age makes no request, and only the rows touching the territory are kept
(``core.carpool``). A month that cannot be had (HTTP 404, cut, timed out) is left out with a warning.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from qgis.core import QgsFeedback

from ...core import carpool as cp
from ...core.census import CensusFileError, table_text
from ...core.commuting import territory_codes
from ...core.fetch_errors import Cancelled, FetchError
from ..net.cache import ResponseCache, default_cache
from ..net.cached import cached_get
from .datagouv import dataset_description, dataset_files

# data.gouv.fr API (v1) description of « Trajets réalisés en covoiturage - registre de preuve de
# covoiturage »: the API takes a dataset's slug where it takes its id.
DEFAULT_DATASET_URL = "https://www.data.gouv.fr/api/1/datasets/trajets-realises-en-covoiturage-registre-de-preuve-de-covoiturage/"
DATASET_QUERY = "rpc-dataset"  # cache keys: the description, then each month by its URL
MONTH_QUERY = "rpc-month"
TIMEOUT_S = 180.0  # a national month is tens of MB
MONTH_NAME = re.compile(r"(20\d\d)[-_](0[1-9]|1[0-2])")
FILE_SUFFIXES = (".csv", ".zip", ".gz")

MESSAGES = {
    "en": {
        "no_months": "the dataset description ({url}) lists no monthly file of carpool trips",
        "month_failed": "carpool trips of {month} could not be downloaded: {reason}; {month} is left out",
        "bad_month": "the carpool trips of {month} do not read: {reason}; {month} is left out",
        "nothing": "none of the months {months} could be had ({why})",
        "no_files": "{path} holds no carpool-register CSV file",
    },
    "fr": {
        "no_months": "la description du jeu de données ({url}) ne liste aucun fichier mensuel de trajets en "
        "covoiturage",
        "month_failed": "les trajets en covoiturage de {month} n’ont pas pu être téléchargés\u00a0: {reason}\u202f; "
        "{month} est écarté",
        "bad_month": "les trajets en covoiturage de {month} sont illisibles\u00a0: {reason}\u202f; {month} est écarté",
        "nothing": "aucun des mois {months} n’a pu être obtenu ({why})",
        "no_files": "{path} ne contient aucun fichier CSV du registre de covoiturage",
    },
}  # fmt: skip


def message(lang: str, key: str, **values: object) -> str:
    return MESSAGES.get(lang, MESSAGES["en"])[key].format(**values)


class CarpoolTripsError(Exception):
    """No month could be had, or the files are not the register's; the message says why."""


@dataclass
class CommuneTrips:
    tables: list = field(default_factory=list)  # core.carpool.TripTable, one per month read
    months: list = field(default_factory=list)  # the months read ("YYYY-MM")
    warnings: list = field(default_factory=list)


@dataclass(frozen=True)
class MonthFile:
    month: str
    name: str
    url: str


def month_files(description: object) -> list[MonthFile]:
    """The dataset's monthly files, oldest first (a file named or titled ``YYYY-MM``; others are skipped)."""

    def month_of(name: str) -> Optional[str]:
        match = MONTH_NAME.search(name)
        return (
            f"{match.group(1)}-{match.group(2)}" if match and name.lower().endswith(FILE_SUFFIXES) else None
        )

    found: dict[str, MonthFile] = {}
    for month, name, url in dataset_files(description, month_of):
        found.setdefault(month, MonthFile(month, name, url))
    return [found[m] for m in sorted(found)]


def _description(url: str, cache: ResponseCache, feedback, lang: str) -> object:
    return dataset_description(url, cache, feedback, lang, DATASET_QUERY, CarpoolTripsError)


def _month(item: MonthFile, codes: set[str], cache: ResponseCache, feedback, lang: str, timeout_s: float):
    """The month's rows of the territory; only a body that reads as the register's file is cached."""

    def read(body: bytes) -> cp.TripTable:
        try:
            return cp.read_trips_text(_decode(body), codes, item.name, lang)
        except (CensusFileError, OSError, EOFError) as error:
            raise ValueError(str(error)) from error

    return cached_get(
        item.url, read, cache=cache, query=MONTH_QUERY, feedback=feedback, timeout_s=timeout_s,
        bad_reply=lambda error: CarpoolTripsError(message(lang, "bad_month", month=item.month, reason=error)),
    )  # fmt: skip


def _decode(raw: bytes) -> str:
    """A month's text: plain, or the CSV inside a zip or a gzip (read as a file would be)."""
    if raw[:2] not in (b"PK", b"\x1f\x8b"):
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            return raw.decode("cp1252", errors="replace")
    suffix = ".zip" if raw[:2] == b"PK" else ".gz"
    handle, path = tempfile.mkstemp(suffix=suffix)
    try:
        with os.fdopen(handle, "wb") as f:
            f.write(raw)
        return table_text(Path(path))
    finally:
        Path(path).unlink(missing_ok=True)


def fetch_commune_trips(
    code: str,
    dataset_url: str = DEFAULT_DATASET_URL,
    *,
    months: int = cp.DEFAULT_MONTHS,
    cache: Optional[ResponseCache] = None,
    feedback: Optional[QgsFeedback] = None,
    lang: str = "en",
    timeout_s: float = TIMEOUT_S,
) -> CommuneTrips:
    """The rows of the last ``months`` published that touch commune ``code``. Raises ``Cancelled`` on
    cancel, ``CarpoolTripsError`` when the list or every month failed."""
    cache = cache or default_cache()
    try:
        files = month_files(_description(dataset_url, cache, feedback, lang))
    except Cancelled:
        raise
    except FetchError as error:
        raise CarpoolTripsError(error.message(lang)) from error
    if not files:
        raise CarpoolTripsError(message(lang, "no_months", url=dataset_url))
    codes = territory_codes(code)
    result = CommuneTrips()
    for item in files[-months:]:
        try:
            table = _month(item, codes, cache, feedback, lang, timeout_s)
        except Cancelled:
            raise
        except FetchError as error:
            result.warnings.append(
                message(lang, "month_failed", month=item.month, reason=error.message(lang))
            )
            continue
        except CarpoolTripsError as error:
            result.warnings.append(str(error))
            continue
        table.months = table.months or {item.month}
        result.tables.append(table)
        result.months.append(item.month)
    if not result.tables:
        why = ("; " if lang == "en" else "\u202f; ").join(result.warnings)
        shown = ", ".join(item.month for item in files[-months:])
        raise CarpoolTripsError(message(lang, "nothing", months=shown, why=why))
    return result


def read_trips_path(path: str, code: str, lang: str = "en") -> CommuneTrips:
    """The user's copies: a monthly CSV (or zip, gz), or a folder of them (an offline kit keeps one file of
    the commune's rows). Raises ``CarpoolTripsError`` with what to give."""
    source = Path(path)
    if source.is_dir():
        files = sorted(p for p in source.iterdir() if p.suffix.lower() in FILE_SUFFIXES and p.is_file())
        if not files:
            raise CarpoolTripsError(message(lang, "no_files", path=path))
    else:
        files = [source]
    codes = territory_codes(code)
    result = CommuneTrips()
    for file in files:
        try:
            table = cp.read_trips_text(table_text(file), codes, file.name, lang)
        except (OSError, CensusFileError, EOFError) as error:
            raise CarpoolTripsError(f"{file}: {error}") from error
        except cp.CarpoolFileError as error:
            raise CarpoolTripsError(str(error)) from error
        result.tables.append(table)
    result.months = sorted(set().union(*(t.months for t in result.tables)))
    return result
