"""``mobilitydiagnosis:accessibility``: walking access to transit and services, transit service from
GTFS, stops and crossings for disabled people (INTERFACE.md; method in docs/accessibility.md).

The walking network is built once from ``streets`` (core.network); each destination type costs one
multi-source shortest-path pass, whatever the number of destinations.
"""

from __future__ import annotations

import math
from typing import Dict, List, Optional, Tuple

import numpy as np
from osgeo import ogr
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ..core import accessibility as acc
from ..core import gtfs as gtfs_core
from ..core.fetch_errors import Cancelled
from ..core.network import DEFAULT_MAX_SNAP_M, Network, reason_message
from ..core.osm_layers import poi_category
from ..core.walking import missing_sidewalk_info, walk_rule
from ..i18n import tr, user_language
from ..qgis_io.accessibility_geometry import (
    line_parts,
    lonlat_to,
    multilinestring,
    point,
    representative_point,
)
from ..qgis_io.diagnosis_gpkg import LayerSpec
from ..qgis_io.gtfs_online import DEFAULT_API_URL as GTFS_DEFAULT_API_URL
from ..qgis_io.gtfs_online import GtfsOnlineError, fetch_commune_feed, is_online
from .theme_base import ThemeAlgorithm, ThemeResult

CATCHMENT_MODES = ("bands", "per_destination", "none")
# Destinations that get catchments (the others only get distances in walk_access).
CATCHMENT_KINDS = ("stop", "frequent_stop", "school")
KERB_SEARCH_M = 8.0  # kerb nodes mapped on each side of a crossing lie a few metres away
BUILDINGS_ALONG_M = 50.0

STOP_ACCESS = LayerSpec(
    "stop_access",
    "Point",
    [
        ("osm_id", "int"),
        ("osm_type", "str"),
        ("name", "str"),
        ("wheelchair", "str"),
        ("kerb", "str"),
        ("tactile_paving", "str"),
        ("shelter", "str"),
        ("bench", "str"),
        ("gap", "str"),
        ("issues", "str"),
        ("departures_per_hour", "float"),
        ("frequent", "bool"),
        ("inside", "bool"),
    ],
)
TRANSIT_SERVICE = LayerSpec(
    "transit_service",
    "Point",
    [
        ("stop_id", "str"),
        ("name", "str"),
        ("departures", "int"),
        ("departures_per_hour", "float"),
        ("frequent", "bool"),
        ("parent_station", "str"),
        ("station_name", "str"),
        ("osm_id", "int"),
        ("osm_name", "str"),
        ("match", "str"),
        ("match_distance_m", "float"),
        ("date", "str"),
        ("window", "str"),
    ],
)
CROSSING_ACCESS = LayerSpec(
    "crossing_access",
    "Point",
    [
        ("osm_id", "int"),
        ("crossing", "str"),
        ("kerb", "str"),
        ("tactile_paving", "str"),
        ("inside", "bool"),
    ],
)
SIDEWALK_GAPS = LayerSpec(
    "sidewalk_gaps",
    "LineString",
    [
        ("osm_id", "int"),
        ("highway", "str"),
        ("name", "str"),
        ("length_m", "float"),
        ("reason", "str"),
    ],
)
CATCHMENTS = LayerSpec(
    "walk_catchments",
    "MultiLineString",
    [
        ("destination", "str"),
        ("source_id", "str"),
        ("source_name", "str"),
        ("band_m", "int"),
        ("length_m", "float"),
    ],
)
WALK_FIELDS = [
    ("origin_id", "str"),
    ("origin_kind", "str"),
    ("population", "float"),
    ("inside", "bool"),
    ("snap_m", "float"),
]
WALK_FIELDS += [(name, "float") for name, _ in acc.DESTINATIONS]
WALK_FIELDS += [("stop_id", "str"), ("school_id", "str"), ("reason", "str")]

OUTPUT_LAYERS = (
    "walk_access",
    "stop_access",
    "transit_service",
    "walk_catchments",
    "crossing_access",
    "sidewalk_gaps",
)


def _osm_ref(osm_type: str, osm_id: int) -> str:
    return f"{(osm_type or 'n')[0]}{osm_id}"


