"""Carpool areas from the national base (BNLC) on transport.data.gouv.fr, for French communes.

One GET of ``/api/geo-query?data=bnlc`` (the whole national base as GeoJSON, a few thousand points),
kept in the plugin's response cache so that a second run makes no request. The URL is a parameter so
that tests point it at a loopback server.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Optional

from qgis.core import QgsFeedback

from ...core.parking import CarpoolArea, carpool_areas, message
from ..net.cache import ResponseCache, default_cache
from ..net.cached import cached_get

DEFAULT_BNLC_URL = "https://transport.data.gouv.fr/api/geo-query?data=bnlc"
TIMEOUT_S = 60.0


class CarpoolReplyError(Exception):
    """The server answered, but not with the carpool base; the message says what to do."""


def fetch_carpool_areas(
    url: str = DEFAULT_BNLC_URL,
    *,
    feedback: Optional[QgsFeedback] = None,
    cache: Optional[ResponseCache] = None,
    lang: str = "en",
) -> tuple[list[CarpoolArea], int]:
    """(areas, unusable features). ``url`` may also be a local copy of the base (an offline kit's
    ``bnlc.geojson``). Raises ``CarpoolReplyError`` or the network failures of ``qgis_io.net.http``
    (``Unreachable``, ``TimedOut``, ``Cancelled``) and ``HttpStatusError``."""
    if os.path.isfile(url):
        try:
            return carpool_areas(_json(Path(url).read_bytes()))
        except (OSError, ValueError) as exc:
            raise CarpoolReplyError(message(lang, "bnlc_bad_reply", url=url, detail=exc)) from None
    return carpool_areas(_json(carpool_base(url, feedback=feedback, cache=cache, lang=lang)))


def carpool_base(
    url: str = DEFAULT_BNLC_URL,
    *,
    feedback: Optional[QgsFeedback] = None,
    cache: Optional[ResponseCache] = None,
    lang: str = "en",
) -> bytes:
    """The national base as GeoJSON bytes that parse (from the cache, else downloaded and cached)."""

    def read(body: bytes) -> bytes:
        carpool_areas(_json(body))  # a ValueError: not the base, not cached
        return body

    return cached_get(
        url, read,
        cache=cache if cache is not None else default_cache(), timeout_s=TIMEOUT_S, feedback=feedback,
        bad_reply=lambda error: CarpoolReplyError(message(lang, "bnlc_bad_reply", url=url, detail=error)),
    )  # fmt: skip


def _json(body: bytes):
    """JSON from the body; ValueError (as UnicodeDecodeError or JSONDecodeError) when it is not."""
    return json.loads(body.decode("utf-8"))
