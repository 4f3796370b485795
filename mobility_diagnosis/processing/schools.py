"""``mobilitydiagnosis:schools``: every school's surroundings, walking and cycling catchments,
school-street candidates, and the join with the national school directory."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingException,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterFile,
    QgsProcessingParameterString,
)

from ..i18n import tr, user_language
from ..qgis_io.gpkg.territory import TerritoryGpkg
from ..qgis_io.settings import speed_overrides_for_run
from ..qgis_io.themes import schools as sa
from .theme_base import ThemeAlgorithm, ThemeResult


class SchoolsAlgorithm(ThemeAlgorithm):
    SCHOOLS_DIRECTORY = "SCHOOLS_DIRECTORY"
    SCHOOLS_API_URL = "SCHOOLS_API_URL"

    theme = "schools"
    required_layers = ("streets", "schools")
    output_layers = ("school_diagnosis", "school_street_candidates", "school_directory_gaps")

    def name(self):
        return "schools"

    def displayName(self):
        return tr("School mobility")

    def shortHelpString(self):
        return tr(
            "For every school and kindergarten of the territory: street length within 300 m by speed "
            "class and the calm share, the walking catchment within 500 m and 1 km on the network, the "
            "share of the 2 km cycling catchment reachable on low-stress streets (LTS ≤ 2), bike parking "
            "within 50 m, crossings within 300 m and their kerbs, the walking distance to the nearest "
            "stop, a score from 0 to 100 and the main gap in words (see docs/schools.md for the weights)."
            " School-street candidates: residential, living, unclassified and service streets onto which "
            "a school entrance or frontage opens; existing school streets are recognised. "
            "SCHOOLS_DIRECTORY (optional): the 'Annuaire de l'éducation' CSV from data.education.gouv.fr,"
            " or the word 'online' to query its API for the territory's commune; schools in the directory"
            " but missing in OpenStreetMap, and the reverse, go to school_directory_gaps."
        )

    def add_theme_parameters(self) -> None:
        self.addParameter(
            QgsProcessingParameterFile(
                self.SCHOOLS_DIRECTORY,
                tr("School directory: 'Annuaire de l'éducation' CSV, or 'online' (French communes)"),
                behavior=QgsProcessingParameterFile.Behavior.File,
                fileFilter="CSV (*.csv *.txt);;All files (*)",
                optional=True,
            )
        )
        api = QgsProcessingParameterString(
            self.SCHOOLS_API_URL,
            tr("School directory API (data.education.gouv.fr)"),
            defaultValue=sa.DEFAULT_API_URL,
            optional=True,
        )
        api.setFlags(api.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
        self.addParameter(api)

    def run_theme(self, territory: TerritoryGpkg, parameters, context, feedback) -> ThemeResult:
        lang = user_language()

        def directory():
            value = self.parameterAsString(parameters, self.SCHOOLS_DIRECTORY, context) or ""
            api_url = self.parameterAsString(parameters, self.SCHOOLS_API_URL, context)
            try:
                return sa.load_directory(value, api_url, territory, feedback, lang)
            except sa.SchoolsInputError as exc:
                raise QgsProcessingException(str(exc)) from exc

        result = sa.analyse(
            territory, feedback, lang=lang, speed_overrides=speed_overrides_for_run(), directory=directory
        )
        if result is None:
            return ThemeResult()
        return ThemeResult(result.layers, result.indicators)
