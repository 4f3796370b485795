"""Parking supply from OSM tags: capacities (tagged or estimated), on-street parking per street side,
bike parking, bike-parking gaps at destinations, indicators and the national bike-parking schema.

Pure: tags come in as ``dict[str, str]``, geometry as plain numbers (metres, square metres, numpy
coordinates in a metric CRS). Every rule is a data table with its source; every estimate is flagged.
See docs/parking.md for the ratios and vocabulary.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Callable, Iterable, Mapping, Optional, Sequence

import numpy as np

from .osm_layers import poi_category

# --------------------------------------------------------------------------------------------------
# Messages (the core never translates through Qt: tables keyed by language)
# --------------------------------------------------------------------------------------------------

MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "capacity_unreadable": (
            "{feature}: capacity={raw!r} could not be read as a number of spaces; it is ignored. "
            "Fix the tag in OSM (a whole number, e.g. capacity=12)."
        ),
        "capacity_negative": ("{feature}: capacity={raw!r} is negative; it is ignored. Fix the tag in OSM."),
        "capacity_absurd": (
            "{feature}: capacity={raw!r} is implausibly large (over {maximum}); it is ignored. "
            "Check the tag in OSM."
        ),
        "capacity_range": "{feature}: capacity={raw!r} is a range; its lower bound {value} is used.",
        "capacity_dense": (
            "{feature}: capacity={value} on {area:.0f} m² mapped ({levels} level(s)) is more than one space per "
            "{minimum:g} m²; the tag is kept. Check the capacity or the outline in OSM."
        ),
        "capacity_list": (
            "{feature}: capacity={raw!r} lists several numbers; their sum {value} is used. "
            "Consider one capacity per OSM feature."
        ),
        "csv_left_out": (
            "{count} bike parking(s) left out of stationnement_cyclable.csv because the national schema "
            "requires what OSM does not say ({reasons}). Add capacity=* and bicycle_parking=* in OSM to "
            "include them."
        ),
        "no_capacity": "capacity",
        "no_type": "type of stand",
        "bnlc_bad_reply": (
            "Carpool areas skipped: {url} did not return the national carpool base as GeoJSON ({detail}). "
            "Try again later, or untick the carpool option."
        ),
        "bnlc_skipped_features": "{count} carpool area(s) of the national base had no usable point and were skipped.",
        "bnlc_not_french": (
            "Carpool areas skipped: the national carpool base (BNLC) covers French communes, and {code} is not "
            "an INSEE commune code."
        ),
        "bnlc_failed": "Carpool areas skipped: {reason}",
    },
    "fr": {
        "capacity_unreadable": (
            "{feature} : capacity={raw!r} n’est pas un nombre de places lisible ; valeur ignorée. "
            "Corrigez la balise dans OSM (un nombre entier, p. ex. capacity=12)."
        ),
        "capacity_negative": (
            "{feature} : capacity={raw!r} est négative ; valeur ignorée. Corrigez la balise dans OSM."
        ),
        "capacity_absurd": (
            "{feature} : capacity={raw!r} est invraisemblable (plus de {maximum}) ; valeur ignorée. "
            "Vérifiez la balise dans OSM."
        ),
        "capacity_range": (
            "{feature} : capacity={raw!r} est un intervalle ; sa borne basse {value} est retenue."
        ),
        "capacity_dense": (
            "{feature} : capacity={value} sur {area:.0f} m² cartographiés ({levels} niveau(x)), soit plus d’une "
            "place par {minimum:g} m² ; la balise est conservée. Vérifiez la capacité ou le contour dans OSM."
        ),
        "capacity_list": (
            "{feature} : capacity={raw!r} contient plusieurs nombres ; leur somme {value} est retenue. "
            "Mieux vaut une capacité par objet OSM."
        ),
        "csv_left_out": (
            "{count} stationnement(s) vélo absent(s) de stationnement_cyclable.csv : le schéma national "
            "exige une information qu’OSM ne donne pas ({reasons}). Ajoutez capacity=* et "
            "bicycle_parking=* dans OSM pour les inclure."
        ),
        "no_capacity": "capacité",
        "no_type": "type d’accroche",
        "bnlc_bad_reply": (
            "Aires de covoiturage ignorées : {url} n’a pas renvoyé la base nationale en GeoJSON ({detail}). "
            "Réessayez plus tard ou décochez l’option covoiturage."
        ),
        "bnlc_skipped_features": "{count} aire(s) de covoiturage de la base nationale sans point exploitable, ignorée(s).",
        "bnlc_not_french": (
            "Aires de covoiturage ignorées : la base nationale des lieux de covoiturage (BNLC) couvre les "
            "communes françaises, et {code} n’est pas un code commune INSEE."
        ),
        "bnlc_failed": "Aires de covoiturage ignorées : {reason}",
    },
}


def message(lang: str, key: str, **values: object) -> str:
    table = MESSAGES.get(lang, MESSAGES["en"])
    return table[key].format(**values)


def feature_label(osm_type: str, osm_id: int, tags: Mapping[str, str]) -> str:
    """How a warning names a feature: OSM type/id (findable on openstreetmap.org) and its name."""
    name = tags.get("name")
    return f"{osm_type}/{osm_id}" + (f" ({name})" if name else "")


# --------------------------------------------------------------------------------------------------
# Capacity parsing
# --------------------------------------------------------------------------------------------------

# Above these a capacity is taken for a typo (the largest car parks in Europe hold about 10,000
# cars; the largest bike parking, Utrecht Centraal, 12,500 bikes).
MAX_CAPACITY = {"car": 20000, "bike": 15000}


@dataclass(frozen=True)
class Capacity:
    value: Optional[int]  # None: unknown or unreadable
    approximate: bool = False  # "~20", "ca. 20", "20+", a range
    warning: Optional[str] = None


def _int(m: re.Match, group: int = 1) -> int:
    return int(m.group(group))


# (pattern, how to turn the match into a number, approximate?, message key or None).
# Forms seen in taginfo for capacity=*: plain numbers, "~20", "ca. 20", "20+", "2 x 5", "10-12",
# "12;4" (several parkings merged), "20.0" (spreadsheet exports).
CAPACITY_FORMS: tuple[tuple[re.Pattern, Callable[[re.Match], int], bool, Optional[str]], ...] = (
    (re.compile(r"^\+?(\d+)$"), _int, False, None),
    (re.compile(r"^(\d+)\.0+$"), _int, False, None),
    (re.compile(r"^(?:~|≈|ca\.?|approx\.?|about|env\.?|environ)\s*(\d+)$", re.I), _int, True, None),
    (re.compile(r"^(\d+)\s*\+$"), _int, True, None),
    (re.compile(r"^(\d+)\s*[x×*]\s*(\d+)$", re.I), lambda m: _int(m, 1) * _int(m, 2), False, None),
    (re.compile(r"^(\d+)\s*[-–]\s*(\d+)$"), lambda m: min(_int(m, 1), _int(m, 2)), True, "capacity_range"),
    (re.compile(r"^(\d+)(?:\s*;\s*\d+)+$"), lambda m: sum(int(x) for x in m.group(0).split(";")), False,
     "capacity_list"),
)  # fmt: skip
_NEGATIVE = re.compile(r"^-\s*\d+(?:\.\d+)?$")


def parse_capacity(raw: Optional[str], *, feature: str = "", kind: str = "car", lang: str = "en") -> Capacity:
    """Read ``capacity=*`` leniently: a clear meaning gives a number, anything else None plus a
    warning naming the feature (never an exception)."""
    if raw is None or not str(raw).strip():
        return Capacity(None)
    text = str(raw).strip()
    maximum = MAX_CAPACITY.get(kind, MAX_CAPACITY["car"])
    if _NEGATIVE.match(text):
        return Capacity(None, warning=message(lang, "capacity_negative", feature=feature, raw=text))
    for pattern, convert, approximate, note in CAPACITY_FORMS:
        match = pattern.match(text)
        if match is None:
            continue
        value = convert(match)
        if value > maximum:
            return Capacity(
                None, warning=message(lang, "capacity_absurd", feature=feature, raw=text, maximum=maximum)
            )
        warning = message(lang, note, feature=feature, raw=text, value=value) if note else None
        return Capacity(value, approximate, warning)
    return Capacity(None, warning=message(lang, "capacity_unreadable", feature=feature, raw=text))


# --------------------------------------------------------------------------------------------------
# Off-street car parks
# --------------------------------------------------------------------------------------------------

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


# --------------------------------------------------------------------------------------------------
# On-street parking per street side
# --------------------------------------------------------------------------------------------------

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


# --------------------------------------------------------------------------------------------------
# Bike parking
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BikeParking:
    capacity: Optional[int]
    covered: Optional[bool]
    bike_parking_type: Optional[str]
    access: Optional[str]
    fee: Optional[str]
    warnings: tuple[str, ...] = ()


YES_NO: dict[str, bool] = {"yes": True, "no": False, "partial": True}


def bike_parking(tags: Mapping[str, str], *, feature: str = "", lang: str = "en") -> BikeParking:
    cap = parse_capacity(tags.get("capacity"), feature=feature, kind="bike", lang=lang)
    return BikeParking(
        capacity=cap.value,
        covered=YES_NO.get(tags.get("covered", "")),
        bike_parking_type=tags.get("bicycle_parking"),
        access=tags.get("access"),
        fee=tags.get("fee"),
        warnings=(cap.warning,) if cap.warning else (),
    )


# --------------------------------------------------------------------------------------------------
# Carpool areas (Base nationale des lieux de covoiturage, transport.data.gouv.fr)
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CarpoolArea:
    lon: float
    lat: float
    name: Optional[str]
    capacity: Optional[int]  # nbre_pl when the reply carries it
    ident: Optional[str]  # id_lieu when the reply carries it


def carpool_areas(geojson: object) -> tuple[list[CarpoolArea], int]:
    """Points of a BNLC GeoJSON reply (``/api/geo-query?data=bnlc``: a FeatureCollection of points
    whose properties hold ``nom_lieu``, and in richer exports the schema-lieux-covoiturage fields
    ``id_lieu`` and ``nbre_pl``). Returns the areas and how many features were unusable; raises
    ValueError when the reply is not a FeatureCollection at all."""
    if not isinstance(geojson, dict) or geojson.get("type") != "FeatureCollection":
        raise ValueError("not a GeoJSON FeatureCollection")
    features = geojson.get("features")
    if features is None:  # json_agg gives null for an empty base
        features = []
    if not isinstance(features, list):
        raise ValueError("'features' is not a list")
    areas, skipped = [], 0
    for feature in features:
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        coordinates = geometry.get("coordinates") if isinstance(geometry, dict) else None
        try:
            if geometry.get("type") != "Point":
                raise TypeError
            lon, lat = float(coordinates[0]), float(coordinates[1])
            if not (math.isfinite(lon) and math.isfinite(lat) and -180 <= lon <= 180 and -90 <= lat <= 90):
                raise ValueError
        except (AttributeError, TypeError, ValueError, IndexError):
            skipped += 1
            continue
        properties = feature.get("properties") or {}
        raw_capacity = properties.get("nbre_pl")
        capacity = parse_capacity(None if raw_capacity is None else str(raw_capacity)).value
        name = properties.get("nom_lieu")
        ident = properties.get("id_lieu")
        areas.append(
            CarpoolArea(lon, lat, str(name) if name else None, capacity, str(ident) if ident else None)
        )
    return areas, skipped


# --------------------------------------------------------------------------------------------------
# Destinations and bike-parking gaps
# --------------------------------------------------------------------------------------------------

# Destination kinds (DOMAIN.md, Parking: schools, stations and stops, town hall, shops, sport,
# health, libraries), first match wins. Stops: one row per stop as mapped by highway=bus_stop or a
# station/halt/tram stop; PTv2 platforms and stop positions duplicate those and are left out.
DESTINATION_RULES: tuple[tuple[str, str, Optional[frozenset]], ...] = (
    ("school", "amenity", frozenset(("school", "kindergarten", "college", "university"))),
    ("station", "railway", frozenset(("station", "halt"))),
    ("station", "public_transport", frozenset(("station",))),
    ("station", "amenity", frozenset(("bus_station", "ferry_terminal"))),
    ("stop", "railway", frozenset(("tram_stop",))),
    ("stop", "highway", frozenset(("bus_stop",))),
    ("townhall", "amenity", frozenset(("townhall",))),
    # government offices are public services, not all town halls (core.osm_layers groups them)
    ("public_office", "office", frozenset(("government",))),
)
# POI categories (core.osm_layers.POI_CATEGORIES) that are bike-parking destinations.
DESTINATION_POI_CATEGORIES = frozenset(("townhall", "shop", "sport", "health", "library", "education"))
POI_KIND = {"education": "school"}


# Left out although their POI category matches: a sports pitch is rarely a trip destination of its own
# (it belongs to a club ground or a park; sports centres, stadiums and pools are kept).
NOT_DESTINATIONS: frozenset = frozenset((("leisure", "pitch"),))


def destination_kind(tags: Mapping[str, str]) -> Optional[str]:
    if any(tags.get(key) == value for key, value in NOT_DESTINATIONS):
        return None
    for kind, key, values in DESTINATION_RULES:
        value = tags.get(key)
        if value is not None and (values is None or value in values):
            return kind
    category = poi_category(tags)
    if category in DESTINATION_POI_CATEGORIES:
        return POI_KIND.get(category, category)
    return None


DESTINATION_KIND_LABELS: dict[str, dict[str, str]] = {
    "en": {"school": "school", "station": "station", "stop": "stop", "townhall": "town hall",
           "shop": "shop", "sport": "sport", "health": "health", "library": "library",
           "public_office": "public office"},
    "fr": {"school": "établissement scolaire", "station": "gare", "stop": "arrêt", "townhall": "mairie",
           "shop": "commerce", "sport": "équipement sportif", "health": "santé", "library": "bibliothèque",
           "public_office": "service public"},
}  # fmt: skip


def destination_label(kind: str, tags: Mapping[str, str], lang: str = "en") -> str:
    """``destination`` field: kind and name, e.g. "school: École des Révoires"."""
    kind_label = DESTINATION_KIND_LABELS.get(lang, DESTINATION_KIND_LABELS["en"]).get(kind, kind)
    name = tags.get("name")
    return f"{kind_label}: {name}" if name else kind_label


# Ways a pedestrian cannot use (OSM wiki Key:highway, Key:access; motorways and trunk roads are
# closed to pedestrians in France and Germany), for the walking network of the gap search.
NOT_WALKABLE_HIGHWAYS = frozenset(
    ("motorway", "motorway_link", "trunk", "trunk_link", "raceway", "bus_guideway")
)
NO_ACCESS = frozenset(("no", "private"))
FOOT_ALLOWED = frozenset(("yes", "designated", "permissive", "use_sidepath"))


def walkable(tags: Mapping[str, str]) -> bool:
    if tags.get("highway") in NOT_WALKABLE_HIGHWAYS:
        return tags.get("foot") in FOOT_ALLOWED
    if tags.get("foot") in NO_ACCESS:
        return False
    return not (tags.get("access") in NO_ACCESS and tags.get("foot") not in FOOT_ALLOWED)


def nearest_distances(origins: np.ndarray, targets: np.ndarray, chunk: int = 2048) -> np.ndarray:
    """Straight-line distance from each origin to its nearest target (inf when there is none)."""
    origins = np.asarray(origins, dtype=float).reshape(-1, 2)
    targets = np.asarray(targets, dtype=float).reshape(-1, 2)
    out = np.full(len(origins), np.inf)
    if len(targets) == 0 or len(origins) == 0:
        return out
    for start in range(0, len(origins), chunk):
        block = origins[start : start + chunk]
        d2 = ((block[:, None, :] - targets[None, :, :]) ** 2).sum(axis=2)
        out[start : start + chunk] = np.sqrt(d2.min(axis=1))
    return out


# --------------------------------------------------------------------------------------------------
# Indicators
# --------------------------------------------------------------------------------------------------

DISTANCE_METHOD_LABELS = {
    "en": {"crow_fly": "straight line", "network": "walking network"},
    "fr": {"crow_fly": "à vol d’oiseau", "network": "à pied sur le réseau"},
}

INDICATOR_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "car_spaces_per_1000": "Car parking spaces per 1,000 residents (off- and on-street)",
        "car_spaces_off_street": "Off-street car parking spaces",
        "car_spaces_on_street": "On-street car parking spaces (street sides and mapped street-side bays)",
        "car_spaces_estimated_share": "Share of car parking spaces that are estimates (not tagged)",
        "car_parks_unknown_capacity": "Car parks of unknown capacity (point without capacity tag)",
        "bike_spaces_per_1000": "Bike parking spaces per 1,000 residents",
        "bike_spaces": "Bike parking spaces (tagged capacity)",
        "bike_parkings_unknown_capacity": "Bike parkings without capacity tag (not counted in spaces)",
        "destinations_with_bike_parking_share": (
            "Share of destinations with bike parking within {distance:g} m ({method})"
        ),
        "car_park_land_area": "Land taken by car parks (mapped areas; underground and rooftop excluded)",
        "on_street_information_share": (
            "Share of street length with on-street parking information (data completeness)"
        ),
        "population_unknown": " — unavailable: the commune population is unknown",
    },
    "fr": {
        "car_spaces_per_1000": (
            "Places de stationnement voiture pour 1 000 habitants (hors voirie et sur voirie)"
        ),
        "car_spaces_off_street": "Places de stationnement voiture hors voirie",
        "car_spaces_on_street": (
            "Places de stationnement voiture sur voirie (côtés de rue et encoches cartographiées)"
        ),
        "car_spaces_estimated_share": "Part des places voiture estimées (capacité non renseignée)",
        "car_parks_unknown_capacity": "Parkings de capacité inconnue (point sans capacité)",
        "bike_spaces_per_1000": "Places de stationnement vélo pour 1 000 habitants",
        "bike_spaces": "Places de stationnement vélo (capacité renseignée)",
        "bike_parkings_unknown_capacity": "Stationnements vélo sans capacité (non comptés en places)",
        "destinations_with_bike_parking_share": (
            "Part des destinations avec un stationnement vélo à moins de {distance:g} m ({method})"
        ),
        "car_park_land_area": (
            "Emprise au sol des parkings (surfaces cartographiées, hors souterrains et toits)"
        ),
        "on_street_information_share": (
            "Part du linéaire de rues renseignant le stationnement sur voirie (complétude des données)"
        ),
        "population_unknown": " — indisponible : population de la commune inconnue",
    },
}  # fmt: skip


@dataclass(frozen=True)
class IndicatorRow:
    indicator: str
    label: str
    value: Optional[float]
    unit: str


@dataclass(frozen=True)
class ParkingTotals:
    """Sums over the features inside the territory, gathered by the caller."""

    car_off_street: int = 0
    car_off_street_estimated: int = 0
    car_on_street: int = 0
    car_on_street_estimated: int = 0
    car_parks_unknown_capacity: int = 0
    car_park_land_m2: float = 0.0
    bike_spaces: int = 0
    bike_parkings_unknown_capacity: int = 0
    destinations: int = 0
    destinations_served: int = 0
    street_length_m: float = 0.0
    street_length_with_info_m: float = 0.0


def _share(part: float, whole: float) -> Optional[float]:
    return round(100.0 * part / whole, 1) if whole else None


def _per_1000(value: float, population: Optional[int]) -> Optional[float]:
    return round(1000.0 * value / population, 1) if population else None


def parking_indicators(
    totals: ParkingTotals,
    population: Optional[int],
    *,
    gap_distance_m: float,
    distance_method: str,
    lang: str = "en",
) -> list[IndicatorRow]:
    """The theme's indicator rows; per-resident figures are None (not 0) when population is unknown."""
    labels = INDICATOR_LABELS.get(lang, INDICATOR_LABELS["en"])
    method = DISTANCE_METHOD_LABELS.get(lang, DISTANCE_METHOD_LABELS["en"])[distance_method]
    no_pop = "" if population else labels["population_unknown"]
    car_total = totals.car_off_street + totals.car_on_street
    car_estimated = totals.car_off_street_estimated + totals.car_on_street_estimated
    rows = [
        ("car_spaces_per_1000", _per_1000(car_total, population), "per 1000 residents", no_pop),
        ("car_spaces_off_street", totals.car_off_street, "count", ""),
        ("car_spaces_on_street", totals.car_on_street, "count", ""),
        ("car_spaces_estimated_share", _share(car_estimated, car_total), "%", ""),
        ("car_parks_unknown_capacity", totals.car_parks_unknown_capacity, "count", ""),
        ("bike_spaces_per_1000", _per_1000(totals.bike_spaces, population), "per 1000 residents", no_pop),
        ("bike_spaces", totals.bike_spaces, "count", ""),
        ("bike_parkings_unknown_capacity", totals.bike_parkings_unknown_capacity, "count", ""),
        ("destinations_with_bike_parking_share", _share(totals.destinations_served, totals.destinations),
         "%", ""),
        ("car_park_land_area", round(totals.car_park_land_m2 / 10000.0, 2), "ha", ""),
        ("on_street_information_share",
         _share(totals.street_length_with_info_m, totals.street_length_m), "%", ""),
    ]  # fmt: skip
    return [
        IndicatorRow(
            key,
            labels[key].format(distance=gap_distance_m, method=method) + suffix,
            None if value is None else float(value),
            unit,
        )
        for key, value, unit, suffix in rows
    ]


