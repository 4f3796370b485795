"""Why an online download failed, as named exceptions with a planner-readable message.

Pure (no Qt): the reply checks of the core raise them as well as the QGIS-side client. Each message
says what happened and what to do, in English and French (``message(lang)``); ``str(exc)`` is the
English text. The QGIS side turns them into ``QgsProcessingException(exc.message(user_language()))``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

# code -> {lang: template}. Templates use str.format fields filled from the exception's params.
MESSAGES: dict[str, dict[str, str]] = {
    "unreachable": {
        "en": "Could not reach {url} ({detail}). Check the network connection and proxy settings, "
        "then try again.",
        "fr": "Impossible de joindre {url} ({detail}). Vérifiez la connexion réseau et le proxy, "
        "puis réessayez.",
    },
    "timed_out": {
        "en": "{url} sent nothing for {seconds:.0f} s and the request was abandoned. Try again later.",
        "fr": "{url} n’a rien envoyé pendant {seconds:.0f} s : requête abandonnée. Réessayez plus tard.",
    },
    "http_status": {
        "en": "{url} answered with HTTP error {status}. Try again later; if it persists, the service "
        "may have changed.",
        "fr": "{url} a répondu par l’erreur HTTP {status}. Réessayez plus tard ; si cela persiste, "
        "le service a peut-être changé.",
    },
    "cancelled": {
        "en": "Download cancelled: nothing was written.",
        "fr": "Téléchargement annulé : rien n’a été écrit.",
    },
    "overpass_unreachable": {
        "en": "The Overpass server {url} cannot be reached ({detail}). Choose another server "
        "(mirror) in the OVERPASS_URL parameter or the plugin settings, or use a local OSM file "
        "(OSM_FILE).",
        "fr": "Le serveur Overpass {url} est injoignable ({detail}). Choisissez un autre serveur "
        "(miroir) dans le paramètre OVERPASS_URL ou les réglages de l’extension, ou utilisez un "
        "fichier OSM local (OSM_FILE).",
    },
    "overpass_busy": {
        "en": "The Overpass server {url} is still busy after {attempts} attempts (HTTP {status}). "
        "Try again in a few minutes, choose another server (mirror), or use a local OSM file "
        "(OSM_FILE).",
        "fr": "Le serveur Overpass {url} est toujours saturé après {attempts} tentatives "
        "(HTTP {status}). Réessayez dans quelques minutes, choisissez un autre serveur (miroir) ou "
        "utilisez un fichier OSM local (OSM_FILE).",
    },
    "overpass_asks_long_wait": {
        "en": "The Overpass server {url} is busy (HTTP {status}) and asks to wait {wait} (until "
        "{until}), longer than the {max_wait} this plugin waits: it was asked once and not again. Try "
        "again after {until}, choose another server (mirror) in the OVERPASS_URL parameter or the plugin "
        "settings, or use a local OSM file (OSM_FILE).",
        "fr": "Le serveur Overpass {url} est saturé (HTTP {status}) et demande d’attendre {wait} "
        "(jusqu’à {until}), plus que les {max_wait} que l’extension accepte d’attendre : il n’a été "
        "interrogé qu’une fois. Réessayez après {until}, choisissez un autre serveur (miroir) dans le "
        "paramètre OVERPASS_URL ou les réglages de l’extension, ou utilisez un fichier OSM local "
        "(OSM_FILE).",
    },
    "overpass_timeout": {
        "en": "The Overpass server {url} gave up: the query ran out of time ({remark}). The "
        "territory is probably too large for it: use a smaller territory or a local OSM file "
        "(OSM_FILE), or try again when the server is less busy.",
        "fr": "Le serveur Overpass {url} a abandonné : temps de requête dépassé ({remark}). Le "
        "territoire est sans doute trop grand : prenez un territoire plus petit ou un fichier OSM "
        "local (OSM_FILE), ou réessayez quand le serveur sera moins chargé.",
    },
    "overpass_no_answer": {
        "en": "The Overpass server {url} sent nothing for {seconds:.0f} s, longer than the query allows "
        "it ({query_s} s, plus {margin_s:.0f} s to answer), and the request was abandoned. The server is "
        "probably overloaded or the connection was lost: try again later, choose another server (mirror) "
        "in the OVERPASS_URL parameter or the plugin settings, or use a local OSM file (OSM_FILE).",
        "fr": "Le serveur Overpass {url} n’a rien envoyé pendant {seconds:.0f} s, plus que ce que la "
        "requête lui accorde ({query_s} s, plus {margin_s:.0f} s pour répondre) : requête abandonnée. Le "
        "serveur est sans doute saturé, ou la connexion a été perdue : réessayez plus tard, choisissez un "
        "autre serveur (miroir) dans le paramètre OVERPASS_URL ou les réglages de l’extension, ou "
        "utilisez un fichier OSM local (OSM_FILE).",
    },
    "overpass_memory": {
        "en": "The Overpass server {url} gave up: the query ran out of memory ({remark}). Use a "
        "smaller territory or a local OSM file (OSM_FILE).",
        "fr": "Le serveur Overpass {url} a abandonné : mémoire insuffisante ({remark}). Prenez un "
        "territoire plus petit ou un fichier OSM local (OSM_FILE).",
    },
    "overpass_runtime": {
        "en": "The Overpass server {url} reported an error: {remark}. Try again later or use a "
        "local OSM file (OSM_FILE).",
        "fr": "Le serveur Overpass {url} a signalé une erreur : {remark}. Réessayez plus tard ou "
        "utilisez un fichier OSM local (OSM_FILE).",
    },
    "overpass_truncated": {
        "en": "The reply of the Overpass server {url} was cut off ({detail}); the data would be "
        "incomplete, so nothing was kept. Try again, or choose another server or a local OSM file.",
        "fr": "La réponse du serveur Overpass {url} est tronquée ({detail}) ; les données seraient "
        "incomplètes, rien n’a été conservé. Réessayez, ou choisissez un autre serveur ou un "
        "fichier OSM local.",
    },
    "overpass_bad_reply": {
        "en": "The Overpass server {url} did not answer with OSM data but with: “{snippet}”. Check "
        "that the URL is an Overpass interpreter (…/api/interpreter), or choose another server.",
        "fr": "Le serveur Overpass {url} n’a pas renvoyé de données OSM mais : « {snippet} ». "
        "Vérifiez que l’URL est bien celle d’un interpréteur Overpass (…/api/interpreter), ou "
        "choisissez un autre serveur.",
    },
    "overpass_query": {
        "en": "The Overpass server {url} rejected the query: {detail}. This is a bug of the plugin: "
        "please report it with this message.",
        "fr": "Le serveur Overpass {url} a refusé la requête : {detail}. C’est un défaut de "
        "l’extension : merci de le signaler avec ce message.",
    },
    "territory_too_large": {
        "en": "The territory covers about {area_km2:.0f} km², more than the {max_km2:.0f} km² "
        "allowed on the public Overpass servers. Download an extract (e.g. from Geofabrik) and "
        "give it as a local OSM file (OSM_FILE), or raise the limit in the plugin settings if you "
        "use your own server.",
        "fr": "Le territoire couvre environ {area_km2:.0f} km², plus que les {max_km2:.0f} km² "
        "admis sur les serveurs Overpass publics. Téléchargez un extrait (par exemple chez "
        "Geofabrik) et donnez-le comme fichier OSM local (OSM_FILE), ou relevez la limite dans les "
        "réglages de l’extension si vous utilisez votre propre serveur.",
    },
    "commune_outline_not_found": {
        "en": "geo.api.gouv.fr has no outline for the commune {code}. Check the INSEE code (a "
        "commune merged into another one keeps no outline) or give the territory as a polygon "
        "layer (TERRITORY_LAYER).",
        "fr": "geo.api.gouv.fr n’a pas de contour pour la commune {code}. Vérifiez le code INSEE "
        "(une commune fusionnée n’a plus de contour) ou donnez le territoire en couche de "
        "polygones (TERRITORY_LAYER).",
    },
    "bad_geojson": {
        "en": "{url} did not return a usable outline ({detail}). Try again later or give the "
        "territory as a polygon layer (TERRITORY_LAYER).",
        "fr": "{url} n’a pas renvoyé de contour exploitable ({detail}). Réessayez plus tard ou "
        "donnez le territoire en couche de polygones (TERRITORY_LAYER).",
    },
}


def duration_text(seconds: float) -> str:
    """A wait as people say it, the same in French and English: "45 s", "20 min", "1 h", "1 h 30 min"."""
    seconds = max(0, round(seconds))
    if seconds < 120:
        return f"{seconds} s"
    minutes = round(seconds / 60)
    hours, minutes = divmod(minutes, 60)
    if not hours:
        return f"{minutes} min"
    return f"{hours} h" if not minutes else f"{hours} h {minutes:02d} min"


def clock_text(when: datetime, now: datetime) -> str:
    """``when`` as HH:MM, with its date when it is not today."""
    return when.strftime("%H:%M") if when.date() == now.date() else when.strftime("%Y-%m-%d %H:%M")


class FetchError(Exception):
    """Base of every download failure; ``code`` selects the message template."""

    code = "unreachable"

    def __init__(self, **params: Any) -> None:
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str = "en") -> str:
        table = MESSAGES[self.code]
        return table.get(lang, table["en"]).format(**self.params)


class Cancelled(FetchError):
    code = "cancelled"


class NetworkError(FetchError):
    """The HTTP exchange itself failed (no usable HTTP reply)."""


class Unreachable(NetworkError):
    """No connection, or the connection was lost. ``partial`` is True when an HTTP status had already
    arrived (the body was cut off)."""

    code = "unreachable"

    def __init__(self, *, url: str, detail: str, partial: bool = False) -> None:
        self.partial = partial
        super().__init__(url=url, detail=detail)


class TimedOut(NetworkError):
    code = "timed_out"


class HttpStatusError(NetworkError):
    code = "http_status"


class OverpassError(FetchError):
    """Base of the Overpass failures."""


class OverpassUnreachable(OverpassError):
    code = "overpass_unreachable"


class OverpassBusy(OverpassError):
    code = "overpass_busy"


class OverpassAsksLongWait(OverpassBusy):
    """A 429/503 whose wait (Retry-After, or the status page) is longer than we may wait: asked once."""

    code = "overpass_asks_long_wait"


class OverpassNoAnswer(OverpassError):
    """Nothing came back within the query's own timeout plus a margin: the server or the link is stuck."""

    code = "overpass_no_answer"


class OverpassRuntimeError(OverpassError):
    """HTTP 200 but the server gave up (``remark``): a failure even when some data came with it."""

    code = "overpass_runtime"


class OverpassTimeout(OverpassRuntimeError):
    code = "overpass_timeout"


class OverpassOutOfMemory(OverpassRuntimeError):
    code = "overpass_memory"


class OverpassTruncated(OverpassError):
    code = "overpass_truncated"


class OverpassBadReply(OverpassError):
    code = "overpass_bad_reply"


class OverpassQueryError(OverpassError):
    code = "overpass_query"


class TerritoryTooLarge(FetchError):
    code = "territory_too_large"


class CommuneOutlineNotFound(FetchError):
    code = "commune_outline_not_found"


class BadGeoJson(FetchError):
    code = "bad_geojson"
