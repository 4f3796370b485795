"""Accessibility rules and figures: stops usable by disabled people, crossings, origins, GTFS↔OSM
matching, catchment bands and the theme's indicators. Pure: tags in, plain values out.

Sources: OSM wiki "Key:wheelchair" (yes/limited/no; no default, so a missing tag is "unknown", a
data gap), "Key:kerb" and "Key:kerb:height", "Key:tactile_paving", "Key:shelter", "Key:bench",
"Tag:highway=bus_stop", "Public transport" (platforms, stop positions, stations).
"""

from __future__ import annotations

import math
import re
import statistics
import unicodedata
from dataclasses import dataclass
from typing import Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

import numpy as np

from .indicators import Indicator

THEME = "accessibility"

# wheelchair=* classes (wiki Key:wheelchair); anything else, or nothing, is "unknown".
WHEELCHAIR_CLASSES = ("yes", "limited", "no", "unknown")
WHEELCHAIR_VALUES = {"yes": "yes", "designated": "yes", "limited": "limited", "no": "no"}

# Kerb at a stop or crossing (wiki Key:kerb): raised kerbs help boarding a bus, lowered/flush kerbs
# help crossing; kerb:height in metres/centimetres is classed with the same thresholds as the wiki
# (flush < 1 cm, lowered <= 3 cm, raised >= 12 cm as a "boarding" height; *proposal* for the middle).
KERB_VALUES = {
    "raised": "raised", "lowered": "lowered", "flush": "flush", "regular": "regular", "no": "flush",
    "rolled": "lowered", "yes": "regular",
}  # fmt: skip
KERB_HEIGHT_CLASSES = ((0.01, "flush"), (0.03, "lowered"), (0.12, "regular"), (math.inf, "raised"))

# Attributes mapped at a stop; each missing one is a data gap to map (wiki Tag:highway=bus_stop).
STOP_ATTRIBUTES = ("wheelchair", "kerb", "tactile_paving", "shelter", "bench")
YES_NO = {"yes": "yes", "no": "no", "incorrect": "no", "partial": "yes", "designated": "yes"}

# Which transit_stops features are places where people wait and board (stop_access). Stop positions
# on the carriageway duplicate their platform and are left out (wiki Public transport).
BOARDING = (
    ("highway", ("bus_stop", "platform")),
    ("public_transport", ("platform", "station")),
    ("railway", ("station", "halt", "tram_stop", "platform")),
    ("amenity", ("bus_station", "ferry_terminal")),
)

# Residential buildings first (wiki Key:building, "Accommodation" values); plain building=yes is
# kept as possibly residential since most homes are tagged that way; other values are not origins.
RESIDENTIAL_BUILDINGS = (
    "residential", "house", "apartments", "detached", "semidetached_house", "terrace", "bungalow",
    "dormitory", "farm", "cabin", "static_caravan", "houseboat", "annexe",
)  # fmt: skip
POSSIBLY_RESIDENTIAL_BUILDINGS = ("yes",)

# Destinations for walk_access: field name -> (territory layer, POI categories or None for the layer).
DESTINATIONS = (
    ("dist_stop_m", "stop"),
    ("dist_frequent_stop_m", "frequent_stop"),
    ("dist_school_m", "school"),
    ("dist_shop_m", "shop"),
    ("dist_health_m", "health"),
    ("dist_townhall_m", "townhall"),
)
CATCHMENT_BANDS = (300.0, 500.0, 1000.0)

# GTFS ↔ OSM matching (proposal): a name match within 100 m, or any stop within 30 m, or the parent
# station's name within 200 m.
MATCH_NAME_M = 100.0
MATCH_ANY_M = 30.0
MATCH_STATION_M = 200.0


def tag_class(tags: Mapping[str, str], key: str, table: Mapping[str, str]) -> str:
    return table.get(tags.get(key, "").strip().lower(), "unknown")


