"""Trip destinations by OSM tags: the one table the themes read (bike-parking gaps, cycling gaps), with a
column saying which themes use each row. Pure."""

from __future__ import annotations

from typing import Mapping, Optional

from .osm_layers import poi_category

PARKING, CYCLING = "parking", "cycling"

# (kind, key, values, themes), first match wins among a theme's rows. Sources: DOMAIN.md (Parking:
# schools, stations and stops, town hall, shops, sport, health, libraries; Cycling: gaps that link a
# school, a station or the town centre) and OSM wiki "Public transport".
DESTINATION_RULES: tuple[tuple[str, str, frozenset, tuple[str, ...]], ...] = (
    ("school", "amenity", frozenset(("school", "kindergarten", "college", "university")), (PARKING, CYCLING)),
    ("station", "railway", frozenset(("station", "halt")), (PARKING, CYCLING)),
    ("station", "public_transport", frozenset(("station",)), (PARKING, CYCLING)),
    # A stop or platform of a train line: a cycling gap may lead to any mapped part of the station;
    # bike parking counts each station once (its station object), so platforms are left out there.
    ("station", "train", frozenset(("yes",)), (CYCLING,)),
    # Bus and ferry stations need bike parking; the cycling gaps link rail stations (DOMAIN.md).
    ("station", "amenity", frozenset(("bus_station", "ferry_terminal")), (PARKING,)),
    # Stops: one per stop as mapped by highway=bus_stop or railway=tram_stop; PTv2 platforms and stop
    # positions duplicate those and are left out.
    ("stop", "railway", frozenset(("tram_stop",)), (PARKING,)),
    ("stop", "highway", frozenset(("bus_stop",)), (PARKING,)),
    ("townhall", "amenity", frozenset(("townhall",)), (PARKING, CYCLING)),
    # government offices are public services, not all town halls (core.osm_layers groups them)
    ("public_office", "office", frozenset(("government",)), (PARKING,)),
)
# POI categories (core.osm_layers.POI_CATEGORIES) that are destinations of a theme when no row above
# matches, and the kind they take.
POI_DESTINATIONS: dict[str, frozenset] = {
    PARKING: frozenset(("townhall", "shop", "sport", "health", "library", "education")),
}
POI_KIND = {"education": "school"}
# Left out although their POI category matches: a sports pitch is rarely a trip destination of its own
# (it belongs to a club ground or a park; sports centres, stadiums and pools are kept).
NOT_DESTINATIONS: tuple[tuple[str, str, tuple[str, ...]], ...] = (("leisure", "pitch", (PARKING,)),)


def destination_kind(tags: Mapping[str, str], theme: str) -> Optional[str]:
    """The destination kind of an OSM object for a theme, or None."""
    if any(theme in themes and tags.get(key) == value for key, value, themes in NOT_DESTINATIONS):
        return None
    for kind, key, values, themes in DESTINATION_RULES:
        if theme in themes and tags.get(key) in values:
            return kind
    category = poi_category(tags)
    if category in POI_DESTINATIONS.get(theme, ()):
        return POI_KIND.get(category, category)
    return None
