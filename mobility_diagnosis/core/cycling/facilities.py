"""Cycle facilities per side of an OSM way, in a small controlled vocabulary.

Sides are relative to the way's drawing direction (OSM convention): ``right`` is on the right when
walking from the first node to the last. Right-hand traffic is assumed (France and most of Europe):
a cyclist riding along the way uses the right side, one riding against it uses the left side.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Optional

# The vocabulary (docs/cycling.md explains each value; INTERFACE.md field values).
TRACK = "track"  # physically separated from motor traffic, beside the road
LANE = "lane"  # painted lane on the carriageway
SHARED_LANE = "shared_lane"  # sharrows: markings only, cyclists share the lane
BUSWAY = "busway"  # bus lane open to cyclists (couloir bus+vélo)
SHOULDER = "shoulder"  # paved shoulder usable by cyclists
CONTRAFLOW_LANE = "contraflow_lane"  # painted lane against a one-way street's traffic
CONTRAFLOW_TRACK = "contraflow_track"  # separated track against a one-way street's traffic
CONTRAFLOW_UNMARKED = "contraflow_unmarked"  # cyclists may ride against the one-way flow, no marking
CYCLEWAY = "cycleway"  # the way itself is a cycleway (highway=cycleway)
SHARED_PATH = "shared_path"  # path/footway where cycling is designated or allowed (shared with walkers)
CYCLE_STREET = "cycle_street"  # bicycle_road / cyclestreet (vélorue, Fahrradstraße)
SEPARATE = "separate"  # the facility is mapped as its own way
NONE = "none"

FACILITIES = (
    TRACK,
    LANE,
    SHARED_LANE,
    BUSWAY,
    SHOULDER,
    CONTRAFLOW_LANE,
    CONTRAFLOW_TRACK,
    CONTRAFLOW_UNMARKED,
    CYCLEWAY,
    SHARED_PATH,
    CYCLE_STREET,
    SEPARATE,
    NONE,
)

# cycleway[:side] values → facility (OSM wiki Key:cycleway, Key:cycleway:left/right/both).
# The deprecated opposite* values (wiki: "use oneway:bicycle=no with cycleway:<side>:oneway=-1")
# name a contraflow facility on the contraflow side.
CYCLEWAY_VALUES: dict[str, str] = {
    "track": TRACK,
    "lane": LANE,
    "shared_lane": SHARED_LANE,
    "share_busway": BUSWAY,
    "shoulder": SHOULDER,
    "separate": SEPARATE,
    "sidepath": SEPARATE,
    "no": NONE,
    "none": NONE,
    "opposite": CONTRAFLOW_UNMARKED,
    "opposite_lane": CONTRAFLOW_LANE,
    "opposite_track": CONTRAFLOW_TRACK,
    "opposite_share_busway": BUSWAY,
    "crossing": LANE,  # a marked cycle crossing on the carriageway
}
# Values that are legal but vague: what we assume, said in the notes.
ASSUMED_CYCLEWAY_VALUES: dict[str, str] = {"yes": LANE, "right": LANE, "left": LANE, "both": LANE}

DEPRECATED_OPPOSITE = ("opposite", "opposite_lane", "opposite_track", "opposite_share_busway")

# A facility of the with-flow kind, and its contraflow counterpart (used when the side's
# :oneway=-1 says it serves traffic against the street's one-way direction).
TO_CONTRAFLOW: dict[str, str] = {
    LANE: CONTRAFLOW_LANE,
    TRACK: CONTRAFLOW_TRACK,
    NONE: CONTRAFLOW_UNMARKED,
}

FROM_CONTRAFLOW: dict[str, str] = {v: k for k, v in TO_CONTRAFLOW.items()}

# Values of oneway (OSM wiki Key:oneway). Roundabouts and motorways are one-way by default.
ONEWAY_FORWARD = ("yes", "true", "1")
ONEWAY_BACKWARD = ("-1", "reverse")
IMPLIED_ONEWAY = {"junction": ("roundabout", "circular"), "highway": ("motorway",)}

# Standalone ways (OSM wiki Key:highway, Bicycle access defaults): their facility is the way itself.
# A pedestrian street (aire piétonne) where cycling is merely allowed is not a cycle facility (BNAC: regime
# AIRE PIETONNE, ame AUCUN); it becomes a shared path only when cycling is designated (signed).
PATH_CLASSES = ("path", "footway", "bridleway")
BICYCLE_ALLOWED = ("yes", "designated", "permissive", "destination")
SHARED_PATH_ACCESS = {
    "path": BICYCLE_ALLOWED,
    "footway": BICYCLE_ALLOWED,
    "bridleway": BICYCLE_ALLOWED,
    "pedestrian": ("designated",),
}
CYCLE_STREET_TAGS = (("bicycle_road", "yes"), ("cyclestreet", "yes"))


@dataclass(frozen=True)
class Note:
    """A fact worth telling the user (key into the message tables, with its arguments)."""

    key: str
    args: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Facilities:
    """Facilities on each side, the one-way regime, and what had to be assumed."""

    left: str
    right: str
    oneway: int  # 0 two-way for motor traffic, 1 one-way along the way, -1 against it
    bicycle_contraflow: bool  # cyclists may ride against a one-way street's flow
    left_bidirectional: bool = False
    right_bidirectional: bool = False
    standalone: bool = False  # the way itself is the facility (cycleway, shared path, cycle street)
    notes: tuple[Note, ...] = ()


def oneway_of(tags: Mapping[str, str]) -> int:
    value = (tags.get("oneway") or "").lower()
    if value in ONEWAY_FORWARD:
        return 1
    if value in ONEWAY_BACKWARD:
        return -1
    if value == "no":
        return 0
    for key, values in IMPLIED_ONEWAY.items():
        if tags.get(key) in values:
            return 1
    return 0


def _side_value(tags: Mapping[str, str], side: str) -> tuple[Optional[str], Optional[str]]:
    """(value, key) for one side: cycleway:<side> beats cycleway:both beats bare cycleway."""
    for key in (f"cycleway:{side}", "cycleway:both"):
        if key in tags:
            return tags[key], key
    return None, None


def _classify(value: str, key: str, notes: list[Note]) -> str:
    value = value.strip().lower()
    if value in CYCLEWAY_VALUES:
        if value in DEPRECATED_OPPOSITE:
            notes.append(Note("deprecated_opposite", (("key", key), ("value", value))))
        return CYCLEWAY_VALUES[value]
    if value in ASSUMED_CYCLEWAY_VALUES:
        notes.append(Note("vague_cycleway", (("key", key), ("value", value))))
        return ASSUMED_CYCLEWAY_VALUES[value]
    notes.append(Note("unknown_cycleway", (("key", key), ("value", value))))
    return NONE


def _standalone(tags: Mapping[str, str]) -> Optional[str]:
    highway = tags.get("highway", "")
    if highway == "cycleway":
        return CYCLEWAY
    if any(tags.get(k) == v for k, v in CYCLE_STREET_TAGS):
        return CYCLE_STREET
    bicycle = tags.get("bicycle", "")
    if bicycle in SHARED_PATH_ACCESS.get(highway, ()):
        return SHARED_PATH
    return None


def facilities_of(tags: Mapping[str, str]) -> Facilities:
    """Facilities per side of a way, from its tags. Never raises on odd values: they go into ``notes``."""
    notes: list[Note] = []
    oneway = oneway_of(tags)
    bicycle_oneway = (tags.get("oneway:bicycle") or "").lower()
    contraflow = oneway != 0 and bicycle_oneway == "no"
    standalone = _standalone(tags)
    if standalone is not None:
        both_ways = oneway == 0 or contraflow
        return Facilities(
            standalone, standalone, oneway, contraflow, both_ways, both_ways, True, tuple(notes)
        )

    # The side a contraflow cyclist rides on (right-hand traffic): left on a forward one-way, right on -1.
    contra_side = {1: "left", -1: "right"}.get(oneway)
    with_side = {1: "right", -1: "left"}.get(oneway)
    sides: dict[str, str] = {"left": NONE, "right": NONE}
    bidir: dict[str, bool] = {"left": False, "right": False}
    bare = tags.get("cycleway")
    for side in ("left", "right"):
        value, key = _side_value(tags, side)
        if value is None and bare is not None:
            value, key = bare, "cycleway"
            bare_clean = bare.strip().lower()
            if oneway != 0:
                # On a one-way street a bare value names one side only (wiki Key:cycleway):
                # opposite* the contraflow side, anything else the with-flow side.
                target = contra_side if bare_clean in DEPRECATED_OPPOSITE else with_side
                if side != target:
                    continue
        if value is None or key is None:
            continue
        facility = _classify(value, key, notes)
        side_oneway = (tags.get(f"{key}:oneway") or tags.get(f"cycleway:{side}:oneway") or "").lower()
        if side_oneway == "no":
            bidir[side] = True
        if facility in FROM_CONTRAFLOW and oneway == 0:
            # opposite* on a two-way street: nothing to be contrary to; keep the facility itself.
            facility = FROM_CONTRAFLOW[facility]
        elif facility in FROM_CONTRAFLOW:
            contraflow = True
        elif side_oneway == "-1" and facility in TO_CONTRAFLOW and oneway != 0:
            facility = TO_CONTRAFLOW[facility]
            contraflow = True
        elif (
            side == contra_side
            and bicycle_oneway == "no"
            and side_oneway not in ("yes", "1")
            and facility in (LANE, TRACK)
        ):
            # oneway:bicycle=no + a lane on the contraflow side without :oneway: the usual
            # (French) way of mapping a contraflow lane before :oneway=-1 spread. Said in the notes.
            facility = TO_CONTRAFLOW[facility]
            notes.append(Note("assumed_contraflow", (("key", key), ("value", value))))
        sides[side] = facility
    if contraflow and contra_side is not None and sides[contra_side] == NONE:
        sides[contra_side] = CONTRAFLOW_UNMARKED
    if oneway != 0 and bicycle_oneway == "yes":
        contraflow = False
    return Facilities(
        sides["left"], sides["right"], oneway, contraflow, bidir["left"], bidir["right"], False, tuple(notes)
    )
