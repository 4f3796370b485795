"""The territory GeoPackage: written by ``fetchterritory``, read by every theme.

Writing reprojects every element to the territory's metric CRS, keeps what touches the territory
plus its buffer (cutting lines and areas at the buffer's edge), flags what touches the territory
proper (``inside``) and stores every OSM tag as JSON. The file is written atomically.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator, Optional, Sequence

import numpy as np
from osgeo import gdal, ogr, osr

from ...core.crs import metric_crs
from ...core.osm_layers import (
    AREA,
    LAYER_RULES,
    LINE,
    POINT,
    RULES_BY_LAYER,
    layers_for,
    parse_capacity,
    poi_category,
)
from ..atomic import atomic_path
from ..gdal_mode import open_or_none
from ..storage import MARGIN_BYTES, check_folder

FORMAT_VERSION = "1"
OGR_TYPES = {
    "str": ogr.OFTString,
    "int": ogr.OFTInteger64,
    "float": ogr.OFTReal,
    "bool": ogr.OFTInteger,
}
GEOMETRY_TYPES = {
    "Point": ogr.wkbPoint,
    "LineString": ogr.wkbLineString,
    "MultiLineString": ogr.wkbMultiLineString,
    "Polygon": ogr.wkbPolygon,
    "MultiPolygon": ogr.wkbMultiPolygon,
    None: ogr.wkbNone,
}
# Fields of each territory layer beyond osm_type, osm_id, inside and tags (INTERFACE.md).
FIELD_KINDS = {
    "osm_id": "int",
    "highway": "str",
    "name": "str",
    "capacity": "int",
    "category": "str",
    "tags": "str",
}
EXTRA_FIELDS = {
    "car_parking": (("area_m2", "float"),),
    "bike_parking": (("area_m2", "float"),),
    "schools": (("area_m2", "float"),),
}


class TerritoryFileError(Exception):
    """A territory GeoPackage is missing, unreadable or from another version."""


def wgs84() -> osr.SpatialReference:
    """WGS 84 (EPSG:4326), longitude first: the one builder every module asks."""
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return srs


def lonlat_transform(srs: osr.SpatialReference, *, to_lonlat: bool = False) -> osr.CoordinateTransformation:
    """WGS 84 longitude/latitude to ``srs`` (or back with ``to_lonlat``), x first on both sides."""
    other = srs.Clone()
    other.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return (
        osr.CoordinateTransformation(other, wgs84())
        if to_lonlat
        else osr.CoordinateTransformation(wgs84(), other)
    )


def srs_from_epsg(epsg: int) -> osr.SpatialReference:
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return srs


@dataclass
class Territory:
    """A resolved territory, before its data is fetched."""

    code: str
    name: str
    source: str  # where the outline came from, in words
    geometry: ogr.Geometry  # (multi)polygon in WGS 84, longitude first
    population: Optional[int] = None
    french: bool = False


@dataclass
class PreparedTerritory:
    territory: Territory
    buffer_m: float
    epsg: int
    crs_name: str
    srs: osr.SpatialReference
    to_metric: osr.CoordinateTransformation
    outline: ogr.Geometry  # metric
    area_of_interest: ogr.Geometry  # metric: outline + buffer
    bbox_lonlat: tuple[float, float, float, float]  # of the area of interest
    area_km2: float = 0.0


def prepare_territory(territory: Territory, buffer_m: float) -> PreparedTerritory:
    geometry = territory.geometry.Clone()
    geometry.AssignSpatialReference(wgs84())
    centroid = geometry.Centroid()
    epsg, crs_name = metric_crs(centroid.GetX(), centroid.GetY(), french=territory.french)
    srs = srs_from_epsg(epsg)
    to_metric = osr.CoordinateTransformation(wgs84(), srs)
    outline = geometry.Clone()
    outline.Transform(to_metric)
    if not outline.IsValid():
        outline = outline.Buffer(0)
    aoi = outline.Buffer(buffer_m, 8) if buffer_m > 0 else outline.Clone()
    back = osr.CoordinateTransformation(srs, wgs84())
    aoi_ll = aoi.Clone()
    aoi_ll.Transform(back)
    x0, x1, y0, y1 = aoi_ll.GetEnvelope()
    return PreparedTerritory(
        territory,
        buffer_m,
        epsg,
        crs_name,
        srs,
        to_metric,
        outline,
        aoi,
        (x0, y0, x1, y1),
        outline.GetArea() / 1e6,
    )


class GridContainment:
    """Fast 'within / disjoint / touches the edge' tests against one polygon.

    GDAL's Python API has no prepared geometries; a grid of cells classified once answers most
    questions from the envelope alone, and only features near the edge pay for an exact GEOS test.
    """

    def __init__(self, polygon: ogr.Geometry, cells: int = 48):
        self.polygon = polygon
        x0, x1, y0, y1 = polygon.GetEnvelope()
        self.x0, self.y0 = x0, y0
        self.dx = max((x1 - x0) / cells, 1e-9)
        self.dy = max((y1 - y0) / cells, 1e-9)
        self.n = cells
        self.state = []  # row-major: 1 within, 0 disjoint, 2 edge
        for j in range(cells):
            for i in range(cells):
                cell = _box(
                    x0 + i * self.dx, y0 + j * self.dy, x0 + (i + 1) * self.dx, y0 + (j + 1) * self.dy
                )
                if polygon.Contains(cell):
                    self.state.append(1)
                elif polygon.Intersects(cell):
                    self.state.append(2)
                else:
                    self.state.append(0)

    def relation(self, geometry: ogr.Geometry) -> int:
        """1 when the geometry lies within the polygon, 0 when disjoint, 2 when it crosses the edge."""
        gx0, gx1, gy0, gy1 = geometry.GetEnvelope()
        i0, i1 = int((gx0 - self.x0) // self.dx), int((gx1 - self.x0) // self.dx)
        j0, j1 = int((gy0 - self.y0) // self.dy), int((gy1 - self.y0) // self.dy)
        if i1 < 0 or j1 < 0 or i0 >= self.n or j0 >= self.n:
            return 0
        if i0 >= 0 and j0 >= 0 and i1 < self.n and j1 < self.n:
            states = {self.state[j * self.n + i] for j in range(j0, j1 + 1) for i in range(i0, i1 + 1)}
            if states == {1}:
                return 1
            if states == {0}:
                return 0
        if not geometry.Intersects(self.polygon):
            return 0
        return 1 if self.polygon.Contains(geometry) else 2


def _box(x0: float, y0: float, x1: float, y1: float) -> ogr.Geometry:
    ring = ogr.Geometry(ogr.wkbLinearRing)
    for x, y in ((x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)):
        ring.AddPoint_2D(x, y)
    poly = ogr.Geometry(ogr.wkbPolygon)
    poly.AddGeometry(ring)
    return poly


@dataclass
class WriteStats:
    counts: dict = field(default_factory=dict)
    skipped_outside: int = 0
    skipped_invalid: int = 0  # broken geometries (self-intersecting areas that cannot be repaired)


def layer_fields(layer: str) -> list[tuple[str, str]]:
    rule = RULES_BY_LAYER[layer]
    fields = [("osm_type", "str"), ("osm_id", "int"), ("inside", "bool")]
    fields += [(name, FIELD_KINDS[name]) for name in rule.fields if name != "osm_id"]
    fields += list(EXTRA_FIELDS.get(layer, ()))
    return fields


def write_territory_gpkg(
    output: str,
    prepared: PreparedTerritory,
    elements: Iterable,
    about: dict,
    cancelled: Callable[[], bool] = lambda: False,
    need_bytes: int = MARGIN_BYTES,
    lang: Optional[str] = None,
) -> WriteStats:
    """Write the territory GeoPackage atomically from elements with ``osm_type``, ``osm_id``, ``kind``,
    ``tags`` and ``geometry`` (an ogr.Geometry in WGS 84). Returns the feature count per layer. A fault of
    the disk raises ``storage.StorageError`` and leaves the previous file as it was."""
    stats = WriteStats(counts={rule.layer: 0 for rule in LAYER_RULES})
    with atomic_path(output, need_bytes=need_bytes, lang=lang) as tmp:
        driver = ogr.GetDriverByName("GPKG")
        ds = driver.CreateDataSource(tmp)
        if ds is None:  # GDAL without exceptions; with them, atomic_path names the cause
            check_folder(os.path.dirname(os.path.abspath(output)), need_bytes, lang or "en")
            raise TerritoryFileError(f"Cannot create {output}: {gdal.GetLastErrorMsg()}")
        try:
            _write(ds, prepared, elements, about, cancelled, stats)
        finally:
            ds = None
    return stats


def _write(ds, prepared: PreparedTerritory, elements, about, cancelled, stats: WriteStats) -> None:
    srs = prepared.srs
    territory = prepared.territory
    ter_layer = ds.CreateLayer("territory", srs, ogr.wkbMultiPolygon, ["FID=fid", "GEOMETRY_NAME=geom"])
    for name, kind in (
        ("code", "str"),
        ("name", "str"),
        ("source", "str"),
        ("population", "int"),
        ("area_km2", "float"),
        ("buffer_m", "float"),
    ):
        _checked(ter_layer.CreateField(ogr.FieldDefn(name, OGR_TYPES[kind])))
    feature = ogr.Feature(ter_layer.GetLayerDefn())
    feature.SetField("code", territory.code)
    feature.SetField("name", territory.name)
    feature.SetField("source", territory.source)
    if territory.population is not None:
        feature.SetField("population", int(territory.population))
    feature.SetField("area_km2", round(prepared.area_km2, 4))
    feature.SetField("buffer_m", float(prepared.buffer_m))
    feature.SetGeometry(ogr.ForceToMultiPolygon(prepared.outline.Clone()))
    _checked(ter_layer.CreateFeature(feature))

    layers = {}
    for rule in LAYER_RULES:
        lyr = ds.CreateLayer(
            rule.layer,
            srs,
            ogr.wkbPoint if rule.geometry == "Point" else GEOMETRY_TYPES[rule.geometry],
            ["FID=fid", "GEOMETRY_NAME=geom"],
        )
        for name, kind in layer_fields(rule.layer):
            defn = ogr.FieldDefn(name, OGR_TYPES[kind])
            if kind == "bool":
                defn.SetSubType(ogr.OFSTBoolean)
            _checked(lyr.CreateField(defn))
        layers[rule.layer] = _LayerWriter(lyr, rule.layer)

    aoi = GridContainment(prepared.area_of_interest)
    inside_test = GridContainment(prepared.outline)
    _checked(ds.StartTransaction())
    n = 0
    for element in elements:
        n += 1
        if n % 2000 == 0 and cancelled():
            raise Cancelled()
        targets = layers_for(element.tags, element.kind)
        if not targets:
            continue
        try:
            geometry = _usable(element.geometry, element.kind, prepared.to_metric)
            relation = aoi.relation(geometry) if geometry is not None else -1
            if relation == 0:
                stats.skipped_outside += 1
                continue
            if relation > 0:
                inside = inside_test.relation(geometry) != 0
                clipped = geometry if relation == 1 else geometry.Intersection(prepared.area_of_interest)
        except RuntimeError:  # GDAL in exception mode (QGIS 3.40+): a geometry GEOS cannot handle
            relation, clipped = -1, None
        if relation < 0 or clipped is None or clipped.IsEmpty():
            stats.skipped_invalid += 1
            continue
        area_m2 = geometry.GetArea() if element.kind == AREA else None
        tags_json = json.dumps(dict(element.tags), ensure_ascii=False, sort_keys=True)
        for layer_name in targets:
            rule = RULES_BY_LAYER[layer_name]
            for part in _as_layer_geometry(clipped, geometry, element.kind, rule.geometry):
                layers[layer_name].add(element, part.Clone(), inside, area_m2, tags_json)
                stats.counts[layer_name] += 1
    _checked(ds.CommitTransaction())

    about_layer = ds.CreateLayer("about", None, ogr.wkbNone)
    if about_layer is None:
        raise TerritoryFileError(f"Cannot add the about table: {gdal.GetLastErrorMsg()}")
    _checked(about_layer.CreateField(ogr.FieldDefn("key", ogr.OFTString)))
    _checked(about_layer.CreateField(ogr.FieldDefn("value", ogr.OFTString)))
    rows = dict(about)
    rows.update(
        {
            "territory_code": territory.code,
            "territory_name": territory.name,
            "territory_source": territory.source,
            "crs": f"EPSG:{prepared.epsg}",
            "crs_name": prepared.crs_name,
            "buffer_m": str(prepared.buffer_m),
            "format_version": FORMAT_VERSION,
        }
    )
    if territory.population is not None:
        rows["population"] = str(territory.population)
    for key, value in rows.items():
        row = ogr.Feature(about_layer.GetLayerDefn())
        row.SetField("key", key)
        row.SetField("value", "" if value is None else str(value))
        _checked(about_layer.CreateFeature(row))


def _checked(code) -> None:
    """An OGR return code (GDAL without exceptions): anything but success stops the write."""
    if code not in (0, None):
        raise TerritoryFileError(f"Writing the territory GeoPackage failed: {gdal.GetLastErrorMsg()}")


def _usable(geometry: ogr.Geometry, kind: str, to_metric) -> Optional[ogr.Geometry]:
    """The element's geometry in the metric CRS, with broken OSM areas repaired (self-intersecting or
    degenerate rings are common); None when it cannot be used. GDAL may raise or return None/False
    depending on its exception mode, which is QGIS's choice, not ours: both are handled."""
    if geometry.Transform(to_metric) not in (0, None):
        return None
    if kind != AREA or geometry.IsValid():
        return geometry
    repaired = geometry.MakeValid() if hasattr(geometry, "MakeValid") else None
    if repaired is None or repaired.IsEmpty():
        repaired = geometry.Buffer(0)  # the classic repair when GEOS has no MakeValid
    if repaired is None or repaired.IsEmpty():
        return None
    flat = ogr.GT_Flatten(repaired.GetGeometryType())
    if flat == ogr.wkbGeometryCollection:  # MakeValid may add stray lines: keep the polygons
        polygons = ogr.Geometry(ogr.wkbMultiPolygon)
        for k in range(repaired.GetGeometryCount()):
            part = repaired.GetGeometryRef(k)
            if ogr.GT_Flatten(part.GetGeometryType()) in (ogr.wkbPolygon, ogr.wkbMultiPolygon):
                polygons = polygons.Union(part)
        repaired = polygons
    return repaired if repaired.GetArea() > 0 else None


