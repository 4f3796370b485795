"""The accessibility theme's indicators: shares of origins within a walk of stops, median distances,
wheelchair and kerb shares; a figure that cannot be computed is None, never 0."""

from __future__ import annotations

import math
import statistics
from typing import Iterable, List, Optional, Sequence, Tuple

import numpy as np

from ..indicators import Indicator
from .stops_crossings import KERB_STEP_FREE, WHEELCHAIR_CLASSES

THEME = "accessibility"

LABELS = {
    "en": {
        "share_within_300m_stop": "Share of {who} within 300 m walk of a transit stop",
        "share_within_500m_stop": "Share of {who} within 500 m walk of a transit stop",
        "share_within_300m_frequent_stop": "Share of {who} within 300 m walk of a frequent stop ({freq})",
        "share_within_500m_frequent_stop": "Share of {who} within 500 m walk of a frequent stop ({freq})",
        "median_dist_stop_m": "Median walking distance to the nearest stop ({who})",
        "median_dist_school_m": "Median walking distance to the nearest school ({who})",
        "share_stops_wheelchair_yes": "Share of stops marked wheelchair accessible",
        "share_stops_wheelchair_limited": "Share of stops with limited wheelchair access",
        "share_stops_wheelchair_no": "Share of stops marked not wheelchair accessible",
        "share_stops_wheelchair_unknown": "Share of stops without wheelchair information (to map)",
        "share_crossings_lowered_kerb": "Share of crossings with lowered or flush kerbs",
        "share_crossings_kerb_unknown": "Share of crossings without kerb information (to map)",
        "street_km_within_500m_stop": "Street length within 500 m walk of a stop",
        "streets_without_sidewalk_info_km": "Built-up streets without sidewalk information (to map)",
        "unreachable_origins": "Origins that cannot reach the walking network ({who})",
        "frequent_stops": "GTFS stops with frequent service ({freq})",
        "residential_buildings": "Residential buildings (the base of the walking shares)",
        "total_residents": "Residents (the base of the walking shares)",
        "stops": "Transit stops (the base of the wheelchair shares)",
        "crossings": "Pedestrian crossings (the base of the kerb shares)",
        "residents": "residents",
        "buildings": "residential buildings",
        "freq": "≥ {n:g} departures/hour, {date} {start}–{end}",
        "freq_none": "no GTFS feed given",
    },
    "fr": {
        "share_within_300m_stop": "Part des {who} à moins de 300 m à pied d’un arrêt de transport",
        "share_within_500m_stop": "Part des {who} à moins de 500 m à pied d’un arrêt de transport",
        "share_within_300m_frequent_stop": (
            "Part des {who} à moins de 300 m à pied d’un arrêt fréquent ({freq})"
        ),
        "share_within_500m_frequent_stop": (
            "Part des {who} à moins de 500 m à pied d’un arrêt fréquent ({freq})"
        ),
        "median_dist_stop_m": "Distance médiane à pied à l’arrêt le plus proche ({who})",
        "median_dist_school_m": "Distance médiane à pied à l’école la plus proche ({who})",
        "share_stops_wheelchair_yes": "Part des arrêts accessibles en fauteuil roulant",
        "share_stops_wheelchair_limited": "Part des arrêts à accessibilité limitée en fauteuil",
        "share_stops_wheelchair_no": "Part des arrêts non accessibles en fauteuil roulant",
        "share_stops_wheelchair_unknown": "Part des arrêts sans information fauteuil (à cartographier)",
        "share_crossings_lowered_kerb": "Part des traversées avec bordures abaissées ou à niveau",
        "share_crossings_kerb_unknown": "Part des traversées sans information de bordure (à cartographier)",
        "street_km_within_500m_stop": "Longueur de rues à moins de 500 m à pied d’un arrêt",
        "streets_without_sidewalk_info_km": "Rues urbaines sans information de trottoir (à cartographier)",
        "unreachable_origins": "Origines sans accès au réseau piéton ({who})",
        "frequent_stops": "Arrêts GTFS à service fréquent ({freq})",
        "residential_buildings": "Bâtiments résidentiels (base des parts à pied)",
        "total_residents": "Habitants (base des parts à pied)",
        "stops": "Arrêts de transport en commun (base des parts fauteuil roulant)",
        "crossings": "Traversées piétonnes (base des parts de bordures)",
        "residents": "habitants",
        "buildings": "bâtiments résidentiels",
        "freq": "≥ {n:g} départs/heure, {date} {start}–{end}",
        "freq_none": "pas de flux GTFS",
    },
}


