"""On-street parking per street side, in the current ``parking:<side>`` scheme and the older
``parking:lane:<side>`` one; untagged capacities estimated from the kerb length (flagged)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Optional

from .capacity import parse_capacity

SIDES = ("left", "right")

# Kerb length per space by orientation (DOMAIN.md proposal, in line with the street-parking
# estimates of the OSM "parking lanes" viewer: ~5.5 m parallel, ~3 m diagonal, ~2.5 m perpendicular).
KERB_M_PER_SPACE: dict[str, float] = {"parallel": 5.5, "diagonal": 3.0, "perpendicular": 2.5}
DEFAULT_ORIENTATION = "parallel"  # the most common; its use is flagged as an assumption

# Current scheme (OSM wiki Key:parking, "street parking" scheme approved 2022):
# parking:<side>=<position>, parking:<side>:orientation, parking:<side>:capacity,
# parking:<side>:restriction.
CURRENT_POSITIONS_WITH_SPACES = frozenset(
    ("lane", "street_side", "on_kerb", "half_on_kerb", "shoulder", "yes")
)
# Values of the side key that mean "no space here" (both schemes) or "mapped as its own area".
NO_PARKING_VALUES = frozenset(("no", "no_parking", "no_stopping", "no_standing", "fire_lane"))
SEPARATE_VALUES = frozenset(("separate",))
# parking:<side>:restriction (current) and parking:condition:<side> (older) values that forbid
# parking all the time (OSM wiki Key:parking, Key:parking:condition).
NO_PARKING_RESTRICTIONS = frozenset(("no_parking", "no_stopping", "no_standing"))

# Older scheme (OSM wiki Key:parking:lane, deprecated 2022 but still widely used):
# parking:lane:<side>=<orientation>|marked|no_*|separate, parking:lane:<side>:<orientation>=<position>,
# parking:lane:<side>:capacity, parking:condition:<side>.
OLD_ORIENTATIONS = frozenset(KERB_M_PER_SPACE)
OLD_VALUES_WITH_SPACES = frozenset(("marked", "yes", "on_street", "half_on_kerb", "on_kerb"))

# Per scheme: how to read one side, as keys (with {side} standing for both/left/right).
SCHEMES: tuple[dict[str, str], ...] = (
    {
        "name": "parking",
        "position": "parking:{side}",
        "orientation": "parking:{side}:orientation",
        "capacity": "parking:{side}:capacity",
        "restriction": "parking:{side}:restriction",
    },
    {
        "name": "parking:lane",
        "position": "parking:lane:{side}",
        "orientation": "",  # the orientation is the value of parking:lane:<side>
        "capacity": "parking:lane:{side}:capacity",
        "restriction": "parking:condition:{side}",
    },
)

# Road classes where on-street parking information is expected (data completeness indicator):
# streets with kerbs along which cars may stop (OSM wiki Key:highway).
ROADS_WITH_KERBS = frozenset(
    ("primary", "secondary", "tertiary", "unclassified", "residential", "living_street",
     "primary_link", "secondary_link", "tertiary_link")
)  # fmt: skip


@dataclass(frozen=True)
class StreetSide:
    side: str  # "left" | "right"
    scheme: str  # "parking" (current) | "parking:lane" (older)
    status: str  # "parking" | "none" | "separate" | "unknown"
    orientation: Optional[str]
    orientation_assumed: bool
    restriction: Optional[str]
    capacity: Optional[int]  # 0 for no parking; None for separate/unknown
    capacity_estimated: bool
    estimate_method: str
    warnings: tuple[str, ...] = ()


def _side_value(tags: Mapping[str, str], template: str, side: str) -> Optional[str]:
    """The side key wins over ``both`` (OSM wiki Key:parking: "both" is shorthand for left+right)."""
    if not template:
        return None
    return tags.get(template.format(side=side)) or tags.get(template.format(side="both"))


# Every key that says how a side is parked, in either scheme ("both" included): one look-up each.
POSITION_KEYS: tuple[str, ...] = tuple(
    dict.fromkeys(
        s["position"].format(side=side) for s in SCHEMES for side in (*SIDES, "both") if s["position"]
    )
)


def has_parking_info(tags: Mapping[str, str]) -> bool:
    return any(tags.get(key) for key in POSITION_KEYS)


def _read_side(
    tags: Mapping[str, str], side: str, scheme: Mapping[str, str]
) -> Optional[tuple[str, Optional[str], Optional[str], Optional[str]]]:
    """(status, orientation, restriction, raw capacity) for one side in one scheme, None if untagged."""
    position = _side_value(tags, scheme["position"], side)
    if position is None:
        return None
    restriction = _side_value(tags, scheme["restriction"], side)
    raw_capacity = _side_value(tags, scheme["capacity"], side)
    if scheme["name"] == "parking":
        orientation = _side_value(tags, scheme["orientation"], side)
        with_spaces = position in CURRENT_POSITIONS_WITH_SPACES
    else:
        orientation = position if position in OLD_ORIENTATIONS else None
        with_spaces = position in OLD_ORIENTATIONS or position in OLD_VALUES_WITH_SPACES
    if position in SEPARATE_VALUES:
        status = "separate"
    elif position in NO_PARKING_VALUES or restriction in NO_PARKING_RESTRICTIONS:
        status = "none"
    elif with_spaces:
        status = "parking"
    else:
        status = "unknown"
    return status, orientation, restriction, raw_capacity


def street_sides(
    tags: Mapping[str, str], length_m: float, *, feature: str = "", lang: str = "en"
) -> list[StreetSide]:
    """On-street parking of one street, per side that carries parking tags (current scheme first)."""
    result = []
    for side in SIDES:
        for scheme in SCHEMES:
            read = _read_side(tags, side, scheme)
            if read is not None:
                break
        else:
            continue
        status, orientation, restriction, raw_capacity = read
        warnings: list[str] = []
        capacity: Optional[int] = None
        estimated, method, assumed = False, "", False
        if status == "none":
            capacity = 0
        elif status == "parking":
            cap = parse_capacity(raw_capacity, feature=f"{feature} ({side})", kind="car", lang=lang)
            if cap.warning:
                warnings.append(cap.warning)
            if orientation not in KERB_M_PER_SPACE:
                orientation, assumed = DEFAULT_ORIENTATION, True
            if cap.value is not None:
                capacity = cap.value
            else:
                per_space = KERB_M_PER_SPACE[orientation]
                capacity = int(max(length_m, 0.0) // per_space)
                estimated = True
                method = f"kerb {length_m:.0f} m / {per_space:g} m per {orientation} space" + (
                    " (orientation untagged)" if assumed else ""
                )
        result.append(
            StreetSide(side, scheme["name"], status, orientation if status == "parking" else None,
                       assumed, restriction, capacity, estimated, method, tuple(warnings))
        )  # fmt: skip
    return result
