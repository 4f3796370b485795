"""Home-to-work commuting of a territory from INSEE's flows (« mobilités professionnelles », MOBPRO):
employed residents working in the territory or elsewhere, where they go, where its workers come from,
the share of commutes under 5 km and the car trips among them.

Reading: the official file (``;``, columns ``CODGEO`` home commune — ``COMMUNE`` in INSEE's
dictionary of the detailed file —, ``DCLT`` work commune, ``NBFLUX_C<yy>_ACTOCC15P`` employed people aged
15+, with decimals: INSEE's counts are weighted) and re-saved copies (``,`` separator, whole numbers,
decimal commas). The vintage is read from the count column's name (``C14`` → census 2014). Paris, Lyon
and Marseille are coded by municipal arrondissement. The national file (about a million rows, a zip of
some 10 MB) is read as a stream (``archive_lines``): only the territory's rows are kept.

Method (stated in docs/commuting.md):
- distances are straight lines between commune centroids (points on surface), in km; a commute inside
  the territory counts as under 5 km (its length is unknown, and the commune is where walking and
  cycling act first);
- the share under 5 km is over the residents' commutes whose distance is known (``distance_coverage``
  says how many are);
- car trips among the short commutes = short commutes × the territory's share of car commuters (census
  profile): an upper estimate, since short commutes are driven less than long ones.
"""

from __future__ import annotations

import csv
import gzip
import io
import math
import re
import zipfile
import zlib
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Callable, Iterable, Iterator, Mapping, Optional, Union

from .census import ARRONDISSEMENTS, fold, number

SHORT_KM = 5.0  # the usual bound of the walking and cycling shift potential in a mobility diagnosis
FLOW_RE = re.compile(r"^NBFLUX_C(\d\d)_", re.IGNORECASE)
HOME, WORK = "codgeo", "dclt"
HOME_COLUMNS = (HOME, "commune")  # the flows base names it CODGEO, INSEE's detailed file COMMUNE (folded)


class FlowsFileError(Exception):
    """A flows file that cannot be read; the message names the cause and what to do."""


@dataclass(frozen=True)
class Flow:
    origin: str  # home commune
    destination: str  # work commune
    count: float  # employed people aged 15+ (INSEE's weighted count)


@dataclass
class FlowTable:
    flows: list[Flow] = field(default_factory=list)
    year: Optional[int] = None
    names: dict[str, str] = field(default_factory=dict)  # code -> name, when the file has LIBGEO/L_DCLT
    # rows home == work in the whole file: INSEE's file has them; an extract without them (such as
    # flows between communes only) says nothing about people working in their own commune
    internal_rows: int = 0


def read_flows(lines: Iterable[str], keep: Callable[[str, str], bool] = lambda o, d: True) -> FlowTable:
    """The flows for which ``keep(origin, destination)`` holds (a national file has ~1 million rows:
    only the territory's are kept)."""
    iterator = iter(lines)
    header_line = next(iterator, "").lstrip("\ufeff")
    header, delimiter, (home, work, count) = flows_header(header_line)
    home_name = header.index("libgeo") if "libgeo" in header else None
    work_name = header.index("l_dclt") if "l_dclt" in header else None
    table = FlowTable(year=2000 + int(FLOW_RE.match(header[count]).group(1)))
    for cells in csv.reader(iterator, delimiter=delimiter):
        if len(cells) <= max(home, work, count):
            continue
        origin, destination = cells[home].strip().upper(), cells[work].strip().upper()
        table.internal_rows += origin == destination
        if not keep(origin, destination):
            continue
        value = number(cells[count])
        if value is None or value <= 0:
            continue
        table.flows.append(Flow(origin, destination, value))
        for code, column in ((origin, home_name), (destination, work_name)):
            if column is not None and column < len(cells):
                table.names.setdefault(code, " ".join(cells[column].split()))
    return table


