"""The territory layer table: classification rules, and agreement with the GDAL configuration."""

import configparser
import os

import pytest

from mobility_diagnosis.core.osm_layers import (
    AREA,
    AREA_KEYS,
    AREA_TAGS,
    LINE,
    POINT,
    is_area,
    layers_for,
    poi_category,
)

OSMCONF = os.path.join(
    os.path.dirname(__file__), "..", "..", "mobility_diagnosis", "resources", "osm", "osmconf.ini"
)


def test_osmconf_closed_ways_rule_equals_area_keys():
    with open(OSMCONF, encoding="utf-8") as f:
        text = "[root]\n" + f.read()
    parser = configparser.ConfigParser(comment_prefixes=("#",))
    parser.read_string(text)
    entries = set(parser["root"]["closed_ways_are_polygons"].split(","))
    assert entries == set(AREA_KEYS) | {f"{k}={v}" for k, v in AREA_TAGS}


@pytest.mark.parametrize(
    "tags, kind, expected",
    [
        ({"highway": "residential"}, LINE, ["streets"]),
        ({"highway": "construction"}, LINE, []),
        ({"highway": "bus_stop"}, POINT, ["transit_stops"]),
        ({"highway": "platform"}, LINE, ["transit_stops"]),
        ({"amenity": "school", "name": "École"}, AREA, ["schools", "school_areas"]),
        ({"amenity": "kindergarten"}, POINT, ["schools"]),
        ({"amenity": "parking"}, AREA, ["car_parking", "car_parking_areas"]),
        ({"amenity": "parking"}, POINT, ["car_parking"]),
        ({"amenity": "bicycle_parking"}, POINT, ["bike_parking"]),
        ({"highway": "crossing", "kerb": "lowered"}, POINT, ["crossings"]),
        ({"barrier": "kerb"}, POINT, ["crossings"]),
        ({"building": "yes"}, AREA, ["buildings"]),
        ({"building": "no"}, AREA, []),
        ({"building": "school", "amenity": "school"}, AREA, ["schools", "school_areas", "buildings"]),
        ({"shop": "bakery"}, POINT, ["pois"]),
        ({"amenity": "townhall"}, AREA, ["pois"]),
        ({"entrance": "main"}, POINT, ["entrances"]),
        ({"railway": "station", "public_transport": "station"}, POINT, ["transit_stops"]),
        ({"source": "survey"}, POINT, []),
    ],
)
def test_layers_for(tags, kind, expected):
    assert layers_for(tags, kind) == expected


@pytest.mark.parametrize(
    "tags, closed, expected",
    [
        ({"highway": "residential"}, True, False),  # a closed street (a loop) stays a line
        ({"highway": "pedestrian", "area": "yes"}, True, True),
        ({"building": "yes"}, True, True),
        ({"building": "yes"}, False, False),
        ({"amenity": "parking", "area": "no"}, True, False),
        ({"highway": "platform"}, True, True),
    ],
)
def test_is_area(tags, closed, expected):
    assert is_area(tags, closed) is expected


@pytest.mark.parametrize(
    "tags, category",
    [
        ({"amenity": "townhall"}, "townhall"),
        ({"amenity": "pharmacy"}, "health"),
        ({"shop": "bakery"}, "shop"),
        ({"leisure": "pitch"}, "sport"),
        ({"amenity": "library"}, "library"),
        ({"healthcare": "nurse"}, "health"),
    ],
)
def test_poi_category(tags, category):
    assert poi_category(tags) == category