def _share(mask: np.ndarray, weights: np.ndarray) -> Optional[float]:
    total = float(weights.sum())
    return None if total <= 0 else 100.0 * float(weights[mask].sum()) / total


def _weighted_median(values: np.ndarray, weights: np.ndarray) -> Optional[float]:
    ok = np.isfinite(values) & (weights > 0)
    if not ok.any():
        return None
    v, w = values[ok], weights[ok]
    order = np.argsort(v)
    cum = np.cumsum(w[order])
    return float(v[order][np.searchsorted(cum, cum[-1] / 2.0)])


def indicators(
    *,
    dist_stop: np.ndarray,
    dist_frequent: Optional[np.ndarray],
    dist_school: np.ndarray,
    weights: np.ndarray,
    by_population: bool,
    wheelchair: Sequence[str],
    crossing_kerbs: Sequence[str],
    street_km_500: Optional[float],
    sidewalk_gap_km: float,
    frequent_stops: Optional[int],
    freq_text: Optional[Tuple[float, str, str, str]],
    lang: str = "en",
) -> List[Indicator]:
    """The theme's indicator rows. Shares of origins count NULL distances as not served (they are
    origins too); a figure that cannot be computed is None, never 0."""
    lab = LABELS.get(lang, LABELS["en"])
    who = lab["residents" if by_population else "buildings"]
    freq = (
        lab["freq"].format(n=freq_text[0], date=freq_text[1], start=freq_text[2], end=freq_text[3])
        if (freq_text)
        else lab["freq_none"]
    )
    w = np.asarray(weights, dtype=float)
    rows: List[Indicator] = []

    def add(key: str, value: Optional[float], unit: str) -> None:
        rows.append(Indicator(THEME, key, lab[key].format(who=who, freq=freq), value, unit))

    for r in (300, 500):
        d = np.asarray(dist_stop, dtype=float)
        add(f"share_within_{r}m_stop", _share(np.nan_to_num(d, nan=np.inf) <= r, w), "%")
    for r in (300, 500):
        if dist_frequent is None:
            add(f"share_within_{r}m_frequent_stop", None, "%")
        else:
            d = np.asarray(dist_frequent, dtype=float)
            add(f"share_within_{r}m_frequent_stop", _share(np.nan_to_num(d, nan=np.inf) <= r, w), "%")
    add("median_dist_stop_m", _weighted_median(np.asarray(dist_stop, dtype=float), w), "m")
    add("median_dist_school_m", _weighted_median(np.asarray(dist_school, dtype=float), w), "m")
    n_stops = len(wheelchair)
    for cls in WHEELCHAIR_CLASSES:
        value = None if n_stops == 0 else 100.0 * sum(1 for c in wheelchair if c == cls) / n_stops
        add(f"share_stops_wheelchair_{cls}", value, "%")
    n_cross = len(crossing_kerbs)
    lowered = sum(1 for k in crossing_kerbs if k in KERB_STEP_FREE)
    unknown = sum(1 for k in crossing_kerbs if k == "unknown")
    add("share_crossings_lowered_kerb", None if n_cross == 0 else 100.0 * lowered / n_cross, "%")
    add("share_crossings_kerb_unknown", None if n_cross == 0 else 100.0 * unknown / n_cross, "%")
    add("street_km_within_500m_stop", street_km_500, "km")
    add("streets_without_sidewalk_info_km", sidewalk_gap_km, "km")
    unreachable = np.isnan(np.asarray(dist_stop, dtype=float))
    add("unreachable_origins", float(unreachable.sum()) if len(w) else None, "count")
    add("frequent_stops", None if frequent_stops is None else float(frequent_stops), "count")
    # the denominators of the shares above, which the report's readings state with them
    if by_population:
        rows.append(Indicator(THEME, "residents", lab["total_residents"], float(w.sum()), "count"))
    else:
        add("residential_buildings", float(len(w)), "count")
    add("stops", float(n_stops), "count")
    add("crossings", float(n_cross), "count")
    return rows


def median(values: Iterable[float]) -> Optional[float]:
    finite = [v for v in values if v is not None and math.isfinite(v)]
    return statistics.median(finite) if finite else None
