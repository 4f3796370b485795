"""The ``schools`` rows of the indicator table, from the per-school rows and the directory join."""

from __future__ import annotations

from typing import Any, Mapping, Optional, Sequence

from ..indicators import Indicator
from .join import JoinResult

THEME = "schools"
# A school "has calm streets around" when at least half the street length within 300 m is calm, and
# "low-stress cycling access" when at least half its 2 km cycling catchment is reachable on LTS <= 2
# (proposal, docs/schools.md).
CALM_SHARE_MIN = 0.5
LOW_STRESS_SHARE_MIN = 0.5

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "schools_count": "Schools diagnosed",
        "share_calm_streets": (
            "Schools with calm streets around (≥ 50 % of street length within 300 m at ≤ 30 km/h)"
        ),
        "share_bike_parking": "Schools with bike parking within 50 m",
        "share_low_stress_cycling": (
            "Schools with low-stress cycling access (≥ 50 % of the 2 km catchment on LTS ≤ 2)"
        ),
        "mean_score": "Mean school mobility score",
        "school_street_candidates": "School-street candidates (streets)",
        "existing_school_streets": "Existing school streets",
        "missing_in_osm": "Directory schools missing in OpenStreetMap",
        "missing_in_directory": "OpenStreetMap schools not found in the directory",
    },
    "fr": {
        "schools_count": "Établissements diagnostiqués",
        "share_calm_streets": "Écoles entourées de rues apaisées (≥ 50 % du linéaire à 300 m à ≤ 30 km/h)",
        "share_bike_parking": "Écoles avec stationnement vélo à moins de 50 m",
        "share_low_stress_cycling": "Écoles accessibles à vélo sans stress (≥ 50 % des 2 km en LTS ≤ 2)",
        "mean_score": "Score moyen de mobilité scolaire",
        "school_street_candidates": "Rues scolaires possibles (rues)",
        "existing_school_streets": "Rues scolaires existantes",
        "missing_in_osm": "Établissements de l’annuaire absents d’OpenStreetMap",
        "missing_in_directory": "Établissements d’OpenStreetMap absents de l’annuaire",
    },
}


def _share(rows: Sequence[Mapping[str, Any]], test) -> Optional[float]:
    known = [r for r in rows if test(r) is not None]
    if not known:
        return None
    return round(100.0 * sum(bool(test(r)) for r in known) / len(known), 1)


def school_indicators(
    rows: Sequence[Mapping[str, Any]],
    candidates: Sequence[Any] = (),
    join: Optional[JoinResult] = None,
    lang: str = "en",
) -> list[Indicator]:
    """Indicators of the theme; None (not 0) where a figure cannot be computed (no LTS, no directory)."""
    labels = LABELS.get(lang, LABELS["en"])

    def calm(r):
        return None if r.get("calm_share") is None else r["calm_share"] >= CALM_SHARE_MIN

    def low(r):
        share = r.get("cycle_low_stress_share")
        return None if share is None else share >= LOW_STRESS_SHARE_MIN

    scores = [r["score"] for r in rows if r.get("score") is not None]
    reasons = [getattr(c, "reason", "") for c in candidates]
    values: list[tuple[str, Optional[float], str]] = [
        ("schools_count", float(len(rows)), "count"),
        ("share_calm_streets", _share(rows, calm), "%"),
        ("share_bike_parking", _share(rows, lambda r: (r.get("bike_parking_count") or 0) > 0), "%"),
        ("share_low_stress_cycling", _share(rows, low), "%"),
        ("mean_score", round(sum(scores) / len(scores), 1) if scores else None, "score 0-100"),
        ("school_street_candidates", float(sum(r != "existing_school_street" for r in reasons)), "count"),
        ("existing_school_streets", float(sum(r == "existing_school_street" for r in reasons)), "count"),
        ("missing_in_osm", None if join is None else float(len(join.missing_in_osm)), "count"),
        ("missing_in_directory", None if join is None else float(len(join.missing_in_directory)), "count"),
    ]
    return [Indicator(THEME, key, labels[key], value, unit) for key, value, unit in values]
