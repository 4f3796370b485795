"""The national school directory ("Annuaire de l'éducation") as plain records.

The same rows arrive from two places: the CSV export of data.education.gouv.fr (official column
names such as ``Identifiant_de_l_etablissement``, ``;``-separated, UTF-8 with a BOM) and the explore
v2.1 API (lower-case names, numbers as JSON numbers). Both go through :func:`parse_records`, so a
row is judged the same way whatever its source. Exports re-saved by a spreadsheet often come back
as cp1252 with ``,`` separators and decimal commas: all are accepted.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping, Optional, Sequence

# Our field -> accepted column names (compared lower-case). Source: the dataset schema of
# fr-en-annuaire-education on data.education.gouv.fr (CSV export and explore v2.1 API).
COLUMNS: dict[str, tuple[str, ...]] = {
    "uai": ("identifiant_de_l_etablissement",),
    "name": ("nom_etablissement",),
    "kind": ("type_etablissement",),
    "latitude": ("latitude",),
    "longitude": ("longitude",),
    "commune_code": ("code_commune",),
    "commune_name": ("nom_commune",),
    "maternelle": ("ecole_maternelle",),
    "elementaire": ("ecole_elementaire",),
    "status": ("statut_public_prive",),
    "position": ("position",),  # "lat, lon" in the CSV, {"lat":…, "lon":…} in the API
}
# Without these a file is not a directory at all.
REQUIRED = ("uai", "name")
# Coordinates come from latitude/longitude, else from position.
COORDINATE_FIELDS = ("latitude", "longitude", "position")

# Establishment types that children attend (column Type_etablissement). The rest of the directory
# (administrative services, guidance centres, medico-social units, "Autre") is not a school that
# one could find on a map as amenity=school, so it is left out of the OSM join and of the gaps.
SCHOOL_KINDS: frozenset[str] = frozenset({"ecole", "college", "lycee", "erea"})

# Separators tried on the header line, most likely first.
SEPARATORS = (";", ",", "\t", "|")
# Encodings tried in turn; latin-1 decodes anything, so it is last.
ENCODINGS = ("utf-8-sig", "cp1252", "latin-1")

MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "not_directory": (
            "{source} is not a school directory: no column {missing} found (columns seen: {seen}). "
            "Expected the 'Annuaire de l'éducation' export of data.education.gouv.fr with at least "
            "the columns {expected}, and latitude/longitude or position."
        ),
        "no_coordinates": (
            "{source} has no coordinate columns (latitude/longitude or position): download the export "
            "with its geographic columns."
        ),
        "bad_coordinates": (
            "Row {row} ({uai} {name}): missing or invalid coordinates ({value}); the school is skipped. "
            "Fix its latitude/longitude to include it."
        ),
        "no_uai": "Row {row} ({name}): no establishment identifier (UAI); the row is skipped.",
        "empty": "{source} is empty: download the directory again.",
    },
    "fr": {
        "not_directory": (
            "{source} n’est pas un annuaire des établissements : colonne {missing} introuvable "
            "(colonnes lues : {seen}). Attendu : l’export « Annuaire de l’éducation » de "
            "data.education.gouv.fr avec au moins les colonnes {expected}, et latitude/longitude "
            "ou position."
        ),
        "no_coordinates": (
            "{source} n’a pas de colonnes de coordonnées (latitude/longitude ou position) : "
            "téléchargez l’export avec ses colonnes géographiques."
        ),
        "bad_coordinates": (
            "Ligne {row} ({uai} {name}) : coordonnées absentes ou invalides ({value}) ; établissement "
            "ignoré. Corrigez sa latitude/longitude pour l’inclure."
        ),
        "no_uai": "Ligne {row} ({name}) : pas d’identifiant d’établissement (UAI) ; ligne ignorée.",
        "empty": "{source} est vide : téléchargez de nouveau l’annuaire.",
    },
}


def message(key: str, lang: str = "en", **values: Any) -> str:
    table = MESSAGES.get(lang, MESSAGES["en"])
    return table[key].format(**values)


class DirectoryFormatError(ValueError):
    """The input is not a school directory (the message names the columns expected)."""


@dataclass(frozen=True)
class DirectorySchool:
    uai: str
    name: str
    kind: str
    latitude: float
    longitude: float
    commune_code: str
    maternelle: Optional[bool]
    elementaire: Optional[bool]
    status: str = ""
    row: int = 0  # line number in the file (header = 1), or record index from the API

    @property
    def is_school(self) -> bool:
        return fold(self.kind) in SCHOOL_KINDS


@dataclass
class DirectoryResult:
    schools: list[DirectorySchool]
    warnings: list[str]


def fold(text: str) -> str:
    """Lower-case without accents, for comparing labels such as 'Collège' and 'college'."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip().lower()


