"""Carpool trips from, to and within a commune, from the open data of the national carpool proof register.

The register (Registre de preuve de covoiturage, covoiturage.beta.gouv.fr) publishes on data.gouv.fr
("Trajets réalisés en covoiturage – registre de preuve de covoiturage", Licence Ouverte 2.0) one CSV per
month, named ``YYYY-MM.csv``: one row per passenger–driver pair ("journey": a driver with two passengers is
two rows), ``;``-separated with a header, UTF-8. Its columns, in the published order (the register's
publication job, covoiturage-gouv-fr/mono ``datalake/pipelines/helpers/datagouv_query.py``; the dataset
page describes them): journey_id, trip_id, journey_start_datetime, journey_start_date, journey_start_time,
journey_start_lon, journey_start_lat, journey_start_insee, journey_start_department, journey_start_town,
journey_start_towngroup, journey_start_country, the same eleven for the end, passenger_seats,
operator_class, journey_distance (metres), journey_duration, has_incentive. Before publication, the
journeys whose start or end commune has fewer than 6 journeys in the month are removed (k-anonymity): a
small commune may have none. Older files gave the date in ``journey_start_datetime`` only (UTC) and lost
the leading zero of a code ("6032"): both are read.

Pure: the QGIS side downloads the months (qgis_io.sources.carpool_trips_online) or reads the user's files.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Optional, Sequence

from .commuting import territory_codes
from .indicators import MONTH_UNIT, Indicator

THEME = "commuting"  # the theme whose page and indicators carry the trips (core.themes)
DEFAULT_MONTHS = 3  # online: the last three months published (a quarter; each month is tens of MB)
TOP = 3  # origins and destinations named

START, END = "journey_start_insee", "journey_end_insee"
DATE_COLUMNS = ("journey_start_date", "journey_start_datetime")  # the first present gives the month
DISTANCE = "journey_distance"  # metres
NAMES = {START: "journey_start_town", END: "journey_end_town"}


class CarpoolFileError(ValueError):
    """A file that is not the register's open data; the message says what to give."""


MESSAGES = {
    "en": {
        "not_rpc": "{name} is not a file of the carpool proof register (no column {columns}). Give the monthly "
        "CSV files of « Trajets réalisés en covoiturage » from data.gouv.fr, or their folder.",
        "no_file": "no carpool trips: give the register's monthly files in CARPOOL_TRIPS, or « online »",
        "no_trips": "the carpool proof register has no trip from or to commune {code} over {period} (communes "
        "with fewer than 6 trips a month are left out of its open data)",
        "not_french": "carpool trips: the register's open data covers French communes only",
        "unavailable": " — unavailable: {why}",
        "period": "{first}–{last}",
        "source": "Carpool proof register (RPC), data.gouv.fr, {period}; Licence Ouverte 2.0",
        "trips": "Carpool trips declared to the proof register from, to or within the commune ({period})",
        "outgoing": "Carpool trips leaving the commune",
        "incoming": "Carpool trips arriving in the commune",
        "internal": "Carpool trips within the commune",
        "months": "Months of the register read",
        "first_month": "First month read",
        "last_month": "Last month read",
        "mean_distance": "Mean distance of these carpool trips",
        "destination": "Carpool destination no. {rank}: {name} ({code})",
        "origin": "Carpool origin no. {rank}: {name} ({code})",
    },
    "fr": {
        "not_rpc": "{name} n’est pas un fichier du registre de preuve de covoiturage (pas de colonne {columns}). "
        "Donnez les fichiers CSV mensuels de «\u00a0Trajets réalisés en covoiturage\u00a0» de data.gouv.fr, "
        "ou leur dossier.",
        "no_file": "pas de trajets en covoiturage\u00a0: donnez les fichiers mensuels du registre dans "
        "CARPOOL_TRIPS, ou «\u00a0en ligne\u00a0»",
        "no_trips": "le registre de preuve de covoiturage n’a aucun trajet depuis ou vers la commune {code} sur "
        "la période {period} (les communes de moins de 6 trajets par mois sont écartées de ses données ouvertes)",
        "not_french": "trajets en covoiturage\u00a0: les données ouvertes du registre couvrent les communes "
        "françaises seulement",
        "unavailable": " — indisponible\u00a0: {why}",
        "period": "{first}–{last}",
        "source": "Registre de preuve de covoiturage (RPC), data.gouv.fr, {period}\u00a0; Licence Ouverte 2.0",
        "trips": "Trajets en covoiturage déclarés au registre de preuve depuis, vers ou dans la commune "
        "({period})",
        "outgoing": "Trajets en covoiturage partant de la commune",
        "incoming": "Trajets en covoiturage arrivant dans la commune",
        "internal": "Trajets en covoiturage internes à la commune",
        "months": "Mois du registre lus",
        "first_month": "Premier mois lu",
        "last_month": "Dernier mois lu",
        "mean_distance": "Distance moyenne de ces trajets en covoiturage",
        "destination": "Destination en covoiturage n°\u00a0{rank}\u00a0: {name} ({code})",
        "origin": "Origine en covoiturage n°\u00a0{rank}\u00a0: {name} ({code})",
    },
}  # fmt: skip