def wheelchair_class(tags: Mapping[str, str]) -> str:
    return tag_class(tags, "wheelchair", WHEELCHAIR_VALUES)


def kerb_class(tags: Mapping[str, str]) -> str:
    value = tag_class(tags, "kerb", KERB_VALUES)
    if value != "unknown":
        return value
    height = tags.get("kerb:height", "").strip().lower()
    match = re.match(r"^([0-9]+(?:[.,][0-9]+)?)\s*(cm|m|mm)?$", height)
    if not match:
        return "unknown"
    number = float(match.group(1).replace(",", "."))
    metres = {"cm": number / 100, "mm": number / 1000, "m": number}.get(match.group(2) or "m", number)
    return next(name for limit, name in KERB_HEIGHT_CLASSES if metres < limit)


def is_boarding_place(tags: Mapping[str, str]) -> bool:
    return any(tags.get(k) in values for k, values in BOARDING)


@dataclass(frozen=True)
class StopAccess:
    wheelchair: str
    kerb: str
    tactile_paving: str
    shelter: str
    bench: str
    gap: str  # comma-separated attributes not mapped ("" when all are)
    issues: str  # known barriers, e.g. "wheelchair=no, tactile_paving=no"


def stop_access(tags: Mapping[str, str]) -> StopAccess:
    values = {
        "wheelchair": wheelchair_class(tags),
        "kerb": kerb_class(tags),
        "tactile_paving": tag_class(tags, "tactile_paving", YES_NO),
        "shelter": tag_class(tags, "shelter", YES_NO),
        "bench": tag_class(tags, "bench", YES_NO),
    }
    gap = ", ".join(k for k in STOP_ATTRIBUTES if values[k] == "unknown")
    bad = {"wheelchair": ("no",), "kerb": ("flush", "lowered"), "tactile_paving": ("no",)}
    issues = ", ".join(f"{k}={values[k]}" for k, worse in bad.items() if values[k] in worse)
    return StopAccess(gap=gap, issues=issues, **values)


def crossing_kerb_class(tags: Mapping[str, str], nearby_kerbs: Sequence[Mapping[str, str]] = ()) -> str:
    """Kerb of a crossing: its own kerb tags, else the kerb nodes mapped next to it (worst one wins)."""
    own = kerb_class(tags)
    if own != "unknown":
        return own
    order = ("raised", "regular", "lowered", "flush")
    found = [kerb_class(t) for t in nearby_kerbs]
    found = [k for k in found if k in order]
    return min(found, key=order.index) if found else "unknown"


def building_origin_class(tags: Mapping[str, str]) -> Optional[str]:
    """'residential', 'possibly_residential' or None (not an origin of home-based trips)."""
    value = tags.get("building", "")
    if value in RESIDENTIAL_BUILDINGS:
        return "residential"
    if value in POSSIBLY_RESIDENTIAL_BUILDINGS and not any(k in tags for k in ("shop", "amenity", "office")):
        return "possibly_residential"
    return None


# ------------------------------------------------------------------------------ GTFS ↔ OSM matching


def normalise_name(name: str) -> Tuple[str, ...]:
    """Comparable name tokens: no accents, case or punctuation; a "Town, Stop" prefix is dropped."""
    text = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode().lower()
    if "," in text:
        text = text.split(",", 1)[1]
    text = re.sub(r"\([^)]*\)", " ", text)
    return tuple(t for t in re.split(r"[^a-z0-9]+", text) if t)


def names_match(a: str, b: str) -> bool:
    ta, tb = set(normalise_name(a)), set(normalise_name(b))
    if not ta or not tb:
        return False
    return ta <= tb or tb <= ta or len(ta & tb) / len(ta | tb) >= 0.5


@dataclass(frozen=True)
class StopMatch:
    index: int  # OSM stop index, -1 when none
    how: str  # "name", "distance", "parent_station", "none"
    distance_m: float


