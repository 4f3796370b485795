"""Per-school figures on a small street grid whose expected values are worked out by hand,
and the school-street rules as tables."""

import math

import numpy as np
import pytest

from mobility_diagnosis.core.accessibility import crossing_kerb_class
from mobility_diagnosis.core.schools import (
    SCORE_WEIGHTS,
    PointFeature,
    School,
    SchoolContext,
    Street,
    clip_to_disc,
    diagnose_school,
    is_existing_school_street,
    is_school_street_class,
    kerb_status,
    length_within_disc,
    school_street_candidates,
    speed_class,
)


def street(osm_id, highway, coords, speed=None, lts=None, **tags):
    return Street(osm_id, {"highway": highway, **tags}, np.array(coords, dtype=float), speed, lts)


# School at (0, 0). A: residential 30 km/h along y = 0; B: primary 50 km/h along x = 100;
# C: trunk 70 km/h along y = 250, motorroad=yes (not walkable); a footway that is not a street.
GRID = [
    street(1, "residential", [(-500, 0), (0, 0), (100, 0), (500, 0)], 30, 1),
    street(2, "primary", [(100, -500), (100, 0), (100, 250), (100, 500)], 50, 3),
    street(3, "trunk", [(-500, 250), (100, 250), (500, 250)], 70, 4, motorroad="yes"),
    street(4, "footway", [(0, 0), (0, -100)], None, 0),
]
CHORD_B = 2 * math.sqrt(300**2 - 100**2)
CHORD_C = 2 * math.sqrt(300**2 - 250**2)


@pytest.fixture(scope="module")
def figures():
    ctx = SchoolContext.build(
        GRID,
        bike_parking=[
            PointFeature(10, 20, 30, {}, 8),
            PointFeature(11, 60, 0, {}, 4),  # 60 m away: not at the school
            PointFeature(12, 0, -40, {}, None),  # capacity unknown: counted, adds no space
        ],
        crossing_nodes=[
            PointFeature(20, 100, 5, {"highway": "crossing", "kerb": "lowered", "tactile_paving": "yes"}),
            PointFeature(21, 100, -200, {"crossing": "uncontrolled"}),
            PointFeature(22, 105, -200, {"barrier": "kerb", "kerb": "raised"}),  # gives 21 its kerb
            PointFeature(23, 250, 0, {"highway": "crossing"}),
            PointFeature(24, 0, 350, {"highway": "crossing", "kerb": "lowered"}),  # beyond 300 m
        ],
        stops=[(100, 300)],
    )
    return diagnose_school(School(1, "École du test", 0, 0), ctx)


def test_street_lengths_by_speed_class(figures):
    assert figures["street_le30_m"] == pytest.approx(600, abs=0.1)
    assert figures["street_50_m"] == pytest.approx(CHORD_B, abs=0.1)
    assert figures["street_gt50_m"] == pytest.approx(CHORD_C, abs=0.1)
    assert figures["calm_share"] == pytest.approx(600 / (600 + CHORD_B + CHORD_C), abs=1e-3)


def test_walking_catchments_and_nearest_stop(figures):
    # 500 m: all of A (ends 500 m away), 400 m of B each way from the junction 100 m away, and the
    # 100 m footway; the trunk C (motorroad=yes) is not walkable.
    assert figures["walk_500_m"] == pytest.approx(1000 + 800 + 100, abs=0.1)
    assert figures["walk_1000_m"] == pytest.approx(2100, abs=0.1)
    assert figures["walk_directness"] == pytest.approx(1.0)
    assert figures["stop_distance_m"] == pytest.approx(400, abs=0.1)


def test_cycling_catchment(figures):
    assert figures["cycle_2km_m"] == pytest.approx(3000, abs=0.1)
    assert figures["cycle_low_stress_m"] == pytest.approx(1000, abs=0.1)
    assert figures["cycle_low_stress_share"] == pytest.approx(1 / 3, abs=1e-3)


def test_bike_parking_and_crossings(figures):
    assert (figures["bike_parking_count"], figures["bike_parking_capacity"]) == (2, 8)
    assert figures["crossings"] == 3
    assert (
        figures["crossings_kerb_ok"],
        figures["crossings_kerb_raised"],
        figures["crossings_kerb_unknown"],
    ) == (
        1,
        1,
        1,
    )
    assert figures["crossings_tactile"] == 1


