"""Acceslibre's ``GET /api/erps/`` on the loopback ReplayServer, paginated as ``ErpPagination`` documents it
(``page`` and ``page_size`` query parameters, absolute ``next`` links, ``null`` on the last page), filtered by
``code_insee``, optionally refusing requests without the right ``Authorization: Api-Key <key>`` header."""

from __future__ import annotations

from typing import Optional
from urllib.parse import parse_qs

from tests.support.acceslibre_data import api_page
from tests.support.http_server import ReplayServer, Reply, Request

ERPS = "/api/erps/"


def serve_erps(
    server: ReplayServer,
    results: list,
    *,
    page_size: int = 2,
    key: Optional[str] = None,
    refusal: int = 403,
) -> None:
    """``results``: api_result dicts. Pages of ``page_size`` whatever the client asks (a server may cap it)."""

    def handle(request: Request) -> Reply:
        if key is not None and request.headers.get("Authorization") != f"Api-Key {key}":
            return Reply(status=refusal, body=b'{"detail": "Authentication credentials were not provided."}')
        query = parse_qs(request.query)
        code = (query.get("code_insee") or [None])[0]
        chosen = [r for r in results if code is None or r["code_insee"] == code]
        page = int((query.get("page") or ["1"])[0])
        start = (page - 1) * page_size
        more = start + page_size < len(chosen)
        nxt = server.url(f"{ERPS}?code_insee={code}&page={page + 1}&page_size=1000") if more else None
        return Reply(body=api_page(chosen[start : start + page_size], next_url=nxt, count=len(chosen)))

    server.script(ERPS, handle)
