"""Off-street car parks: tagged capacity, else an estimate from the mapped area (flagged)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Optional

from .capacity import Capacity, parse_capacity
from .messages import message

# parking=* → type written in parking_supply (OSM wiki Key:parking; a car park without parking=* is
# a surface car park by the wiki's stated default).
CAR_PARK_TYPES: dict[str, str] = {
    "surface": "surface",
    "multi-storey": "multi-storey",
    "underground": "underground",
    "rooftop": "rooftop",
    "street_side": "street_side",
    "lane": "street_side",
    "layby": "street_side",
    "carports": "carports",
    "garage_boxes": "garage_boxes",
}
DEFAULT_CAR_PARK_TYPE = "surface"

# Gross area per space, aisles and access included: the planning rule of thumb of 25 m² per space
# for a surface car park (CEREMA/CERTU guides quote 20–25 m² with aisles; the US ITE and UK
# planning guides 25–30 m²). Multiplied by the number of levels for structures.
AREA_PER_SPACE_M2: dict[str, float] = {
    "surface": 25.0,
    "multi-storey": 25.0,
    "underground": 25.0,
    "rooftop": 25.0,
    "street_side": 25.0,
    "carports": 25.0,
    "garage_boxes": 18.0,  # one box (~3 m x 6 m) per space, no shared aisle inside
}
# Below this gross area per space a tagged capacity is implausible (a car alone takes about 12 m²,
# 2.5 m x 5 m): the figure is kept, with a warning, since the outline may be what is wrong.
MIN_AREA_PER_SPACE_M2 = 10.0
# Keys giving the number of parking levels, first found wins (OSM wiki Key:parking:levels,
# Key:building:levels; building:levels counts storeys above ground only).
LEVEL_KEYS: tuple[str, ...] = ("parking:levels", "building:levels", "levels")
# Car-park types whose footprint is land taken at ground level (underground and rooftop car parks
# share their footprint with something else).
TAKES_LAND = frozenset(("surface", "multi-storey", "street_side", "carports", "garage_boxes"))
# capacity:disabled=yes|no (OSM wiki Key:capacity:disabled): "no" is zero spaces, "yes" an unknown number.
DISABLED_YES_NO: dict[str, Optional[int]] = {"no": 0, "yes": None}
# park_ride=* values meaning park and ride (OSM wiki Key:park_ride).
PARK_RIDE_NO = frozenset(("no",))


@dataclass(frozen=True)
class CarPark:
    kind: str  # "car_park" or "park_and_ride"
    parking_type: str
    capacity: Optional[int]
    capacity_estimated: bool
    estimate_method: str  # "" when tagged; how the figure was estimated otherwise
    capacity_disabled: Optional[int]
    fee: Optional[str]
    access: Optional[str]
    levels: Optional[int]
    area_m2: Optional[float]
    takes_land: bool
    warnings: tuple[str, ...] = ()


def _levels(tags: Mapping[str, str]) -> Optional[int]:
    for key in LEVEL_KEYS:
        raw = tags.get(key, "").strip()
        if raw.isdigit() and 0 < int(raw) < 30:
            return int(raw)
    return None


def car_park(
    tags: Mapping[str, str], area_m2: Optional[float], *, feature: str = "", lang: str = "en"
) -> CarPark:
    """One off-street car park: the tagged capacity, else an estimate from its area (flagged)."""
    parking_type = CAR_PARK_TYPES.get(tags.get("parking", ""), DEFAULT_CAR_PARK_TYPE)
    park_ride = tags.get("park_ride")
    kind = "park_and_ride" if park_ride and park_ride not in PARK_RIDE_NO else "car_park"
    warnings = []
    cap = parse_capacity(tags.get("capacity"), feature=feature, kind="car", lang=lang)
    if cap.warning:
        warnings.append(cap.warning)
    raw_disabled = tags.get("capacity:disabled")
    if raw_disabled in DISABLED_YES_NO:  # OSM wiki Key:capacity:disabled allows yes/no
        disabled = Capacity(DISABLED_YES_NO[raw_disabled])
    else:
        disabled = parse_capacity(raw_disabled, feature=feature, kind="car", lang=lang)
    if disabled.warning:
        warnings.append(disabled.warning.replace("capacity=", "capacity:disabled="))
    levels = _levels(tags)
    value, estimated, method = cap.value, False, ""
    if value is None and area_m2:
        per_space = AREA_PER_SPACE_M2.get(parking_type, AREA_PER_SPACE_M2["surface"])
        n_levels = levels or 1
        value = int(area_m2 * n_levels // per_space)
        estimated = True
        method = f"area {area_m2:.0f} m² / {per_space:g} m² per space" + (
            f" x {n_levels} levels"
            if levels
            else (" (levels unknown: 1 assumed)" if parking_type in ("multi-storey", "underground") else "")
        )
    elif cap.approximate:
        method = f"approximate tag capacity={tags.get('capacity')}"
    if value and not estimated and area_m2 and value * MIN_AREA_PER_SPACE_M2 > area_m2 * (levels or 1):
        warnings.append(message(lang, "capacity_dense", feature=feature, value=value, area=area_m2,
                                levels=levels or 1, minimum=MIN_AREA_PER_SPACE_M2))  # fmt: skip
    return CarPark(
        kind=kind,
        parking_type=parking_type,
        capacity=value,
        capacity_estimated=estimated,
        estimate_method=method,
        capacity_disabled=disabled.value,
        fee=tags.get("fee"),
        access=tags.get("access"),
        levels=levels,
        area_m2=area_m2,
        takes_land=parking_type in TAKES_LAND,
        warnings=tuple(warnings),
    )
