"""``mobilitydiagnosis:parking``: car and bike parking supply, bike-parking gaps at destinations, the
theme's indicators and, on request, the national bike-parking CSV (stationnement_cyclable.csv)."""

from __future__ import annotations

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ..core import parking as pk
from ..core.fetch_errors import Cancelled, FetchError
from ..core.indicators import Indicator
from ..core.territory import is_insee_code
from ..i18n import tr, user_language
from ..qgis_io.export.parking_csv import write_bike_parking_csv
from ..qgis_io.gpkg.diagnosis import LayerSpec
from ..qgis_io.sources.parking_bnlc import DEFAULT_BNLC_URL, CarpoolReplyError, fetch_carpool_areas
from ..qgis_io.themes.parking import (
    GAP_FIELDS,
    GAPS_LAYER,
    REQUIRED_LAYERS,
    SUPPLY_FIELDS,
    SUPPLY_LAYER,
    analyse_parking,
    data_date,
)
from .theme_base import ThemeAlgorithm, ThemeResult

MAX_WARNINGS_SHOWN = 25  # more would drown the log; the count of the rest is given


class ParkingAlgorithm(ThemeAlgorithm):
    GAP_DISTANCE = "GAP_DISTANCE"
    STRAIGHT_LINE = "STRAIGHT_LINE"
    CSV_OUTPUT = "CSV_OUTPUT"
    CARPOOL = "CARPOOL"
    BNLC_URL = "BNLC_URL"

    theme = "parking"
    required_layers = REQUIRED_LAYERS
    output_layers = (SUPPLY_LAYER, GAPS_LAYER)

    def name(self):
        return "parking"

    def displayName(self):
        return tr("Parking (car and bike)")

    def shortHelpString(self):
        return tr(
            "Car and bike parking supply of the territory and the destinations that lack bike parking.\n\n"
            "parking_supply: one point per car park (capacity tagged, or estimated from its area at 25 m² "
            "per space times its levels), per street side with on-street parking tags (both OSM schemes; "
            "untagged capacity estimated from the kerb length: 5.5 m per parallel, 3 m per diagonal, "
            "2.5 m per perpendicular space) and per bike parking. Estimates have capacity_estimated = true "
            "and say how in estimate_method.\n"
            "bike_parking_gaps: schools, stations and stops, town halls, shops, sport, health and libraries "
            "with no bike parking within the gap distance, measured on the walking network (or in a "
            "straight line when asked, or for a destination far from any street: see distance_method).\n"
            "Indicators per 1,000 residents need the commune population in the territory file; without it "
            "they are left empty rather than guessed.\n"
            "Optionally writes stationnement_cyclable.csv in the national schema "
            "(etalab/schema-stationnement-cyclable)."
        )

    def add_theme_parameters(self) -> None:
        distance = QgsProcessingParameterNumber(
            self.GAP_DISTANCE, tr("Bike-parking gap distance (m): a destination farther than this is a gap"),
            QgsProcessingParameterNumber.Type.Double, 50.0, False, 5.0, 1000.0,
        )  # fmt: skip
        self.addParameter(distance)
        straight = QgsProcessingParameterBoolean(
            self.STRAIGHT_LINE, tr("Measure gaps in a straight line instead of on the walking network"), False
        )
        straight.setFlags(straight.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
        self.addParameter(straight)
        self.addParameter(QgsProcessingParameterBoolean(
            self.CARPOOL, tr("Add carpool areas from the national base (BNLC, online; French communes)"), False,
        ))  # fmt: skip
        bnlc_url = QgsProcessingParameterString(
            self.BNLC_URL,
            tr("National carpool base URL (transport.data.gouv.fr geo-query)"),
            DEFAULT_BNLC_URL,
        )
        bnlc_url.setFlags(bnlc_url.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
        self.addParameter(bnlc_url)
        self.addParameter(QgsProcessingParameterFileDestination(
            self.CSV_OUTPUT, tr("Bike parking in the national schema (stationnement_cyclable.csv)"),
            fileFilter="CSV (*.csv)", optional=True, createByDefault=False,
        ))  # fmt: skip

    def run_theme(self, territory, parameters, context, feedback) -> ThemeResult:
        lang = user_language()
        gap_distance = self.parameterAsDouble(parameters, self.GAP_DISTANCE, context)
        straight = self.parameterAsBoolean(parameters, self.STRAIGHT_LINE, context)
        csv_path = self.parameterAsFileOutput(parameters, self.CSV_OUTPUT, context)
        if csv_path and csv_path.startswith(QgsProcessing.TEMPORARY_OUTPUT):
            csv_path = ""
        carpool = None  # not read: its counts are unknown, not 0
        if self.parameterAsBoolean(parameters, self.CARPOOL, context):
            url = self.parameterAsString(parameters, self.BNLC_URL, context) or DEFAULT_BNLC_URL
            carpool = self._carpool_areas(territory, url, lang, feedback)
        feedback.pushInfo(tr("Reading car parks, bike parking, streets and destinations …"))
        result = analyse_parking(
            territory, gap_distance_m=gap_distance, use_network=not straight, lang=lang,
            progress=lambda fraction: feedback.setProgress(90.0 * fraction), cancelled=feedback.isCanceled,
            carpool=carpool,
        )  # fmt: skip
        if feedback.isCanceled():
            return ThemeResult()
        for text in result.warnings[:MAX_WARNINGS_SHOWN]:
            feedback.pushWarning(text)
        if len(result.warnings) > MAX_WARNINGS_SHOWN:
            feedback.pushWarning(tr("… and {} more tag problems of the same kind.").format(
                len(result.warnings) - MAX_WARNINGS_SHOWN))  # fmt: skip
        if not any(row["kind"] == "bike_parking" for _geometry, row in result.supply):
            feedback.pushWarning(
                tr(
                    "No bike parking is mapped in or around the territory: every destination is a gap. "
                    "Check OSM (amenity=bicycle_parking) before drawing conclusions."
                )
            )
        elif result.distance_method == "crow_fly" and not straight:
            feedback.pushWarning(
                tr(
                    "Gaps were measured in a straight line: the territory has no walkable street "
                    "or no destination to route between."
                )
            )
        indicators = [Indicator(self.theme, row.indicator, row.label, row.value, row.unit)
                      for row in result.indicators]  # fmt: skip
        layers = [
            (LayerSpec(SUPPLY_LAYER, "Point", SUPPLY_FIELDS), result.supply),
            (LayerSpec(GAPS_LAYER, "Point", GAP_FIELDS), result.gaps),
        ]
        outputs = {}
        if csv_path:
            rows, note = pk.schema_rows(result.bike_items, commune_code=territory.code,
                                        date_maj=data_date(territory.about), lang=lang)  # fmt: skip
            try:
                count = write_bike_parking_csv(csv_path, rows)
            except OSError as exc:
                raise QgsProcessingException(tr("Cannot write {}: {}. Choose a writable folder.").format(
                    csv_path, exc)) from exc  # fmt: skip
            if note:
                feedback.pushWarning(note)
            feedback.pushInfo(tr("{}: {} bike parkings").format(csv_path, count))
            outputs[self.CSV_OUTPUT] = csv_path
        return ThemeResult(layers, indicators, outputs)

    def _carpool_areas(self, territory, url: str, lang: str, feedback):
        """The national carpool base, or None with a warning (its counts are then unknown): an online extra
        never stops the theme."""
        if not is_insee_code(territory.code):
            feedback.pushWarning(pk.message(lang, "bnlc_not_french", code=territory.code or "?"))
            return None
        feedback.pushInfo(tr("Downloading the national carpool base from {} …").format(url))
        try:
            areas, skipped = fetch_carpool_areas(url, feedback=feedback, lang=lang)
        except Cancelled as exc:
            raise QgsProcessingException(exc.message(lang)) from exc
        except FetchError as exc:
            feedback.pushWarning(pk.message(lang, "bnlc_failed", reason=exc.message(lang)))
            return None
        except CarpoolReplyError as exc:
            feedback.pushWarning(str(exc))
            return None
        if skipped:
            feedback.pushWarning(pk.message(lang, "bnlc_skipped_features", count=skipped))
        return areas
