"""The national bike-parking schema (etalab/schema-stationnement-cyclable 1.1.2):
stationnement_cyclable.csv rows from OSM bike parking."""

from __future__ import annotations

from typing import Iterable, Mapping, Optional

from ..territory import is_insee_code
from .bike_parking import YES_NO
from .capacity import parse_capacity
from .messages import message

SCHEMA_FIELDS: tuple[str, ...] = (
    "id_local", "id_osm", "code_com", "coordonneesxy", "capacite", "capacite_cargo", "type_accroche",
    "mobilier", "acces", "gratuit", "protection", "couverture", "surveillance", "lumiere", "url_info",
    "d_service", "source", "proprietaire", "gestionnaire", "date_maj", "commentaires",
)  # fmt: skip

# bicycle_parking=* (OSM wiki Key:bicycle_parking) → (type_accroche, mobilier, protection).
# Our reading of the schema's vocabulary: stands (arceaux) hold the frame and a wheel; wall loops,
# racks and ground slots (râteliers, pince-roues) hold a wheel only; a bollard (potelet) the frame.
BIKE_TYPE_TO_SCHEMA: dict[str, tuple[str, str, str]] = {
    "stands": ("CADRE ET ROUE", "ARCEAU", "STATIONNEMENT NON FERME"),
    "wide_stands": ("CADRE ET ROUE", "ARCEAU VELO GRANDE TAILLE", "STATIONNEMENT NON FERME"),
    "safe_loops": ("CADRE ET ROUE", "ARCEAU", "STATIONNEMENT NON FERME"),
    "wall_loops": ("ROUE", "RATELIER", "STATIONNEMENT NON FERME"),
    "rack": ("ROUE", "RATELIER", "STATIONNEMENT NON FERME"),
    "ground_slots": ("ROUE", "RATELIER", "STATIONNEMENT NON FERME"),
    "two-tier": ("ROUE", "RACK DOUBLE ETAGE", "STATIONNEMENT NON FERME"),
    "bollard": ("CADRE", "POTELET", "STATIONNEMENT NON FERME"),
    "anchors": ("CADRE", "AUTRE", "STATIONNEMENT NON FERME"),
    "handlebar_holder": ("ROUE", "SUPPORT GUIDON", "STATIONNEMENT NON FERME"),
    "hooks": ("ROUE", "CROCHET", "STATIONNEMENT NON FERME"),
    "floor": ("SANS ACCROCHE", "AUCUN EQUIPEMENT", "STATIONNEMENT NON FERME"),
    "informal": ("SANS ACCROCHE", "AUCUN EQUIPEMENT", "STATIONNEMENT NON FERME"),
    "lockers": ("CADRE ET ROUE", "AUTRE", "BOX INDIVIDUEL FERME"),
    "shed": ("CADRE ET ROUE", "AUTRE", "CONSIGNE COLLECTIVE FERMEE"),
    "building": ("CADRE ET ROUE", "AUTRE", "CONSIGNE COLLECTIVE FERMEE"),
}
# access=* → acces (OSM wiki Key:access).
ACCESS_TO_SCHEMA: dict[str, str] = {
    "yes": "LIBRE ACCES", "public": "LIBRE ACCES", "permissive": "LIBRE ACCES",
    "customers": "LIBRE ACCES", "designated": "LIBRE ACCES",
    "members": "ABONNEMENT OU INSCRIPTION PREALABLE", "permit": "ABONNEMENT OU INSCRIPTION PREALABLE",
    "private": "PRIVE", "no": "PRIVE",
}  # fmt: skip
SCHEMA_BOOL = {True: "true", False: "false", None: ""}
OSM_TYPE_PREFIX = {"node": "n", "way": "w", "relation": "r"}


def osm_ref(osm_type: str, osm_id: int) -> str:
    """``n123``/``w123``/``r123``, the schema's id_osm form."""
    return f"{OSM_TYPE_PREFIX.get(osm_type, osm_type[:1])}{osm_id}"


def schema_row(
    osm_type: str,
    osm_id: int,
    tags: Mapping[str, str],
    lon: float,
    lat: float,
    *,
    commune_code: str = "",
    date_maj: str = "",
) -> tuple[Optional[dict[str, str]], Optional[str]]:
    """One CSV row for the national schema, or (None, reason key) when a required field is unknown."""
    capacity = parse_capacity(tags.get("capacity"), kind="bike").value
    if capacity is None:
        return None, "no_capacity"
    mapping = BIKE_TYPE_TO_SCHEMA.get(tags.get("bicycle_parking", ""))
    if mapping is None:
        return None, "no_type"
    accroche, mobilier, protection = mapping
    ref = osm_ref(osm_type, osm_id)
    fee = tags.get("fee")
    row = dict.fromkeys(SCHEMA_FIELDS, "")
    row.update(
        id_local=ref,
        id_osm=ref,
        code_com=commune_code.strip().upper()
        if is_insee_code(commune_code)
        else "",  # the schema's code_com pattern
        coordonneesxy=f"[{lon:.7f},{lat:.7f}]",
        capacite=str(capacity),
        capacite_cargo=str(parse_capacity(tags.get("capacity:cargo_bike"), kind="bike").value or ""),
        type_accroche=accroche,
        mobilier=mobilier,
        acces=ACCESS_TO_SCHEMA.get(tags.get("access", ""), ""),
        gratuit=SCHEMA_BOOL[{"no": True, "yes": False}.get(fee or "")],
        protection=protection,
        couverture=SCHEMA_BOOL[YES_NO.get(tags.get("covered", ""))],
        surveillance=SCHEMA_BOOL[YES_NO.get(tags.get("supervised", ""))],
        lumiere=SCHEMA_BOOL[YES_NO.get(tags.get("lit", ""))],
        url_info=tags.get("website", "")
        if tags.get("website", "").startswith(("http://", "https://"))
        else "",
        source="OpenStreetMap",
        proprietaire=tags.get("owner", ""),
        gestionnaire=tags.get("operator", ""),
        date_maj=date_maj,
        commentaires=tags.get("description", tags.get("name", "")),
    )
    return row, None


def schema_rows(
    items: Iterable[tuple[str, int, Mapping[str, str], float, float]],
    *,
    commune_code: str = "",
    date_maj: str = "",
    lang: str = "en",
) -> tuple[list[dict[str, str]], Optional[str]]:
    """Rows for every bike parking the schema can describe, and one message counting those left out."""
    rows, left_out = [], {}
    for osm_type, osm_id, tags, lon, lat in items:
        row, reason = schema_row(
            osm_type, osm_id, tags, lon, lat, commune_code=commune_code, date_maj=date_maj
        )
        if row is None:
            left_out[reason] = left_out.get(reason, 0) + 1
        else:
            rows.append(row)
    if not left_out:
        return rows, None
    reasons = ", ".join(f"{message(lang, key)}: {count}" for key, count in sorted(left_out.items()))
    return rows, message(lang, "csv_left_out", count=sum(left_out.values()), reasons=reasons)
