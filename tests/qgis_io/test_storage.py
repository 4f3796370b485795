"""``qgis_io.storage`` (the cause of a failed write), ``qgis_io.leftovers`` (names, stale entries, signals)
and ``qgis_io.gdal_mode`` (GDAL exceptions in the plugin's scope)."""

from __future__ import annotations

import errno
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from osgeo import gdal, ogr, osr

from mobility_diagnosis.qgis_io import atomic, leftovers, storage
from mobility_diagnosis.qgis_io.gdal_mode import gdal_exceptions, open_or_none
from tests.support.gdal_modes import without_gdal_exceptions


@pytest.fixture
def small_probe(monkeypatch):
    """The free-space probe reports ``free[0]`` bytes."""
    free = [10 * 2**20]
    monkeypatch.setattr(storage, "free_bytes", lambda path: free[0])
    return free


@pytest.mark.parametrize(
    "exc, code",
    [
        (OSError(errno.ENOSPC, "No space left on device"), "disk_full"),
        (sqlite3.OperationalError("database or disk is full"), "disk_full"),
        (RuntimeError("sqlite3_exec(COMMIT) failed: database or disk is full"), "disk_full"),
        (OSError(errno.EROFS, "Read-only file system"), "read_only"),
        (sqlite3.OperationalError("attempt to write a readonly database"), "read_only"),
        (OSError(errno.EACCES, "Permission denied"), "no_permission"),
        (sqlite3.OperationalError("disk I/O error"), "write_failed"),
    ],
)
def test_a_fault_inside_writing_leaves_with_its_cause(tmp_path, small_probe, exc, code):
    with pytest.raises(storage.StorageError) as caught, storage.writing(str(tmp_path), 2**20, "en"):
        raise exc
    assert caught.value.code == code
    assert str(tmp_path) in str(caught.value)
    assert caught.value.__cause__ is exc


def test_an_io_error_on_a_disk_without_room_is_a_full_disk(tmp_path, small_probe):
    small_probe[0] = 100 * 1024
    with pytest.raises(storage.StorageError) as caught, storage.writing(str(tmp_path), 2**20, "fr"):
        raise sqlite3.OperationalError("disk I/O error")
    assert caught.value.code == "disk_full"
    assert str(caught.value).startswith(
        f"Le disque qui contient {tmp_path} est plein (0,1 Mo libres, environ 1,0 Mo"
    )


def test_other_errors_and_cancels_pass_unchanged(tmp_path):
    class Cancelled(Exception):
        pass

    for exc in (ValueError("a bug"), Cancelled(), RuntimeError("GEOS cannot handle it")):
        with pytest.raises(type(exc)), storage.writing(str(tmp_path)):
            raise exc


def test_a_failure_gdal_only_logged_raises_at_the_end(tmp_path, small_probe):
    """GDAL without exceptions: a COMMIT that failed returns as if it worked and only logs the error."""
    with without_gdal_exceptions():
        with pytest.raises(storage.StorageError) as caught, storage.writing(str(tmp_path), 2**20, "en"):
            gdal.Error(gdal.CE_Failure, 1, "sqlite3_exec(COMMIT) failed: database or disk is full")
        assert caught.value.code == "disk_full"
        # other GDAL messages are passed on, not turned into a storage fault
        with storage.writing(str(tmp_path)):
            gdal.Error(gdal.CE_Failure, 1, "some other complaint")


def test_the_message_names_the_users_folder_not_a_temporary_one(tmp_path):
    work = tmp_path / ".md-work-md1-abc" / "themes"
    work.mkdir(parents=True)
    assert storage.user_folder(str(work)) == str(tmp_path)
    assert storage.user_folder(str(tmp_path / "new" / "deeper")) == str(tmp_path)


def test_check_folder_read_only_and_full(tmp_path, small_probe):
    storage.check_folder(str(tmp_path / "not yet made"), 2**20)
    small_probe[0] = 2**19
    with pytest.raises(storage.StorageError, match=r"is full \(0.5 MB free, about 1.2 MB needed\)"):
        storage.check_folder(str(tmp_path), int(1.2 * 2**20))
    assert os.listdir(tmp_path) == []  # the probe file is gone


def test_atomic_path_never_renames_after_a_logged_failure(tmp_path, small_probe):
    target = tmp_path / "out.gpkg"
    target.write_bytes(b"the good file")
    with pytest.raises(storage.StorageError), atomic.atomic_path(str(target), lang="en") as tmp:
        with open(tmp, "wb") as f:
            f.write(b"half")
        gdal.Error(gdal.CE_Failure, 1, "sqlite3_exec(COMMIT) failed: database or disk is full")
    assert target.read_bytes() == b"the good file"
    assert os.listdir(tmp_path) == ["out.gpkg"]


def test_sync_failure_is_a_failed_write(tmp_path, monkeypatch, small_probe):
    def fsync(fd):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(atomic.os, "fsync", fsync)
    target = tmp_path / "out.txt"
    with (
        pytest.raises(storage.StorageError),
        atomic.atomic_path(str(target), lang="en") as tmp,
        open(tmp, "w") as f,
    ):
        f.write("x")
    assert not target.exists() and os.listdir(tmp_path) == []


