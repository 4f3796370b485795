"""Level of Traffic Stress (LTS) of an OSM way, with the rule that decided it and the reason in words.

Method: Mekuria, Furth & Nixon (2012), "Low-Stress Bicycling and Network Connectivity", tables for
separated paths, bike lanes with / without parking and mixed traffic, with speeds in km/h as the open
OSM implementations do (BikeOttawa stressmodel thresholds 40/50/65 km/h), and French conventions
(zone 30, zone de rencontre, aire piétonne, contraflow). docs/cycling.md has the tables in prose.

LTS is rated per direction a cyclist may ride (right-hand traffic) and the way takes the worse one:
a street with a lane on one side only is not low-stress in the other direction.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from typing import Mapping, Optional, Union

from ..speeds import OverridesLike, Speed, SpeedOverrides, overrides_key, street_speed
from . import facilities as fac
from .facilities import Facilities, Note, facilities_of
from .messages import note_text, rule_text

# --- Cycling not allowed (LTS 0) -------------------------------------------------------------------
# (rule id, tags that match, tags that lift the ban, countries where the row does not apply)
# Sources: OSM wiki "OSM tags for routing/Access restrictions" (worldwide and France defaults),
# Code de la route R431-9 (no cycling on pavements), BikeOttawa rules p2-p6.
BIKE_OK = fac.BICYCLE_ALLOWED
ATTACHED = ":attached_facility"  # pseudo-tag: a track or lane is mapped on this way (not a real OSM key)
ATTACHED_FACILITIES = (fac.TRACK, fac.LANE, fac.CONTRAFLOW_TRACK, fac.CONTRAFLOW_LANE)
NOT_A_WAY = (
    "construction",
    "proposed",
    "platform",
    "bus_guideway",
    "raceway",
    "elevator",
    "abandoned",
    "disused",
    "razed",
    "escape",
    "emergency_bay",
    "rest_area",
    "services",
    "bus_stop",
)
ACCESS_RULES: tuple[
    tuple[str, dict[str, tuple[str, ...]], dict[str, tuple[str, ...]], tuple[str, ...]], ...
] = (
    ("p1", {"highway": ("motorway", "motorway_link")}, {}, ()),  # motorways: closed to cyclists
    ("p2", {"bicycle": ("no", "dismount")}, {}, ()),  # explicit ban
    # "use the sidepath": banned from the carriageway, unless the sidepath is mapped on this very way
    ("p2", {"bicycle": ("use_sidepath",)}, {ATTACHED: ("yes",)}, ()),
    ("p3", {"motorroad": ("yes",)}, {"bicycle": BIKE_OK}, ()),  # route express / Kraftfahrstraße
    ("p4", {"access": ("no", "private")}, {"bicycle": BIKE_OK, "vehicle": BIKE_OK}, ()),
    ("p4", {"vehicle": ("no", "private")}, {"bicycle": BIKE_OK}, ()),
    ("p5", {"highway": ("steps",)}, {}, ()),  # carrying the bike is not cycling
    ("p6", {"highway": ("footway", "bridleway", "corridor")}, {"bicycle": BIKE_OK}, ()),  # pavements, paths
    ("p6", {"highway": ("busway",)}, {"bicycle": BIKE_OK}, ()),  # bus-only roads (wiki highway=busway)
    ("p7", {"highway": ("pedestrian",)}, {"bicycle": BIKE_OK}, ("FR",)),  # FR aire piétonne: bikes allowed
    ("p8", {"highway": NOT_A_WAY}, {}, ()),
)
# Highway classes a cyclist can use at all (anything else: rule p9, "not a way for cycling").
RIDEABLE = (
    "trunk",
    "trunk_link",
    "primary",
    "primary_link",
    "secondary",
    "secondary_link",
    "tertiary",
    "tertiary_link",
    "unclassified",
    "residential",
    "living_street",
    "service",
    "road",
    "track",
    "busway",
    "pedestrian",
    "path",
    "footway",
    "bridleway",
    "cycleway",
)

# --- Ways with no motor traffic beside the cyclist (LTS 1) -----------------------------------------
# (rule id, facility of the way or None, tags that match). Mekuria-Furth: separated paths are LTS 1.
SEPARATED_RULES: tuple[tuple[str, Optional[str], dict[str, tuple[str, ...]]], ...] = (
    ("s1", fac.CYCLEWAY, {}),
    ("s2", fac.SHARED_PATH, {}),
    ("s3", None, {"highway": ("path",)}),  # path with bicycle access by default (wiki access defaults)
    ("s4", fac.CYCLE_STREET, {}),  # vélorue / Fahrradstraße: cyclists have priority, cars are guests
    ("s5", None, {"highway": ("pedestrian",)}),  # aire piétonne, cycling at walking pace
    ("s6", None, {"motor_vehicle": ("no",)}),  # no motor traffic (BikeOttawa m17)
)
TRACK_RULE = "s7"
PATHS = ("cycleway", "path", "footway", "bridleway")  # a track (or contraflow track) in the direction ridden

# --- Bike lanes: Mekuria-Furth table 2 (with parking) and 3 (without), km/h as BikeOttawa b*/c* ---
# (rule id, parking beside the lane, max speed km/h, max motor lanes per direction, LTS)
# First matching row wins.
LANE_RULES: tuple[tuple[str, bool, float, int, int], ...] = (
    ("b1", True, 40, 1, 1),
    ("b2", True, 50, 1, 2),
    ("b3", True, 64, 99, 3),
    ("b4", True, math.inf, 99, 4),
    ("c1", False, 50, 1, 1),
    ("c2", False, 64, 99, 3),
    ("c3", False, math.inf, 99, 4),
)
# Road class as a stand-in for traffic volume and lane blockage (Mekuria-Furth "frequent blockage"
# row; Furth's LTS v2 tables use traffic volume, which OSM lacks; BikeOttawa raises all
# non-residential lanes to 3, we only raise the main roads). (rule id, highway classes, lowest LTS)
LANE_CLASS_FLOOR: tuple[tuple[str, tuple[str, ...], int], ...] = (
    ("l1", ("trunk", "trunk_link", "primary", "primary_link"), 3),
    ("l2", ("secondary", "secondary_link"), 2),
)
LANE_LIKE = (fac.LANE, fac.CONTRAFLOW_LANE, fac.BUSWAY, fac.SHOULDER)

# --- Mixed traffic: Mekuria-Furth table 4 (speed × lanes), km/h; "local" streets replace the
# "unmarked centreline / residential" condition. (rule id, max speed, classes or None = any, max total
# motor lanes, LTS). First matching row wins.
LOCAL = ("residential", "living_street", "service", "track", "road", "pedestrian")
MIXED_RULES: tuple[tuple[str, float, Optional[tuple[str, ...]], int, int], ...] = (
    ("m1", 20, None, 99, 1),  # zone de rencontre / walking pace
    ("m2", 30, LOCAL, 3, 1),  # zone 30 local street (Mekuria: <= 25 mph, 2-3 lanes -> 1)
    ("m3", 30, None, 3, 2),
    ("m4", 40, LOCAL, 3, 2),
    ("m5", 40, None, 5, 3),
    ("m6", 40, None, 99, 4),
    ("m7", 50, LOCAL, 2, 2),  # Mekuria: 30 mph, 2-3 lanes -> 2; BikeOttawa m9
    ("m8", 50, None, 3, 3),
    ("m9", math.inf, None, 99, 4),  # faster than 50 km/h, or 4+ lanes at 41-50 km/h
)
SPEED_TOLERANCE = 0.5  # 25 mph = 40.2 km/h belongs with 40 km/h

# Facilities ridden in one direction, best first (used to pick the facility a cyclist would take).
FACILITY_RANK = (
    fac.CYCLEWAY,
    fac.SHARED_PATH,
    fac.CYCLE_STREET,
    fac.TRACK,
    fac.CONTRAFLOW_TRACK,
    fac.LANE,
    fac.CONTRAFLOW_LANE,
    fac.BUSWAY,
    fac.SHOULDER,
    fac.SHARED_LANE,
    fac.CONTRAFLOW_UNMARKED,
    fac.SEPARATE,
    fac.NONE,
)
SEPARATED_FACILITIES = (fac.TRACK, fac.CONTRAFLOW_TRACK)

# On-street parking (OSM wiki Key:parking:lane, Street parking): values that mean cars park there.
PARKING_PRESENT = (
    "lane",
    "half_on_kerb",
    "on_kerb",
    "street_side",
    "shoulder",
    "yes",
    "parallel",
    "diagonal",
    "perpendicular",
    "marked",
    "inline",
)
PARKING_KEYS = ("parking:{side}", "parking:both", "parking:lane:{side}", "parking:lane:both", "parking")

# --- Crossing a road without signals: Mekuria-Furth table 5 (unsignalised crossings without a median
# refuge), speeds converted (25/30 mph -> 40/50 km/h, 35 mph -> 56, 40 mph -> 64). Used by the island
# search at junctions where a low-stress route crosses a high-stress road. (rule id, max speed km/h of
# the crossed road, max total lanes crossed, LTS). First matching row wins. Signals make it LTS 1 (x0).
CROSSING_RULES: tuple[tuple[str, float, int, int], ...] = (
    ("x1", 50, 3, 1),
    ("x2", 56, 3, 2),
    ("x3", 64, 3, 3),
    ("x4", 50, 5, 2),
    ("x5", 56, 5, 3),
    ("x6", math.inf, math.inf, 4),
)
SIGNAL_TAGS = (
    ("highway", ("traffic_signals",)),
    ("crossing", ("traffic_signals",)),
    ("crossing:signals", ("yes",)),
)


def crossing_lts(speed_kmh: float, lanes: int) -> tuple[int, str]:
    """LTS of crossing (without signals) a road of this speed and total lane count."""
    for rule, max_speed, max_lanes, lts in CROSSING_RULES:
        if speed_kmh <= max_speed + SPEED_TOLERANCE and lanes <= max_lanes:
            return lts, rule
    return 4, "x6"


DEFAULT_LANES = {0: 2, 1: 1, -1: 1}  # motor lanes when untagged: two-way 2, one-way 1 (BikeOttawa: 2)
_INT = re.compile(r"^\s*(\d+)\s*$")

Part = Union[Note, Speed]


@dataclass(frozen=True)
class Lts:
    """LTS 0-4 of a way with its rule id and the facts behind it (rendered by ``reason``)."""

    lts: int
    rule: str
    parts: tuple[Part, ...]
    facilities: Facilities
    speed: Optional[Speed] = None
    args: tuple[tuple[str, str], ...] = ()
    lanes: int = 0  # total motor lanes (tagged or assumed), 0 for paths

    def reason(self, lang: str = "en") -> str:
        head = rule_text(self.rule, lang, dict(self.args), self.lts)
        details = [p.reason(lang) if isinstance(p, Speed) else note_text(p, lang) for p in self.parts]
        details = [d for d in details if d]
        return f"{head} ({'; '.join(details)})" if details else head


def _matches(tags: Mapping[str, str], match: Mapping[str, tuple[str, ...]]) -> bool:
    return all(tags.get(k) in values for k, values in match.items())


def _lifted(tags: Mapping[str, str], unless: Mapping[str, tuple[str, ...]]) -> bool:
    return any(tags.get(k) in values for k, values in unless.items())


def lanes_of(tags: Mapping[str, str], oneway: int) -> tuple[int, Optional[Note]]:
    """Total motor lanes; odd values (``2;3``, ``two``) fall back with a note saying what was used."""
    value = tags.get("lanes")
    default = DEFAULT_LANES[oneway]
    if value is None:
        return default, None
    match = _INT.match(value)
    if match and int(match.group(1)) > 0:
        return int(match.group(1)), None
    numbers = [int(m.group(1)) for m in (_INT.match(p) for p in re.split(r"[;|]", value)) if m]
    if numbers:
        return max(numbers), Note("lanes_multiple", (("value", value), ("lanes", str(max(numbers)))))
    return default, Note("lanes_invalid", (("value", value), ("lanes", str(default))))


def parking_on(tags: Mapping[str, str], side: str) -> tuple[bool, bool]:
    """(parking present on that side, some parking tag was found at all)."""
    found = False
    for pattern in PARKING_KEYS:
        value = tags.get(pattern.format(side=side))
        if value is None:
            continue
        found = True
        if value in PARKING_PRESENT:
            return True, True
    return False, found


def _direction_options(f: Facilities) -> dict[str, list[tuple[str, str]]]:
    """Facilities usable per direction ridden: {"forward"|"backward": [(facility, side)]}.

    Right-hand traffic: along the way a cyclist rides on the right side, against it on the left; on a
    one-way street both sides serve the motor-traffic direction except contraflow facilities; a
    bidirectional side (``cycleway:<side>:oneway=no``) serves both directions."""
    contra = (fac.CONTRAFLOW_LANE, fac.CONTRAFLOW_TRACK, fac.CONTRAFLOW_UNMARKED)
    options: dict[str, list[tuple[str, str]]] = {}
    for direction, sign in (("forward", 1), ("backward", -1)):
        if not (f.oneway in (0, sign) or f.bicycle_contraflow):
            continue
        own_side = "right" if sign == 1 else "left"
        usable = []
        for side, facility, bidirectional in (
            ("right", f.right, f.right_bidirectional),
            ("left", f.left, f.left_bidirectional),
        ):
            serves = (
                bidirectional
                or (f.oneway == 0 and side == own_side)  # two-way street: ride on your right
                or (f.oneway == sign and facility not in contra)  # with the one-way flow: either side
                or (f.oneway == -sign and facility in contra)  # against it: contraflow facilities only
            )
            if serves:
                usable.append((facility, side))
        if not usable:
            usable = [(fac.CONTRAFLOW_UNMARKED if f.oneway == -sign else fac.NONE, own_side)]
        options[direction] = usable
    return options


def _best(options: list[tuple[str, str]]) -> tuple[str, str]:
    return min(
        options, key=lambda o: FACILITY_RANK.index(o[0]) if o[0] in FACILITY_RANK else len(FACILITY_RANK)
    )


def _rate_direction(
    facility: str, side: str, tags: Mapping[str, str], speed: Speed, lanes: int, oneway: int
) -> tuple[int, str, list[Part], dict[str, str]]:
    highway = tags.get("highway", "")
    kmh = speed.kmh
    args = {"speed": f"{kmh:.0f}", "lanes": str(lanes), "highway": highway, "facility": facility}
    if facility in SEPARATED_FACILITIES:
        return 1, TRACK_RULE, [], args
    if facility in LANE_LIKE:
        per_direction = lanes if oneway != 0 else max(1, math.ceil(lanes / 2))
        parked, parking_tagged = parking_on(tags, side)
        parts: list[Part] = [speed]
        if not parking_tagged:
            parts.append(Note("parking_assumed_absent"))
        args["lanes"] = str(per_direction)
        rule, lts = next(
            (r, level)
            for r, parking, max_speed, max_lanes, level in LANE_RULES
            if parking == parked and kmh <= max_speed + SPEED_TOLERANCE and per_direction <= max_lanes
        )
        for floor_rule, classes, floor in LANE_CLASS_FLOOR:
            if highway in classes and lts < floor:
                rule, lts = floor_rule, floor
        return lts, rule, parts, args
    # Mixed traffic: no facility, sharrows, unmarked contraflow, or a facility mapped separately.
    rule, lts = next(
        (r, level)
        for r, max_speed, classes, max_lanes, level in MIXED_RULES
        if kmh <= max_speed + SPEED_TOLERANCE
        and (classes is None or highway in classes)
        and lanes <= max_lanes
    )
    return lts, rule, [speed], args


def evaluate(tags: Mapping[str, str], country: str = "FR", speed_overrides: OverridesLike = None) -> Lts:
    """LTS of one way. Never raises: odd tags give a rule and a reason saying what was assumed.
    ``speed_overrides``: the user's default speeds by road class (core.speeds.overrides_key).

    Memoised on the tag set, country and overrides: the result is immutable and depends on nothing
    else, and the cycling and school themes of one diagnosis rate the same streets.
    """
    key = tuple(
        sorted((str(k), str(v)) for k, v in tags.items() if v is not None and not _never_read(str(k)))
    )
    return _evaluate_cached(key, country, overrides_key(speed_overrides))


# Tags no rule reads (names, references, notes, …): left out of the memo key, so that streets which differ
# only by them share one evaluation. Most ways have a unique name, which defeated the memo.
NEVER_READ = frozenset(
    "name ref wikidata wikipedia note fixme description old_name alt_name official_name loc_name short_name "
    "int_name reg_name nat_name postal_code website image mapillary lit surface smoothness source".split()
)
NEVER_READ_PREFIXES = ("name:", "note:", "addr:", "tiger:", "check_date", "survey:", "old_name:", "alt_name:")


def _never_read(key: str) -> bool:
    return key in NEVER_READ or key.startswith(NEVER_READ_PREFIXES)


@functools.lru_cache(maxsize=1 << 16)
def _evaluate_cached(key: tuple[tuple[str, str], ...], country: str, overrides: SpeedOverrides) -> Lts:
    return _evaluate(dict(key), country, overrides)


def _evaluate(tags: dict[str, str], country: str, overrides: SpeedOverrides = ()) -> Lts:
    f = facilities_of(tags)
    highway = tags.get("highway", "")
    facts = dict(tags)
    if f.left in ATTACHED_FACILITIES or f.right in ATTACHED_FACILITIES:
        facts[ATTACHED] = "yes"
    for rule, match, unless, not_in in ACCESS_RULES:
        if country in not_in:
            continue
        if _matches(tags, match) and not _lifted(facts, unless):
            key = next(iter(match))
            return Lts(0, rule, (), f, None, (("key", key), ("value", tags.get(key, ""))))
    if highway not in RIDEABLE:
        return Lts(0, "p9", (), f, None, (("key", "highway"), ("value", highway or "-")))
    notes: tuple[Part, ...] = f.notes
    speed = street_speed(tags, country, overrides)
    road_speed = None if highway in PATHS else speed  # paths carry no motor traffic: no speed to report
    for rule, facility, match in SEPARATED_RULES:
        if (facility is None or f.left == facility or f.right == facility) and _matches(tags, match):
            return Lts(1, rule, notes, f, road_speed, (("highway", highway),))

    lanes, lanes_note = lanes_of(tags, f.oneway)
    worst: Optional[tuple[int, str, list[Part], dict[str, str], str, str]] = None
    ratings = []
    for direction, options in _direction_options(f).items():
        facility, side = _best(options)
        lts, rule, parts, args = _rate_direction(facility, side, tags, speed, lanes, f.oneway)
        ratings.append(lts)
        if worst is None or lts > worst[0]:
            worst = (lts, rule, parts, args, direction, facility)
    if worst is None:  # unreachable: a way is always ridable in at least one direction
        return Lts(0, "p9", (), f, speed, (("key", "oneway"), ("value", tags.get("oneway", ""))))
    lts, rule, parts, args, direction, facility = worst
    extra: list[Part] = list(parts)
    if lanes_note is not None:
        extra.append(lanes_note)
    extra.extend(notes)
    if len(set(ratings)) > 1:
        extra.append(Note("worst_direction", (("direction", direction), ("facility", facility))))
    return Lts(lts, rule, tuple(extra), f, speed, tuple(args.items()), lanes)
