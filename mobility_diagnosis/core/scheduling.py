"""Which work first when it runs on several lanes (``diagnose``: this process and a helper process).

Each lane takes the longest task left whenever it is free (list scheduling, longest first): with a
handful of tasks of roughly known relative cost it lands close to the best split, needs no tuning, and
copes with a lane that starts late.
"""

from __future__ import annotations

from typing import Mapping, Sequence

# Relative cost of each theme on a town-sized territory (measured on Heidelberg with its GTFS, cycling's
# LTS included). Only the order and rough ratios matter. Cycling counts its report map too, by far the
# longest to draw: finished first, it is drawn while the other themes are computed.
THEME_COST: Mapping[str, float] = {
    "cycling": 1.7,
    "schools": 1.6,
    "accessibility": 1.3,
    "parking": 0.8,
}
DEFAULT_COST = 1.0  # a theme missing from the table


def theme_cost(theme: str) -> float:
    return THEME_COST.get(theme, DEFAULT_COST)


def longest_first(themes: Sequence[str]) -> list[str]:
    """Themes by decreasing cost; ties keep the given order."""
    return sorted(themes, key=lambda t: -theme_cost(t))


def makespan(costs: Sequence[float], lanes: int) -> float:
    """Finish time of ``costs`` spread longest first over ``lanes`` (what the benchmarks compare with)."""
    loads = [0.0] * max(1, lanes)
    for cost in sorted(costs, reverse=True):
        loads[loads.index(min(loads))] += cost
    return max(loads)