def population_from_about(about: Mapping[str, str]) -> Optional[int]:
    raw = str(about.get("population", "") or "").strip()
    try:
        value = int(float(raw))
    except ValueError:
        return None
    return value if value > 0 else None


# --------------------------------------------------------------------------------------------------
# National bike-parking schema (etalab/schema-stationnement-cyclable 1.1.2)
# --------------------------------------------------------------------------------------------------

SCHEMA_FIELDS: tuple[str, ...] = (
    "id_local", "id_osm", "code_com", "coordonneesxy", "capacite", "capacite_cargo", "type_accroche",
    "mobilier", "acces", "gratuit", "protection", "couverture", "surveillance", "lumiere", "url_info",
    "d_service", "source", "proprietaire", "gestionnaire", "date_maj", "commentaires",
)  # fmt: skip

# bicycle_parking=* (OSM wiki Key:bicycle_parking) → (type_accroche, mobilier, protection).
# Our reading of the schema's vocabulary: stands (arceaux) hold the frame and a wheel; wall loops,
# racks and ground slots (râteliers, pince-roues) hold a wheel only; a bollard (potelet) the frame.
BIKE_TYPE_TO_SCHEMA: dict[str, tuple[str, str, str]] = {
    "stands": ("CADRE ET ROUE", "ARCEAU", "STATIONNEMENT NON FERME"),
    "wide_stands": ("CADRE ET ROUE", "ARCEAU VELO GRANDE TAILLE", "STATIONNEMENT NON FERME"),
    "safe_loops": ("CADRE ET ROUE", "ARCEAU", "STATIONNEMENT NON FERME"),
    "wall_loops": ("ROUE", "RATELIER", "STATIONNEMENT NON FERME"),
    "rack": ("ROUE", "RATELIER", "STATIONNEMENT NON FERME"),
    "ground_slots": ("ROUE", "RATELIER", "STATIONNEMENT NON FERME"),
    "two-tier": ("ROUE", "RACK DOUBLE ETAGE", "STATIONNEMENT NON FERME"),
    "bollard": ("CADRE", "POTELET", "STATIONNEMENT NON FERME"),
    "anchors": ("CADRE", "AUTRE", "STATIONNEMENT NON FERME"),
    "handlebar_holder": ("ROUE", "SUPPORT GUIDON", "STATIONNEMENT NON FERME"),
    "hooks": ("ROUE", "CROCHET", "STATIONNEMENT NON FERME"),
    "floor": ("SANS ACCROCHE", "AUCUN EQUIPEMENT", "STATIONNEMENT NON FERME"),
    "informal": ("SANS ACCROCHE", "AUCUN EQUIPEMENT", "STATIONNEMENT NON FERME"),
    "lockers": ("CADRE ET ROUE", "AUTRE", "BOX INDIVIDUEL FERME"),
    "shed": ("CADRE ET ROUE", "AUTRE", "CONSIGNE COLLECTIVE FERMEE"),
    "building": ("CADRE ET ROUE", "AUTRE", "CONSIGNE COLLECTIVE FERMEE"),
}
# access=* → acces (OSM wiki Key:access).
ACCESS_TO_SCHEMA: dict[str, str] = {
    "yes": "LIBRE ACCES", "public": "LIBRE ACCES", "permissive": "LIBRE ACCES",
    "customers": "LIBRE ACCES", "designated": "LIBRE ACCES",
    "members": "ABONNEMENT OU INSCRIPTION PREALABLE", "permit": "ABONNEMENT OU INSCRIPTION PREALABLE",
    "private": "PRIVE", "no": "PRIVE",
}  # fmt: skip
SCHEMA_BOOL = {True: "true", False: "false", None: ""}
OSM_TYPE_PREFIX = {"node": "n", "way": "w", "relation": "r"}
FRENCH_COMMUNE = re.compile(r"^([013-9]\d|2[AB1-9])\d{3}$")  # the schema's code_com pattern


