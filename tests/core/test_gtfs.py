"""GTFS departures: real feeds checked against counts made here with plain csv, and hand-made feeds."""

import csv
import datetime as dt
import io
import zipfile

import pytest

from mobility_diagnosis.core.gtfs import (
    FEED_SEPARATOR,
    GtfsError,
    feed_paths,
    parse_hhmm,
    transit_service,
    transit_services,
)
from tests.conftest import data_path
from tests.support.gtfs_split import split_feed


def _read(zf, name):
    with zf.open(name) as f:
        return list(csv.DictReader(io.TextIOWrapper(f, encoding="utf-8-sig")))


def independent_counts(path, day, start_s, end_s):
    """Departures per stop_id, counted straight from the files (no helper of the plugin)."""
    zf = zipfile.ZipFile(path)
    weekday = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    services_for = {}
    for d in (day, day - dt.timedelta(days=1)):
        ymd = d.strftime("%Y%m%d")
        active = set()
        for r in _read(zf, "calendar.txt"):
            if r[weekday[d.weekday()]] == "1" and r["start_date"] <= ymd <= r["end_date"]:
                active.add(r["service_id"])
        for r in _read(zf, "calendar_dates.txt"):
            if r["date"] == ymd:
                if r["exception_type"] == "1":
                    active.add(r["service_id"])
                else:
                    active.discard(r["service_id"])
        services_for[d] = active
    trip_service = {r["trip_id"]: r["service_id"] for r in _read(zf, "trips.txt")}
    rows = _read(zf, "stop_times.txt")
    last = {}
    for r in rows:
        last[r["trip_id"]] = max(last.get(r["trip_id"], -1), int(r["stop_sequence"]))
    counts = {}
    for r in rows:
        if int(r["stop_sequence"]) == last[r["trip_id"]] or r.get("pickup_type") == "1":
            continue
        h, m, s = (int(x) for x in r["departure_time"].split(":"))
        t = h * 3600 + m * 60 + s
        sid = trip_service[r["trip_id"]]
        if sid in services_for[day] and start_s <= t < end_s:
            counts[r["stop_id"]] = counts.get(r["stop_id"], 0) + 1
        if sid in services_for[day - dt.timedelta(days=1)] and start_s <= t - 86400 < end_s:
            counts[r["stop_id"]] = counts.get(r["stop_id"], 0) + 1
    return counts


@pytest.mark.parametrize(
    "feed, day, start, end",
    [
        ("heidelberg_vrn_2022.zip", "2022-09-13", "07:00", "09:00"),
        ("heidelberg_vrn_2022.zip", "2022-09-17", "16:30", "19:00"),  # a Saturday
        ("grand_perigueux_2026.zip", "2026-01-13", "07:00", "09:00"),
    ],
)
def test_departures_match_an_independent_count(feed, day, start, end):
    path = str(data_path("gtfs", feed))
    result = transit_service(path, day, start, end)
    expected = independent_counts(path, dt.date.fromisoformat(day), parse_hhmm(start), parse_hhmm(end))
    got = {s.stop_id: s.departures for s in result.stops}
    busiest = sorted(expected, key=lambda k: -expected[k])[:5]
    quiet = [k for k in expected if expected[k] == 1][:3]
    assert busiest and expected[busiest[0]] > 4
    for stop_id in busiest + quiet:
        assert got[stop_id] == expected[stop_id], stop_id
    # every stop, and nothing counted where the independent count has none
    assert {k: v for k, v in got.items() if v} == expected
    hours = (parse_hhmm(end) - parse_hhmm(start)) / 3600
    top = next(s for s in result.stops if s.stop_id == busiest[0])
    assert top.departures_per_hour == pytest.approx(expected[busiest[0]] / hours)
    assert top.frequent == (expected[busiest[0]] / hours >= 4)


def test_heidelberg_default_date_is_a_typical_weekday_in_the_feed():
    path = str(data_path("gtfs", "heidelberg_vrn_2022.zip"))
    result = transit_service(path, None, today=dt.date(2026, 11, 26))  # long after the feed ended
    assert result.coverage == (dt.date(2022, 6, 12), dt.date(2022, 12, 10))
    assert result.date.weekday() in (1, 2, 3)
    assert result.coverage[0] <= result.date <= result.coverage[1]
    assert result.trips_on_date > 100
    # today inside the feed: the search starts today
    inside = transit_service(path, None, today=dt.date(2022, 10, 3))
    assert dt.date(2022, 10, 3) <= inside.date < dt.date(2022, 10, 31)


