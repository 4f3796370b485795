"""The shareable package folder (INTERFACE.md): built complete in a temporary sibling folder, then
renamed into place, so an existing package is never half-overwritten and a failure or a cancel leaves
the previous folder (or nothing) as it was."""

from __future__ import annotations

import contextlib
import csv
import hashlib
import json
import os
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from typing import Callable, Iterator, Optional, Sequence

from ...core.package_descriptor import FileFacts, descriptor
from ...core.package_text import (
    PackageInfo,
    layer_text,
    layer_theme,
    license_text,
    missing_note,
    readme_text,
    uses_french_public_data,
)
from ...core.report_text import data_date, source_text
from ...core.sources import ABOUT_KEY, status_rows, statuses_from_json
from ...core.territory import is_insee_code
from ...core.themes import national_files
from ...i18n import user_language
from ..atomic import atomic_path
from ..leftovers import owned_prefix, remove_stale
from ..storage import MARGIN_BYTES, writing
from .package_gpkg import (
    Diagnosis,
    PackageError,
    layer_metadata,
    map_layers,
    metadata_xml,
    read_diagnosis,
    write_layer_metadata,
)

GPKG_NAME = "diagnosis.gpkg"


def package_order() -> tuple[str, ...]:
    """The package's files in the order README and datapackage.json list them: the themes' national-schema
    files (core.themes) after the tables."""
    schema = tuple(f.file_name for _theme, f in national_files())
    return (GPKG_NAME, "report.pdf", "indicators.csv", *schema, "README.md", "LICENSE")


class PackageCancelled(Exception):
    """The user cancelled; nothing of the new package remains."""


@dataclass
class PackageResult:
    folder: str
    files: list[str]
    missing: dict = field(default_factory=dict)
    themes: list[str] = field(default_factory=list)
    zip_path: Optional[str] = None


def check_output_folder(folder: str, overwrite: bool) -> None:
    """Refuse an existing non-empty folder unless ``overwrite``; refuse a file in its place."""
    if not folder:
        raise PackageError("No output folder given: choose an empty or new folder for the package.")
    if os.path.exists(folder) and not os.path.isdir(folder):
        raise PackageError(f"{folder} is a file, not a folder: choose a folder for the package.")
    if os.path.isdir(folder) and os.listdir(folder) and not overwrite:
        raise PackageError(
            f"The folder {folder} is not empty and was left untouched. Choose a new or empty folder, "
            "or tick “Replace an existing package folder” (OVERWRITE) to replace it."
        )


