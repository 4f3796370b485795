"""What goes into each layer of the territory GeoPackage, as one data table.

The same table drives both data paths, so that they give the same layers for the same data:
the Overpass query is built from the selectors (one query for every theme at once), and the
elements read from a local file or an Overpass reply are classified with them.
A theme that needs more OSM data adds a row here; nothing else has to change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping, Optional

# Geometry kinds of OSM elements: a tagged node is a point, an open way a line, a closed way a line
# or an area (see is_area), a multipolygon/boundary relation an area.
POINT, LINE, AREA = "point", "line", "area"


@dataclass(frozen=True)
class Selector:
    """``key`` present (any value when ``values`` is None), value not in ``exclude``."""

    key: str
    values: Optional[tuple[str, ...]] = None
    exclude: tuple[str, ...] = ()

    def matches(self, tags: Mapping[str, str]) -> bool:
        value = tags.get(self.key)
        if value is None or value in self.exclude:
            return False
        return self.values is None or value in self.values


@dataclass(frozen=True)
class LayerRule:
    layer: str
    kinds: tuple[str, ...]  # element kinds kept in this layer
    geometry: (
        str  # output geometry: Point (areas and lines become a point on surface), LineString, MultiPolygon
    )
    selectors: tuple[Selector, ...]  # any one matching is enough
    fields: tuple[str, ...] = ("osm_id", "tags")  # promised fields besides osm_type and inside
    doc: str = ""
    extra: dict = field(default_factory=dict)

    def matches(self, tags: Mapping[str, str], kind: str) -> bool:
        return kind in self.kinds and any(s.matches(tags) for s in self.selectors)


# highway values that are not part of the street and path network (OSM wiki, Key:highway lifecycle
# prefixes and non-way features mapped as ways).
NOT_A_STREET = (
    "proposed",
    "construction",
    "abandoned",
    "disused",
    "razed",
    "planned",
    "platform",
    "bus_stop",
    "services",
    "rest_area",
    "elevator",
    "corridor",
    "via_ferrata",
    "no",
)

# Destinations for the accessibility, parking-gap and school themes (DOMAIN.md): amenity values.
POI_AMENITIES = (
    "townhall",
    "library",
    "post_office",
    "community_centre",
    "social_facility",
    "police",
    "hospital",
    "clinic",
    "doctors",
    "dentist",
    "pharmacy",
    "marketplace",
    "cinema",
    "theatre",
    "place_of_worship",
    "university",
    "college",
    "bank",
    "restaurant",
    "cafe",
    "fast_food",
    "bar",
)
POI_LEISURE = ("sports_centre", "stadium", "pitch", "swimming_pool", "fitness_centre", "sports_hall", "park")

LAYER_RULES: tuple[LayerRule, ...] = (
    LayerRule(
        "streets",
        (LINE,),
        "LineString",
        (Selector("highway", exclude=NOT_A_STREET),),
        ("osm_id", "highway", "name", "tags"),
        "Every street and path (highway=* ways), the base of the walking and cycling networks.",
    ),
    LayerRule(
        "schools",
        (POINT, AREA),
        "Point",
        (Selector("amenity", ("school", "kindergarten")),),
        ("osm_id", "name", "tags"),
        "Schools and kindergartens (amenity=school|kindergarten); areas as a point on their surface.",
    ),
    LayerRule(
        "school_areas",
        (AREA,),
        "MultiPolygon",
        (Selector("amenity", ("school", "kindergarten")),),
        ("osm_id", "name", "tags"),
        "School grounds mapped as areas: their outline is the frontage used for school streets.",
    ),
    LayerRule(
        "car_parking",
        (POINT, AREA),
        "Point",
        (Selector("amenity", ("parking",)),),
        ("osm_id", "capacity", "tags"),
        "Car parks (amenity=parking); an area's footprint is kept in area_m2.",
    ),
    LayerRule(
        "car_parking_areas",
        (AREA,),
        "MultiPolygon",
        (Selector("amenity", ("parking",)),),
        ("osm_id", "capacity", "tags"),
        "Car parks mapped as areas, for the land they take.",
    ),
    LayerRule(
        "bike_parking",
        (POINT, AREA),
        "Point",
        (Selector("amenity", ("bicycle_parking",)),),
        ("osm_id", "capacity", "tags"),
        "Bike parking (amenity=bicycle_parking).",
    ),
    LayerRule(
        "transit_stops",
        (POINT, LINE, AREA),
        "Point",
        (
            Selector("highway", ("bus_stop", "platform")),
            Selector("public_transport", ("platform", "stop_position", "station")),
            Selector("railway", ("station", "halt", "tram_stop", "platform", "subway_entrance")),
            Selector("amenity", ("bus_station", "ferry_terminal")),
        ),
        ("osm_id", "name", "tags"),
        "Stops, platforms and stations (DOMAIN.md: walking, transit, disability access).",
    ),
    LayerRule(
        "crossings",
        (POINT,),
        "Point",
        (
            Selector("highway", ("crossing",)),
            Selector("railway", ("crossing",)),
            Selector("crossing"),
            Selector("barrier", ("kerb",)),
            Selector("kerb"),
        ),
        ("osm_id", "tags"),
        "Crossings and kerbs (highway=crossing, crossing=*, barrier=kerb, kerb=*).",
    ),
    LayerRule(
        "buildings",
        (AREA,),
        "MultiPolygon",
        (Selector("building", exclude=("no",)),),
        ("osm_id", "tags"),
        "Buildings: origins of walking trips (residential first).",
    ),
    LayerRule(
        "pois",
        (POINT, AREA),
        "Point",
        (
            Selector("amenity", POI_AMENITIES),
            Selector("shop", exclude=("no", "vacant")),
            Selector("leisure", POI_LEISURE),
            Selector("healthcare", exclude=("no",)),
            Selector("office", ("government",)),
        ),
        ("osm_id", "name", "category", "tags"),
        "Destinations: town hall, shops, health, sport, libraries, services.",
    ),
    LayerRule(
        "entrances",
        (POINT,),
        "Point",
        (Selector("entrance", exclude=("no",)),),
        ("osm_id", "tags"),
        "Entrances (entrance=*): where a school opens onto the street.",
    ),
)

RULES_BY_LAYER: dict[str, LayerRule] = {rule.layer: rule for rule in LAYER_RULES}
OSM_LAYERS: tuple[str, ...] = tuple(RULES_BY_LAYER)

# POI categories, first match wins (used by accessibility and parking gaps to group destinations).
POI_CATEGORIES: tuple[tuple[str, str, Optional[tuple[str, ...]]], ...] = (
    ("townhall", "amenity", ("townhall",)),
    ("townhall", "office", ("government",)),
    ("health", "amenity", ("hospital", "clinic", "doctors", "dentist", "pharmacy")),
    ("health", "healthcare", None),
    ("library", "amenity", ("library",)),
    (
        "sport",
        "leisure",
        ("sports_centre", "stadium", "pitch", "swimming_pool", "fitness_centre", "sports_hall"),
    ),
    ("park", "leisure", ("park",)),
    ("shop", "shop", None),
    ("shop", "amenity", ("marketplace",)),
    ("food", "amenity", ("restaurant", "cafe", "fast_food", "bar")),
    ("education", "amenity", ("university", "college")),
    ("service", "amenity", None),
)


def poi_category(tags: Mapping[str, str]) -> str:
    for category, key, values in POI_CATEGORIES:
        value = tags.get(key)
        if value is not None and (values is None or value in values):
            return category
    return "other"


# A closed way is an area when tagged area=yes or with one of these keys, and not area=no. This is
# GDAL's default osmconf.ini rule (closed_ways_are_polygons, keys and key=value pairs), so that the Overpass path classifies
# closed ways exactly as the local-file path does.
AREA_KEYS = frozenset(
    (
        "aeroway",
        "amenity",
        "boundary",
        "building",
        "craft",
        "geological",
        "historic",
        "landuse",
        "leisure",
        "military",
        "natural",
        "office",
        "place",
        "shop",
        "sport",
        "tourism",
    )
)


AREA_TAGS = frozenset((("highway", "platform"), ("public_transport", "platform")))


def is_area(tags: Mapping[str, str], closed: bool) -> bool:
    if not closed or tags.get("area") == "no":
        return False
    return (
        tags.get("area") == "yes"
        or any(key in tags for key in AREA_KEYS)
        or any(tags.get(key) == value for key, value in AREA_TAGS)
    )


SELECTOR_KEYS = frozenset(s.key for rule in LAYER_RULES for s in rule.selectors)


def layers_for(tags: Mapping[str, str], kind: str) -> list[str]:
    """The territory layers an element of this kind with these tags belongs to (often none)."""
    if not tags or SELECTOR_KEYS.isdisjoint(tags):
        return []
    return [rule.layer for rule in LAYER_RULES if rule.matches(tags, kind)]


def parse_capacity(value: Optional[str]) -> Optional[int]:
    """The plain integer capacity stored in the territory layers; odd values are left to the parking
    theme, which reads the raw tag from ``tags``."""
    if value is None:
        return None
    value = value.strip()
    return int(value) if value.isdigit() else None
