"""``diagnose``'s themes on two cores: this process and one helper process.

Python computes one thing at a time per process, and a diagnosis is mostly its themes, which do not
depend on each other. So each theme writes a GeoPackage of its own (``diagnose`` merges them with
``qgis_io.gpkg.diagnosis.merge_themes``) and the themes are split between this process and a helper: a
spawned Python with QGIS headless, started before the fetch so that its start-up (about 1.5 s) overlaps it.

Both take the longest theme left whenever they are free (the helper first takes the themes marked for
it: it reads the GTFS feed while this process fetches the data). Nothing depends on the helper: when it
cannot start, is not ready yet or dies, this process computes what is left. A cancel kills it.
Themes that use an online source stay here: the helper has neither the user's proxy nor his
authentication settings. (``subprocess`` starts our own interpreter with our own module, never a shell.)
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import subprocess  # nosec B404
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from typing import Callable, Optional

from qgis.core import QgsApplication, QgsProcessingContext, QgsProcessingFeedback

from ..core.scheduling import longest_first
from ..core.speeds import SpeedOverrides
from ..core.themes import Theme
from ..core.themes import theme as theme_row
from ..i18n import language_override, tr
from ..qgis_io.cancel import is_cancelled
from ..qgis_io.gpkg.territory import shared_reads
from ..qgis_io.settings import given_speed_overrides
from ..qgis_io.sources.gtfs_online import is_online

PACKAGE = __name__.split(".")[0]  # the plugin's package, whatever folder name it was installed under
READY_TIMEOUT_S = 60.0  # a helper not started by then is given up (this process runs everything)
POLL_S = 0.1


@dataclass
class ThemeJob:
    theme: str
    params: dict  # the theme algorithm's parameters (plain strings: they cross to the helper)
    pinned: bool = False  # must run in this process (online source)
    # better at the helper: it read this theme's GTFS feed while the data was fetched
    at_helper: bool = False


WARM_UP = "warm-up"  # a helper job before the themes: read the GTFS feed (see ThemeHelper.warm_up)


@dataclass(frozen=True)
class RunSettings:
    """What a theme reads of the user's choices, taken once per run by ``diagnose`` and handed to the helper
    with each job (the helper's own QGIS settings may be another profile's): the language of the texts the
    themes write and the default speeds by road class (qgis_io.settings.speed_overrides_for_run)."""

    lang: str
    speeds: SpeedOverrides = ()

    def message(self) -> dict:
        return {"lang": self.lang, "speeds": [list(item) for item in self.speeds]}

    @classmethod
    def from_message(cls, message: dict) -> RunSettings:
        return cls(message["lang"], tuple(tuple(item) for item in message.get("speeds") or ()))

    @contextlib.contextmanager
    def applied(self):
        """The themes run inside use these settings (this thread only)."""
        with language_override(self.lang), given_speed_overrides(self.speeds):
            yield


@dataclass
class ThemeOutcome:
    theme: str
    error: Optional[str] = None  # None when the theme's file was written
    where: str = "here"  # "here" or "helper"
    messages: list = field(default_factory=list)  # (level, text) from the helper, shown here


def stays_here(row: Theme, params: dict) -> bool:
    """A theme the helper must not take: its registry row says so (the helper's provider has the shipped
    rows only), or one of its inputs is an online source (the helper has no proxy or authentication)."""
    return row.main_process or any(is_online(str(params.get(name) or "")) for name in row.online_inputs)


def helper_wanted(themes: int, allowed: bool) -> bool:
    """Worth a second process: two themes or more, and a second core."""
    return allowed and themes >= 2 and (os.cpu_count() or 1) >= 2


# ------------------------------------------------------------------------------------------ the helper
class ThemeHelper:
    """One helper process that runs the theme algorithms it is fed, one after the other.

    A plain ``python -c`` child talking JSON lines over its stdin and stdout: unlike multiprocessing's
    spawn it never re-imports the caller's main script (a user's PyQGIS script without a main guard
    would run again). A thread reads its replies and hands it the next theme as soon as it is free, so
    it never waits for this process; the replies are read here with ``events``."""

    def __init__(self, process, log):
        self._process = process
        self._log = log  # its stderr, read back when it fails
        self._events: queue.Queue = queue.Queue()
        self._lock = threading.Lock()
        self._take: Optional[Callable[[], Optional[ThemeJob]]] = None
        self._settings = RunSettings("en")
        self._started = time.monotonic()
        self.ready = False
        self.in_flight: Optional[str] = None  # the theme it is computing
        threading.Thread(target=self._read, daemon=True, name="theme-helper-reader").start()

    @classmethod
    def start(cls, feedback=None) -> Optional[ThemeHelper]:
        """Start the helper; its translator follows this process's QGIS locale (its messages are shown
        here). What the themes read of the user's settings comes with each job (``RunSettings``). None (this
        process computes everything) when it cannot start, with the reason on ``feedback`` when no
        interpreter can run QGIS."""
        from ..qgis_io.interpreter import child_env, no_python_message, qgis_python
        from ..translation import qgis_locale

        python = qgis_python()
        if python is None:
            if feedback is not None:
                feedback.pushInfo(no_python_message())
            return None
        setup = {"locale": qgis_locale()}
        code = f"from {PACKAGE}.processing.theme_runner import helper_main; helper_main()"
        log = tempfile.TemporaryFile()  # noqa: SIM115 (kept open as the helper's stderr, closed by stop())
        try:
            process = subprocess.Popen(  # noqa: S603  # nosec B603
                [python, "-c", code],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log,
                env=child_env(),
                text=True,
                encoding="utf-8",
                bufsize=1,
            )
        except (OSError, ValueError):  # no interpreter to start: this process does everything
            log.close()
            return None
        try:
            process.stdin.write(json.dumps(setup) + "\n")
            process.stdin.flush()
        except (OSError, ValueError):
            pass  # it stopped at once: its reader thread reports why, and this process computes everything
        return cls(process, log)

    def warm_up(self, gtfs: str, settings: RunSettings) -> None:
        """Read the GTFS feed as soon as started (it is idle while this process fetches the OSM data); the
        theme that takes it then finds it read (core.gtfs keeps the last feeds read)."""
        given = [ThemeJob(WARM_UP, {"GTFS": gtfs})]
        self.feed(lambda: given.pop() if given else None, settings)

    def feed(self, take: Callable[[], Optional[ThemeJob]], settings: RunSettings) -> None:
        """From now on, whenever it is free, give it ``take()`` (None: nothing more for it), to run with
        ``settings``."""
        with self._lock:
            self._take, self._settings = take, settings
            if self.ready and self.in_flight is None:
                self._submit_next()

    def busy(self) -> bool:
        """Computing a theme (read under the lock: taking a theme and marking it in flight are one step)."""
        with self._lock:
            return self.in_flight is not None

    def _submit_next(self) -> None:  # with self._lock held
        job = self._take() if self._take is not None else None
        if job is None:
            return
        try:
            self._process.stdin.write(
                json.dumps({"theme": job.theme, "params": job.params, "settings": self._settings.message()})
                + "\n"
            )
            self._process.stdin.flush()
            self.in_flight = job.theme
        except (OSError, ValueError):
            self._events.put(("died", job.theme, self._last_words()))

    def _read(self) -> None:
        for line in self._process.stdout:
            try:
                reply = json.loads(line)
            except ValueError:
                continue  # not ours (a library printing on stdout)
            with self._lock:
                if reply.get("kind") == "ready":
                    self.ready = True
                elif reply.get("kind") == "result":
                    theme, self.in_flight = self.in_flight, None
                    self._events.put(("result", theme, reply))
                else:
                    self._events.put(("died", None, str(reply.get("detail") or "it could not start")))
                    return
                self._submit_next()
        with self._lock:
            self._events.put(("died", self.in_flight, self._last_words()))

    def events(self, timeout: float = 0.0) -> list[tuple]:
        """What happened since the last call: ("result", theme, reply) and ("died", theme or None, why)."""
        found = []
        try:
            found.append(self._events.get(timeout=timeout) if timeout > 0 else self._events.get_nowait())
            while True:
                found.append(self._events.get_nowait())
        except queue.Empty:
            pass
        if not self.ready and not found and time.monotonic() - self._started > READY_TIMEOUT_S:
            found.append(("died", None, "it did not start in time"))
        return found

    def _last_words(self) -> str:
        try:
            self._log.seek(0)
            lines = [ln for ln in self._log.read().decode("utf-8", "replace").splitlines() if ln.strip()]
        except (OSError, ValueError):
            lines = []
        code = self._process.poll()
        return (lines[-1][:300] if lines else "") or f"it stopped (exit code {code})"

    def stop(self, kill: bool = False) -> None:
        """Let it leave (or kill it: after a cancel it must not write anything more)."""
        with self._lock:
            self._take = None
        if self._process.poll() is None:
            if kill:
                self._process.kill()
            else:  # end of jobs: it leaves on its own (QGIS's exit takes a moment nobody needs to wait for)
                with contextlib.suppress(OSError, ValueError):
                    self._process.stdin.close()
                threading.Thread(target=self._reap, daemon=True, name="theme-helper-reaper").start()
                return
        self._reap()

    def _reap(self) -> None:
        try:
            self._process.wait(30.0)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait(5.0)
        for stream in (self._process.stdin, self._process.stdout, self._log):
            with contextlib.suppress(OSError, ValueError):
                stream.close()


# --------------------------------------------------------------------------------- in the helper process
class _CollectingFeedback(QgsProcessingFeedback):
    """Keeps the messages, which the main process shows in its log."""

    def __init__(self):
        super().__init__()
        self.messages: list[tuple[str, str]] = []

    def pushInfo(self, info):  # noqa: N802 (Qt names)
        self.messages.append(("info", info))

    def pushWarning(self, warning):  # noqa: N802
        self.messages.append(("warning", warning))

    def reportError(self, error, fatalError=False):  # noqa: N802, N803
        self.messages.append(("error", error))


def helper_main() -> None:
    """The helper's loop: read the set-up line, start QGIS, say ready, run each job line until stdin closes.
    Replies go to the original stdout; anything else printed there is sent to stderr."""
    out = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
    os.dup2(2, 1)

    def reply(message: dict) -> None:
        out.write(json.dumps(message) + "\n")
        out.flush()

    try:
        setup = json.loads(sys.stdin.readline() or "{}")
        from ..batch.runner import ensure_qgis
        from ..translation import install_translator

        ensure_qgis(with_processing=False)
        install_translator(setup.get("locale") or None)
    except BaseException as exc:  # reported to the parent, which then runs everything itself
        reply({"kind": "failed", "detail": f"{type(exc).__name__}: {exc}"})
        return
    reply({"kind": "ready", "pid": os.getpid()})
    with shared_reads():  # its themes read the same territory: each layer is parsed once
        for line in sys.stdin:
            if line.strip():
                job = json.loads(line)
                reply({"kind": "result", **(warm_up(job) if job["theme"] == WARM_UP else run_theme_job(job))})


def warm_up(job: dict) -> dict:
    """The GTFS feed read with the arguments the accessibility theme will use when ``diagnose`` runs it."""
    from ..core import gtfs

    settings = RunSettings.from_message(job["settings"])
    try:
        with settings.applied():
            gtfs.transit_services(job["params"]["GTFS"], None, lang=settings.lang)
    except Exception as exc:  # the theme will say it properly
        return {"error": str(exc) or type(exc).__name__, "messages": []}
    return {"error": None, "messages": []}


def run_theme_job(job: dict) -> dict:
    """One theme algorithm, its failure turned into a message (the parent decides what to do)."""
    alg_id = theme_row(job["theme"]).algorithm_id
    feedback = _CollectingFeedback()
    try:
        alg = QgsApplication.processingRegistry().createAlgorithmById(alg_id)
        if alg is None:
            raise RuntimeError(f"the algorithm {alg_id} is not available in the helper process")
        context = QgsProcessingContext()
        with RunSettings.from_message(job["settings"]).applied():  # the user's settings, taken by the parent
            ok, message = alg.checkParameterValues(job["params"], context)
            if not ok:
                raise RuntimeError(message)
            if not alg.prepare(job["params"], context, feedback):
                raise RuntimeError(f"{alg_id} could not start")
            alg.runPrepared(job["params"], context, feedback)
    except Exception as exc:  # the theme's own message, shown by the parent
        return {"error": str(exc) or type(exc).__name__, "messages": feedback.messages}
    return {"error": None, "messages": feedback.messages}


# --------------------------------------------------------------------------------------- orchestration
def run_themes(
    jobs: list[ThemeJob],
    run_here: Callable[[ThemeJob], Optional[str]],
    helper: Optional[ThemeHelper],
    settings: RunSettings,
    feedback,
    on_outcome: Callable[[ThemeOutcome], None],
) -> list[ThemeOutcome]:
    """Every job, here (``run_here`` returns an error message or None) or at the helper. Both take the
    longest theme left whenever they are free (the helper through its reader thread, so it never waits for
    this process); pinned themes are only taken here. Raises ``ThemesCancelled`` on cancel, after killing
    the helper. Stops the helper in every case."""
    by_theme = {job.theme: job for job in jobs}
    left = longest_first([j.theme for j in jobs])
    lock = threading.Lock()
    outcomes: list[ThemeOutcome] = []

    def done(outcome: ThemeOutcome) -> None:
        outcomes.append(outcome)
        on_outcome(outcome)

    def take(here: bool = False) -> Optional[ThemeJob]:
        """The longest theme left for this process (``here``) or the helper: the helper takes its
        preferred themes first, this process leaves them to a helper that is ready for them."""
        with lock:
            if here:
                waiting = helper is not None and helper.ready
                choice = [t for t in left if not (waiting and by_theme[t].at_helper)] or left
            else:
                choice = [t for t in left if by_theme[t].at_helper and not by_theme[t].pinned]
                choice = choice or [t for t in left if not by_theme[t].pinned]
            if not choice:
                return None
            theme = choice[0]
            left.remove(theme)
            return by_theme[theme]

    def collect(timeout: float = 0.0) -> None:
        nonlocal helper
        for kind, theme, detail in helper.events(timeout):
            if kind == "result":
                if theme in by_theme:  # not the warm-up
                    done(ThemeOutcome(theme, detail["error"], "helper", detail["messages"]))
                continue
            feedback.pushInfo(
                tr("The helper process is not used ({}): this process computes the rest.").format(detail)
            )
            helper.stop(kill=True)
            helper = None
            if theme in by_theme:  # the theme it held (not the warm-up) is computed here
                with lock:
                    left.insert(0, theme)
            return

    if helper is not None:
        helper.feed(take, settings)
    try:
        while True:
            if helper is not None:
                collect()
            if is_cancelled(feedback):
                raise ThemesCancelled()
            job = take(here=True)
            if job is not None:
                done(ThemeOutcome(job.theme, run_here(job), "here"))
            elif helper is not None and helper.busy():
                collect(POLL_S)
            else:
                if helper is not None:
                    collect()  # the helper's last result, queued as it stopped being busy
                    if left:
                        continue  # it died holding a theme: that theme is back in the queue
                break
        # every theme has an outcome; one the helper took without answering is computed here
        for job in jobs:
            if job.theme not in {o.theme for o in outcomes}:
                done(ThemeOutcome(job.theme, run_here(job), "here"))
    except BaseException:
        if helper is not None:
            helper.stop(kill=True)
        raise
    if helper is not None:
        helper.stop()
    return outcomes


class ThemesCancelled(Exception):
    pass
