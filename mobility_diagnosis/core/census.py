"""INSEE census tables, one row per commune: reading the official files and the compact copies bundled
with the plugin (the same reader: the bundled copies keep the official column names).

Two kinds of table (Licence Ouverte / Etalab, « Source : INSEE »):

- ``comparateur``: the « comparateur de territoires » base (``base_cc_comparateur.CSV``, ``;``, one
  column per variable named like ``P18_POP``; given as the zip INSEE publishes or the CSV inside it).
  The vintage is read from the names, so a newer edition (``P19_POP``, ``P14_POP`` …) reads the same.
- ``mobility``: the « statistiques locales » export of the census travel-to-work shares (two title lines
  before the header, UTF-8 BOM, CRLF, percent with one decimal, « N/A - résultat non disponible » when
  INSEE publishes nothing). Columns are recognised by their wording, the vintage by the year at the end.

Cells that are empty, secret (« s ») or « N/A » read as None, never as 0.
"""

from __future__ import annotations

import csv
import gzip
import io
import re
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional, Union

BUNDLED_DIR = Path(__file__).resolve().parents[1] / "resources" / "data"
# The compact copies written by scripts/build_census.py (resources/data/SOURCES.md says from what).
BUNDLED_FILES = ("census_comparateur.csv.gz", "census_mobility.csv.gz")

COMPARATEUR, MOBILITY = "comparateur", "mobility"
CODE_COLUMNS = ("codgeo", "code")  # comparateur, statistiques locales (folded)

# comparateur variables (INSEE's dictionary meta_base_cc_comparateur.CSV): our field -> name pattern,
# ``YY`` standing for the census year. SUPERF has no year (area in km²).
COMPARATEUR_VARIABLES: dict[str, str] = {
    "population": "P{yy}_POP",  # Population en 2018
    "households": "P{yy}_MEN",  # Nombre de ménages
    "jobs": "P{yy}_EMPLT",  # Nombre d'emplois au lieu de travail
    "pop_1564": "P{yy}_POP1564",  # Nombre de personnes de 15 à 64 ans
    "active_1564": "P{yy}_ACT1564",  # Nombre de personnes actives de 15 à 64 ans
    "unemployed_1564": "P{yy}_CHOM1564",  # Nombre de chômeurs de 15 à 64 ans
    "area_km2": "SUPERF",  # Superficie (en km2)
}
PREVIOUS_POPULATION = "population_prev"  # P13_POP in the 2018 edition: the census five years before

# statistiques locales columns: our field -> words of the header (folded: lower case, no accents).
MOBILITY_COLUMNS: dict[str, tuple[str, ...]] = {
    "share_transit": ("transports en commun",),  # Part des actifs occupés … les transports en commun
    "share_households_car": ("au moins 1 voiture", "au moins une voiture"),  # Part des ménages …
    "share_car": ("voiture pour travailler",),  # Part des actifs occ 15 ans ou plus voiture …
    "share_bike": ("velo",),  # Part des actifs occ 15 ans ou plus vélo pour travailler
}
YEAR_RE = re.compile(r"\b((?:19|20)\d\d)\s*$")
POP_RE = re.compile(r"^P(\d\d)_POP$")


# Municipal arrondissements -> their commune (INSEE, Code officiel géographique). The comparateur holds
# both (the arrondissements and their commune), the statistiques locales export the commune only, MOBPRO
# the arrondissements only. (first code, last code, commune)
ARRONDISSEMENTS: tuple[tuple[str, str, str], ...] = (
    ("75101", "75120", "75056"),  # Paris
    ("13201", "13216", "13055"),  # Marseille
    ("69381", "69389", "69123"),  # Lyon
)


def commune_of(code: str) -> str:
    """The commune holding a municipal arrondissement; any other code unchanged."""
    for first, last, commune in ARRONDISSEMENTS:
        if first <= code <= last and len(code) == 5:
            return commune
    return code


def departement_of(code: str) -> str:
    """The département of a commune code: three characters overseas (971…976), two elsewhere (2A, 2B)."""
    return code[:3] if code.startswith("97") else code[:2]


class CensusFileError(Exception):
    """A census file that cannot be read; the message names the file and what to do."""


@dataclass
class CensusTable:
    kind: str  # COMPARATEUR or MOBILITY
    year: Optional[int]  # census vintage, e.g. 2018
    rows: dict[str, dict[str, Optional[float]]] = field(default_factory=dict)  # code -> field -> value
    previous_year: Optional[int] = None  # comparateur: the year of ``population_prev``
    source: str = ""  # the file it was read from
    columns: dict[str, str] = field(default_factory=dict)  # our field -> the file's column name


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("\ufeff", "")).encode("ascii", "ignore").decode()
    return " ".join(text.lower().split())


def number(cell: Optional[str]) -> Optional[float]:
    """A census cell as a number; empty, secret (« s ») and « N/A … » cells are None."""
    text = (cell or "").strip().strip('"').replace("\u00a0", "").replace(" ", "")
    if not text:
        return None
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return None