def normalise_commune_code(value: Any) -> str:
    """'6032', 6032 and '06032' are the same INSEE code (numbers lose their leading zero)."""
    text = str(value if value is not None else "").strip()
    if text.endswith(".0"):
        text = text[:-2]
    return text.zfill(5) if text.isdigit() else text.upper()


def _number(value: Any) -> Optional[float]:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        number = float(value)
    else:
        text = str(value).strip().replace(",", ".")
        if not text:
            return None
        try:
            number = float(text)
        except ValueError:
            return None
    return number if math.isfinite(number) else None


def _flag(value: Any) -> Optional[bool]:
    if value is None or value == "":
        return None
    text = str(value).strip().lower()
    if text in ("1", "1.0", "true", "oui", "yes"):
        return True
    if text in ("0", "0.0", "false", "non", "no"):
        return False
    return None


def _position(value: Any) -> tuple[Optional[float], Optional[float]]:
    if isinstance(value, Mapping):
        return _number(value.get("lat")), _number(value.get("lon"))
    parts = str(value or "").split(",")
    if len(parts) == 2:
        return _number(parts[0]), _number(parts[1])
    return None, None


def _valid(lat: Optional[float], lon: Optional[float]) -> bool:
    # (0, 0) is how some exports write "unknown": no French school lies in the Gulf of Guinea.
    return (
        lat is not None
        and lon is not None
        and -90.0 <= lat <= 90.0
        and -180.0 <= lon <= 180.0
        and not (lat == 0.0 and lon == 0.0)
    )


def resolve_columns(names: Iterable[str]) -> dict[str, str]:
    """Our field -> the column name actually used in the source (unknown columns are ignored)."""
    by_lower = {str(n).strip().lstrip("\ufeff").lower(): n for n in names}
    found: dict[str, str] = {}
    for field, candidates in COLUMNS.items():
        for candidate in candidates:
            if candidate in by_lower:
                found[field] = by_lower[candidate]
                break
    return found


def _check_columns(columns: dict[str, str], seen: Sequence[str], source: str, lang: str) -> None:
    missing = [COLUMNS[f][0] for f in REQUIRED if f not in columns]
    if missing:
        raise DirectoryFormatError(
            message(
                "not_directory",
                lang,
                source=source,
                missing=", ".join(missing),
                seen=", ".join(list(seen)[:12]) or "-",
                expected="Identifiant_de_l_etablissement, Nom_etablissement, Type_etablissement, "
                "latitude, longitude, Code_commune",
            )
        )
    if not any(f in columns for f in COORDINATE_FIELDS):
        raise DirectoryFormatError(message("no_coordinates", lang, source=source))


def parse_records(
    records: Iterable[Mapping[str, Any]],
    *,
    columns: Optional[dict[str, str]] = None,
    commune_codes: Optional[Iterable[str]] = None,
    source: str = "directory",
    lang: str = "en",
    first_row: int = 1,
) -> DirectoryResult:
    """Rows (dicts keyed by column name) -> schools; rows without a usable position are warned about."""
    numbered = ((first_row + i, record) for i, record in enumerate(records))
    return _parse(numbered, columns, commune_codes, source, lang)


