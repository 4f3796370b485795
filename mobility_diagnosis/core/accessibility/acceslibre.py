"""Acceslibre, the national base of the accessibility of public buildings (ERP): its API pages and its
open-data CSV export read into plain establishments, and each one classed for a wheelchair user: step-free
entrance, step-free path from the street, parking for disabled people (yes / no / unknown, with a reason).

Formats, as documented (nothing here goes beyond them):
- API ``GET /api/erps/?code_insee=…`` (MTES-MCT/acceslibre ``api/views.py``, ``api/serializers.py``, and the
  expected reply of its ``tests/api/tests.py``): a page ``{"count", "page_size", "next", "previous",
  "results"}``; each result has ``uuid``, ``nom``, ``adresse``, ``commune``, ``code_insee``, ``activite``
  (``{"nom", "slug"}``), ``web_url``, ``geom`` (GeoJSON ``{"type": "Point", "coordinates": [lon, lat]}``) and
  ``accessibilite``, whose fields are grouped by section (``transport``, ``cheminement_ext``, ``entree``, …;
  the parking fields sat in a ``stationnement`` section in older versions, in ``transport`` today): the
  sections are flattened, each field name being unique.
- CSV export on data.gouv.fr (``acceslibre.csv``, ``acceslibre-with-web-url.csv``; ``erp/export/mappers.py``
  ``EtalabMapper``, the schema MTES-MCT/acceslibre-schema): one row per establishment with ``id``, ``name``,
  ``commune``, ``code_insee``, ``activite``, ``longitude``, ``latitude``, the same accessibility field names
  and ``web_url``; booleans written ``True`` / ``False``, empty when not known.
Pure: no QGIS import.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator, List, Mapping, Optional, Sequence, Tuple

from ..indicators import Indicator
from .indicators import THEME

# Its producer, licence and dataset page: the "acceslibre" row of core/sources.py (one place for them).

# The accessibility fields read (schema MTES-MCT/acceslibre-schema; types from its documentation).
BOOLEAN_FIELDS = (
    "entree_plain_pied",  # the entrance has no step or threshold above 2 cm
    "entree_ascenseur",  # a lift or platform at the entrance
    "entree_pmr",  # a separate entrance dedicated to people with reduced mobility
    "cheminement_ext_presence",  # an outside path leads from the street to the entrance
    "cheminement_ext_plain_pied",
    "cheminement_ext_ascenseur",
    "stationnement_presence",  # parking spaces on the establishment's plot …
    "stationnement_pmr",  # … some of them adapted (a sub-question of the one above)
    "stationnement_ext_presence",  # parking spaces within 200 m …
    "stationnement_ext_pmr",  # … some of them adapted
    "transport_station_presence",  # a transit stop within 200 m
)
INTEGER_FIELDS = ("entree_marches", "entree_largeur_mini")  # number of steps; door width in cm
RAMP_FIELDS = ("entree_marches_rampe", "cheminement_ext_rampe")
RAMP_VALUES = ("aucune", "fixe", "amovible")  # documented values; "fixe"/"amovible" are a ramp
FIELDS = BOOLEAN_FIELDS + INTEGER_FIELDS + RAMP_FIELDS
CLASSES = ("yes", "no", "unknown")
NARROW_DOOR_CM = 80  # acceslibre's own threshold (Accessibilite.entrance_has_min_width)


@dataclass(frozen=True)
class Establishment:
    uid: str  # the API's uuid, the export's id
    name: str
    activity: str
    address: str
    commune: str
    code_insee: str
    lon: Optional[float]
    lat: Optional[float]
    web_url: str
    # FIELDS → True/False/int/str, None when not known
    access: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Rule:
    """First matching row wins: every field named must hold one of the values given."""

    when: Mapping[str, Tuple[Any, ...]]
    cls: str
    reason: str  # key of REASONS


# Step-free entrance. Source: acceslibre's own reading of its fields (erp/widget_utils.py
# get_entrance_label: plain-pied, then a dedicated PMR entrance, then not filled, then a lift, then a fixed
# or removable ramp, else "L'entrée n'est pas de plain-pied"); field meanings from the schema documentation.
ENTRANCE_RULES: Tuple[Rule, ...] = (
    Rule({"entree_plain_pied": (True,)}, "yes", "entrance_level"),
    Rule({"entree_pmr": (True,)}, "yes", "entrance_pmr"),
    Rule({"entree_plain_pied": (None,)}, "unknown", "entrance_not_filled"),
    Rule({"entree_ascenseur": (True,)}, "yes", "entrance_lift"),
    Rule({"entree_marches_rampe": ("fixe", "amovible")}, "yes", "entrance_ramp"),
    Rule({}, "no", "entrance_steps"),
)
# Step-free path from the street to the entrance. Source: erp/widget_utils.py get_outside_path_label (steps
# only: its other criteria, ground, slope, camber, narrowing, are not about steps) and the schema.
PATH_RULES: Tuple[Rule, ...] = (
    Rule({"cheminement_ext_presence": (False,)}, "yes", "path_none"),
    Rule({"cheminement_ext_presence": (None,)}, "unknown", "path_not_filled"),
    Rule({"cheminement_ext_plain_pied": (True,)}, "yes", "path_level"),
    Rule({"cheminement_ext_plain_pied": (None,)}, "unknown", "path_not_filled"),
    Rule({"cheminement_ext_ascenseur": (True,)}, "yes", "path_lift"),
    Rule({"cheminement_ext_rampe": ("fixe", "amovible")}, "yes", "path_ramp"),
    Rule({}, "no", "path_steps"),
)
# Parking for disabled people on the plot or within 200 m. Source: erp/widget_utils.py get_parking_label
# and the schema (stationnement_pmr / _ext_pmr are asked only when there are spaces: a "no" to the spaces is
# a "no" to adapted ones); "no" only when both places answered no.
PARKING_RULES: Tuple[Rule, ...] = (
    Rule({"stationnement_pmr": (True,)}, "yes", "parking_on_site"),
    Rule({"stationnement_ext_pmr": (True,)}, "yes", "parking_nearby"),
    Rule({"stationnement_presence": (False,), "stationnement_ext_presence": (False,)}, "no", "parking_none"),
    Rule({"stationnement_presence": (False,), "stationnement_ext_pmr": (False,)}, "no", "parking_none"),
    Rule({"stationnement_pmr": (False,), "stationnement_ext_presence": (False,)}, "no", "parking_none"),
    Rule({"stationnement_pmr": (False,), "stationnement_ext_pmr": (False,)}, "no", "parking_none"),
    Rule({}, "unknown", "parking_not_filled"),
)

REASONS = {
    "en": {
        "entrance_level": "step-free entrance",
        "entrance_pmr": "dedicated entrance for people with reduced mobility",
        "entrance_not_filled": "entrance not described",
        "entrance_lift": "steps, with a lift or platform",
        "entrance_ramp": "steps, with a ramp",
        "entrance_steps": "steps, no ramp or lift recorded",
        "path_none": "entrance on the street",
        "path_not_filled": "outside path not described",
        "path_level": "step-free outside path",
        "path_lift": "outside path with a lift or platform",
        "path_ramp": "outside path with a ramp",
        "path_steps": "steps on the outside path, no ramp or lift recorded",
        "parking_on_site": "adapted spaces on site",
        "parking_nearby": "adapted spaces within 200 m",
        "parking_none": "no adapted spaces on site or within 200 m",
        "parking_not_filled": "parking not described",
        "narrow": "door narrower than {cm} cm",
        "sep": "; ",
    },
    "fr": {
        "entrance_level": "entrée de plain-pied",
        "entrance_pmr": "entrée dédiée aux personnes à mobilité réduite",
        "entrance_not_filled": "entrée non renseignée",
        "entrance_lift": "marches, avec ascenseur ou élévateur",
        "entrance_ramp": "marches, avec rampe",
        "entrance_steps": "marches, sans rampe ni ascenseur renseigné",
        "path_none": "entrée sur la voirie",
        "path_not_filled": "cheminement extérieur non renseigné",
        "path_level": "cheminement extérieur de plain-pied",
        "path_lift": "cheminement extérieur avec ascenseur ou élévateur",
        "path_ramp": "cheminement extérieur avec rampe",
        "path_steps": "marches sur le cheminement extérieur, sans rampe ni ascenseur renseigné",
        "parking_on_site": "places adaptées dans l’établissement",
        "parking_nearby": "places adaptées à moins de 200 m",
        "parking_none": "pas de place adaptée dans l’établissement ni à moins de 200 m",
        "parking_not_filled": "stationnement non renseigné",
        "narrow": "porte de moins de {cm} cm",
        "sep": "\u202f; ",
    },
}


class AcceslibreFormatError(ValueError):
    """The data is not in a documented Acceslibre format; the message says what is missing."""


# ------------------------------------------------------------------------------------------ values
def _boolean(value: Any) -> Optional[bool]:
    """JSON true/false, or the export's True/False; anything else (empty, null) is not known."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower() if value is not None else ""
    return {"true": True, "false": False}.get(text)


