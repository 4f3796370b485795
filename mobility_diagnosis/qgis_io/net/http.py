"""HTTP through QGIS networking, for every online source (Overpass, geo.api.gouv.fr, udata…).

Every request goes through QgsNetworkAccessManager, so the user's proxy, SSL and authentication
configurations (``authcfg``) apply. On the main thread ``QgsBlockingNetworkRequest`` runs it (in its
own thread, keeping QGIS responsive); in worker threads (Processing tasks) the reply is driven here
with the cancel button polled (see ``_polled_request``). HTTP error statuses are returned, not
raised: the caller knows what a 429 means for its service. Only a failed exchange raises. QGIS's network
disk cache keeps nothing of ours (``_forget``): the plugin's own caches (``cache.py``) decide what is kept.
"""

from __future__ import annotations

import contextlib
import contextvars
import json
import time
import uuid
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Optional
from urllib.parse import urlencode

from qgis.core import (
    QgsApplication,
    QgsBlockingNetworkRequest,
    QgsFeedback,
    QgsNetworkAccessManager,
    QgsNetworkRequestParameters,
)
from qgis.PyQt.QtCore import QByteArray, QCoreApplication, QEventLoop, Qt, QThread, QTimer, QUrl
from qgis.PyQt.QtNetwork import QNetworkRequest

from ...core.fetch_errors import Cancelled, TimedOut, Unreachable

INITIATOR = "MobilityDiagnosis"  # shows in QGIS's network logger as the origin of our requests
DEFAULT_TIMEOUT_S = 60.0

# QNetworkReply errors below 100 are connection-level failures (Qt docs, QNetworkReply::NetworkError),
# 101-199 proxy failures; from 201 on the HTTP exchange happened and the status tells the rest.
_OPERATION_CANCELED = 5
_LAST_TRANSPORT_ERROR = 199

# QgsNetworkAccessManager aborts every reply silent for its global timeout (Settings > Options >
# Network, 60 s by default) with a timer named so on the reply (QGIS source, qgsnetworkaccessmanager.cpp,
# createRequest; the same on 3.22 and 3.44). A longer wait of ours lengthens that timer on our reply only:
# the user's setting is never changed.
_QGIS_TIMER = "timeoutTimer"
_QGIS_TIMER_SLACK_S = 5.0  # ours (Qt's transfer timeout, or the polling below) fires first and is reported


# A cap on every request's silence timeout, set by ``time_limit`` around what may not keep the user waiting
# (a source tried in "auto" mode, core.sources.AUTO_TIMEOUT_S). A context variable: it follows the thread
# (or task) that set it, never another run's requests.
_CAP: contextvars.ContextVar[Optional[float]] = contextvars.ContextVar(
    "mobility_diagnosis_http_cap", default=None
)


@contextlib.contextmanager
def time_limit(seconds: Optional[float]):
    """Requests made inside wait at most ``seconds`` of silence, whatever timeout they ask (None: no cap)."""
    token = _CAP.set(seconds)
    try:
        yield
    finally:
        _CAP.reset(token)


def effective_timeout(timeout_s: float) -> float:
    """The timeout a request asking ``timeout_s`` gets: the ``time_limit`` around it, when shorter."""
    cap = _CAP.get()
    return min(timeout_s, cap) if cap is not None else timeout_s


@dataclass(frozen=True)
class HttpResponse:
    url: str
    status: int
    headers: Mapping[str, str]  # lower-case names
    body: bytes

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    def header(self, name: str) -> Optional[str]:
        return self.headers.get(name.lower())

    def json(self) -> Any:
        return json.loads(self.body)


ProgressCallback = Callable[[int, int], None]  # (bytes received, total or -1)