def message(key: str, lang: str, **values: object) -> str:
    return MESSAGES.get(lang, MESSAGES["en"])[key].format(**values)


@dataclass
class TripTable:
    """The rows of one file that touch the territory, and every month the file holds (a month read with
    no trip of the territory still counts as read)."""

    fields: list[str]
    rows: list[list[str]]
    months: set[str] = field(default_factory=set)  # "YYYY-MM"


def _code(value: str) -> str:
    text = (value or "").strip().strip('"').upper()
    return text.zfill(5) if text.isdigit() and len(text) == 4 else text


def read_trips_text(text: str, codes: set[str], name: str = "", lang: str = "en") -> TripTable:
    """The journeys of ``text`` (one monthly file) starting or ending in ``codes``. ``;`` as published, or
    ``,`` when re-saved by a spreadsheet. Raises ``CarpoolFileError`` when the columns are not there."""
    text = text.lstrip("\ufeff")
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = next(reader, None)
    fields = [cell.strip().strip('"').lower() for cell in header or []]
    date = next((c for c in DATE_COLUMNS if c in fields), None)
    if START not in fields or END not in fields or date is None:
        missing = [c for c in (START, END, DATE_COLUMNS[1]) if c not in fields]
        raise CarpoolFileError(message("not_rpc", lang, name=name or "?", columns=", ".join(missing)))
    i_start, i_end, i_date = fields.index(START), fields.index(END), fields.index(date)
    table = TripTable(fields, [])
    width = max(i_start, i_end, i_date) + 1
    for row in reader:
        if len(row) < width:
            continue
        month = row[i_date].strip()[:7]
        if len(month) == 7 and month[4] == "-":
            table.months.add(month)
        if _code(row[i_start]) in codes or _code(row[i_end]) in codes:
            table.rows.append(row)
    return table