def _integer(value: Any) -> Optional[int]:
    if value is None or isinstance(value, bool) or str(value).strip() == "":
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return int(number) if math.isfinite(number) else None


def _ramp(value: Any) -> Optional[str]:
    text = str(value).strip().lower() if value is not None else ""
    return text if text in RAMP_VALUES else None


def _coordinate(value: Any) -> Optional[float]:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def access_fields(flat: Mapping[str, Any]) -> dict:
    """The fields read, typed; a value outside the documented ones is not known."""
    out: dict = {}
    for name in BOOLEAN_FIELDS:
        out[name] = _boolean(flat.get(name))
    for name in INTEGER_FIELDS:
        out[name] = _integer(flat.get(name))
    for name in RAMP_FIELDS:
        out[name] = _ramp(flat.get(name))
    return out


# ------------------------------------------------------------------------------------------ API
def _flatten_sections(accessibilite: Any) -> dict:
    flat: dict = {}
    if isinstance(accessibilite, dict):
        for value in accessibilite.values():
            if isinstance(value, dict):
                flat.update(value)
    return flat


def establishment_from_api(result: Mapping[str, Any]) -> Establishment:
    geom = result.get("geom") if isinstance(result.get("geom"), dict) else {}
    coords = geom.get("coordinates") if geom.get("type") == "Point" else None
    lon, lat = (coords[0], coords[1]) if isinstance(coords, list) and len(coords) >= 2 else (None, None)
    activity = result.get("activite")
    return Establishment(
        uid=str(result.get("uuid") or result.get("slug") or ""),
        name=str(result.get("nom") or ""),
        activity=str(activity.get("nom") or "") if isinstance(activity, dict) else "",
        address=str(result.get("adresse") or ""),
        commune=str(result.get("commune") or ""),
        code_insee=str(result.get("code_insee") or ""),
        lon=_coordinate(lon),
        lat=_coordinate(lat),
        web_url=str(result.get("web_url") or ""),
        access=access_fields(_flatten_sections(result.get("accessibilite"))),
    )