def osm_ref(osm_type: str, osm_id: int) -> str:
    """``n123``/``w123``/``r123``, the schema's id_osm form."""
    return f"{OSM_TYPE_PREFIX.get(osm_type, osm_type[:1])}{osm_id}"


def schema_row(
    osm_type: str,
    osm_id: int,
    tags: Mapping[str, str],
    lon: float,
    lat: float,
    *,
    commune_code: str = "",
    date_maj: str = "",
) -> tuple[Optional[dict[str, str]], Optional[str]]:
    """One CSV row for the national schema, or (None, reason key) when a required field is unknown."""
    capacity = parse_capacity(tags.get("capacity"), kind="bike").value
    if capacity is None:
        return None, "no_capacity"
    mapping = BIKE_TYPE_TO_SCHEMA.get(tags.get("bicycle_parking", ""))
    if mapping is None:
        return None, "no_type"
    accroche, mobilier, protection = mapping
    ref = osm_ref(osm_type, osm_id)
    fee = tags.get("fee")
    row = dict.fromkeys(SCHEMA_FIELDS, "")
    row.update(
        id_local=ref,
        id_osm=ref,
        code_com=commune_code if FRENCH_COMMUNE.match(commune_code or "") else "",
        coordonneesxy=f"[{lon:.7f},{lat:.7f}]",
        capacite=str(capacity),
        capacite_cargo=str(parse_capacity(tags.get("capacity:cargo_bike"), kind="bike").value or ""),
        type_accroche=accroche,
        mobilier=mobilier,
        acces=ACCESS_TO_SCHEMA.get(tags.get("access", ""), ""),
        gratuit=SCHEMA_BOOL[{"no": True, "yes": False}.get(fee or "")],
        protection=protection,
        couverture=SCHEMA_BOOL[YES_NO.get(tags.get("covered", ""))],
        surveillance=SCHEMA_BOOL[YES_NO.get(tags.get("supervised", ""))],
        lumiere=SCHEMA_BOOL[YES_NO.get(tags.get("lit", ""))],
        url_info=tags.get("website", "")
        if tags.get("website", "").startswith(("http://", "https://"))
        else "",
        source="OpenStreetMap",
        proprietaire=tags.get("owner", ""),
        gestionnaire=tags.get("operator", ""),
        date_maj=date_maj,
        commentaires=tags.get("description", tags.get("name", "")),
    )
    return row, None


