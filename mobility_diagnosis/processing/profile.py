"""``mobilitydiagnosis:profile``: the territory's people, INSEE census key figures beside the
département, France and the communes of the same density class (``core.profile``)."""

from __future__ import annotations

from qgis.core import QgsProcessingException, QgsProcessingParameterFile

from ..core.census import CensusFileError
from ..i18n import tr, user_language
from ..qgis_io.themes.profile import PROFILE_LAYER, REFERENCES_LAYER, THEME, analyse_profile
from .theme_base import ThemeAlgorithm, ThemeResult


class ProfileAlgorithm(ThemeAlgorithm):
    CENSUS = "CENSUS"

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
            "census file replaces the bundled table of its kind.\n"
            "territory_profile: the territory with its figures as fields; profile_references: one row per "
            "figure with its references. A territory outside France gets empty figures, not an error.\n"
            "Source : INSEE, Licence Ouverte / Etalab."
        )

    def add_theme_parameters(self) -> None:
        self.addParameter(
            QgsProcessingParameterFile(
                self.CENSUS,
                tr("Newer INSEE census file (comparateur zip or CSV, or statistiques locales CSV; optional)"),
                behavior=QgsProcessingParameterFile.Behavior.File,
                optional=True,
            )
        )

    def run_theme(self, territory, parameters, context, feedback) -> ThemeResult:
        lang = user_language()
        census_file = self.parameterAsFile(parameters, self.CENSUS, context)
        feedback.pushInfo(tr("Reading the census tables …"))
        try:
            result = analyse_profile(territory, census_file or None, lang=lang)
        except CensusFileError as exc:
            raise QgsProcessingException(str(exc)) from exc
        for note in result.profile.notes:
            feedback.pushWarning(note)
        feedback.pushInfo(result.profile.source)
        return ThemeResult(result.layers, result.indicators)
