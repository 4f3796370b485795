"""The safety theme over a territory GeoPackage: the ONISR crash files read by the pure core
(``core.crashes``), the territory's crashes placed in its metric CRS, matched to the nearest street, rated
with the cycling theme's LTS and measured to schools; rows ready for the diagnosis GeoPackage.

Kept out of the Processing algorithm so that it runs (and is tested) on a territory file alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional, Sequence

import numpy as np
from osgeo import ogr, osr

from ...core import crashes as cr
from ...core import safety_indicators as si
from ...core.cycling.lts import evaluate
from ...core.indicators import Indicator
from ...core.network import Network
from ...core.parking import nearest_distances, population_from_about
from ...core.speeds import country_of
from ..gpkg.diagnosis import LayerSpec
from ..gpkg.territory import TerritoryGpkg, wgs84
from .cycling import read_streets

CRASHES_LAYER = "road_crashes"
STREETS_LAYER = "crash_streets"
REQUIRED_LAYERS = ("streets",)
CRASH_FIELDS: list[tuple[str, str]] = [
    ("num_acc", "str"), ("year", "int"), ("date", "str"), ("time", "str"), ("commune", "str"),
    ("severity", "str"), ("severity_label", "str"), ("killed", "int"), ("hospitalised", "int"),
    ("slightly_injured", "int"), ("users", "str"), ("users_label", "str"), ("pedestrian", "bool"),
    ("cyclist", "bool"), ("address", "str"), ("speed_limit", "int"), ("street_osm_id", "int"), ("street_name", "str"),
    ("street_distance_m", "float"), ("street_lts", "int"), ("nearest_school_m", "float"),
    ("near_school", "bool"), ("inside", "bool"),
]  # fmt: skip
STREET_FIELDS: list[tuple[str, str]] = [
    ("osm_id", "int"), ("name", "str"), ("highway", "str"), ("lts", "int"), ("crashes", "int"),
    ("severe_crashes", "int"), ("cyclist_crashes", "int"), ("pedestrian_crashes", "int"),
    ("act_here_first", "bool"), ("length_m", "float"),
]  # fmt: skip
CRASH_SPEC = LayerSpec(CRASHES_LAYER, "Point", CRASH_FIELDS)
STREET_SPEC = LayerSpec(STREETS_LAYER, "LineString", STREET_FIELDS)

# Crashes involve a vehicle: they are matched to ways vehicles (bicycles included) ride on, never to a
# footway beside the road (OSM highway values without vehicle traffic).
NOT_RIDDEN = ("footway", "steps", "path", "bridleway", "corridor", "elevator", "platform", "pedestrian")
MATCH_MAX_M = 100.0  # farther from any street, a crash stays unmatched (geocoding off the network)
# Crashes of another commune are read when their point lies within this margin of the territory's
# bounding box (degrees, ~1 km): the outline decides after reprojection.
BBOX_MARGIN_DEG = 0.01


@dataclass
class SafetyResult:
    crashes: list = field(default_factory=list)  # (ogr point | None, dict)
    streets: list = field(default_factory=list)  # (ogr line, dict)
    indicators: list[Indicator] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    available: bool = True


def source_files(source: str, years: Optional[Sequence[int]] = None) -> dict[str, list[Path]]:
    """The BAAC tables of a folder, or of a single file and the other tables of its year beside it."""
    path = Path(source)
    if path.is_dir():
        return cr.find_files(path, years)
    table = cr.table_of(path)
    if table is None:
        raise cr.CrashFileError(
            f"{path.name} is not one of the national crash files (caracteristiques, lieux, vehicules, "
            "usagers): give the folder of the ONISR BAAC files, or one of their caracteristiques files."
        )
    year = cr.year_of(path)
    found = cr.find_files(path.parent, [year] if year is not None else years)
    if year is None:  # an unnamed year: only this file and its unnamed siblings
        found = {t: [p for p in ps if cr.year_of(p) is None] for t, ps in found.items()}
    found[table] = [path]
    return found


def _outline_wgs84(territory: TerritoryGpkg) -> ogr.Geometry:
    geometry = territory.territory_geometry.Clone()
    geometry.AssignSpatialReference(territory.srs)
    geometry.TransformTo(wgs84())
    return geometry


def _keep(territory: TerritoryGpkg, outline_wgs84: ogr.Geometry) -> Callable[[cr.Crash], bool]:
    """The commune's crashes by INSEE code, and those of any commune whose point may lie in the outline."""
    x0, x1, y0, y1 = outline_wgs84.GetEnvelope()
    x0, y0, x1, y1 = x0 - BBOX_MARGIN_DEG, y0 - BBOX_MARGIN_DEG, x1 + BBOX_MARGIN_DEG, y1 + BBOX_MARGIN_DEG
    code = (territory.code or "").upper()

    def keep(crash: cr.Crash) -> bool:
        if crash.commune == code:
            return True
        return (
            crash.lat is not None
            and crash.lon is not None
            and x0 <= crash.lon <= x1
            and y0 <= crash.lat <= y1
        )

    return keep


