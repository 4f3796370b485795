"""``mobilitydiagnosis:commuting``: home-to-work flows of the territory from INSEE's MOBPRO file, as
flow lines between commune centres, with the share of short commutes and the car trips among them
(``core.commuting``)."""

from __future__ import annotations

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterFile,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorLayer,
)

from ..core import commuting as cm
from ..core.fetch_errors import Cancelled
from ..core.sources import is_online_word
from ..i18n import tr, user_language
from ..qgis_io.settings import geoapi_url
from ..qgis_io.sources.commune_centres import CentresUnavailable, fetch_centres
from ..qgis_io.sources.mobpro_online import DEFAULT_MOBPRO_URL, FlowsDownloadError, fetch_territory_flows
from ..qgis_io.themes.commuting import (
    FLOWS_LAYER,
    THEME,
    analyse_commuting,
    other_communes,
    read_flows_file,
    territory_code,
    unavailable,
)
from . import carpool_trips
from .theme_base import ThemeAlgorithm, ThemeResult


class CommutingAlgorithm(ThemeAlgorithm):
    FLOWS = "FLOWS"
    COMMUNES = "COMMUNES"
    MOBPRO_URL = "MOBPRO_URL"

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
                "FLOWS: the MOBPRO file as INSEE publishes it (zip or CSV), or 'online' (INSEE's national file "
                "at MOBPRO_URL, downloaded once and cached; only the territory's rows are read). COMMUNES "
                "(optional): a layer of commune outlines or centres with their INSEE code (IGN Admin Express, "
                "geo.api.gouv.fr, an offline kit's communes_centres.geojson…) to place the other communes; "
                "without it, with FLOWS 'online' (or COMMUNES 'online'), the centres come from geo.api.gouv.fr; "
                "otherwise only the territory's centre is known and the other flows keep their rows without a "
                "line. A download that fails is a warning and empty figures, not an error.\n"
                "Source : INSEE, Licence Ouverte / Etalab."
            )
            + "\n\n"
            + carpool_trips.help_text()
        )

    def add_theme_parameters(self) -> None:
        self.addParameter(
            QgsProcessingParameterFile(
                self.FLOWS,
                tr("INSEE home-to-work flows file (MOBPRO, zip or CSV), or 'online'"),
                behavior=QgsProcessingParameterFile.Behavior.File,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterVectorLayer(
                self.COMMUNES,
                tr(
                    "Commune outlines or centres with their INSEE code, to place the other communes (optional)"
                ),
                [QgsProcessing.SourceType.TypeVectorPolygon, QgsProcessing.SourceType.TypeVectorPoint],
                optional=True,
            )
        )
        url = QgsProcessingParameterString(
            self.MOBPRO_URL,
            tr("INSEE's national flows file (zip URL), for FLOWS 'online'"),
            DEFAULT_MOBPRO_URL,
        )
        url.setFlags(url.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
        self.addParameter(url)
        carpool_trips.add_parameters(self)

    def checkParameterValues(self, parameters, context):
        """FLOWS and COMMUNES also take the word 'online' (QGIS would want a file or a layer)."""
        online = {
            name: None
            for name in (self.FLOWS, self.COMMUNES)
            if is_online_word(str(parameters.get(name) or ""))
        }
        return super().checkParameterValues({**parameters, **online}, context)

    def run_theme(self, territory, parameters, context, feedback) -> ThemeResult:
        lang = user_language()
        carpool = carpool_trips.carpool_indicators(self, territory, parameters, context, feedback, lang)
        flows = (self.parameterAsString(parameters, self.FLOWS, context) or "").strip()
        communes_text = str(parameters.get(self.COMMUNES) or "")
        communes = None if is_online_word(communes_text) else self.parameterAsVectorLayer(
            parameters, self.COMMUNES, context
        )  # fmt: skip
        code = territory_code(territory)
        try:
            if not flows:
                result = unavailable(lang)
            elif is_online_word(flows):
                url = self.parameterAsString(parameters, self.MOBPRO_URL, context) or DEFAULT_MOBPRO_URL
                feedback.pushInfo(tr("Downloading INSEE's flows file from {} …").format(url))
                result = self._online_flows(territory, code, url, communes, lang, feedback)
            else:
                feedback.pushInfo(tr("Reading the flows of {} …").format(flows))
                table = read_flows_file(flows, cm.territory_codes(code))
                online_centres = communes is None and is_online_word(communes_text)
                result = self._analyse(territory, code, table, communes, online_centres, lang, feedback)
        except cm.FlowsFileError as exc:
            raise QgsProcessingException(str(exc)) from exc
        except Cancelled as exc:
            raise QgsProcessingException(exc.message(lang)) from exc
        for note in result.notes:
            feedback.pushWarning(note)
        if result.source:
            feedback.pushInfo(result.source)
        return ThemeResult(result.layers, result.indicators + carpool)

    def _online_flows(self, territory, code, url, communes, lang, feedback):
        """INSEE's national file (cached), the territory's rows; a failed download is "not available"."""
        try:
            lines = fetch_territory_flows(cm.territory_codes(code), url, feedback=feedback, lang=lang)
        except FlowsDownloadError as exc:
            return unavailable(lang, cm.message("flows_failed", lang, detail=str(exc)))
        return self._analyse(
            territory, code, cm.read_flows(lines), communes, communes is None, lang, feedback
        )

    def _analyse(self, territory, code, table, communes, online_centres, lang, feedback):
        """Centres online (geo.api.gouv.fr) when asked and no commune layer is given; a failure there only
        leaves the lines empty, with a note saying why."""
        lonlat, why = {}, ""
        if online_centres and communes is None:
            feedback.pushInfo(tr("Fetching the commune centres from geo.api.gouv.fr …"))
            try:
                lonlat, _names = fetch_centres(
                    other_communes(table, code), geoapi_url(), feedback=feedback, lang=lang
                )
            except CentresUnavailable as exc:
                why = cm.message("centres_failed", lang, detail=str(exc))
        return analyse_commuting(
            territory, table, communes, lang=lang, lonlat_centres=lonlat, centres_why=why
        )
