"""The parking theme's indicators; per-resident figures are None (not 0) when the population is unknown."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Optional

from ..indicators import percent

DISTANCE_METHOD_LABELS = {
    "en": {"crow_fly": "straight line", "network": "walking network"},
    "fr": {"crow_fly": "à vol d’oiseau", "network": "à pied sur le réseau"},
}

INDICATOR_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "car_spaces_per_1000": "Car parking spaces per 1,000 residents (off- and on-street)",
        "car_spaces_off_street": "Off-street car parking spaces",
        "car_spaces_on_street": "On-street car parking spaces (street sides and mapped street-side bays)",
        "car_spaces_estimated_share": "Share of car parking spaces that are estimates (not tagged)",
        "car_parks_unknown_capacity": "Car parks of unknown capacity (point without capacity tag)",
        "bike_spaces_per_1000": "Bike parking spaces per 1,000 residents",
        "bike_spaces": "Bike parking spaces (tagged capacity)",
        "bike_parkings_unknown_capacity": "Bike parkings without capacity tag (not counted in spaces)",
        "destinations_with_bike_parking_share": (
            "Share of destinations with bike parking within {distance:g} m ({method})"
        ),
        "car_park_land_area": "Land taken by car parks (mapped areas; underground and rooftop excluded)",
        "on_street_information_share": (
            "Share of street length with on-street parking information (data completeness)"
        ),
        "carpool_areas": "Carpool areas of the national base (BNLC) in the territory",
        "carpool_spaces": "Spaces of these carpool areas (where the base gives them)",
        "destinations": "Everyday destinations (schools, stops, shops, services; the base of the share)",
        "population_unknown": " — unavailable: the commune population is unknown",
        "carpool_unknown": " — unavailable: the national carpool base was not read",
    },
    "fr": {
        "car_spaces_per_1000": (
            "Places de stationnement voiture pour 1 000 habitants (hors voirie et sur voirie)"
        ),
        "car_spaces_off_street": "Places de stationnement voiture hors voirie",
        "car_spaces_on_street": (
            "Places de stationnement voiture sur voirie (côtés de rue et encoches cartographiées)"
        ),
        "car_spaces_estimated_share": "Part des places voiture estimées (capacité non renseignée)",
        "car_parks_unknown_capacity": "Parkings de capacité inconnue (point sans capacité)",
        "bike_spaces_per_1000": "Places de stationnement vélo pour 1 000 habitants",
        "bike_spaces": "Places de stationnement vélo (capacité renseignée)",
        "bike_parkings_unknown_capacity": "Stationnements vélo sans capacité (non comptés en places)",
        "destinations_with_bike_parking_share": (
            "Part des destinations avec un stationnement vélo à moins de {distance:g} m ({method})"
        ),
        "car_park_land_area": (
            "Emprise au sol des parkings (surfaces cartographiées, hors souterrains et toits)"
        ),
        "on_street_information_share": (
            "Part du linéaire de rues renseignant le stationnement sur voirie (complétude des données)"
        ),
        "carpool_areas": "Aires de covoiturage de la base nationale (BNLC) dans le territoire",
        "carpool_spaces": "Places de ces aires de covoiturage (quand la base les donne)",
        "destinations": "Destinations du quotidien (écoles, arrêts, commerces, services ; base de la part)",
        "population_unknown": " — indisponible : population de la commune inconnue",
        "carpool_unknown": " — indisponible : la base nationale des lieux de covoiturage n’a pas été lue",
    },
}  # fmt: skip


@dataclass(frozen=True)
class IndicatorRow:
    indicator: str
    label: str
    value: Optional[float]
    unit: str


@dataclass(frozen=True)
class ParkingTotals:
    """Sums over the features inside the territory, gathered by the caller."""

    car_off_street: int = 0
    car_off_street_estimated: int = 0
    car_on_street: int = 0
    car_on_street_estimated: int = 0
    car_parks_unknown_capacity: int = 0
    car_park_land_m2: float = 0.0
    bike_spaces: int = 0
    bike_parkings_unknown_capacity: int = 0
    destinations: int = 0
    destinations_served: int = 0
    street_length_m: float = 0.0
    street_length_with_info_m: float = 0.0
    carpool_areas: Optional[int] = None  # None: the national carpool base was not read (not asked, or failed)
    carpool_spaces: Optional[int] = None


def _per_1000(value: float, population: Optional[int]) -> Optional[float]:
    return round(1000.0 * value / population, 1) if population else None


def parking_indicators(
    totals: ParkingTotals,
    population: Optional[int],
    *,
    gap_distance_m: float,
    distance_method: str,
    lang: str = "en",
) -> list[IndicatorRow]:
    """The theme's indicator rows; per-resident figures are None (not 0) when population is unknown."""
    labels = INDICATOR_LABELS.get(lang, INDICATOR_LABELS["en"])
    method = DISTANCE_METHOD_LABELS.get(lang, DISTANCE_METHOD_LABELS["en"])[distance_method]
    no_pop = "" if population else labels["population_unknown"]
    no_carpool = "" if totals.carpool_areas is not None else labels["carpool_unknown"]
    car_total = totals.car_off_street + totals.car_on_street
    car_estimated = totals.car_off_street_estimated + totals.car_on_street_estimated
    rows = [
        ("car_spaces_per_1000", _per_1000(car_total, population), "per 1000 residents", no_pop),
        ("car_spaces_off_street", totals.car_off_street, "count", ""),
        ("car_spaces_on_street", totals.car_on_street, "count", ""),
        ("car_spaces_estimated_share", percent(car_estimated, car_total, 1), "%", ""),
        ("car_parks_unknown_capacity", totals.car_parks_unknown_capacity, "count", ""),
        ("bike_spaces_per_1000", _per_1000(totals.bike_spaces, population), "per 1000 residents", no_pop),
        ("bike_spaces", totals.bike_spaces, "count", ""),
        ("bike_parkings_unknown_capacity", totals.bike_parkings_unknown_capacity, "count", ""),
        ("destinations_with_bike_parking_share", percent(totals.destinations_served, totals.destinations, 1),
         "%", ""),
        ("car_park_land_area", round(totals.car_park_land_m2 / 10000.0, 2), "ha", ""),
        ("on_street_information_share",
         percent(totals.street_length_with_info_m, totals.street_length_m, 1), "%", ""),
        ("carpool_areas", totals.carpool_areas, "count", no_carpool),
        ("carpool_spaces", totals.carpool_spaces, "count", no_carpool),
        ("destinations", totals.destinations, "count", ""),  # the share's denominator, said with it
    ]  # fmt: skip
    return [
        IndicatorRow(
            key,
            labels[key].format(distance=gap_distance_m, method=method) + suffix,
            None if value is None else float(value),
            unit,
        )
        for key, value, unit, suffix in rows
    ]


def population_from_about(about: Mapping[str, str]) -> Optional[int]:
    raw = str(about.get("population", "") or "").strip()
    try:
        value = int(float(raw))
    except ValueError:
        return None
    return value if value > 0 else None
