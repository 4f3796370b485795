"""Per-territory jobs run in parallel: local worker processes, or a Dask distributed cluster.

A job cuts its territory GeoPackage out of the union store, runs the per-territory work (by default
``diagnose`` on that prepared territory) into the territory's package folder, and writes the folder's
completion marker last, atomically, so that a rerun skips it. A failing territory does not stop the
others; a worker process that dies (killed, out of memory) makes its jobs run again once in a fresh pool.

Worker processes start with the *spawn* method (a fork of a process running Qt is unsafe) and set up QGIS
headless once (``QgsApplication([], False)``, Processing, the plugin's provider).
"""

from __future__ import annotations

import contextlib
import importlib
import json
import multiprocessing
import os
import time
import traceback
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass, field
from typing import Callable, Optional, Sequence

from ..core.many import RunRecord

MARKERS = ".complete"  # OUTPUT_FOLDER/.complete/<folder>.json: beside the package folders, never inside them
DEFAULT_JOB = "mobility_diagnosis.batch.job:diagnose_territory"
JOB_MODULES = ("mobility_diagnosis.", "tests.")
MAX_ATTEMPTS = 2  # a job whose worker died is run once more


@dataclass(frozen=True)
class Job:
    code: str
    name: str
    store_path: str
    folder: str  # the territory's package folder
    work_folder: str  # where the territory GeoPackage is cut (removed after the job)
    options: dict = field(default_factory=dict)  # themes, gtfs, lang, job ("module:function")


@dataclass
class JobResult:
    code: str
    status: str  # done | failed
    seconds: float
    error: str = ""
    indicators: list = field(default_factory=list)  # [theme, indicator, label, value, unit]


# ------------------------------------------------------------------------------------------- markers


def marker_path(folder: str) -> str:
    """Where the completion marker of a package folder lives (outside it, so the package stays as shared)."""
    parent, name = os.path.split(os.path.normpath(folder))
    return os.path.join(parent, MARKERS, name + ".json")