def flows_header(header_line: str) -> tuple[list[str], str, tuple[int, int, int]]:
    """The folded header, its delimiter and the (home, work, count) columns. Raises ``FlowsFileError``."""
    delimiter = max(";,\t", key=header_line.count)
    header = [fold(cell.strip().strip('"')) for cell in next(csv.reader([header_line], delimiter=delimiter))]
    count_columns = [i for i, name in enumerate(header) if FLOW_RE.match(name)]
    home = next((header.index(name) for name in HOME_COLUMNS if name in header), None)
    if home is None or WORK not in header or not count_columns:
        raise FlowsFileError(
            "This is not an INSEE home-to-work flows file (MOBPRO): it needs the columns CODGEO (home "
            "commune), DCLT (work commune) and NBFLUX_C…_ACTOCC15P. Give the “base flux de mobilité "
            "domicile-lieu de travail” file as INSEE publishes it."
        )
    return header, delimiter, (home, header.index(WORK), count_columns[0])


def read_flows_text(text: str, keep: Callable[[str, str], bool] = lambda o, d: True) -> FlowTable:
    return read_flows(io.StringIO(text), keep)


def territory_lines(lines: Iterable[str], codes: set[str]) -> Iterator[str]:
    """The header, then the rows from or to ``codes``, as written in the file (an extract in the official
    layout: what an offline kit keeps of the national file). Raises ``FlowsFileError``."""
    iterator = iter(lines)
    header_line = next(iterator, "").lstrip("\ufeff").rstrip("\r\n")
    _header, delimiter, (home, work, _count) = flows_header(header_line)
    yield header_line
    for line in iterator:
        cells = line.split(delimiter, max(home, work) + 1)
        if len(cells) <= max(home, work):
            continue
        if cells[home].strip().strip('"').upper() in codes or cells[work].strip().strip('"').upper() in codes:
            yield line.rstrip("\r\n")


def decoded(raw_lines: Iterable[bytes]) -> Iterator[str]:
    """Text lines of a byte stream: INSEE's files are UTF-8 (with or without a BOM), older ones Windows-1252."""
    for raw in raw_lines:
        try:
            yield raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            yield raw.decode("cp1252", errors="replace")


def _data_member(archive: zipfile.ZipFile, name: str) -> str:
    """The flows table of a zip: its CSV or TXT that is not INSEE's variable dictionary (``meta…``)."""
    members = [
        n for n in archive.namelist()
        if n.lower().endswith((".csv", ".txt")) and not Path(n).name.lower().startswith(("meta", "varmod"))
    ]  # fmt: skip
    if not members:
        raise FlowsFileError(
            f"{name} holds no CSV table. Give INSEE's zip of the flows or the CSV inside it."
        )
    return max(members, key=lambda n: archive.getinfo(n).file_size)


@contextmanager
def archive_lines(source: Union[str, Path, IO[bytes]], name: str = "") -> Iterator[Iterator[str]]:
    """The text lines of a plain, gzipped or zipped flows table (a path, or an open binary file such as a
    downloaded zip), read as a stream: the national table is never whole in memory. Raises
    ``FlowsFileError`` for a zip with no table or a cut one."""
    name = name or str(getattr(source, "name", source))
    try:
        if zipfile.is_zipfile(source):
            if hasattr(source, "seek"):
                source.seek(0)
            with zipfile.ZipFile(source) as archive, archive.open(_data_member(archive, name)) as member:
                yield decoded(member)
            return
        if hasattr(source, "seek"):
            source.seek(0)
            yield decoded(source)
            return
        path = Path(source)
        opener = gzip.open if path.suffix.lower() == ".gz" else open
        with opener(path, "rb") as f:
            yield decoded(f)
    except (zipfile.BadZipFile, EOFError, zlib.error) as exc:
        raise FlowsFileError(f"{name} is damaged or incomplete ({exc}): download it again.") from exc


# -- the territory's commuting --------------------------------------------------------------------


