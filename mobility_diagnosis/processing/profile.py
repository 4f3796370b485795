"""``mobilitydiagnosis:profile``: the territory's people, INSEE census key figures beside the
département, France and the communes of the same density class (``core.profile``)."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingException,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterFile,
    QgsProcessingParameterString,
)

from ..core.census import CensusFileError
from ..core.fetch_errors import Cancelled
from ..core.profile import message
from ..core.sources import is_online_word
from ..i18n import tr, user_language
from ..qgis_io.sources.census_online import DEFAULT_CENSUS_URL, CensusDownloadError, fetch_census
from ..qgis_io.themes.profile import PROFILE_LAYER, REFERENCES_LAYER, THEME, analyse_profile
from .theme_base import ThemeAlgorithm, ThemeResult


class ProfileAlgorithm(ThemeAlgorithm):
    CENSUS = "CENSUS"
    CENSUS_URL = "CENSUS_URL"

    theme = THEME
    required_layers = ()
    output_layers = (PROFILE_LAYER, REFERENCES_LAYER)

    def name(self):
        return "profile"

    def displayName(self):
        return tr("Territory profile (census)")

    def shortHelpString(self):
        return tr(
            "Key figures of a French commune from the INSEE census: population and its change over five "
            "years, area, density, households, jobs, jobs per employed resident, active population and "
            "unemployment, households with a car, and how employed residents go to work (car, public "
            "transport, bike), each beside its département, France and the communes of the same density "
            "class. References are ratios of sums over their communes, not averages of ratios.\n\n"
            "Works offline from the census tables bundled with the plugin (comparateur de territoires, "
            "census 2018; statistiques locales, census 2021). A newer official INSEE file given as "
            "census file replaces the bundled table of its kind; 'online' downloads INSEE's latest "
            "comparateur (CENSUS_URL, cached) in place of the bundled one, and a failed download keeps "
            "the bundled tables with a warning.\n"
            "territory_profile: the territory with its figures as fields; profile_references: one row per "
            "figure with its references. A territory outside France gets empty figures, not an error.\n"
            "Source : INSEE, Licence Ouverte / Etalab."
        )

    def add_theme_parameters(self) -> None:
        self.addParameter(
            QgsProcessingParameterFile(
                self.CENSUS,
                tr(
                    "Newer INSEE census file (comparateur zip or CSV, or statistiques locales CSV), or 'online' "
                    "(optional)"
                ),
                behavior=QgsProcessingParameterFile.Behavior.File,
                optional=True,
            )
        )
        url = QgsProcessingParameterString(
            self.CENSUS_URL, tr("INSEE's comparateur file (zip URL), for CENSUS 'online'"), DEFAULT_CENSUS_URL
        )
        url.setFlags(url.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
        self.addParameter(url)

    def checkParameterValues(self, parameters, context):
        """CENSUS also takes the word 'online' (QGIS would want a file)."""
        if is_online_word(str(parameters.get(self.CENSUS) or "")):
            parameters = {**parameters, self.CENSUS: None}
        return super().checkParameterValues(parameters, context)

    def run_theme(self, territory, parameters, context, feedback) -> ThemeResult:
        lang = user_language()
        online = is_online_word(str(parameters.get(self.CENSUS) or ""))
        census_file = None if online else self.parameterAsFile(parameters, self.CENSUS, context)
        table, warnings = None, []
        if online:
            url = self.parameterAsString(parameters, self.CENSUS_URL, context) or DEFAULT_CENSUS_URL
            feedback.pushInfo(tr("Downloading INSEE's census file from {} …").format(url))
            try:
                _body, table = fetch_census(url, feedback=feedback, lang=lang)
            except Cancelled as exc:
                raise QgsProcessingException(exc.message(lang)) from exc
            except CensusDownloadError as exc:
                warnings.append(message("online_failed", lang, detail=str(exc)))
        feedback.pushInfo(tr("Reading the census tables …"))
        try:
            result = analyse_profile(territory, census_file or None, lang=lang, online_table=table)
        except CensusFileError as exc:
            raise QgsProcessingException(str(exc)) from exc
        for warning in warnings:
            feedback.pushWarning(warning)
        for note in result.profile.notes:
            feedback.pushWarning(note)
        feedback.pushInfo(result.profile.source)
        return ThemeResult(result.layers, result.indicators)
