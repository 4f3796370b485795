"""Transit service from a GTFS feed: departures per stop on one day and time window.

Why our own reader: it needs only ``csv`` and ``zipfile``, streams ``stop_times.txt`` (millions of
rows in large feeds) keeping only the trips that run on the chosen day, and applies the rules a
diagnosis needs (GTFS reference, https://gtfs.org/schedule/reference/):

* a service runs on a date when ``calendar.txt`` says so (weekday flag, within start/end) unless
  ``calendar_dates.txt`` removes it (exception_type 2), or when ``calendar_dates.txt`` adds it (1);
* times may pass 24:00 (``25:10:00`` is 01:10 the next day): trips of the previous service day
  that run after midnight count on the chosen date;
* the last stop of a trip is an arrival, not a departure, and ``pickup_type=1`` means no boarding;
* stops (``location_type`` 0 or empty) are counted; their ``parent_station`` is kept so that
  platforms can be grouped and matched to OSM stations.

A feed without ``calendar.txt`` and ``calendar_dates.txt``, or with no service on the date, is a
``GtfsError`` whose message says which dates the feed covers.

Several feeds (a folder of zips: the networks serving a commune, ``transit_services``) are read on one
day, the typical weekday of the feed with the most trips; their stops are merged, each id prefixed with
its feed's name ("peribus:1234"), since two publishers may use the same ids for different stops.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import zipfile
from dataclasses import dataclass, field
from typing import Dict, Iterator, List, Optional, Set, Tuple

# "Frequent" service: 4 departures an hour (one every 15 minutes) is the usual threshold for a
# "turn up and go" service (e.g. CEREMA's "niveau de service"; ITDP/BRT standard's 15-min headway).
DEFAULT_FREQUENT_PER_HOUR = 4.0
DEFAULT_START = "07:00"
DEFAULT_END = "09:00"
# Tuesday to Thursday are the "typical weekdays" of travel surveys (Mondays and Fridays differ).
TYPICAL_WEEKDAYS = (1, 2, 3)
# How far ahead to look for a typical weekday (four weeks: skips a holiday week).
TYPICAL_SEARCH_DAYS = 28

WEEKDAY_COLUMNS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

MESSAGES: Dict[str, Dict[str, str]] = {
    "en": {
        "not_a_zip": "The GTFS file {path} is not a readable zip archive. Give the .zip of a GTFS feed.",
        "missing_file": "The GTFS feed {path} has no {name}: it is not a complete GTFS feed.",
        "no_calendar": (
            "The GTFS feed {path} has neither calendar.txt nor calendar_dates.txt, so the days on which "
            "its trips run are unknown. Use a complete feed (for French networks, transport.data.gouv.fr)."
        ),
        "no_service": (
            "The GTFS feed has no service on {date}. It covers {first} to {last}: "
            "choose a date in that range (GTFS_DATE) or a more recent feed."
        ),
        "empty_calendar": "The GTFS feed {path} declares no service day at all: it cannot give departures.",
        "bad_date": "'{value}' is not a date: write it as YYYY-MM-DD (for example 2024-03-12).",
        "bad_time": "'{value}' is not a time: write it as HH:MM (for example 07:00).",
        "bad_window": "The time window {start}–{end} is empty: the end must come after the start.",
        "no_feed": "The folder {path} holds no GTFS zip: give a GTFS .zip, or a folder of them.",
        "no_feed_read": "None of the GTFS feeds of {path} gives departures: {why}",
    },
    "fr": {
        "not_a_zip": "Le fichier GTFS {path} n’est pas une archive zip lisible : indiquez le .zip d’un flux.",
        "missing_file": "Le flux GTFS {path} n’a pas de {name} : ce n’est pas un flux GTFS complet.",
        "no_calendar": (
            "Le flux GTFS {path} n’a ni calendar.txt ni calendar_dates.txt : les jours de circulation sont "
            "inconnus. Utilisez un flux complet (pour les réseaux français, transport.data.gouv.fr)."
        ),
        "no_service": (
            "Le flux GTFS n’a aucun service le {date}. Il couvre du {first} au {last} : "
            "choisissez une date dans cette période (GTFS_DATE) ou un flux plus récent."
        ),
        "empty_calendar": "Le flux GTFS {path} ne déclare aucun jour de service : pas de départs possibles.",
        "bad_date": "« {value} » n’est pas une date : écrivez-la AAAA-MM-JJ (par exemple 2024-03-12).",
        "bad_time": "« {value} » n’est pas une heure : écrivez-la HH:MM (par exemple 07:00).",
        "bad_window": "La plage horaire {start}–{end} est vide : la fin doit suivre le début.",
        "no_feed": "Le dossier {path} ne contient aucun GTFS (.zip)\u00a0: indiquez un .zip, ou un dossier de .zip.",
        "no_feed_read": "Aucun des flux GTFS de {path} ne donne de départs\u00a0: {why}",
    },
}


class GtfsError(Exception):
    """A feed or a parameter that cannot give departures; ``str()`` is the user message."""

    def __init__(self, code: str, lang: str = "en", **values: object):
        self.code = code
        self.values = values
        table = MESSAGES.get(lang, MESSAGES["en"])
        super().__init__(table[code].format(**values))


def parse_date(value: str, lang: str = "en") -> dt.date:
    """``YYYY-MM-DD`` (the parameter) or ``YYYYMMDD`` (GTFS)."""
    text = (value or "").strip()
    for fmt in ("%Y-%m-%d", "%Y%m%d"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise GtfsError("bad_date", lang, value=value)


def parse_hhmm(value: str, lang: str = "en") -> int:
    """``HH:MM`` (or ``HH:MM:SS``) to seconds after midnight; hours may pass 24."""
    parts = (value or "").strip().split(":")
    try:
        if len(parts) not in (2, 3):
            raise ValueError
        h, m = int(parts[0]), int(parts[1])
        s = int(parts[2]) if len(parts) == 3 else 0
        if h < 0 or not 0 <= m < 60 or not 0 <= s < 60:
            raise ValueError
    except ValueError:
        raise GtfsError("bad_time", lang, value=value) from None
    return h * 3600 + m * 60 + s


def _gtfs_seconds(value: str) -> Optional[int]:
    """GTFS time (``H:MM:SS``, may exceed 24:00) to seconds; None when empty (untimed stop)."""
    value = value.strip()
    if not value:
        return None
    h, m, s = value.split(":")
    return int(h) * 3600 + int(m) * 60 + int(s)


def _rows(zf: zipfile.ZipFile, name: str) -> Iterator[Dict[str, str]]:
    """Rows of a feed file as dicts with stripped keys (feeds often have a BOM or spaces)."""
    member = next((n for n in zf.namelist() if n.rsplit("/", 1)[-1] == name), None)
    if member is None:
        return
    with zf.open(member) as raw:
        reader = csv.reader(io.TextIOWrapper(raw, encoding="utf-8-sig", newline=""))
        header = [h.strip() for h in next(reader, [])]
        for row in reader:
            if row:
                yield dict(zip(header, (c.strip() for c in row)))


def _table(zf: zipfile.ZipFile, name: str) -> Tuple[Dict[str, int], Iterator[List[str]]]:
    """Column index and raw rows of a large feed file (faster than one dict per row)."""
    member = next(n for n in zf.namelist() if n.rsplit("/", 1)[-1] == name)
    reader = csv.reader(io.TextIOWrapper(zf.open(member), encoding="utf-8-sig", newline=""))
    header = {h.strip(): i for i, h in enumerate(next(reader, []))}
    return header, reader


def _has(zf: zipfile.ZipFile, name: str) -> bool:
    return any(n.rsplit("/", 1)[-1] == name for n in zf.namelist())


@dataclass
class Calendar:
    """``calendar.txt`` rules and ``calendar_dates.txt`` exceptions of a feed."""

    weekly: List[Tuple[str, Tuple[bool, ...], dt.date, dt.date]] = field(default_factory=list)
    added: Dict[dt.date, Set[str]] = field(default_factory=dict)
    removed: Dict[dt.date, Set[str]] = field(default_factory=dict)

    def services_on(self, day: dt.date) -> Set[str]:
        weekday = day.weekday()
        active = {sid for sid, days, start, end in self.weekly if days[weekday] and start <= day <= end}
        active -= self.removed.get(day, set())
        active |= self.added.get(day, set())
        return active

    def coverage(self) -> Optional[Tuple[dt.date, dt.date]]:
        """First and last date with any service (None for a calendar without any)."""
        days = [d for d, s in self.added.items() if s]
        for _, flags, start, end in self.weekly:
            if any(flags) and start <= end:
                days += [start, end]
        if not days:
            return None
        first, last = min(days), max(days)
        # trim the ends to days that really run (a weekly rule may start on a day it does not run)
        while first < last and not self.services_on(first):
            first += dt.timedelta(days=1)
        while last > first and not self.services_on(last):
            last -= dt.timedelta(days=1)
        return first, last


def read_calendar(zf: zipfile.ZipFile, path: str = "", lang: str = "en") -> Calendar:
    if not (_has(zf, "calendar.txt") or _has(zf, "calendar_dates.txt")):
        raise GtfsError("no_calendar", lang, path=path)
    cal = Calendar()
    for row in _rows(zf, "calendar.txt"):
        flags = tuple(row.get(c, "0") == "1" for c in WEEKDAY_COLUMNS)
        cal.weekly.append(
            (row["service_id"], flags, parse_date(row["start_date"]), parse_date(row["end_date"]))
        )
    for row in _rows(zf, "calendar_dates.txt"):
        target = cal.added if row.get("exception_type") == "1" else cal.removed
        target.setdefault(parse_date(row["date"]), set()).add(row["service_id"])
    return cal


@dataclass
class StopService:
    stop_id: str
    name: str
    lat: float
    lon: float
    parent_station: str
    departures: int
    departures_per_hour: float
    frequent: bool


@dataclass
class TransitService:
    """Departures per GTFS stop on ``date`` between ``start`` and ``end`` (seconds after midnight)."""

    date: dt.date
    start: int
    end: int
    frequent_per_hour: float
    coverage: Tuple[dt.date, dt.date]
    stops: List[StopService]
    stations: Dict[str, Tuple[str, float, float]]  # parent station id -> (name, lat, lon)
    trips_on_date: int
    skipped: List[str] = field(default_factory=list)  # feeds left out of a merge, and why (their messages)

    @property
    def hours(self) -> float:
        return (self.end - self.start) / 3600.0


def _trips_by_service(zf: zipfile.ZipFile) -> Dict[str, List[str]]:
    out: Dict[str, List[str]] = {}
    for row in _rows(zf, "trips.txt"):
        out.setdefault(row["service_id"], []).append(row["trip_id"])
    return out


def typical_weekday(cal: Calendar, trips: Dict[str, List[str]], today: dt.date) -> dt.date:
    """The next Tuesday–Thursday with the most trips within four weeks (skips holidays), inside the feed.

    When ``today`` lies outside the feed's dates, the search starts at the feed's first day.
    """
    cover = cal.coverage()
    if cover is None:
        return today
    first, last = cover
    start = today if first <= today <= last else first
    candidates = [start + dt.timedelta(days=i) for i in range(TYPICAL_SEARCH_DAYS)]
    candidates = [d for d in candidates if d <= last and d.weekday() in TYPICAL_WEEKDAYS]
    if not candidates:
        candidates = [d for d in (start + dt.timedelta(days=i) for i in range(7)) if d <= last] or [start]

    best = max(trips_on(cal, trips, d) for d in candidates)
    return next(d for d in candidates if trips_on(cal, trips, d) == best)


def trips_on(cal: Calendar, trips: Dict[str, List[str]], day: dt.date) -> int:
    return sum(len(trips.get(s, ())) for s in cal.services_on(day))


_READ: Dict[tuple, TransitService] = {}  # the last feeds read in this process (see transit_service)
READ_KEPT = 8  # a commune's feeds (urban network, coaches, trains) read twice: in the helper, then the theme


def transit_service(
    path: str,
    date: Optional[str] = None,
    start: str = DEFAULT_START,
    end: str = DEFAULT_END,
    frequent_per_hour: float = DEFAULT_FREQUENT_PER_HOUR,
    today: Optional[dt.date] = None,
    lang: str = "en",
) -> TransitService:
    """Departures per stop of the feed at ``path`` (see the module docstring for the rules).

    ``date``: ``YYYY-MM-DD``; empty or None picks the next typical weekday (``typical_weekday``). Read once
    per version of the file and set of arguments in a process: ``diagnose``'s helper process reads the feed
    while the OSM data is fetched, before it computes the accessibility theme. Treat the result as read-only.
    """
    try:
        stat = os.stat(path)
    except OSError:
        stat = None
    key = (os.path.abspath(path), stat and (stat.st_mtime_ns, stat.st_size), date or None, start, end,
           float(frequent_per_hour), today or dt.date.today(), lang)  # fmt: skip
    if stat is not None and key in _READ:
        return _READ[key]
    service = _read_transit_service(path, date, start, end, frequent_per_hour, today, lang)
    if stat is not None:
        while len(_READ) >= READ_KEPT:
            _READ.pop(next(iter(_READ)))
        _READ[key] = service
    return service


def _read_transit_service(path, date, start, end, frequent_per_hour, today, lang) -> TransitService:
    t0, t1 = parse_hhmm(start, lang), parse_hhmm(end, lang)
    if t1 <= t0:
        raise GtfsError("bad_window", lang, start=start, end=end)
    try:
        zf = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile):
        raise GtfsError("not_a_zip", lang, path=path) from None
    with zf:
        for name in ("stops.txt", "trips.txt", "stop_times.txt"):
            if not _has(zf, name):
                raise GtfsError("missing_file", lang, path=path, name=name)
        cal = read_calendar(zf, path, lang)
        cover = cal.coverage()
        if cover is None:
            raise GtfsError("empty_calendar", lang, path=path)
        trips = _trips_by_service(zf)
        day = parse_date(date, lang) if date else typical_weekday(cal, trips, today or dt.date.today())
        today_services = cal.services_on(day)
        if not today_services:
            raise GtfsError(
                "no_service",
                lang,
                date=day.isoformat(),
                first=cover[0].isoformat(),
                last=cover[1].isoformat(),
            )
        prev_services = cal.services_on(day - dt.timedelta(days=1))
        # trip -> day shift: 0 for trips of the date, -86400 s for trips of the previous service day
        shifts: Dict[str, List[int]] = {}
        for sid in today_services:
            for trip in trips.get(sid, ()):
                shifts.setdefault(trip, []).append(0)
        for sid in prev_services:
            for trip in trips.get(sid, ()):
                shifts.setdefault(trip, []).append(-86400)
        trips_on_date = sum(len(trips.get(s, ())) for s in today_services)

        # keep the stop_times rows of those trips only; the last stop of each trip is found afterwards
        last_seq: Dict[str, int] = {}
        kept: List[Tuple[str, int, str, int]] = []
        header, reader = _table(zf, "stop_times.txt")
        i_trip, i_seq, i_stop = header["trip_id"], header.get("stop_sequence", -1), header["stop_id"]
        i_dep, i_arr, i_pick = (header.get(k, -1) for k in ("departure_time", "arrival_time", "pickup_type"))
        for row in reader:
            if len(row) < len(header):
                continue
            trip = row[i_trip].strip()
            if trip not in shifts:
                continue
            seq = int(row[i_seq] or 0) if i_seq >= 0 else 0
            if seq > last_seq.get(trip, -1):
                last_seq[trip] = seq
            if i_pick >= 0 and row[i_pick].strip() == "1":
                continue
            text = (row[i_dep] if i_dep >= 0 else "").strip() or (row[i_arr] if i_arr >= 0 else "").strip()
            dep = _gtfs_seconds(text)
            if dep is not None:
                kept.append((trip, seq, row[i_stop].strip(), dep))
        counts: Dict[str, int] = {}
        for trip, seq, stop_id, dep in kept:
            if seq == last_seq[trip]:
                continue
            for shift in shifts[trip]:
                if t0 <= dep + shift < t1:
                    counts[stop_id] = counts.get(stop_id, 0) + 1

        hours = (t1 - t0) / 3600.0
        stops: List[StopService] = []
        stations: Dict[str, Tuple[str, float, float]] = {}
        for row in _rows(zf, "stops.txt"):
            kind = row.get("location_type") or "0"
            lat, lon = _float(row.get("stop_lat")), _float(row.get("stop_lon"))
            if kind == "1":
                stations[row["stop_id"]] = (row.get("stop_name", ""), lat, lon)
            elif kind == "0":
                n = counts.get(row["stop_id"], 0)
                per_hour = n / hours
                stops.append(
                    StopService(
                        row["stop_id"],
                        row.get("stop_name", ""),
                        lat,
                        lon,
                        row.get("parent_station", ""),
                        n,
                        per_hour,
                        per_hour >= frequent_per_hour,
                    )
                )
    return TransitService(day, t0, t1, frequent_per_hour, cover, stops, stations, trips_on_date)


FEED_SEPARATOR = ":"  # between a feed's name and its stop ids, when several feeds are merged


def is_feed_folder(value: str) -> bool:
    return bool(value) and os.path.isdir(value)


def feed_paths(value: str) -> List[Tuple[str, str]]:
    """(name, path) of each feed a GTFS input holds: a zip alone (no name: its ids are kept as they are),
    or every zip of a folder (named after the file), in name order."""
    if is_feed_folder(value):
        names = sorted(n for n in os.listdir(value) if n.lower().endswith(".zip"))
        return [(os.path.splitext(n)[0], os.path.join(value, n)) for n in names]
    return [("", value)] if value else []


def _feed_day(path: str, today: dt.date, lang: str) -> Tuple[int, dt.date]:
    """(trips that day, day) of a feed's typical weekday: the merge reads every feed on the busiest one's."""
    try:
        with zipfile.ZipFile(path) as zf:
            cal = read_calendar(zf, path, lang)
            trips = _trips_by_service(zf)
    except (OSError, zipfile.BadZipFile):
        raise GtfsError("not_a_zip", lang, path=path) from None
    day = typical_weekday(cal, trips, today)
    return trips_on(cal, trips, day), day


def transit_services(
    value: str,
    date: Optional[str] = None,
    start: str = DEFAULT_START,
    end: str = DEFAULT_END,
    frequent_per_hour: float = DEFAULT_FREQUENT_PER_HOUR,
    today: Optional[dt.date] = None,
    lang: str = "en",
) -> TransitService:
    """``transit_service`` of a zip, or of every feed of a folder merged on one day (the module docstring).

    A feed of a folder that cannot give departures that day is left out (``skipped`` says why); the merge
    fails only when none can."""
    feeds = feed_paths(value)
    if len(feeds) == 1 and not feeds[0][0]:
        return transit_service(value, date, start, end, frequent_per_hour, today, lang)
    if not feeds:
        raise GtfsError("no_feed", lang, path=value)
    if not date:
        busiest = []
        for _name, path in feeds:
            try:
                busiest.append(_feed_day(path, today or dt.date.today(), lang))
            except GtfsError:
                continue  # said below, when it is read
        date = max(busiest)[1].isoformat() if busiest else None
    read: List[Tuple[str, TransitService]] = []
    skipped: List[str] = []
    for name, path in feeds:
        try:
            read.append((name, transit_service(path, date, start, end, frequent_per_hour, today, lang)))
        except GtfsError as exc:
            skipped.append(f"{name}: {exc}")
    if not read:
        raise GtfsError("no_feed_read", lang, path=value, why=" ; ".join(skipped))
    first = read[0][1]
    stops: List[StopService] = []
    stations: Dict[str, Tuple[str, float, float]] = {}
    for name, service in read:
        prefix = name + FEED_SEPARATOR
        for s in service.stops:
            parent = prefix + s.parent_station if s.parent_station else ""
            stops.append(StopService(prefix + s.stop_id, s.name, s.lat, s.lon, parent, s.departures,
                                     s.departures_per_hour, s.frequent))  # fmt: skip
        stations.update({prefix + k: v for k, v in service.stations.items()})
    coverage = (min(s.coverage[0] for _, s in read), max(s.coverage[1] for _, s in read))
    return TransitService(first.date, first.start, first.end, first.frequent_per_hour, coverage, stops, stations,
                          sum(s.trips_on_date for _, s in read), skipped)  # fmt: skip


def _float(value: Optional[str]) -> float:
    try:
        return float(value) if value else float("nan")
    except ValueError:
        return float("nan")
