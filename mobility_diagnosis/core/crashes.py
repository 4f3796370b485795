"""The national road-crash files (ONISR "BAAC"), read and joined: one ``Crash`` per injury crash with its
date, place, severity and the kinds of users involved.

ONISR publishes four tables a year on data.gouv.fr ("Bases de données annuelles des accidents corporels de
la circulation routière"): ``caracteristiques`` (one row per crash: date, commune, coordinates), ``lieux``
(the road), ``vehicules`` and ``usagers`` (one row per user with the severity of their injury), joined on
``Num_Acc``. Their layout is documented, year by year, in ONISR's "Description des bases de données
annuelles des accidents corporels de la circulation routière" (the PDF beside the files); what changed:

- 2005–2018: ``,`` separated (``\\t`` for the 2009 caracteristiques), Latin-1; ``an`` on two digits,
  ``hrmn`` as ``HMM``/``HHMM``, ``dep`` on three characters (département × 10: ``750`` Paris, ``201``/``202``
  Corse), ``com`` the commune's three digits within it, ``lat``/``long`` in degrees × 100,000 without a
  separator, a ``gps`` column (M métropole, A Antilles, G Guyane, R Réunion, Y Mayotte); usagers carry
  ``num_veh`` but no ``id_vehicule``; ``catu`` 4 "piéton en roller ou en trottinette".
- 2019 on: ``;`` separated, every field quoted, UTF-8; ``com`` the full INSEE code, ``dep`` ``2A``/``2B``,
  ``lat``/``long`` decimal degrees with a decimal comma; ``id_vehicule`` (digits grouped with no-break spaces)
  and ``id_usager`` (2021 on); ``catu`` 4 is gone (e-scooters are vehicles, ``catv`` 50/60).
- 2022 on: the caracteristiques' first column is ``Accident_Id`` (the other tables keep ``Num_Acc``).

Files re-saved by other tools are read too (tests/core/test_crashes.py says which rows follow the
documentation and which the real re-saved samples): ``,`` or ``;`` with or without quotes, a leading unnamed
index column, decimal points, floats for integers (``1983.0``) and the no-break spaces of ``id_vehicule``
decoded twice (``Â\\xa0``).

Pure: no QGIS, Qt or GDAL; the caller reprojects and matches crashes to streets.
"""

from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping, Optional, Sequence

# --------------------------------------------------------------------------------------------------
# Rules as data
# --------------------------------------------------------------------------------------------------

TABLES = ("caracteristiques", "lieux", "vehicules", "usagers")

# A file's table from its name: the official names over the years ("caracteristiques_2016.csv",
# "caracteristiques-2018.csv", "carcteristiques-2021.csv" (sic, 2021 and 2022), "caract-2023.csv",
# "lieux-2019.csv", "usagers-2020.csv", "vehicules-2022.csv") and the re-saved ones of the shared data
# ("baac_caracteristiques_2020_partial.csv", "ech_usagers.csv").
TABLE_NAME_PATTERNS: tuple[tuple[str, re.Pattern], ...] = (
    ("caracteristiques", re.compile(r"caract|carct", re.IGNORECASE)),
    ("lieux", re.compile(r"lieux", re.IGNORECASE)),
    ("vehicules", re.compile(r"v[eé]hicules", re.IGNORECASE)),
    ("usagers", re.compile(r"usagers", re.IGNORECASE)),
)
YEAR_IN_NAME = re.compile(r"(?<!\d)(20\d\d|19\d\d)(?!\d)")

# Column names that mean the same thing (2022 caracteristiques: Accident_Id).
COLUMN_ALIASES = {"accident_id": "Num_Acc", "num_acc": "Num_Acc"}

# grav, the injury of a user. The same codes in every description since 2005 (-1 "non renseigné" from
# 2019); ONISR's note: "blessé hospitalisé" (hospitalised > 24 h) is no longer a labelled public statistic
# since 2019 and is not comparable before/after 2018.
SEVERITY_BY_GRAV = {1: "unharmed", 2: "killed", 3: "hospitalised", 4: "slightly_injured"}
# A crash's severity is its worst user's, in ONISR's order: fatal > serious (hospitalised) > slight.
SEVERITY_ORDER = ("killed", "hospitalised", "slightly_injured", "unharmed", "unknown")
SEVERE = ("killed", "hospitalised")

# catu, the user category: 1 driver, 2 passenger, 3 pedestrian; 4 "piéton en roller ou en trottinette"
# until 2018 (descriptions 2005–2018).
PEDESTRIAN_CATU = (3, 4)

