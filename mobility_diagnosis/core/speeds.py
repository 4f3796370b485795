"""Speed of motor traffic on a street, from OSM tags or an assumed default, always with the reason.

Missing or odd ``maxspeed`` tags are the most common source of wrong stress ratings, so every
result says which tag gave the value or which default was assumed. Shared by the cycling and
schools themes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Mapping, Optional, Union

from .territory import is_insee_code

MPH_TO_KMH = 1.609344
WALKING_PACE_KMH = 5  # BNAC schema: "5 km/h correspond à une vitesse à l'allure du pas"

# Implicit values of maxspeed (OSM wiki "Key:maxspeed#Implicit maxspeed values" and
# "Default speed limits"). France: Code de la route R413-2 (50 in agglomeration, 80 outside since 2018),
# R110-2 (zone 30, zone de rencontre 20, aire piétonne at walking pace).
IMPLICIT_SPEEDS: dict[str, float] = {
    "FR:urban": 50,
    "FR:rural": 80,
    "FR:zone30": 30,
    "FR:zone20": 20,
    "FR:living_street": 20,
    "FR:walk": WALKING_PACE_KMH,
    "FR:motorway": 130,
    "FR:expressway": 110,
    "DE:urban": 50,
    "DE:rural": 100,
    "DE:zone30": 30,
    "DE:zone20": 20,
    "DE:living_street": 7,
    "DE:bicycle_road": 30,
    "DE:walk": 7,
    "DE:motorway": 130,
    "BE:urban": 50,
    "BE:zone30": 30,
    "CH:urban": 50,
    "CH:zone30": 30,
    "IT:urban": 50,
    "ES:urban": 50,
    "GB:nsl_single": 60 * MPH_TO_KMH,
    "GB:nsl_dual": 70 * MPH_TO_KMH,
    "GB:zone20": 20 * MPH_TO_KMH,
    "walk": WALKING_PACE_KMH,
}

# Values that carry no number: the road-class default applies and the reason says why.
# (OSM wiki Key:maxspeed: "signals" = variable limit shown on signs, "none" = no legal limit.)
NON_NUMERIC = {
    "signals": "maxspeed_signals",
    "variable": "maxspeed_signals",
    "none": "maxspeed_none",
    "national": "maxspeed_national",  # "the national limit": the country's default for the class
}

# Default speed by road class, per country, used only when no tag gives a value.
# FR: Code de la route R413-2 (urban 50, rural 80 since 2018; dual carriageways 110, motorways 130),
# R110-2 (zone de rencontre 20 km/h, aire piétonne at walking pace). Urban default for local streets
# because a commune diagnosis is mostly streets in agglomeration; rural value for primary/secondary
# because those often run outside it (the reason tells the user which one was assumed).
# "default": the generic values of the OSM wiki "Default speed limits" and of BikeOttawa's stressmodel
# (80 on primary/secondary, 50 elsewhere). service/track: no legal value, 30 is a routing-profile guess.
DEFAULT_SPEEDS: dict[str, dict[str, tuple[float, str]]] = {
    "FR": {
        "motorway": (130, "motorway"),
        "trunk": (110, "expressway"),
        "primary": (80, "rural"),
        "secondary": (80, "rural"),
        "tertiary": (50, "urban"),
        "unclassified": (50, "urban"),
        "residential": (50, "urban"),
        "road": (50, "urban"),
        "busway": (50, "urban"),
        "living_street": (20, "zone_de_rencontre"),
        "pedestrian": (WALKING_PACE_KMH, "aire_pietonne"),
        "service": (30, "service"),
        "track": (30, "track"),
    },
    "default": {
        "motorway": (120, "motorway"),
        "trunk": (100, "expressway"),
        "primary": (80, "rural"),
        "secondary": (80, "rural"),
        "tertiary": (50, "urban"),
        "unclassified": (50, "urban"),
        "residential": (50, "urban"),
        "road": (50, "urban"),
        "busway": (50, "urban"),
        "living_street": (20, "living_street"),
        "pedestrian": (WALKING_PACE_KMH, "pedestrian"),
        "service": (30, "service"),
        "track": (30, "track"),
    },
}
FALLBACK_DEFAULT = (50, "urban")

# The user's own defaults (dock settings dialog: road class -> km/h), used instead of the table above
# for streets without a usable speed tag. A sorted tuple of pairs, hashable so LTS memoisation can key
# on it; a dict is accepted too and normalised by ``overrides_key``.
SpeedOverrides = tuple[tuple[str, float], ...]
OverridesLike = Union[SpeedOverrides, Mapping[str, float], Iterable[tuple[str, float]], None]
USER_SETTING = "user_setting"  # regime name of a value that came from the user's settings

# Tags read in order; the first that yields a number wins (OSM wiki Key:maxspeed, Key:zone:maxspeed,
# Key:maxspeed:type; source:maxspeed is the older French habit for the same implicit value).
SPEED_KEYS = (
    "maxspeed",
    "maxspeed:forward",
    "maxspeed:backward",
    "zone:maxspeed",
    "maxspeed:type",
    "source:maxspeed",
)

# Road classes whose legal regime sets the speed even when maxspeed is missing (FR R110-2).
CLASS_SPEED_BEATS_TAGS = ("living_street", "pedestrian")

_NUMBER = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*(km/h|kmh|kph|mph|knots)?\s*$", re.IGNORECASE)
_ZONE = re.compile(r"^([A-Z]{2}):(?:zone:?)?(\d+)$", re.IGNORECASE)

MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "tag": "{key}={value}",
        "tag_mph": "{key}={value} ({kmh:.0f} km/h)",
        "tag_implicit": "{key}={value} ({kmh:.0f} km/h)",
        "tag_multiple": "{key}={value}: several values, the highest ({kmh:.0f} km/h) used",
        "class_regime": "highway={highway}: {kmh:.0f} km/h ({regime})",
        "missing": "no maxspeed tag: assumed {kmh:.0f} km/h ({regime} default for highway={highway})",
        "invalid": "maxspeed={value} not understood: assumed {kmh:.0f} km/h ({regime} default for highway={highway})",
        "maxspeed_signals": "maxspeed={value} (variable limit): assumed {kmh:.0f} km/h ({regime} default for "
        "highway={highway})",
        "maxspeed_none": "maxspeed=none (no legal limit): assumed {kmh:.0f} km/h ({regime} default for "
        "highway={highway})",
        "maxspeed_national": "maxspeed=national: assumed {kmh:.0f} km/h ({regime} default for highway={highway})",
        "class_regime_user": "highway={highway}: {kmh:.0f} km/h (your setting for highway={highway})",
        "missing_user": "no maxspeed tag: assumed {kmh:.0f} km/h (your setting for highway={highway})",
        "invalid_user": "maxspeed={value} not understood: assumed {kmh:.0f} km/h (your setting for "
        "highway={highway})",
        "maxspeed_signals_user": "maxspeed={value} (variable limit): assumed {kmh:.0f} km/h (your setting for "
        "highway={highway})",
        "maxspeed_none_user": "maxspeed=none (no legal limit): assumed {kmh:.0f} km/h (your setting for "
        "highway={highway})",
        "maxspeed_national_user": "maxspeed=national: assumed {kmh:.0f} km/h (your setting for highway={highway})",
    },
    "fr": {
        "tag": "{key}={value}",
        "tag_mph": "{key}={value} ({kmh:.0f} km/h)",
        "tag_implicit": "{key}={value} ({kmh:.0f} km/h)",
        "tag_multiple": "{key}={value} : plusieurs valeurs, la plus élevée ({kmh:.0f} km/h) retenue",
        "class_regime": "highway={highway} : {kmh:.0f} km/h ({regime})",
        "missing": "pas de tag maxspeed : {kmh:.0f} km/h supposés (valeur par défaut {regime} pour "
        "highway={highway})",
        "invalid": "maxspeed={value} non compris : {kmh:.0f} km/h supposés (valeur par défaut {regime} pour "
        "highway={highway})",
        "maxspeed_signals": "maxspeed={value} (limite variable) : {kmh:.0f} km/h supposés (valeur par défaut "
        "{regime} pour highway={highway})",
        "maxspeed_none": "maxspeed=none (pas de limite légale) : {kmh:.0f} km/h supposés (valeur par défaut "
        "{regime} pour highway={highway})",
        "maxspeed_national": "maxspeed=national : {kmh:.0f} km/h supposés (valeur par défaut {regime} pour "
        "highway={highway})",
        "class_regime_user": "highway={highway} : {kmh:.0f} km/h (votre réglage pour highway={highway})",
        "missing_user": "pas de tag maxspeed : {kmh:.0f} km/h supposés (votre réglage pour highway={highway})",
        "invalid_user": "maxspeed={value} non compris : {kmh:.0f} km/h supposés (votre réglage pour "
        "highway={highway})",
        "maxspeed_signals_user": "maxspeed={value} (limite variable) : {kmh:.0f} km/h supposés (votre réglage "
        "pour highway={highway})",
        "maxspeed_none_user": "maxspeed=none (pas de limite légale) : {kmh:.0f} km/h supposés (votre réglage "
        "pour highway={highway})",
        "maxspeed_national_user": "maxspeed=national : {kmh:.0f} km/h supposés (votre réglage pour "
        "highway={highway})",
    },
}

REGIMES: dict[str, dict[str, str]] = {
    "en": {
        "urban": "urban",
        "rural": "rural",
        "motorway": "motorway",
        "expressway": "expressway",
        "zone_de_rencontre": "zone de rencontre",
        "aire_pietonne": "aire piétonne, walking pace",
        "living_street": "living street",
        "pedestrian": "pedestrian area, walking pace",
        "service": "service road",
        "track": "track",
    },
    "fr": {
        "urban": "en agglomération",
        "rural": "hors agglomération",
        "motorway": "autoroute",
        "expressway": "route express",
        "zone_de_rencontre": "zone de rencontre",
        "aire_pietonne": "aire piétonne, allure du pas",
        "living_street": "zone de rencontre",
        "pedestrian": "aire piétonne, allure du pas",
        "service": "voie de service",
        "track": "chemin",
    },
}


@dataclass(frozen=True)
class Speed:
    """A speed in km/h with where it came from; ``assumed`` is True when no tag gave it."""

    kmh: float
    assumed: bool
    message: str
    args: Mapping[str, object] = field(default_factory=dict)
    tag: Optional[str] = None

    def reason(self, lang: str = "en") -> str:
        table = MESSAGES.get(lang, MESSAGES["en"])
        args = dict(self.args)
        if "regime" in args:
            args["regime"] = REGIMES.get(lang, REGIMES["en"]).get(str(args["regime"]), str(args["regime"]))
        return table[self.message].format(kmh=self.kmh, **args)


def parse_maxspeed(value: str) -> tuple[Optional[float], str]:
    """One maxspeed value to km/h: ``(kmh, kind)``, kind in tag/tag_mph/tag_implicit/tag_multiple/invalid
    or a key of NON_NUMERIC. Never raises."""
    text = (value or "").strip()
    if not text:
        return None, "invalid"
    if ";" in text or "|" in text:
        parts = [parse_maxspeed(p)[0] for p in re.split(r"[;|]", text)]
        numbers = [p for p in parts if p is not None]
        return (max(numbers), "tag_multiple") if numbers else (None, "invalid")
    lowered = text.lower()
    if lowered in NON_NUMERIC:
        return None, NON_NUMERIC[lowered]
    for name, kmh in IMPLICIT_SPEEDS.items():
        if name.lower() == lowered:
            return float(kmh), "tag_implicit"
    match = _NUMBER.match(text)
    if match:
        number = float(match.group(1).replace(",", "."))
        unit = (match.group(2) or "").lower()
        if unit == "mph":
            return number * MPH_TO_KMH, "tag_mph"
        if unit == "knots":
            return number * 1.852, "tag_mph"
        return (number, "tag") if number > 0 else (None, "invalid")
    zone = _ZONE.match(text)
    if zone:
        return float(zone.group(2)), "tag_implicit"
    return None, "invalid"


def overrides_key(overrides: OverridesLike) -> SpeedOverrides:
    """The user's overrides as a sorted hashable tuple, keeping only positive speeds."""
    if not overrides:
        return ()
    pairs = overrides.items() if isinstance(overrides, Mapping) else overrides
    return tuple(sorted((str(k), float(v)) for k, v in pairs if v and float(v) > 0))