def test_score_and_main_gap(figures):
    assert sum(w for _, w in SCORE_WEIGHTS) == 100
    calm = 600 / (600 + CHORD_B + CHORD_C)
    expected = 30 * calm + 20 / 3 + 15 * 0.8 + 10 / 3 + 15 * (800 - 400) / 500 + 10 * 1.0
    assert figures["score"] == pytest.approx(expected, abs=0.05)
    assert figures["main_gap_code"] == "calm_streets"
    assert "calm" in figures["main_gap"]


def test_french_gap_text():
    ctx = SchoolContext.build(GRID)
    assert diagnose_school(School(1, "x", 0, 0), ctx, lang="fr")["main_gap"].startswith("rues autour")


def test_without_lts_cycling_figures_are_null_not_zero():
    no_lts = [Street(s.osm_id, s.tags, s.coords, s.speed_kmh, None) for s in GRID]
    row = diagnose_school(School(1, "x", 0, 0), SchoolContext.build(no_lts))
    assert row["cycle_low_stress_share"] is None and row["cycle_2km_m"] is None
    assert row["stop_distance_m"] is None  # no stop at all


def test_school_off_the_network():
    row = diagnose_school(School(1, "x", 5000, 5000), SchoolContext.build(GRID))
    assert row["walk_500_m"] is None and row["calm_share"] is None


@pytest.mark.parametrize(
    "tags, speed, expected",
    [
        ({"highway": "residential"}, 30, "le30"),
        ({"highway": "residential"}, 20, "le30"),
        ({"highway": "residential"}, 50, "50"),
        ({"highway": "secondary"}, 70, "gt50"),
        ({"highway": "living_street"}, 50, "le30"),  # zone de rencontre whatever the speed figure
        ({"highway": "pedestrian"}, None, "le30"),
        ({"highway": "footway"}, 10, None),  # not a street
        ({"highway": "cycleway"}, 10, None),
        ({"highway": "pedestrian", "area": "yes"}, None, None),
    ],
)
def test_speed_classes(tags, speed, expected):
    assert speed_class(tags, speed) == expected


@pytest.mark.parametrize(
    "tags, status",
    [
        ({"kerb": "lowered"}, "ok"),
        ({"kerb": "flush"}, "ok"),
        ({"kerb": "raised"}, "raised"),
        ({"kerb:left": "lowered", "kerb:right": "raised"}, "raised"),
        ({"kerb:both": "lowered"}, "ok"),
        ({"kerb:height": "2 cm"}, "ok"),  # the accessibility theme's height classes
        ({"kerb": "rolled"}, "raised"),  # rounded for cars, not lowered for wheelchairs
        ({}, None),
    ],
)
def test_kerbs(tags, status):
    assert kerb_status(tags) == status


@pytest.mark.parametrize(
    "tags",
    [{"kerb": v} for v in ("lowered", "flush", "raised", "regular", "rolled", "yes", "no", "weird")]
    + [{"kerb:height": h} for h in ("0", "2 cm", "0.05", "16 cm")]
    + [{"kerb:left": "lowered", "kerb:right": "raised"}, {"kerb:both": "flush"}, {}],
)
def test_schools_and_accessibility_class_kerbs_alike(tags):
    """One kerb rule: a crossing counts as step-free for a school exactly when accessibility says so."""
    kerb = crossing_kerb_class(tags)
    expected = None if kerb == "unknown" else ("ok" if kerb in ("lowered", "flush") else "raised")
    assert kerb_status(tags) == expected


def test_school_kerb_from_a_kerb_node_next_to_the_crossing():
    assert kerb_status({"highway": "crossing"}, [{"barrier": "kerb", "kerb": "lowered"}]) == "ok"
    assert kerb_status({"highway": "crossing"}, [{"kerb": "lowered"}, {"kerb": "raised"}]) == "raised"


@pytest.mark.parametrize(
    "tags, existing",
    [
        ({"traffic_intervention": "school_street"}, True),
        ({"motor_vehicle:conditional": "no @ (Mo-Fr 08:00-08:30,16:15-16:45)"}, True),
        ({"vehicle:conditional": "no @ (Mo,Tu,Th,Fr 08:15-08:45, 16:20-16:50; We 08:15-08:45)"}, True),
        ({"motor_vehicle:conditional": "no @ (Mo-Fr 22:00-06:00)"}, False),  # night closure
        ({"motor_vehicle:conditional": "no @ (Sa-Su 10:00-18:00)"}, False),  # weekend market street
        ({"motor_vehicle:conditional": "delivery @ (Mo-Fr 07:30-08:30)"}, False),
        ({"hazard": "school_zone"}, False),
    ],
)
def test_existing_school_streets(tags, existing):
    assert is_existing_school_street(tags) is existing