@dataclass(frozen=True)
class FlowLine:
    direction: str  # "out" (residents working elsewhere) or "in" (workers living elsewhere)
    origin: str
    destination: str
    count: float
    distance_km: Optional[float]  # centroid to centroid; None when a centroid is unknown
    rank: int  # 1 = largest flow of its direction

    @property
    def short(self) -> Optional[bool]:
        return None if self.distance_km is None else self.distance_km < SHORT_KM


@dataclass(frozen=True)
class Commuting:
    residents: float  # employed residents in the flows (home in the territory)
    work_inside: Optional[float]  # … working in the territory; None: the file has no such rows
    work_outside: float  # … working elsewhere
    incoming: float  # workers living elsewhere, working in the territory
    short: Optional[float]  # residents' commutes under SHORT_KM (inside ones included)
    known: float  # residents' commutes whose distance is known (inside ones included)
    lines: tuple[FlowLine, ...]  # out then in, largest first
    car_share: Optional[float]  # % of car commuters used for the estimate (census profile)

    @property
    def share_inside(self) -> Optional[float]:
        if self.work_inside is None or not self.residents:
            return None
        return 100.0 * self.work_inside / self.residents

    @property
    def share_short(self) -> Optional[float]:
        return 100.0 * self.short / self.known if self.known and self.short is not None else None

    @property
    def distance_coverage(self) -> Optional[float]:
        return 100.0 * self.known / self.residents if self.residents else None

    @property
    def short_by_car(self) -> Optional[float]:
        """Estimated car commutes among the short ones (see the module docstring: an upper estimate)."""
        if self.short is None or self.car_share is None:
            return None
        return self.short * self.car_share / 100.0


def distance_km(a: Optional[tuple[float, float]], b: Optional[tuple[float, float]]) -> Optional[float]:
    """Straight-line distance of two points in a metric CRS, in km."""
    if a is None or b is None:
        return None
    return math.hypot(a[0] - b[0], a[1] - b[1]) / 1000.0


def territory_codes(code: str) -> set[str]:
    """The codes a territory has in MOBPRO: Paris, Lyon and Marseille are there by arrondissement."""
    for first, last, commune in ARRONDISSEMENTS:
        if code == commune:
            return {f"{n:05d}" for n in range(int(first), int(last) + 1)} | {code}
    return {code}


def territory_commuting(
    flows: Iterable[Flow],
    code: str,
    centroids: Mapping[str, tuple[float, float]],
    car_share: Optional[float] = None,
    internal_known: bool = True,
) -> Commuting:
    """The commuting of the territory ``code`` (a commune or an arrondissement). ``centroids``: code ->
    metric point, the territory's own under ``code``; a code without one gets no distance.
    ``internal_known`` False (a file without home == work rows): the people working in their own
    commune are unknown, and every figure is over the commutes that leave it."""
    territory = territory_codes(code)
    out: dict[str, float] = {}
    incoming: dict[str, float] = {}
    inside = 0.0
    for flow in flows:
        home, work = flow.origin in territory, flow.destination in territory
        if home and work:
            inside += flow.count
        elif home:
            out[flow.destination] = out.get(flow.destination, 0.0) + flow.count
        elif work:
            incoming[flow.origin] = incoming.get(flow.origin, 0.0) + flow.count
    centre = centroids.get(code)
    lines: list[FlowLine] = []
    for direction, table in (("out", out), ("in", incoming)):
        ranked = sorted(table.items(), key=lambda item: (-item[1], item[0]))
        for rank, (other, count) in enumerate(ranked, start=1):
            distance = distance_km(centre, centroids.get(other))
            origin, destination = (code, other) if direction == "out" else (other, code)
            lines.append(FlowLine(direction, origin, destination, count, distance, rank))
    outgoing = [line for line in lines if line.direction == "out"]
    known_out = [line for line in outgoing if line.distance_km is not None]
    short = inside + sum(line.count for line in known_out if line.short)
    known = inside + sum(line.count for line in known_out)
    residents = inside + sum(out.values())
    return Commuting(
        residents=residents,
        work_inside=inside if internal_known else None,
        work_outside=sum(out.values()),
        incoming=sum(incoming.values()),
        short=short if residents else None,
        known=known,
        lines=tuple(lines),
        car_share=car_share,
    )


