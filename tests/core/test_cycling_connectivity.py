"""Islands and gaps on a small hand-made network whose answer is known by construction."""

import numpy as np
import pytest

from mobility_diagnosis.core.cycling.connectivity import (
    ConnectivitySettings,
    Crossings,
    Destination,
    connectivity,
)
from mobility_diagnosis.core.cycling.lts import crossing_lts
from mobility_diagnosis.core.network import Network


def line(*pts):
    return np.array(pts, dtype=float)


# West island: a 1200 m straight street (LTS 2) from x=0 to x=1200 along y=0.
# East island: a 1500 m street (LTS 1) from x=1300 to x=2800.
# Between them a 100 m main road crossing (LTS 4) from x=1200 to x=1300.
# A small island (200 m, LTS 1) north of the west island, joined to it by a 250 m LTS 3 street
# (too small to be worth a gap).
# A 600 m LTS 4 road running south from x=2800: a far-away island at its end is beyond max_gap.
# A school 20 m off a 150 m LTS 3 spur that leaves the east island at x=2000.
WAYS = [
    line((0, 0), (600, 0), (1200, 0)),  # 0 west, LTS 2
    line((1200, 0), (1300, 0)),  # 1 gap, LTS 4
    line((1300, 0), (2000, 0), (2800, 0)),  # 2 east, LTS 1
    line((600, 0), (600, 250)),  # 3 link to small island, LTS 3
    line((600, 250), (800, 250)),  # 4 small island, LTS 1
    line((2800, 0), (2800, -600)),  # 5 long LTS 4 road
    line((2800, -600), (4000, -600)),  # 6 far island, LTS 1 (1200 m)
    line((2000, 0), (2000, 150)),  # 7 spur to the school, LTS 3
    line((0, 0), (0, -100)),  # 8 motorway stub, LTS 0
]
LTS = np.array([2, 4, 1, 3, 1, 4, 1, 3, 0])


def run(destinations=()):
    net = Network.from_ways(WAYS)
    return connectivity(
        net, LTS, destinations, ConnectivitySettings(min_island_m=1000, max_gap_m=300, max_link_m=400)
    )


def test_islands_are_low_stress_components_longest_first():
    result = run()
    assert [round(i.length_m) for i in result.islands] == [1500, 1200, 1200, 200]
    east, west = result.islands[0], result.islands[1]
    assert east.ways == [2] and west.ways == [0]
    assert result.way_island[1] == 0 and result.way_island[8] == 0  # LTS 4 and LTS 0 ways
    assert result.largest_share() == 1500 / 4100


def test_gap_joins_the_two_sizeable_islands_only():
    result = run()
    assert len(result.gaps) == 1  # the 600 m road is too long; the small island is not sizeable
    gap = result.gaps[0]
    assert gap.kind == "islands" and gap.ways == [1]
    assert round(gap.length_m) == 100 and round(gap.high_stress_m) == 100
    assert {gap.island_a, gap.island_b} == {1, 2}
    assert gap.coords[0].tolist() in ([1200, 0], [1300, 0]) and len(gap.coords) == 2
    assert "100 m" in gap.reason("en", result.islands) and "1.5 km" in gap.reason("en", result.islands)
    assert "îlot" in gap.reason("fr", result.islands)


def test_school_off_the_network_becomes_a_gap_ranked_by_the_island_it_reaches():
    school = Destination("school", "École Jules Ferry", (1990, 150))
    result = run([school])
    kinds = [g.kind for g in result.gaps]
    assert kinds == ["destination", "islands"]  # joins the 1.5 km island (score 1500 > 1200)
    gap = result.gaps[0]
    assert gap.gap_id == 1 and gap.island_a == 1 and gap.ways == [7]
    assert round(gap.length_m) == 150
    assert "École Jules Ferry" in gap.reason("en", result.islands)


def test_school_on_an_island_is_no_gap():
    result = run([Destination("school", "on island", (1500, 10))])
    assert [g.kind for g in result.gaps] == ["islands"]