def request(
    method: str,
    url: str,
    *,
    data: Optional[bytes] = None,
    headers: Optional[Mapping[str, str]] = None,
    authcfg: str = "",
    timeout_s: float = DEFAULT_TIMEOUT_S,
    feedback: Optional[QgsFeedback] = None,
    on_progress: Optional[ProgressCallback] = None,
) -> HttpResponse:
    """One HTTP exchange. Raises ``Cancelled`` (feedback cancelled), ``TimedOut`` (nothing received
    for ``timeout_s``) or ``Unreachable`` (no connection, or the body was cut off)."""
    if method not in _METHODS:
        raise ValueError(f"unsupported HTTP method {method}")
    timeout_s = effective_timeout(timeout_s)
    if feedback is not None and feedback.isCanceled():
        raise Cancelled()
    qrequest = QNetworkRequest(QUrl(url))
    qrequest.setAttribute(
        QNetworkRequest.Attribute(QgsNetworkRequestParameters.AttributeInitiatorClass), INITIATOR
    )
    if hasattr(qrequest, "setTransferTimeout"):  # Qt >= 5.15: abort after this long without data
        qrequest.setTransferTimeout(int(timeout_s * 1000))
    for name, value in (headers or {}).items():
        qrequest.setRawHeader(name.encode("latin-1"), value.encode("latin-1"))
    # our own caches decide what is kept (net/cache.py); Qt's disk cache must hold nothing of ours (_forget)
    qrequest.setAttribute(QNetworkRequest.Attribute.CacheSaveControlAttribute, False)
    payload = QByteArray(data or b"")
    last_activity = [time.monotonic(), None]  # when bytes last moved, and the last (received, total)

    def progress(received: int, total: int) -> None:
        if received > 0 and (received, total) != last_activity[1]:  # not the (0, 0) Qt sends on an abort
            last_activity[:] = [time.monotonic(), (received, total)]
        if on_progress is not None:
            on_progress(received, total)

    _forget(qrequest.url())
    if QThread.currentThread() == QCoreApplication.instance().thread():
        with _qgis_timeout_at_least(qrequest, timeout_s):
            outcome = _blocking_request(method, qrequest, payload, authcfg, feedback, progress)
    else:
        outcome = _polled_request(method, qrequest, payload, authcfg, timeout_s, feedback, progress)
    for address in (qrequest.url(), outcome.url):  # QgsBlockingNetworkRequest saves whatever we ask
        _forget(address)
    if feedback is not None and feedback.isCanceled():
        raise Cancelled()
    if outcome.timed_out or outcome.error == _OPERATION_CANCELED:
        # aborted, and not by the user: a timeout fired; the message says how long it really waited
        raise TimedOut(url=url, seconds=time.monotonic() - last_activity[0])
    if not outcome.status:
        raise Unreachable(url=url, detail=_short(outcome.detail))
    if 0 < outcome.error <= _LAST_TRANSPORT_ERROR:
        raise Unreachable(url=url, detail=_short(outcome.detail), partial=True)
    return HttpResponse(url=url, status=outcome.status, headers=outcome.headers, body=outcome.body)


_METHODS = ("GET", "POST", "PUT", "DELETE", "HEAD")


@dataclass
class _Outcome:
    status: int  # 0 when no HTTP reply came
    error: int  # QNetworkReply.NetworkError
    detail: str
    headers: dict
    body: bytes
    timed_out: bool = False
    url: QUrl = field(default_factory=QUrl)  # the address that answered, after redirects


def _forget(url: QUrl) -> None:
    """Remove ``url`` from QGIS's network disk cache (one store, shared by every thread's manager). Given an
    address it held, Qt answered with the cached body appended to the server's under the cached status (a
    500 after a 200 read as 200 « {error}{ok} »), or with the cached reply alone off the main thread, even
    when told to ask the network (QGIS 3.22 and 3.44, tests/qgis_io/test_http.py)."""
    cache = QgsNetworkAccessManager.instance().cache()
    if cache is not None and not url.isEmpty():
        cache.remove(url)


def _headers(reply) -> dict:
    return {
        bytes(h).decode("latin-1").lower(): bytes(reply.rawHeader(h)).decode("latin-1")
        for h in reply.rawHeaderList()
    }


