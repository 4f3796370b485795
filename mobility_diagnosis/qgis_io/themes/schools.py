"""The schools theme on a territory GeoPackage: read streets, schools and their surroundings with OGR,
place the national directory in the territory's CRS, run the pure core (``core.schools``) and shape
the output layers. Kept out of the Processing algorithm so that it runs on a territory file alone."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Callable, Optional

import numpy as np
from osgeo import ogr, osr

from ...core.cycling.lts import evaluate as evaluate_lts
from ...core.indicators import Indicator
from ...core.schools import (
    SCHOOL_FIELDS,
    DirectoryFormatError,
    DirectoryResult,
    JoinResult,
    OsmSchool,
    PlacedDirectorySchool,
    PointFeature,
    School,
    SchoolContext,
    Street,
    diagnose_school,
    join_schools,
    read_directory_csv,
    school_indicators,
    school_street_candidates,
)
from ...core.sources import is_online_word
from ...core.speeds import SpeedOverrides, country_of, street_speed
from ...i18n import tr
from ..gpkg.diagnosis import LayerSpec
from ..gpkg.territory import TerritoryGpkg, line_xy, lonlat_transform
from .accessibility_geometry import point

DEFAULT_API_URL = "https://data.education.gouv.fr"

DIAGNOSIS_FIELDS = [
    ("osm_id", "int"),
    ("osm_type", "str"),
    ("name", "str"),
    ("amenity", "str"),
    ("isced_level", "str"),
    ("uai", "str"),
    ("directory_match", "str"),
    *SCHOOL_FIELDS,
]
CANDIDATE_FIELDS = [
    ("osm_id", "int"),
    ("school_osm_id", "int"),
    ("reason", "str"),
    ("highway", "str"),
    ("name", "str"),
    ("school_name", "str"),
    ("distance_m", "float"),
]
GAP_FIELDS = [
    ("gap", "str"),
    ("uai", "str"),
    ("osm_id", "int"),
    ("name", "str"),
    ("kind", "str"),
    ("message", "str"),
]
DIAGNOSIS = LayerSpec("school_diagnosis", "Point", DIAGNOSIS_FIELDS)
CANDIDATES = LayerSpec("school_street_candidates", "MultiLineString", CANDIDATE_FIELDS)
GAPS = LayerSpec("school_directory_gaps", "Point", GAP_FIELDS)
GAP_MESSAGES = {
    "en": {
        "missing_in_osm": "In the national directory ({uai}) but not in OpenStreetMap: map it "
        "(amenity=school, ref:UAI={uai}).",
        "missing_in_directory": "In OpenStreetMap but not matched to the directory: add ref:UAI if it is a "
        "school, or check its name and position.",
    },
    "fr": {
        "missing_in_osm": "Dans l’annuaire ({uai}) mais absent d’OpenStreetMap : à cartographier "
        "(amenity=school, ref:UAI={uai}).",
        "missing_in_directory": "Dans OpenStreetMap mais non rapproché de l’annuaire : ajouter ref:UAI s’il "
        "s’agit d’une école, ou vérifier son nom et sa position.",
    },
}


class SchoolsInputError(ValueError):
    """A school directory that cannot be read or downloaded; the message says what to do."""


@dataclass
class SchoolsResult:
    layers: list = field(default_factory=list)  # [(LayerSpec, rows)]
    indicators: list[Indicator] = field(default_factory=list)


# ------------------------------------------------------------------------------------------ reading
def read_streets(territory: TerritoryGpkg, overrides: SpeedOverrides = ()) -> list[Street]:
    """``overrides``: the user's default speeds by road class (qgis_io.settings.speed_overrides_for_run).
    Speeds and stress follow the territory's country exactly as on the cycling page."""
    country = country_of(territory.code, territory.epsg)
    streets: list[Street] = []
    for f in territory.features("streets"):
        geometry = f.geometry
        if geometry is None or geometry.GetPointCount() < 2:
            continue
        coords = line_xy(geometry)
        rated = evaluate_lts(f.tags, country, overrides)
        # the rating already holds the street's speed for mixed traffic (memoised): computed once
        speed = rated.speed if rated.speed is not None else street_speed(f.tags, country, overrides)
        streets.append(Street(int(f.osm_id), f.tags, coords, speed.kmh, rated.lts, speed.assumed))
    return streets


