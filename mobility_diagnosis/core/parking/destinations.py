"""Bike-parking destinations (schools, stations and stops, town halls, shops …) and the straight-line
distance to the nearest bike parking."""

from __future__ import annotations

from typing import Mapping, Optional

import numpy as np

from .. import destinations


def destination_kind(tags: Mapping[str, str]) -> Optional[str]:
    """The kind of a bike-parking destination (core.destinations, the parking rows), or None."""
    return destinations.destination_kind(tags, destinations.PARKING)


DESTINATION_KIND_LABELS: dict[str, dict[str, str]] = {
    "en": {"school": "school", "station": "station", "stop": "stop", "townhall": "town hall",
           "shop": "shop", "sport": "sport", "health": "health", "library": "library",
           "public_office": "public office"},
    "fr": {"school": "établissement scolaire", "station": "gare", "stop": "arrêt", "townhall": "mairie",
           "shop": "commerce", "sport": "équipement sportif", "health": "santé", "library": "bibliothèque",
           "public_office": "service public"},
}  # fmt: skip


def destination_label(kind: str, tags: Mapping[str, str], lang: str = "en") -> str:
    """``destination`` field: kind and name, e.g. "school: École des Révoires"."""
    kind_label = DESTINATION_KIND_LABELS.get(lang, DESTINATION_KIND_LABELS["en"]).get(kind, kind)
    name = tags.get("name")
    return f"{kind_label}: {name}" if name else kind_label


def nearest_distances(origins: np.ndarray, targets: np.ndarray, chunk: int = 2048) -> np.ndarray:
    """Straight-line distance from each origin to its nearest target (inf when there is none)."""
    origins = np.asarray(origins, dtype=float).reshape(-1, 2)
    targets = np.asarray(targets, dtype=float).reshape(-1, 2)
    out = np.full(len(origins), np.inf)
    if len(targets) == 0 or len(origins) == 0:
        return out
    for start in range(0, len(origins), chunk):
        block = origins[start : start + chunk]
        d2 = ((block[:, None, :] - targets[None, :, :]) ** 2).sum(axis=2)
        out[start : start + chunk] = np.sqrt(d2.min(axis=1))
    return out
