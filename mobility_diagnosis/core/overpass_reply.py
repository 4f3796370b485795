"""Checks of Overpass replies, and of ``/api/status``, turned into named failures.

Overpass answers HTTP 200 even when it gave up: the JSON then carries a ``remark`` (“runtime error:
Query timed out…”, “…out of memory…”) with whatever partial data it had. Such a reply is a failure,
never data. A body cut off in transit is not valid JSON and is a failure too.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Any, Optional

from .fetch_errors import (
    OverpassBadReply,
    OverpassOutOfMemory,
    OverpassQueryError,
    OverpassRuntimeError,
    OverpassTimeout,
    OverpassTruncated,
)

# HTTP statuses worth waiting for and retrying (Overpass API documentation, "Rate limiting"):
# 429 too many requests from this address, 504 the server is overloaded; 502/503 from proxies in front.
RETRY_STATUSES: dict[int, str] = {
    429: "too many requests",
    502: "bad gateway",
    503: "service unavailable",
    504: "gateway timeout",
}

# Remark texts of a server that gave up, first match wins (Overpass source, dispatcher and
# resource manager messages). The exception class carries the advice.
REMARK_FAILURES: tuple[tuple[str, type], ...] = (
    ("timed out", OverpassTimeout),
    ("out of memory", OverpassOutOfMemory),
    ("runtime error", OverpassRuntimeError),
    ("error", OverpassRuntimeError),
)

_HTML_ERROR = re.compile(r"<strong[^>]*>\s*Error\s*</strong>\s*:?(.*?)</p>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_SLOTS_NOW = re.compile(r"^(\d+) slots? available now", re.MULTILINE)
_SLOT_AFTER = re.compile(r"^Slot available after: [^,]+, in (-?\d+) seconds?", re.MULTILINE)
_RATE_LIMIT = re.compile(r"^Rate limit: (\d+)", re.MULTILINE)
_RUNNING = re.compile(r"^Currently running queries[^\n]*\n((?:\d+\s[^\n]*\n?)*)", re.MULTILINE)


@dataclass(frozen=True)
class ReplyMeta:
    """What the ``about`` table keeps from a reply."""

    osm_base: Optional[str]  # osm3s.timestamp_osm_base: the age of the server's data
    generator: Optional[str]
    remark: Optional[str]  # a harmless remark (a failing one raised instead)
    element_count: int


@dataclass(frozen=True)
class ServerStatus:
    """Parsed ``/api/status``: how long to wait before the next query."""

    rate_limit: Optional[int]  # slots per address; 0 means no limit
    slots_available: int
    next_slot_in: list[int] = field(default_factory=list)  # seconds until each busy slot frees
    running: int = 0

    def wait_seconds(self) -> float:
        if self.rate_limit == 0 or self.slots_available > 0:
            return 0.0
        if self.next_slot_in:
            return float(max(0, min(self.next_slot_in)))
        return 0.0


def snippet(body: bytes, limit: int = 160) -> str:
    """A short readable excerpt of a body for messages (tags stripped, whitespace squeezed)."""
    text = body[: limit * 8].decode("utf-8", errors="replace")
    match = _HTML_ERROR.search(text)
    if match:
        text = match.group(1)
    text = " ".join(html.unescape(_TAG.sub(" ", text)).split())
    return text[:limit] + ("…" if len(text) > limit else "")


def parse_reply(body: bytes, *, url: str) -> tuple[dict[str, Any], ReplyMeta]:
    """The JSON of an HTTP 200 Overpass reply, or the named failure it hides."""
    head = body.lstrip()[:1]
    if head == b"<":
        # An HTML page in a 200: an error page of Overpass (“Error: runtime error…”) or of a proxy.
        text = snippet(body, 300)
        if "runtime error" in text.lower():
            _raise_for_remark(text, url)
        raise OverpassBadReply(url=url, snippet=text)
    if not body.strip():
        raise OverpassTruncated(url=url, detail="empty reply")
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError) as error:
        if head in (b"{", b"["):
            raise OverpassTruncated(
                url=url, detail=f"invalid JSON after {len(body):,} bytes: {error}"
            ) from None
        raise OverpassBadReply(url=url, snippet=snippet(body)) from None
    if not isinstance(data, dict) or not isinstance(data.get("elements"), list):
        raise OverpassBadReply(url=url, snippet=snippet(body))
    remark = data.get("remark")
    if remark:
        _raise_for_remark(str(remark), url)
    osm3s = data.get("osm3s") if isinstance(data.get("osm3s"), dict) else {}
    meta = ReplyMeta(
        osm_base=osm3s.get("timestamp_osm_base"),
        generator=data.get("generator"),
        remark=str(remark) if remark else None,
        element_count=len(data["elements"]),
    )
    return data, meta


def _raise_for_remark(remark: str, url: str) -> None:
    lowered = remark.lower()
    for needle, error in REMARK_FAILURES:
        if needle in lowered:
            raise error(url=url, remark=remark.strip().rstrip("."))


def raise_for_status(status: int, body: bytes, *, url: str) -> None:
    """A non-retryable, non-200 status as a named failure (400: Overpass rejected our query)."""
    if status == 400:
        raise OverpassQueryError(url=url, detail=snippet(body, 300) or "HTTP 400")
    raise OverpassBadReply(url=url, snippet=f"HTTP {status}: {snippet(body)}")


def parse_retry_after(value: Optional[str], now: Optional[datetime] = None) -> Optional[float]:
    """Seconds to wait from a Retry-After header (delay in seconds or an HTTP date), None if absent."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    now = now or datetime.now(timezone.utc)
    return max(0.0, (when - now).total_seconds())


def parse_status(text: str) -> Optional[ServerStatus]:
    """``/api/status`` text, or None when it is not one (mirrors without the endpoint, HTML pages)."""
    rate = _RATE_LIMIT.search(text)
    now = _SLOTS_NOW.search(text)
    after = [int(s) for s in _SLOT_AFTER.findall(text)]
    if rate is None and now is None and not after:
        return None
    running = _RUNNING.search(text)
    return ServerStatus(
        rate_limit=int(rate.group(1)) if rate else None,
        slots_available=int(now.group(1)) if now else 0,
        next_slot_in=after,
        running=len(running.group(1).strip().splitlines()) if running and running.group(1).strip() else 0,
    )


def status_url(interpreter_url: str) -> Optional[str]:
    """The ``/api/status`` URL next to an interpreter URL, None when it cannot be derived."""
    base = interpreter_url.split("?", 1)[0].rstrip("/")
    if base.endswith("/interpreter"):
        return base[: -len("interpreter")] + "status"
    return None