@pytest.mark.parametrize(
    "tags, ok",
    [
        ({"highway": "residential"}, True),
        ({"highway": "living_street"}, True),
        ({"highway": "unclassified"}, True),
        ({"highway": "service"}, True),
        ({"highway": "service", "service": "parking_aisle"}, False),
        ({"highway": "tertiary"}, False),
        ({"highway": "footway"}, False),
    ],
)
def test_school_street_classes(tags, ok):
    assert is_school_street_class(tags) is ok


def test_length_within_disc_and_clip():
    line = np.array([(-500.0, 100.0), (500.0, 100.0)])
    assert length_within_disc(line, (0, 0), 300) == pytest.approx(CHORD_B)
    (piece,) = clip_to_disc(line, (0, 0), 300)
    assert piece[0] == pytest.approx((-CHORD_B / 2, 100)) and piece[-1] == pytest.approx((CHORD_B / 2, 100))
    assert length_within_disc(line, (0, 0), 50) == 0.0


def _square(x0, y0, x1, y1):
    return np.array([(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)], dtype=float)


def test_school_street_candidates():
    streets = [
        street(1, "residential", [(-200, 0), (200, 0)]),  # 10 m from the grounds: frontage
        street(2, "primary", [(40, -300), (40, 300)]),  # 10 m from the grounds, but a main road
        street(3, "service", [(-200, -70), (200, -70)], service="parking_aisle"),
        street(
            4,
            "residential",
            [(-200, 250), (200, 250)],
            **{"motor_vehicle:conditional": "no @ (Mo-Fr 08:00-08:30)"},
        ),
        street(5, "residential", [(1000, -200), (1000, 200)]),  # entrance of school 2 is 8 m away
        street(6, "unclassified", [(1030, -200), (1030, 200)]),  # 22 m from that entrance: too far
    ]
    grounds = School(1, "A", 0, -35, rings=(_square(-30, -60, 30, -10),))
    point_only = School(2, "B", 1015, 0)
    entrances = [PointFeature(30, 1008, 0, {"entrance": "main"})]
    found = {
        (c.osm_id, c.school_osm_id): c
        for c in school_street_candidates([grounds, point_only], streets, entrances)
    }
    assert {k: c.reason for k, c in found.items()} == {
        (1, 1): "frontage",
        (4, 1): "existing_school_street",
        (5, 2): "entrance",
    }
    assert found[(1, 1)].distance_m == pytest.approx(10)
    assert found[(5, 2)].distance_m == pytest.approx(8)
    # The candidate is the part of the street near the school, not the whole way.
    (piece,) = found[(5, 2)].pieces
    assert np.hypot(*(piece - (1008, 0)).T).max() <= 100.01


def test_territory_without_any_street():
    ctx = SchoolContext.build([], bike_parking=[PointFeature(1, 10, 0, {}, 6)], stops=[(0, 0)])
    row = diagnose_school(School(1, "x", 0, 0), ctx)
    assert row["walk_500_m"] is None and row["stop_distance_m"] is None and row["calm_share"] is None
    assert row["bike_parking_capacity"] == 6
    assert school_street_candidates([School(1, "x", 0, 0)], [], []) == []


def test_segments_flat_match_street_by_street():
    """The vectorised segment table equals slicing each street, streets of 0 or 1 vertex included."""
    from mobility_diagnosis.core.schools.geometry import _segments
    from mobility_diagnosis.core.schools.model import Street

    rng = np.random.default_rng(7)
    streets = [Street(i, {}, rng.random((n, 2))) for i, n in enumerate([3, 1, 0, 2, 5, 1, 4])]
    a, b, street = _segments(streets)
    assert np.array_equal(a, np.vstack([s.coords[:-1] for s in streets if len(s.coords)]))
    assert np.array_equal(b, np.vstack([s.coords[1:] for s in streets if len(s.coords)]))
    assert street.tolist() == [0, 0, 3, 4, 4, 4, 4, 6, 6, 6]
    assert [x.shape for x in _segments([])] == [(0, 2), (0, 2), (0,)]
