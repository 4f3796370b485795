"""What the user typed in ``TERRITORY``, and French communes found in the bundled list.

Names are ambiguous in France (many "Saint-Martin"), so a name resolves through the commune list
with its département, and an ambiguous or unknown name is an error that lists what the user can
type instead. Everything here works offline.
"""

from __future__ import annotations

import csv
import difflib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional, Union

# INSEE commune code (the one rule: every theme, the package and the territory parser ask here): a
# département (01-19, 21-95, 2A/2B for Corsica since 1976) or 97 (overseas départements), 98 (overseas
# collectivities) + 3 digits, as in the official commune list (resources/data/communes.csv). "20xxx" is no
# longer a commune code; 00, 96 and 99 never were (99xxx are INSEE's foreign-country codes: Monaco is 99138).
FRENCH_COMMUNE = re.compile(r"^(0[1-9]|1\d|2[1-9AB]|[3-8]\d|9[0-578])\d{3}$")
INSEE_RE = re.compile(FRENCH_COMMUNE.pattern, re.IGNORECASE)  # user input: "2a004" is 2A004
RELATION_RE = re.compile(r"^(?:osm:)?(?:relation|rel|r)[/:](\d+)$", re.IGNORECASE)
# "Cap-d'Ail (06)" or "Cap-d'Ail, 06" or "Saint-Martin (2A)"
NAME_WITH_DEP_RE = re.compile(r"^(?P<name>.+?)\s*(?:\((?P<dep1>\w{2,3})\)|,\s*(?P<dep2>\w{2,3}))$")


def is_insee_code(code: Optional[str]) -> bool:
    """A French commune's INSEE code (any case, spaces around ignored)."""
    return FRENCH_COMMUNE.match((code or "").strip().upper()) is not None


@dataclass(frozen=True)
class Commune:
    code: str
    name: str
    departement: str
    region: str
    population: Optional[int]
    siren: str
    zone: str  # metro | drom | com

    def label(self) -> str:
        return f"{self.name} ({self.departement}, INSEE {self.code})"


@dataclass(frozen=True)
class CommuneRequest:
    commune: Commune


@dataclass(frozen=True)
class RelationRequest:
    relation_id: int


TerritoryRequest = Union[CommuneRequest, RelationRequest]


class TerritoryError(ValueError):
    """A territory the user typed cannot be resolved; the message says what to type instead."""


