"""Per-school figures, score and main gap, and school-street candidates (pure: numpy + the network).

A school is a point (the OSM node, or a point on the surface of its grounds) plus, when the grounds
are mapped, their outline. Crow-fly radii describe the surroundings (300 m, 50 m); network distances
describe what a child can reach (500 m and 1 km on foot, 2 km by bike). The method, the score weights
and every threshold are explained in docs/schools.md.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Mapping, Optional, Sequence

import numpy as np

from ..accessibility.stops_crossings import KERB_STEP_FREE, YES_NO, crossing_kerb_class, tag_class
from ..network import Network
from ..walking import walk_rule
from .geometry import _segment_lengths_in_disc, _segments, distance_to_school, street_bboxes, streets_near
from .model import PointFeature, School, Street

# ----------------------------------------------------------------------------------------- thresholds
SURROUNDINGS_RADIUS_M = 300.0  # "around the school": the street a child walks on arriving (DOMAIN.md)
WALK_RADII_M = (500.0, 1000.0)  # walking catchments (DOMAIN.md: 500 m / 1 km)
CYCLE_RADIUS_M = 2000.0  # cycling catchment of a primary school (DOMAIN.md; ~8 min at 15 km/h)
BIKE_PARKING_RADIUS_M = 50.0  # bike parking "at" the school (DOMAIN.md: 50-100 m)
CROSSING_RADIUS_M = SURROUNDINGS_RADIUS_M
KERB_NODE_RADIUS_M = 10.0  # a barrier=kerb node this close to a crossing describes its kerb
STOP_SEARCH_M = 2000.0  # walking distance searched for the nearest stop (NULL beyond)
MAX_SNAP_M = 100.0  # school point to the network (grounds of large schools: 100 m)

# Speed classes of the streets around a school (km/h, upper bound inclusive). Source: DOMAIN.md and
# the French speed regimes (zone 30, 50 km/h in built-up areas, more on through roads).
SPEED_CLASSES: tuple[tuple[str, float], ...] = (("le30", 30.0), ("50", 50.0), ("gt50", math.inf))

# Streets that motor traffic uses, counted in the 300 m surroundings (OSM wiki Key:highway). Footways,
# cycleways, paths and steps are not streets a parent drives on, so they are neither calm nor busy.
STREET_CLASSES: frozenset[str] = frozenset(
    """motorway motorway_link trunk trunk_link primary primary_link secondary secondary_link tertiary
    tertiary_link unclassified residential living_street service road pedestrian busway""".split()
)
# Calm whatever the speed tag says: zone de rencontre (20 km/h) and aire piétonne (DOMAIN.md).
CALM_CLASSES: frozenset[str] = frozenset({"living_street", "pedestrian"})
CALM_MAX_SPEED_KMH = 30.0

CROSSING_KEYS: tuple[tuple[str, Optional[frozenset[str]]], ...] = (
    ("highway", frozenset({"crossing"})),
    ("crossing", None),  # any crossing=* node
    ("railway", frozenset({"crossing"})),
)

# Score: weight of each component (sum 100) and what full marks mean. Proposal, documented in
# docs/schools.md; the weights follow the order of what keeps children from walking and cycling
# (traffic around the school first, then the route by bike, parking, crossings, transit, walking).
BIKE_PARKING_TARGET = 10  # spaces within 50 m for full marks (about one class cycling, 40 % of 25)
STOP_FULL_M, STOP_ZERO_M = 300.0, 800.0  # nearest stop: full marks within 300 m, none beyond 800 m
SCORE_WEIGHTS: tuple[tuple[str, float], ...] = (
    ("calm_streets", 30.0),  # calm share of the streets within 300 m
    ("cycling", 20.0),  # share of the 2 km cycling catchment reachable on LTS <= 2
    ("bike_parking", 15.0),  # capacity within 50 m / BIKE_PARKING_TARGET (capped at 1)
    ("crossings", 10.0),  # share of crossings within 300 m with a lowered or flush kerb
    ("transit", 15.0),  # nearest stop by walking: 1 at <= 300 m, linear to 0 at 800 m
    ("walking", 10.0),  # reachable / crow-fly street length within 1 km (route directness)
)

GAP_MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "calm_streets": "streets around the school are not calm (too few at 30 km/h or less)",
        "cycling": "little of the 2 km around the school is reachable by bike on low-stress streets",
        "bike_parking": "no or too little bike parking within 50 m",
        "crossings": "crossings near the school lack lowered kerbs (or are not mapped)",
        "transit": "no public transport stop within a short walk",
        "walking": "walking routes are indirect (few streets reachable within 1 km)",
        "none": "no major gap",
    },
    "fr": {
        "calm_streets": "rues autour de l’école peu apaisées (trop peu à 30 km/h ou moins)",
        "cycling": "peu des 2 km autour de l’école accessibles à vélo par des rues apaisées",
        "bike_parking": "pas ou trop peu de stationnement vélo à moins de 50 m",
        "crossings": "traversées proches sans abaissé de trottoir (ou non cartographiées)",
        "transit": "pas d’arrêt de transport en commun à courte distance à pied",
        "walking": "itinéraires piétons indirects (peu de rues accessibles à moins de 1 km)",
        "none": "pas de manque majeur",
    },
}

SCHOOL_FIELDS: tuple[tuple[str, str], ...] = (
    ("street_le30_m", "float"),
    ("street_50_m", "float"),
    ("street_gt50_m", "float"),
    ("calm_share", "float"),
    ("street_speed_assumed_m", "float"),
    ("walk_500_m", "float"),
    ("walk_1000_m", "float"),
    ("walk_directness", "float"),
    ("cycle_2km_m", "float"),
    ("cycle_low_stress_m", "float"),
    ("cycle_low_stress_share", "float"),
    ("bike_parking_capacity", "int"),
    ("bike_parking_count", "int"),
    ("crossings", "int"),
    ("crossings_kerb_ok", "int"),
    ("crossings_kerb_raised", "int"),
    ("crossings_kerb_unknown", "int"),
    ("crossings_tactile", "int"),
    ("stop_distance_m", "float"),
    ("score", "float"),
    ("main_gap", "str"),
    ("main_gap_code", "str"),
)


@dataclass
class SchoolContext:
    """Everything the per-school figures need, built once per territory."""

    streets: list[Street]
    network: Network
    walk_mask: np.ndarray
    cycle_mask: Optional[np.ndarray]  # None when no LTS is known
    low_stress_mask: Optional[np.ndarray]
    bike_parking: list[PointFeature]
    crossings: list[PointFeature]
    kerbs: list[PointFeature]
    stops: np.ndarray  # (k, 2)
    bbox: np.ndarray = field(default_factory=lambda: np.zeros((0, 4)))  # per street: xmin, ymin, xmax, ymax
    # every segment of every street, flat, for vectorised disc lengths
    seg_a: np.ndarray = field(default_factory=lambda: np.zeros((0, 2)))
    seg_b: np.ndarray = field(default_factory=lambda: np.zeros((0, 2)))
    seg_street: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    stop_snap: Optional[Any] = None  # stops placed on the walking network once (network.Snap)

    def lengths_within_disc(self, center: tuple[float, float], radius: float) -> np.ndarray:
        """Metres of each street inside a disc (one vectorised pass over the segments)."""
        x, y = center
        a, b = self.seg_a, self.seg_b
        near = (
            (np.minimum(a[:, 0], b[:, 0]) <= x + radius)
            & (np.maximum(a[:, 0], b[:, 0]) >= x - radius)
            & (np.minimum(a[:, 1], b[:, 1]) <= y + radius)
            & (np.maximum(a[:, 1], b[:, 1]) >= y - radius)
        )
        idx = np.flatnonzero(near)
        inside = _segment_lengths_in_disc(a[idx], b[idx], center, radius)
        return np.bincount(self.seg_street[idx], weights=inside, minlength=len(self.streets))

    def near(self, center: tuple[float, float], radius: float) -> list[int]:
        """Streets whose bounding box comes within ``radius`` of a point (a cheap pre-filter)."""
        return streets_near(self.bbox, center, radius)

    @classmethod
    def build(
        cls,
        streets: Sequence[Street],
        bike_parking: Sequence[PointFeature] = (),
        crossing_nodes: Sequence[PointFeature] = (),
        stops: Sequence[tuple[float, float]] = (),
    ) -> SchoolContext:
        streets = list(streets)
        network = Network.from_ways([s.coords for s in streets])
        walk = np.array([walk_rule(s.tags).walkable for s in streets], dtype=bool)
        has_lts = any(s.lts is not None for s in streets)
        cycle = np.array([(s.lts or 0) >= 1 for s in streets], dtype=bool) if has_lts else None
        low = np.array([1 <= (s.lts or 0) <= 2 for s in streets], dtype=bool) if has_lts else None
        crossings = [c for c in crossing_nodes if is_crossing(c.tags)]
        kerbs = [c for c in crossing_nodes if c.tags.get("barrier") == "kerb" and not is_crossing(c.tags)]
        stops_xy = np.asarray(list(stops), dtype=float).reshape(-1, 2)
        seg_a, seg_b, seg_street = _segments(streets)
        stop_snap = network.snap(stops_xy, MAX_SNAP_M, walk) if len(stops_xy) and len(streets) else None
        return cls(
            streets,
            network,
            walk,
            cycle,
            low,
            list(bike_parking),
            crossings,
            kerbs,
            stops_xy,
            street_bboxes(streets),
            seg_a,
            seg_b,
            seg_street,
            stop_snap,
        )


def is_street(tags: Mapping[str, str]) -> bool:
    return tags.get("highway", "") in STREET_CLASSES and tags.get("area") != "yes"


def speed_class(tags: Mapping[str, str], speed_kmh: Optional[float]) -> Optional[str]:
    """'le30', '50' or 'gt50' for a street, None for a way that is not a street."""
    if not is_street(tags):
        return None
    if tags.get("highway") in CALM_CLASSES:
        return "le30"
    speed = 50.0 if speed_kmh is None else float(speed_kmh)
    return next(name for name, upper in SPEED_CLASSES if speed <= upper)


def is_calm(tags: Mapping[str, str], speed_kmh: Optional[float]) -> bool:
    return speed_class(tags, speed_kmh) == "le30"


def is_crossing(tags: Mapping[str, str]) -> bool:
    for key, values in CROSSING_KEYS:
        value = tags.get(key)
        if value is not None and value != "no" and (values is None or value in values):
            return True
    return False


def kerb_status(tags: Mapping[str, str], nearby_kerbs: Sequence[Mapping[str, str]] = ()) -> Optional[str]:
    """'ok' (a wheelchair can cross), 'raised', or None when not mapped: the accessibility theme's kerb rule."""
    kerb = crossing_kerb_class(tags, nearby_kerbs)
    return None if kerb == "unknown" else ("ok" if kerb in KERB_STEP_FREE else "raised")


