"""``mobilitydiagnosis:exportpackage``: turn a diagnosis GeoPackage into the shareable open-data package
(INTERFACE.md "Shareable package folder"), optionally zipped."""

from __future__ import annotations

import os
import tempfile
from typing import Optional

from qgis.core import (
    QgsApplication,
    QgsProcessingAlgorithm,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingOutputFile,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFile,
    QgsProcessingParameterFolderDestination,
)

from ..core.package_text import missing_note
from ..core.storage import copy_need
from ..core.territory import is_insee_code
from ..core.themes import national_files
from ..i18n import language_override, tr
from ..qgis_io.cancel import cancel_check
from ..qgis_io.export.package import (
    PackageCancelled,
    check_output_folder,
    staging_folder,
    write_package_contents,
    zip_package,
)
from ..qgis_io.export.package_gpkg import PackageError, read_diagnosis
from ..qgis_io.storage import check_folder
from .base import MobilityAlgorithm

LANGUAGES = ("fr", "en")


def add_package_parameters(alg: QgsProcessingAlgorithm) -> None:
    """REPORT_LANGUAGE and OVERWRITE, shared with ``diagnose``."""
    alg.addParameter(
        QgsProcessingParameterEnum(
            "REPORT_LANGUAGE",
            tr("Language of the report and the package texts"),
            ["Français", "English"],
            False,
            0,
        )
    )
    alg.addParameter(
        QgsProcessingParameterBoolean(
            "OVERWRITE",
            tr("Replace an existing package folder (otherwise a non-empty folder is refused)"),
            False,
        )
    )


def report_language(alg, parameters, context) -> str:
    return LANGUAGES[alg.parameterAsEnum(parameters, "REPORT_LANGUAGE", context)]


def theme_algorithm(alg_id: str):
    """The registered theme algorithm, or None when its theme has not landed in this version."""
    return QgsApplication.processingRegistry().algorithmById(alg_id)


def run_child(alg_id: str, params: dict, context: QgsProcessingContext, feedback) -> dict:
    """Run a registered algorithm as a child: the real error message propagates, layers are not loaded."""
    registry = QgsApplication.processingRegistry()
    alg = registry.createAlgorithmById(alg_id)
    if alg is None:
        raise QgsProcessingException(tr("The algorithm {} is not available.").format(alg_id))
    child = QgsProcessingContext()
    child.setTransformContext(context.transformContext())
    child.setFlags(context.flags())
    ok, message = alg.checkParameterValues(params, child)
    if not ok:
        raise QgsProcessingException(message)
    if not alg.prepare(params, child, feedback):
        raise QgsProcessingException(tr("{} could not start.").format(alg_id))
    return alg.runPrepared(params, child, feedback)


def regenerate_schema_files(
    staging: str, diagnosis_path: str, lang: str, context, feedback, input_folder: Optional[str]
) -> tuple[dict[str, str], dict[str, str]]:
    """Find or remake the national-schema files: (files to copy, notes on those missing)."""
    sources, notes = {}, {}
    diagnosis = read_diagnosis(diagnosis_path)
    territory_gpkg = diagnosis.about.get("territory_gpkg", "")
    for row, national in national_files():  # each written by its theme's algorithm through one parameter
        name, theme, alg_id, param = national.file_name, row.id, row.algorithm_id, national.parameter
        beside = os.path.join(input_folder, name) if input_folder else ""
        if beside and os.path.exists(beside):
            sources[name] = beside
            continue
        if theme not in diagnosis.themes:
            notes[name] = missing_note("theme_absent", theme, lang)
            continue
        if national.french_only and not is_insee_code(diagnosis.territory_code):
            notes[name] = missing_note("not_french", theme, lang)
            continue
        if not territory_gpkg or not os.path.exists(territory_gpkg):
            notes[name] = missing_note("not_available", theme, lang)
            continue
        feedback.pushInfo(tr("Writing {} from {} …").format(name, territory_gpkg))
        with tempfile.TemporaryDirectory(dir=staging) as scratch:
            target = os.path.join(staging, name)
            try:
                run_child(
                    alg_id,
                    {"INPUT": territory_gpkg, "OUTPUT": os.path.join(scratch, "scratch.gpkg"), param: target},
                    context,
                    feedback,
                )
            except QgsProcessingException as exc:
                feedback.pushWarning(tr("{} was not written: {}").format(name, exc))
            if not os.path.exists(target):
                notes[name] = missing_note(
                    "not_french" if national.french_only else "not_available", theme, lang
                )
    return sources, notes


