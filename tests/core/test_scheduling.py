"""Longest-first ordering and the makespan the benchmarks compare with."""

import pytest

from mobility_diagnosis.core.scheduling import longest_first, makespan, theme_cost
from mobility_diagnosis.core.themes import theme


def test_longest_first_follows_the_cost_table_and_keeps_ties_in_order():
    themes = ["parking", "cycling", "schools", "accessibility"]
    ordered = longest_first(themes)
    assert [theme_cost(t) for t in ordered] == sorted((theme(t).cost for t in themes), reverse=True)
    assert longest_first(["unknown_a", "unknown_b"]) == ["unknown_a", "unknown_b"]


def test_makespan_of_longest_first_on_lanes():
    assert makespan([3.0, 3.0, 2.0, 2.0, 2.0], 2) == 7.0  # 3+2+2 / 3+2: LPT is not always optimal (6)
    assert makespan([4.9, 4.7, 3.1], 2) == pytest.approx(7.8)
    assert makespan([1.0, 2.0], 1) == 3.0
    assert makespan([], 2) == 0.0
