"""``mobilitydiagnosis:safety``: the road injury crashes of the national files (ONISR BAAC) in the territory,
matched to streets and crossed with the cycling stress (LTS) and the schools (method in docs/safety.md)."""

from __future__ import annotations

import os

from qgis.core import (
    QgsProcessingException,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterFile,
    QgsProcessingParameterString,
)

from ..core import crashes as cr
from ..core import safety_indicators as si
from ..core.fetch_errors import Cancelled
from ..core.sources import is_online_word
from ..i18n import tr, user_language
from ..qgis_io.settings import speed_overrides_for_run
from ..qgis_io.sources.safety_online import DEFAULT_DATASET_URL, CrashDownloadError, fetch_crash_files
from ..qgis_io.themes.safety import (
    CRASH_SPEC,
    CRASHES_LAYER,
    REQUIRED_LAYERS,
    STREET_SPEC,
    STREETS_LAYER,
    SafetyResult,
    analyse_safety,
    coverage_problem,
    source_files,
    unavailable,
)
from .theme_base import ThemeAlgorithm, ThemeResult

MAX_WARNINGS_SHOWN = 25


class SafetyAlgorithm(ThemeAlgorithm):
    CRASHES = "CRASHES"
    YEARS = "YEARS"
    BAAC_URL = "BAAC_URL"

    theme = "safety"
    required_layers = REQUIRED_LAYERS
    output_layers = (CRASHES_LAYER, STREETS_LAYER)

    def name(self):
        return "safety"

    def displayName(self):
        return tr("Road safety (injury crashes)")

    def shortHelpString(self):
        return tr(
            "The road injury crashes of the national files (ONISR, BAAC files on data.gouv.fr) in the "
            "territory: those of its commune (INSEE code) and those whose point lies in its outline.\n\n"
            "CRASHES: the folder of the yearly files (caracteristiques, lieux, vehicules, usagers, as "
            "downloaded or re-saved with ',' separators), or one caracteristiques file (the other tables "
            "of its year are read from beside it), or 'online' (data.gouv.fr's dataset of the files, "
            "downloaded once and cached). YEARS: e.g. 2018-2022 or 2020, 2022; empty: the last five years "
            "available.\n"
            "road_crashes: one point per crash with its date, severity (the worst injury: fatal, "
            "hospitalised, slight), the users involved (pedestrian, cyclist, e-scooter, motorised "
            "two-wheeler, car…), the nearest street within 100 m that vehicles use (osm_id, distance, its "
            "LTS) and the distance to the nearest school.\n"
            "crash_streets: the streets crashes were matched to; act_here_first marks those with a crash "
            "involving a cyclist and a cycling stress LTS ≥ 3.\n"
            "A territory outside France, or without crash files, gets a 'not available' indicator and "
            "empty layers."
        )

    def add_theme_parameters(self) -> None:
        self.addParameter(
            QgsProcessingParameterFile(
                self.CRASHES,
                tr("Crash files (ONISR BAAC): their folder, a caracteristiques file, or 'online'"),
                behavior=QgsProcessingParameterFile.Behavior.Folder,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.YEARS, tr("Years (e.g. 2018-2022; empty: the last five available)"), "", optional=True
            )
        )
        url = QgsProcessingParameterString(
            self.BAAC_URL, tr("data.gouv.fr dataset of the crash files (API URL), for CRASHES 'online'"),
            DEFAULT_DATASET_URL,
        )  # fmt: skip
        url.setFlags(url.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
        self.addParameter(url)

    def checkParameterValues(self, parameters, context):
        """The folder parameter also takes the word 'online' (QGIS would want a folder)."""
        if is_online_word(str(parameters.get(self.CRASHES) or "")):
            parameters = {**parameters, self.CRASHES: None}
        return super().checkParameterValues(parameters, context)

    def run_theme(self, territory, parameters, context, feedback) -> ThemeResult:
        lang = user_language()
        source = (self.parameterAsString(parameters, self.CRASHES, context) or "").strip()
        try:
            years = cr.parse_years(self.parameterAsString(parameters, self.YEARS, context) or "")
        except ValueError as exc:
            raise QgsProcessingException(
                tr(
                    "YEARS: {!r} is not a year or a range of years. Write e.g. 2018-2022 or 2020, 2022."
                ).format(str(exc))
            ) from exc
        if not source:
            result = unavailable(si.reason(lang, "no_source"), lang, si.hint(lang, "no_source"))
        elif is_online_word(source):
            url = self.parameterAsString(parameters, self.BAAC_URL, context) or DEFAULT_DATASET_URL
            result = self._online(territory, url, years, lang, feedback)
        else:
            result = self._from_files(territory, source, years, lang, feedback)
        for text in result.warnings[:MAX_WARNINGS_SHOWN]:
            feedback.pushWarning(text)
        if result.available:
            located = sum(1 for point, _row in result.crashes if point is not None)
            matched = sum(1 for _point, row in result.crashes if row["street_osm_id"] is not None)
            feedback.pushInfo(
                tr("Crashes {}: {} ({} with coordinates, {} matched to a street)").format(
                    ", ".join(map(str, result.years)) or "—", len(result.crashes), located, matched
                )
            )
        layers = [(CRASH_SPEC, result.crashes), (STREET_SPEC, result.streets)]
        return ThemeResult(layers, result.indicators)

    def _online(self, territory, url: str, years, lang: str, feedback) -> SafetyResult:
        """The yearly files from data.gouv.fr (cached); a failed download is a "not available" row."""
        problem = coverage_problem(territory, lang)
        if problem:  # no request for a territory the files do not cover
            return unavailable(problem, lang)
        feedback.pushInfo(tr("Downloading the crash files from {} …").format(url))
        try:
            files, had, warnings = fetch_crash_files(years, url, feedback=feedback, lang=lang)
        except Cancelled as exc:
            raise QgsProcessingException(exc.message(lang)) from exc
        except CrashDownloadError as exc:
            return unavailable(si.reason(lang, "online_failed", detail=str(exc)), lang)
        result = self._analyse(territory, files, had, lang, feedback)
        result.warnings[:0] = warnings
        return result

    def _analyse(self, territory, files, years, lang: str, feedback) -> SafetyResult:
        try:
            return analyse_safety(
                territory, files, years, lang=lang, speed_overrides=speed_overrides_for_run(),
                cancelled=feedback.isCanceled,
            )  # fmt: skip
        except (cr.CrashFileError, OSError) as exc:
            raise QgsProcessingException(str(exc)) from exc

    def _from_files(self, territory, source: str, years, lang: str, feedback) -> SafetyResult:
        if not os.path.exists(source):
            raise QgsProcessingException(
                tr(
                    "CRASHES: {} does not exist. Give the folder of the ONISR BAAC files, or 'online'."
                ).format(source)
            )
        feedback.pushInfo(tr("Reading the crash files in {} …").format(source))
        try:
            files = source_files(source, years)
        except cr.CrashFileError as exc:
            raise QgsProcessingException(str(exc)) from exc
        return self._analyse(territory, files, years, lang, feedback)