def trips_csv(tables: Sequence[TripTable]) -> str:
    """The kept rows in the published layout (``;``, the header of the first table): what an offline kit
    keeps instead of the national files."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    fields = tables[0].fields if tables else []
    writer.writerow(fields)
    for table in tables:
        index = [table.fields.index(f) if f in table.fields else None for f in fields]
        for row in table.rows:
            writer.writerow([row[i] if i is not None and i < len(row) else "" for i in index])
    return out.getvalue()


@dataclass
class CarpoolTrips:
    """What the register says of a territory over the months read."""

    code: str
    months: list[str]  # sorted "YYYY-MM"
    outgoing: int = 0
    incoming: int = 0
    internal: int = 0
    destinations: list[tuple[str, str, int]] = field(default_factory=list)  # (code, name, trips), top first
    origins: list[tuple[str, str, int]] = field(default_factory=list)
    mean_distance_km: Optional[float] = None

    @property
    def total(self) -> int:
        return self.outgoing + self.incoming + self.internal


def territory_trips(tables: Iterable[TripTable], code: str) -> CarpoolTrips:
    """Counts of the journeys of ``code`` (Paris, Lyon, Marseille: their arrondissements, as in MOBPRO)."""
    codes = territory_codes(code)
    months: set[str] = set()
    destinations: Counter = Counter()
    origins: Counter = Counter()
    names: dict[str, str] = {}
    result = CarpoolTrips(code, [])
    distance, measured = 0.0, 0
    for table in tables:
        months |= table.months
        fields = table.fields
        i_start, i_end = fields.index(START), fields.index(END)
        i_distance = fields.index(DISTANCE) if DISTANCE in fields else None
        i_names = {key: fields.index(column) for key, column in NAMES.items() if column in fields}
        for row in table.rows:
            start, end = _code(row[i_start]), _code(row[i_end])
            for key, value in ((START, start), (END, end)):
                if key in i_names and i_names[key] < len(row) and row[i_names[key]].strip():
                    names.setdefault(value, row[i_names[key]].strip())
            inside_start, inside_end = start in codes, end in codes
            if inside_start and inside_end:
                result.internal += 1
            elif inside_start:
                result.outgoing += 1
                destinations[end] += 1
            elif inside_end:
                result.incoming += 1
                origins[start] += 1
            else:
                continue
            if i_distance is not None and i_distance < len(row):
                try:
                    metres = float(row[i_distance].strip().replace(",", "."))
                except ValueError:
                    continue
                distance += metres
                measured += 1
    result.months = sorted(months)
    result.mean_distance_km = round(distance / measured / 1000.0, 1) if measured else None
    order = lambda item: (-item[1], item[0])  # noqa: E731  (most trips first, then by code: stable)
    result.destinations = [(c, names.get(c, ""), n) for c, n in sorted(destinations.items(), key=order)[:TOP]]
    result.origins = [(c, names.get(c, ""), n) for c, n in sorted(origins.items(), key=order)[:TOP]]
    return result


def month_number(month: str) -> float:
    """ "2024-03" → 202403 (the value of a ``MONTH_UNIT`` indicator)."""
    return float(int(month[:4]) * 100 + int(month[5:7]))


def period_text(months: Sequence[str]) -> str:
    """ "2024-01–2024-03" (the source's vintage), or "2024-01" for one month."""
    if not months:
        return ""
    return months[0] if months[0] == months[-1] else f"{months[0]}–{months[-1]}"


COUNT_ROWS = ("trips", "outgoing", "incoming", "internal", "months", "mean_distance")  # always written


def indicator_rows(trips: Optional[CarpoolTrips], lang: str, why: str = "") -> list[Indicator]:
    """The theme's carpool rows; without trips (no file, offline, failed) the same rows, unknown, with why."""
    ids = {key: f"carpool_{key}" for key in COUNT_ROWS}
    units = {"mean_distance": "km", "first_month": MONTH_UNIT, "last_month": MONTH_UNIT}
    if trips is None:
        suffix = message("unavailable", lang, why=why) if why else ""
        return [
            Indicator(THEME, ids[key], message(key, lang, period="—") + suffix, None, units.get(key, "count"))
            for key in COUNT_ROWS
        ]
    period = period_text(trips.months)
    values = {
        "trips": trips.total, "outgoing": trips.outgoing, "incoming": trips.incoming,
        "internal": trips.internal, "months": len(trips.months), "mean_distance": trips.mean_distance_km,
    }  # fmt: skip
    rows = [
        Indicator(THEME, ids[key], message(key, lang, period=period), None if values[key] is None
                  else float(values[key]), units.get(key, "count"))
        for key in COUNT_ROWS
    ]  # fmt: skip
    if trips.months:
        rows += [
            Indicator(THEME, "carpool_first_month", message("first_month", lang), month_number(trips.months[0]),
                      MONTH_UNIT),
            Indicator(THEME, "carpool_last_month", message("last_month", lang), month_number(trips.months[-1]),
                      MONTH_UNIT),
        ]  # fmt: skip
    for kind, items in (("destination", trips.destinations), ("origin", trips.origins)):
        for rank, (code, name, count) in enumerate(items, 1):
            label = message(kind, lang, rank=rank, name=name or code, code=code)
            rows.append(Indicator(THEME, f"carpool_{kind}_{rank}", label, float(count), "count"))
    return rows