# catv, the vehicle category, to the kind of user shown on the map. (codes, kind, where from): the
# descriptions 2005–2018 and 2019 on; codes "plus utilisé depuis 2006" kept so that old years read.
USER_KIND_ROWS: tuple[tuple[tuple[int, ...], str, str], ...] = (
    ((1,), "bicycle", "01 Bicyclette"),
    ((80,), "bicycle", "80 VAE (vélo à assistance électrique), 2018 on"),
    ((50,), "e_scooter", "50 EDP à moteur (trottinette électrique, gyropode…), 2018 on"),
    ((60,), "unpowered_device", "60 EDP sans moteur (trottinette, rollers, skate), 2018 on"),
    ((2, 30, 31, 32, 33, 34, 41, 42, 43), "motorised_two_wheeler",
     "02 cyclomoteur, 30–34 scooters et motocyclettes, 41–43 3RM (ONISR counts 3RM with 2RM)"),
    ((4, 5, 6), "motorised_two_wheeler", "04 scooter immatriculé, 05 motocyclette, 06 side-car (until 2006)"),
    ((3, 7), "car", "03 voiturette, 07 VL seul"),
    ((8, 9), "car", "08 VL + caravane, 09 VL + remorque (until 2006)"),
    ((10, 11, 12), "van", "10 VU 1,5–3,5 t; 11, 12 VU + caravane/remorque (until 2006)"),
    ((13, 14, 15, 16, 17), "heavy_vehicle", "13–15 PL, 16–17 tracteur routier"),
    ((37, 38, 18), "bus_coach", "37 autobus, 38 autocar, 18 transport en commun (until 2006)"),
    ((39, 40, 19), "tram_train", "39 train, 40 tramway, 19 tramway (until 2006)"),
    ((0, 20, 21, 35, 36, 99), "other", "00 indéterminable, 20 engin spécial, 21 tracteur agricole, "
     "35–36 quads, 99 autre véhicule"),
)  # fmt: skip
USER_KIND_BY_CATV = {code: kind for codes, kind, _source in USER_KIND_ROWS for code in codes}
USER_KINDS = (
    "pedestrian", "bicycle", "e_scooter", "unpowered_device", "motorised_two_wheeler", "car", "van",
    "heavy_vehicle", "bus_coach", "tram_train", "other",
)  # fmt: skip
CYCLIST_KINDS = ("bicycle",)  # riders of a bicycle or an e-bike (catv 1, 80)

# Old files: lat/long in degrees × 100,000 (descriptions 2005–2018).
OLD_COORDINATE_SCALE = 100_000.0
FIRST_NEW_LAYOUT_YEAR = 2019
# Old dep codes (3 characters): Corse and the overseas départements; the rest is the code × 10.
OLD_DEP_CODES = {"201": "2A", "202": "2B"}

USER_KIND_LABELS = {
    "en": {
        "pedestrian": "pedestrian", "bicycle": "cyclist", "e_scooter": "e-scooter",
        "unpowered_device": "scooter or skates", "motorised_two_wheeler": "motorised two-wheeler",
        "car": "car", "van": "van", "heavy_vehicle": "heavy goods vehicle", "bus_coach": "bus or coach",
        "tram_train": "tram or train", "other": "other vehicle",
    },
    "fr": {
        "pedestrian": "piéton", "bicycle": "cycliste", "e_scooter": "trottinette électrique",
        "unpowered_device": "trottinette ou rollers", "motorised_two_wheeler": "deux-roues motorisé",
        "car": "voiture", "van": "utilitaire", "heavy_vehicle": "poids lourd", "bus_coach": "bus ou car",
        "tram_train": "tramway ou train", "other": "autre véhicule",
    },
}  # fmt: skip
SEVERITY_LABELS = {
    "en": {"killed": "fatal", "hospitalised": "serious (hospitalised)", "slightly_injured": "slight",
           "unharmed": "no injury recorded", "unknown": "not recorded (no user in the files)"},
    "fr": {"killed": "mortel", "hospitalised": "grave (blessé hospitalisé)", "slightly_injured": "léger",
           "unharmed": "sans blessé renseigné", "unknown": "non renseignée (aucun usager dans les fichiers)"},
}  # fmt: skip
# The users of a crash whose vehicules and usagers rows are not in the files (a caracteristiques table alone).
USERS_NOT_RECORDED = {
    "en": "not recorded (no vehicle or user in the files)",
    "fr": "non renseignés (aucun véhicule ni usager dans les fichiers)",
}