def read_marker(folder: str) -> Optional[dict]:
    """The completion marker of a package folder, or None when the folder is not complete (or was removed)."""
    if not os.path.isdir(folder):
        return None
    try:
        with open(marker_path(folder), encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and "code" in data else None


def write_marker(folder: str, data: dict) -> None:
    from ..qgis_io.atomic import atomic_path

    path = marker_path(folder)
    with atomic_path(path, suffix=".json") as tmp, open(tmp, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=1)


def remove_marker(folder: str) -> None:
    """Before a territory runs again: its folder is no longer complete until the new marker is written."""
    if os.path.exists(marker_path(folder)):
        os.remove(marker_path(folder))


# ------------------------------------------------------------------------------------- in the worker

_QGIS = None


def ensure_qgis(with_processing: bool = True) -> None:
    """QGIS headless and the plugin's provider, once per process (a no-op inside QGIS). ``with_processing``
    also loads QGIS's Processing framework (its Python providers); the plugin's own algorithms do not need
    it, and a theme helper process starts about half a second sooner without."""
    global _QGIS
    if _QGIS is not None:
        return
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qgis.core import QgsApplication

    app = QgsApplication.instance()
    if app is None:  # a process of the plugin's own: its GDAL choice is the plugin's
        from ..qgis_io.gdal_mode import use_exceptions_in_this_process

        use_exceptions_in_this_process()
        app = QgsApplication([], False)
        app.initQgis()
    if with_processing:
        import sys

        for candidate in ("/usr/share/qgis/python/plugins", "/usr/lib/qgis/python/plugins"):
            if os.path.isdir(candidate) and candidate not in sys.path:
                sys.path.append(candidate)
        from processing.core.Processing import Processing

        Processing.initialize()
    registry = QgsApplication.processingRegistry()
    if registry.providerById("mobilitydiagnosis") is None:
        from ..processing.provider import MobilityDiagnosisProvider

        provider = MobilityDiagnosisProvider()
        registry.addProvider(provider)
        _QGIS = (app, provider)
    else:
        _QGIS = (app, None)


def resolve_job(spec: str) -> Callable:
    """``module:function`` to the function (no eval); only the plugin's own modules and its tests' hooks."""
    module_name, _, function_name = spec.partition(":")
    if not module_name.startswith(JOB_MODULES):
        raise ValueError(f"{spec} is not a per-territory job of this plugin.")
    return getattr(importlib.import_module(module_name), function_name)


def run_job(job: Job) -> JobResult:
    """Run one territory; every failure becomes a ``failed`` result with its message."""
    start = time.perf_counter()
    territory_gpkg = os.path.join(job.work_folder, f"{job.code}.territory.gpkg")
    try:
        ensure_qgis(with_processing=False)
        from .fetch import UnionStore, cut_territory

        os.makedirs(job.work_folder, exist_ok=True)
        remove_marker(job.folder)
        store = UnionStore(job.store_path)
        cut_territory(store, job.code, territory_gpkg)
        function = resolve_job(job.options.get("job") or DEFAULT_JOB)
        indicators = function(territory_gpkg, job.folder, job.options)
        seconds = time.perf_counter() - start
        outline = store.territories[job.code].geometry.ExportToWkt()
        write_marker(job.folder, {"code": job.code, "name": job.name, "seconds": round(seconds, 2),
                                  "indicators": indicators, "outline_wkt": outline})  # fmt: skip
        return JobResult(job.code, "done", seconds, "", indicators)
    except Exception as exc:  # a territory's failure is reported, never raised: the others go on
        detail = str(exc) or exc.__class__.__name__
        if not isinstance(exc, (ValueError, OSError)) and "QgsProcessingException" not in type(exc).__name__:
            detail += " | " + traceback.format_exc(limit=3).strip().splitlines()[-1]
        return JobResult(job.code, "failed", time.perf_counter() - start, detail)
    finally:
        for path in (territory_gpkg, territory_gpkg + "-wal", territory_gpkg + "-shm"):
            if os.path.exists(path):
                os.remove(path)


def run_job_dict(job: dict) -> dict:
    """``run_job`` with plain dicts in and out (for Dask, which pickles across machines)."""
    return asdict(run_job(Job(**job)))


# ------------------------------------------------------------------------------------------ runners

Progress = Callable[[JobResult], None]


def new_pool(workers: int) -> Optional[ProcessPoolExecutor]:
    """A pool of ``workers`` spawned processes, started now: each sets QGIS up while the caller reads data.
    None when no interpreter can run QGIS (``interpreter.no_python_message``): the caller runs serially."""
    from ..qgis_io.interpreter import qgis_python

    python = qgis_python()
    if python is None:
        return None
    context = multiprocessing.get_context("spawn")
    context.set_executable(python)
    pool = ProcessPoolExecutor(
        max_workers=max(1, workers), mp_context=context, initializer=ensure_qgis, initargs=(False,)
    )
    with _main_script_hidden():
        for _ in range(max(1, workers)):
            pool.submit(os.getpid)  # a no-op that makes the pool start its processes (all of them, now)
    return pool


@contextlib.contextmanager
def _main_script_hidden():
    """Spawned workers re-run the caller's main script unless it has a main guard: a user's PyQGIS script
    calling diagnosemany would run again in every worker (writing its outputs twice). While the workers
    start, the main module shows neither its file nor its spec, so they import nothing of it."""
    import sys

    main = sys.modules.get("__main__")
    saved = {k: main.__dict__[k] for k in ("__file__", "__spec__") if main is not None and k in main.__dict__}
    try:
        if main is not None:
            main.__dict__.pop("__file__", None)
            main.__spec__ = None
        yield
    finally:
        if main is not None:
            main.__dict__.update(saved)
            if "__spec__" not in saved:
                main.__dict__.pop("__spec__", None)


def run_local(
    jobs: Sequence[Job],
    workers: int,
    on_result: Optional[Progress] = None,
    cancelled: Callable[[], bool] = lambda: False,
    pool: Optional[ProcessPoolExecutor] = None,
) -> dict[str, RunRecord]:
    """Jobs in ``workers`` spawned processes (``pool`` when already started); a broken pool is restarted for the
    jobs that did not finish, and a job caught in ``MAX_ATTEMPTS`` broken pools is recorded as failed."""
    records: dict[str, RunRecord] = {}
    attempts = {job.code: 0 for job in jobs}
    remaining = list(jobs)
    while remaining and not cancelled():
        broken: list[Job] = []
        pool = pool or new_pool(workers)
        if pool is None:  # no interpreter for workers (the caller said so): here, one after the other
            records.update(run_serial(remaining, on_result, cancelled))
            break
        try:
            futures = {}
            for job in remaining:
                attempts[job.code] += 1
                futures[pool.submit(run_job, job)] = job
            pending = set(futures)
            while pending:
                done, pending = wait(pending, timeout=0.5, return_when=FIRST_COMPLETED)
                if cancelled():
                    for future in pending:
                        future.cancel()
                for future in done:
                    job = futures[future]
                    try:
                        result = future.result()
                    except BrokenProcessPool:
                        broken.append(job)
                        continue
                    except Exception as exc:  # pickling and the like: the job failed, the run goes on
                        result = JobResult(job.code, "failed", 0.0, str(exc))
                    records[job.code] = _record(job, result, attempts[job.code])
                    if on_result:
                        on_result(result)
                if cancelled():
                    break
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
            pool = None
        remaining = []
        for job in broken:
            if attempts[job.code] < MAX_ATTEMPTS:
                remaining.append(job)
            else:
                result = JobResult(
                    job.code, "failed", 0.0,
                    "the worker process running it died twice (killed, or out of memory); run it alone to see why",
                )  # fmt: skip
                records[job.code] = _record(job, result, attempts[job.code])
                if on_result:
                    on_result(result)
    if pool is not None:  # started but never used (nothing to run, or cancelled before)
        pool.shutdown(wait=False, cancel_futures=True)
    return records


def run_serial(jobs: Sequence[Job], on_result: Optional[Progress] = None, cancelled=lambda: False):
    """Jobs one after the other in this process (WORKERS = 1; inside QGIS the provider is already there)."""
    records = {}
    for job in jobs:
        if cancelled():
            break
        result = run_job(job)
        records[job.code] = _record(job, result, 1)
        if on_result:
            on_result(result)
    return records


class DaskMissing(Exception):
    """DASK_SCHEDULER was given but dask.distributed is not installed."""


def dask_client(scheduler: str, workers: int):
    """A client of the scheduler at ``scheduler`` (``tcp://host:8786``), or of a LocalCluster of
    ``workers`` processes when ``scheduler`` is ``local``."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:
        raise DaskMissing(
            "DASK_SCHEDULER needs the Python package dask.distributed, which is not installed in this QGIS. "
            'Install it (python -m pip install "dask[distributed]" in QGIS\'s Python), or leave DASK_SCHEDULER '
            "empty to run on this machine's processes (WORKERS)."
        ) from exc
    if scheduler.strip().lower() == "local":
        cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True)
        return Client(cluster), cluster
    return Client(scheduler.strip(), timeout="20s"), None


def run_dask(
    jobs: Sequence[Job],
    scheduler: str,
    workers: int,
    on_result: Optional[Progress] = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> dict[str, RunRecord]:
    """Jobs as Dask tasks (one per territory, retried once by the scheduler when a worker dies). The
    workers need QGIS, the plugin on their PYTHONPATH and the union store and output folder on a path
    they can read and write (a shared file system)."""
    from dask.distributed import as_completed

    client, cluster = dask_client(scheduler, workers)
    records = {}
    try:
        futures = {
            client.submit(run_job_dict, asdict(job), key=f"diagnose-{job.code}-{time.time_ns()}",
                          retries=MAX_ATTEMPTS - 1, pure=False): job
            for job in jobs
        }  # fmt: skip
        for future in as_completed(futures):
            job = futures[future]
            if cancelled():
                client.cancel(list(futures))
                break
            try:
                result = JobResult(**future.result())
            except Exception as exc:  # a worker lost twice, a scheduler gone: this job failed, the rest go on
                result = JobResult(job.code, "failed", 0.0, f"Dask: {exc}")
            records[job.code] = _record(job, result, 1)
            if on_result:
                on_result(result)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return records


def _record(job: Job, result: JobResult, attempts: int) -> RunRecord:
    return RunRecord(job.code, job.name, result.status, result.seconds, result.error, attempts)