def api_page(data: Any) -> Tuple[List[Establishment], Optional[str], Optional[int]]:
    """The establishments of one API page, the URL of the next page (None on the last) and the total count."""
    if not isinstance(data, dict) or not isinstance(data.get("results"), list):
        raise AcceslibreFormatError("an Acceslibre API page is an object with a 'results' list")
    found = [establishment_from_api(r) for r in data["results"] if isinstance(r, dict)]
    nxt = data.get("next")
    count = data.get("count")
    return found, (str(nxt) if nxt else None), (int(count) if isinstance(count, int) else None)


# ------------------------------------------------------------------------------------------ CSV export
CSV_REQUIRED = ("name", "longitude", "latitude")


def read_export(lines: Iterable[str]) -> Iterator[Establishment]:
    """Establishments of the open-data CSV export, streamed (the national file has hundreds of thousands
    of rows). Raises AcceslibreFormatError when the header lacks the documented columns."""
    lines = iter(lines)
    first = next(lines, "")
    sample = first.lstrip("\ufeff")
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.DictReader(_chain(sample, lines), delimiter=delimiter)
    header = [h.strip() for h in (reader.fieldnames or [])]
    missing = [c for c in CSV_REQUIRED if c not in header]
    if missing:
        raise AcceslibreFormatError(
            "the file is not an Acceslibre export: columns {} missing (found: {})".format(
                ", ".join(missing), ", ".join(header[:12]) or "none"
            )
        )
    for row in reader:
        row = {(k or "").strip(): v for k, v in row.items()}
        address = " ".join(p for p in (row.get("numero"), row.get("voie"), row.get("lieu_dit")) if p)
        yield Establishment(
            uid=str(row.get("id") or ""),
            name=str(row.get("name") or ""),
            activity=str(row.get("activite") or ""),
            address=address,
            commune=str(row.get("commune") or ""),
            code_insee=str(row.get("code_insee") or ""),
            lon=_coordinate(row.get("longitude")),
            lat=_coordinate(row.get("latitude")),
            web_url=str(row.get("web_url") or ""),
            access=access_fields(row),
        )