# -- indicators -------------------------------------------------------------------------------------

# (indicator id, unit, Commuting attribute): the theme's rows of the ``indicators`` table, in order.
INDICATORS: tuple[tuple[str, str, str], ...] = (
    ("residents", "people", "residents"),
    ("share_inside", "%", "share_inside"),
    ("outgoing", "people", "work_outside"),
    ("incoming", "people", "incoming"),
    ("share_short", "%", "share_short"),
    ("distance_coverage", "%", "distance_coverage"),
    ("short_by_car", "people", "short_by_car"),
)

MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "residents": "Employed residents in the flows {year}",
        "share_inside": "Employed residents working in the commune {year}",
        "outgoing": "Employed residents working in another commune {year}",
        "incoming": "Workers living in another commune {year}",
        "share_short": "Residents' commutes under 5 km (straight line between commune centres) {year}",
        "distance_coverage": "Residents' commutes whose distance is known {year}",
        "short_by_car": "Short commutes made by car, estimated (short commutes × car share)",
        "people": "people",
        "no_internal": "The flows file has no commute inside a commune (home = work): the employed residents "
        "working in their own commune are unknown, and the figures cover the commutes that leave it.",
        "no_centroids": "{count} flows have no known commune centre: their lines are empty and their "
        "distance unknown. {why}",
        "centres_not_given": "Work online (the centres come from geo.api.gouv.fr), use an offline kit, or give "
        "the communes (COMMUNES: their outlines or centres with their INSEE code) to draw and measure them.",
        "centres_failed": "The commune centres could not be had from geo.api.gouv.fr ({detail}). Try again "
        "later, or give the communes (COMMUNES: their outlines or centres with their INSEE code).",
        "flows_failed": "INSEE's flows file could not be had ({detail}): the commuting figures are not "
        "available. Try again later, or download the “base flux de mobilité domicile-lieu de travail” from "
        "insee.fr and give it as FLOWS.",
        "not_in_flows": "{code} has no flow in this file: check that the file covers the territory.",
        "source": "Source : INSEE, mobilités professionnelles (census {year}). Licence Ouverte / Etalab.",
        "flows_data": "Home-to-work commuting: not available (INSEE's home-to-work flows file, MOBPRO, “base "
        "flux de mobilité domicile-lieu de travail”, was not given)",
        "flows_hint": "Download it from insee.fr and give it as the flows file (FLOWS), or choose online.",
    },
    "fr": {
        "residents": "Actifs occupés résidents présents dans les flux {year}",
        "share_inside": "Actifs occupés résidents travaillant dans la commune {year}",
        "outgoing": "Actifs occupés résidents travaillant dans une autre commune {year}",
        "incoming": "Actifs venant d'une autre commune y travailler {year}",
        "share_short": "Trajets domicile-travail des résidents de moins de 5 km (à vol d'oiseau "
        "entre centres de communes) {year}",
        "distance_coverage": "Trajets des résidents dont la distance est connue {year}",
        "short_by_car": "Trajets courts faits en voiture, estimation (trajets courts × part de la "
        "voiture)",
        "people": "personnes",
        "no_internal": "Le fichier de flux ne contient aucun trajet interne à une commune (domicile = travail) : "
        "les actifs travaillant dans leur commune de résidence sont inconnus et les chiffres portent sur les "
        "trajets qui en sortent.",
        "no_centroids": "{count} flux n'ont pas de centre de commune connu : leurs lignes sont vides et leur "
        "distance inconnue. {why}",
        "centres_not_given": "Travaillez en ligne (les centres viennent de geo.api.gouv.fr), utilisez un kit hors "
        "ligne ou donnez les communes (COMMUNES\u00a0: contours ou centres avec leur code INSEE) pour les tracer et "
        "les mesurer.",
        "centres_failed": "Les centres des communes n'ont pas pu être obtenus de geo.api.gouv.fr ({detail}). "
        "Réessayez plus tard, ou donnez les communes (COMMUNES\u00a0: contours ou centres avec leur code INSEE).",
        "flows_failed": "Le fichier de flux de l'INSEE n'a pas pu être obtenu ({detail})\u00a0: les chiffres des "
        "déplacements domicile-travail ne sont pas disponibles. Réessayez plus tard, ou téléchargez la « base "
        "flux de mobilité domicile-lieu de travail » sur insee.fr et donnez-la comme fichier de flux (FLOWS).",
        "not_in_flows": "{code} n'a aucun flux dans ce fichier\u00a0: vérifiez que le fichier couvre le territoire.",
        "source": "Source : INSEE, mobilités professionnelles (recensement {year}). Licence Ouverte / Etalab.",
        "flows_data": "Domicile-travail : non disponible (le fichier des flux domicile-travail de l’Insee, "
        "MOBPRO, « base flux de mobilité domicile-lieu de travail », n’a pas été fourni)",
        "flows_hint": "Téléchargez-le sur insee.fr et donnez-le comme fichier de flux (FLOWS), ou choisissez "
        "« en ligne ».",
    },
}