def _points(crashes: Sequence[cr.Crash], srs: osr.SpatialReference) -> list[Optional[ogr.Geometry]]:
    transform = osr.CoordinateTransformation(wgs84(), srs)
    out = []
    for crash in crashes:
        if crash.lat is None or crash.lon is None:
            out.append(None)
            continue
        point = ogr.Geometry(ogr.wkbPoint)
        point.AddPoint_2D(crash.lon, crash.lat)
        point.Transform(transform)
        out.append(point)
    return out


def _school_points(territory: TerritoryGpkg) -> np.ndarray:
    points = []
    if "schools" in territory.layer_names:
        for feature in territory.features("schools", fields=()):
            geometry = feature.geometry
            if geometry is None or geometry.IsEmpty():
                continue
            centre = (
                geometry
                if ogr.GT_Flatten(geometry.GetGeometryType()) == ogr.wkbPoint
                else geometry.Centroid()
            )
            points.append((centre.GetX(), centre.GetY()))
    return np.array(points, dtype=float).reshape(-1, 2)


def coverage_problem(territory: TerritoryGpkg, lang: str) -> Optional[str]:
    """Why the national crash files do not cover the territory, or None (asked before any download)."""
    if si.covered_by_baac(territory.code, country_of(territory.code, territory.epsg)):
        return None
    return si.reason(lang, "not_french", code=territory.code or "?")


def unavailable(reason_text: str, lang: str, hint: str = "") -> SafetyResult:
    """``hint`` (what to do) goes to the log only, after the reason the indicators carry."""
    warning = f"{reason_text}. {hint}" if hint else reason_text
    return SafetyResult(indicators=si.not_available(reason_text, lang), warnings=[warning], available=False)


