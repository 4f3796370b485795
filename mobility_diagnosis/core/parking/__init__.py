"""Parking theme core: capacities (tagged or estimated), on-street parking per street side, bike parking
and carpool areas, bike-parking destinations, indicators and the national bike-parking schema.

Pure: tags come in as ``dict[str, str]``, geometry as plain numbers (metres, square metres, numpy
coordinates in a metric CRS). Every rule is a data table with its source; every estimate is flagged.
See docs/parking.md for the ratios and vocabulary. The package's public names are gathered here.
"""

from __future__ import annotations

from .bike_parking import BikeParking, CarpoolArea, bike_parking, carpool_areas
from .capacity import Capacity, parse_capacity
from .car_parks import CarPark, car_park
from .destinations import destination_kind, destination_label, nearest_distances
from .indicators import IndicatorRow, ParkingTotals, parking_indicators, population_from_about
from .messages import feature_label, message
from .national_schema import SCHEMA_FIELDS, schema_row, schema_rows
from .street_sides import ROADS_WITH_KERBS, StreetSide, has_parking_info, street_sides

__all__ = (  # noqa: RUF022 (grouped by module)
    "BikeParking", "CarpoolArea", "bike_parking", "carpool_areas",
    "Capacity", "parse_capacity",
    "CarPark", "car_park",
    "destination_kind", "destination_label", "nearest_distances",
    "IndicatorRow", "ParkingTotals", "parking_indicators", "population_from_about",
    "feature_label", "message",
    "SCHEMA_FIELDS", "schema_row", "schema_rows",
    "ROADS_WITH_KERBS", "StreetSide", "has_parking_info", "street_sides",
)  # fmt: skip
