"""``mobilitydiagnosis:schools``: every school's surroundings, walking and cycling catchments,
school-street candidates, and the join with the national school directory."""

from __future__ import annotations

import os
from typing import Optional

import numpy as np
from osgeo import ogr, osr
from qgis.core import (
    QgsProcessingException,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterFile,
    QgsProcessingParameterString,
)

from ..core.cycling.lts import evaluate as evaluate_lts
from ..core.schools import (
    SCHOOL_FIELDS,
    PointFeature,
    School,
    SchoolContext,
    Street,
    diagnose_school,
    school_street_candidates,
)
from ..core.schools_directory import DirectoryFormatError, DirectoryResult, read_directory_csv
from ..core.schools_indicators import school_indicators
from ..core.schools_join import JoinResult, OsmSchool, PlacedDirectorySchool, join_schools
from ..core.speeds import country_of, street_speed
from ..i18n import tr, user_language
from ..qgis_io.diagnosis_gpkg import LayerSpec
from ..qgis_io.settings import speed_overrides_for_run
from ..qgis_io.territory_gpkg import TerritoryGpkg, line_xy, wgs84
from .theme_base import ThemeAlgorithm, ThemeResult

ONLINE_KEYWORDS = ("online", "en ligne", "api")

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


class SchoolsAlgorithm(ThemeAlgorithm):
    SCHOOLS_DIRECTORY = "SCHOOLS_DIRECTORY"
    SCHOOLS_API_URL = "SCHOOLS_API_URL"

    theme = "schools"
    required_layers = ("streets", "schools")
    output_layers = ("school_diagnosis", "school_street_candidates", "school_directory_gaps")

    def name(self):
        return "schools"

    def displayName(self):
        return tr("School mobility")

    def shortHelpString(self):
        return tr(
            "For every school and kindergarten of the territory: street length within 300 m by speed "
            "class and the calm share, the walking catchment within 500 m and 1 km on the network, the "
            "share of the 2 km cycling catchment reachable on low-stress streets (LTS ≤ 2), bike parking "
            "within 50 m, crossings within 300 m and their kerbs, the walking distance to the nearest "
            "stop, a score from 0 to 100 and the main gap in words (see docs/schools.md for the weights)."
            " School-street candidates: residential, living, unclassified and service streets onto which "
            "a school entrance or frontage opens; existing school streets are recognised. "
            "SCHOOLS_DIRECTORY (optional): the 'Annuaire de l'éducation' CSV from data.education.gouv.fr,"
            " or the word 'online' to query its API for the territory's commune; schools in the directory"
            " but missing in OpenStreetMap, and the reverse, go to school_directory_gaps."
        )

    def add_theme_parameters(self) -> None:
        self.addParameter(
            QgsProcessingParameterFile(
                self.SCHOOLS_DIRECTORY,
                tr("School directory: 'Annuaire de l'éducation' CSV, or 'online' (French communes)"),
                behavior=QgsProcessingParameterFile.Behavior.File,
                fileFilter="CSV (*.csv *.txt);;All files (*)",
                optional=True,
            )
        )
        api = QgsProcessingParameterString(
            self.SCHOOLS_API_URL,
            tr("School directory API (data.education.gouv.fr)"),
            defaultValue="https://data.education.gouv.fr",
            optional=True,
        )
        api.setFlags(api.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
        self.addParameter(api)

    # ------------------------------------------------------------------------------------------- run
    def run_theme(self, territory: TerritoryGpkg, parameters, context, feedback) -> ThemeResult:
        lang = user_language()
        feedback.pushInfo(tr("Reading streets, schools and their surroundings …"))
        streets = self._streets(territory, feedback, speed_overrides_for_run())
        schools = self._schools(territory)
        if not schools:
            feedback.pushWarning(
                tr(
                    "No school (amenity=school or kindergarten) inside the territory: "
                    "the school layers are empty."
                )
            )
        optional = set(territory.layer_names)
        bike = (
            [self._point(f, capacity=True) for f in territory.features("bike_parking")]
            if "bike_parking" in optional
            else []
        )
        crossings = (
            [self._point(f) for f in territory.features("crossings")] if "crossings" in optional else []
        )
        stops = (
            [(p.x, p.y) for p in (self._point(f) for f in territory.features("transit_stops"))]
            if "transit_stops" in optional
            else []
        )
        entrances = (
            [self._point(f) for f in territory.features("entrances")] if "entrances" in optional else []
        )
        for layer in ("bike_parking", "crossings", "transit_stops"):
            if layer not in optional:
                feedback.pushWarning(
                    tr(
                        "The territory has no layer {}: the figures that need it are empty. "
                        "Fetch the territory again with this version of the plugin."
                    ).format(layer)
                )
        if feedback.isCanceled():
            return ThemeResult()

        ctx = SchoolContext.build(streets, bike, crossings, stops)
        rows: list[dict] = []
        for i, (school, feature) in enumerate(schools):
            if feedback.isCanceled():
                return ThemeResult()
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
        join = self._join(territory, schools, parameters, context, feedback, lang)
        if join is not None:
            for row in rows:
                matches = join.for_osm(row["osm_id"])
                row["uai"] = ";".join(m.uai for m in matches) or None
                row["directory_match"] = matches[0].method if matches else "not_in_directory"

        school_points = {s.osm_id: (s.x, s.y, s.name) for s, _ in schools}
        layers = [
            (
                LayerSpec("school_diagnosis", "Point", DIAGNOSIS_FIELDS),
                self._diagnosis_rows(rows, school_points),
            ),
            (
                LayerSpec("school_street_candidates", "MultiLineString", CANDIDATE_FIELDS),
                self._candidate_rows(candidates, streets, school_points),
            ),
            (LayerSpec("school_directory_gaps", "Point", GAP_FIELDS), self._gap_rows(join, territory, lang)),
        ]
        return ThemeResult(layers, school_indicators(rows, candidates, join, lang))

    # ------------------------------------------------------------------------------------ reading
    @staticmethod
    def _streets(territory: TerritoryGpkg, feedback, overrides=()) -> list[Street]:
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

    @staticmethod
    def _schools(territory: TerritoryGpkg) -> list[tuple[School, object]]:
        areas: dict[tuple[str, int], tuple[np.ndarray, ...]] = {}
        if "school_areas" in territory.layer_names:
            for f in territory.features("school_areas"):
                if f.geometry is not None:
                    areas[(f.osm_type, f.osm_id)] = _rings(f.geometry)
        out = []
        for f in territory.features("schools", inside_only=True):
            if f.geometry is None:
                continue
            point = f.geometry
            out.append(
                (
                    School(
                        osm_id=int(f.osm_id),
                        name=f.tags.get("name", "") or "",
                        x=point.GetX(),
                        y=point.GetY(),
                        tags=f.tags,
                        rings=areas.get((f.osm_type, f.osm_id), ()),
                    ),
                    f,
                )
            )
        return out

    @staticmethod
    def _point(feature, capacity: bool = False) -> PointFeature:
        geometry = feature.geometry
        if geometry is not None and ogr.GT_Flatten(geometry.GetGeometryType()) != ogr.wkbPoint:
            geometry = geometry.PointOnSurface()
        cap: Optional[int] = None
        if capacity:
            value = feature.fields.get("capacity")
            cap = int(value) if value is not None else None
        x, y = (geometry.GetX(), geometry.GetY()) if geometry is not None else (float("nan"), float("nan"))
        return PointFeature(int(feature.osm_id), x, y, feature.tags, cap)

    # ------------------------------------------------------------------------------------ directory
    def _directory(self, territory, parameters, context, feedback, lang) -> Optional[DirectoryResult]:
        value = (self.parameterAsString(parameters, self.SCHOOLS_DIRECTORY, context) or "").strip()
        if not value:
            return None
        if value.lower() in ONLINE_KEYWORDS:
            from ..qgis_io.schools_directory_online import DirectoryDownloadError, fetch_commune_directory

            base = (
                self.parameterAsString(parameters, self.SCHOOLS_API_URL, context)
                or "https://data.education.gouv.fr"
            )
            feedback.pushInfo(
                tr("Downloading the school directory of {} from {} …").format(territory.code, base)
            )
            try:
                return fetch_commune_directory(territory.code, base, feedback, lang)
            except DirectoryDownloadError as exc:
                raise QgsProcessingException(str(exc)) from exc
        if not os.path.isfile(value):
            raise QgsProcessingException(
                tr(
                    "The school directory {} does not exist. Give the CSV downloaded from "
                    "data.education.gouv.fr, or 'online' to query the API."
                ).format(value)
            )
        try:
            return read_directory_csv(value, lang=lang)
        except DirectoryFormatError as exc:
            raise QgsProcessingException(str(exc)) from exc

    def _join(self, territory, schools, parameters, context, feedback, lang) -> Optional[JoinResult]:
        directory = self._directory(territory, parameters, context, feedback, lang)
        if directory is None:
            return None
        for warning in directory.warnings:
            feedback.pushWarning(warning)
        srs = osr.SpatialReference()
        srs.ImportFromWkt(territory.crs_wkt)
        srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
        transform = osr.CoordinateTransformation(wgs84(), srs)
        outline = territory.territory_geometry
        placed = []
        for entry in directory.schools:
            x, y, _ = transform.TransformPoint(entry.longitude, entry.latitude)
            point = ogr.Geometry(ogr.wkbPoint)
            point.AddPoint_2D(x, y)
            if outline.Contains(point):
                placed.append(PlacedDirectorySchool(entry, x, y))
        feedback.pushInfo(
            tr("{} directory entries lie in the territory ({} read).").format(
                len(placed), len(directory.schools)
            )
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

    # ------------------------------------------------------------------------------------ writing
    @staticmethod
    def _diagnosis_rows(rows, points):
        for row in rows:
            x, y, _ = points[row["osm_id"]]
            yield _point_geometry(x, y), row

    @staticmethod
    def _candidate_rows(candidates, streets, points):
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

    @staticmethod
    def _gap_rows(join: Optional[JoinResult], territory, lang):
        if join is None:
            return
        texts = GAP_MESSAGES.get(lang, GAP_MESSAGES["en"])
        for entry in join.missing_in_osm:
            s = entry.school
            yield (
                _point_geometry(entry.x, entry.y),
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
                _point_geometry(school.x, school.y),
                {
                    "gap": "missing_in_directory",
                    "uai": None,
                    "osm_id": school.osm_id,
                    "name": school.name,
                    "kind": school.tags.get("amenity"),
                    "message": texts["missing_in_directory"],
                },
            )


def _point_geometry(x: float, y: float) -> ogr.Geometry:
    point = ogr.Geometry(ogr.wkbPoint)
    point.AddPoint_2D(float(x), float(y))
    return point


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
