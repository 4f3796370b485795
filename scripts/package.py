"""Builds dist/mobility_diagnosis-<version>.zip, the archive plugins.qgis.org and "Install from ZIP" take:
one top folder `mobility_diagnosis/`, without tests, caches or development files.

Usage: python3 scripts/package.py   (run `make package`, which compiles the translations first)
"""

import configparser
import fnmatch
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PLUGIN = ROOT / "mobility_diagnosis"

# Left out of the archive: caches, tests, translation sources (the compiled .qm files go in), editor and
# OS litter. Matched against each path part and the file name.
EXCLUDED_DIRS = {"__pycache__", "tests", "test", ".pytest_cache", ".ruff_cache", ".mypy_cache", ".git"}
EXCLUDED_FILES = (
    "*.pyc",
    "*.pyo",
    "*.ts",
    "*.pro",
    "*~",
    "*.orig",
    "*.rej",
    "*.swp",
    ".DS_Store",
    "Thumbs.db",
)
# Shipped from the repository root when the plugin folder has no copy (plugins.qgis.org wants a licence).
ROOT_FILES = ("LICENSE", "CHANGELOG.md")


def plugin_version() -> str:
    meta = configparser.ConfigParser(interpolation=None)
    meta.read(PLUGIN / "metadata.txt", encoding="utf-8")
    return meta["general"]["version"].strip()


def included(path: Path) -> bool:
    rel = path.relative_to(PLUGIN)
    if any(part in EXCLUDED_DIRS for part in rel.parts[:-1]):
        return False
    return not any(fnmatch.fnmatch(rel.name, pattern) for pattern in EXCLUDED_FILES)


def candidate_files() -> list[Path]:
    """Files git tracks in the plugin folder plus the compiled translations (a stray local file never
    ships); every file of the folder when this is not a git checkout (e.g. an unpacked source archive)."""
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z", "--", "mobility_diagnosis"],
            cwd=ROOT,
            capture_output=True,
            check=True,
        ).stdout.decode("utf-8")
    except (OSError, subprocess.CalledProcessError):
        return [p for p in PLUGIN.rglob("*") if p.is_file()]
    tracked = {ROOT / name for name in listed.split("\0") if name}
    tracked.update(PLUGIN.glob("resources/i18n/*.qm"))
    return [p for p in tracked if p.is_file()]


def build() -> Path:
    version = plugin_version()
    dist = ROOT / "dist"
    dist.mkdir(exist_ok=True)
    target = dist / f"mobility_diagnosis-{version}.zip"
    partial = target.with_suffix(".zip.part")
    files = sorted(p for p in candidate_files() if included(p))
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in files:
            archive.write(path, Path("mobility_diagnosis") / path.relative_to(PLUGIN))
        for name in ROOT_FILES:
            if (ROOT / name).is_file() and not (PLUGIN / name).exists():
                archive.write(ROOT / name, Path("mobility_diagnosis") / name)
    partial.replace(target)
    return target


if __name__ == "__main__":
    built = build()
    with zipfile.ZipFile(built) as archive:
        names = archive.namelist()
    sys.stdout.write(f"{built.relative_to(ROOT)}: {len(names)} files\n")
