"""Nothing lost and nothing misreported (issue 15): a full disk, a read-only folder, SIGTERM/SIGINT and the
leftovers of a killed run, for ``fetchterritory``, a theme and ``diagnose``.

Two ways to fill a disk, the same faults:
- *tmpfs rows* mount a small tmpfs and fill it (root with mount rights: CI on this machine). Where mounting
  is refused (a chroot without the right), they skip, saying so;
- *volume rows* (``_volume``) need no mount and run everywhere: a child process whose free-space probe
  reports a small disk (its capacity less what the folder holds), so the checks before the work refuse,
  and whose file-size limit (``RLIMIT_FSIZE``) makes the write itself fail for real. That failure is
  ``EFBIG``, which SQLite reports as "disk I/O error", not as a full disk (only a real ``ENOSPC`` is): those
  rows assert the old file and the clear "Writing in … failed" message, the tmpfs rows the full-disk one.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from qgis.core import QgsProcessingException

from tests.conftest import data_path
from tests.support.gdal_modes import without_gdal_exceptions

ROOT = Path(__file__).resolve().parents[2]
COMMUNES = str(data_path("osm", "monaco_communes_2016.osm.pbf"))
MONACO_2012 = str(data_path("osm", "monaco_2012.osm.gz"))
LITTER = (".tmp-", ".old-", ".md-work", ".md-probe")


def sha(path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def litter(folder) -> list[str]:
    return sorted(n for n in os.listdir(folder) if n.startswith(LITTER))


# ------------------------------------------------------------------------------------------ small disks


def _mount(folder: Path, size_kb: int, read_only: bool = False) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    options = f"size={size_kb}k" + (",ro" if read_only else "")
    try:
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True, text=True
        )
        why = (done.stderr.strip() or "mount refused") if done.returncode != 0 else ""
    except OSError as exc:  # no mount program
        why = str(exc)
    if why:
        pytest.skip(
            f"cannot mount a tmpfs here ({why}): the *_volume rows, which need no mount, test the same fault"
        )


@pytest.fixture
def small_disk(tmp_path):
    """``make(size_kb)`` mounts a tmpfs of that size (unmounted at the end) and returns its folder."""
    mounted = []

    def make(size_kb: int, read_only: bool = False) -> Path:
        folder = tmp_path / f"disk{len(mounted)}"
        _mount(folder, size_kb, read_only)
        mounted.append(folder)
        return folder

    yield make
    for folder in reversed(mounted):
        subprocess.run(["umount", "-l", str(folder)], check=False)


def fill(folder: Path, leave_bytes: int) -> None:
    """Fill the disk holding ``folder`` until ``leave_bytes`` are free."""
    free = shutil.disk_usage(folder).free
    with open(folder / "filler.bin", "wb") as f:
        f.write(b"\0" * max(0, free - leave_bytes))
    assert abs(shutil.disk_usage(folder).free - leave_bytes) < 64 * 1024


def nearly_full(disk: Path, old_file: Path, free: int) -> tuple[Path, Path, str]:
    """A copy of ``old_file`` on ``disk``, then the disk filled to ``free`` bytes: (disk, copy, its hash)."""
    target = disk / old_file.name
    shutil.copyfile(old_file, target)
    fill(disk, free)
    return disk, target, sha(target)


@pytest.fixture(scope="module")
def old_territory(tmp_path_factory, provider) -> Path:
    """A good territory GeoPackage (Monaco 2012, no buffer: under 1 MB), the file a failed fetch must keep."""
    import processing

    path = tmp_path_factory.mktemp("old") / "territory.gpkg"
    processing.run(
        "mobilitydiagnosis:fetchterritory",
        {"TERRITORY": "osm:relation/2220322", "OSM_FILE": MONACO_2012, "BUFFER": 0, "OUTPUT": str(path)},
    )
    return path


@pytest.fixture(scope="module")
def old_diagnosis(tmp_path_factory, provider, monaco_territory) -> Path:
    import processing

    path = tmp_path_factory.mktemp("olddiag") / "diagnosis.gpkg"
    processing.run("mobilitydiagnosis:parking", {"INPUT": monaco_territory, "OUTPUT": str(path)})
    return path


def fetch_06032(run_alg, output, feedback=None):
    """The reproduce line of issue 15."""
    return run_alg(
        "mobilitydiagnosis:fetchterritory",
        {"TERRITORY": "06032", "OSM_FILE": COMMUNES, "OUTPUT": str(output)},
        feedback,
    )


def assert_full_disk_message(text: str, folder) -> None:
    assert f"The disk holding {folder} is full (" in text, text
    assert "MB free, about" in text and "MB needed" in text, text
    assert "sqlite" not in text.lower() and "Traceback" not in text and len(text) < 400, text


# ------------------------------------------------------------------------------- fetchterritory, full disk


def test_fetch_onto_a_nearly_full_disk_is_refused_before_reading(
    small_disk, old_territory, run_alg, recording_feedback
):
    """Issue 15's reproduce line: 2 MB tmpfs, a good territory, about 550 KB free."""
    disk, target, before = nearly_full(small_disk(2048), old_territory, 550 * 1024)
    feedback = recording_feedback()
    with pytest.raises(QgsProcessingException) as caught:
        fetch_06032(run_alg, target, feedback)
    assert_full_disk_message(str(caught.value), disk)
    assert sha(target) == before
    assert litter(disk) == []
    assert not [m for m in feedback.messages if m.startswith("Reading ")]  # refused before the long read


