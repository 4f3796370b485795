"""Walking rules, stop and crossing classes, GTFS↔OSM matching, bands and indicators, as tables."""

import math

import numpy as np
import pytest

from mobility_diagnosis.core import accessibility as acc
from mobility_diagnosis.core.walking import missing_sidewalk_info, walk_rule

WALK_CASES = [
    ({"highway": "residential"}, True, "walkable", True),
    ({"highway": "motorway"}, False, "motorway", True),
    ({"highway": "motorway_link"}, False, "motorway", True),
    ({"highway": "trunk", "motorroad": "yes"}, False, "motorroad", True),
    ({"highway": "primary", "foot": "no"}, False, "foot_no", True),
    ({"highway": "primary", "foot": "use_sidepath"}, False, "foot_no", True),
    ({"highway": "service", "foot": "private"}, False, "foot_no", True),
    ({"highway": "trunk"}, True, "walkable", True),  # closed only with motorroad=yes (wiki Key:motorroad)
    ({"highway": "platform"}, True, "walkable", True),
    ({"highway": "service", "access": "private"}, False, "access_closed", True),
    ({"highway": "track", "access": "no", "foot": "yes"}, True, "walkable", True),
    ({"highway": "service", "access": "private", "foot": "designated"}, True, "walkable", True),
    ({"highway": "footway", "footway": "sidewalk"}, True, "walkable", False),
    ({"highway": "footway", "footway": "crossing"}, True, "walkable", False),
    ({"highway": "steps"}, True, "walkable", True),
    ({"highway": "construction"}, False, "not_open", True),
]


@pytest.mark.parametrize("tags, walkable, rule, counted", WALK_CASES)
def test_walk_rules(tags, walkable, rule, counted):
    r = walk_rule(tags)
    assert (r.walkable, r.rule, r.counted) == (walkable, rule, counted)


def test_separate_sidewalk_road_stays_walkable_but_flagged():
    r = walk_rule({"highway": "secondary", "sidewalk": "separate"})
    assert r.walkable and r.sidewalk_separate
    assert walk_rule({"highway": "secondary", "sidewalk:both": "separate"}).sidewalk_separate


SIDEWALK_CASES = [
    ({"highway": "residential"}, True),
    ({"highway": "residential", "sidewalk": "both"}, False),
    ({"highway": "residential", "sidewalk:left": "no"}, False),
    ({"highway": "primary", "maxspeed": "80"}, False),  # a rural road: not built-up
    ({"highway": "primary", "maxspeed": "50"}, True),
    ({"highway": "tertiary", "maxspeed": "FR:urban"}, True),
    ({"highway": "service"}, False),  # sidewalks not expected
    ({"highway": "living_street"}, False),
]


@pytest.mark.parametrize("tags, missing", SIDEWALK_CASES)
def test_missing_sidewalk_info(tags, missing):
    assert missing_sidewalk_info(tags) is missing


def test_buildings_along_make_a_road_built_up():
    assert missing_sidewalk_info({"highway": "tertiary"}, buildings_near=5)
    assert not missing_sidewalk_info({"highway": "tertiary"}, buildings_near=0)


STOP_CASES = [
    ({"highway": "bus_stop", "wheelchair": "yes", "kerb": "raised", "tactile_paving": "yes", "shelter": "yes",
      "bench": "yes"}, "yes", "raised", "", ""),
    ({"highway": "bus_stop"}, "unknown", "unknown", "wheelchair, kerb, tactile_paving, shelter, bench", ""),
    ({"highway": "bus_stop", "wheelchair": "limited", "kerb:height": "0.16", "shelter": "no", "bench": "no",
      "tactile_paving": "no"}, "limited", "raised", "", "tactile_paving=no"),
    ({"public_transport": "platform", "wheelchair": "no", "kerb": "lowered"}, "no", "lowered",
     "tactile_paving, shelter, bench", "wheelchair=no, kerb=lowered"),
    ({"highway": "bus_stop", "wheelchair": "maybe", "kerb:height": "5 cm"}, "unknown", "regular",
     "wheelchair, tactile_paving, shelter, bench", ""),
]  # fmt: skip


@pytest.mark.parametrize("tags, wheelchair, kerb, gap, issues", STOP_CASES)
def test_stop_access(tags, wheelchair, kerb, gap, issues):
    s = acc.stop_access(tags)
    assert (s.wheelchair, s.kerb, s.gap, s.issues) == (wheelchair, kerb, gap, issues)