def _blocking_request(method, qrequest, payload, authcfg, feedback, on_progress) -> _Outcome:
    """The main thread: QgsBlockingNetworkRequest runs the transfer in its own thread and keeps
    the interface alive; its feedback wiring aborts the reply on cancel."""
    blocking = QgsBlockingNetworkRequest()
    if authcfg:
        blocking.setAuthCfg(authcfg)
    blocking.uploadProgress.connect(on_progress, Qt.ConnectionType.DirectConnection)
    blocking.downloadProgress.connect(on_progress, Qt.ConnectionType.DirectConnection)
    # forceRefresh=True: our own cache decides; Qt's disk cache must not answer for the server.
    if method == "GET":
        code = blocking.get(qrequest, True, feedback)
    elif method == "POST":
        code = blocking.post(qrequest, payload, True, feedback)
    elif method == "PUT":
        code = blocking.put(qrequest, payload, feedback)
    elif method == "DELETE":
        code = blocking.deleteResource(qrequest, feedback)
    else:
        code = blocking.head(qrequest, True, feedback)
    reply = blocking.reply()
    status = reply.attribute(QNetworkRequest.Attribute.HttpStatusCodeAttribute)
    return _Outcome(
        status=int(status or 0),
        error=int(reply.error()),
        detail=blocking.errorMessage() or reply.errorString() or "no reply",
        headers=_headers(reply),
        body=bytes(reply.content()),
        timed_out=code == QgsBlockingNetworkRequest.ErrorCode.TimeoutError,
        url=reply.request().url(),
    )


def _polled_request(method, qrequest, payload, authcfg, timeout_s, feedback, on_progress) -> _Outcome:
    """A worker thread (Processing tasks): the reply is driven here and the cancel button polled.

    QgsBlockingNetworkRequest is not used off the main thread: on QGIS 3.22 a cancel during a POST
    there deletes the reply before it finishes and the call never returns (seen in tests). Same
    QGIS networking (QgsNetworkAccessManager: proxies, SSL, authentication configurations)."""
    manager = QgsNetworkAccessManager.instance()
    if authcfg and not QgsApplication.authManager().updateNetworkRequest(qrequest, authcfg):
        return _Outcome(0, 0, f"authentication configuration {authcfg} could not be applied", {}, b"")
    qrequest.setAttribute(
        QNetworkRequest.Attribute.RedirectPolicyAttribute,
        QNetworkRequest.RedirectPolicy.NoLessSafeRedirectPolicy,
    )
    qrequest.setAttribute(
        QNetworkRequest.Attribute.CacheLoadControlAttribute, QNetworkRequest.CacheLoadControl.AlwaysNetwork
    )
    if method == "GET":
        reply = manager.get(qrequest)
    elif method == "POST":
        reply = manager.post(qrequest, payload)
    elif method == "PUT":
        reply = manager.put(qrequest, payload)
    elif method == "DELETE":
        reply = manager.deleteResource(qrequest)
    else:
        reply = manager.head(qrequest)
    if authcfg:
        QgsApplication.authManager().updateNetworkReply(reply, authcfg)
    _lengthen_qgis_timer(reply, timeout_s)
    last_activity = [time.monotonic()]

    def progress(received: int, total: int) -> None:
        last_activity[0] = time.monotonic()
        on_progress(received, total)

    reply.downloadProgress.connect(progress)
    reply.uploadProgress.connect(progress)
    loop = QEventLoop()
    timed_out = False
    # No QTimer: plain Python threads (not QThreads) cannot run Qt timers.
    while not reply.isFinished():
        loop.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        if reply.isFinished():
            break
        if feedback is not None and feedback.isCanceled():
            reply.abort()
            break
        if time.monotonic() - last_activity[0] > timeout_s:
            timed_out = True
            reply.abort()
            break
        time.sleep(_POLL_S)
    status = reply.attribute(QNetworkRequest.Attribute.HttpStatusCodeAttribute)
    outcome = _Outcome(
        status=int(status or 0),
        error=int(reply.error()),
        detail=reply.errorString() or "no reply",
        headers=_headers(reply),
        body=bytes(reply.readAll()) if reply.isOpen() else b"",
        timed_out=timed_out,
        url=reply.url(),
    )
    reply.deleteLater()
    return outcome


_POLL_S = 0.01


def _lengthen_qgis_timer(reply, timeout_s: float) -> None:
    """QGIS's timeout timer of ``reply`` made at least ``timeout_s`` (plus a slack), never shorter."""
    try:
        timer = reply.findChild(QTimer, _QGIS_TIMER)
        wanted = int((timeout_s + _QGIS_TIMER_SLACK_S) * 1000)
        if timer is not None and timer.interval() < wanted:
            timer.setInterval(wanted)  # restarts it when running; its restarts on progress keep the interval
    except RuntimeError:  # the reply already finished and was deleted: nothing left to lengthen
        pass