# ----------------------------------------------------------------------------------------- leftovers


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_stale_entries_of_dead_runs_go_and_the_others_stay(tmp_path):
    dead, old = dead_pid(), time.time() - 3600
    stale_dir = tmp_path / f".md-work-md{dead}-abc"
    stale_dir.mkdir()
    (stale_dir / "territory.gpkg").write_bytes(b"x")
    stale_file = tmp_path / f".md-work-md{dead}-def"
    stale_file.write_bytes(b"x")
    (tmp_path / f".md-work-md{dead}-def-journal").write_bytes(b"j")
    fresh = tmp_path / f".md-work-md{dead}-fresh"  # a dead pid here, but it just changed: kept
    fresh.mkdir()
    live = tmp_path / f".md-work-md{os.getpid()}-live"
    live.mkdir()
    users = [tmp_path / ".md-work-notes", tmp_path / "md-work-md1-x", tmp_path / ".md-workshop-md1-x"]
    for path in users:
        path.write_text("a user's file")
    for path in (
        stale_dir,
        stale_dir / "territory.gpkg",
        stale_file,
        tmp_path / f"{stale_file.name}-journal",
        live,
    ):
        os.utime(path, (old, old))
    removed = leftovers.remove_stale(str(tmp_path), ".md-work")
    assert sorted(removed) == sorted([str(stale_dir), str(stale_file)])
    assert sorted(os.listdir(tmp_path)) == sorted([fresh.name, live.name] + [p.name for p in users])


def test_temporary_names_carry_the_pid(tmp_path):
    with atomic.atomic_path(str(tmp_path / "a.gpkg"), lang="en") as tmp:
        assert os.path.basename(tmp).startswith(f".tmp-a.gpkg-md{os.getpid()}-")
        with open(tmp, "wb") as f:
            f.write(b"x")


def test_interruptible_restores_the_handlers_and_ends_as_the_signal_would():
    code = """
import os, signal, sys
sys.path.insert(0, sys.argv[1])
from mobility_diagnosis.qgis_io import leftovers
before = signal.getsignal(signal.SIGTERM)
before_int = signal.getsignal(signal.SIGINT)  # SIG_IGN when the tests run as a background job
made = "%s/made" % sys.argv[2]
try:
    with leftovers.interruptible():
        assert signal.getsignal(signal.SIGTERM) is not before
        try:
            open(made, "w").close()
            os.kill(os.getpid(), signal.SIGINT)
        finally:
            os.remove(made)  # the clean-up runs
except leftovers.Interrupted:
    assert signal.getsignal(signal.SIGTERM) is before and signal.getsignal(signal.SIGINT) is before_int
    print("interrupted, clean")
with leftovers.interruptible():
    os.kill(os.getpid(), signal.SIGTERM)
print("not reached")
"""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
        done = subprocess.run(
            [sys.executable, "-c", code, root, folder], capture_output=True, text=True, timeout=120
        )
        assert os.listdir(folder) == []
    assert done.stdout.strip() == "interrupted, clean", done.stderr
    assert done.returncode == -signal.SIGTERM


def test_interruptible_leaves_other_threads_and_nested_runs_alone():
    import threading

    seen = []

    def other():
        with leftovers.interruptible():
            seen.append(signal.getsignal(signal.SIGTERM))

    before = signal.getsignal(signal.SIGTERM)
    thread = threading.Thread(target=other)
    thread.start()
    thread.join()
    assert seen == [before]


# ---------------------------------------------------------------------------------------- gdal_mode


def test_gdal_exceptions_on_inside_and_restored_after():
    before = [m.GetUseExceptions() for m in (gdal, ogr, osr)]
    with gdal_exceptions():
        assert [m.GetUseExceptions() for m in (gdal, ogr, osr)] == [1, 1, 1]
        with pytest.raises(RuntimeError):
            osr.SpatialReference().ImportFromEPSG(999999)
    assert [m.GetUseExceptions() for m in (gdal, ogr, osr)] == before


def test_open_or_none_in_both_modes(tmp_path):
    not_gpkg = tmp_path / "notes.gpkg"
    not_gpkg.write_text("not a GeoPackage")
    assert open_or_none(str(not_gpkg)) is None
    with gdal_exceptions():
        assert open_or_none(str(not_gpkg)) is None
        assert open_or_none(str(tmp_path / "missing.gpkg")) is None


def test_the_next_write_removes_a_killed_writes_temporary_file_and_journal(tmp_path):
    dead, old = dead_pid(), time.time() - 3600
    stale = tmp_path / f".tmp-territory.gpkg-md{dead}-k1ll3d.gpkg"
    journal = tmp_path / f"{stale.name}-journal"
    other_target = tmp_path / f".tmp-other.gpkg-md{dead}-zz.gpkg"  # another target's: its own write's job
    for path in (stale, journal, other_target):
        path.write_bytes(b"half")
        os.utime(path, (old, old))
    with atomic.atomic_path(str(tmp_path / "territory.gpkg"), lang="en") as tmp, open(tmp, "wb") as f:
        f.write(b"new")
    assert sorted(os.listdir(tmp_path)) == sorted(["territory.gpkg", other_target.name])
