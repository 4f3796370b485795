"""Stops and crossings for disabled people: wheelchair, kerb, tactile paving, shelter and bench classes,
and which transit features are boarding places. Tags in, plain values out.

Sources: OSM wiki "Key:wheelchair" (yes/limited/no; no default, so a missing tag is "unknown", a
data gap), "Key:kerb" and "Key:kerb:height", "Key:tactile_paving", "Key:shelter", "Key:bench",
"Tag:highway=bus_stop", "Public transport" (platforms, stop positions, stations).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Mapping, Sequence

# wheelchair=* classes (wiki Key:wheelchair); anything else, or nothing, is "unknown".
WHEELCHAIR_CLASSES = ("yes", "limited", "no", "unknown")
WHEELCHAIR_VALUES = {"yes": "yes", "designated": "yes", "limited": "limited", "no": "no"}

# Kerb at a stop or crossing (wiki Key:kerb): raised kerbs help boarding a bus, lowered/flush kerbs
# help crossing; kerb:height in metres/centimetres is classed with the same thresholds as the wiki
# (flush < 1 cm, lowered <= 3 cm, raised >= 12 cm as a "boarding" height; *proposal* for the middle).
# A rolled kerb is rounded for cars and bikes to roll over, not lowered for wheelchairs (wiki): "regular".
# The one kerb rule: accessibility's crossings and stops and the schools' crossings all ask kerb_class.
KERB_VALUES = {
    "raised": "raised", "lowered": "lowered", "flush": "flush", "regular": "regular", "no": "flush",
    "rolled": "regular", "yes": "regular",
}  # fmt: skip
KERB_HEIGHT_CLASSES = ((0.01, "flush"), (0.03, "lowered"), (0.12, "regular"), (math.inf, "raised"))
# Kerbs that let a wheelchair or a buggy cross (wiki Key:kerb), worst first for "the worst one wins".
KERB_STEP_FREE = frozenset(("lowered", "flush"))
KERB_WORST_FIRST = ("raised", "regular", "lowered", "flush")
# A crossing whose two kerbs differ is tagged kerb:left / kerb:right (or kerb:both): wiki Key:kerb.
KERB_SIDES = ("both", "left", "right")

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


def tag_class(tags: Mapping[str, str], key: str, table: Mapping[str, str]) -> str:
    return table.get(tags.get(key, "").strip().lower(), "unknown")


def wheelchair_class(tags: Mapping[str, str]) -> str:
    return tag_class(tags, "wheelchair", WHEELCHAIR_VALUES)


def _kerb_key_class(tags: Mapping[str, str], key: str) -> str:
    value = tag_class(tags, key, KERB_VALUES)
    if value != "unknown":
        return value
    height = tags.get(f"{key}:height", "").strip().lower()
    match = re.match(r"^([0-9]+(?:[.,][0-9]+)?)\s*(cm|m|mm)?$", height)
    if not match:
        return "unknown"
    number = float(match.group(1).replace(",", "."))
    metres = {"cm": number / 100, "mm": number / 1000, "m": number}.get(match.group(2) or "m", number)
    return next(name for limit, name in KERB_HEIGHT_CLASSES if metres < limit)


def worst_kerb(classes: Sequence[str]) -> str:
    known = [k for k in classes if k in KERB_WORST_FIRST]
    return min(known, key=KERB_WORST_FIRST.index) if known else "unknown"


def kerb_class(tags: Mapping[str, str]) -> str:
    """kerb=* (or kerb:height), else the worst of its sides (kerb:both, kerb:left, kerb:right)."""
    own = _kerb_key_class(tags, "kerb")
    if own != "unknown":
        return own
    return worst_kerb([_kerb_key_class(tags, f"kerb:{side}") for side in KERB_SIDES])


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
    return worst_kerb([kerb_class(t) for t in nearby_kerbs])
