"""What the school figures read: streets, schools (point and grounds) and point features, in metres."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping, Optional

import numpy as np


@dataclass(frozen=True)
class Street:
    osm_id: int
    tags: Mapping[str, str]
    coords: np.ndarray  # (n, 2) metric
    speed_kmh: Optional[float] = None  # from core.speeds (tagged or default by class)
    lts: Optional[int] = None  # 0 = no cycling, 1-4; None when unknown
    speed_assumed: bool = False  # True when no tag gave the speed (a default by road class was used)


@dataclass(frozen=True)
class School:
    osm_id: int
    name: str
    x: float
    y: float
    tags: Mapping[str, str] = field(default_factory=dict)
    rings: tuple[np.ndarray, ...] = ()  # outline of the grounds (metric), when mapped as an area


@dataclass(frozen=True)
class PointFeature:
    osm_id: int
    x: float
    y: float
    tags: Mapping[str, str] = field(default_factory=dict)
    capacity: Optional[int] = None