def test_no_service_on_the_date_says_which_dates_the_feed_covers():
    path = str(data_path("gtfs", "grand_perigueux_2026.zip"))
    with pytest.raises(GtfsError) as err:
        transit_service(path, "2024-05-14")
    assert err.value.code == "no_service"
    assert "2025-12-22" in str(err.value) and "2026-03-01" in str(err.value)
    with pytest.raises(GtfsError) as err:
        transit_service(path, "2024-05-14", lang="fr")
    assert "couvre du 2025-12-22" in str(err.value)


def write_feed(path, files):
    with zipfile.ZipFile(path, "w") as zf:
        for name, text in files.items():
            zf.writestr(name, text)
    return str(path)


BASE = {
    "stops.txt": (
        "stop_id,stop_name,stop_lat,stop_lon,location_type,parent_station\n"
        "S,Gare,45.0,0.7,1,\nA,Gare quai A,45.0,0.7001,0,S\nB,Mairie,45.001,0.7,0,\nC,Terminus,45.002,0.7,,\n"
    ),
    "trips.txt": "route_id,service_id,trip_id\nR,WK,t1\nR,WK,t2\nR,WK,night\nR,HOL,t3\n",
    "stop_times.txt": (
        "trip_id,arrival_time,departure_time,stop_id,stop_sequence,pickup_type\n"
        "t1,07:10:00,07:10:00,A,1,0\nt1,07:20:00,07:20:00,B,2,0\nt1,07:30:00,07:30:00,C,3,0\n"
        "t2,08:50:00,08:50:00,A,1,0\nt2,09:00:00,09:00:00,B,2,1\nt2,09:10:00,09:10:00,C,3,0\n"
        # a trip of the previous service day running after midnight: 31:15 is 07:15 the next day
        "night,30:55:00,30:55:00,B,1,0\nnight,31:15:00,31:15:00,A,2,0\nnight,31:40:00,31:40:00,C,3,0\n"
        "t3,07:05:00,07:05:00,A,1,0\nt3,07:06:00,07:06:00,C,2,0\n"
    ),
    "calendar.txt": (
        "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\n"
        "WK,1,1,1,1,1,0,0,20240101,20240331\nHOL,0,0,0,0,0,0,0,20240101,20240331\n"
    ),
    "calendar_dates.txt": "service_id,date,exception_type\nWK,20240312,2\nHOL,20240312,1\n",
}


def test_hand_made_feed_rules(tmp_path):
    path = write_feed(tmp_path / "feed.zip", BASE)
    r = transit_service(path, "2024-03-14", "07:00", "09:00")  # a Thursday
    dep = {s.stop_id: s.departures for s in r.stops}
    # A: t1 07:10 + t2 08:50 + night 31:15 of Wednesday's service = 3; B: t1 07:20 (t2 at 09:00 is outside
    # the window and has no pickup); C: last stop of every trip, never a departure
    assert dep == {"A": 3, "B": 1, "C": 0}
    # Wednesday: the night trip belongs to Tuesday's service, which calendar_dates removes
    r = transit_service(path, "2024-03-13", "07:00", "09:00")
    assert {s.stop_id: s.departures for s in r.stops} == {"A": 2, "B": 1, "C": 0}
    assert {s.stop_id for s in r.stops} == {"A", "B", "C"}  # the station itself is not a stop
    a = next(s for s in r.stops if s.stop_id == "A")
    assert a.parent_station == "S" and r.stations["S"][0] == "Gare"
    assert a.departures_per_hour == pytest.approx(1.0) and not a.frequent
    assert transit_service(path, "2024-03-13", frequent_per_hour=1.0).stops[0].frequent
    # Tuesday 12 March: WK removed, HOL added; Monday's night trip ran on Monday's service
    r = transit_service(path, "2024-03-12", "07:00", "09:00")
    assert {s.stop_id: s.departures for s in r.stops} == {"A": 2, "B": 0, "C": 0}