class Cancelled(Exception):
    """The user cancelled; nothing was written."""


def _as_layer_geometry(clipped: ogr.Geometry, original: ogr.Geometry, kind: str, target: str) -> list:
    if target == "Point":
        if kind == POINT:
            return [clipped]
        if kind == AREA:
            point = original.PointOnSurface()
            return [point] if point is not None and not point.IsEmpty() else []
        # a platform or stop drawn as a line: its middle
        line = original if original.GetGeometryType() in (ogr.wkbLineString, ogr.wkbLineString25D) else None
        if line is not None and line.GetPointCount() > 0:
            return [line.Value(line.Length() / 2.0)]
        return [original.Centroid()]
    flat = ogr.GT_Flatten(clipped.GetGeometryType())
    if target == "LineString":
        if flat == ogr.wkbLineString:
            return [clipped]
        if flat in (ogr.wkbMultiLineString, ogr.wkbGeometryCollection):
            return [
                clipped.GetGeometryRef(i).Clone()
                for i in range(clipped.GetGeometryCount())
                if ogr.GT_Flatten(clipped.GetGeometryRef(i).GetGeometryType()) == ogr.wkbLineString
            ]
        return []
    if target == "MultiPolygon":
        if flat in (ogr.wkbPolygon, ogr.wkbMultiPolygon):
            return [ogr.ForceToMultiPolygon(clipped)]
        if flat == ogr.wkbGeometryCollection:
            polys = [
                clipped.GetGeometryRef(i)
                for i in range(clipped.GetGeometryCount())
                if ogr.GT_Flatten(clipped.GetGeometryRef(i).GetGeometryType())
                in (ogr.wkbPolygon, ogr.wkbMultiPolygon)
            ]
            if polys:
                multi = ogr.Geometry(ogr.wkbMultiPolygon)
                for poly in polys:
                    multi = multi.Union(poly)
                return [ogr.ForceToMultiPolygon(multi)]
        return []
    return [clipped]