MESSAGES = {
    "empty": {
        "en": "No territory given. Type an INSEE code (06032), a commune name (Cap-d'Ail (06)), "
        "an OSM relation (osm:relation/2220322), or choose a polygon layer.",
        "fr": "Aucun territoire indiqué. Saisissez un code INSEE (06032), un nom de commune "
        "(Cap-d'Ail (06)), une relation OSM (osm:relation/2220322), ou choisissez une couche de polygones.",
    },
    "unknown_code": {
        "en": "No French commune has the INSEE code {code}. Check the code (5 characters, 2A/2B in Corsica); "
        "for a place outside France use osm:relation/<id>.",
        "fr": "Aucune commune française n'a le code INSEE {code}. Vérifiez le code (5 caractères, 2A/2B "
        "en Corse) ; hors de France, utilisez osm:relation/<id>.",
    },
    "ambiguous": {
        "en": "“{name}” matches {count} communes: {candidates}. Type the INSEE code, or the name with its "
        "département, e.g. “{example}”.",
        "fr": "« {name} » correspond à {count} communes : {candidates}. Saisissez le code INSEE, ou le nom "
        "avec son département, par exemple « {example} ».",
    },
    "unknown_name": {
        "en": "No French commune is called “{name}”.{suggestions} For a place outside France use "
        "osm:relation/<id> or a polygon layer.",
        "fr": "Aucune commune française ne s'appelle « {name} ».{suggestions} Hors de France, utilisez "
        "osm:relation/<id> ou une couche de polygones.",
    },
    "closest": {"en": " Closest names: {names}.", "fr": " Noms les plus proches : {names}."},
    "extent_empty": {
        "en": "The extent (TERRITORY_EXTENT) is empty: give a rectangle with a width and a height, e.g. "
        "7.41,7.43,43.72,43.74 [EPSG:4326] (xmin,xmax,ymin,ymax), or zoom the map to the territory.",
        "fr": "L’emprise (TERRITORY_EXTENT) est vide\u00a0: donnez un rectangle avec une largeur et une hauteur, par "
        "exemple 7.41,7.43,43.72,43.74 [EPSG:4326] (xmin,xmax,ymin,ymax), ou zoomez la carte sur le territoire.",
    },
    "extent_outside": {
        "en": "The extent (TERRITORY_EXTENT) does not fall on the Earth once read in {crs}: check its "
        "coordinates and its CRS.",
        "fr": "L’emprise (TERRITORY_EXTENT) ne tombe pas sur la Terre une fois lue en {crs}\u00a0: vérifiez ses "
        "coordonnées et son SCR.",
    },
    "extent_huge": {
        "en": "The extent (TERRITORY_EXTENT) covers {area}\u00a0km², more than {limit}\u00a0km²: a diagnosis is for "
        "a commune or a group of neighbouring communes. Zoom the map in, or give the territory's outline "
        "(TERRITORY_LAYER).",
        "fr": "L’emprise (TERRITORY_EXTENT) couvre {area}\u00a0km², plus de {limit}\u00a0km²\u00a0: un diagnostic porte "
        "sur une commune ou quelques communes voisines. Zoomez la carte, ou donnez le contour du territoire "
        "(TERRITORY_LAYER).",
    },
    "extent_name": {
        "en": "Extent from {west} {south} to {east} {north}",
        "fr": "Emprise de {west} {south} à {east} {north}",
    },
}

# A rectangle as the territory (TERRITORY_EXTENT): its code, and the largest one accepted. Arles, the largest
# metropolitan commune, covers 759 km² (INSEE); a larger rectangle is almost always a zoomed-out map, whose
# fetch and analysis would run for long on data the user did not mean.
EXTENT_CODE = "extent"
MAX_EXTENT_KM2 = 1000.0


def message(key: str, lang: str = "en", **values) -> str:
    table = MESSAGES[key]
    return table.get(lang, table["en"]).format(**values)


def extent_name(west: float, south: float, east: float, north: float, lang: str = "en") -> str:
    """A readable name for a rectangle territory: its corners in degrees (4 decimals, about 10 m)."""

    def degrees(value: float, positive: str, negative: str) -> str:
        text = f"{abs(value):.4f}"
        return (
            (text.replace(".", ",") if lang == "fr" else text)
            + "°\u00a0"
            + (positive if value >= 0 else negative)
        )

    return message(
        "extent_name",
        lang,
        west=degrees(west, "E", "O" if lang == "fr" else "W"),
        south=degrees(south, "N", "S"),
        east=degrees(east, "E", "O" if lang == "fr" else "W"),
        north=degrees(north, "N", "S"),
    )


def extent_problem(area_km2: float, lang: str = "en") -> Optional[str]:
    """Why a rectangle cannot be the territory (None when it can)."""
    if not area_km2 > 0:
        return message("extent_empty", lang)
    if area_km2 > MAX_EXTENT_KM2:

        def km2(value: float) -> str:
            return f"{value:,.0f}".replace(",", "\u202f" if lang == "fr" else ",")

        return message("extent_huge", lang, area=km2(area_km2), limit=km2(MAX_EXTENT_KM2))
    return None


