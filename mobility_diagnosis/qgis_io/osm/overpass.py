"""The Overpass client: a polite, cancellable, cached download of one query.

Politeness: ``/api/status`` is read before querying and when the server says it is busy (429/504),
the wait it asks for (Retry-After, or the next free slot) is respected, with bounded retries and
growing pauses; the endpoints of the settings are tried one after the other, never in parallel.
Every pause checks the cancel button. A reply is only kept (and cached) when it is whole: a 200 with
a runtime-error remark or a cut body is a failure.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone
from typing import Any, Callable, Optional

from qgis.core import QgsFeedback, QgsProcessingFeedback

from ...core.fetch_errors import (
    FetchError,
    OverpassAsksLongWait,
    OverpassBusy,
    OverpassError,
    OverpassNoAnswer,
    OverpassTruncated,
    OverpassUnreachable,
    TerritoryTooLarge,
    TimedOut,
    Unreachable,
    clock_text,
    duration_text,
)
from ...core.osm_elements import OsmElement
from ...core.osm_json import parse_overpass
from ...core.osm_layers import AREA
from ...core.overpass_query import query_timeout_s
from ...core.overpass_reply import (
    RETRY_STATUSES,
    ReplyMeta,
    parse_reply,
    parse_retry_after,
    parse_status,
    raise_for_status,
    status_url,
)
from ...i18n import tr, user_language
from ..cancel import wait as cancellable_wait
from ..net import http
from ..net.cache import ResponseCache, default_cache
from ..settings import OverpassSettings, overpass_settings

BACKOFF_FIRST_S = 5.0  # first pause after a 429/504 without a hint from the server; doubles each time
STATUS_TIMEOUT_S = 15.0


@dataclass(frozen=True)
class FetchMeta:
    """Where the data came from, for the ``about`` table."""

    endpoint: str
    osm_base: Optional[str]  # the OSM data timestamp of the server
    retrieved_at: str  # ISO 8601 UTC: when the reply was downloaded (also for a cached reply)
    from_cache: bool
    size_bytes: int
    remark: Optional[str] = None
    warnings: tuple[str, ...] = field(default_factory=tuple)


def check_territory_size(area_km2: float, settings: Optional[OverpassSettings] = None) -> None:
    """Refuse, before sending anything, a territory too large for the public servers."""
    settings = settings or overpass_settings()
    if settings.max_area_km2 > 0 and area_km2 > settings.max_area_km2:
        raise TerritoryTooLarge(area_km2=area_km2, max_km2=settings.max_area_km2)


def fetch_elements(
    query: str,
    *,
    endpoint: Optional[str] = None,
    feedback: Optional[QgsFeedback] = None,
    cache: Optional[ResponseCache] = None,
    settings: Optional[OverpassSettings] = None,
    authcfg: str = "",
    wait_scale: float = 1.0,
    lang: Optional[str] = None,
) -> tuple[list[OsmElement], FetchMeta]:
    """The OSM elements answering ``query`` (lon/lat), and where they came from.

    ``endpoint`` None tries the endpoints of the settings in turn; ``cache`` None is the user's
    cache (``cache.NoCache()`` to bypass it); ``wait_scale`` shortens every pause (tests).
    Raises a ``FetchError`` subclass (``OverpassUnreachable``, ``OverpassBusy``,
    ``OverpassRuntimeError``, ``OverpassTruncated``, ``Cancelled``…) whose message says what to do.
    """
    data, meta = fetch_json(
        query,
        endpoint=endpoint,
        feedback=feedback,
        cache=cache,
        settings=settings,
        authcfg=authcfg,
        wait_scale=wait_scale,
    )
    elements, warnings = parse_overpass(data, lang=lang or user_language())
    if isinstance(feedback, QgsProcessingFeedback):
        for warning in warnings:
            feedback.pushWarning(warning)
    return elements, replace(meta, warnings=tuple(warnings))


def fetch_boundary(query: str, **kwargs: Any) -> tuple[Optional[OsmElement], FetchMeta]:
    """The area relation answering a boundary query (``core.overpass_query.commune_boundary_query``
    or ``relation_query``); None when the reply has no usable one (then a warning says why, and the
    caller may fall back on geo.api.gouv.fr). Same keywords as ``fetch_elements``."""
    elements, meta = fetch_elements(query, **kwargs)
    areas = [e for e in elements if e.osm_type == "relation" and e.kind == AREA]
    return (areas[0] if areas else None), meta


def fetch_json(
    query: str,
    *,
    endpoint: Optional[str] = None,
    feedback: Optional[QgsFeedback] = None,
    cache: Optional[ResponseCache] = None,
    settings: Optional[OverpassSettings] = None,
    authcfg: str = "",
    wait_scale: float = 1.0,
) -> tuple[dict[str, Any], FetchMeta]:
    """The checked JSON reply to ``query`` (see ``fetch_elements``)."""
    settings = settings or overpass_settings()
    cache = cache if cache is not None else default_cache()
    endpoints = [endpoint] if endpoint else list(settings.endpoints)
    if not endpoints:
        raise OverpassUnreachable(url="(none)", detail="no Overpass server in the settings")

    for candidate in endpoints:
        entry = cache.get(candidate, query)
        if entry is None:
            continue
        try:
            data, reply_meta = parse_reply(entry.body, url=candidate)
        except OverpassError:
            continue  # a bad entry is only a miss
        _info(
            feedback,
            tr("OSM data read from the cache (downloaded {when}).").format(when=_iso(entry.stored_at)),
        )
        return data, _meta(candidate, reply_meta, entry.stored_at, True, len(entry.body))

    client = _Client(feedback=feedback, settings=settings, authcfg=authcfg, wait_scale=wait_scale)
    last_error: Optional[FetchError] = None
    for index, candidate in enumerate(endpoints):
        if index:
            _info(feedback, tr("Trying the next Overpass server: {url}").format(url=candidate))
        try:
            body, data, reply_meta = client.fetch(candidate, query)
        except (OverpassUnreachable, OverpassBusy, OverpassNoAnswer) as error:
            last_error = error
            if index + 1 < len(endpoints):
                _info(feedback, error.message(user_language()))
            continue
        stored_at = time.time()
        try:
            cache.put(candidate, query, body)
        except OSError as error:  # a full disk must not lose a good download
            _info(feedback, tr("The download could not be cached: {error}").format(error=error))
        return data, _meta(candidate, reply_meta, stored_at, False, len(body))
    raise last_error or OverpassUnreachable(url=endpoints[-1], detail="no answer")


def _meta(endpoint: str, reply: ReplyMeta, stored_at: float, from_cache: bool, size: int) -> FetchMeta:
    return FetchMeta(
        endpoint=endpoint,
        osm_base=reply.osm_base,
        retrieved_at=_iso(stored_at),
        from_cache=from_cache,
        size_bytes=size,
        remark=reply.remark,
    )


def _iso(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _info(feedback: Optional[QgsFeedback], text: str) -> None:
    if isinstance(feedback, QgsProcessingFeedback):
        feedback.pushInfo(text)


class _Client:
    def __init__(
        self,
        *,
        feedback: Optional[QgsFeedback],
        settings: OverpassSettings,
        authcfg: str,
        wait_scale: float,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.feedback = feedback
        self.settings = settings
        self.authcfg = authcfg
        self.wait_scale = wait_scale
        self._sleep_step = sleep
        self._reported_mb = 0

    def fetch(self, endpoint: str, query: str) -> tuple[bytes, dict[str, Any], ReplyMeta]:
        wait = self.status_wait(endpoint)
        if wait:
            self.pause(min(wait, self.settings.max_wait_s), endpoint, reason=tr("no free slot"))
        attempts = self.settings.retries + 1
        last_status = 0
        for attempt in range(1, attempts + 1):
            text = tr("Querying {url} (attempt {n} of {total})…")
            _info(self.feedback, text.format(url=endpoint, n=attempt, total=attempts))
            response = self.post(endpoint, query)
            if response.status == 200:
                data, meta = parse_reply(response.body, url=endpoint)
                return response.body, data, meta
            if response.status not in RETRY_STATUSES:
                raise_for_status(response.status, response.body, url=endpoint)
            last_status = response.status
            if attempt == attempts:
                break
            wait = parse_retry_after(response.header("Retry-After"))
            if wait is None:
                wait = self.status_wait(endpoint) or 0.0
            if wait <= 0:
                wait = BACKOFF_FIRST_S * 2 ** (attempt - 1)
            if wait > self.settings.max_wait_s:  # longer than we may wait: say so now, and until when
                now = datetime.now().astimezone()
                raise OverpassAsksLongWait(
                    url=endpoint,
                    status=response.status,
                    wait=duration_text(wait),
                    until=clock_text(now + timedelta(seconds=wait), now),
                    max_wait=duration_text(self.settings.max_wait_s),
                )
            self.pause(wait, endpoint, reason=f"HTTP {response.status} {RETRY_STATUSES[response.status]}")
        raise OverpassBusy(url=endpoint, attempts=attempts, status=last_status)

    def post(self, endpoint: str, query: str) -> http.HttpResponse:
        """The query's own ``[timeout:N]`` (the settings' when it has none) plus a margin is how long the
        server may stay silent: it works that long, then needs a moment to say it gave up."""
        self._reported_mb = 0
        query_s = query_timeout_s(query) or self.settings.timeout_s
        try:
            return http.post_form(
                endpoint,
                {"data": query},
                timeout_s=query_s + self.settings.http_margin_s,
                feedback=self.feedback,
                authcfg=self.authcfg,
                on_progress=self._progress,
            )
        except TimedOut as error:
            raise OverpassNoAnswer(
                url=endpoint,
                seconds=error.params["seconds"],
                query_s=query_s,
                margin_s=self.settings.http_margin_s,
            ) from None
        except Unreachable as error:
            if error.partial:
                raise OverpassTruncated(url=endpoint, detail=error.params["detail"]) from None
            raise OverpassUnreachable(url=endpoint, detail=error.params["detail"]) from None

    def status_wait(self, endpoint: str) -> Optional[float]:
        """Seconds until a query slot frees, per ``/api/status``; None when the server has no status
        page or did not answer it (the query then tells)."""
        url = status_url(endpoint)
        if url is None:
            return None
        try:
            response = http.get(url, timeout_s=STATUS_TIMEOUT_S, feedback=self.feedback, authcfg=self.authcfg)
        except Unreachable as error:
            if error.partial:
                return None
            raise OverpassUnreachable(url=endpoint, detail=error.params["detail"]) from None
        except TimedOut:
            return None
        if response.status != 200:
            return None
        status = parse_status(response.body.decode("utf-8", errors="replace"))
        return status.wait_seconds() if status is not None else None

    def pause(self, seconds: float, endpoint: str, reason: str) -> None:
        text = tr("Overpass server busy ({reason}): waiting {seconds:.0f} s as it asks.")
        _info(self.feedback, text.format(reason=reason, seconds=seconds))
        cancellable_wait(seconds * self.wait_scale, self.feedback, self._sleep_step)

    def _progress(self, received: int, total: int) -> None:
        megabytes = received // 1_000_000
        if megabytes > self._reported_mb and isinstance(self.feedback, QgsProcessingFeedback):
            self._reported_mb = megabytes
            self.feedback.setProgressText(tr("Downloading OSM data: {mb} MB received").format(mb=megabytes))