@contextlib.contextmanager
def staging_folder(target: str, need_bytes: int = MARGIN_BYTES, lang: Optional[str] = None) -> Iterator[str]:
    """A temporary folder beside ``target``; on success it replaces ``target`` (old one removed). A fault of
    the disk meanwhile leaves as ``storage.StorageError`` (``need_bytes``: the estimate for its message); the
    staging folder of a run that was killed is removed by the next one (``leftovers``)."""
    parent = os.path.dirname(os.path.abspath(target)) or "."
    if lang is None:
        lang = user_language()
    name = os.path.basename(os.path.abspath(target))
    remove_stale(parent, ".tmp-" + name)
    if os.path.exists(target):  # else an old folder may be the last package, its swap cut short: kept
        remove_stale(parent, ".old-" + name)
    with writing(parent, need_bytes, lang):
        os.makedirs(parent, exist_ok=True)
        tmp = tempfile.mkdtemp(prefix=owned_prefix(".tmp-" + name), dir=parent)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o777 & ~umask)  # mkdtemp makes it private; a package folder is for sharing
    try:
        with writing(parent, need_bytes, lang, written=lambda: folder_size(tmp)):
            yield tmp
            replace_folder(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def folder_size(folder: str) -> int:
    return sum(os.path.getsize(os.path.join(root, f)) for root, _, files in os.walk(folder) for f in files)


def replace_folder(new: str, target: str) -> None:
    """Swap ``new`` into ``target`` with renames; the old folder is kept until the new one is in place."""
    target = os.path.abspath(target)
    old = None
    if os.path.exists(target):
        old = tempfile.mkdtemp(
            prefix=owned_prefix(".old-" + os.path.basename(target)), dir=os.path.dirname(target)
        )
        os.rmdir(old)
        os.replace(target, old)
    try:
        os.replace(new, target)
    except BaseException:
        if old is not None:
            os.replace(old, target)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def write_package_contents(
    folder: str,
    diagnosis_path: str,
    lang: str,
    *,
    info_extra: Optional[dict] = None,
    schema_sources: Optional[dict[str, str]] = None,
    schema_notes: Optional[dict[str, str]] = None,
    progress: Callable[[float, str], None] = lambda fraction, step: None,
    cancelled: Callable[[], bool] = lambda: False,
    report_maps=None,
    draft: Optional[PackageDraft] = None,
    author: str = "",
) -> PackageResult:
    """Fill ``folder`` (a staging folder) with the package made from ``diagnosis_path``.

    ``schema_sources`` maps schema file names to files to copy (when not already in ``folder``);
    ``schema_notes`` maps missing schema files to the reason, for the README. ``report_maps``: the
    report's maps already being rendered (``report_maps.ReportMaps``), else the layout draws them.
    ``draft``: the project's layers and report pages begun while the themes were computed (cleared here).
    ``author``: who the report is made by or for (its cover and the PDF's author); the plugin when empty.
    """
    from ..gpkg.project import build_project
    from .map_style import find_territory_gpkg

    gpkg = os.path.join(folder, GPKG_NAME)
    if os.path.abspath(diagnosis_path) != os.path.abspath(gpkg):
        _copy(diagnosis_path, gpkg)
    diagnosis = read_diagnosis(gpkg)
    _check(cancelled)
    progress(0.05, "metadata")
    if (
        draft is not None
        and draft.project is not None
        and os.path.abspath(draft.gpkg) == os.path.abspath(gpkg)
    ):
        project, layers = build_project(diagnosis, gpkg, lang, draft.project, draft.layers)
    else:
        draft = None
        project, layers = build_project(diagnosis, gpkg, lang)
    territory = find_territory_gpkg(diagnosis_path, diagnosis.about)  # for the maps' background
    try:
        layout = draft.layout_for(diagnosis, layers, author) if draft is not None else None
        _metadata_report_project(
            project, layers, diagnosis, gpkg, folder, lang, progress, cancelled, report_maps, layout, author,
            territory,
        )  # fmt: skip
    finally:
        # free the layers and the layout now, whatever happened: a project left to the garbage collector
        # (e.g. held by a traceback) would outlive QGIS itself and crash it on exit
        layers.clear()
        if draft is not None:
            draft.clear()
        project.layoutManager().clear()
        project.removeAllMapLayers()
        project.clear()
        del project
    _check(cancelled)
    progress(0.8, "tables")
    write_indicators_csv(os.path.join(folder, "indicators.csv"), diagnosis)
    missing = dict(schema_notes or {})
    for row, national in national_files():
        name, theme = national.file_name, row.id
        target = os.path.join(folder, name)
        source = (schema_sources or {}).get(name)
        if not os.path.exists(target) and source and os.path.exists(source):
            _copy(source, target)
        if os.path.exists(target):
            missing.pop(name, None)
        elif name not in missing:
            kind = "theme_absent" if theme not in diagnosis.themes else "not_available"
            if (
                kind == "not_available"
                and national.french_only
                and not is_insee_code(diagnosis.territory_code)
            ):
                kind = "not_french"
            missing[name] = missing_note(kind, theme, lang)
    info = package_info(diagnosis, lang, missing, info_extra or {})
    files = [
        name
        for name in package_order()
        if name in ("README.md", "LICENSE") or os.path.exists(os.path.join(folder, name))
    ]
    info.files = [*files, "datapackage.json"]
    info.empty_files = frozenset(
        name for _row, national in national_files() if name_has_no_row(folder, (name := national.file_name))
    )
    _write_text(os.path.join(folder, "README.md"), readme_text(info, lang))
    _write_text(os.path.join(folder, "LICENSE"), license_text(info))
    progress(0.95, "datapackage")
    facts = [file_facts(folder, name) for name in files]
    _write_text(
        os.path.join(folder, "datapackage.json"),
        json.dumps(descriptor(info, facts, lang), indent=2, ensure_ascii=False) + "\n",
    )
    progress(1.0, "done")
    return PackageResult(folder, info.files, missing, list(diagnosis.themes))


def _metadata_report_project(
    project,
    layers,
    diagnosis,
    gpkg,
    folder,
    lang,
    progress,
    cancelled,
    report_maps=None,
    layout=None,
    author="",
    territory="",
) -> None:
    from ..gpkg.project import store_project
    from .map_style import add_background
    from .report import build_report_layout, draw_background, export_report_pdf

    entries = {
        name: metadata_xml(layer_metadata(diagnosis, name, lang, layer)) for name, layer in layers.items()
    }
    write_layer_metadata(gpkg, entries)
    for layer in layers.values():  # reopen the layers so they carry the stored metadata
        layer.reload()
    _check(cancelled)
    if layout is None:
        layout = build_report_layout(project, diagnosis, layers, lang, author=author)
    background = add_background(project, lang, territory, gpkg)  # kept alive until the PDF is written
    draw_background(layout, background)
    project.layoutManager().addLayout(layout)
    # the project first: the last report maps may still be drawing in QGIS's threads meanwhile
    progress(0.15, "project")
    store_project(project, gpkg)
    _check(cancelled)
    progress(0.45, "report")
    pictures = report_maps.pictures(layout) if report_maps is not None else None
    export_report_pdf(layout, os.path.join(folder, "report.pdf"), pictures)


class PackageDraft:
    """The stored project's layers and the report's theme pages, begun theme by theme while ``diagnose``
    still computes the others (its main process mostly waits for the helper's last theme then), on the
    diagnosis GeoPackage the themes are merged into in place. When the last theme ends, only its own part,
    the cover, the summary, the PDF and the stored project are left to do.

    ``themes``: every theme expected, in the report's order. Should one not come (it failed), the pages
    made so far are dropped and the report is laid out whole at the end; the opened layers still serve.
    """

    def __init__(self, gpkg: str, lang: str, themes: Sequence[str]):
        self.gpkg, self.lang, self.themes = gpkg, lang, list(themes)
        self.project = None
        self.layers: dict = {}
        self._layout = None
        self._paged: list[str] = []

    def add_theme(self, theme: str) -> None:
        """Open ``theme``'s layers (and the territory) and fill its report page."""
        from ..gpkg.project import new_project, open_layers
        from .report import add_theme_page, new_report_layout

        diagnosis = read_diagnosis(self.gpkg)  # the themes merged so far
        if self.project is None:
            self.project = new_project(diagnosis, self.lang)
        names = [n for n in map_layers(diagnosis) if n == "territory" or layer_theme(n) == theme]
        open_layers(self.project, self.layers, self.gpkg, names, self.lang)
        if theme not in self.themes or theme in self._paged:
            return
        if self._layout is None:
            self._layout = new_report_layout(self.project, self.themes)
        add_theme_page(self._layout, self.themes, theme, self.layers, diagnosis, self.lang)
        self._paged.append(theme)

    def layout_for(self, diagnosis: Diagnosis, layers: dict, author: str = ""):
        """The finished layout, or None when the themes are not the ones expected (then it is dropped)."""
        from .report import add_theme_page, finish_report_layout

        layout, self._layout = self._layout, None
        if layout is None or list(diagnosis.themes) != self.themes:
            return None
        for theme in self.themes:
            if theme not in self._paged:
                add_theme_page(layout, self.themes, theme, layers, diagnosis, self.lang)
        finish_report_layout(layout, diagnosis, layers, self.lang, author)
        return layout

    def clear(self) -> None:
        """Free the layout, the layers and the project (see write_package_contents); idempotent."""
        self._layout = None
        self.layers.clear()
        if self.project is not None:
            self.project.layoutManager().clear()
            self.project.removeAllMapLayers()
            self.project.clear()
            self.project = None


def package_info(diagnosis: Diagnosis, lang: str, missing: dict, extra: dict) -> PackageInfo:
    about = diagnosis.about
    return PackageInfo(
        territory_name=diagnosis.territory_name,
        territory_code=diagnosis.territory_code,
        created=diagnosis.created,
        osm_source=source_text(about.get("source", "OpenStreetMap"), lang),
        osm_timestamp=data_date(about.get("osm_timestamp", ""), lang),  # as a phrase: "données au …"
        plugin_version=about.get("plugin_version", ""),
        themes=list(diagnosis.themes),
        files=[],
        missing=missing,
        gtfs=extra.get("gtfs") or about.get("gtfs_feed") or None,
        french_public_data=uses_french_public_data(about, diagnosis.territory_code),
        sources=source_rows(about, lang),
    )


def source_rows(about: dict, lang: str) -> list[dict]:
    """The rows of the report's "Sources" page and the package's list, from the diagnosis's ``about``
    (core.sources): one per source the run read, with its status, vintage, licence and attribution."""
    return status_rows(statuses_from_json(about.get(ABOUT_KEY)), lang)


def write_indicators_csv(path: str, diagnosis: Diagnosis) -> None:
    with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["theme", "indicator", "label", "value", "unit"])
        for i in diagnosis.indicators:
            writer.writerow(
                [i.theme, i.indicator, i.label, "" if i.value is None else repr(float(i.value)), i.unit]
            )