# ------------------------------------------------------------------------------------------ figures
def _score(parts: Mapping[str, Optional[float]]) -> tuple[float, str]:
    total, worst, worst_loss = 0.0, "none", 0.0
    for name, weight in SCORE_WEIGHTS:
        value = parts.get(name)
        sub = 0.0 if value is None else min(max(float(value), 0.0), 1.0)
        total += weight * sub
        loss = weight * (1.0 - sub)
        if loss > worst_loss + 1e-9:
            worst, worst_loss = name, loss
    # Below 20 % of its weight lost, no component is called a gap.
    if worst != "none" and worst_loss < 0.2 * dict(SCORE_WEIGHTS)[worst]:
        worst = "none"
    return round(total, 1), worst


def score_parts(figures: Mapping[str, Any]) -> dict[str, Optional[float]]:
    stop = figures.get("stop_distance_m")
    transit = None if stop is None else (STOP_ZERO_M - stop) / (STOP_ZERO_M - STOP_FULL_M)
    crossings = figures.get("crossings") or 0
    return {
        "calm_streets": figures.get("calm_share"),
        "cycling": figures.get("cycle_low_stress_share"),
        "bike_parking": (figures.get("bike_parking_capacity") or 0) / BIKE_PARKING_TARGET,
        "crossings": (figures.get("crossings_kerb_ok") or 0) / crossings if crossings else 0.0,
        "transit": transit,
        "walking": figures.get("walk_directness"),
    }


