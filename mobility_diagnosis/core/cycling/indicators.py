"""Indicator rows of the cycling theme (labels in the user's language)."""

from __future__ import annotations

from typing import Optional, Sequence

from ..indicators import Indicator, percent
from .facilities import (
    BUSWAY,
    CONTRAFLOW_LANE,
    CONTRAFLOW_TRACK,
    CONTRAFLOW_UNMARKED,
    CYCLE_STREET,
    CYCLEWAY,
    FACILITIES,
    LANE,
    NONE,
    SEPARATE,
    SHARED_LANE,
    SHARED_PATH,
    SHOULDER,
    TRACK,
)

THEME = "cycling"

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "km_lts": "Street length at LTS {lts}",
        "km_lts0": "Length where cycling is not allowed (LTS 0: footways, steps, motorways)",
        "km_facility": "Length of ways with facility: {facility}",
        "share_lts_le2": "Share of street length at LTS 1-2 (low stress)",
        "islands": "Number of low-stress islands",
        "islands_sizeable": "Number of low-stress islands of 1 km or more",
        "largest_island_share": "Share of the low-stress network in the largest island",
        "share_no_speed_tag": "Share of street length without a speed tag (where mapping would help)",
        "gaps": "Number of cycling gaps found",
        "street_km": "Street length open to cars where cycling is allowed (the base of the shares)",
    },
    "fr": {
        "km_lts": "Linéaire de voirie en niveau de stress cycliste {lts}",
        "km_lts0": "Linéaire où le vélo n’est pas autorisé (niveau 0 : trottoirs, escaliers, voies rapides)",
        "km_facility": "Linéaire de voies avec aménagement : {facility}",
        "share_lts_le2": "Part du linéaire de voirie en niveau 1-2 (apaisé)",
        "islands": "Nombre d’îlots cyclables apaisés",
        "islands_sizeable": "Nombre d’îlots cyclables apaisés d’au moins 1 km",
        "largest_island_share": "Part du réseau apaisé dans le plus grand îlot",
        "share_no_speed_tag": "Part du linéaire sans vitesse renseignée (où la cartographie aiderait)",
        "gaps": "Nombre de discontinuités cyclables repérées",
        "street_km": "Linéaire de voirie ouvert aux voitures où le vélo est autorisé (base des parts)",
    },
}


# The facilities in words (the controlled vocabulary of facilities.py; French words of the Cerema's guides).
FACILITY_NAMES: dict[str, dict[str, str]] = {
    "en": {
        TRACK: "cycle track",
        LANE: "cycle lane",
        SHARED_LANE: "sharrows",
        BUSWAY: "bus lane open to bikes",
        SHOULDER: "shoulder",
        CONTRAFLOW_LANE: "contraflow lane",
        CONTRAFLOW_TRACK: "contraflow track",
        CONTRAFLOW_UNMARKED: "unmarked contraflow",
        CYCLEWAY: "cycleway",
        SHARED_PATH: "shared path",
        CYCLE_STREET: "cycle street",
    },
    "fr": {
        TRACK: "piste cyclable",
        LANE: "bande cyclable",
        SHARED_LANE: "chaussée partagée (figurines vélo)",
        BUSWAY: "couloir bus ouvert aux vélos",
        SHOULDER: "accotement revêtu",
        CONTRAFLOW_LANE: "double sens cyclable en bande",
        CONTRAFLOW_TRACK: "double sens cyclable en piste",
        CONTRAFLOW_UNMARKED: "double sens cyclable sans marquage",
        CYCLEWAY: "voie cyclable",
        SHARED_PATH: "voie partagée piétons-vélos",
        CYCLE_STREET: "vélorue",
    },
}


def cycling_indicators(
    lengths_m: Sequence[float],
    lts: Sequence[int],
    left: Sequence[str],
    right: Sequence[str],
    speed_tagged: Sequence[bool],
    is_street: Sequence[bool],
    n_islands: int,
    n_sizeable_islands: int,
    largest_share: Optional[float],
    n_gaps: int,
    lang: str = "en",
) -> list[Indicator]:
    """Figures over the ways inside the territory. A facility counts once per way even on both sides;
    "streets" are ways open to motor traffic (the denominator of the shares)."""
    text = LABELS.get(lang, LABELS["en"])
    names = FACILITY_NAMES.get(lang, FACILITY_NAMES["en"])
    rows: list[Indicator] = []

    def add(indicator: str, value: Optional[float], unit: str, label: Optional[str] = None) -> None:
        rows.append(Indicator(THEME, indicator, text[indicator] if label is None else label, value, unit))

    street_total = sum(m for m, s, lv in zip(lengths_m, is_street, lts) if s and lv > 0)
    for level in range(5):
        km = sum(m for m, lv in zip(lengths_m, lts) if lv == level) / 1000.0
        add(
            f"km_lts{level}",
            round(km, 3),
            "km",
            text["km_lts0"] if level == 0 else text["km_lts"].format(lts=level),
        )
    for facility in FACILITIES:
        if facility in (NONE, SEPARATE):
            continue
        km = sum(m for m, a, b in zip(lengths_m, left, right) if facility in (a, b)) / 1000.0
        add(
            f"km_{facility}",
            round(km, 3),
            "km",
            text["km_facility"].format(facility=names.get(facility, facility)),
        )
    low = sum(m for m, s, lv in zip(lengths_m, is_street, lts) if s and 1 <= lv <= 2)
    add("share_lts_le2", percent(low, street_total, 2), "%")
    add("islands", float(n_islands), "count")
    add("islands_sizeable", float(n_sizeable_islands), "count")
    add("largest_island_share", round(100.0 * largest_share, 2) if largest_share is not None else None, "%")
    untagged = sum(
        m for m, s, t, lv in zip(lengths_m, is_street, speed_tagged, lts) if s and lv > 0 and not t
    )
    add("share_no_speed_tag", percent(untagged, street_total, 2), "%")
    add("gaps", float(n_gaps), "count")
    add("street_km", round(street_total / 1000.0, 3), "km")  # the shares' denominator, said with them
    return rows