def schema_rows(
    items: Iterable[tuple[str, int, Mapping[str, str], float, float]],
    *,
    commune_code: str = "",
    date_maj: str = "",
    lang: str = "en",
) -> tuple[list[dict[str, str]], Optional[str]]:
    """Rows for every bike parking the schema can describe, and one message counting those left out."""
    rows, left_out = [], {}
    for osm_type, osm_id, tags, lon, lat in items:
        row, reason = schema_row(
            osm_type, osm_id, tags, lon, lat, commune_code=commune_code, date_maj=date_maj
        )
        if row is None:
            left_out[reason] = left_out.get(reason, 0) + 1
        else:
            rows.append(row)
    if not left_out:
        return rows, None
    reasons = ", ".join(f"{message(lang, key)}: {count}" for key, count in sorted(left_out.items()))
    return rows, message(lang, "csv_left_out", count=sum(left_out.values()), reasons=reasons)


def is_finite(value: float) -> bool:
    return value is not None and math.isfinite(value)


__all__: Sequence[str] = (  # noqa: RUF022 (grouped: types, then functions)
    "BikeParking", "CarPark", "Capacity", "IndicatorRow", "ParkingTotals", "StreetSide",
    "bike_parking", "car_park", "destination_kind", "destination_label", "has_parking_info",
    "nearest_distances", "parking_indicators", "parse_capacity", "population_from_about",
    "schema_row", "schema_rows", "street_sides",
)  # fmt: skip