def road_classes() -> tuple[str, ...]:
    """Every road class with a default in some country's table (the classes a user may override)."""
    return tuple(sorted({c for table in DEFAULT_SPEEDS.values() for c in table}))


LAMBERT_93 = 2154  # the CRS chosen for territories in and around metropolitan France (Monaco too)


def country_of(code: str, epsg: Optional[int]) -> str:
    """Which table of defaults a territory's streets take: French rules for a French commune or a
    territory in Lambert-93, else the generic ones. Every theme asks here, so that a street has the same
    speed and stress on every page of a diagnosis."""
    if is_insee_code(code) or epsg == LAMBERT_93:
        return "FR"
    return "default"


def default_speed(highway: str, country: str = "FR", overrides: OverridesLike = None) -> tuple[float, str]:
    """Default (km/h, regime) for a road class in a country; *_link roads take their parent's value.
    A user override for the class wins, with the regime ``USER_SETTING``."""
    base = highway[: -len("_link")] if highway.endswith("_link") else highway
    if overrides:
        chosen = dict(overrides_key(overrides)).get(base)
        if chosen is not None:
            return chosen, USER_SETTING
    table = DEFAULT_SPEEDS.get(country, DEFAULT_SPEEDS["default"])
    return table.get(base, FALLBACK_DEFAULT)


