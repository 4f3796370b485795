"""The report's inset: on a large territory, each theme map also shows its dense centre enlarged.

Drawn whole on a page, an intercommunality or a large commune (Heidelberg, Périgueux) puts its centre,
where most streets, stops and actions are, in a few millimetres (issue 16 item 4). Plain coordinates in,
plain numbers out: ``report`` places the map items.
"""

from __future__ import annotations

from typing import Optional, Sequence

import numpy as np

# Where each rule comes from: issue 16 item 4 (« une carte faite pour être lue : un encart ou un zoom sur le
# centre quand le territoire est grand ») and the theme page's map frame (``report.THEME_MAP``, 186 × 104 mm).
INSET = {
    "side_m": 1500.0,  # the square shown enlarged: a town centre, 1.5 km across
    "size_mm": 62.0,  # its frame on the page (24 m per mm): above the scale bar, left of the north arrow
    # drawn when it enlarges the centre at least twice (the main map above ~48 m per mm: an outline taller
    # than ~4.6 km or wider than ~8.3 km in the 186 × 104 mm frame, where a street block is a smudge of
    # 2 mm): a smaller enlargement shows nothing the main map does not (Monaco, 3.1 km tall: 1.3 times)
    "min_zoom": 2.0,
    "offset_mm": 3.0,  # from the map frame's edge, as the scale bar and the north arrow
    "arrow_mm": 14.0,  # the north arrow's place in the top right corner (``report._map_furniture``)
    "band_mm": 15.0,  # the band at the map's foot kept for the scale bar and the attribution
    "cells": 4,  # the square scanned in 4 × 4 cells: its place is found to a quarter of its side
}


def needs_inset(width_m: float, height_m: float, frame_w_mm: float, frame_h_mm: float) -> bool:
    """Whether the inset would enlarge a map of that ground extent in that frame ``min_zoom`` times."""
    if frame_w_mm <= 0 or frame_h_mm <= 0:
        return False
    inset = INSET["side_m"] / INSET["size_mm"]  # m per mm
    return max(width_m / frame_w_mm, height_m / frame_h_mm) >= INSET["min_zoom"] * inset


def densest_centre(
    xs: Sequence[float], ys: Sequence[float], side: float = INSET["side_m"]
) -> Optional[tuple[float, float]]:
    """The centre of the square of ``side`` that holds the most points (the features of a theme's main
    layer): the mean of the points of the fullest square of a grid of ``cells`` per side, so that the
    square sits on them. None without points. Ties go to the lowest x, then y: the same input, the same
    centre."""
    x = np.asarray(xs, dtype=float)
    y = np.asarray(ys, dtype=float)
    keep = np.isfinite(x) & np.isfinite(y)
    x, y = x[keep], y[keep]
    if x.size == 0 or side <= 0:
        return None
    n = INSET["cells"]
    cell = side / n
    ix = np.floor((x - x.min()) / cell).astype(int)
    iy = np.floor((y - y.min()) / cell).astype(int)
    grid = np.zeros((ix.max() + n, iy.max() + n), dtype=np.int64)
    np.add.at(grid, (ix, iy), 1)
    total = np.zeros((grid.shape[0] + 1, grid.shape[1] + 1), dtype=np.int64)
    total[1:, 1:] = grid.cumsum(0).cumsum(1)
    windows = total[n:, n:] - total[:-n, n:] - total[n:, :-n] + total[:-n, :-n]  # n × n sums
    i, j = np.unravel_index(int(np.argmax(windows)), windows.shape)
    inside = (ix >= i) & (ix < i + n) & (iy >= j) & (iy < j + n)
    return float(x[inside].mean()), float(y[inside].mean())


def inset_place(
    extent: tuple[float, float, float, float],
    centre: tuple[float, float],
    frame_w_mm: float,
    frame_h_mm: float,
    side: float = INSET["side_m"],
    points: Optional[tuple[Sequence[float], Sequence[float]]] = None,
) -> tuple[float, float]:
    """The inset's top left corner in the map frame (mm from the frame's top left). Four places, clear of the
    north arrow and of the scale bar's band: top left, left of the arrow, above the band on the left and on
    the right. Never over the enlarged square, so that its outline stays in sight; among the others, the
    one hiding the fewest ``points`` (the theme's features inside the territory: an inset over the west
    of La Turbie hid a third of its streets), the first on a tie. ``extent``: the main map's (xmin, ymin,
    xmax, ymax)."""
    size, offset, band = INSET["size_mm"], INSET["offset_mm"], INSET["band_mm"]
    xmin, ymin, xmax, ymax = extent
    scale_x = frame_w_mm / (xmax - xmin)
    scale_y = frame_h_mm / (ymax - ymin)
    left = (centre[0] - side / 2 - xmin) * scale_x
    right = (centre[0] + side / 2 - xmin) * scale_x
    top = (ymax - centre[1] - side / 2) * scale_y
    bottom = (ymax - centre[1] + side / 2) * scale_y
    low = frame_h_mm - band - size
    corners = [(offset, offset), (frame_w_mm - INSET["arrow_mm"] - offset - size, offset)]
    if low >= offset:  # a frame tall enough for an inset above the band
        corners += [(offset, low), (frame_w_mm - offset - size, low)]
    clear = [(x, y) for x, y in corners if right <= x or left >= x + size or bottom <= y or top >= y + size]
    if not clear:
        return corners[0]
    if points is None:
        return clear[0]
    px = (np.asarray(points[0], dtype=float) - xmin) * scale_x
    py = (ymax - np.asarray(points[1], dtype=float)) * scale_y

    def hidden(corner: tuple[float, float]) -> int:
        x, y = corner
        return int(((px >= x) & (px <= x + size) & (py >= y) & (py <= y + size)).sum())

    return min(clear, key=lambda corner: (hidden(corner), clear.index(corner)))
