"""``mobilitydiagnosis:commuting``: home-to-work flows of the territory from INSEE's MOBPRO file, as
flow lines between commune centres, with the share of short commutes and the car trips among them
(``core.commuting``)."""

from __future__ import annotations

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterFile,
    QgsProcessingParameterVectorLayer,
)

from ..core.commuting import FlowsFileError
from ..core.sources import is_online_word
from ..i18n import tr, user_language
from ..qgis_io.themes.commuting import FLOWS_LAYER, THEME, analyse_commuting, unavailable
from . import carpool_trips
from .theme_base import ThemeAlgorithm, ThemeResult


class CommutingAlgorithm(ThemeAlgorithm):
    FLOWS = "FLOWS"
    COMMUNES = "COMMUNES"

    theme = THEME
    required_layers = ()
    output_layers = (FLOWS_LAYER,)

    def name(self):
        return "commuting"

    def displayName(self):
        return tr("Home-to-work commuting (INSEE flows)")

    def shortHelpString(self):
        return (
            tr(
                "Home-to-work flows of a French commune from INSEE's « mobilités professionnelles » file "
                "(MOBPRO): employed residents working in the commune and elsewhere, workers coming from other "
                "communes, the flows as lines between commune centres (width by flow), the share of the "
                "residents' commutes under 5 km (straight line between centres; commutes inside the commune "
                "count as short) and, with the car share of the census profile, an estimate of the car trips "
                "among them (an upper estimate: short commutes are driven less than long ones).\n\n"
                "FLOWS: the MOBPRO file as INSEE publishes it (zip or CSV). COMMUNES (optional): a layer of "
                "commune outlines with their INSEE code (IGN Admin Express, geo.api.gouv.fr…) to place the "
                "other communes; without it only the territory's centre is known and the other flows keep "
                "their rows without a line.\nSource : INSEE, Licence Ouverte / Etalab."
            )
            + "\n\n"
            + carpool_trips.help_text()
        )

    def add_theme_parameters(self) -> None:
        self.addParameter(
            QgsProcessingParameterFile(
                self.FLOWS,
                tr("INSEE home-to-work flows file (MOBPRO, zip or CSV)"),
                behavior=QgsProcessingParameterFile.Behavior.File,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterVectorLayer(
                self.COMMUNES,
                tr("Commune outlines with their INSEE code, to place the other communes (optional)"),
                [QgsProcessing.SourceType.TypeVectorPolygon],
                optional=True,
            )
        )
        carpool_trips.add_parameters(self)

    def run_theme(self, territory, parameters, context, feedback) -> ThemeResult:
        lang = user_language()
        carpool = carpool_trips.carpool_indicators(self, territory, parameters, context, feedback, lang)
        flows = (self.parameterAsString(parameters, self.FLOWS, context) or "").strip()
        if is_online_word(flows):
            raise QgsProcessingException(
                tr(
                    "Give INSEE's home-to-work flows file (« base flux de mobilité domicile-lieu de travail », "
                    "MOBPRO, from insee.fr) as FLOWS: this version does not download it."
                )
            )
        if not flows:
            result = unavailable(lang)
            for note in result.notes:
                feedback.pushWarning(note)
            return ThemeResult(result.layers, result.indicators + carpool)
        communes = self.parameterAsVectorLayer(parameters, self.COMMUNES, context)
        feedback.pushInfo(tr("Reading the flows of {} …").format(flows))
        try:
            result = analyse_commuting(territory, flows, communes, lang=lang)
        except FlowsFileError as exc:
            raise QgsProcessingException(str(exc)) from exc
        for note in result.notes:
            feedback.pushWarning(note)
        feedback.pushInfo(result.source)
        return ThemeResult(result.layers, result.indicators + carpool)