def _named(message: str, regime: str) -> str:
    return message + "_user" if regime == USER_SETTING else message


def street_speed(tags: Mapping[str, str], country: str = "FR", overrides: OverridesLike = None) -> Speed:
    """The speed of motor traffic on a street, with the tag used or the default assumed (the user's
    ``overrides`` by road class replace the built-in defaults, never a tagged value)."""
    highway = tags.get("highway", "") or ""
    if highway in CLASS_SPEED_BEATS_TAGS and "maxspeed" not in tags:
        kmh, regime = default_speed(highway, country, overrides)
        return Speed(kmh, False, _named("class_regime", regime), {"highway": highway, "regime": regime})
    first_problem: Optional[tuple[str, str]] = None
    forward_backward: list[float] = []
    for key in SPEED_KEYS:
        value = tags.get(key)
        if value is None:
            continue
        kmh, kind = parse_maxspeed(value)
        if kmh is None:
            if first_problem is None and key == "maxspeed":
                first_problem = (kind, value)
            continue
        if key in ("maxspeed:forward", "maxspeed:backward"):
            forward_backward.append(kmh)
            continue
        if forward_backward:
            break
        return Speed(kmh, False, kind, {"key": key, "value": value}, tag=key)
    if forward_backward:
        key = "maxspeed:forward" if "maxspeed:forward" in tags else "maxspeed:backward"
        top = max(forward_backward)
        return Speed(
            top,
            False,
            "tag_multiple",
            {"key": key.split(":")[0] + ":forward/backward", "value": tags.get(key, "")},
            tag=key,
        )
    kmh, regime = default_speed(highway or "road", country, overrides)
    if first_problem is not None:
        kind, value = first_problem
        message = kind if kind in NON_NUMERIC.values() else "invalid"
        return Speed(
            kmh, True, _named(message, regime), {"value": value, "highway": highway, "regime": regime}
        )
    return Speed(kmh, True, _named("missing", regime), {"highway": highway, "regime": regime})


def has_speed_tag(tags: Mapping[str, str]) -> bool:
    """True when a tag states the speed (a data-quality figure: where mapping would help)."""
    return any(k in tags for k in SPEED_KEYS)