@pytest.mark.parametrize("mode", ["GDAL exceptions", "no GDAL exceptions"])
def test_fetch_that_fills_the_disk_while_writing_keeps_the_old_file(
    small_disk, old_territory, run_alg, monkeypatch, mode
):
    """The pre-check passes (it is a low estimate), the disk fills during the write: GDAL's failed COMMIT
    must not be renamed over the good file, whether GDAL raised it (the algorithm, exceptions on) or only
    logged it (the fetch called directly, exceptions off as in QGIS 3.22 desktop)."""
    from mobility_diagnosis.qgis_io.osm import territory_fetch

    monkeypatch.setattr(territory_fetch, "_check_room", lambda *args: None)
    disk, target, before = nearly_full(small_disk(4096), old_territory, 1300 * 1024)
    if mode == "GDAL exceptions":
        with pytest.raises(QgsProcessingException) as caught:
            fetch_06032(run_alg, target)
    else:
        with without_gdal_exceptions(), pytest.raises(territory_fetch.FetchError) as caught:
            territory_fetch.fetch_territory(output=str(target), territory_text="06032", osm_file=COMMUNES)
    assert_full_disk_message(str(caught.value), disk)
    assert sha(target) == before
    assert litter(disk) == []


def run_child(spec: dict, timeout: float = 600) -> tuple[int, dict, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "tests.support.alg_child", json.dumps(spec)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout,
    )  # fmt: skip
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    return done.returncode, (json.loads(lines[-1]) if lines else {}), done.stderr


def volume(folder: Path, free: int, file_limit: int = 0) -> dict:
    """A disk of the size that leaves ``free`` bytes beside what ``folder`` holds now; with ``file_limit``,
    a write that makes a file larger fails for real."""
    used = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())
    return {"volume": [str(folder), used + free], "fsize_limit": file_limit}


def assert_refused_or_failed(fault: str, outcome: tuple, folder) -> None:
    """A child's run refused for a full disk before the work, or failed while writing, with its message."""
    code, result, stderr = outcome
    assert code == 3 and result["ok"] is False, stderr[-2000:]
    if fault == "refused":
        assert_full_disk_message(result["error"], folder)
    else:
        assert_write_failed_message(result["error"], folder)


def assert_write_failed_message(text: str, folder) -> None:
    assert f"Writing in {folder} failed (" in text and "the previous file was left as it was" in text, text
    assert "Traceback" not in text and len(text) < 500, text


@pytest.mark.parametrize("fault", ["refused", "write fails"])
def test_fetch_full_disk_volume(tmp_path, old_territory, fault):
    target = tmp_path / "territory.gpkg"
    shutil.copyfile(old_territory, target)
    before = sha(target)
    disk = volume(tmp_path, 550 * 1024) if fault == "refused" else volume(tmp_path, 1300 * 1024, 1300 * 1024)
    spec = {"alg": "mobilitydiagnosis:fetchterritory", **disk,
            "params": {"TERRITORY": "06032", "OSM_FILE": COMMUNES, "OUTPUT": str(target)}}  # fmt: skip
    assert_refused_or_failed(fault, run_child(spec), tmp_path)
    assert sha(target) == before
    assert litter(tmp_path) == []


# ------------------------------------------------------------------------------------ a theme, full disk


@pytest.mark.parametrize("fault", ["refused", "write fails"])
def test_theme_on_a_full_disk_keeps_the_diagnosis(
    small_disk, old_diagnosis, monaco_territory, run_alg, monkeypatch, fault
):
    """Refused: the check before the theme's work; write fails: that check passed over (its estimate is
    low on purpose), the copy of the diagnosis fills the disk for real."""
    from mobility_diagnosis.processing import theme_base

    if fault == "write fails":
        monkeypatch.setattr(theme_base, "check_folder", lambda *args: None)
    disk, target, before = nearly_full(small_disk(2048), old_diagnosis, 100 * 1024)
    with pytest.raises(QgsProcessingException) as caught:
        run_alg("mobilitydiagnosis:parking", {"INPUT": monaco_territory, "OUTPUT": str(target)})
    assert_full_disk_message(str(caught.value), disk)
    assert sha(target) == before
    assert litter(disk) == []