def _parse(
    numbered: Iterable[tuple[int, Mapping[str, Any]]],
    columns: Optional[dict[str, str]],
    commune_codes: Optional[Iterable[str]],
    source: str,
    lang: str,
) -> DirectoryResult:
    wanted = {normalise_commune_code(c) for c in commune_codes} if commune_codes else None
    schools: list[DirectorySchool] = []
    warnings: list[str] = []
    for index, (row, record) in enumerate(numbered):
        cols = columns if columns is not None else resolve_columns(record.keys())
        if columns is None and index == 0:
            _check_columns(cols, list(record.keys()), source, lang)

        def get(field: str, record: Mapping[str, Any] = record, cols: dict[str, str] = cols) -> Any:
            name = cols.get(field)
            return record.get(name) if name is not None else None

        commune = normalise_commune_code(get("commune_code"))
        if wanted is not None and commune not in wanted:
            continue
        uai = str(get("uai") or "").strip().upper()
        name = str(get("name") or "").strip()
        if not uai:
            warnings.append(message("no_uai", lang, row=row, name=name or "?"))
            continue
        lat, lon = _number(get("latitude")), _number(get("longitude"))
        if not _valid(lat, lon) and get("position") not in (None, ""):
            lat, lon = _position(get("position"))
        if not _valid(lat, lon):
            shown = f"{get('latitude')!s}, {get('longitude')!s}"
            warnings.append(message("bad_coordinates", lang, row=row, uai=uai, name=name, value=shown))
            continue
        schools.append(
            DirectorySchool(
                uai=uai,
                name=name,
                kind=str(get("kind") or "").strip(),
                latitude=float(lat),  # type: ignore[arg-type]
                longitude=float(lon),  # type: ignore[arg-type]
                commune_code=commune,
                maternelle=_flag(get("maternelle")),
                elementaire=_flag(get("elementaire")),
                status=str(get("status") or "").strip(),
                row=row,
            )
        )
    return DirectoryResult(schools, warnings)


def decode(data: bytes) -> str:
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1", errors="replace")  # pragma: no cover (latin-1 never fails)


def _separator(header: str) -> str:
    counts = {sep: header.count(sep) for sep in SEPARATORS}
    best = max(SEPARATORS, key=lambda sep: counts[sep])
    return best if counts[best] > 0 else ";"


def parse_directory_csv(
    data: bytes,
    *,
    commune_codes: Optional[Iterable[str]] = None,
    source: str = "directory",
    lang: str = "en",
) -> DirectoryResult:
    """A directory CSV (any of the accepted encodings and separators) -> schools and warnings."""
    text = decode(data).lstrip("\ufeff")
    if not text.strip():
        raise DirectoryFormatError(message("empty", lang, source=source))
    header = text.splitlines()[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_separator(header))
    names = next(reader)
    columns = resolve_columns(names)
    _check_columns(columns, names, source, lang)
    width = len(names)
    numbered = (
        (reader.line_num, dict(zip(names, row + [""] * (width - len(row))))) for row in reader if any(row)
    )
    return _parse(numbered, columns, commune_codes, source, lang)


def read_directory_csv(
    path: str | Path, *, commune_codes: Optional[Iterable[str]] = None, lang: str = "en"
) -> DirectoryResult:
    path = Path(path)
    return parse_directory_csv(path.read_bytes(), commune_codes=commune_codes, source=path.name, lang=lang)


def directory_csv(result: DirectoryResult) -> bytes:
    """The schools as a CSV that ``parse_directory_csv`` reads back the same (the export's column names,
    ';'-separated, UTF-8): how an online directory is kept in an offline kit."""
    fields = (
        "uai",
        "name",
        "kind",
        "latitude",
        "longitude",
        "commune_code",
        "maternelle",
        "elementaire",
        "status",
    )
    flag = {True: "1", False: "0", None: ""}
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow([COLUMNS[f][0] for f in fields])
    for school in result.schools:
        writer.writerow(
            [school.uai, school.name, school.kind, repr(school.latitude), repr(school.longitude),
             school.commune_code, flag[school.maternelle], flag[school.elementaire], school.status]
        )  # fmt: skip
    return out.getvalue().encode("utf-8")