def analyse_safety(
    territory: TerritoryGpkg,
    files: dict[str, list],
    years: Optional[Sequence[int]] = None,
    *,
    lang: str = "en",
    speed_overrides=(),
    cancelled: Callable[[], bool] = lambda: False,
) -> SafetyResult:
    """Everything the safety theme writes. ``years`` None: the last five years the files name (every
    year in them when their names give none). ``files``: paths, or downloaded tables (``safety_online``).
    Raises ``core.crashes.CrashFileError`` on an unreadable file."""
    country = country_of(territory.code, territory.epsg)
    problem = coverage_problem(territory, lang)
    if problem:
        return unavailable(problem, lang)
    if years is None:
        years = cr.default_years(cr.years_available(files))
    if not files.get("caracteristiques"):
        folder = ", ".join(sorted({str(getattr(p, "parent", p)) for ps in files.values() for p in ps})) or "—"
        wanted = ", ".join(map(str, years)) if years else "—"
        return unavailable(si.reason(lang, "no_files", years=wanted, folder=folder), lang)
    outline = _outline_wgs84(territory)
    seen: set[int] = set()
    crashes = cr.read_crashes(files, _keep(territory, outline), years, seen_years=seen)
    if not seen:  # the files hold none of the years asked
        folder = ", ".join(sorted({str(getattr(p, "parent", p)) for p in files["caracteristiques"]}))
        wanted = ", ".join(map(str, years)) if years else "—"
        return unavailable(si.reason(lang, "no_files", years=wanted, folder=folder), lang)
    points = _points(crashes, territory.srs)
    code = (territory.code or "").upper()
    inside = [p is not None and territory.territory_geometry.Contains(p) for p in points]
    chosen = [i for i, crash in enumerate(crashes) if crash.commune == code or inside[i]]
    crashes = [crashes[i] for i in chosen]
    points = [points[i] for i in chosen]
    inside = [inside[i] for i in chosen]
    found_years = sorted(seen)
    result = SafetyResult(years=found_years)
    if cancelled():
        return result

    # nearest street (osm way vehicles ride on), rated as the cycling theme rates it
    streets = read_streets(territory, result.warnings)
    ratings = [evaluate(s.tags, country, speed_overrides) for s in streets]
    located = [i for i, p in enumerate(points) if p is not None]
    street_of = np.full(len(crashes), -1, dtype=np.int64)
    distance = np.full(len(crashes), np.nan)
    if streets and located:
        network = Network.from_ways([s.coords for s in streets])
        ridden = np.array([s.tags.get("highway") not in NOT_RIDDEN for s in streets], dtype=bool)
        xy = np.array([(points[i].GetX(), points[i].GetY()) for i in located], dtype=float)
        snap = network.snap(xy, MATCH_MAX_M, ridden)
        ok = snap.ok
        street_of[np.array(located)[ok]] = network.edge_way[snap.edge[ok]]
        distance[np.array(located)[ok]] = snap.distance[ok]
    if cancelled():
        return result

    schools = _school_points(territory)
    school_m: list[Optional[float]] = [None] * len(crashes)
    if len(schools) and located:
        xy = np.array([(points[i].GetX(), points[i].GetY()) for i in located], dtype=float)
        for i, d in zip(located, nearest_distances(xy, schools).tolist()):
            school_m[i] = d

    kind_labels = cr.USER_KIND_LABELS.get(lang, cr.USER_KIND_LABELS["en"])
    severity_labels = cr.SEVERITY_LABELS.get(lang, cr.SEVERITY_LABELS["en"])
    users_unknown = cr.USERS_NOT_RECORDED.get(lang, cr.USERS_NOT_RECORDED["en"])
    per_street: dict[int, list[cr.Crash]] = {}
    for i, (crash, point) in enumerate(zip(crashes, points)):
        s = int(street_of[i])
        street = streets[s] if s >= 0 else None
        if street is not None:
            per_street.setdefault(s, []).append(crash)
        kinds = crash.kinds
        # no usagers (nor vehicules) rows for this crash: its casualties and users are unknown, not 0 or none
        people = (lambda n: n) if crash.users else (lambda n: None)
        result.crashes.append((point, {
            "num_acc": crash.num_acc, "year": crash.year, "date": crash.date or None, "time": crash.time or None,
            "commune": crash.commune, "severity": crash.severity, "severity_label": severity_labels[crash.severity],
            "killed": people(crash.count("killed")), "hospitalised": people(crash.count("hospitalised")),
            "slightly_injured": people(crash.count("slightly_injured")), "users": ",".join(kinds) or None,
            "users_label": ", ".join(kind_labels[k] for k in kinds) if kinds else users_unknown,
            "pedestrian": "pedestrian" in kinds if kinds else None,
            "cyclist": crash.involves(cr.CYCLIST_KINDS) if kinds else None, "address": crash.address or None,
            "speed_limit": crash.speed_limit,
            "street_osm_id": street.osm_id if street else None,
            "street_name": street.tags.get("name") if street else None,
            "street_distance_m": round(float(distance[i]), 1) if street else None,
            "street_lts": ratings[s].lts if street else None,
            "nearest_school_m": None if school_m[i] is None else round(school_m[i], 1),
            "near_school": None if school_m[i] is None else school_m[i] <= si.SCHOOL_RADIUS_M,
            "inside": inside[i],
        }))  # fmt: skip

    street_rows = []
    for s, matched in sorted(per_street.items()):
        street, rating = streets[s], ratings[s]
        length = float(street.geometry.Length())
        row = si.StreetCrashes(
            osm_id=street.osm_id, lts=rating.lts, length_m=length, crashes=len(matched),
            cyclist_crashes=sum(c.involves(cr.CYCLIST_KINDS) for c in matched),
        )  # fmt: skip
        street_rows.append(row)
        # who was involved and hurt is unknown when none of its crashes has vehicules or usagers rows
        kinds_known, hurt_known = any(c.kinds for c in matched), any(c.users for c in matched)
        result.streets.append((street.geometry.Clone(), {
            "osm_id": street.osm_id, "name": street.tags.get("name"), "highway": street.tags.get("highway"),
            "lts": rating.lts, "crashes": row.crashes,
            "severe_crashes": sum(c.severity in cr.SEVERE for c in matched) if hurt_known else None,
            "cyclist_crashes": row.cyclist_crashes if kinds_known else None,
            "pedestrian_crashes": sum(c.involves(("pedestrian",)) for c in matched) if kinds_known else None,
            "act_here_first": row.act_here_first if kinds_known else None, "length_m": round(length, 1),
        }))  # fmt: skip

    population = territory.population or population_from_about(territory.about)
    result.indicators = si.safety_indicators(
        crashes, found_years, population, school_distances=school_m, has_schools=bool(len(schools)),
        streets=street_rows, lang=lang,
    )  # fmt: skip
    return result
