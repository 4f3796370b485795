"""Bike parking features, and the carpool areas of the national base (BNLC)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Mapping, Optional

from .capacity import parse_capacity


@dataclass(frozen=True)
class BikeParking:
    capacity: Optional[int]
    covered: Optional[bool]
    bike_parking_type: Optional[str]
    access: Optional[str]
    fee: Optional[str]
    warnings: tuple[str, ...] = ()


YES_NO: dict[str, bool] = {"yes": True, "no": False, "partial": True}


def bike_parking(tags: Mapping[str, str], *, feature: str = "", lang: str = "en") -> BikeParking:
    cap = parse_capacity(tags.get("capacity"), feature=feature, kind="bike", lang=lang)
    return BikeParking(
        capacity=cap.value,
        covered=YES_NO.get(tags.get("covered", "")),
        bike_parking_type=tags.get("bicycle_parking"),
        access=tags.get("access"),
        fee=tags.get("fee"),
        warnings=(cap.warning,) if cap.warning else (),
    )


# --------------------------------------------------------------------------------------------------
# Carpool areas (Base nationale des lieux de covoiturage, transport.data.gouv.fr)
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CarpoolArea:
    lon: float
    lat: float
    name: Optional[str]
    capacity: Optional[int]  # nbre_pl when the reply carries it
    ident: Optional[str]  # id_lieu when the reply carries it


def carpool_areas(geojson: object) -> tuple[list[CarpoolArea], int]:
    """Points of a BNLC GeoJSON reply (``/api/geo-query?data=bnlc``: a FeatureCollection of points
    whose properties hold ``nom_lieu``, and in richer exports the schema-lieux-covoiturage fields
    ``id_lieu`` and ``nbre_pl``). Returns the areas and how many features were unusable; raises
    ValueError when the reply is not a FeatureCollection at all."""
    if not isinstance(geojson, dict) or geojson.get("type") != "FeatureCollection":
        raise ValueError("not a GeoJSON FeatureCollection")
    features = geojson.get("features")
    if features is None:  # json_agg gives null for an empty base
        features = []
    if not isinstance(features, list):
        raise ValueError("'features' is not a list")
    areas, skipped = [], 0
    for feature in features:
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        coordinates = geometry.get("coordinates") if isinstance(geometry, dict) else None
        try:
            if geometry.get("type") != "Point":
                raise TypeError
            lon, lat = float(coordinates[0]), float(coordinates[1])
            if not (math.isfinite(lon) and math.isfinite(lat) and -180 <= lon <= 180 and -90 <= lat <= 90):
                raise ValueError
        except (AttributeError, TypeError, ValueError, IndexError):
            skipped += 1
            continue
        properties = feature.get("properties") or {}
        raw_capacity = properties.get("nbre_pl")
        capacity = parse_capacity(None if raw_capacity is None else str(raw_capacity)).value
        name = properties.get("nom_lieu")
        ident = properties.get("id_lieu")
        areas.append(
            CarpoolArea(lon, lat, str(name) if name else None, capacity, str(ident) if ident else None)
        )
    return areas, skipped
