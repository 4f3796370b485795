"""A real HTTP server on 127.0.0.1 replaying scripted replies, for every online source.

Each path gets a script: a list of ``Reply`` served in order (the last one repeats). The server
counts requests per path and keeps their bodies, so tests assert on what was (not) asked.
Replies can be slow (sent in small pieces over ``delay`` seconds), silent for ``silence`` seconds before
the status line, cut (``truncate_at`` bytes of a body announced in full) or reset (the connection is
closed with a TCP RST before any reply).

    with ReplayServer() as server:
        server.script("/api/status", Reply(body=b"..."))
        url = server.url("/api/status")
"""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable, Optional, Union
from urllib.parse import urlsplit


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict = field(default_factory=dict)
    content_type: str = "application/json"
    delay: float = 0.0  # seconds before the body (headers are sent first)
    silence: float = 0.0  # seconds before anything at all, status line included (a server still working)
    truncate_at: Optional[int] = None  # send only this many bytes of the body, then close
    reset: bool = False  # close the connection with a TCP RST instead of answering


Handler = Callable[["Request"], Reply]


@dataclass
class Request:
    method: str
    path: str
    query: str
    headers: dict
    body: bytes


class ReplayServer:
    def __init__(self) -> None:
        self._scripts: dict[str, list[Union[Reply, Handler]]] = {}
        self.requests: list[Request] = []
        self.counts: dict[str, int] = defaultdict(int)
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._connections: set[socket.socket] = set()  # open client connections, closed by stop()
        self._httpd: Optional[ThreadingHTTPServer] = None
        self._thread: Optional[threading.Thread] = None

    # -- scripting ---------------------------------------------------------------------------------
    def script(self, path: str, *replies: Union[Reply, Handler]) -> None:
        """Replies for ``path``, served in order; the last repeats. A callable builds the reply."""
        with self._lock:
            self._scripts[path] = list(replies)

    def count(self, path: str) -> int:
        with self._lock:
            return self.counts.get(path, 0)

    def url(self, path: str = "") -> str:
        assert self._httpd is not None, "server not started"
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}{path}"

    def _next(self, request: Request) -> Reply:
        with self._lock:
            self.counts[request.path] += 1
            self.requests.append(request)
            script = self._scripts.get(request.path)
            if not script:
                return Reply(status=404, body=b"not scripted", content_type="text/plain")
            item = script.pop(0) if len(script) > 1 else script[0]
        return item(request) if callable(item) else item

    # -- life cycle --------------------------------------------------------------------------------
    def start(self) -> ReplayServer:
        server = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:  # keep test output clean
                pass

            def setup(self) -> None:
                super().setup()
                with server._lock:
                    server._connections.add(self.connection)

            def finish(self) -> None:
                with server._lock:
                    server._connections.discard(self.connection)
                super().finish()

            def _serve(self) -> None:
                if server._stop.is_set():  # a request on a connection kept alive past stop(): never answer
                    self.close_connection = True
                    return
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                parts = urlsplit(self.path)
                request = Request(self.command, parts.path, parts.query, dict(self.headers), body)
                reply = server._next(request)
                if reply.silence and server._stop.wait(reply.silence):
                    return  # server stopping: never answer
                if reply.reset:
                    self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    self.connection.close()
                    self.close_connection = True
                    return
                self.send_response(reply.status)
                self.send_header("Content-Type", reply.content_type)
                self.send_header("Content-Length", str(len(reply.body)))
                for key, value in reply.headers.items():
                    self.send_header(key, value)
                if reply.truncate_at is not None:
                    self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.flush()
                if reply.delay and server._stop.wait(reply.delay):
                    return  # server stopping: give up the slow reply
                data = reply.body if reply.truncate_at is None else reply.body[: reply.truncate_at]
                try:
                    self.wfile.write(data)
                    self.wfile.flush()
                except (BrokenPipeError, ConnectionResetError):
                    return  # the client gave up (cancel)
                if reply.truncate_at is not None:
                    self.close_connection = True

            do_GET = _serve
            do_POST = _serve
            do_PUT = _serve
            do_DELETE = _serve

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05})
        self._thread.daemon = True
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stops listening and closes every kept-alive connection: a client's connection pool must not
        carry a request to this server's scripts into a later server that got the same port."""
        self._stop.set()
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
        with self._lock:
            connections, self._connections = list(self._connections), set()
        for connection in connections:
            with contextlib.suppress(OSError):  # already closed by the client
                connection.shutdown(socket.SHUT_RDWR)
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> ReplayServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def free_port_refusing_connections() -> int:
    """A loopback port with nothing listening (for 'unreachable' tests)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(predicate: Callable[[], bool], timeout: float = 5.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.01)
    return predicate()
