"""Stand-ins for theme algorithms that have not landed on this branch yet, so that ``diagnose`` and the
package are tested with theme pages. Registered only when the real algorithm is absent; their figures
come from the real territory data with deliberately simple rules (a table of highway classes)."""

from __future__ import annotations

from mobility_diagnosis.core.indicators import Indicator
from mobility_diagnosis.processing.theme_base import ThemeAlgorithm, ThemeResult
from mobility_diagnosis.qgis_io.diagnosis_gpkg import LayerSpec

# highway -> stress level, for the stand-in only (not the real LTS rules)
STAND_IN_LTS = {"cycleway": 1, "living_street": 1, "residential": 2, "service": 2, "footway": 0, "steps": 0}


class FakeCycling(ThemeAlgorithm):
    theme = "cycling"
    required_layers = ("streets",)
    output_layers = ("cycling_segments",)

    def name(self):
        return "cycling"

    def displayName(self):
        return "cycling (test stand-in)"

    def run_theme(self, territory, parameters, context, feedback):
        spec = LayerSpec(
            "cycling_segments",
            "LineString",
            [("osm_id", "int"), ("facility_left", "str"), ("facility_right", "str"), ("lts", "int"),
             ("lts_rule", "str"), ("lts_reason", "str")],
        )  # fmt: skip
        rows, low, total = [], 0.0, 0.0
        for f in territory.features("streets", inside_only=True):
            lts = STAND_IN_LTS.get(f.tags.get("highway"), 3)
            rows.append((f.geometry, {"osm_id": f.osm_id, "facility_left": "no", "facility_right": "no",
                                      "lts": lts, "lts_rule": "test", "lts_reason": "stand-in"}))  # fmt: skip
            if lts > 0:
                length = f.geometry.Length()
                total += length
                low += length if lts <= 2 else 0.0
        share = round(100.0 * low / total, 2)
        indicators = [
            Indicator("cycling", "share_lts_le2", "Share of street length at LTS 1-2", share, "%"),
            Indicator("cycling", "gaps", "Number of cycling gaps found", 7.0, "count"),
            Indicator("cycling", "islands", "Number of low-stress islands", 12.0, "count"),
            Indicator("cycling", "largest_island_share", "Largest island share", None, "%"),
        ]
        return ThemeResult([(spec, rows)], indicators)


class FakeParking(ThemeAlgorithm):
    theme = "parking"
    required_layers = ("bike_parking",)
    output_layers = ("parking_supply",)

    def name(self):
        return "parking"

    def displayName(self):
        return "parking (test stand-in)"

    def run_theme(self, territory, parameters, context, feedback):
        spec = LayerSpec("parking_supply", "Point", [("osm_id", "int"), ("kind", "str"), ("capacity", "int")])
        rows, spaces = [], 0
        for f in territory.features("bike_parking", inside_only=True):
            capacity = f.fields.get("capacity")
            rows.append((f.geometry, {"osm_id": f.osm_id, "kind": "bike", "capacity": capacity}))
            spaces += capacity or 0
        return ThemeResult(
            [(spec, rows)], [Indicator("parking", "bike_spaces", "Bike spaces", float(spaces), "count")]
        )


def register_stand_ins(provider) -> list[str]:
    """Add the stand-ins whose real algorithm is missing; returns the ids added."""
    from qgis.core import QgsApplication

    added = []
    for cls in (FakeCycling, FakeParking):
        alg_id = f"mobilitydiagnosis:{cls.theme}"
        if QgsApplication.processingRegistry().algorithmById(alg_id) is None and provider.addAlgorithm(cls()):
            added.append(alg_id)
    return added
