"""The Python interpreter for our child processes (``diagnosemany``'s workers, ``diagnose``'s helper).

Inside QGIS ``sys.executable`` is not to be trusted: it is QGIS itself, or, when the embedded Python looks
for its program name on PATH (seen with ``qgis_process`` on Linux), the first ``python3`` there — a pyenv or
conda interpreter that cannot import this QGIS (workers died with ``No module named '_csv'``). So a
candidate is used only once proven: run with ``CHECK`` under the children's environment, it must import
QGIS and name the same QGIS version. Checked once per session, the answer kept. Candidates, in order:
``sys.executable`` when it is a Python; QGIS's own Python next to its binaries (OSGeo4W and the Windows
installer: ``bin/python3.exe``, ``apps/Python3*/python.exe``; the macOS bundle: ``Contents/MacOS/bin/python3``;
Linux: ``<sys.base_prefix>/bin/python3``, ``/usr/bin/python3``); then PATH.
"""

from __future__ import annotations

import os
import shutil
import subprocess  # nosec B404
import sys
from glob import glob
from pathlib import Path
from typing import Optional

# What a child needs first: the stdlib modules that broke foreign interpreters, then QGIS (same version).
CHECK = "import csv, sqlite3; from qgis.core import Qgis; print(Qgis.versionInt())"
CHECK_TIMEOUT_S = 60.0  # a first QGIS import on a cold Windows disk takes a while

_checked: dict[str, Optional[str]] = {}  # "python" -> the proven interpreter (None: none), once per session
_rejected: list[str] = []  # "candidate: why", for the message


def import_paths() -> list[str]:
    """This process's import path, so that a child finds QGIS and the plugin wherever they are installed."""
    return [p for p in sys.path if p and os.path.isdir(p)]


def child_env() -> dict:
    """The environment of a child process: ours, headless, with our import path."""
    return dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=os.pathsep.join(import_paths()))


def _is_python(path: str) -> bool:
    return Path(path).name.lower().startswith("python")


def _qgis_binaries() -> list[Path]:
    """Folders holding the running QGIS's programs (the application's own folder, QGIS's prefix/bin)."""
    folders = []
    try:
        from qgis.core import QgsApplication
        from qgis.PyQt.QtCore import QCoreApplication

        if QCoreApplication.instance() is not None:
            folders.append(Path(QCoreApplication.applicationDirPath()))
        prefix = QgsApplication.prefixPath()
        if prefix:
            folders += [Path(prefix) / "bin", Path(prefix).parent.parent / "bin"]  # OSGeo4W: <root>/apps/qgis
    except ImportError:
        pass
    return folders


def candidates() -> list[str]:
    """Every interpreter worth checking, in order of preference, each once."""
    version = f"python{sys.version_info[0]}.{sys.version_info[1]}"
    found: list[Path] = []
    if sys.executable and _is_python(sys.executable):
        found.append(Path(sys.executable))
    for folder in _qgis_binaries():
        found += [folder / "python3.exe", folder / "python.exe", folder / "bin" / "python3"]  # OSGeo4W, macOS
        found += [
            Path(p) for p in sorted(glob(str(folder.parent / "apps" / "Python3*" / "python.exe")))[::-1]
        ]
    for prefix in dict.fromkeys((sys.exec_prefix, sys.base_exec_prefix, sys.base_prefix)):
        found += [
            Path(prefix) / "python.exe",
            Path(prefix) / "bin" / version,
            Path(prefix) / "bin" / "python3",
        ]
    found.append(Path("/usr/bin/python3"))
    found += [Path(p) for p in (shutil.which("python3"), shutil.which("python")) if p]
    unique: dict[str, None] = {}
    for path in found:
        if path.is_file() and os.access(path, os.X_OK):
            unique.setdefault(os.path.normcase(str(path)), None)
    return list(unique)


def _proven(candidate: str) -> Optional[str]:
    """None when ``candidate`` runs ``CHECK`` and names our QGIS version; else why not."""
    from qgis.core import Qgis

    try:  # our own interpreters with a fixed -c, never a shell
        done = subprocess.run(  # noqa: S603  # nosec B603
            [candidate, "-c", CHECK],
            env=child_env(),
            capture_output=True,
            text=True,
            timeout=CHECK_TIMEOUT_S,
            check=False,
            creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),  # no console flashing on Windows
        )
    except (OSError, subprocess.SubprocessError) as exc:
        return str(exc)
    if done.returncode != 0:
        lines = (done.stderr or done.stdout or "").strip().splitlines()
        return lines[-1] if lines else f"exit status {done.returncode}"
    if done.stdout.strip() != str(Qgis.versionInt()):
        return f"another QGIS ({done.stdout.strip() or 'none'})"
    return None


def qgis_python() -> Optional[str]:
    """The first candidate proven to import the running QGIS, or None (then ``no_python_message``)."""
    if "python" not in _checked:
        _rejected.clear()
        chosen = None
        for candidate in candidates():
            why = _proven(candidate)
            if why is None:
                chosen = candidate
                break
            _rejected.append(f"{candidate}: {why}")
        _checked["python"] = chosen
    return _checked["python"]


def forget() -> None:
    """Check again at the next call (tests; a user who just fixed their installation)."""
    _checked.clear()


def no_python_message() -> str:
    """Why no child process runs, and what it costs (nothing but time)."""
    from ..i18n import tr

    return tr(
        "No Python interpreter able to import this QGIS was found for the helper processes (tried: {tried}), "
        "so this process does all the work, one part after the other: slower, same result. A Python placed "
        "first on PATH (pyenv, conda) is the usual cause; QGIS's own Python is used whenever it is found "
        "next to QGIS."
    ).format(tried="; ".join(_rejected) or "none found")