def fold(text: str) -> str:
    """Case-, accent-, hyphen- and apostrophe-insensitive key: 'Cap-d’Ail' == 'cap d ail'."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"\bst\b", "saint", text)
    text = re.sub(r"\bste\b", "sainte", text)
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


class CommuneIndex:
    """The bundled commune list, indexed by code and by folded name."""

    def __init__(self, communes: Iterable[Commune]):
        self.by_code: dict[str, Commune] = {}
        self.by_name: dict[str, list[Commune]] = {}
        for commune in communes:
            self.by_code[commune.code] = commune
            self.by_name.setdefault(fold(commune.name), []).append(commune)

    @classmethod
    def from_csv(cls, path: Union[str, Path]) -> CommuneIndex:
        with open(path, encoding="utf-8", newline="") as f:
            rows = csv.DictReader(f, delimiter=";")
            return cls(
                Commune(
                    code=r["code"],
                    name=r["nom"],
                    departement=r["departement"],
                    region=r["region"],
                    population=int(r["population"]) if r["population"] else None,
                    siren=r["siren"],
                    zone=r["zone"],
                )
                for r in rows
            )

    def __len__(self) -> int:
        return len(self.by_code)

    def by_departement(self, departement: str) -> list[Commune]:
        dep = departement.upper().zfill(2)
        return sorted((c for c in self.by_code.values() if c.departement == dep), key=lambda c: c.code)

    def find_code(self, code: str, lang: str = "en") -> Commune:
        commune = self.by_code.get(code.upper())
        if commune is None:
            raise TerritoryError(message("unknown_code", lang, code=code))
        return commune

    def find_name(self, text: str, lang: str = "en") -> Commune:
        name, dep = text, None
        match = NAME_WITH_DEP_RE.match(text)
        if match and (match.group("dep1") or match.group("dep2")):
            name, dep = match.group("name"), (match.group("dep1") or match.group("dep2")).upper()
        candidates = self.by_name.get(fold(name), [])
        if dep is not None:
            candidates = [c for c in candidates if c.departement == dep.zfill(2)]
        if len(candidates) == 1:
            return candidates[0]
        if len(candidates) > 1:
            shown = sorted(candidates, key=lambda c: -(c.population or 0))
            listed = ", ".join(c.label() for c in shown[:12]) + (" …" if len(shown) > 12 else "")
            example = f"{shown[0].name} ({shown[0].departement})"
            raise TerritoryError(
                message(
                    "ambiguous", lang, name=name, count=len(candidates), candidates=listed, example=example
                )
            )
        raise TerritoryError(message("unknown_name", lang, name=text, suggestions=self._closest(name, lang)))

    def completions(self, prefix: str, limit: int = 20) -> list[Commune]:
        """Communes whose folded name or code starts with the folded prefix, largest first (for the dock)."""
        key = fold(prefix)
        if not key:
            return []
        if key[:2].isdigit() or key[:2] in ("2a", "2b"):
            found = [c for code, c in self.by_code.items() if code.lower().startswith(key.replace(" ", ""))]
        else:
            found = [c for folded, cs in self.by_name.items() if folded.startswith(key) for c in cs]
        return sorted(found, key=lambda c: -(c.population or 0))[:limit]

    def _closest(self, name: str, lang: str) -> str:
        close = difflib.get_close_matches(fold(name), self.by_name.keys(), n=5, cutoff=0.75)
        if not close:
            return ""
        labels = [c.label() for folded in close for c in self.by_name[folded][:2]]
        return message("closest", lang, names=", ".join(labels[:6]))


def parse_territory(text: str, index: CommuneIndex, lang: str = "en") -> TerritoryRequest:
    """Turn the TERRITORY string into a request: an OSM relation, or a commune from the bundled list."""
    text = (text or "").strip()
    if not text:
        raise TerritoryError(message("empty", lang))
    relation = RELATION_RE.match(text)
    if relation:
        return RelationRequest(int(relation.group(1)))
    if INSEE_RE.match(text):
        return CommuneRequest(index.find_code(text, lang))
    return CommuneRequest(index.find_name(text, lang))