class _LayerWriter:
    """Writes the features of one territory layer with field indices resolved once and typed setters
    (GDAL's by-name lookups dominate the write time otherwise)."""

    def __init__(self, layer, layer_name: str):
        self.layer = layer
        self.defn = layer.GetLayerDefn()
        self.index = {name: self.defn.GetFieldIndex(name) for name, _ in layer_fields(layer_name)}
        rule_fields = RULES_BY_LAYER[layer_name].fields
        self.highway = "highway" in rule_fields
        self.names = "name" in rule_fields
        self.capacity = "capacity" in rule_fields
        self.category = "category" in rule_fields
        self.area = layer_name in EXTRA_FIELDS

    def add(self, element, geometry, inside: bool, area_m2: Optional[float], tags_json: str) -> None:
        tags, idx = element.tags, self.index
        feature = ogr.Feature(self.defn)
        feature.SetFieldString(idx["osm_type"], element.osm_type)
        feature.SetFieldInteger64(idx["osm_id"], int(element.osm_id))
        feature.SetFieldInteger64(idx["inside"], 1 if inside else 0)
        if self.highway and tags.get("highway") is not None:
            feature.SetFieldString(idx["highway"], tags["highway"])
        if self.names and tags.get("name") is not None:
            feature.SetFieldString(idx["name"], tags["name"])
        if self.capacity:
            capacity = parse_capacity(tags.get("capacity"))
            if capacity is not None:
                feature.SetFieldInteger64(idx["capacity"], capacity)
        if self.category:
            feature.SetFieldString(idx["category"], poi_category(tags))
        if self.area and area_m2 is not None:
            feature.SetField(idx["area_m2"], round(area_m2, 2))
        feature.SetFieldString(idx["tags"], tags_json)
        feature.SetGeometryDirectly(geometry)
        _checked(self.layer.CreateFeature(feature))