def read_schools(territory: TerritoryGpkg) -> list[tuple[School, object]]:
    areas: dict[tuple[str, int], tuple[np.ndarray, ...]] = {}
    if "school_areas" in territory.layer_names:
        for f in territory.features("school_areas"):
            if f.geometry is not None:
                areas[(f.osm_type, f.osm_id)] = _rings(f.geometry)
    out = []
    for f in territory.features("schools", inside_only=True):
        if f.geometry is None:
            continue
        geometry = f.geometry
        out.append(
            (
                School(
                    osm_id=int(f.osm_id),
                    name=f.tags.get("name", "") or "",
                    x=geometry.GetX(),
                    y=geometry.GetY(),
                    tags=f.tags,
                    rings=areas.get((f.osm_type, f.osm_id), ()),
                ),
                f,
            )
        )
    return out


def point_feature(feature, capacity: bool = False) -> PointFeature:
    geometry = feature.geometry
    if geometry is not None and ogr.GT_Flatten(geometry.GetGeometryType()) != ogr.wkbPoint:
        geometry = geometry.PointOnSurface()
    cap: Optional[int] = None
    if capacity:
        value = feature.fields.get("capacity")
        cap = int(value) if value is not None else None
    x, y = (geometry.GetX(), geometry.GetY()) if geometry is not None else (float("nan"), float("nan"))
    return PointFeature(int(feature.osm_id), x, y, feature.tags, cap)


# ---------------------------------------------------------------------------------------- directory
def load_directory(value: str, api_url: str, territory, feedback, lang: str) -> Optional[DirectoryResult]:
    """The directory named by SCHOOLS_DIRECTORY: nothing, a CSV file, or the API for the territory's
    commune ('online'). Raises SchoolsInputError."""
    value = (value or "").strip()
    if not value:
        return None
    if is_online_word(value):
        from ..sources.schools_directory_online import DirectoryDownloadError, fetch_commune_directory

        base = api_url or DEFAULT_API_URL
        feedback.pushInfo(tr("Downloading the school directory of {} from {} …").format(territory.code, base))
        try:
            return fetch_commune_directory(territory.code, base, feedback, lang)
        except DirectoryDownloadError as exc:
            raise SchoolsInputError(str(exc)) from exc
    if not os.path.isfile(value):
        raise SchoolsInputError(
            tr(
                "The school directory {} does not exist. Give the CSV downloaded from "
                "data.education.gouv.fr, or 'online' to query the API."
            ).format(value)
        )
    try:
        return read_directory_csv(value, lang=lang)
    except DirectoryFormatError as exc:
        raise SchoolsInputError(str(exc)) from exc


def join_directory(territory, schools, directory: DirectoryResult, feedback) -> JoinResult:
    """Directory entries inside the territory, matched with the OSM schools of the territory and its
    buffer."""
    for warning in directory.warnings:
        feedback.pushWarning(warning)
    srs = osr.SpatialReference()
    srs.ImportFromWkt(territory.crs_wkt)
    transform = lonlat_transform(srs)
    outline = territory.territory_geometry
    placed = []
    for entry in directory.schools:
        x, y, _ = transform.TransformPoint(entry.longitude, entry.latitude)
        if outline.Contains(point(x, y)):
            placed.append(PlacedDirectorySchool(entry, x, y))
    feedback.pushInfo(
        tr("{} directory entries lie in the territory ({} read).").format(len(placed), len(directory.schools))
    )
    # The buffer's schools take part in the join (a school just across the boundary is not missing),
    # but only the territory's own schools can be "missing in the directory".
    osm = [
        OsmSchool(
            f.osm_id,
            f.tags.get("name", "") or "",
            f.tags,
            f.geometry.GetX(),
            f.geometry.GetY(),
            f.osm_type,
        )
        for f in territory.features("schools")
        if f.geometry is not None
    ]
    result = join_schools(placed, osm)
    inside = {s.osm_id for s, _ in schools}
    result.missing_in_directory = [s for s in result.missing_in_directory if s.osm_id in inside]
    return result


