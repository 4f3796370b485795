"""The school directory of one French commune from the data.education.gouv.fr API (explore v2.1).

Goes through QGIS networking (``qgis_io.net.http``) so that the user's proxy, certificates
and authentication settings apply. Pages of 100 records (the API's maximum) are fetched until
``total_count`` is reached; the records go through the same parser as the CSV export.
"""

from __future__ import annotations

import json
from typing import Any, Optional

from qgis.core import QgsFeedback
from qgis.PyQt.QtCore import QUrl, QUrlQuery

from ...core.fetch_errors import Cancelled, NetworkError
from ...core.schools.directory import DirectoryResult, normalise_commune_code, parse_records
from ..net import http

DEFAULT_API_URL = "https://data.education.gouv.fr"
DATASET_PATH = "/api/explore/v2.1/catalog/datasets/fr-en-annuaire-education/records"
PAGE_SIZE = 100  # explore v2.1: limit <= 100
MAX_RECORDS = 10000  # explore v2.1: offset + limit <= 10000 (a commune never has that many)

MESSAGES = {
    "en": {
        "http": (
            "The school directory service ({url}) answered HTTP {status}{detail}. Try again later, or "
            "download the directory as CSV from data.education.gouv.fr and give the file instead."
        ),
        "network": (
            "Could not download the school directory from {url}: {error}. Check the connection (and the "
            "proxy settings of QGIS), or give the directory as a CSV file."
        ),
        "json": (
            "The school directory service ({url}) sent a reply that is not valid JSON (cut off?): {error}. "
            "Try again, or give the directory as a CSV file."
        ),
        "shape": (
            "The school directory service ({url}) sent an unexpected reply (no 'results' list). The API may "
            "have changed: give the directory as a CSV file."
        ),
        "code": "The school directory is online only for French communes; {code!r} is not an INSEE code.",
        "cancelled": "Download of the school directory cancelled.",
    },
    "fr": {
        "http": (
            "Le service de l’annuaire des établissements ({url}) a répondu HTTP {status}{detail}. Réessayez "
            "plus tard, ou téléchargez l’annuaire en CSV sur data.education.gouv.fr et donnez le fichier."
        ),
        "network": (
            "Impossible de télécharger l’annuaire des établissements depuis {url} : {error}. Vérifiez la "
            "connexion (et le proxy de QGIS), ou donnez l’annuaire en fichier CSV."
        ),
        "json": (
            "Le service de l’annuaire ({url}) a envoyé une réponse JSON invalide (coupée ?) : {error}. "
            "Réessayez, ou donnez l’annuaire en fichier CSV."
        ),
        "shape": (
            "Le service de l’annuaire ({url}) a envoyé une réponse inattendue (pas de liste « results »). "
            "L’API a peut-être changé : donnez l’annuaire en fichier CSV."
        ),
        "code": (
            "L’annuaire en ligne ne couvre que les communes françaises ; {code!r} n’est pas un code INSEE."
        ),
        "cancelled": "Téléchargement de l’annuaire annulé.",
    },
}


class DirectoryDownloadError(Exception):
    """The online directory could not be fetched (the message says what to do)."""


def _msg(key: str, lang: str, **values: Any) -> str:
    return MESSAGES.get(lang, MESSAGES["en"])[key].format(**values)


def records_url(base_url: str, commune_code: str, offset: int, limit: int = PAGE_SIZE) -> QUrl:
    url = QUrl(base_url.rstrip("/") + DATASET_PATH)
    query = QUrlQuery()
    query.addQueryItem("where", f'code_commune="{commune_code}"')
    query.addQueryItem("limit", str(limit))
    query.addQueryItem("offset", str(offset))
    url.setQuery(query)
    return url


def _get_json(url: QUrl, feedback: Optional[QgsFeedback], lang: str) -> Any:
    """Through the shared HTTP helper (QGIS networking; safe on Processing's worker threads)."""
    shown = url.toString(QUrl.UrlFormattingOption.RemoveQuery)
    try:
        response = http.get(url.toString(QUrl.ComponentFormattingOption.FullyEncoded),
                            headers={"Accept": "application/json"}, feedback=feedback)  # fmt: skip
    except Cancelled:
        raise DirectoryDownloadError(_msg("cancelled", lang)) from None
    except NetworkError as error:
        raise DirectoryDownloadError(_msg("network", lang, url=shown, error=error.message(lang))) from None
    if response.status >= 400:
        body = response.body.decode("utf-8", "replace").strip()
        detail = ""
        try:
            data = json.loads(body)
            detail = f" ({data.get('message') or data.get('error') or ''})" if isinstance(data, dict) else ""
        except ValueError:
            detail = f" ({body[:120]})" if body else ""
        raise DirectoryDownloadError(_msg("http", lang, url=shown, status=response.status, detail=detail))
    try:
        return json.loads(response.body.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        raise DirectoryDownloadError(_msg("json", lang, url=shown, error=error)) from error


def fetch_commune_directory(
    commune_code: str,
    base_url: str = DEFAULT_API_URL,
    feedback: Optional[QgsFeedback] = None,
    lang: str = "en",
) -> DirectoryResult:
    """Every directory record of a commune (all pages), parsed like the CSV export."""
    code = normalise_commune_code(commune_code)
    if len(code) != 5 or not (code.isdigit() or code[:2] in ("2A", "2B")):
        raise DirectoryDownloadError(_msg("code", lang, code=commune_code))
    records: list[dict] = []
    offset, total = 0, None
    while total is None or offset < min(total, MAX_RECORDS):
        url = records_url(base_url, code, offset)
        data = _get_json(url, feedback, lang)
        results = data.get("results") if isinstance(data, dict) else None
        if not isinstance(results, list):
            raise DirectoryDownloadError(
                _msg("shape", lang, url=url.toString(QUrl.UrlFormattingOption.RemoveQuery))
            )
        total = int(data.get("total_count") or 0)
        records.extend(r for r in results if isinstance(r, dict))
        if not results:
            break
        offset += len(results)
        if feedback is not None and total:
            feedback.setProgress(min(100.0, 100.0 * offset / total))
    return parse_records(records, commune_codes=[code], source=f"{base_url} ({code})", lang=lang)