# --------------------------------------------------------------------------------------------- reading


def line_xy(line: ogr.Geometry) -> np.ndarray:
    """The (n, 2) coordinates of a LineString, a fresh array. A 2D line is read from its WKB: GetPoints
    builds a Python tuple per vertex, which costs as much as the rest of reading the streets."""
    if line.GetGeometryType() == ogr.wkbLineString:  # 2D: byte order, type, count, then x y pairs
        return np.frombuffer(line.ExportToWkb(ogr.wkbNDR), dtype="<f8", offset=9).reshape(-1, 2).copy()
    points = line.GetPoints() or []
    return np.asarray(points, dtype=float).reshape(-1, len(points[0]) if points else 2)[:, :2]


class TerritoryFeature:
    """One feature of a territory layer: identity, tags, ``inside`` flag, metric geometry; its other
    fields are read from the OGR feature only when asked for (most themes never need them).
    ``bad_tags``: the stored tags were not a JSON object (a hand-edited file), read as no tags."""

    __slots__ = (
        "_feature", "_fields", "_others", "bad_tags", "geometry", "inside", "osm_id", "osm_type", "tags",
    )  # fmt: skip

    def __init__(self, osm_type: str, osm_id: int, tags: dict, inside: bool, geometry: Optional[ogr.Geometry],
                 fields: Optional[dict] = None, _feature=None, _others=(), bad_tags: bool = False):  # fmt: skip
        self.osm_type, self.osm_id, self.tags, self.inside, self.geometry = (
            osm_type,
            osm_id,
            tags,
            inside,
            geometry,
        )
        self._fields, self._feature, self._others, self.bad_tags = fields, _feature, _others, bad_tags

    @property
    def fields(self) -> dict:
        if self._fields is None:
            feature = self._feature
            self._fields = (
                {name: feature.GetField(i) for name, i in self._others} if feature is not None else {}
            )
        return self._fields

    def copy(self) -> TerritoryFeature:
        """A copy a theme may change freely (its tags, geometry and fields are its own)."""
        return TerritoryFeature(
            self.osm_type,
            self.osm_id,
            dict(self.tags),
            self.inside,
            self.geometry.Clone() if self.geometry is not None else None,
            dict(self._fields) if self._fields is not None else None,
            self._feature,
            self._others,
            self.bad_tags,
        )


