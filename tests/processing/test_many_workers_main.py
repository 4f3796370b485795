"""A PyQGIS script without a main guard that runs diagnosemany must not run again in each worker process
(multiprocessing's spawn re-imports the main script, and the script would write its outputs twice)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import os, sys
sys.path.insert(0, {root!r})
with open({marker!r}, "a") as out:
    out.write("ran\\n")
from mobility_diagnosis.batch.runner import new_pool
pool = new_pool(1)
pool.submit(os.getpid).result()
pool.shutdown()
"""


def test_workers_do_not_rerun_an_unguarded_main_script(tmp_path):
    marker = tmp_path / "marker.txt"
    script = tmp_path / "user_script.py"
    script.write_text(SCRIPT.format(root=str(ROOT), marker=str(marker)), encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert marker.read_text(encoding="utf-8") == "ran\n"