# The columns ``export_csv`` writes: those ``read_export`` reads, named and ordered as in the data.gouv.fr
# export (EtalabMapper, erp/export/mappers.py). The API gives the address as one string: it goes in ``voie``
# (read_export joins numero, voie and lieu_dit, so it reads back unchanged).
EXPORT_COLUMNS = ("id", "name", "commune", "voie", "code_insee", "activite", "longitude", "latitude")


def _export_value(value: Any) -> str:
    return "" if value is None else str(value)  # True/False as the export writes them; None: not known


def export_csv(establishments: Iterable[Establishment]) -> str:
    """The establishments in the CSV-export layout (comma, a header), so that ``read_export`` gives them
    back field for field: what an offline kit carries of an online fetch (docs/sources.md)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow((*EXPORT_COLUMNS, *FIELDS, "web_url"))
    for e in establishments:
        place = ("" if e.lon is None else repr(e.lon), "" if e.lat is None else repr(e.lat))
        fixed = (e.uid, e.name, e.commune, e.address, e.code_insee, e.activity, *place)
        writer.writerow((*fixed, *(_export_value(e.access.get(name)) for name in FIELDS), e.web_url))
    return out.getvalue()


def _chain(first: str, rest: Iterator[str]) -> Iterator[str]:
    if first:
        yield first
    yield from rest


# ------------------------------------------------------------------------------------------ classes
def classify(access: Mapping[str, Any], rules: Sequence[Rule]) -> Rule:
    for rule in rules:
        if all(access.get(name) in values for name, values in rule.when.items()):
            return rule
    raise AssertionError("every rule table ends with a catch-all row")


@dataclass(frozen=True)
class AccessClasses:
    entrance: str
    entrance_reason: str
    path: str
    path_reason: str
    parking: str
    parking_reason: str


def access_classes(access: Mapping[str, Any], lang: str = "en") -> AccessClasses:
    texts = REASONS.get(lang, REASONS["en"])
    entrance = classify(access, ENTRANCE_RULES)
    path = classify(access, PATH_RULES)
    parking = classify(access, PARKING_RULES)
    entrance_reason = texts[entrance.reason]
    width = access.get("entree_largeur_mini")
    if entrance.cls == "yes" and width is not None and width < NARROW_DOOR_CM:
        entrance_reason += texts["sep"] + texts["narrow"].format(cm=NARROW_DOOR_CM)
    return AccessClasses(
        entrance.cls, entrance_reason, path.cls, texts[path.reason], parking.cls, texts[parking.reason]
    )


# ------------------------------------------------------------------------------------------ indicators
LABELS = {
    "en": {
        "public_buildings_near_stops_schools": "Public buildings (Acceslibre) within {m} m walk of a stop or a "
        "school",
        "public_buildings_step_free_entrance_share": "Share of the {n} public buildings within {m} m walk of a "
        "stop or school with a step-free entrance (Acceslibre)",
        "public_buildings_entrance_unknown_share": "Share of the {n} public buildings within {m} m walk of a "
        "stop or school whose entrance is not described (Acceslibre)",
        "public_buildings_disabled_parking_share": "Share of the {n} public buildings within {m} m walk of a "
        "stop or school with parking for disabled people (Acceslibre)",
        "public_buildings_parking_unknown_share": "Share of the {n} public buildings within {m} m walk of a "
        "stop or school whose parking is not described (Acceslibre)",
        "not_available": " — not available: {why}",
    },
    "fr": {
        "public_buildings_near_stops_schools": "Établissements recevant du public (Acceslibre) à moins de {m} m "
        "à pied d’un arrêt ou d’une école",
        "public_buildings_step_free_entrance_share": "Part des {n} établissements à moins de {m} m à pied d’un "
        "arrêt ou d’une école dont l’entrée est accessible sans marche (Acceslibre)",
        "public_buildings_entrance_unknown_share": "Part des {n} établissements à moins de {m} m à pied d’un "
        "arrêt ou d’une école dont l’entrée n’est pas renseignée (Acceslibre)",
        "public_buildings_disabled_parking_share": "Part des {n} établissements à moins de {m} m à pied d’un "
        "arrêt ou d’une école avec stationnement adapté (Acceslibre)",
        "public_buildings_parking_unknown_share": "Part des {n} établissements à moins de {m} m à pied d’un "
        "arrêt ou d’une école dont le stationnement n’est pas renseigné (Acceslibre)",
        "not_available": " — non disponible : {why}",
    },
}


def public_building_indicators(
    entrance: Optional[Sequence[str]],
    parking: Optional[Sequence[str]],
    near_m: float,
    lang: str = "en",
    unavailable: str = "",
) -> List[Indicator]:
    """Counts and shares over the establishments near stops or schools (the label gives the denominator);
    an unknown class is its own share, never counted as "no". ``entrance``/``parking`` None: the source
    was not available (``unavailable`` says why) and every value is None."""
    lab = LABELS.get(lang, LABELS["en"])
    n = len(entrance) if entrance is not None else 0
    suffix = lab["not_available"].format(why=unavailable) if entrance is None else ""

    def label(key: str) -> str:
        return lab[key].format(n=n, m=f"{near_m:g}") + suffix

    def share(values: Optional[Sequence[str]], cls: str) -> Optional[float]:
        if values is None or not values:
            return None
        return 100.0 * sum(1 for v in values if v == cls) / len(values)

    return [
        Indicator(THEME, "public_buildings_near_stops_schools", label("public_buildings_near_stops_schools"),
                  None if entrance is None else float(n), "count"),
        Indicator(THEME, "public_buildings_step_free_entrance_share",
                  label("public_buildings_step_free_entrance_share"), share(entrance, "yes"), "%"),
        Indicator(THEME, "public_buildings_entrance_unknown_share",
                  label("public_buildings_entrance_unknown_share"), share(entrance, "unknown"), "%"),
        Indicator(THEME, "public_buildings_disabled_parking_share",
                  label("public_buildings_disabled_parking_share"), share(parking, "yes"), "%"),
        Indicator(THEME, "public_buildings_parking_unknown_share",
                  label("public_buildings_parking_unknown_share"), share(parking, "unknown"), "%"),
    ]  # fmt: skip