def name_has_no_row(folder: str, name: str) -> bool:
    """A national file written with its schema's fields and no row (GeoJSON with no feature, CSV header only)."""
    path = os.path.join(folder, name)
    if not os.path.exists(path):
        return False
    if name.lower().endswith((".geojson", ".json")):
        if os.path.getsize(path) > (1 << 20):  # a megabyte of GeoJSON has features: do not parse it
            return False
        with open(path, encoding="utf-8") as f:
            return not json.load(f).get("features")
    with open(path, encoding="utf-8-sig") as f:
        return sum(1 for line in f if line.strip()) <= 1


def file_facts(folder: str, name: str) -> FileFacts:
    path = os.path.join(folder, name)
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return FileFacts(name, os.path.getsize(path), digest.hexdigest())


def zip_package(folder: str, zip_path: str) -> str:
    """A zip of the package folder (top folder inside the zip = the package folder's name), atomic."""
    base = os.path.basename(os.path.abspath(folder))
    with atomic_path(zip_path, suffix=".zip") as tmp, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(os.listdir(folder)):
            zf.write(os.path.join(folder, name), f"{base}/{name}")
    return zip_path


def layer_titles(diagnosis: Diagnosis, lang: str) -> dict[str, str]:
    return {name: layer_text(name, lang)[0] for name in diagnosis.layers}


def _copy(source: str, target: str) -> None:
    with atomic_path(target) as tmp:
        shutil.copyfile(source, tmp)


def _write_text(path: str, text: str) -> None:
    with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8", newline="\n") as out:
        out.write(text)


def _check(cancelled: Callable[[], bool]) -> None:
    if cancelled():
        raise PackageCancelled()