# While ``shared_reads`` is on: the layers read so far (every field), by (file identity, layer, filter).
_SHARED: Optional[dict] = None
_SHARING = [0, threading.Lock()]  # blocks open (two diagnoses may run at once in QGIS's task threads)


@contextlib.contextmanager
def shared_reads() -> Iterator[None]:
    """Within this block a territory layer read again, by another theme of the same process, comes from
    memory: each theme of ``diagnose`` reads the same 12,000 streets, and parsing them costs as much as a
    small theme. Every reader gets its own copies. Off by default, so that nothing stays in memory after a
    run in QGIS: the memory goes when the last block open ends."""
    global _SHARED
    with _SHARING[1]:
        _SHARING[0] += 1
        if _SHARED is None:
            _SHARED = {}
    try:
        yield
    finally:
        with _SHARING[1]:
            _SHARING[0] -= 1
            if _SHARING[0] == 0:
                _SHARED = None


class TerritoryGpkg:
    """A territory GeoPackage opened for reading by a theme."""

    def __init__(self, path: str, required: Sequence[str] = ()):
        if not path or not os.path.isfile(path):
            raise TerritoryFileError(
                f"The territory GeoPackage {path!r} does not exist. Create it with "
                "“Fetch territory data” (mobilitydiagnosis:fetchterritory)."
            )
        ds = open_or_none(path)
        if ds is None or ds.GetDriver().GetName() != "GPKG":
            raise TerritoryFileError(
                f"{path} is not a GeoPackage. Choose the file written by “Fetch territory "
                "data” (mobilitydiagnosis:fetchterritory)."
            )
        self.path = path
        self.layer_names = [ds.GetLayer(i).GetName() for i in range(ds.GetLayerCount())]
        missing = [name for name in ("territory", "about", *required) if name not in self.layer_names]
        if missing:
            raise TerritoryFileError(
                f"{os.path.basename(path)} is not a territory GeoPackage of this version of the plugin: layers "
                f"{', '.join(missing)} are missing. Run “Fetch territory data” (mobilitydiagnosis:fetchterritory) "
                "again to rebuild it."
            )
        self.about = {f.GetField("key"): f.GetField("value") for f in ds.GetLayerByName("about")}
        ter = ds.GetLayerByName("territory")
        self.srs = ter.GetSpatialRef().Clone()
        self.srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
        self.crs_wkt = self.srs.ExportToWkt()
        authority = self.srs.GetAuthorityCode(None)
        self.epsg = int(authority) if authority else None
        first = ter.GetNextFeature()
        if first is None:
            raise TerritoryFileError(
                f"{path} has an empty territory layer. Run “Fetch territory data” again."
            )
        self.code = first.GetField("code") or ""
        self.name = first.GetField("name") or ""
        population = first.GetField("population")
        self.population = int(population) if population is not None else None
        self.territory_geometry = first.GetGeometryRef().Clone()
        ds = None

    def features(
        self, layer: str, inside_only: bool = False, fields: Optional[Sequence[str]] = None
    ) -> Iterator[TerritoryFeature]:
        """The layer's features. ``fields`` None: the other fields are read when first asked for (the OGR
        feature is kept until then); a sequence: exactly those are read now and nothing is kept, which is
        leaner for large layers such as buildings."""
        shared = _SHARED if fields is None else None  # a chosen few fields: read lean, kept nowhere
        key = None
        if shared is not None:
            stat = os.stat(self.path)
            key = (self.path, stat.st_ino, stat.st_mtime_ns, stat.st_size, layer, inside_only)
            if key in shared:
                for feature in shared[key]:
                    yield feature.copy()
                return
        read = []
        for feature in self._read(layer, inside_only, fields):
            if shared is None:
                yield feature
            else:
                read.append(feature)
                yield feature.copy()
        if shared is not None:  # only a layer read to its end is kept
            shared[key] = read

    def _read(
        self, layer: str, inside_only: bool, fields: Optional[Sequence[str]]
    ) -> Iterator[TerritoryFeature]:
        ds = ogr.Open(self.path)
        lyr = ds.GetLayerByName(layer)
        if lyr is None:
            raise TerritoryFileError(
                f"{os.path.basename(self.path)} has no layer {layer!r}. Run “Fetch territory "
                "data” again to rebuild it with this version of the plugin."
            )
        if inside_only:
            lyr.SetAttributeFilter("inside = 1")
        defn = lyr.GetLayerDefn()
        names = [defn.GetFieldDefn(i).GetName() for i in range(defn.GetFieldCount())]
        index = {name: i for i, name in enumerate(names)}
        i_inside, i_type, i_id, i_tags = (index.get(k) for k in ("inside", "osm_type", "osm_id", "tags"))
        others = [(name, i) for name, i in index.items() if name != "tags"]
        wanted = None if fields is None else [(name, index[name]) for name in fields if name in index]
        # Field access by index: GDAL's by-name lookups would dominate the reading time.
        for feature in lyr:
            geometry = feature.GetGeometryRef()
            tags_text = feature.GetFieldAsString(i_tags) if i_tags is not None else ""
            try:
                tags = json.loads(tags_text) if tags_text else {}
            except ValueError:
                tags = None
            bad_tags = not isinstance(tags, dict)
            yield TerritoryFeature(
                osm_type=feature.GetFieldAsString(i_type) if i_type is not None else "",
                osm_id=feature.GetFieldAsInteger64(i_id) if i_id is not None else feature.GetFID(),
                tags={} if bad_tags else tags,
                inside=bool(feature.GetFieldAsInteger(i_inside)) if i_inside is not None else True,
                geometry=geometry.Clone() if geometry is not None else None,
                fields=None if wanted is None else {name: feature.GetField(i) for name, i in wanted},
                _feature=feature if wanted is None else None,
                _others=others,
                bad_tags=bad_tags,
            )

    def count(self, layer: str) -> int:
        ds = ogr.Open(self.path)
        lyr = ds.GetLayerByName(layer)
        return lyr.GetFeatureCount() if lyr is not None else 0