@pytest.mark.parametrize(
    "tags, nearby, expected",
    [
        ({"highway": "crossing", "kerb": "lowered"}, [], "lowered"),
        ({"highway": "crossing"}, [{"barrier": "kerb", "kerb": "flush"}], "flush"),
        ({"highway": "crossing"}, [{"kerb": "flush"}, {"kerb": "raised"}], "raised"),  # worst side wins
        ({"highway": "crossing"}, [], "unknown"),
        ({"highway": "crossing", "kerb:height": "2cm"}, [], "lowered"),
    ],
)
def test_crossing_kerbs(tags, nearby, expected):
    assert acc.crossing_kerb_class(tags, nearby) == expected


@pytest.mark.parametrize(
    "tags, expected",
    [
        ({"building": "house"}, "residential"),
        ({"building": "apartments"}, "residential"),
        ({"building": "yes"}, "possibly_residential"),
        ({"building": "yes", "shop": "bakery"}, None),
        ({"building": "industrial"}, None),
        ({"building": "garage"}, None),
    ],
)
def test_building_origins(tags, expected):
    assert acc.building_origin_class(tags) == expected


@pytest.mark.parametrize(
    "a, b, same",
    [
        ("Heidelberg, Bismarckplatz", "Bismarckplatz", True),
        ("Périgueux Gare", "Perigueux - gare", True),
        ("Hauptbahnhof (Tram)", "Hauptbahnhof", True),
        ("Mairie", "Gare", False),
        ("", "Gare", False),
    ],
)
def test_names_match(a, b, same):
    assert acc.names_match(a, b) is same


def test_match_stops_prefers_name_then_distance_then_station():
    osm_xy = np.array([[0, 0], [20, 0], [150, 0]])
    osm_names = ["Rathaus", "Markt", "Hauptbahnhof"]
    gtfs_xy = np.array([[18, 0], [5, 0], [60, 0], [0, 500], [100, 60]])
    gtfs_names = ["Heidelberg, Rathaus", "Something", "Nowhere", "Rathaus", "Bahnsteig 3"]
    stations = ["", "", "", "", "Hauptbahnhof"]
    m = acc.match_stops(gtfs_xy, gtfs_names, stations, osm_xy, osm_names)
    assert [(x.index, x.how) for x in m] == [
        (0, "name"),
        (0, "distance"),
        (-1, "none"),
        (-1, "none"),
        (2, "parent_station"),
    ]
    assert m[0].distance_m == pytest.approx(18) and math.isnan(m[2].distance_m)


def test_band_pieces_do_not_overlap():
    pieces = {300.0: [(0, 0.0, 100.0, 7)], 500.0: [(0, 0.0, 250.0, 7), (1, 0.0, 20.0, 8)]}
    assert acc.band_pieces(pieces) == [
        (0, 0.0, 100.0, 7, 300.0),
        (0, 100.0, 250.0, 7, 500.0),
        (1, 0.0, 20.0, 8, 500.0),
    ]


def test_indicators_count_unreachable_as_not_served_and_never_fake_zero():
    rows = acc.indicators(
        dist_stop=np.array([100.0, 400.0, np.nan, 900.0]),
        dist_frequent=None,
        dist_school=np.array([np.nan] * 4),
        weights=np.array([10.0, 10.0, 10.0, 70.0]),
        by_population=True,
        wheelchair=["yes", "unknown", "unknown", "no"],
        crossing_kerbs=["lowered", "raised", "unknown", "flush"],
        street_km_500=12.5,
        sidewalk_gap_km=3.0,
        frequent_stops=None,
        freq_text=None,
        lang="fr",
    )
    by = {r.indicator: r for r in rows}
    assert by["share_within_300m_stop"].value == pytest.approx(10)
    assert by["share_within_500m_stop"].value == pytest.approx(20)
    assert by["share_within_500m_frequent_stop"].value is None
    assert by["median_dist_stop_m"].value == pytest.approx(900)  # 70 % of residents live there
    assert by["median_dist_school_m"].value is None
    assert by["share_stops_wheelchair_unknown"].value == pytest.approx(50)
    assert by["share_crossings_lowered_kerb"].value == pytest.approx(50)
    assert by["unreachable_origins"].value == 1
    assert "habitants" in by["share_within_300m_stop"].label
    assert all(r.theme == "accessibility" for r in rows)
