"""Accessibility theme core: stops and crossings for disabled people (``stops_crossings``), origins,
destinations and catchments of the walking distances (``walk_access``), GTFS ↔ OSM stop matching
(``matching``) and the theme's indicators (``indicators``). The walking rule itself is core.walking,
shared by every theme. Pure: tags in, plain values out. The package's public names are gathered here."""

from __future__ import annotations

from .indicators import THEME, indicators, median
from .matching import StopMatch, match_stops, names_match, normalise_name
from .stops_crossings import (
    WHEELCHAIR_CLASSES,
    YES_NO,
    StopAccess,
    crossing_kerb_class,
    is_boarding_place,
    kerb_class,
    stop_access,
    tag_class,
    wheelchair_class,
)
from .walk_access import CATCHMENT_BANDS, DESTINATIONS, band_pieces, building_origin_class, catchment_groups

__all__ = (  # noqa: RUF022 (grouped by module)
    "THEME", "indicators", "median",
    "StopMatch", "match_stops", "names_match", "normalise_name",
    "WHEELCHAIR_CLASSES", "YES_NO", "StopAccess", "crossing_kerb_class", "is_boarding_place", "kerb_class",
    "stop_access", "tag_class", "wheelchair_class",
    "CATCHMENT_BANDS", "DESTINATIONS", "band_pieces", "building_origin_class", "catchment_groups",
)  # fmt: skip
