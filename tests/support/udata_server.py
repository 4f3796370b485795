"""A udata portal on 127.0.0.1 implementing the dataset endpoints as the udata API v1 documents them
(https://doc.data.gouv.fr/api/reference/): create (POST /api/1/datasets/), update (PUT
/api/1/datasets/{id}/), upload a file (POST /api/1/datasets/{id}/upload/, multipart field ``file``) and
replace a resource's file (POST /api/1/datasets/{id}/resources/{rid}/upload/). Every call needs the
header X-API-KEY (401 otherwise). It records what it received so tests assert on the requests."""

from __future__ import annotations

import json
import re
import threading
import unicodedata
import uuid
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Optional


@dataclass
class Received:
    method: str
    path: str
    headers: dict
    json: Optional[dict] = None
    file_name: Optional[str] = None
    file_bytes: Optional[bytes] = None


@dataclass
class UdataServer:
    api_key: str
    too_large: set = field(default_factory=set)  # file names answered with 413
    received: list = field(default_factory=list)
    datasets: dict = field(default_factory=dict)

    def __post_init__(self):
        self._httpd = None

    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def _reply(self, status, payload):
                body = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def _serve(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                item = Received(self.command, self.path, dict(self.headers))
                server.received.append(item)
                if self.headers.get("X-API-KEY") != server.api_key:
                    return self._reply(401, {"message": "Invalid API Key"})
                ctype = self.headers.get("Content-Type", "")
                if ctype.startswith("application/json"):
                    item.json = json.loads(body)
                elif ctype.startswith("multipart/form-data"):
                    message = BytesParser(policy=HTTP).parsebytes(
                        f"Content-Type: {ctype}\r\n\r\n".encode() + body
                    )
                    for part in message.iter_parts():
                        if part.get_param("name", header="content-disposition") == "file":
                            item.file_name = part.get_filename()
                            item.file_bytes = part.get_payload(decode=True)
                return server._route(self, item)

            do_POST = _serve
            do_PUT = _serve
            do_GET = _serve

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()
        return self

    def __exit__(self, *exc):
        self._httpd.shutdown()
        self._httpd.server_close()

    def _dataset_json(self, ds_id):
        ds = self.datasets[ds_id]
        return {**ds["meta"], "id": ds_id, "slug": ds["slug"], "page": f"{self.url()}/datasets/{ds['slug']}/",
                "resources": list(ds["resources"].values())}  # fmt: skip

    def _route(self, handler, item: Received):
        path = item.path
        if item.method == "POST" and path == "/api/1/datasets/":
            if not item.json or not item.json.get("title"):
                return handler._reply(400, {"errors": {"title": ["This field is required."]}})
            ds_id = uuid.uuid4().hex[:24]
            ascii_title = unicodedata.normalize("NFKD", item.json["title"]).encode("ascii", "ignore").decode()
            slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
            self.datasets[ds_id] = {"meta": item.json, "slug": slug, "resources": {}}
            return handler._reply(201, self._dataset_json(ds_id))
        m = re.fullmatch(r"/api/1/datasets/([^/]+)/", path)
        if m and item.method == "PUT":
            ds_id = self._find(m.group(1))
            if ds_id is None:
                return handler._reply(404, {"message": "Not found"})
            self.datasets[ds_id]["meta"].update(item.json or {})
            return handler._reply(200, self._dataset_json(ds_id))
        m = re.fullmatch(r"/api/1/datasets/([^/]+)/(?:resources/([^/]+)/)?upload/", path)
        if m and item.method == "POST":
            ds_id = self._find(m.group(1))
            if ds_id is None:
                return handler._reply(404, {"message": "Not found"})
            if item.file_name is None:
                return handler._reply(400, {"message": "No file"})
            if item.file_name in self.too_large:
                return handler._reply(413, {"message": "Request Entity Too Large"})
            rid = m.group(2) or uuid.uuid4().hex[:24]
            resource = {"id": rid, "title": item.file_name, "filesize": len(item.file_bytes),
                        "url": f"{self.url()}/fs/{rid}/{item.file_name}"}  # fmt: skip
            self.datasets[ds_id]["resources"][rid] = resource
            return handler._reply(200 if m.group(2) else 201, resource)
        return handler._reply(404, {"message": "Not found"})

    def _find(self, key):
        for ds_id, ds in self.datasets.items():
            if key in (ds_id, ds["slug"]):
                return ds_id
        return None
