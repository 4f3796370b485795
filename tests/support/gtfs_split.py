"""A real GTFS feed cut into networks: each part keeps every stop (so their stop ids collide, as two
publishers' may) and every calendar row, and takes every other route with its trips and stop times. The
parts' departures add up to the whole feed's, which is what a merge must give back."""

import csv
import io
import zipfile

PER_ROUTE = ("routes.txt", "trips.txt", "stop_times.txt")


def _read(z: zipfile.ZipFile, name: str) -> tuple[list[str], list[dict]]:
    reader = csv.DictReader(io.TextIOWrapper(z.open(name), encoding="utf-8-sig", newline=""))
    return list(reader.fieldnames or []), list(reader)


def _csv(header: list[str], rows: list[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def split_feed(feed: bytes, parts: int = 2) -> list[bytes]:
    """The feed's routes dealt in turn into ``parts`` complete feeds (zip bytes)."""
    with zipfile.ZipFile(io.BytesIO(feed)) as z:
        names = z.namelist()
        routes_header, routes = _read(z, "routes.txt")
        trips_header, trips = _read(z, "trips.txt")
        times_header, times = _read(z, "stop_times.txt")
        shared = {n: z.read(n) for n in names if n not in PER_ROUTE}
    route_ids = sorted({r["route_id"] for r in routes})
    part_of_route = {route: i % parts for i, route in enumerate(route_ids)}
    part_of_trip = {t["trip_id"]: part_of_route[t["route_id"]] for t in trips}
    out = []
    for part in range(parts):
        files = dict(shared)
        files["routes.txt"] = _csv(routes_header, [r for r in routes if part_of_route[r["route_id"]] == part])
        files["trips.txt"] = _csv(trips_header, [t for t in trips if part_of_trip[t["trip_id"]] == part])
        files["stop_times.txt"] = _csv(times_header, [s for s in times if part_of_trip[s["trip_id"]] == part])
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in files.items():
                z.writestr(name, data)
        out.append(buffer.getvalue())
    return out
