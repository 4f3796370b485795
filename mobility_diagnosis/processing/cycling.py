"""``mobilitydiagnosis:cycling``: cycle facilities per side, Level of Traffic Stress with its reason,
low-stress islands, cycling gaps, indicators, and (optionally) the national BNAC file."""

from __future__ import annotations

import datetime

from qgis.core import QgsProcessingException, QgsProcessingParameterFileDestination

from ..core.territory import is_insee_code
from ..i18n import tr, user_language
from ..qgis_io.export.bnac_geojson import bnac_features, write_bnac
from ..qgis_io.settings import speed_overrides_for_run
from ..qgis_io.themes import cycling as ca
from .theme_base import ThemeAlgorithm, ThemeResult


class CyclingAlgorithm(ThemeAlgorithm):
    BNAC = "BNAC"

    theme = "cycling"
    required_layers = ("streets",)
    output_layers = ("cycling_segments", "cycling_islands", "cycling_gaps")

    def name(self):
        return "cycling"

    def displayName(self):
        return tr("Cycling: facilities, traffic stress, islands and gaps")

    def shortHelpString(self):
        return tr(
            "Rates every street and path of the territory with a Level of Traffic Stress (LTS 1 = suitable "
            "for children … 4 = strong and fearless; 0 = cycling not allowed) following Mekuria–Furth, and "
            "explains each rating (lts_rule, lts_reason), naming the OSM tags used and the defaults assumed "
            "when a tag is missing. Reads cycle facilities per side (facility_left, facility_right). "
            "Low-stress islands are the connected parts of the LTS 1–2 network; gaps are short high-stress "
            "links that would join two sizeable islands or link a school or station to one, ranked by what "
            "they join. Optionally writes the national cycle-facility file (BNAC schema, French communes)."
        )

    def add_theme_parameters(self):
        param = QgsProcessingParameterFileDestination(
            self.BNAC, tr("National cycle-facility file (BNAC GeoJSON, optional)"),
            fileFilter="GeoJSON (*.geojson)", optional=True, createByDefault=False)  # fmt: skip
        self.addParameter(param)

    def run_theme(self, territory, parameters, context, feedback):
        lang = user_language()
        feedback.pushInfo(tr("Rating {} streets …").format(territory.count("streets")))
        overrides = speed_overrides_for_run()
        if overrides:
            feedback.pushInfo(
                tr("Your default speeds where OSM has no maxspeed tag: {}").format(
                    ", ".join(f"highway={k} {v:.0f} km/h" for k, v in overrides)
                )
            )
        result = ca.analyse(
            territory, progress=feedback.setProgress, cancelled=feedback.isCanceled, speed_overrides=overrides
        )
        if result is None:
            raise QgsProcessingException(tr("Cancelled: the diagnosis GeoPackage was left as it was."))
        for warning in result.warnings[:20]:
            feedback.pushWarning(warning)
        if not result.streets:
            raise QgsProcessingException(tr("The territory GeoPackage has no streets: fetch the territory again "
                                            "with a larger area or check the OSM file."))  # fmt: skip
        layers = [
            (ca.SEGMENTS, ca.segment_rows(result, lang)),
            (ca.ISLANDS, ca.island_rows(result)),
            (ca.GAPS, ca.gap_rows(result, lang)),
        ]
        outputs = {}
        bnac_path = (
            self.parameterAsFileOutput(parameters, self.BNAC, context) if parameters.get(self.BNAC) else ""
        )
        if bnac_path:
            code = (territory.code or "").upper()
            if not is_insee_code(code):
                feedback.pushWarning(tr("No BNAC file written: the national schema needs a French INSEE commune "
                                        "code and this territory's code is {!r}.").format(code))  # fmt: skip
            else:
                rows = (
                    (s.geometry, s.osm_type, s.osm_id, s.tags, r.facilities, r.speed.kmh if r.speed else None)
                    for s, r in zip(result.streets, result.ratings)
                    if s.inside
                )
                features = bnac_features(rows, territory.crs_wkt, code, datetime.date.today().isoformat())
                count = write_bnac(bnac_path, features)
                feedback.pushInfo(tr("BNAC: {} facilities written to {}").format(count, bnac_path))
                outputs[self.BNAC] = bnac_path
        return ThemeResult(layers, ca.indicators(result, lang), outputs)