@contextlib.contextmanager
def _qgis_timeout_at_least(qrequest: QNetworkRequest, timeout_s: float):
    """While QgsBlockingNetworkRequest runs ``qrequest`` (in a thread of its own, out of reach), a reply
    preprocessor finds our reply by a unique initiator id and lengthens QGIS's timer once it exists (it is
    made just after the preprocessors run, hence the zero-delay timer in the reply's thread)."""
    default_ms = QgsNetworkAccessManager.timeout()
    if default_ms <= 0 or default_ms >= (timeout_s + _QGIS_TIMER_SLACK_S) * 1000:
        yield  # QGIS's own timeout is off or long enough
        return
    token = f"{INITIATOR}-{uuid.uuid4().hex}"
    qrequest.setAttribute(_INITIATOR_ID, token)

    def preprocess(request: QNetworkRequest, reply) -> None:
        if request.attribute(_INITIATOR_ID) == token:
            QTimer.singleShot(0, lambda: _lengthen_qgis_timer(reply, timeout_s))

    handle = QgsNetworkAccessManager.setReplyPreprocessor(preprocess)
    try:
        yield
    finally:
        QgsNetworkAccessManager.removeReplyPreprocessor(handle)


_INITIATOR_ID = QNetworkRequest.Attribute(QgsNetworkRequestParameters.AttributeInitiatorRequestId)


def _short(detail: str) -> str:
    # Qt's texts repeat the URL ("Error transferring http://… - server replied: …"); keep the reason.
    return detail.split(" - ", 1)[-1].strip() or detail


def get(url: str, *, params: Optional[Mapping[str, Any]] = None, **kwargs: Any) -> HttpResponse:
    if params:
        url = f"{url}{'&' if '?' in url else '?'}{urlencode(params)}"
    return request("GET", url, **kwargs)


def post_form(url: str, fields: Mapping[str, str], **kwargs: Any) -> HttpResponse:
    """POST ``application/x-www-form-urlencoded`` (how Overpass takes its query)."""
    headers = {"Content-Type": "application/x-www-form-urlencoded", **kwargs.pop("headers", {})}
    return request("POST", url, data=urlencode(fields).encode("utf-8"), headers=headers, **kwargs)


def post_json(url: str, payload: Any, *, method: str = "POST", **kwargs: Any) -> HttpResponse:
    headers = {"Content-Type": "application/json", "Accept": "application/json", **kwargs.pop("headers", {})}
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    return request(method, url, data=body, headers=headers, **kwargs)


FilePart = tuple[str, bytes, str]  # (file name, content, content type)


def encode_multipart(
    fields: Mapping[str, str], files: Mapping[str, FilePart], boundary: Optional[str] = None
) -> tuple[bytes, str]:
    """A ``multipart/form-data`` body and its content type (file uploads to udata and the like)."""
    boundary = boundary or f"md-{uuid.uuid4().hex}"
    chunks: list[bytes] = []
    for name, value in fields.items():
        chunks.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{_quote(name)}"\r\n\r\n'.encode()
            + str(value).encode("utf-8")
            + b"\r\n"
        )
    for name, (filename, content, content_type) in files.items():
        chunks.append(
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{_quote(name)}"; '
                f'filename="{_quote(filename)}"\r\nContent-Type: {content_type}\r\n\r\n'
            ).encode()
            + content
            + b"\r\n"
        )
    chunks.append(f"--{boundary}--\r\n".encode())
    return b"".join(chunks), f"multipart/form-data; boundary={boundary}"


def _quote(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\r", " ").replace("\n", " ")


def post_multipart(
    url: str,
    fields: Mapping[str, str],
    files: Mapping[str, FilePart],
    **kwargs: Any,
) -> HttpResponse:
    body, content_type = encode_multipart(fields, files)
    headers = {"Content-Type": content_type, **kwargs.pop("headers", {})}
    return request("POST", url, data=body, headers=headers, **kwargs)
