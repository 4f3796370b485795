"""GTFS stops matched to OSM stops: by name nearby, by distance, by the parent station's name."""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from typing import List, Sequence, Tuple

import numpy as np

# GTFS ↔ OSM matching (proposal): a name match within 100 m, or any stop within 30 m, or the parent
# station's name within 200 m.
MATCH_NAME_M = 100.0
MATCH_ANY_M = 30.0
MATCH_STATION_M = 200.0


def normalise_name(name: str) -> Tuple[str, ...]:
    """Comparable name tokens: no accents, case or punctuation; a "Town, Stop" prefix is dropped."""
    text = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode().lower()
    if "," in text:
        text = text.split(",", 1)[1]
    text = re.sub(r"\([^)]*\)", " ", text)
    return tuple(t for t in re.split(r"[^a-z0-9]+", text) if t)


def names_match(a: str, b: str) -> bool:
    ta, tb = set(normalise_name(a)), set(normalise_name(b))
    if not ta or not tb:
        return False
    return ta <= tb or tb <= ta or len(ta & tb) / len(ta | tb) >= 0.5


@dataclass(frozen=True)
class StopMatch:
    index: int  # OSM stop index, -1 when none
    how: str  # "name", "distance", "parent_station", "none"
    distance_m: float


def match_stops(
    gtfs_xy: np.ndarray,
    gtfs_names: Sequence[str],
    gtfs_station_names: Sequence[str],
    osm_xy: np.ndarray,
    osm_names: Sequence[str],
) -> List[StopMatch]:
    """Match each GTFS stop to an OSM stop: same name nearby first, then a very close stop, then the
    parent station's name; otherwise none."""
    out: List[StopMatch] = []
    osm_xy = np.asarray(osm_xy, dtype=float).reshape(-1, 2)
    for i, (x, y) in enumerate(np.asarray(gtfs_xy, dtype=float).reshape(-1, 2)):
        if len(osm_xy) == 0 or not (math.isfinite(x) and math.isfinite(y)):
            out.append(StopMatch(-1, "none", math.nan))
            continue
        d = np.hypot(osm_xy[:, 0] - x, osm_xy[:, 1] - y)
        order = np.argsort(d)
        found = None
        for j in order[d[order] <= MATCH_NAME_M].tolist():
            if names_match(gtfs_names[i], osm_names[j]):
                found = StopMatch(j, "name", float(d[j]))
                break
        if found is None and d[order[0]] <= MATCH_ANY_M:
            found = StopMatch(int(order[0]), "distance", float(d[order[0]]))
        if found is None and gtfs_station_names[i]:
            for j in order[d[order] <= MATCH_STATION_M].tolist():
                if names_match(gtfs_station_names[i], osm_names[j]):
                    found = StopMatch(j, "parent_station", float(d[j]))
                    break
        out.append(found or StopMatch(-1, "none", math.nan))
    return out
