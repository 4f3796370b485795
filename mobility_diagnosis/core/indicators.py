"""Indicator rows, the table every theme fills (INTERFACE.md: ``indicators``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional


@dataclass(frozen=True)
class Indicator:
    theme: str
    indicator: str  # stable id, e.g. "share_lts_le2"
    label: str  # in the user's language
    value: Optional[float]  # None when it cannot be computed (said in the label or a warning), never a fake 0
    unit: str  # "%", "km", "m", "count", "per 1000 residents", MONTH_UNIT, …


MONTH_UNIT = "yyyymm"  # a month as 202403 (indicators.csv stays numeric; the report writes « mars 2024 »)


def percent(part: float, whole: float, digits: int) -> Optional[float]:
    """``part`` as a rounded percentage of ``whole``; None when ``whole`` is 0 (a share of nothing is
    unknown, not 0 %)."""
    return round(100.0 * part / whole, digits) if whole else None
