"""The inset's centre and place, on tables of points (``core.map_inset``)."""

import numpy as np
import pytest

from mobility_diagnosis.core.map_inset import INSET, densest_centre, inset_place, needs_inset


def test_a_large_territory_gets_an_inset_a_small_one_not():
    # (map's extent in m, inset?) in a 186 × 104 mm frame: Heidelberg's box (7.8 × 7.2 km), Cap-d'Ail
    # (2 km), Monaco (3.4 km tall: 1.3 times), a narrow valley 10 km long, one 6 km long
    table = ((7800, 7200, True), (2200, 1300, False), (2600, 3400, False), (10_000, 900, True),
             (6000, 900, False))  # fmt: skip
    for width, height, expected in table:
        assert needs_inset(width, height, 186, 104) is expected, (width, height)
    assert not needs_inset(7800, 7200, 0, 104)


def test_the_centre_is_the_densest_square_not_the_middle_of_the_territory():
    rng = np.random.default_rng(1)
    # 300 features spread over 10 km, 200 packed around (7200, 2500), 100 in a looser cluster at (2000, 8000)
    spread = rng.uniform(0, 10_000, size=(300, 2))
    centre = rng.normal((7200, 2500), 150, size=(200, 2))
    other = rng.normal((2000, 8000), 600, size=(100, 2))
    points = np.vstack([spread, centre, other])
    x, y = densest_centre(points[:, 0], points[:, 1])
    assert abs(x - 7200) < INSET["side_m"] / 4 and abs(y - 2500) < INSET["side_m"] / 4
    # the same table in another order: the same centre
    order = rng.permutation(len(points))
    assert densest_centre(points[order, 0], points[order, 1]) == pytest.approx((x, y))


def test_the_centre_of_a_table_of_points():
    # (x, y): a square of 4 points 100 m apart and a lone point 5 km away
    table = [(1000, 1000), (1100, 1000), (1000, 1100), (1100, 1100), (6000, 6000)]
    xs, ys = zip(*table)
    assert densest_centre(xs, ys, side=1500) == pytest.approx((1050, 1050))
    assert densest_centre([], []) is None
    assert densest_centre([float("nan"), 5.0], [1.0, 7.0]) == (5.0, 7.0)


def test_the_inset_leaves_the_zoomed_square_in_sight():
    extent = (0.0, 0.0, 18_600.0, 10_400.0)  # 100 m per mm in a 186 × 104 mm frame
    size, offset = INSET["size_mm"], INSET["offset_mm"]
    # the centre in the middle: top left corner
    assert inset_place(extent, (9300, 5200), 186, 104) == (offset, offset)
    # the centre under the top left corner: the inset moves left of the north arrow
    x, y = inset_place(extent, (2000, 8000), 186, 104)
    assert y == offset and x == 186 - INSET["arrow_mm"] - offset - size
    assert x > 2000 / 100 + INSET["side_m"] / 200  # clear of the square's right edge


def test_the_inset_hides_the_fewest_features_of_the_territory():
    """La Turbie: the territory fills its frame; the top left corner hid a third of its streets while the
    bottom right one, above the scale bar's band, covered fields. The square stays in sight."""
    extent = (0.0, 0.0, 18_600.0, 10_400.0)  # 100 m per mm in a 186 × 104 mm frame
    size, offset, band = INSET["size_mm"], INSET["offset_mm"], INSET["band_mm"]
    rng = np.random.default_rng(1)
    xs = rng.uniform(0, 9_000, 400)  # the west of the map, top to bottom, full of streets
    ys = rng.uniform(0, 10_400, 400)
    north = (rng.uniform(0, 18_600, 200), rng.uniform(7_800, 10_400, 200))  # and the north, a village
    everywhere = (np.concatenate([xs, north[0]]), np.concatenate([ys, north[1]]))
    centre = (9_300.0, 5_200.0)
    assert inset_place(extent, centre, 186, 104, points=everywhere) == (
        186 - offset - size,
        104 - band - size,
    )
    # no points: the first place clear of the square, as before
    assert inset_place(extent, centre, 186, 104) == (offset, offset)
    # the square right of the middle, under the two right places: the least crowded left one
    x, y = inset_place(extent, (15_000.0, 5_200.0), 186, 104, points=(xs[ys > 6_000], ys[ys > 6_000]))
    assert (x, y) == (offset, 104 - band - size)
    # never over the scale bar's band
    assert y + size <= 104 - band
