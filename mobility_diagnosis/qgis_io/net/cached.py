"""A reply downloaded once: read from the plugin's cache while it is fresh, else fetched by ``http.get``.

Every online source that reads one document (a dataset list, an outline, a national base) goes through
``cached_get``, so they agree on what may enter the cache: only a reply that reads.
"""

from __future__ import annotations

from typing import Any, Callable, Optional, TypeVar

from ...core.fetch_errors import Cancelled, FetchError, HttpStatusError
from . import http
from .cache import ResponseCache

T = TypeVar("T")

# What reading a cached body may fail with: the entry is then only a miss, downloaded again.
BAD_ENTRY = (ValueError, TypeError, KeyError, FetchError)


def cached_get(
    url: str,
    read: Callable[[bytes], T],
    *,
    cache: ResponseCache,
    query: str = "",
    bad_reply: Optional[Callable[[ValueError], Exception]] = None,
    not_found: Optional[Callable[[], T]] = None,
    **get_kwargs: Any,
) -> T:
    """``read(body)`` of the reply to ``url`` (``get_kwargs`` go to ``http.get``). Only a body that reads is
    cached. ``bad_reply`` turns a reply that does not read (ValueError) into the caller's own error;
    ``not_found`` answers a 404, any other failed status is an ``HttpStatusError``."""
    entry = cache.get(url, query)
    if entry is not None:
        try:
            return read(entry.body)
        except BAD_ENTRY:
            pass  # a bad entry is only a miss
    reply = http.get(url, **get_kwargs)
    if reply.status == 404 and not_found is not None:
        return not_found()
    if not reply.ok:
        raise HttpStatusError(url=url, status=reply.status)
    try:
        result = read(reply.body)
    except ValueError as error:
        if bad_reply is None:
            raise
        raise bad_reply(error) from error
    cache.put(url, query, reply.body)
    return result


def cached_get_or(
    url: str, read: Callable[[bytes], T], failure: Callable[[str], Exception], lang: str, **kwargs: Any
) -> T:
    """``cached_get``, a network failure (not a cancel) raised as the caller's ``failure`` with its message in
    ``lang``: what a source that ends in "failed, why" wants."""
    try:
        return cached_get(url, read, **kwargs)
    except Cancelled:
        raise
    except FetchError as error:
        raise failure(error.message(lang)) from error