def table_text(path: Union[Path, bytes]) -> str:
    """The text of a plain, gzipped or zipped CSV (INSEE ships the comparateur and MOBPRO as zips), from a
    file or from the bytes of a download."""
    if isinstance(path, bytes):
        data = path
        path = Path("download")
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        if not zipfile.is_zipfile(io.BytesIO(data)):
            if data[:2] == b"PK":
                raise CensusFileError("The downloaded zip is incomplete (cut off): download it again.")
            return _decode(data)
        source: Union[Path, io.BytesIO] = io.BytesIO(data)
    else:
        source = path
    if zipfile.is_zipfile(source):
        with zipfile.ZipFile(source) as archive:
            names = [n for n in archive.namelist() if n.lower().endswith(".csv")]
            data_names = [n for n in names if not Path(n).name.lower().startswith("meta")]
            if not data_names:
                raise CensusFileError(
                    f"{path.name} holds no CSV table. Give INSEE's zip or the CSV file inside it."
                )
            preferred = [n for n in data_names if "comparateur" in n.lower()] or data_names
            raw = archive.read(preferred[0])
    elif path.suffix.lower() == ".gz":
        with gzip.open(path, "rb") as f:
            raw = f.read()
    else:
        raw = path.read_bytes()
    return _decode(raw)


def _decode(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


def _header_index(lines: list[str]) -> int:
    """The header is the first line whose first cell is a code column (the export has title lines)."""
    for i, line in enumerate(lines[:20]):
        first = re.split(r"[;,\t]", line, maxsplit=1)[0]
        if fold(first.strip().strip('"')) in CODE_COLUMNS:
            return i
    return -1


def read_census(path: Union[str, Path]) -> CensusTable:
    """The comparateur or mobility table in ``path`` (kind told by its columns)."""
    path = Path(path)
    if not path.is_file():
        raise CensusFileError(f"The census file {path} does not exist. Choose an INSEE census file.")
    try:
        text = table_text(path)
    except (OSError, zipfile.BadZipFile, EOFError) as exc:
        raise CensusFileError(f"Cannot read the census file {path.name}: {exc}.") from exc
    table = parse_census(text.splitlines())
    table.source = path.name
    return table


def census_from_bytes(data: bytes, name: str) -> CensusTable:
    """The table of a download (INSEE's zip or CSV); ``CensusFileError`` when it is not one."""
    try:
        text = table_text(data)
    except (OSError, zipfile.BadZipFile, EOFError, zlib.error) as exc:
        raise CensusFileError(f"Cannot read the census file {name}: {exc}.") from exc
    table = parse_census(text.splitlines())
    table.source = name
    return table


def parse_census(lines: list[str]) -> CensusTable:
    start = _header_index(lines)
    if start < 0:
        raise CensusFileError(
            "No header with a CODGEO or Code column was found: this is not an INSEE comparateur or "
            "« statistiques locales » table. Give the file as INSEE publishes it."
        )
    header_line = lines[start]
    delimiter = max(";,\t", key=header_line.count)
    reader = csv.reader(io.StringIO("\n".join(lines[start:])), delimiter=delimiter)
    header = [cell.strip() for cell in next(reader)]
    header[0] = header[0].replace("\ufeff", "")
    if any(POP_RE.match(name) for name in header):
        return _comparateur(header, reader)
    return _mobility(header, reader)


def _comparateur(header: list[str], reader: Iterable[list[str]]) -> CensusTable:
    years = sorted(int(m.group(1)) for m in map(POP_RE.match, header) if m)
    yy, previous = years[-1], (years[0] if len(years) > 1 else None)
    columns = {name: pattern.format(yy=f"{yy:02d}") for name, pattern in COMPARATEUR_VARIABLES.items()}
    if previous is not None:
        columns[PREVIOUS_POPULATION] = f"P{previous:02d}_POP"
    position = {name: header.index(col) for name, col in columns.items() if col in header}
    table = CensusTable(
        COMPARATEUR,
        2000 + yy,
        previous_year=None if previous is None else 2000 + previous,
        columns={name: columns[name] for name in position},
    )
    return _fill(table, reader, position)


def _fill(table: CensusTable, reader: Iterable[list[str]], position: dict[str, int]) -> CensusTable:
    """One row per code: our field -> the number in its column (None when missing or secret)."""
    for cells in reader:
        if not cells or not cells[0].strip():
            continue
        table.rows[cells[0].strip().upper()] = {
            name: number(cells[i]) if i < len(cells) else None for name, i in position.items()
        }
    return table


def _mobility(header: list[str], reader: Iterable[list[str]]) -> CensusTable:
    folded = [fold(name) for name in header]
    position: dict[str, int] = {}
    for name, words in MOBILITY_COLUMNS.items():
        for i, text in enumerate(folded):
            if any(word in text for word in words) and i not in position.values():
                position[name] = i
                break
    if not position:
        raise CensusFileError(
            "The table has a code column but neither the comparateur variables (P18_POP …) nor the "
            "travel-to-work shares (« Part des actifs occupés … voiture pour travailler »): give one of "
            "these INSEE tables."
        )
    years = [int(m.group(1)) for m in (YEAR_RE.search(header[i]) for i in position.values()) if m]
    table = CensusTable(
        MOBILITY, max(years) if years else None, columns={n: header[i] for n, i in position.items()}
    )
    return _fill(table, reader, position)


def bundled_tables() -> list[CensusTable]:
    """The compact tables shipped with the plugin (comparateur 2018, mobility 2021)."""
    return [read_census(BUNDLED_DIR / name) for name in BUNDLED_FILES]
