"""Publishing a package to a udata portal (data.gouv.fr, demo.data.gouv.fr) through QGIS networking.

udata API v1 (https://doc.data.gouv.fr/api/reference/): ``POST /api/1/datasets/`` creates a dataset,
``PUT /api/1/datasets/{id}/`` updates one, ``POST /api/1/datasets/{id}/upload/`` adds a file (multipart
field ``file``) and ``POST /api/1/datasets/{id}/resources/{rid}/upload/`` replaces the file of an existing
resource. Every call carries the API key in the ``X-API-KEY`` header.

The key comes from a QGIS authentication configuration: of type "API Header" (QGIS >= 3.26, header
``X-API-KEY``), QGIS adds the header itself and the key never reaches Python; of type "Basic" (any
QGIS, the key as password, the user name ignored), the key is read from the encrypted database for the
request only. It is never logged, stored in settings or put in a message.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import Callable, Optional, Sequence

from ...core.fetch_errors import Cancelled, NetworkError
from ..net import http

AUTH_HEADER_NAME = "X-API-KEY"
DEFAULT_PORTAL = "https://demo.data.gouv.fr"
LICENSE_ID = "odc-odbl"  # udata licence id of the ODbL (GET /api/1/datasets/licenses/)
UPLOAD_TIMEOUT_S = 300.0
MEDIA_TYPES = {
    ".gpkg": "application/geopackage+sqlite3",
    ".pdf": "application/pdf",
    ".csv": "text/csv",
    ".geojson": "application/geo+json",
    ".json": "application/json",
    ".md": "text/markdown",
}


class PublishError(Exception):
    """Publication failed; the message says what happened, what went and what to do."""

    def __init__(self, message: str, sent: Sequence[str] = (), not_sent: Sequence[str] = ()):
        super().__init__(message)
        self.sent = list(sent)
        self.not_sent = list(not_sent)


@dataclass
class Credentials:
    """How the key travels: an authcfg QGIS applies itself, or a header we add from a Basic config."""

    authcfg: str = ""
    headers: dict = field(default_factory=dict)

    def __repr__(self) -> str:  # never show the key, even in a traceback
        return f"Credentials(authcfg={self.authcfg!r}, headers=<{len(self.headers)} hidden>)"


def credentials_from_authcfg(authcfg: str) -> Credentials:
    from qgis.core import QgsApplication, QgsAuthMethodConfig

    if not authcfg:
        raise PublishError(
            "No API key: create a QGIS authentication configuration holding your udata API key (type "
            "“API Header” with the header X-API-KEY, or “Basic” with the key as password) and choose it in AUTHCFG."
        )
    manager = QgsApplication.authManager()
    config = QgsAuthMethodConfig()
    if not manager.loadAuthenticationConfig(authcfg, config, True) or not config.isValid(True):
        raise PublishError(
            f"The authentication configuration {authcfg} cannot be read: check its id, and that the QGIS "
            "authentication database is unlocked (master password)."
        )
    method = config.method()
    if method == "APIHeader":
        if AUTH_HEADER_NAME.lower() not in {k.lower() for k in config.configMap()}:
            raise PublishError(
                f"The authentication configuration {authcfg} has no {AUTH_HEADER_NAME} header: add one."
            )
        return Credentials(authcfg=authcfg)
    if method == "Basic":
        key = config.config("password")
        if not key:
            raise PublishError(
                f"The authentication configuration {authcfg} has an empty password: put the API key there."
            )
        return Credentials(headers={AUTH_HEADER_NAME: key})
    raise PublishError(
        f"The authentication configuration {authcfg} is of type {method}: use “API Header” (X-API-KEY) or “Basic” "
        "(API key as password)."
    )


@dataclass
class DatasetInfo:
    title: str
    description: str
    tags: list
    spatial: Optional[dict] = None  # {"zones": ["fr:commune:06032"], "granularity": "fr:commune"}
    license: str = LICENSE_ID

    def payload(self) -> dict:
        body = {
            "title": self.title,
            "description": self.description,
            "license": self.license,
            "tags": self.tags,
            "frequency": "irregular",
        }
        if self.spatial:
            body["spatial"] = self.spatial
        return body


@dataclass
class PublishResult:
    dataset_id: str
    page: str
    created: bool
    sent: list = field(default_factory=list)


class UdataClient:
    def __init__(self, portal: str, credentials: Credentials, feedback=None):
        self.api = portal.rstrip("/") + "/api/1"
        self.credentials = credentials
        self.feedback = feedback

    # -- one exchange --------------------------------------------------------------------------------
    def _call(
        self, method: str, path: str, *, body: Optional[bytes] = None, content_type: str = "", what: str
    ):
        headers = {"Accept": "application/json", **self.credentials.headers}
        if content_type:
            headers["Content-Type"] = content_type
        url = self.api + path
        try:
            reply = http.request(
                method,
                url,
                data=body,
                headers=headers,
                authcfg=self.credentials.authcfg,
                timeout_s=UPLOAD_TIMEOUT_S,
                feedback=self.feedback,
            )
        except Cancelled:
            raise
        except NetworkError as exc:
            raise PublishError(
                f"{what}: the portal {self.api} could not be reached ({exc}). Check the address and your "
                "connection (proxy settings in QGIS), then publish again."
            ) from exc
        if reply.status == 401 or reply.status == 403:
            raise PublishError(
                f"{what}: the portal refused the API key (HTTP {reply.status}). Check that the key in the "
                "authentication configuration is current (your profile page on the portal, “API key”) and that "
                "you may edit this dataset."
            )
        if reply.status == 413:
            raise PublishError(
                f"{what}: the file is too large for the portal (HTTP 413). Publish it elsewhere and add a link, "
                "or ask the portal's administrators for a larger limit."
            )
        if reply.status == 404:
            raise PublishError(f"{what}: not found on the portal (HTTP 404). Check the dataset id or slug.")
        if not reply.ok:
            raise PublishError(
                f"{what}: the portal answered HTTP {reply.status}: {_server_message(reply.body)}"
            )
        try:
            return reply.json() if reply.body else {}
        except ValueError as exc:
            raise PublishError(
                f"{what}: the portal's answer is not JSON; is {self.api} a udata portal?"
            ) from exc

    def _json(self, method: str, path: str, payload: dict, what: str) -> dict:
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        return self._call(method, path, body=body, content_type="application/json", what=what)

    # -- API ---------------------------------------------------------------------------------------
    def create_dataset(self, info: DatasetInfo) -> dict:
        return self._json("POST", "/datasets/", info.payload(), "Creating the dataset")

    def update_dataset(self, dataset: str, info: DatasetInfo) -> dict:
        return self._json("PUT", f"/datasets/{dataset}/", info.payload(), f"Updating the dataset {dataset}")

    def upload(self, dataset: str, path: str, resource_id: Optional[str] = None) -> dict:
        name = os.path.basename(path)
        with open(path, "rb") as f:
            content = f.read()
        media = MEDIA_TYPES.get(os.path.splitext(name)[1].lower(), "application/octet-stream")
        body, content_type = http.encode_multipart({}, {"file": (name, content, media)})
        target = (
            f"/datasets/{dataset}/resources/{resource_id}/upload/"
            if resource_id
            else f"/datasets/{dataset}/upload/"
        )
        return self._call("POST", target, body=body, content_type=content_type, what=f"Uploading {name}")


def publish(
    client: UdataClient,
    folder: str,
    files: Sequence[str],
    info: DatasetInfo,
    dataset: str = "",
    progress: Callable[[int, str], None] = lambda index, name: None,
) -> PublishResult:
    """Create (or update) the dataset, then upload each file; raises PublishError naming what went."""
    record = client.update_dataset(dataset, info) if dataset else client.create_dataset(info)
    dataset_id = record.get("id") or dataset
    if not dataset_id:
        raise PublishError("The portal did not return the new dataset's id; nothing was uploaded.")
    page = record.get("page") or ""
    existing = {r.get("title"): r.get("id") for r in record.get("resources") or [] if r.get("title")}
    sent: list[str] = []
    for index, name in enumerate(files):
        progress(index, name)
        try:
            client.upload(dataset_id, os.path.join(folder, name), existing.get(name))
        except (PublishError, Cancelled) as exc:
            not_sent = list(files[index:])
            reason = "Cancelled" if isinstance(exc, Cancelled) else str(exc)
            raise PublishError(
                f"{reason}\nDataset {dataset_id} ({page or 'no page address'}): sent {', '.join(sent) or 'nothing'}; "
                f"not sent: {', '.join(not_sent)}. Publish again with DATASET={dataset_id} to finish.",
                sent,
                not_sent,
            ) from exc
        sent.append(name)
    return PublishResult(dataset_id, page, not dataset, sent)


def _server_message(body: bytes) -> str:
    try:
        data = json.loads(body)
        if isinstance(data, dict):
            return str(data.get("message") or data.get("errors") or data)[:300]
    except ValueError:
        pass
    return body[:300].decode("utf-8", "replace")