# ---------------------------------------------------------------------------------------- analysis
def analyse(
    territory: TerritoryGpkg,
    feedback,
    *,
    lang: str,
    speed_overrides: SpeedOverrides = (),
    directory: Callable[[], Optional[DirectoryResult]] = lambda: None,
) -> Optional[SchoolsResult]:
    """Every layer and indicator of the theme; None when cancelled. ``feedback`` takes pushInfo,
    pushWarning, setProgress and isCanceled (a QgsProcessingFeedback); ``directory`` gives the national
    directory when asked for (called once the schools are diagnosed)."""
    feedback.pushInfo(tr("Reading streets, schools and their surroundings …"))
    streets = read_streets(territory, speed_overrides)
    schools = read_schools(territory)
    if not schools:
        feedback.pushWarning(
            tr(
                "No school (amenity=school or kindergarten) inside the territory: the school layers are empty."
            )
        )
    optional = set(territory.layer_names)
    bike = (
        [point_feature(f, capacity=True) for f in territory.features("bike_parking")]
        if "bike_parking" in optional
        else []
    )
    crossings = [point_feature(f) for f in territory.features("crossings")] if "crossings" in optional else []
    stops = (
        [(p.x, p.y) for p in (point_feature(f) for f in territory.features("transit_stops"))]
        if "transit_stops" in optional
        else []
    )
    entrances = [point_feature(f) for f in territory.features("entrances")] if "entrances" in optional else []
    for layer in ("bike_parking", "crossings", "transit_stops"):
        if layer not in optional:
            feedback.pushWarning(
                tr(
                    "The territory has no layer {}: the figures that need it are empty. "
                    "Fetch the territory again with this version of the plugin."
                ).format(layer)
            )
    if feedback.isCanceled():
        return None

    ctx = SchoolContext.build(streets, bike, crossings, stops)
    rows: list[dict] = []
    for i, (school, feature) in enumerate(schools):
        if feedback.isCanceled():
            return None
        row = diagnose_school(school, ctx, lang=lang)
        row.update(
            osm_id=school.osm_id,
            osm_type=feature.osm_type,
            name=school.name,
            amenity=school.tags.get("amenity"),
            isced_level=school.tags.get("isced:level"),
        )
        rows.append(row)
        feedback.setProgress(80.0 * (i + 1) / max(len(schools), 1))

    candidates = school_street_candidates([s for s, _ in schools], streets, entrances)
    entries = directory()
    join = join_directory(territory, schools, entries, feedback) if entries is not None else None
    if join is not None:
        for row in rows:
            matches = join.for_osm(row["osm_id"])
            row["uai"] = ";".join(m.uai for m in matches) or None
            row["directory_match"] = matches[0].method if matches else "not_in_directory"

    school_points = {s.osm_id: (s.x, s.y, s.name) for s, _ in schools}
    layers = [
        (DIAGNOSIS, diagnosis_rows(rows, school_points)),
        (CANDIDATES, candidate_rows(candidates, streets, school_points)),
        (GAPS, gap_rows(join, lang)),
    ]
    return SchoolsResult(layers, school_indicators(rows, candidates, join, lang))


# ------------------------------------------------------------------------------------------ writing
def diagnosis_rows(rows, points):
    for row in rows:
        x, y, _ = points[row["osm_id"]]
        yield point(x, y), row


def candidate_rows(candidates, streets, points):
    by_id = {s.osm_id: s for s in streets}
    for c in candidates:
        geometry = ogr.Geometry(ogr.wkbMultiLineString)
        for piece in c.pieces:
            line = ogr.Geometry(ogr.wkbLineString)
            for x, y in piece:
                line.AddPoint_2D(float(x), float(y))
            geometry.AddGeometry(line)
        street = by_id.get(c.osm_id)
        yield (
            geometry,
            {
                "osm_id": c.osm_id,
                "school_osm_id": c.school_osm_id,
                "reason": c.reason,
                "highway": street.tags.get("highway") if street else None,
                "name": street.tags.get("name") if street else None,
                "school_name": points.get(c.school_osm_id, (0, 0, None))[2],
                "distance_m": c.distance_m,
            },
        )


def gap_rows(join: Optional[JoinResult], lang):
    if join is None:
        return
    texts = GAP_MESSAGES.get(lang, GAP_MESSAGES["en"])
    for entry in join.missing_in_osm:
        s = entry.school
        yield (
            point(entry.x, entry.y),
            {
                "gap": "missing_in_osm",
                "uai": s.uai,
                "osm_id": None,
                "name": s.name,
                "kind": s.kind,
                "message": texts["missing_in_osm"].format(uai=s.uai),
            },
        )
    for school in join.missing_in_directory:
        yield (
            point(school.x, school.y),
            {
                "gap": "missing_in_directory",
                "uai": None,
                "osm_id": school.osm_id,
                "name": school.name,
                "kind": school.tags.get("amenity"),
                "message": texts["missing_in_directory"],
            },
        )


def _rings(geometry: ogr.Geometry) -> tuple[np.ndarray, ...]:
    rings = []
    flat = ogr.GT_Flatten(geometry.GetGeometryType())
    polygons = (
        [geometry.GetGeometryRef(i) for i in range(geometry.GetGeometryCount())]
        if flat == ogr.wkbMultiPolygon
        else [geometry]
    )
    for polygon in polygons:
        for i in range(polygon.GetGeometryCount()):
            ring = polygon.GetGeometryRef(i)
            if ring.GetPointCount() >= 4:
                rings.append(np.array(ring.GetPoints(), dtype=float)[:, :2])
    return tuple(rings)
