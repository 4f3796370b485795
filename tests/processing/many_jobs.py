"""Test-only per-territory jobs for ``diagnosemany`` (its undeclared ``JOB`` parameter), run in the spawned
worker processes: one dies the first time (a killed worker), one raises (a failing territory)."""

import os

from mobility_diagnosis.batch.job import diagnose_territory

DIE_CODE = "06032"
FAIL_CODE = "06012"


def die_once_or_fail(territory_gpkg, folder, options):
    """06032: the worker process exits abruptly the first time (the flag file says it happened);
    06012: raises; the others: the normal job."""
    flag = os.environ["MD_TEST_DIE_FLAG"]
    if DIE_CODE in os.path.basename(territory_gpkg) and not os.path.exists(flag):
        with open(flag, "w", encoding="utf-8") as f:
            f.write(str(os.getpid()))
        os._exit(9)  # as if killed: no exception, no clean-up
    if FAIL_CODE in os.path.basename(territory_gpkg):
        raise RuntimeError("test failure of 06012")
    return diagnose_territory(territory_gpkg, folder, options)


def record_interpreter(territory_gpkg, folder, options):
    """Writes which interpreter and process ran the territory (``python.json`` in its folder); no diagnosis."""
    import json
    import sys

    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "python.json"), "w", encoding="utf-8") as f:
        json.dump({"executable": sys.executable, "pid": os.getpid()}, f)
    return []
