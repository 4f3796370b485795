"""The metric CRS every output of a territory uses.

Official projected CRSs for French territories (IGN, decree 2019-165 on legal reference systems),
the UTM zone of the territory's centre elsewhere. Lengths and areas in the outputs are in metres.
"""

from __future__ import annotations

# (name, lon_min, lat_min, lon_max, lat_max, EPSG): first box containing the centre wins.
FRENCH_CRS = (
    ("Metropolitan France and Corsica (Lambert-93)", -5.5, 41.0, 10.0, 51.5, 2154),
    (
        "Guadeloupe, Martinique, Saint-Martin, Saint-Barthélemy (RGAF09 / UTM 20N)",
        -63.5,
        14.0,
        -60.5,
        18.5,
        5490,
    ),
    ("French Guiana (RGFG95 / UTM 22N)", -55.0, 2.0, -51.0, 6.0, 2972),
    ("Réunion (RGR92 / UTM 40S)", 55.0, -21.5, 56.0, -20.8, 2975),
    ("Mayotte (RGM04 / UTM 38S)", 44.8, -13.2, 45.5, -12.5, 4471),
    ("Saint-Pierre-et-Miquelon (RGSPM06 / UTM 21N)", -56.6, 46.6, -56.0, 47.2, 4467),
)


def utm_epsg(lon: float, lat: float) -> int:
    zone = int((lon + 180.0) // 6.0) + 1
    zone = min(max(zone, 1), 60)
    # Norway and Svalbard exceptions are left out: the territory is small, the standard zone is fine.
    return (32600 if lat >= 0 else 32700) + zone


# Coarse outline of metropolitan France and Corsica (lon, lat), a few km outside the real border,
# hand-traced from the IGN Admin Express outline. It only decides "Lambert-93 or UTM" for territories
# given as an OSM relation or a polygon; border towns of neighbouring countries may fall on either side.
# Monaco lies inside, which keeps it consistent with its French neighbours.
METRO_FRANCE_OUTLINE = (
    (2.52, 51.12),
    (3.15, 50.80),
    (4.20, 50.30),
    (4.85, 50.17),
    (5.45, 49.52),
    (6.37, 49.47),
    (7.05, 49.13),
    (8.23, 48.97),
    (7.55, 47.58),
    (6.90, 47.32),
    (6.05, 46.40),
    (6.80, 46.43),
    (7.05, 45.92),
    (6.63, 45.10),
    (7.05, 44.20),
    (7.58, 43.80),
    (7.40, 43.50),
    (6.40, 42.95),
    (4.60, 43.25),
    (3.05, 42.35),
    (1.75, 42.35),
    (-0.05, 42.65),
    (-1.85, 43.30),
    (-1.50, 44.40),
    (-1.30, 45.70),
    (-2.60, 47.20),
    (-4.90, 47.70),
    (-5.20, 48.45),
    (-3.60, 48.95),
    (-1.95, 48.75),
    (-1.95, 49.75),
    (0.00, 49.55),
    (1.40, 50.15),
    (1.50, 50.90),
)
CORSICA_OUTLINE = ((8.45, 42.35), (9.20, 41.30), (9.65, 42.00), (9.50, 43.10), (9.30, 43.10), (8.50, 42.80))


def _inside(lon: float, lat: float, ring) -> bool:
    """Even-odd point in polygon."""
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i]
        xj, yj = ring[j]
        if (yi > lat) != (yj > lat) and lon < (xj - xi) * (lat - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def in_metropolitan_france(lon: float, lat: float) -> bool:
    return _inside(lon, lat, METRO_FRANCE_OUTLINE) or _inside(lon, lat, CORSICA_OUTLINE)


def metric_crs(lon: float, lat: float, french: bool = False) -> tuple[int, str]:
    """EPSG code and a human name for the CRS used around (lon, lat), the territory's centre.

    ``french`` says the territory is known to be French (an INSEE code): the official CRS of its part
    of France is used even near a border. Otherwise metropolitan France is recognised from a coarse
    outline, overseas France from its boxes, and the rest of the world gets its UTM zone.
    """
    metro_name, *_box, metro_epsg = FRENCH_CRS[0]
    if in_metropolitan_france(lon, lat):
        return metro_epsg, metro_name
    for name, x0, y0, x1, y1, epsg in FRENCH_CRS[1:] if not french else FRENCH_CRS:
        if x0 <= lon <= x1 and y0 <= lat <= y1:
            return epsg, name
    epsg = utm_epsg(lon, lat)
    zone = epsg % 100
    return epsg, f"WGS 84 / UTM zone {zone}{'N' if lat >= 0 else 'S'}"