class AccessibilityAlgorithm(ThemeAlgorithm):
    theme = acc.THEME
    required_layers = ("streets", "transit_stops", "schools", "crossings", "buildings", "pois")
    output_layers = OUTPUT_LAYERS

    GTFS = "GTFS"
    GTFS_DATE = "GTFS_DATE"
    GTFS_START = "GTFS_START"
    GTFS_END = "GTFS_END"
    GTFS_API_URL = "GTFS_API_URL"
    POPULATION = "POPULATION"
    POPULATION_FIELD = "POPULATION_FIELD"
    FREQUENT_PER_HOUR = "FREQUENT_PER_HOUR"
    CATCHMENTS = "CATCHMENTS"
    MAX_SNAP = "MAX_SNAP"

    def name(self):
        return "accessibility"

    def displayName(self):
        return tr("Accessibility (walking, transit, disabled access)")

    def shortHelpString(self):
        return tr(
            "Walking network distances from every home (residential buildings, or the POPULATION layer) "
            "to the "
            "nearest transit stop, frequent stop, school, shop, health service and town hall; catchments of "
            "300/500/1000 m keeping the id of each destination; departures per stop from a GTFS feed on a "
            "weekday peak (GTFS: a zip file, or the word 'online' to find and download the feed of a French "
            "commune on transport.data.gouv.fr; without a feed the theme runs with a warning); stops and "
            "crossings usable by wheelchair users, with unknown values shown as data "
            "gaps; built-up streets without sidewalk information. A distance that cannot be computed is NULL "
            "with a reason, never 0."
        )

    def add_theme_parameters(self) -> None:
        self.addParameter(
            QgsProcessingParameterFile(
                self.GTFS,
                tr("GTFS feed (.zip, or 'online': found on transport.data.gouv.fr for a French commune)"),
                behavior=QgsProcessingParameterFile.Behavior.File,
                extension="zip",
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.GTFS_DATE,
                tr("GTFS date (YYYY-MM-DD; empty: the next typical weekday in the feed)"),
                defaultValue="",
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.GTFS_START, tr("Start of the time window (HH:MM)"), defaultValue=gtfs_core.DEFAULT_START
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.GTFS_END, tr("End of the time window (HH:MM)"), defaultValue=gtfs_core.DEFAULT_END
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.POPULATION,
                tr("Population (points or polygons with a number of residents; empty: buildings)"),
                [QgsProcessing.SourceType.TypeVectorPoint, QgsProcessing.SourceType.TypeVectorPolygon],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.POPULATION_FIELD,
                tr("Field with the number of residents"),
                parentLayerParameterName=self.POPULATION,
                type=QgsProcessingParameterField.DataType.Numeric,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.CATCHMENTS,
                tr("Catchments"),
                options=[
                    tr("Merged bands (each street piece labelled with its nearest destination)"),
                    tr("One catchment per destination (they overlap)"),
                    tr("None"),
                ],
                defaultValue=0,
            )
        )
        advanced = [
            QgsProcessingParameterString(
                self.GTFS_API_URL,
                tr("transport.data.gouv.fr dataset list (API URL), for GTFS 'online'"),
                defaultValue=GTFS_DEFAULT_API_URL,
            ),
            QgsProcessingParameterNumber(
                self.FREQUENT_PER_HOUR,
                tr("Frequent service: departures per hour at least"),
                QgsProcessingParameterNumber.Type.Double,
                gtfs_core.DEFAULT_FREQUENT_PER_HOUR,
                False,
                0.1,
                120.0,
            ),
            QgsProcessingParameterNumber(
                self.MAX_SNAP,
                tr("Farthest distance from a home to a walkable street (m)"),
                QgsProcessingParameterNumber.Type.Double,
                DEFAULT_MAX_SNAP_M,
                False,
                1.0,
                5000.0,
            ),
        ]
        for param in advanced:
            param.setFlags(param.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
            self.addParameter(param)

    def checkParameterValues(self, parameters, context):
        """The GTFS file parameter also takes the word 'online' (QGIS would want a .zip path)."""
        if is_online(str(parameters.get(self.GTFS) or "")):
            parameters = {**parameters, self.GTFS: None}
        return super().checkParameterValues(parameters, context)

    # ------------------------------------------------------------------------------------------ run
    def run_theme(self, territory, parameters, context, feedback) -> ThemeResult:
        self._buildings_cache = None
        lang = user_language()
        max_snap = self.parameterAsDouble(parameters, self.MAX_SNAP, context)
        mode = CATCHMENT_MODES[self.parameterAsEnum(parameters, self.CATCHMENTS, context)]

        feedback.pushInfo(tr("Building the walking network …"))
        ways, way_tags, way_ids, walkable, counted, way_inside = [], [], [], [], [], []
        for feature in territory.features("streets", fields=()):
            rule = walk_rule(feature.tags)
            for part in line_parts(feature.geometry):
                if len(part) >= 2:
                    ways.append(part)
                    way_tags.append(feature.tags)
                    way_ids.append(feature.osm_id)
                    way_inside.append(feature.inside)
                    walkable.append(rule.walkable)
                    counted.append(rule.counted and not rule.sidewalk_separate)
        if not ways:
            raise QgsProcessingException(
                tr(
                    "The territory has no streets, so no walking distance can be computed. "
                    "Check the territory GeoPackage (layer streets) and fetch it again."
                )
            )
        net = Network.from_ways(ways)
        walk_mask = np.array(walkable, dtype=bool)
        feedback.pushInfo(
            tr("Walking network: {} ways, {} junctions, {:.1f} km walkable").format(
                net.n_ways, net.n_nodes, float(net.edge_length[walk_mask[net.edge_way]].sum()) / 1000
            )
        )
        feedback.setProgress(10)
        if feedback.isCanceled():
            return ThemeResult()

        # ---- destinations
        stops = list(territory.features("transit_stops", fields=()))
        stop_xy = np.array([representative_point(f.geometry) for f in stops]).reshape(-1, 2)
        schools = list(territory.features("schools", fields=()))
        school_xy = np.array([representative_point(f.geometry) for f in schools]).reshape(-1, 2)
        pois = list(territory.features("pois", fields=("category",)))
        poi_cat = [f.fields.get("category") or poi_category(f.tags) for f in pois]
        poi_xy = np.array([representative_point(f.geometry) for f in pois]).reshape(-1, 2)

        service, gtfs_layer_rows, frequent_xy, frequent_ids, frequent_names, stop_dph = self._transit(
            territory, parameters, context, feedback, stop_xy, stops, lang
        )
        feedback.setProgress(25)

        destinations: Dict[str, Tuple[np.ndarray, List[str], List[str]]] = {
            "stop": (
                stop_xy,
                [_osm_ref(f.osm_type, f.osm_id) for f in stops],
                [f.tags.get("name", "") for f in stops],
            ),
            "school": (
                school_xy,
                [_osm_ref(f.osm_type, f.osm_id) for f in schools],
                [f.tags.get("name", "") for f in schools],
            ),
        }
        for cat in ("shop", "health", "townhall"):
            idx = [i for i, c in enumerate(poi_cat) if c == cat]
            destinations[cat] = (
                poi_xy[idx].reshape(-1, 2),
                [_osm_ref(pois[i].osm_type, pois[i].osm_id) for i in idx],
                [pois[i].tags.get("name", "") for i in idx],
            )
        if service is not None:
            destinations["frequent_stop"] = (frequent_xy, frequent_ids, frequent_names)

        # ---- origins
        origins = self._origins(territory, parameters, context, feedback)
        origin_xy = np.array([o[1] for o in origins]).reshape(-1, 2)
        origin_snap = net.snap(origin_xy, max_snap, walk_mask)

        fields: Dict[str, Tuple[np.ndarray, np.ndarray, List[Optional[str]]]] = {}
        distance_fields = {}
        for field_name, kind in acc.DESTINATIONS:
            if feedback.isCanceled():
                return ThemeResult()
            if kind not in destinations:
                fields[field_name] = (
                    np.full(len(origins), np.nan),
                    np.full(len(origins), -1),
                    ["no_gtfs"] * len(origins),
                )
                continue
            xy = destinations[kind][0]
            dfield = net.multi_source_distances(xy, mask=walk_mask, max_snap=DEFAULT_MAX_SNAP_M)
            distance_fields[kind] = dfield
            fields[field_name] = dfield.at_snap(origin_snap)
            unsnapped = int((~dfield.source_snap.ok).sum())
            if unsnapped:
                feedback.pushWarning(
                    tr(
                        "{} of {} destinations '{}' are more than {:.0f} m from a walkable street and "
                        "were left out."
                    ).format(unsnapped, len(xy), kind, DEFAULT_MAX_SNAP_M)
                )
        feedback.setProgress(50)

        walk_rows = self._walk_rows(origins, origin_snap, fields, destinations, lang, max_snap)
        catchment_rows = self._catchments(net, walk_mask, destinations, distance_fields, mode, feedback)
        feedback.setProgress(75)

        # ---- stops, crossings, sidewalks
        stop_rows, wheelchair_classes = [], []
        for f, (x, y), dph in zip(stops, stop_xy, stop_dph):
            if not acc.is_boarding_place(f.tags):
                continue
            s = acc.stop_access(f.tags)
            if f.inside:
                wheelchair_classes.append(s.wheelchair)
            stop_rows.append(
                (
                    point(x, y),
                    {
                        "osm_id": f.osm_id,
                        "osm_type": f.osm_type,
                        "name": f.tags.get("name"),
                        "wheelchair": s.wheelchair,
                        "kerb": s.kerb,
                        "tactile_paving": s.tactile_paving,
                        "shelter": s.shelter,
                        "bench": s.bench,
                        "gap": s.gap,
                        "issues": s.issues,
                        "departures_per_hour": dph,
                        "frequent": None
                        if dph is None or service is None
                        else dph >= service.frequent_per_hour,
                        "inside": f.inside,
                    },
                )
            )
        crossing_rows, kerb_classes = self._crossings(territory)
        sidewalk_rows, sidewalk_km = self._sidewalk_gaps(territory, net, way_tags, way_ids, way_inside, ways)

        # ---- indicators
        inside = np.array([o[3] for o in origins], dtype=bool)
        weights = np.array([o[4] for o in origins], dtype=float)[inside]
        street_km = None
        if "stop" in distance_fields:
            edge_cov = distance_fields["stop"].edge_coverage(500.0)
            counted_edges = (np.array(counted, dtype=bool) & np.array(way_inside, dtype=bool))[net.edge_way]
            street_km = float(edge_cov[counted_edges].sum()) / 1000.0
        freq_text = None
        if service is not None:
            freq_text = (
                service.frequent_per_hour,
                service.date.isoformat(),
                _hhmm(service.start),
                _hhmm(service.end),
            )
        indicators = acc.indicators(
            dist_stop=fields["dist_stop_m"][0][inside],
            dist_frequent=fields["dist_frequent_stop_m"][0][inside] if service is not None else None,
            dist_school=fields["dist_school_m"][0][inside],
            weights=weights,
            by_population=bool(origins) and origins[0][2] == "population",
            wheelchair=wheelchair_classes,
            crossing_kerbs=kerb_classes,
            street_km_500=street_km,
            sidewalk_gap_km=sidewalk_km,
            frequent_stops=None if service is None else len(frequent_ids),
            freq_text=freq_text,
            lang=lang,
        )
        if not origins:
            feedback.pushWarning(
                tr(
                    "No origins: the territory has no residential buildings and no POPULATION layer "
                    "was given, so the shares of residents near stops cannot be computed. Give a "
                    "POPULATION layer (e.g. the INSEE 200 m grid) to get them."
                )
            )
        feedback.setProgress(90)

        walk_spec = LayerSpec("walk_access", self._origin_geometry_type(origins), WALK_FIELDS)
        layers = [
            (walk_spec, walk_rows),
            (STOP_ACCESS, stop_rows),
            (TRANSIT_SERVICE, gtfs_layer_rows),
            (CATCHMENTS, catchment_rows),
            (CROSSING_ACCESS, crossing_rows),
            (SIDEWALK_GAPS, sidewalk_rows),
        ]
        return ThemeResult(layers, indicators)

    # ------------------------------------------------------------------------------------------ parts
    def _transit(self, territory, parameters, context, feedback, stop_xy, stops, lang):
        path = self.parameterAsFile(parameters, self.GTFS, context)
        none = (None, [], np.zeros((0, 2)), [], [], [None] * len(stops))
        if not path:
            feedback.pushInfo(tr("No GTFS feed given: no departures, no frequent stops."))
            return none
        if is_online(path):
            path = self._online_feed(territory, parameters, context, feedback, lang)
            if path is None:
                return none
        try:
            service = gtfs_core.transit_service(
                path,
                self.parameterAsString(parameters, self.GTFS_DATE, context) or None,
                self.parameterAsString(parameters, self.GTFS_START, context) or gtfs_core.DEFAULT_START,
                self.parameterAsString(parameters, self.GTFS_END, context) or gtfs_core.DEFAULT_END,
                self.parameterAsDouble(parameters, self.FREQUENT_PER_HOUR, context),
                lang=lang,
            )
        except gtfs_core.GtfsError as exc:
            raise QgsProcessingException(str(exc)) from exc
        feedback.pushInfo(
            tr("GTFS: {} trips on {}, departures counted {}–{}").format(
                service.trips_on_date, service.date.isoformat(), _hhmm(service.start), _hhmm(service.end)
            )
        )
        xy = lonlat_to(territory.srs, [(s.lon, s.lat) for s in service.stops])
        area = territory.territory_geometry.Buffer(float(territory.about.get("buffer_m") or 0.0))
        env = area.GetEnvelope()
        keep = [
            i
            for i, (x, y) in enumerate(xy)
            if env[0] <= x <= env[1] and env[2] <= y <= env[3] and area.Contains(point(x, y))
        ]
        if not keep:
            feedback.pushWarning(
                tr(
                    "None of the {} stops of the GTFS feed lies in the territory: is it the right " "feed?"
                ).format(len(service.stops))
            )
        kept = [service.stops[i] for i in keep]
        kept_xy = xy[keep].reshape(-1, 2)
        station_names = [service.stations.get(s.parent_station, ("",))[0] for s in kept]
        osm_names = [f.tags.get("name", "") for f in stops]
        matches = acc.match_stops(kept_xy, [s.name for s in kept], station_names, stop_xy, osm_names)
        rows = []
        window = f"{_hhmm(service.start)}-{_hhmm(service.end)}"
        best_dph: Dict[int, float] = {}
        for s, (x, y), m, station in zip(kept, kept_xy, matches, station_names):
            rows.append(
                (
                    point(x, y),
                    {
                        "stop_id": s.stop_id,
                        "name": s.name,
                        "departures": s.departures,
                        "departures_per_hour": s.departures_per_hour,
                        "frequent": s.frequent,
                        "parent_station": s.parent_station,
                        "station_name": station,
                        "osm_id": stops[m.index].osm_id if m.index >= 0 else None,
                        "osm_name": osm_names[m.index] if m.index >= 0 else None,
                        "match": m.how,
                        "match_distance_m": m.distance_m,
                        "date": service.date.isoformat(),
                        "window": window,
                    },
                )
            )
            if m.index >= 0:
                best_dph[m.index] = max(best_dph.get(m.index, 0.0), s.departures_per_hour)
        frequent = [i for i, s in enumerate(kept) if s.frequent]
        stop_dph = [best_dph.get(i) for i in range(len(stops))]
        matched = sum(1 for m in matches if m.index >= 0)
        feedback.pushInfo(
            tr("GTFS stops in the territory: {}, matched to OSM stops: {}, frequent: {}").format(
                len(kept), matched, len(frequent)
            )
        )
        return (
            service,
            rows,
            kept_xy[frequent].reshape(-1, 2),
            [kept[i].stop_id for i in frequent],
            [kept[i].name for i in frequent],
            stop_dph,
        )

    def _online_feed(self, territory, parameters, context, feedback, lang) -> Optional[str]:
        """The commune's feed from transport.data.gouv.fr; None (with a warning) when there is none."""
        api_url = self.parameterAsString(parameters, self.GTFS_API_URL, context) or GTFS_DEFAULT_API_URL
        feedback.pushInfo(tr("Looking for the GTFS feed of {} on {} …").format(territory.code, api_url))
        try:
            path, choice = fetch_commune_feed(territory.code, api_url, feedback=feedback, lang=lang)
        except Cancelled as exc:
            raise QgsProcessingException(exc.message(lang)) from exc
        except GtfsOnlineError as exc:
            feedback.pushWarning(
                tr("No online GTFS feed: {} The theme continues without departures.").format(exc)
            )
            return None
        feedback.pushInfo(choice.explain(lang))
        return path

    def _origins(self, territory, parameters, context, feedback):
        """(id, (x, y), kind, inside, weight, geometry) per origin: POPULATION features, else homes."""
        source = self.parameterAsSource(parameters, self.POPULATION, context)
        origins = []
        if source is not None:
            field = self.parameterAsString(parameters, self.POPULATION_FIELD, context)
            if not field:
                raise QgsProcessingException(
                    tr(
                        "A POPULATION layer was given without POPULATION_FIELD: choose the field "
                        "holding the number of residents."
                    )
                )
            crs = QgsCoordinateReferenceSystem.fromWkt(territory.crs_wkt)
            transform = QgsCoordinateTransform(source.sourceCrs(), crs, context.transformContext())
            outline = territory.territory_geometry
            skipped = 0
            for feature in source.getFeatures():
                geometry = feature.geometry()
                value = feature[field]
                try:
                    weight = float(value)
                except (TypeError, ValueError):
                    weight = math.nan
                if geometry is None or geometry.isEmpty() or not math.isfinite(weight):
                    skipped += 1
                    continue
                geometry.transform(transform)
                g = ogr.CreateGeometryFromWkb(bytes(geometry.asWkb()))
                origins.append(
                    (
                        str(feature.id()),
                        representative_point(g),
                        "population",
                        g.Intersects(outline),
                        weight,
                        g,
                    )
                )
            if skipped:
                feedback.pushWarning(
                    tr("{} population features without geometry or number were skipped.").format(skipped)
                )
            return origins
        for f in self._buildings(territory):
            cls = acc.building_origin_class(f.tags)
            if cls is None:
                continue
            origins.append(
                (
                    _osm_ref(f.osm_type, f.osm_id),
                    representative_point(f.geometry),
                    cls,
                    f.inside,
                    1.0,
                    f.geometry,
                )
            )
        residential = sum(1 for o in origins if o[2] == "residential")
        feedback.pushInfo(
            tr("Origins: {} buildings ({} tagged residential, the others building=yes)").format(
                len(origins), residential
            )
        )
        return origins

    def _buildings(self, territory) -> list:
        """The buildings layer, read once per run."""
        cached = getattr(self, "_buildings_cache", None)
        if cached is None or cached[0] != territory.path:
            cached = (territory.path, list(territory.features("buildings", fields=())))
            self._buildings_cache = cached
        return cached[1]

    @staticmethod
    def _origin_geometry_type(origins) -> str:
        if not origins:
            return "MultiPolygon"
        kind = ogr.GT_Flatten(origins[0][5].GetGeometryType())
        return "Point" if kind in (ogr.wkbPoint, ogr.wkbMultiPoint) else "MultiPolygon"

    def _walk_rows(self, origins, snap, fields, destinations, lang, max_snap):
        rows = []
        names = [name for name, _ in acc.DESTINATIONS]
        polygon = self._origin_geometry_type(origins) == "MultiPolygon"
        for i, (oid, _, kind, inside, weight, geometry) in enumerate(origins):
            attrs = {
                "origin_id": oid,
                "origin_kind": kind,
                "population": weight if kind == "population" else None,
                "inside": inside,
                "snap_m": snap.distance[i],
            }
            reasons = []
            for name in names:
                dist, src, why = fields[name]
                attrs[name] = dist[i]
                if why[i]:
                    text = (
                        tr("no GTFS feed")
                        if why[i] == "no_gtfs"
                        else reason_message(why[i], lang, max_snap=max_snap)
                    )
                    reasons.append(f"{name}: {text}")
            for key, kind_name in (("stop_id", "stop"), ("school_id", "school")):
                src = fields[f"dist_{kind_name}_m"][1][i]
                attrs[key] = destinations[kind_name][1][src] if src >= 0 else None
            attrs["reason"] = "; ".join(reasons) or None
            g = geometry
            if polygon and ogr.GT_Flatten(g.GetGeometryType()) == ogr.wkbPolygon:
                g = ogr.ForceToMultiPolygon(g)
            rows.append((g, attrs))
        return rows

    def _catchments(self, net, walk_mask, destinations, distance_fields, mode, feedback):
        rows = []
        if mode == "none":
            return rows
        for kind in CATCHMENT_KINDS:
            if kind not in distance_fields:
                continue
            _, ids, names = destinations[kind]
            if mode == "bands":
                field = distance_fields[kind]
                pieces = field.band_intervals(acc.CATCHMENT_BANDS)
            else:
                pieces = []
                snap = distance_fields[kind].source_snap
                for i in np.flatnonzero(snap.ok).tolist():
                    if feedback.isCanceled():
                        return rows
                    for e, lo, hi, band in net.reach_bands(
                        int(snap.edge[i]), float(snap.offset[i]), acc.CATCHMENT_BANDS, walk_mask
                    ):
                        pieces.append((e, lo, hi, i, band))
            if not pieces:
                continue
            arr = np.array(pieces, dtype=float)
            order = np.lexsort((arr[:, 4], arr[:, 3]))  # group by source, then band
            arr = arr[order]
            coords, index = net.edge_pieces(arr[:, 0].astype(np.int64), arr[:, 1], arr[:, 2])
            key = arr[:, 3] * 1e5 + arr[:, 4]
            cuts = np.flatnonzero(np.diff(key)) + 1
            bounds = np.concatenate([[0], cuts, [len(arr)]]).tolist()
            for g0, g1 in zip(bounds[:-1], bounds[1:]):
                src, band = int(arr[g0, 3]), int(arr[g0, 4])
                parts = [coords[index[k] : index[k + 1]] for k in range(g0, g1)]
                length = float((arr[g0:g1, 2] - arr[g0:g1, 1]).sum())
                attrs = {"destination": kind, "source_id": ids[src], "source_name": names[src]}
                attrs.update({"band_m": band, "length_m": length})
                rows.append((multilinestring(parts), attrs))
        return rows

    def _crossings(self, territory):
        feats = list(territory.features("crossings", fields=()))
        kerb_feats = [
            f
            for f in feats
            if f.tags.get("highway") != "crossing" and ("kerb" in f.tags or f.tags.get("barrier") == "kerb")
        ]
        kerb_xy = np.array([representative_point(f.geometry) for f in kerb_feats]).reshape(-1, 2)
        rows, classes = [], []
        for f in feats:
            if f.tags.get("highway") != "crossing":
                continue
            x, y = representative_point(f.geometry)
            near = []
            if len(kerb_xy):
                d = np.hypot(kerb_xy[:, 0] - x, kerb_xy[:, 1] - y)
                near = [kerb_feats[j].tags for j in np.flatnonzero(d <= KERB_SEARCH_M).tolist()]
            kerb = acc.crossing_kerb_class(f.tags, near)
            if f.inside:
                classes.append(kerb)
            rows.append(
                (
                    point(x, y),
                    {
                        "osm_id": f.osm_id,
                        "crossing": f.tags.get("crossing"),
                        "kerb": kerb,
                        "tactile_paving": acc.tag_class(f.tags, "tactile_paving", acc.YES_NO),
                        "inside": f.inside,
                    },
                )
            )
        return rows, classes

    def _sidewalk_gaps(self, territory, net, way_tags, way_ids, way_inside, ways):
        buildings = [representative_point(f.geometry) for f in self._buildings(territory)]
        near = np.zeros(net.n_ways, dtype=np.int64)
        if buildings:
            snap = net.snap(np.array(buildings), BUILDINGS_ALONG_M)
            ok = snap.ok
            np.add.at(near, net.edge_way[snap.edge[ok]], 1)
        reason = tr("built-up street without sidewalk information (sidewalk=*)")
        rows, total = [], 0.0
        for w, tags in enumerate(way_tags):
            if missing_sidewalk_info(tags, int(near[w]) if buildings else None):
                line = ways[w]
                length = float(np.hypot(*(line[1:] - line[:-1]).T).sum())
                total += length if way_inside[w] else 0.0
                g = ogr.Geometry(ogr.wkbLineString)
                for x, y in line.tolist():
                    g.AddPoint_2D(x, y)
                rows.append(
                    (
                        g,
                        {
                            "osm_id": way_ids[w],
                            "highway": tags.get("highway"),
                            "name": tags.get("name"),
                            "length_m": length,
                            "reason": reason,
                        },
                    )
                )
        return rows, total / 1000.0


def _hhmm(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}"
