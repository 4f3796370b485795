"""Many-territory benchmark (issue 9): the three complete communes of monaco_communes_2016.osm.pbf (06012, 06032,
06150), every theme, serially (WORKERS = 1, in this process) and with 2 worker processes, in the same run
(two alternated rounds, best of each).

Prints the speed-up (target >= 1.7x on 2 cores) and two bounds: the best speed-up the job sizes allow (three
jobs on two workers cannot finish faster than the longest-processing-time schedule of the serial job times,
about 1.5x with three similar jobs, whatever the runner does), and what this machine gives two independent
CPU-bound Python processes (measured in the same run: virtual cores shared with other tenants often give
far less than 2x).
Run with the test venv's python: ``make bench`` does it.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("MD_SHARED_DATA", ROOT.parent / "shared" / "data"))
PBF = SHARED / "osm" / "monaco_communes_2016.osm.pbf"
CODES = "06012 06032 06150"
ROUNDS = 2


def lpt_makespan(times: list[float], workers: int) -> float:
    """Longest-processing-time-first schedule of the jobs on ``workers`` machines."""
    loads = [0.0] * workers
    for t in sorted(times, reverse=True):
        loads[loads.index(min(loads))] += t
    return max(loads)


def run(workers: int, folder: str):
    from mobility_diagnosis.batch.run import ManyOptions, run_many, territory_specs
    from mobility_diagnosis.core.many import TerritorySpec

    specs: list[TerritorySpec] = territory_specs(CODES)
    start = time.perf_counter()
    result = run_many(ManyOptions(output_folder=folder, osm_file=str(PBF), workers=workers), specs)
    seconds = time.perf_counter() - start
    assert result.counts["done"] == 3, result.records
    return seconds, {r.code: r.seconds for r in result.records}


def _spin(n: int = 4_000_000) -> int:
    total = 0
    for i in range(n):
        total += i * i % 7
    return total


def machine_speedup(rounds: int = 3) -> float:
    """Best speed-up of two processes spinning apart over the same work done twice in one process."""
    import multiprocessing

    best = 0.0
    context = multiprocessing.get_context("spawn")
    for _ in range(rounds):
        start = time.perf_counter()
        _spin()
        _spin()
        serial = time.perf_counter() - start
        procs = [context.Process(target=_spin) for _ in range(2)]
        start = time.perf_counter()
        for p in procs:
            p.start()
        for p in procs:
            p.join()
        best = max(best, serial / (time.perf_counter() - start))
    return best


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from mobility_diagnosis.batch.runner import ensure_qgis

    ensure_qgis()
    cores = os.cpu_count() or 1
    load_before = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    work = tempfile.mkdtemp(prefix="bench_many_")
    serials, parallels = [], []
    try:
        for round_ in range(ROUNDS):  # alternated, best of each: the machine is shared and noisy
            serials.append(run(1, os.path.join(work, f"serial{round_}")))
            parallels.append(run(2, os.path.join(work, f"parallel{round_}")))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    serial, job_times = min(serials, key=lambda r: r[0])
    parallel = min(p for p, _ in parallels)
    jobs = sum(job_times.values())
    fixed = serial - jobs  # the union read and the outputs, done once in both runs
    bound = serial / (fixed + lpt_makespan(list(job_times.values()), 2))
    speedup = serial / parallel
    machine = machine_speedup()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"cores: {cores}, load average before the runs: {load_before:.1f}, after: {load:.1f}"
        " (other processes on the machine slow the parallel run more than the serial one)"
    )
    print(f"serial (WORKERS=1): {serial:.1f} s  (rounds: {', '.join(f'{t:.1f}' for t, _ in serials)})")
    print(f"                     (jobs {', '.join(f'{c} {t:.1f} s' for c, t in job_times.items())};"
          f" union read + outputs {fixed:.1f} s)")  # fmt: skip
    print(f"2 workers:          {parallel:.1f} s  (rounds: {', '.join(f'{t:.1f}' for t, _ in parallels)})")
    print(f"speed-up: {speedup:.2f}x  (target >= 1.7x; best possible with these three jobs on 2 workers: {bound:.2f}x,"
          f" i.e. {100 * speedup / bound:.0f} % of it)")  # fmt: skip
    print(f"this machine: two independent CPU-bound processes run {machine:.2f}x faster than one doing both"
          f" (2.00x on two real cores); the diagnosis reaches {100 * (speedup - 1) / max(machine - 1, 1e-9):.0f} %"
          f" of that gain")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
