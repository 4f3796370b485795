"""Who may walk where: the one walking rule of every theme (accessibility distances and catchments,
school catchments, the bike-parking gap search), as data.

Sources: OSM wiki "Key:foot", "Key:access", "Key:motorroad", "Tag:highway=motorway", "Key:sidewalk"
(sidewalk=separate) and "Tag:footway=sidewalk"; the walking filter of OSMnx (``network_type="walk"``).

Separately mapped sidewalks: a road tagged ``sidewalk=separate`` stays in the routing graph (its
sidewalk runs alongside at the same distance, and removing the road would cut the network wherever the
separate sidewalks are not joined up), but it is not counted again in street lengths; the
``footway=sidewalk``/``footway=crossing`` ways are walkable and not counted as streets either (they
double the carriageway they follow). ``foot=use_sidepath`` means "walk on the separate sidewalk":
the road itself is then not walkable.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Optional, Tuple

# (rule id, key, values) – the first matching row forbids walking. Order matters: an explicit foot
# permission (FOOT_ALLOWED) is checked before the general access rows.
FORBIDDING_RULES: Tuple[Tuple[str, str, Tuple[str, ...]], ...] = (
    # Motorways are closed to pedestrians everywhere (wiki Tag:highway=motorway).
    ("motorway", "highway", ("motorway", "motorway_link")),
    # motorroad=yes: "Autostraße"/"route pour automobiles", closed to pedestrians (wiki Key:motorroad).
    ("motorroad", "motorroad", ("yes",)),
    # Explicit pedestrian ban, or private; use_sidepath: walk on the separately mapped sidewalk
    # (wiki Key:foot).
    ("foot_no", "foot", ("no", "private", "use_sidepath")),
    # Closed for construction or not a way one can walk along (wiki Key:highway lifecycle values).
    ("not_open", "highway", ("construction", "proposed", "abandoned", "disused", "raceway", "bus_guideway")),
)
# Access restrictions that close a way unless foot=* says otherwise (wiki Key:access).
ACCESS_CLOSED = ("no", "private")
ACCESS_KEYS = ("access",)
FOOT_ALLOWED = ("yes", "designated", "permissive", "destination", "official")

# Ways that duplicate a carriageway and are not counted as street length (wiki Tag:footway=sidewalk).
NOT_COUNTED_FOOTWAY = ("sidewalk", "crossing", "traffic_island")

# Sidewalk keys (wiki Key:sidewalk): any of these says something about sidewalks.
SIDEWALK_KEYS = ("sidewalk", "sidewalk:both", "sidewalk:left", "sidewalk:right")

# Streets where sidewalk information is expected in built-up areas (roads with motor traffic;
# living streets and pedestrian areas are shared spaces without sidewalks).
SIDEWALK_EXPECTED_HIGHWAYS = (
    "primary", "primary_link", "secondary", "secondary_link", "tertiary", "tertiary_link",
    "unclassified", "residential", "trunk", "trunk_link",
)  # fmt: skip

RULE_MESSAGES = {
    "en": {
        "walkable": "walkable",
        "motorway": "motorway: closed to pedestrians",
        "motorroad": "motorroad=yes: closed to pedestrians",
        "foot_no": "foot=no or private (or use_sidepath): walking not allowed on this way",
        "not_open": "not open (construction, proposed, disused…)",
        "access_closed": "access=private/no without a foot exception",
    },
    "fr": {
        "walkable": "praticable à pied",
        "motorway": "autoroute : interdite aux piétons",
        "motorroad": "route pour automobiles : interdite aux piétons",
        "foot_no": "foot=no ou private (ou use_sidepath) : marche interdite sur cette voie",
        "not_open": "voie non ouverte (travaux, projet, désaffectée…)",
        "access_closed": "accès privé ou interdit, sans exception pour les piétons",
    },
}


@dataclass(frozen=True)
class WalkRule:
    walkable: bool
    rule: str  # id in RULE_MESSAGES
    counted: bool  # counted in street lengths (False for separately mapped sidewalks and crossings)
    sidewalk_separate: bool  # a road whose sidewalks are mapped as their own ways


def walk_rule(tags: Mapping[str, str]) -> WalkRule:
    foot = tags.get("foot", "")
    counted = tags.get("footway", "") not in NOT_COUNTED_FOOTWAY
    separate = any(tags.get(k) == "separate" for k in SIDEWALK_KEYS)
    for rule, key, values in FORBIDDING_RULES:
        if tags.get(key) in values:
            return WalkRule(False, rule, counted, separate)
    if foot not in FOOT_ALLOWED and any(tags.get(k) in ACCESS_CLOSED for k in ACCESS_KEYS):
        return WalkRule(False, "access_closed", counted, separate)
    return WalkRule(True, "walkable", counted, separate)


def rule_message(rule: str, lang: str = "en") -> str:
    return RULE_MESSAGES.get(lang, RULE_MESSAGES["en"])[rule]


def has_sidewalk_info(tags: Mapping[str, str]) -> bool:
    return any(k in tags for k in SIDEWALK_KEYS)


# Built-up area without a landuse layer (proposal, documented in docs/accessibility.md): a street is
# taken as urban when its speed limit is an urban one, or it is a residential street, or buildings
# stand along it (the caller passes ``buildings_near``).
URBAN_MAXSPEED = ("FR:urban", "DE:urban", "BE:urban", "CH:urban", "IT:urban", "ES:urban", "walk")
URBAN_MAXSPEED_KMH = 50.0
URBAN_HIGHWAYS = ("residential", "living_street")


def is_built_up(tags: Mapping[str, str], buildings_near: Optional[int] = None) -> bool:
    if tags.get("highway") in URBAN_HIGHWAYS:
        return True
    speed = tags.get("maxspeed", "")
    if speed in URBAN_MAXSPEED:
        return True
    try:
        if float(speed.split()[0]) <= URBAN_MAXSPEED_KMH:
            return True
    except (ValueError, IndexError):
        pass
    return bool(buildings_near and buildings_near >= 3)


def missing_sidewalk_info(tags: Mapping[str, str], buildings_near: Optional[int] = None) -> bool:
    """A street with motor traffic in a built-up area that says nothing about its sidewalks."""
    return (
        tags.get("highway") in SIDEWALK_EXPECTED_HIGHWAYS
        and not has_sidewalk_info(tags)
        and is_built_up(tags, buildings_near)
    )