class ExportPackageAlgorithm(MobilityAlgorithm):
    INPUT = "INPUT"
    OUTPUT_FOLDER = "OUTPUT_FOLDER"
    ZIP = "ZIP"

    def name(self):
        return "exportpackage"

    def displayName(self):
        return tr("Export a shareable package")

    def shortHelpString(self):
        return tr(
            "Turns a diagnosis GeoPackage into a folder anyone can open, reuse and republish: diagnosis.gpkg with "
            "each layer's style, metadata (title, abstract, keywords, licence, attribution, sources, date, CRS) "
            "and the QGIS project “diagnosis” stored inside (Project › Open From › GeoPackage); report.pdf for "
            "the council; indicators.csv; the national-schema files (cycle facilities, bike parking) when their "
            "theme was run; datapackage.json (Frictionless); README.md and LICENSE (ODbL, © OpenStreetMap "
            "contributors). The folder is built aside and swapped in at the end: a non-empty folder is refused "
            "unless OVERWRITE, and a failure or a cancel leaves the previous folder as it was."
        )

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFile(
                self.INPUT,
                tr("Diagnosis GeoPackage"),
                behavior=QgsProcessingParameterFile.Behavior.File,
                extension="gpkg",
            )
        )
        add_package_parameters(self)
        self.addParameter(
            QgsProcessingParameterBoolean(self.ZIP, tr("Also make a zip of the package"), False)
        )
        self.addParameter(QgsProcessingParameterFolderDestination(self.OUTPUT_FOLDER, tr("Package folder")))
        self.addOutput(QgsProcessingOutputFile("REPORT", tr("Report (PDF)")))
        self.addOutput(QgsProcessingOutputFile("ZIP_FILE", tr("Zipped package")))

    def processAlgorithm(self, parameters, context, feedback):
        source = self.parameterAsFile(parameters, self.INPUT, context)
        folder = self.parameterAsFileOutput(parameters, self.OUTPUT_FOLDER, context)
        lang = report_language(self, parameters, context)
        overwrite = self.parameterAsBoolean(parameters, "OVERWRITE", context)
        with language_override(lang):
            try:
                check_output_folder(folder, overwrite)
                read_diagnosis(source)
                if os.path.abspath(os.path.dirname(source)) == os.path.abspath(folder):
                    raise PackageError(
                        f"The package folder {folder} holds the input GeoPackage: choose another folder."
                    )
                need = copy_need(os.path.getsize(source), os.path.getsize(source))  # the gpkg and the rest
                check_folder(os.path.dirname(os.path.abspath(folder)), need, lang)  # before the work
                with staging_folder(folder, need, lang) as staging:
                    sources, notes = regenerate_schema_files(
                        staging, source, lang, context, feedback, os.path.dirname(os.path.abspath(source))
                    )
                    result = build_package_in(staging, source, lang, feedback, sources, notes)
            except PackageCancelled as exc:
                raise QgsProcessingException(cancel_message()) from exc
            except PackageError as exc:
                raise QgsProcessingException(str(exc)) from exc
        outputs = {self.OUTPUT_FOLDER: folder, "REPORT": os.path.join(folder, "report.pdf")}
        if self.parameterAsBoolean(parameters, self.ZIP, context):
            outputs["ZIP_FILE"] = zip_package(folder, folder.rstrip("/\\") + ".zip")
            feedback.pushInfo(tr("Zip: {}").format(outputs["ZIP_FILE"]))
        report_made(folder, result, feedback)
        return outputs


def build_package_in(
    staging: str,
    diagnosis_path: str,
    lang: str,
    feedback,
    sources=None,
    notes=None,
    report_maps=None,
    draft=None,
):
    steps = {
        "metadata": tr("Writing layer metadata …"),
        "report": tr("Making the report (print layout to PDF) …"),
        "project": tr("Storing the QGIS project in the GeoPackage …"),
        "tables": tr("Writing indicators.csv and the national-schema files …"),
        "datapackage": tr("Writing README.md, LICENSE and datapackage.json …"),
    }

    def progress(fraction: float, step: str) -> None:
        feedback.setProgress(100.0 * fraction)
        if step in steps:
            feedback.pushInfo(steps[step])

    return write_package_contents(
        staging,
        diagnosis_path,
        lang,
        schema_sources=sources,
        schema_notes=notes,
        progress=progress,
        cancelled=cancel_check(feedback),
        report_maps=report_maps,
        draft=draft,
    )


def cancel_message() -> str:
    return tr(
        "Cancelled: nothing of the new package was kept; an existing package folder was left as it was."
    )


def report_made(folder: str, result, feedback) -> None:
    feedback.pushInfo(tr("Package written to {}: {}").format(folder, ", ".join(result.files)))
    for name, note in sorted(result.missing.items()):
        feedback.pushWarning(f"{name}: {note}")