def test_feed_without_calendar_files_is_a_clear_error(tmp_path):
    files = {k: v for k, v in BASE.items() if not k.startswith("calendar")}
    path = write_feed(tmp_path / "nocal.zip", files)
    with pytest.raises(GtfsError) as err:
        transit_service(path, "2024-03-13")
    assert err.value.code == "no_calendar" and "calendar.txt" in str(err.value)


@pytest.mark.parametrize(
    "kwargs, code",
    [
        ({"date": "13/03/2024"}, "bad_date"),
        ({"date": "2024-03-13", "start": "7h"}, "bad_time"),
        ({"date": "2024-03-13", "start": "09:00", "end": "07:00"}, "bad_window"),
    ],
)
def test_bad_parameters(tmp_path, kwargs, code):
    path = write_feed(tmp_path / "feed.zip", BASE)
    with pytest.raises(GtfsError) as err:
        transit_service(path, **kwargs)
    assert err.value.code == code


def test_not_a_zip(tmp_path):
    bad = tmp_path / "x.zip"
    bad.write_text("hello")
    with pytest.raises(GtfsError) as err:
        transit_service(str(bad), "2024-03-13")
    assert err.value.code == "not_a_zip"


def test_a_feed_is_read_once_per_version_and_arguments(tmp_path):
    """diagnose's helper reads the feed while the OSM data is fetched; the theme then finds it read."""

    import os
    import shutil

    feed = tmp_path / "feed.zip"
    shutil.copyfile(data_path("gtfs", "heidelberg_vrn_2022.zip"), feed)
    first = transit_service(str(feed), "2022-06-21")
    assert transit_service(str(feed), "2022-06-21") is first
    assert transit_service(str(feed), "2022-06-21", end="10:00") is not first
    os.utime(feed, ns=(1, 1))  # another version of the file
    assert transit_service(str(feed), "2022-06-21") is not first


def test_the_networks_of_a_folder_are_merged_with_their_stop_ids_prefixed(tmp_path):
    """Grand Périgueux's feed cut into two networks that share every stop id: merged, each stop is counted
    once per network (ids prefixed with the feed), and their departures add up to the whole feed's."""
    whole = data_path("gtfs", "grand_perigueux_2026.zip")
    folder = tmp_path / "feeds"
    folder.mkdir()
    for name, part in zip(("urbain", "cars"), split_feed(whole.read_bytes())):
        (folder / f"{name}.zip").write_bytes(part)
    (folder / "notes.txt").write_text("not a feed")
    today = dt.date(2026, 1, 5)
    merged = transit_services(str(folder), None, today=today)
    alone = transit_service(str(whole), None, today=today)
    assert merged.date == alone.date  # the busiest network's typical weekday
    assert len(merged.stops) == 2 * len(alone.stops)
    assert {s.stop_id.split(FEED_SEPARATOR)[0] for s in merged.stops} == {"cars", "urbain"}
    per_stop = {}
    for s in merged.stops:
        network, stop_id = s.stop_id.split(FEED_SEPARATOR, 1)
        per_stop[stop_id] = per_stop.get(stop_id, 0) + s.departures
    assert per_stop == {s.stop_id: s.departures for s in alone.stops}
    assert sum(per_stop.values()) > 0 and merged.trips_on_date == alone.trips_on_date
    assert all(s.parent_station.startswith(("cars:", "urbain:")) for s in merged.stops if s.parent_station)
    assert feed_paths(str(whole)) == [("", str(whole))]  # a zip alone keeps its ids
    assert transit_services(str(whole), None, today=today).stops[0].stop_id == alone.stops[0].stop_id


def test_a_network_without_service_that_day_is_left_out_and_said(tmp_path):
    folder = tmp_path / "feeds"
    folder.mkdir()
    (folder / "perigueux.zip").write_bytes(data_path("gtfs", "grand_perigueux_2026.zip").read_bytes())
    (folder / "vrn.zip").write_bytes(data_path("gtfs", "heidelberg_vrn_2022.zip").read_bytes())
    merged = transit_services(str(folder), "2026-01-06")
    assert {s.stop_id.split(FEED_SEPARATOR)[0] for s in merged.stops} == {"perigueux"}
    assert len(merged.skipped) == 1 and merged.skipped[0].startswith("vrn:") and "2022" in merged.skipped[0]
    with pytest.raises(GtfsError, match="holds no GTFS zip"):
        transit_services(str(tmp_path / "feeds" / ".."), "2026-01-06")