# -- commune centres (geo.api.gouv.fr's ``centre``: a point inside the commune, lon/lat) --------------


def centres_from_reply(data: object) -> dict[str, tuple[float, float]]:
    """code -> (lon, lat) of a geo.api.gouv.fr list of communes asked with ``fields=code,centre``; a row
    without a point is left out. Raises ``ValueError`` for a reply that is not such a list."""
    if not isinstance(data, list):
        raise ValueError("not a list of communes")
    centres = {}
    for item in data:
        centre = item.get("centre") if isinstance(item, dict) else None
        coordinates = centre.get("coordinates") if isinstance(centre, dict) else None
        try:
            lon, lat = float(coordinates[0]), float(coordinates[1])
        except (TypeError, ValueError, IndexError):
            continue
        centres[str(item.get("code") or "").upper()] = (lon, lat)
    centres.pop("", None)
    return centres


def centres_geojson(centres: Mapping[str, tuple[float, float]], names: Mapping[str, str]) -> str:
    """The centres as a GeoJSON point layer (``code``, ``nom``): what the theme's COMMUNES reads, and what
    an offline kit carries."""
    import json

    features = [
        {"type": "Feature", "properties": {"code": code, "nom": names.get(code, "")},
         "geometry": {"type": "Point", "coordinates": [lon, lat]}}
        for code, (lon, lat) in sorted(centres.items())
    ]  # fmt: skip
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)


def message(key: str, lang: str, **values) -> str:
    return MESSAGES.get(lang, MESSAGES["en"])[key].format(**values)


def indicator_rows(
    commuting: Optional[Commuting], year: Optional[int], lang: str, why: str = ""
) -> list[tuple[str, str, Optional[float], str]]:
    """(id, label, value, unit) of each indicator; ``commuting`` None (no flows): first a row saying why
    (``why``, e.g. a failed download, else that no file was given and what to give), then every value "not
    available"."""
    reason = why.rstrip(".") if why else message("flows_data", lang)
    rows = [("flows_data", reason, None, "")] if commuting is None else []
    for indicator, unit, attribute in INDICATORS:
        label = message(indicator, lang, year=year or "")
        shown_unit = message("people", lang) if unit == "people" else unit
        value = getattr(commuting, attribute) if commuting is not None else None
        rows.append((indicator, label.strip(), value, shown_unit))
    return rows
