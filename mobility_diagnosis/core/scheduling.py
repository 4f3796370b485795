"""Which work first when it runs on several lanes (``diagnose``: this process and a helper process).

Each lane takes the longest task left whenever it is free (list scheduling, longest first): with a
handful of tasks of roughly known relative cost it lands close to the best split, needs no tuning, and
copes with a lane that starts late.
"""

from __future__ import annotations

from typing import Sequence

from .themes import find

DEFAULT_COST = 1.0  # a theme the registry does not know


def theme_cost(theme: str) -> float:
    """The theme's relative cost on a town-sized territory (its registry row, core.themes): only the order
    and rough ratios matter."""
    row = find(theme)
    return row.cost if row is not None else DEFAULT_COST


def longest_first(themes: Sequence[str]) -> list[str]:
    """Themes by decreasing cost; ties keep the given order."""
    return sorted(themes, key=lambda t: -theme_cost(t))


def makespan(costs: Sequence[float], lanes: int) -> float:
    """Finish time of ``costs`` spread longest first over ``lanes`` (what the benchmarks compare with)."""
    loads = [0.0] * max(1, lanes)
    for cost in sorted(costs, reverse=True):
        loads[loads.index(min(loads))] += cost
    return max(loads)
