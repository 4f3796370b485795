"""Child processes run an interpreter proven to import this QGIS, whatever PATH holds: a ``python3`` first on
PATH (and taken by QGIS's embedded Python as ``sys.executable``, as qgis_process does) that cannot import QGIS
is passed over; with no usable interpreter at all, diagnosemany runs its territories here, one after the
other, and says why."""

import json
import os
import sys

import pytest

from mobility_diagnosis.qgis_io import interpreter
from tests.conftest import data_path

OSM = str(data_path("osm", "monaco_communes_2016.osm.pbf"))
CODES = ("06012", "06032", "06150")


@pytest.fixture
def foreign_python_first(tmp_path, monkeypatch):
    """A ``python3`` that cannot import QGIS (it fails like a pyenv shim without the version) first on PATH,
    and taken as ``sys.executable``; the session's proven interpreter forgotten before and after."""
    folder = tmp_path / "pyenv-shims"
    folder.mkdir()
    fake = folder / "python3"
    fake.write_text("#!/bin/sh\necho \"ModuleNotFoundError: No module named '_csv'\" >&2\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(sys, "executable", str(fake))
    interpreter.forget()
    yield str(fake)
    interpreter.forget()


def test_a_foreign_python_first_on_path_is_passed_over(foreign_python_first):
    assert interpreter.candidates()[0] == foreign_python_first  # it would have been taken before
    chosen = interpreter.qgis_python()
    assert chosen is not None and chosen != foreign_python_first
    assert interpreter._proven(chosen) is None and "_csv" in interpreter._proven(foreign_python_first)
    assert interpreter.qgis_python() is chosen  # checked once, kept


def many(run_alg, folder, workers=2):
    return run_alg(
        "mobilitydiagnosis:diagnosemany",
        {"TERRITORIES": " ".join(CODES), "OSM_FILE": OSM, "WORKERS": workers, "THEMES": [2],
         "OUTPUT_FOLDER": str(folder), "JOB": "tests.processing.many_jobs:record_interpreter"},
    )  # fmt: skip


def ran_with(folder):
    return [json.loads((folder / code / "python.json").read_text(encoding="utf-8")) for code in CODES]


def test_the_batch_runs_in_workers_with_the_proven_interpreter(run_alg, tmp_path, foreign_python_first):
    result = many(run_alg, tmp_path / "out")
    assert (result["DONE"], result["FAILED"]) == (3, 0)
    records = ran_with(tmp_path / "out")
    assert {r["executable"] for r in records} == {interpreter.qgis_python()}
    assert all(r["pid"] != os.getpid() for r in records)  # in worker processes, not here


def test_no_usable_interpreter_runs_the_batch_here_and_says_why(
    run_alg, tmp_path, foreign_python_first, monkeypatch
):
    monkeypatch.setattr(interpreter, "candidates", lambda: [foreign_python_first])
    result = many(run_alg, tmp_path / "out")
    assert (result["DONE"], result["FAILED"]) == (3, 0)
    assert all(r["pid"] == os.getpid() for r in ran_with(tmp_path / "out"))  # serially, in this process
    messages = " ".join(result["_feedback"].messages)
    assert "No Python interpreter able to import this QGIS" in messages and foreign_python_first in messages
