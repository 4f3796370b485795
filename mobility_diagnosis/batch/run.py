"""A whole many-territory run, shared by ``diagnosemany`` and the command line: expand the territories, skip
those already done, read the data of the rest once, run the per-territory jobs in parallel, write the
comparison and the run log."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from typing import Optional, Sequence

from osgeo import ogr

from ..core.many import (
    ComparisonTable,
    IndicatorValue,
    RunRecord,
    TerritoriesError,
    TerritorySpec,
    comparison_table,
    expand_territories,
    has_epci,
    message,
    safe_folder_name,
    summary,
)
from ..qgis_io.cancel import cancel_check
from ..qgis_io.gpkg.territory import Territory
from ..qgis_io.interpreter import no_python_message
from .fetch import UnionStore, fetch_union_from_file, fetch_union_from_overpass
from .output import write_comparison_gpkg, write_csv, write_run_log_csv
from .runner import Job, JobResult, new_pool, read_marker, run_dask, run_local, run_serial

WORK_FOLDER = ".work"  # inside OUTPUT_FOLDER: the union store and the territory GeoPackages being cut


@dataclass
class ManyOptions:
    output_folder: str
    osm_file: str = ""
    overpass_url: str = ""
    workers: int = 2
    dask_scheduler: str = ""
    buffer_m: float = 500.0
    themes: Sequence[str] = ()
    gtfs: str = ""
    rerun: bool = False  # True: redo territories already complete
    lang: str = "en"
    job: str = ""  # "module:function" of the per-territory job; empty: diagnose
    keep_store: bool = False


@dataclass
class ManyResult:
    records: list[RunRecord]
    table: ComparisonTable
    comparison_csv: str
    comparison_gpkg: str
    run_log_csv: str
    counts: dict = field(default_factory=dict)
    data_reads: int = 0  # passes over the file or Overpass queries for the data


def territory_specs(text: str, lang: str = "en", feedback=None) -> list[TerritorySpec]:
    """TERRITORIES expanded; an EPCI is resolved on geo.api.gouv.fr, and is a clear error offline."""
    from ..qgis_io.osm.territory_resolver import commune_index

    members = None
    if has_epci(text):
        from ..core.fetch_errors import FetchError
        from ..qgis_io.settings import geoapi_url
        from .epci import fetch_epci_members

        def members(siren: str):
            try:
                return fetch_epci_members(siren, base_url=geoapi_url(), feedback=feedback)
            except FetchError as exc:
                raise TerritoriesError(f"{message('epci_offline', lang, siren=siren)} ({exc})") from exc

    return expand_territories(text, commune_index(), members, lang)


def run_many(
    options: ManyOptions,
    specs: Sequence[TerritorySpec],
    territories: Optional[Sequence[Territory]] = None,
    feedback=None,
) -> ManyResult:
    """``territories`` (outlines from a layer) replace the outline look-up when given."""
    folder = options.output_folder
    os.makedirs(folder, exist_ok=True)
    work = os.path.join(folder, WORK_FOLDER)
    cancelled = cancel_check(feedback)
    records: dict[str, RunRecord] = {}
    indicators: dict[str, list] = {}
    outlines: dict[str, Territory] = {}
    folders = {spec.code: os.path.join(folder, safe_folder_name(spec.code)) for spec in specs}

    todo = []
    for spec in specs:
        marker = None if options.rerun else read_marker(folders[spec.code])
        if marker is not None:
            records[spec.code] = RunRecord(spec.code, spec.name, "skipped", float(marker.get("seconds") or 0.0),
                                           "already complete (a previous run); RERUN redoes it")  # fmt: skip
            indicators[spec.code] = marker.get("indicators") or []
            outline = _outline_from_marker(marker, spec)
            if outline is not None:
                outlines[spec.code] = outline
        else:
            todo.append(spec)
    _info(
        feedback, f"{len(specs)} territories: {len(specs) - len(todo)} already complete, {len(todo)} to run."
    )

    data_reads = 0
    if todo:
        os.makedirs(work, exist_ok=True)
        local = not options.dask_scheduler and options.workers > 1
        pool = new_pool(min(options.workers, len(todo))) if local else None  # QGIS starts while data is read
        serial = options.workers <= 1 or (local and pool is None)
        if local and pool is None:
            _warn(feedback, no_python_message())
        store_path = os.path.join(work, "union.gpkg")
        wanted = (
            [t for t in territories if t.code in {s.code for s in todo}] if territories is not None else None
        )
        try:
            info = _read_union(options, todo, store_path, wanted, feedback)
        except BaseException:
            if pool is not None:
                pool.shutdown(wait=False, cancel_futures=True)
            raise
        data_reads = info.queries or 1
        for spec in info.missing:
            records[spec.code] = RunRecord(spec.code, spec.name, "failed", 0.0, _no_outline(spec, options))
        store = UnionStore(store_path)
        outlines.update(store.territories)
        job_options = {"themes": list(options.themes), "gtfs": options.gtfs, "lang": options.lang,
                       "job": options.job}  # fmt: skip
        names = {spec.code: spec.name for spec in todo}
        # Largest territories first: the longest jobs start early and the workers finish together.
        by_size = sorted(store.territories.items(), key=lambda item: -item[1].geometry.GetArea())
        jobs = [Job(code, names.get(code, t.name), store_path, folders[code], work, job_options)
                for code, t in by_size]  # fmt: skip
        _info(feedback, f"Running {len(jobs)} territories…")
        done_count = [0]

        def on_result(result: JobResult) -> None:
            done_count[0] += 1
            if feedback is not None:
                feedback.setProgress(100.0 * done_count[0] / max(1, len(jobs)))
                if result.status == "done":
                    feedback.pushInfo(f"{result.code}: done in {result.seconds:.1f} s.")
                else:
                    feedback.reportError(f"{result.code}: failed: {result.error}")
            if result.status == "done":
                indicators[result.code] = result.indicators

        if options.dask_scheduler:
            ran = run_dask(jobs, options.dask_scheduler, options.workers, on_result, cancelled)
        elif serial:
            ran = run_serial(jobs, on_result, cancelled)
        else:
            ran = run_local(jobs, options.workers, on_result, cancelled, pool)
        records.update(ran)
        for job in jobs:  # a run cancelled midway: what did not run is in the log too
            records.setdefault(
                job.code, RunRecord(job.code, job.name, "failed", 0.0, "cancelled before it ran")
            )
        if not options.keep_store:
            shutil.rmtree(work, ignore_errors=True)

    ordered = [records[s.code] for s in specs if s.code in records]
    pairs = [(s.code, s.name) for s in specs if records.get(s.code) and records[s.code].status != "failed"]
    values = {
        code: [IndicatorValue(r[0], r[1], r[3], r[4], r[2]) for r in rows]
        for code, rows in indicators.items()
    }
    table = comparison_table(pairs, values)
    comparison_csv = os.path.join(folder, "comparison.csv")
    run_log_csv = os.path.join(folder, "run_log.csv")
    comparison_gpkg = os.path.join(folder, "comparison.gpkg")
    write_csv(comparison_csv, table.columns, table.rows)
    write_run_log_csv(run_log_csv, ordered)
    write_comparison_gpkg(comparison_gpkg, table, outlines, ordered)
    counts = summary(ordered)
    _info(feedback, f"Done: {counts['done']} diagnosed, {counts['skipped']} skipped, {counts['failed']} failed "
                    f"(see run_log.csv).")  # fmt: skip
    return ManyResult(ordered, table, comparison_csv, comparison_gpkg, run_log_csv, counts, data_reads)


def _read_union(options: ManyOptions, todo, store_path: str, wanted, feedback):
    if options.osm_file:
        return fetch_union_from_file(options.osm_file, todo, store_path, buffer_m=options.buffer_m,
                                     territories=wanted, feedback=feedback)  # fmt: skip
    return fetch_union_from_overpass(todo, store_path, buffer_m=options.buffer_m, territories=wanted,
                                     overpass_url=options.overpass_url or None, feedback=feedback,
                                     lang=options.lang)  # fmt: skip


def _outline_from_marker(marker: dict, spec: TerritorySpec) -> Optional[Territory]:
    wkt = marker.get("outline_wkt")
    if not wkt:
        return None
    geometry = ogr.CreateGeometryFromWkt(wkt)
    return Territory(spec.code, spec.name, "previous run", geometry) if geometry is not None else None


def _no_outline(spec: TerritorySpec, options: ManyOptions) -> str:
    where = os.path.basename(options.osm_file) if options.osm_file else "Overpass"
    return (
        f"no complete boundary relation (admin_level=8, ref:INSEE={spec.code}) in {where}: use an extract "
        "covering the whole commune, or give the outlines as a layer (TERRITORY_LAYER)"
    )


def _info(feedback, text: str) -> None:
    if feedback is not None:
        feedback.pushInfo(text)


def _warn(feedback, text: str) -> None:
    if feedback is not None:
        feedback.pushWarning(text)