# A quiet street drawn as ONE way from x=0 to x=2400 crosses a 2-lane 70 km/h road (LTS 4) at x=1200.
# Mekuria-Furth: crossing 2-3 lanes above 64 km/h without signals is LTS 4, so the street is two islands
# joined by a "crossing" gap; traffic signals at the junction make it one island.
CROSS_WAYS = [
    line((0, 0), (1200, 0), (2400, 0)),  # 0 quiet street, LTS 1
    line((1200, -500), (1200, 0), (1200, 500)),  # 1 main road, LTS 4, 70 km/h, 2 lanes
]
CROSS_LTS = np.array([1, 4])


def crossings(signals=()):
    return Crossings(
        speed_kmh=np.array([30.0, 70.0]),
        lanes=np.array([2, 2]),
        highway=["residential", "primary"],
        signals_xy=np.array(signals, dtype=float).reshape(-1, 2),
    )


def test_unsignalled_crossing_of_a_fast_road_splits_islands_even_inside_one_way():
    net = Network.from_ways(CROSS_WAYS)
    result = connectivity(net, CROSS_LTS, (), ConnectivitySettings(), crossings())
    assert [round(i.length_m) for i in result.islands] == [1200, 1200]
    assert [g.kind for g in result.gaps] == ["crossing"]
    gap = result.gaps[0]
    assert gap.ways == [1] and gap.length_m == 0 and gap.score_m == 1200
    assert gap.coords[1].tolist() == [1200, 0]  # drawn across the junction
    assert "highway=primary" in gap.reason("en", result.islands)  # an unnamed road: its OSM class
    assert "crossing LTS 4" in gap.reason("en", result.islands)
    # a named road by its name, and French figures with a decimal comma
    french = gap.reason("fr", result.islands, "Avenue de Verdun")
    assert "la traversée de « Avenue de Verdun »" in french and "highway=" not in french
    assert "(1,2 km)" in french and "1.2" not in french


def test_signals_at_the_junction_keep_one_island():
    net = Network.from_ways(CROSS_WAYS)
    result = connectivity(net, CROSS_LTS, (), ConnectivitySettings(), crossings([(1202, 1)]))
    assert [round(i.length_m) for i in result.islands] == [2400]
    assert result.gaps == []


def test_slow_two_lane_road_is_an_easy_crossing():
    net = Network.from_ways(CROSS_WAYS)
    slow = Crossings(np.array([30.0, 50.0]), np.array([2, 2]), ["residential", "tertiary"], np.zeros((0, 2)))
    result = connectivity(net, CROSS_LTS, (), ConnectivitySettings(), slow)
    assert len(result.islands) == 1  # Mekuria-Furth x1: <= 50 km/h, <= 3 lanes -> LTS 1


@pytest.mark.parametrize(
    ("speed", "lanes", "lts", "rule"),
    [
        (30, 2, 1, "x1"),
        (50, 3, 1, "x1"),
        (55, 2, 2, "x2"),
        (60, 2, 3, "x3"),
        (50, 4, 2, "x4"),
        (56, 5, 3, "x5"),
        (70, 2, 4, "x6"),
        (30, 6, 4, "x6"),
        (40 * 1.609344, 2, 3, "x3"),
    ],
)
def test_crossing_table(speed, lanes, lts, rule):
    assert crossing_lts(speed, lanes) == (lts, rule)


def test_a_station_mapped_as_several_features_counts_once():
    # two features of the same station off the spur, one farther: one gap, the shorter link
    platform = Destination("station", "Gare", (1990, 150))
    stop = Destination("station", "Gare", (2010, 120))
    result = run([platform, stop])
    dest = [g for g in result.gaps if g.kind == "destination"]
    assert len(dest) == 1 and round(dest[0].length_m) == 120


def test_a_station_with_one_feature_on_an_island_is_connected():
    result = run([Destination("station", "Gare", (1990, 150)), Destination("station", "Gare", (1500, 5))])
    assert [g.kind for g in result.gaps] == ["islands"]


def test_gaps_outside_the_territory_are_dropped_but_islands_kept():
    net = Network.from_ways(WAYS)
    inside = np.ones(len(WAYS), dtype=bool)
    inside[1] = False  # the 100 m gap lies in the buffer
    result = connectivity(net, LTS, (), ConnectivitySettings(), None, inside)
    assert result.gaps == []
    assert [round(i.length_m) for i in result.islands] == [1500, 1200, 1200, 200]
