"""Mapping of cycle facilities to the national schema BNAC (etalab/schema-amenagements-cyclables).

Pure mapping: a way's facilities, speed and commune code in, one schema ``properties`` dict out. The
writer (qgis_io/export/bnac_geojson.py) adds WGS84 geometry. Only ways with a facility on at least one side
are exported (the schema inventories facilities, not every street).

The schema's enums differ between sides (``ame_g`` spells "AMENAGEMENT MIXTES ..." and
"ACCOTEMENT REVENTU ..."); the tables below follow the published schema to the letter.
"""

from __future__ import annotations

import math
from typing import Mapping, Optional

from ..territory import is_insee_code
from . import facilities as fac

# facility -> ame_* (DOMAIN.md proposal, schema enum). shared_path and cycleway are refined below.
AME: dict[str, str] = {
    fac.TRACK: "PISTE CYCLABLE",
    fac.LANE: "BANDE CYCLABLE",
    fac.CONTRAFLOW_TRACK: "DOUBLE SENS CYCLABLE PISTE",
    fac.CONTRAFLOW_LANE: "DOUBLE SENS CYCLABLE BANDE",
    fac.CONTRAFLOW_UNMARKED: "DOUBLE SENS CYCLABLE",
    fac.BUSWAY: "COULOIR BUS+VELO",
    fac.CYCLE_STREET: "VELO RUE",
    fac.SHOULDER: "ACCOTEMENT REVETU HORS CVCB",
    fac.SHARED_LANE: "AUTRE",
    fac.CYCLEWAY: "PISTE CYCLABLE",
    fac.SHARED_PATH: "AMENAGEMENT MIXTE PIETON VELO HORS VOIE VERTE",
    fac.SEPARATE: "AUCUN",  # the facility is exported with its own way
    fac.NONE: "AUCUN",
}
VOIE_VERTE = "VOIE VERTE"
# ame_g's enum spelling of the same values (schema as published).
LEFT_SPELLING: dict[str, str] = {
    "AMENAGEMENT MIXTE PIETON VELO HORS VOIE VERTE": "AMENAGEMENT MIXTES PIETON VELO HORS VOIE VERTE",
    "ACCOTEMENT REVETU HORS CVCB": "ACCOTEMENT REVENTU HORS CVCB",
}
ON_CARRIAGEWAY = (fac.LANE, fac.CONTRAFLOW_LANE, fac.BUSWAY, fac.SHOULDER, fac.CONTRAFLOW_UNMARKED)
EXPORTED = {k for k, v in AME.items() if v != "AUCUN"}

# Régime from the road class and speed (Code de la route R110-2): the first matching row wins.
# (highway classes or None, max km/h or None, regime)
REGIMES: tuple[tuple[Optional[tuple[str, ...]], Optional[float], str], ...] = (
    (("pedestrian",), None, "AIRE PIETONNE"),
    (("living_street",), None, "ZONE DE RENCONTRE"),
    (None, 20, "ZONE DE RENCONTRE"),
    (None, 30, "ZONE 30"),
    (("cycleway", "path", "footway", "bridleway", "track"), None, "AUTRE"),
    (None, 50, "EN AGGLOMERATION"),
    (None, math.inf, "HORS AGGLOMERATION"),
)


def ame_for(facility: str, tags: Mapping[str, str]) -> str:
    """The schema value for one side. A path reserved to walkers and cyclists is a voie verte
    (Code de la route R110-2: bicycle=designated and foot=designated, no motor traffic)."""
    bicycle = tags.get("bicycle", "designated" if facility == fac.CYCLEWAY else "")
    voie_verte = (
        facility in (fac.SHARED_PATH, fac.CYCLEWAY)
        and tags.get("foot") == "designated"
        and bicycle == "designated"
        and tags.get("segregated") != "yes"
    )
    if voie_verte:
        return VOIE_VERTE
    return AME.get(facility, "AUTRE")


def regime_for(highway: str, kmh: Optional[float]) -> str:
    """Régime of the traffic beside the facility; AUTRE when the speed is unknown (never a guess)."""
    for classes, max_kmh, regime in REGIMES:
        if classes is not None and highway not in classes:
            continue
        if max_kmh is not None and (kmh is None or kmh > max_kmh + 0.5):
            continue
        return regime
    return "AUTRE"


def sens_for(bidirectional: bool) -> str:
    return "BIDIRECTIONNEL" if bidirectional else "UNIDIRECTIONNEL"


def is_exported(left: str, right: str) -> bool:
    return left in EXPORTED or right in EXPORTED


def bnac_properties(
    *,
    osm_type: str,
    osm_id: int,
    tags: Mapping[str, str],
    facilities: fac.Facilities,
    speed_kmh: Optional[float],
    commune_code: str,
    date_maj: Optional[str] = None,
) -> dict:
    """Schema properties for one way (``id_local`` is stable: the OSM type and id)."""
    highway = tags.get("highway", "")
    regime = regime_for(highway, speed_kmh)
    props: dict = {
        "id_local": f"{osm_type[:1]}{osm_id}",
        "id_osm": str(osm_id),
        "ame_d": ame_for(facilities.right, tags),
        "ame_g": ame_for(facilities.left, tags),
        "regime_d": regime,
        "regime_g": regime,
        "sens_d": sens_for(facilities.right_bidirectional),
        "sens_g": sens_for(facilities.left_bidirectional),
        "statut_d": "EN SERVICE",
        "statut_g": "EN SERVICE",
        "source": "OpenStreetMap",
    }
    props["ame_g"] = LEFT_SPELLING.get(props["ame_g"], props["ame_g"])
    code = (commune_code or "").strip().upper()
    if is_insee_code(code):
        props["code_com_d"] = code
        props["code_com_g"] = code
    if speed_kmh is not None and highway not in ("cycleway", "path", "footway", "bridleway"):
        props["trafic_vit"] = int(round(speed_kmh))
    if date_maj:
        props["date_maj"] = date_maj
    for side, facility in (("d", facilities.right), ("g", facilities.left)):
        if facility in ON_CARRIAGEWAY:
            props[f"local_{side}"] = "CHAUSSEE"
        elif facilities.standalone and tags.get("footway") == "sidewalk":
            props[f"local_{side}"] = "TROTTOIR"
    return props