def open_territory(path: str, required: Sequence[str] = ()) -> TerritoryGpkg:
    return TerritoryGpkg(path, required)


def elements_from_osm(elements: Iterable, cancelled: Callable[[], bool] = lambda: False) -> Iterator:
    """Adapt core ``OsmElement`` objects (Overpass path, lon/lat lists) to elements with an ogr geometry."""
    for element in elements:
        geometry = geometry_from_coords(element.kind, element.coords)
        if geometry is None:
            continue
        yield _Adapted(element.osm_type, element.osm_id, element.kind, element.tags, geometry)


@dataclass
class _Adapted:
    osm_type: str
    osm_id: int
    kind: str
    tags: dict
    geometry: ogr.Geometry


def geometry_from_coords(kind: str, coords) -> Optional[ogr.Geometry]:
    if kind == POINT:
        point = ogr.Geometry(ogr.wkbPoint)
        point.AddPoint_2D(float(coords[0]), float(coords[1]))
        return point
    if kind == LINE:
        if len(coords) < 2:
            return None
        line = ogr.Geometry(ogr.wkbLineString)
        for x, y in coords:
            line.AddPoint_2D(float(x), float(y))
        return line
    multi = ogr.Geometry(ogr.wkbMultiPolygon)
    for polygon_rings in coords:
        poly = ogr.Geometry(ogr.wkbPolygon)
        for ring_coords in polygon_rings:
            if len(ring_coords) < 4:
                continue
            ring = ogr.Geometry(ogr.wkbLinearRing)
            for x, y in ring_coords:
                ring.AddPoint_2D(float(x), float(y))
            poly.AddGeometry(ring)
        if poly.GetGeometryCount():
            multi.AddGeometry(poly)
    return multi if multi.GetGeometryCount() else None
