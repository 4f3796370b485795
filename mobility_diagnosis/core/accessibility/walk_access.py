"""Origins and destinations of the walking distances, and the catchment bands around destinations."""

from __future__ import annotations

from typing import Callable, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

import numpy as np

# Residential buildings first (wiki Key:building, "Accommodation" values); plain building=yes is
# kept as possibly residential since most homes are tagged that way; other values are not origins.
RESIDENTIAL_BUILDINGS = (
    "residential", "house", "apartments", "detached", "semidetached_house", "terrace", "bungalow",
    "dormitory", "farm", "cabin", "static_caravan", "houseboat", "annexe",
)  # fmt: skip
POSSIBLY_RESIDENTIAL_BUILDINGS = ("yes",)

# Destinations for walk_access: field name -> (territory layer, POI categories or None for the layer).
DESTINATIONS = (
    ("dist_stop_m", "stop"),
    ("dist_frequent_stop_m", "frequent_stop"),
    ("dist_school_m", "school"),
    ("dist_shop_m", "shop"),
    ("dist_health_m", "health"),
    ("dist_townhall_m", "townhall"),
)
CATCHMENT_BANDS = (300.0, 500.0, 1000.0)


def building_origin_class(tags: Mapping[str, str]) -> Optional[str]:
    """'residential', 'possibly_residential' or None (not an origin of home-based trips)."""
    value = tags.get("building", "")
    if value in RESIDENTIAL_BUILDINGS:
        return "residential"
    if value in POSSIBLY_RESIDENTIAL_BUILDINGS and not any(k in tags for k in ("shop", "amenity", "office")):
        return "possibly_residential"
    return None


# ------------------------------------------------------------------------------ catchment bands


def band_pieces(
    pieces_by_radius: Mapping[float, Iterable[Tuple[int, float, float, int]]],
) -> List[Tuple[int, float, float, int, float]]:
    """Non-overlapping bands from nested coverages: (edge, start, end, source, band radius).

    ``pieces_by_radius`` maps each radius to ``DistanceField.covered_intervals(radius)``; the band of
    radius r is what r covers beyond the next smaller radius.
    """
    out = []
    previous: Dict[int, List[Tuple[float, float]]] = {}
    for radius in sorted(pieces_by_radius):
        current: Dict[int, List[Tuple[float, float]]] = {}
        for e, lo, hi, src in pieces_by_radius[radius]:
            current.setdefault(e, []).append((lo, hi))
            for a, b in _subtract((lo, hi), previous.get(e, [])):
                if b - a > 1e-6:
                    out.append((e, a, b, src, radius))
        previous = current
    return out


def _subtract(
    interval: Tuple[float, float], holes: Sequence[Tuple[float, float]]
) -> List[Tuple[float, float]]:
    parts = [interval]
    for h0, h1 in holes:
        nxt = []
        for a, b in parts:
            if h1 <= a or h0 >= b:
                nxt.append((a, b))
                continue
            if h0 > a:
                nxt.append((a, h0))
            if h1 < b:
                nxt.append((h1, b))
        parts = nxt
    return parts


def catchment_groups(
    net, walk_mask: np.ndarray, field, mode: str, cancelled: Callable[[], bool] = lambda: False
) -> List[Tuple[int, int, List[np.ndarray], float]]:
    """Catchment pieces of one destination type (``field``: its core.network DistanceField), grouped by
    destination and band: (source index, band radius, polylines, length). ``mode`` "bands": each street
    piece belongs to its nearest destination; "per_destination": one catchment per destination (they
    overlap). Cancelled: what was grouped so far is dropped."""
    if mode == "bands":
        pieces = field.band_intervals(CATCHMENT_BANDS)
    else:
        pieces = []
        snap = field.source_snap
        for i in np.flatnonzero(snap.ok).tolist():
            if cancelled():
                return []
            for e, lo, hi, band in net.reach_bands(
                int(snap.edge[i]), float(snap.offset[i]), CATCHMENT_BANDS, walk_mask
            ):
                pieces.append((e, lo, hi, i, band))
    if not pieces:
        return []
    arr = np.array(pieces, dtype=float)
    order = np.lexsort((arr[:, 4], arr[:, 3]))  # group by source, then band
    arr = arr[order]
    coords, index = net.edge_pieces(arr[:, 0].astype(np.int64), arr[:, 1], arr[:, 2])
    key = arr[:, 3] * 1e5 + arr[:, 4]
    cuts = np.flatnonzero(np.diff(key)) + 1
    bounds = np.concatenate([[0], cuts, [len(arr)]]).tolist()
    groups = []
    for g0, g1 in zip(bounds[:-1], bounds[1:]):
        parts = [coords[index[k] : index[k + 1]] for k in range(g0, g1)]
        length = float((arr[g0:g1, 2] - arr[g0:g1, 1]).sum())
        groups.append((int(arr[g0, 3]), int(arr[g0, 4]), parts, length))
    return groups