def diagnose_school(school: School, ctx: SchoolContext, lang: str = "en") -> dict[str, Any]:
    """One row of ``school_diagnosis`` (without osm_id and name, which the caller adds)."""
    center = (school.x, school.y)
    out: dict[str, Any] = {}

    # Streets within 300 m by speed class.
    lengths = {name: 0.0 for name, _ in SPEED_CLASSES}
    assumed = 0.0
    per_street = ctx.lengths_within_disc(center, SURROUNDINGS_RADIUS_M)
    for i in np.flatnonzero(per_street > 0).tolist():
        street = ctx.streets[i]
        cls = speed_class(street.tags, street.speed_kmh)
        if cls is not None:
            length = float(per_street[i])
            lengths[cls] += length
            assumed += (
                length if street.speed_assumed and street.tags.get("highway") not in CALM_CLASSES else 0.0
            )
    out["street_le30_m"] = round(lengths["le30"], 1)
    out["street_50_m"] = round(lengths["50"], 1)
    out["street_gt50_m"] = round(lengths["gt50"], 1)
    total = sum(lengths.values())
    out["calm_share"] = round(lengths["le30"] / total, 3) if total > 0 else None
    out["street_speed_assumed_m"] = round(assumed, 1)

    # Walking catchment on the network; the same pass finds the nearest stop.
    net = ctx.network
    point = np.array([center])
    has_network = net.n_edges > 0  # a territory without any way: every network figure is NULL
    walk = (
        net.multi_source_distances(point, max_distance=STOP_SEARCH_M, mask=ctx.walk_mask, max_snap=MAX_SNAP_M)
        if has_network
        else None
    )
    reached = walk is not None and walk.n_sources_used > 0
    out["walk_500_m"] = round(walk.coverage_length(WALK_RADII_M[0]), 1) if reached else None
    out["walk_1000_m"] = round(walk.coverage_length(WALK_RADII_M[1]), 1) if reached else None
    crow = float(ctx.lengths_within_disc(center, WALK_RADII_M[1])[ctx.walk_mask].sum())
    out["walk_directness"] = round(min(out["walk_1000_m"] / crow, 1.0), 3) if reached and crow > 0 else None
    if reached and walk is not None and ctx.stop_snap is not None:
        dist, _, _ = walk.at_snap(ctx.stop_snap)
        finite = dist[np.isfinite(dist)]
        out["stop_distance_m"] = round(float(finite.min()), 1) if len(finite) else None
    else:
        out["stop_distance_m"] = None

    # Cycling: the 2 km catchment on every cyclable way, and on LTS <= 2 only.
    if has_network and ctx.cycle_mask is not None and ctx.low_stress_mask is not None:
        full = net.multi_source_distances(
            point, max_distance=CYCLE_RADIUS_M, mask=ctx.cycle_mask, max_snap=MAX_SNAP_M
        )
        low = net.multi_source_distances(
            point, max_distance=CYCLE_RADIUS_M, mask=ctx.low_stress_mask, max_snap=MAX_SNAP_M
        )
        all_m = full.coverage_length(CYCLE_RADIUS_M) if full.n_sources_used else 0.0
        low_m = low.coverage_length(CYCLE_RADIUS_M) if low.n_sources_used else 0.0
        out["cycle_2km_m"] = round(all_m, 1)
        out["cycle_low_stress_m"] = round(low_m, 1)
        out["cycle_low_stress_share"] = round(min(low_m / all_m, 1.0), 3) if all_m > 0 else None
    else:
        out["cycle_2km_m"] = out["cycle_low_stress_m"] = out["cycle_low_stress_share"] = None

    # Bike parking within 50 m of the grounds (or of the school point).
    near = [p for p in ctx.bike_parking if distance_to_school((p.x, p.y), school) <= BIKE_PARKING_RADIUS_M]
    out["bike_parking_count"] = len(near)
    out["bike_parking_capacity"] = int(sum(p.capacity or 0 for p in near))

    # Crossings within 300 m and their kerbs (own tags, else a kerb node within 10 m).
    counts = {"ok": 0, "raised": 0, None: 0}
    tactile = 0
    close = [c for c in ctx.crossings if math.hypot(c.x - school.x, c.y - school.y) <= CROSSING_RADIUS_M]
    for c in close:
        nearby = [k.tags for k in ctx.kerbs if math.hypot(k.x - c.x, k.y - c.y) <= KERB_NODE_RADIUS_M]
        counts[kerb_status(c.tags, nearby)] += 1
        tactile += tag_class(c.tags, "tactile_paving", YES_NO) == "yes"
    out["crossings"] = len(close)
    out["crossings_kerb_ok"] = counts["ok"]
    out["crossings_kerb_raised"] = counts["raised"]
    out["crossings_kerb_unknown"] = counts[None]
    out["crossings_tactile"] = tactile

    score, gap = _score(score_parts(out))
    out["score"] = score
    out["main_gap_code"] = gap
    out["main_gap"] = GAP_MESSAGES.get(lang, GAP_MESSAGES["en"])[gap]
    return out
