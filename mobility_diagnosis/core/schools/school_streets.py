"""School-street candidates: low-importance streets onto which a school entrance or frontage opens,
and existing school streets (tagged, or closed to motor traffic at school times)."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Mapping, Optional, Sequence

import numpy as np

from .geometry import (
    clip_to_disc,
    distance_to_school,
    point_polyline_distance,
    polyline_distance,
    street_bboxes,
    streets_near,
)
from .model import PointFeature, School, Street

# Low-importance streets where closing or calming at school times is realistic (DOMAIN.md, issue 6).
SCHOOL_STREET_CLASSES: frozenset[str] = frozenset({"residential", "living_street", "unclassified", "service"})
# Service roads that are not streets in front of a school (OSM wiki Key:service).
EXCLUDED_SERVICE: frozenset[str] = frozenset({"parking_aisle", "drive-through", "emergency_access"})
ENTRANCE_RADIUS_M = 20.0  # a street within 20 m of an entrance serves it (pavement + fence setback)
ENTRANCE_SEARCH_M = 50.0  # entrances within 50 m of a point-only school, or on / 5 m off its grounds
ENTRANCE_ON_AREA_M = 5.0
FRONTAGE_RADIUS_M = 15.0  # a street within 15 m of the grounds' outline runs along the school
NEAR_POINT_RADIUS_M = 40.0  # point-only school without entrances: streets within 40 m
EXISTING_SEARCH_M = 300.0  # existing school streets are reported for schools within 300 m
CANDIDATE_CLIP_M = 100.0  # a candidate is the part of the way within 100 m of the entrance or school
# Existing school streets: the explicit tag, or a conditional prohibition on school days at
# school hours (OSM wiki Key:traffic_intervention, Conditional restrictions).
SCHOOL_STREET_TAGS: tuple[tuple[str, str], ...] = (("traffic_intervention", "school_street"),)
CONDITIONAL_KEYS: tuple[str, ...] = (
    "motor_vehicle:conditional",
    "vehicle:conditional",
    "access:conditional",
    "motorcar:conditional",
)
SCHOOL_HOURS = (7 * 60, 18 * 60 + 30)  # every restricted interval lies within 07:00-18:30
SCHOOL_ARRIVAL = (7 * 60 + 15, 9 * 60 + 30)  # and one starts at a morning drop-off time


def _minutes(text: str) -> Optional[int]:
    match = re.fullmatch(r"(\d{1,2}):(\d{2})", text.strip())
    return int(match.group(1)) * 60 + int(match.group(2)) if match else None


def is_school_time_restriction(value: str) -> bool:
    """'no @ (Mo-Fr 08:00-08:45,16:15-16:45)' and the like: motor traffic banned at school hours."""
    for part in value.split(";"):
        restriction, _, condition = part.partition("@")
        if restriction.strip().lower() not in ("no", "destination"):
            continue
        spans = re.findall(r"(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})", condition)
        if not spans:
            continue
        ranges = [(_minutes(a), _minutes(b)) for a, b in spans]
        if any(a is None or b is None for a, b in ranges):
            continue
        within = all(SCHOOL_HOURS[0] <= a <= b <= SCHOOL_HOURS[1] for a, b in ranges)  # type: ignore[operator]
        arrival = any(SCHOOL_ARRIVAL[0] <= a <= SCHOOL_ARRIVAL[1] for a, _ in ranges)  # type: ignore[operator]
        if within and arrival:
            return True
    return False


def is_existing_school_street(tags: Mapping[str, str]) -> bool:
    if any(tags.get(k) == v for k, v in SCHOOL_STREET_TAGS):
        return True
    return any(is_school_time_restriction(tags.get(k, "")) for k in CONDITIONAL_KEYS)


def is_school_street_class(tags: Mapping[str, str]) -> bool:
    highway = tags.get("highway", "")
    if highway not in SCHOOL_STREET_CLASSES:
        return False
    return not (highway == "service" and tags.get("service", "") in EXCLUDED_SERVICE)


@dataclass(frozen=True)
class Candidate:
    osm_id: int  # the street
    school_osm_id: int
    reason: str  # "entrance" | "frontage" | "near_school" | "existing_school_street"
    distance_m: float
    pieces: tuple[np.ndarray, ...]  # the part of the street near the school


def school_street_candidates(
    schools: Sequence[School],
    streets: Sequence[Street],
    entrances: Sequence[PointFeature] = (),
) -> list[Candidate]:
    """Low-importance streets serving a school entrance or frontage, and existing school streets."""
    found: dict[tuple[int, int], Candidate] = {}  # (street index, school): a way cut in parts
    bbox = street_bboxes(streets)
    for school in schools:
        extent = _extent(school)
        limit = ENTRANCE_ON_AREA_M if school.rings else ENTRANCE_SEARCH_M
        doors = [
            e
            for e in entrances
            if math.hypot(e.x - school.x, e.y - school.y) <= extent + limit
            and distance_to_school((e.x, e.y), school) <= limit
        ]
        reach = extent + max(ENTRANCE_SEARCH_M + ENTRANCE_RADIUS_M, FRONTAGE_RADIUS_M, NEAR_POINT_RADIUS_M)
        close = set(streets_near(bbox, (school.x, school.y), reach))
        for i in streets_near(bbox, (school.x, school.y), max(reach, EXISTING_SEARCH_M)):
            street = streets[i]
            existing = is_existing_school_street(street.tags)
            if i not in close and not existing:
                continue
            if not existing and not is_school_street_class(street.tags):
                continue
            reason, anchor, distance = _relation(school, street, doors)
            if existing:
                d = point_polyline_distance((school.x, school.y), street.coords)
                if reason is None and d > EXISTING_SEARCH_M:
                    continue
                reason = "existing_school_street"
                if anchor is None:
                    anchor, distance = (school.x, school.y), d
            if reason is None or anchor is None:
                continue
            clip = CANDIDATE_CLIP_M + (extent if reason == "frontage" else 0.0)
            pieces = tuple(clip_to_disc(street.coords, anchor, clip)) or (street.coords,)
            found[(i, school.osm_id)] = Candidate(
                street.osm_id, school.osm_id, reason, round(distance, 1), pieces
            )
    return list(found.values())


def _extent(school: School) -> float:
    """Farthest point of the grounds from the school point (0 without grounds)."""
    if not school.rings:
        return 0.0
    pts = np.vstack([np.asarray(r, dtype=float).reshape(-1, 2) for r in school.rings])
    return float(np.hypot(pts[:, 0] - school.x, pts[:, 1] - school.y).max())


def _relation(
    school: School, street: Street, doors: Sequence[PointFeature]
) -> tuple[Optional[str], Optional[tuple[float, float]], float]:
    """Why a street serves a school: through an entrance, along its grounds, or next to its point."""
    if doors:
        best = min(doors, key=lambda e: point_polyline_distance((e.x, e.y), street.coords))
        d = point_polyline_distance((best.x, best.y), street.coords)
        if d <= ENTRANCE_RADIUS_M:
            return "entrance", (best.x, best.y), d
        return None, None, d
    if school.rings:
        d = min(polyline_distance(ring, street.coords) for ring in school.rings)
        if d <= FRONTAGE_RADIUS_M:
            return "frontage", (school.x, school.y), d
        return None, None, d
    d = point_polyline_distance((school.x, school.y), street.coords)
    if d <= NEAR_POINT_RADIUS_M:
        return "near_school", (school.x, school.y), d
    return None, None, d