@pytest.mark.parametrize("fault", ["refused", "write fails"])
def test_theme_full_disk_volume(tmp_path, old_diagnosis, monaco_territory, fault):
    target = tmp_path / "diagnosis.gpkg"
    shutil.copyfile(old_diagnosis, target)
    before = sha(target)
    size = os.path.getsize(target)
    # refused: no room for the copy of the diagnosis; write fails: room, but the copy cannot grow
    disk = volume(tmp_path, 100 * 1024) if fault == "refused" else volume(tmp_path, 4 * size, size // 2)
    spec = {"alg": "mobilitydiagnosis:parking", **disk,
            "params": {"INPUT": monaco_territory, "OUTPUT": str(target)}}  # fmt: skip
    assert_refused_or_failed(fault, run_child(spec), tmp_path)
    assert sha(target) == before
    assert litter(tmp_path) == []


# ------------------------------------------------------------------------------------- diagnose, full disk


def old_package(folder: Path, old_diagnosis: Path) -> str:
    folder.mkdir()
    shutil.copyfile(old_diagnosis, folder / "diagnosis.gpkg")
    return sha(folder / "diagnosis.gpkg")


def diagnose_params(folder, territory, **extra) -> dict:
    return {"TERRITORY_GPKG": str(territory), "OUTPUT_FOLDER": str(folder), "OVERWRITE": True,
            "PARALLEL": False, "THEMES": [2], "REPORT_LANGUAGE": 1, **extra}  # fmt: skip


def test_diagnose_on_a_full_disk_is_refused_before_the_work(
    small_disk, old_diagnosis, monaco_territory, run_alg
):
    disk = small_disk(2048)
    before = old_package(disk / "pkg", old_diagnosis)
    fill(disk, 300 * 1024)
    with pytest.raises(QgsProcessingException) as caught:
        run_alg("mobilitydiagnosis:diagnose", diagnose_params(disk / "pkg", monaco_territory))
    assert_full_disk_message(str(caught.value), disk)
    assert sha(disk / "pkg" / "diagnosis.gpkg") == before
    assert litter(disk) == []


def test_diagnose_whose_themes_fill_the_disk_names_the_disk(
    small_disk, old_diagnosis, monaco_territory, run_alg, monkeypatch
):
    """No more "No theme could be computed" alone: the message names the full disk."""
    from mobility_diagnosis.processing import diagnose, theme_base

    monkeypatch.setattr(diagnose, "diagnose_need", lambda size: 0)
    monkeypatch.setattr(theme_base, "check_folder", lambda *args: None)
    disk = small_disk(2048)
    before = old_package(disk / "pkg", old_diagnosis)
    fill(disk, 300 * 1024)
    with pytest.raises(QgsProcessingException) as caught:
        run_alg("mobilitydiagnosis:diagnose", diagnose_params(disk / "pkg", monaco_territory))
    text = str(caught.value)
    assert f"The disk holding {disk} is full (" in text, text
    assert "sqlite" not in text.lower() and "Traceback" not in text, text
    assert sha(disk / "pkg" / "diagnosis.gpkg") == before
    assert litter(disk) == []


@pytest.mark.parametrize("fault", ["refused", "write fails"])
def test_diagnose_full_disk_volume(tmp_path, old_diagnosis, monaco_territory, fault):
    folder = tmp_path / "out"
    folder.mkdir()
    before = old_package(folder / "pkg", old_diagnosis)
    territory = tmp_path / "territory.gpkg"
    shutil.copyfile(monaco_territory, territory)
    # write fails: room for everything, but no file may grow past 100 KB (a theme's GeoPackage does)
    disk = volume(folder, 300 * 1024) if fault == "refused" else volume(folder, 50 * 2**20, 100 * 1024)
    spec = {"alg": "mobilitydiagnosis:diagnose", **disk,
            "params": diagnose_params(folder / "pkg", territory)}  # fmt: skip
    assert_refused_or_failed(fault, run_child(spec), folder)
    assert sha(folder / "pkg" / "diagnosis.gpkg") == before
    assert litter(folder) == []


# ------------------------------------------------------------------------------------- read-only folder


def test_fetch_into_a_read_only_folder_says_so_before_reading(small_disk, run_alg, recording_feedback):
    disk = small_disk(1024, read_only=True)
    feedback = recording_feedback()
    with pytest.raises(QgsProcessingException) as caught:
        fetch_06032(run_alg, disk / "territory.gpkg", feedback)
    assert str(caught.value).startswith(f"The folder {disk} is read-only"), caught.value
    assert not [m for m in feedback.messages if m.startswith("Reading ")]


@pytest.mark.skipif(not hasattr(os, "setuid"), reason="no POSIX users here")
def test_fetch_into_a_folder_the_user_may_not_write(provider):
    """Root ignores permissions: the child drops to ``nobody`` (or, not being root, the folder is made
    read-only for us)."""
    folder = Path(tempfile.mkdtemp(prefix="md-noperm-", dir="/tmp"))
    try:
        os.chmod(folder, 0o755)
        spec = {"alg": "mobilitydiagnosis:fetchterritory",
                "params": {"TERRITORY": "06032", "OSM_FILE": COMMUNES, "OUTPUT": str(folder / "t.gpkg")}}  # fmt: skip
        if os.geteuid() == 0:
            spec["uid"] = 65534
        else:
            os.chmod(folder, 0o555)
        code, result, stderr = run_child(spec)
        assert code == 3, stderr[-2000:]
        assert result["error"].startswith(f"You may not write in the folder {folder}."), result
        assert os.listdir(folder) == []
    finally:
        os.chmod(folder, 0o755)
        shutil.rmtree(folder)


# ------------------------------------------------------------------------------------ signals, leftovers


def start_diagnose_child(out: Path, runner: str = "python") -> subprocess.Popen:
    """``diagnose`` on Monaco in a child: a Python script using ``processing.run``, or
    ``scripts/qgis_process.sh`` (a throw-away profile)."""
    params = {"TERRITORY": "osm:relation/2220322", "OSM_FILE": str(data_path("osm", "monaco_2023.osm.pbf")),
              "OUTPUT_FOLDER": str(out / "pkg")}  # fmt: skip
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    if runner == "python":
        spec = {"alg": "mobilitydiagnosis:diagnose", "params": params}
        command = [sys.executable, "-m", "tests.support.alg_child", json.dumps(spec)]
    else:
        env["MD_QGIS_HOME"] = str(out.parent / "qgis-home")
        command = [str(ROOT / "scripts" / "qgis_process.sh"), "run", "mobilitydiagnosis:diagnose", "--"]
        command += [f"{name}={value}" for name, value in params.items()]
    return subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def wait_for_work(out: Path, child: subprocess.Popen, what=(".md-work", ".tmp-pkg")) -> None:
    """Until the run has both its work folder and its staging folder (or the child ended)."""
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and child.poll() is None:
        names = os.listdir(out)
        if all(any(n.startswith(w) for n in names) for w in what):
            time.sleep(0.5)  # well inside the fetch
            return
        time.sleep(0.1)
    raise AssertionError(
        f"the run never made its folders: {os.listdir(out)}; {child.communicate()[1][-2000:]}"
    )


@pytest.mark.parametrize("runner", ["python", "qgis_process"])
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signal_during_diagnose_leaves_nothing(tmp_path, signum, runner):
    out = tmp_path / "out"
    out.mkdir()
    child = start_diagnose_child(out, runner)
    wait_for_work(out, child)
    child.send_signal(signum)
    stdout, stderr = child.communicate(timeout=300)
    assert litter(out) == [], stderr[-2000:]
    assert not (out / "pkg").exists()
    if signum == signal.SIGTERM:  # the process ends as SIGTERM ends it, once clean
        assert child.returncode == -signal.SIGTERM, stderr[-2000:]
    else:  # Ctrl+C: an interrupted run, reported as such
        assert child.returncode == (3 if runner == "python" else 1), stderr[-2000:]
        assert "Cancelled (signal 2)" in stdout + stderr, stdout


def test_a_killed_runs_leftovers_go_with_the_next_run(tmp_path, monaco_territory, run_alg):
    """SIGKILL leaves no chance to act: the next run removes the dead run's folders, not a live run's."""
    out = tmp_path / "out"
    out.mkdir()
    child = start_diagnose_child(out)
    wait_for_work(out, child)
    child.kill()
    child.communicate(timeout=60)
    left = litter(out)
    assert any(n.startswith(".md-work-md") for n in left) and any(n.startswith(".tmp-pkg-md") for n in left)
    old = time.time() - 3600
    for name in left:
        os.utime(out / name, (old, old))
        for base, dirs, files in os.walk(out / name):
            for entry in dirs + files:
                os.utime(os.path.join(base, entry), (old, old))
    live = out / f".md-work-md{os.getpid()}-live"  # a run going on in a live process: kept
    live.mkdir()
    os.utime(live, (old, old))
    run_alg("mobilitydiagnosis:diagnose", diagnose_params(out / "pkg", monaco_territory))
    assert litter(out) == [live.name]
    assert (out / "pkg" / "diagnosis.gpkg").exists()
