"""Cycling indicators on a hand-made set of ways whose figures are known."""

import pytest

from mobility_diagnosis.core.cycling.indicators import cycling_indicators

# length, lts, left, right, speed tagged, street (open to motor traffic)
WAYS = [
    (1000, 1, "none", "none", True, True),  # zone 30 street
    (500, 2, "lane", "lane", False, True),  # street with lanes, no speed tag
    (1500, 4, "none", "lane", False, True),  # main road, lane on one side, no speed tag
    (2000, 1, "cycleway", "cycleway", False, False),  # cycleway: not a street
    (300, 0, "none", "none", False, False),  # footway, cycling not allowed
    (700, 0, "none", "none", True, True),  # motorway: a street, but cycling not allowed
]


@pytest.fixture
def rows():
    cols = list(zip(*WAYS))
    result = cycling_indicators(
        lengths_m=cols[0],
        lts=cols[1],
        left=cols[2],
        right=cols[3],
        speed_tagged=cols[4],
        is_street=cols[5],
        n_islands=7,
        n_sizeable_islands=2,
        largest_share=0.8,
        n_gaps=3,
        lang="fr",
    )
    return {r.indicator: r for r in result}


def test_lengths_by_lts_and_facility(rows):
    assert [rows[f"km_lts{i}"].value for i in range(5)] == [1.0, 3.0, 0.5, 0.0, 1.5]
    assert rows["km_lane"].value == 2.0  # a way counts once even with a lane on both sides
    assert rows["km_cycleway"].value == 2.0
    assert rows["km_track"].value == 0.0
    assert "km_none" not in rows and "km_separate" not in rows


def test_shares_use_streets_where_cycling_is_allowed(rows):
    # streets with cycling allowed: 1000 + 500 + 1500 = 3000 m; at LTS <= 2: 1500 m
    assert rows["share_lts_le2"].value == 50.0 and rows["share_lts_le2"].unit == "%"
    # without speed tag among them: 500 + 1500
    assert rows["share_no_speed_tag"].value == pytest.approx(66.67)


def test_islands_gaps_and_french_labels(rows):
    assert rows["islands"].value == 7 and rows["islands_sizeable"].value == 2
    assert rows["largest_island_share"].value == 80.0
    assert rows["gaps"].value == 3
    assert rows["share_lts_le2"].label.startswith("Part du linéaire")
    assert all(r.theme == "cycling" for r in rows.values())


def test_no_street_gives_none_not_zero():
    result = cycling_indicators([100], [1], ["cycleway"], ["cycleway"], [False], [False], 1, 0, None, 0)
    by = {r.indicator: r.value for r in result}
    assert (
        by["share_lts_le2"] is None
        and by["share_no_speed_tag"] is None
        and by["largest_island_share"] is None
    )