class CrashFileError(Exception):
    """A crash file that cannot be read as a BAAC table: the message names the file and the cause."""


# --------------------------------------------------------------------------------------------------
# Reading one table
# --------------------------------------------------------------------------------------------------


def table_of(path: Path | str) -> Optional[str]:
    """The BAAC table a file name stands for, or None (not a crash table)."""
    name = Path(path).name
    if not name.lower().endswith((".csv", ".txt")):
        return None
    for table, pattern in TABLE_NAME_PATTERNS:
        if pattern.search(name):
            return table
    return None


def year_of(path: Path | str) -> Optional[int]:
    """The year in a file name (``caracteristiques-2020.csv``), or None (``ech_usagers.csv``)."""
    found = YEAR_IN_NAME.findall(Path(getattr(path, "name", path)).name)
    return int(found[-1]) if found else None


def _decode(data: bytes) -> str:
    """UTF-8 (2019 on, with or without BOM), else Latin-1 (the older files)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _delimiter(header: str) -> str:
    counts = {sep: header.count(sep) for sep in (";", ",", "\t")}
    return max(counts, key=lambda sep: counts[sep])


def read_rows(path, keep: Callable[[dict], bool] = lambda row: True) -> Iterator[dict]:
    """The rows of one BAAC table as dicts of stripped strings, with ``Num_Acc`` named so in every year.

    ``keep`` filters while reading, so that a national file of 130,000 users costs no more memory than
    the territory's few. A leading unnamed column (an index added by a re-save) is dropped. ``path`` may
    also be any object with ``name`` and ``read_bytes()`` (a downloaded table kept in a cache)."""
    path = Path(path) if isinstance(path, (str, os.PathLike)) else path
    try:
        text = _decode(path.read_bytes())
    except OSError as exc:
        raise CrashFileError(f"Cannot read the crash file {path}: {exc}.") from exc
    first = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text), delimiter=_delimiter(first))
    try:
        header = next(reader)
    except StopIteration:
        raise CrashFileError(f"The crash file {path} is empty.") from None
    names = [COLUMN_ALIASES.get(name.strip().strip('"').lower(), name.strip().strip('"')) for name in header]
    if "Num_Acc" not in names:
        raise CrashFileError(
            f"{path.name} has no Num_Acc (or Accident_Id) column: it is not a table of the national "
            "road-crash files (BAAC). Give the files from data.gouv.fr as they are."
        )
    wanted = [(i, name) for i, name in enumerate(names) if name]
    for values in reader:
        if not values:
            continue
        row = {name: values[i].strip() if i < len(values) else "" for i, name in wanted}
        if row["Num_Acc"] and keep(row):
            yield row


# --------------------------------------------------------------------------------------------------
# Field parsing (every year's layout)
# --------------------------------------------------------------------------------------------------


def parse_int(value: str) -> Optional[int]:
    """``"3"``, ``" 3"``, ``"3.0"`` (a re-save's float) → 3; empty, ``"-1"`` kept as -1 (non renseigné)."""
    text = (value or "").strip().replace("\xa0", "").replace(" ", "")
    if not text:
        return None
    try:
        return int(float(text.replace(",", ".")))
    except ValueError:
        return None


def vehicle_key(value: str) -> str:
    """``id_vehicule`` or ``num_veh`` without its grouping spaces, also when decoded twice (``Â\\xa0``)."""
    return re.sub(r"[\s\xa0Â]", "", value or "")


def parse_coordinate(value: str, year: Optional[int]) -> Optional[float]:
    """A decimal degree from ``"48,6900000"`` (2019 on), ``"48.69"`` (re-saved) or ``"4869000"`` (until
    2018: degrees × 100,000). Empty, unparsable and 0 (the old files' "unknown") give None."""
    text = (value or "").strip().replace(" ", "")
    if not text or text in ("-", "."):
        return None
    scaled = "," not in text and "." not in text and (year is None or year < FIRST_NEW_LAYOUT_YEAR)
    try:
        number = float(text.replace(",", "."))
    except ValueError:
        return None
    if scaled:
        number /= OLD_COORDINATE_SCALE
    return number if number != 0.0 else None


def insee_code(dep: str, com: str) -> str:
    """The commune's INSEE code: ``com`` itself from 2019 on; until 2018 ``dep`` (département × 10, or
    201/202 for Corse, or the overseas 97x) and ``com`` (three digits within the département)."""
    com = (com or "").strip()
    dep = (dep or "").strip()
    if len(com) == 5:
        return com.upper()
    if not com.isdigit() or not dep:
        return com
    if dep in OLD_DEP_CODES:
        return OLD_DEP_CODES[dep] + com.zfill(3)
    if len(dep) == 3 and dep.startswith("97"):  # overseas: the INSEE code starts with 97
        return "97" + com.zfill(3)
    if len(dep) == 3 and dep.endswith("0"):
        return dep[:2] + com.zfill(3)
    return dep.zfill(2) + com.zfill(3)


def _year(raw: str, num_acc: str) -> Optional[int]:
    year = parse_int(raw)
    if year is not None and year < 100:
        year += 2000  # until 2018: "an" on two digits (the files start in 2005)
    if year is None and len(num_acc) >= 4 and num_acc[:4].isdigit():
        year = int(num_acc[:4])  # Num_Acc starts with the year in every file
    return year


def _time(raw: str) -> str:
    """``"08:35"`` as it is; ``"835"`` or ``"0835"`` (until 2018) → ``"08:35"``."""
    text = (raw or "").strip()
    if ":" in text or not text.isdigit():
        return text
    text = text.zfill(4)
    return f"{text[:2]}:{text[2:]}"


# --------------------------------------------------------------------------------------------------
# Crashes
# --------------------------------------------------------------------------------------------------


@dataclass
class User:
    kind: str  # USER_KINDS
    severity: str  # SEVERITY_ORDER
    catu: Optional[int] = None


@dataclass
class Crash:
    num_acc: str
    year: Optional[int]
    date: str  # YYYY-MM-DD, "" when the file lacks it
    time: str
    commune: str  # INSEE code
    lat: Optional[float]
    lon: Optional[float]
    address: str = ""
    in_built_up_area: Optional[bool] = None
    speed_limit: Optional[int] = None  # lieux.vma (2019 on), km/h; the first place of the crash
    vehicle_kinds: dict = field(default_factory=dict)  # vehicle key → kind
    users: list = field(default_factory=list)  # User

    @property
    def severity(self) -> str:
        """ONISR's classes: fatal (one killed), serious (one hospitalised), slight; "unknown" without users."""
        found = {user.severity for user in self.users}
        return next((s for s in SEVERITY_ORDER if s in found), "unknown")

    @property
    def kinds(self) -> list[str]:
        """The kinds of users involved (vehicles and pedestrians), in USER_KINDS order."""
        found = set(self.vehicle_kinds.values()) | {u.kind for u in self.users}
        return [kind for kind in USER_KINDS if kind in found]

    def count(self, severity: str, kinds: Sequence[str] = USER_KINDS) -> int:
        return sum(1 for u in self.users if u.severity == severity and u.kind in kinds)

    @property
    def casualties(self) -> int:
        return sum(1 for u in self.users if u.severity in ("killed", "hospitalised", "slightly_injured"))

    def involves(self, kinds: Sequence[str]) -> bool:
        return any(kind in kinds for kind in self.kinds)


def _crash(row: Mapping[str, str]) -> Crash:
    num_acc = row["Num_Acc"]
    year = _year(row.get("an", ""), num_acc)
    day, month = parse_int(row.get("jour", "")), parse_int(row.get("mois", ""))
    date = f"{year:04d}-{month:02d}-{day:02d}" if year and month and day else ""
    agg = parse_int(row.get("agg", ""))
    return Crash(
        num_acc=num_acc,
        year=year,
        date=date,
        time=_time(row.get("hrmn", "")),
        commune=insee_code(row.get("dep", ""), row.get("com", "")),
        lat=parse_coordinate(row.get("lat", ""), year),
        lon=parse_coordinate(row.get("long", ""), year),
        address=row.get("adr", ""),
        in_built_up_area=None if agg not in (1, 2) else agg == 2,  # 1 hors agglomération, 2 en agglomération
    )


def read_crashes(
    files: Mapping[str, Sequence[Path | str]],
    keep: Callable[[Crash], bool] = lambda crash: True,
    years: Optional[Iterable[int]] = None,
    seen_years: Optional[set] = None,
) -> list[Crash]:
    """The crashes of the caracteristiques files that ``keep`` accepts, with their vehicles and users
    joined on ``Num_Acc`` (a vehicle on ``id_vehicule`` or, until 2018, ``num_veh``).

    ``files``: table name → paths (``find_files``). ``years``: only these years (all when None).
    ``seen_years``: filled with the years the files hold (of the ones asked), kept or not: a year with no
    row is a year without data, not a year without crashes."""
    wanted_years = set(years) if years is not None else None
    crashes: dict[str, Crash] = {}
    for path in files.get("caracteristiques", ()):
        for row in read_rows(path):
            crash = _crash(row)
            if wanted_years is not None and crash.year not in wanted_years:
                continue
            if seen_years is not None and crash.year is not None:
                seen_years.add(crash.year)
            if keep(crash):
                crashes[crash.num_acc] = crash
    if not crashes:
        return []
    mine = lambda row: row["Num_Acc"] in crashes  # noqa: E731
    for path in files.get("lieux", ()):
        for row in read_rows(path, mine):
            crash = crashes[row["Num_Acc"]]
            vma = parse_int(row.get("vma", ""))
            if crash.speed_limit is None and vma is not None and vma > 0:
                crash.speed_limit = vma
    for path in files.get("vehicules", ()):
        for row in read_rows(path, mine):
            catv = parse_int(row.get("catv", ""))
            kind = USER_KIND_BY_CATV.get(catv, "other") if catv is not None and catv >= 0 else "other"
            crash = crashes[row["Num_Acc"]]
            for key in {
                vehicle_key(row.get("id_vehicule", "")),
                "num:" + vehicle_key(row.get("num_veh", "")),
            }:
                if key and key != "num:":
                    crash.vehicle_kinds[key] = kind
    for path in files.get("usagers", ()):
        for row in read_rows(path, mine):
            crash = crashes[row["Num_Acc"]]
            catu = parse_int(row.get("catu", ""))
            if catu in PEDESTRIAN_CATU:
                kind = "pedestrian"
            else:
                vehicle = vehicle_key(row.get("id_vehicule", ""))
                kind = crash.vehicle_kinds.get(vehicle) or crash.vehicle_kinds.get(
                    "num:" + vehicle_key(row.get("num_veh", "")), "other"
                )
            severity = SEVERITY_BY_GRAV.get(parse_int(row.get("grav", "")), "unknown")
            crash.users.append(User(kind, severity, catu))
    return list(crashes.values())


def find_files(folder: Path | str, years: Optional[Iterable[int]] = None) -> dict[str, list[Path]]:
    """The BAAC tables in a folder (and its subfolders one level down, as a download per year unpacks),
    by table; files whose name gives a year outside ``years`` are left unread."""
    folder = Path(folder)
    wanted = set(years) if years is not None else None
    found: dict[str, list[Path]] = {table: [] for table in TABLES}
    candidates = sorted(folder.glob("*")) + sorted(folder.glob("*/*"))
    for path in candidates:
        if not path.is_file():
            continue
        table = table_of(path)
        year = year_of(path)
        if table is None or (wanted is not None and year is not None and year not in wanted):
            continue
        found[table].append(path)
    return found


def years_available(files: Mapping[str, Sequence[Path | str]]) -> list[int]:
    """The years named by the caracteristiques files (files without a year in their name say nothing)."""
    return sorted({y for y in (year_of(p) for p in files.get("caracteristiques", ())) if y is not None})


def years_span(years: Sequence[int]) -> str:
    """A source's vintage: "2020", "2018–2022" ("" without years)."""
    years = sorted(years)
    if not years:
        return ""
    return str(years[0]) if years[0] == years[-1] else f"{years[0]}–{years[-1]}"


def parse_years(text: str) -> Optional[list[int]]:
    """``"2018-2022"``, ``"2020, 2022"`` or ``"2021"`` → the years; empty → None (the last five found).

    Raises ValueError with a message on anything else."""
    text = (text or "").strip()
    if not text:
        return None
    years: set[int] = set()
    for part in re.split(r"[,;\s]+", text):
        if not part:
            continue
        match = re.fullmatch(r"((?:19|20)\d\d)(?:\s*[-–]\s*((?:19|20)\d\d))?", part)
        if not match:
            raise ValueError(part)
        first = int(match.group(1))
        last = int(match.group(2) or first)
        if last < first:
            raise ValueError(part)
        years.update(range(first, last + 1))
    return sorted(years)


LAST_YEARS = 5  # the issue: "the injury crashes of the last five available years"


def default_years(available: Sequence[int]) -> Optional[list[int]]:
    return sorted(available)[-LAST_YEARS:] if available else None