def match_stops(
    gtfs_xy: np.ndarray,
    gtfs_names: Sequence[str],
    gtfs_station_names: Sequence[str],
    osm_xy: np.ndarray,
    osm_names: Sequence[str],
) -> List[StopMatch]:
    """Match each GTFS stop to an OSM stop: same name nearby first, then a very close stop, then the
    parent station's name; otherwise none."""
    out: List[StopMatch] = []
    osm_xy = np.asarray(osm_xy, dtype=float).reshape(-1, 2)
    for i, (x, y) in enumerate(np.asarray(gtfs_xy, dtype=float).reshape(-1, 2)):
        if len(osm_xy) == 0 or not (math.isfinite(x) and math.isfinite(y)):
            out.append(StopMatch(-1, "none", math.nan))
            continue
        d = np.hypot(osm_xy[:, 0] - x, osm_xy[:, 1] - y)
        order = np.argsort(d)
        found = None
        for j in order[d[order] <= MATCH_NAME_M].tolist():
            if names_match(gtfs_names[i], osm_names[j]):
                found = StopMatch(j, "name", float(d[j]))
                break
        if found is None and d[order[0]] <= MATCH_ANY_M:
            found = StopMatch(int(order[0]), "distance", float(d[order[0]]))
        if found is None and gtfs_station_names[i]:
            for j in order[d[order] <= MATCH_STATION_M].tolist():
                if names_match(gtfs_station_names[i], osm_names[j]):
                    found = StopMatch(j, "parent_station", float(d[j]))
                    break
        out.append(found or StopMatch(-1, "none", math.nan))
    return out


# ------------------------------------------------------------------------------ catchment bands


def band_pieces(
    pieces_by_radius: Mapping[float, Iterable[Tuple[int, float, float, int]]],
) -> List[Tuple[int, float, float, int, float]]:
    """Non-overlapping bands from nested coverages: (edge, start, end, source, band radius).

    ``pieces_by_radius`` maps each radius to ``DistanceField.covered_intervals(radius)``; the band of
    radius r is what r covers beyond the next smaller radius.
    """
    out = []
    previous: Dict[int, List[Tuple[float, float]]] = {}
    for radius in sorted(pieces_by_radius):
        current: Dict[int, List[Tuple[float, float]]] = {}
        for e, lo, hi, src in pieces_by_radius[radius]:
            current.setdefault(e, []).append((lo, hi))
            for a, b in _subtract((lo, hi), previous.get(e, [])):
                if b - a > 1e-6:
                    out.append((e, a, b, src, radius))
        previous = current
    return out


def _subtract(
    interval: Tuple[float, float], holes: Sequence[Tuple[float, float]]
) -> List[Tuple[float, float]]:
    parts = [interval]
    for h0, h1 in holes:
        nxt = []
        for a, b in parts:
            if h1 <= a or h0 >= b:
                nxt.append((a, b))
                continue
            if h0 > a:
                nxt.append((a, h0))
            if h1 < b:
                nxt.append((h1, b))
        parts = nxt
    return parts


# ------------------------------------------------------------------------------ indicators

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
    lowered = sum(1 for k in crossing_kerbs if k in ("lowered", "flush"))
    unknown = sum(1 for k in crossing_kerbs if k == "unknown")
    add("share_crossings_lowered_kerb", None if n_cross == 0 else 100.0 * lowered / n_cross, "%")
    add("share_crossings_kerb_unknown", None if n_cross == 0 else 100.0 * unknown / n_cross, "%")
    add("street_km_within_500m_stop", street_km_500, "km")
    add("streets_without_sidewalk_info_km", sidewalk_gap_km, "km")
    unreachable = np.isnan(np.asarray(dist_stop, dtype=float))
    add("unreachable_origins", float(unreachable.sum()) if len(w) else None, "count")
    add("frequent_stops", None if frequent_stops is None else float(frequent_stops), "count")
    return rows


def median(values: Iterable[float]) -> Optional[float]:
    finite = [v for v in values if v is not None and math.isfinite(v)]
    return statistics.median(finite) if finite else None
