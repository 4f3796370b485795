"""The one-way import contract of pyproject.toml ([tool.importlinter]) holds, and it catches a wrong-way
import, a function-level one included (they were how the old ones hid)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINT = "import sys; from importlinter.cli import lint_imports; sys.exit(lint_imports(no_cache=True, no_logo=True))"


def _lint(root: Path) -> subprocess.CompletedProcess:
    # a child process: lint-imports finds the package through the working folder on sys.path, and this
    # process has already imported the real one
    return subprocess.run([sys.executable, "-c", LINT], cwd=root, capture_output=True, text=True, timeout=300)


def test_the_plugin_keeps_its_layers():
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout, result.stdout


def test_a_wrong_way_import_breaks_the_contract(tmp_path):
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    shutil.copytree(
        ROOT / "mobility_diagnosis",
        tmp_path / "mobility_diagnosis",
        ignore=shutil.ignore_patterns("resources"),
    )
    with open(tmp_path / "mobility_diagnosis" / "core" / "many.py", "a", encoding="utf-8") as f:
        f.write(
            "\n\ndef _wrong_way():\n    from ..qgis_io import settings\n    from qgis.core import QgsSettings\n"
        )
    result = _lint(tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "0 kept, 2 broken" in result.stdout, result.stdout
    assert (
        "mobility_diagnosis.core.many -> mobility_diagnosis.qgis_io.settings" in result.stdout
    ), result.stdout
    assert "mobility_diagnosis.core.many -> qgis" in result.stdout, result.stdout
