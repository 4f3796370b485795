"""One data read for many territories, then one territory GeoPackage per territory.

The OSM data of the union of the territories (plus their buffers) is read once — one pass over a local
file, or a few Overpass queries over tiles of bounded area — into a *union store*: a GeoPackage of raw
elements (WGS 84, every tag, with a spatial index) and of the territories' outlines. Each territory's
GeoPackage is then cut from the store by ``cut_territory``, which feeds the elements of the territory's
bounding box to the same writer as ``fetchterritory`` (``write_territory_gpkg``), so a territory cut from
the store is the territory that ``fetchterritory``/``diagnose`` would write: same features, same ``inside``
flags, same clipping. Cutting is cheap and runs in the parallel workers.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator, Optional, Sequence

from osgeo import ogr, osr

from ..core.many import TerritorySpec
from ..core.osm_layers import AREA, layers_for
from ..core.overpass_query import bbox_area, header, territory_query
from ..qgis_io.atomic import atomic_path
from ..qgis_io.cancel import cancel_check, is_cancelled
from ..qgis_io.gdal_mode import open_or_none
from ..qgis_io.gpkg.territory import (
    GridContainment,
    Territory,
    WriteStats,
    geometry_from_coords,
    prepare_territory,
    wgs84,
    write_territory_gpkg,
)
from ..qgis_io.osm.osm_file import FileElement, OsmFile
from ..qgis_io.osm.territory_fetch import ODBL, OSM_ATTRIBUTION, _file_timestamp, plugin_version

STORE_VERSION = "1"
DEFAULT_TILE_KM2 = (
    400.0  # an Overpass query per tile of at most this area (a dense city is ~100 MB per 400 km²)
)
BOUNDARY_CHUNK = 80  # INSEE codes per Overpass boundary query (the regex stays short)


class ManyFetchError(Exception):
    """The union data cannot be read or cut; the message says what happened and what to do."""


@dataclass
class UnionInfo:
    path: str
    territories: list[Territory]
    missing: list[TerritorySpec]  # requested territories without an outline
    about: dict
    elements: int
    queries: int = 0  # Overpass queries made for the data (0 for a local file)


# ----------------------------------------------------------------------------------------------- outlines


def outlines_from_file(
    osm: OsmFile, specs: Sequence[TerritorySpec]
) -> tuple[list[Territory], list[TerritorySpec]]:
    """Every requested commune's admin_level=8 boundary relation, in one pass over the file's relations."""
    wanted = {spec.code: spec for spec in specs}
    found: dict[str, FileElement] = {}
    for element in osm.elements(layers=("multipolygons",)):
        if element.osm_type != "relation":
            continue
        tags = element.tags
        code = tags.get("ref:INSEE")
        if (
            code in wanted
            and code not in found
            and tags.get("boundary") == "administrative"
            and tags.get("admin_level") == "8"
        ):
            found[code] = element
    territories, missing = [], []
    name = os.path.basename(osm.path)
    for spec in specs:
        element = found.get(spec.code)
        if element is None:
            missing.append(spec)
            continue
        territories.append(
            Territory(
                code=spec.code,
                name=spec.name,
                source=f"OSM relation {element.osm_id} from {name}",
                geometry=element.geometry,
                population=spec.population,
                french=True,
            )
        )
    return territories, missing


def communes_boundary_query(codes: Sequence[str], *, timeout_s: int = 120) -> str:
    """The admin_level=8 boundary relations of many communes in one query (their ways inline)."""
    for code in codes:
        if not code.isalnum():
            raise ValueError(f"not an INSEE code: {code!r}")
    regex = "^(" + "|".join(sorted(codes)) + ")$"
    return (
        f"{header(timeout_s)}"
        f'rel["boundary"="administrative"]["admin_level"="8"]["ref:INSEE"~"{regex}"];\n'
        "out geom;\n"
    )


def outlines_from_overpass(
    specs: Sequence[TerritorySpec], *, endpoint: Optional[str], feedback=None, lang: str = "en", **kwargs
) -> tuple[list[Territory], list[TerritorySpec], int]:
    """Outlines of many communes in chunks of ``BOUNDARY_CHUNK`` codes (not one query per commune)."""
    from ..qgis_io.osm.overpass import fetch_elements

    found: dict[str, Territory] = {}
    queries = 0
    codes = [spec.code for spec in specs]
    by_code = {spec.code: spec for spec in specs}
    for start in range(0, len(codes), BOUNDARY_CHUNK):
        chunk = codes[start : start + BOUNDARY_CHUNK]
        elements, meta = fetch_elements(
            communes_boundary_query(chunk), endpoint=endpoint, feedback=feedback, lang=lang, **kwargs
        )
        queries += 1
        for element in elements:
            code = element.tags.get("ref:INSEE")
            if element.osm_type != "relation" or element.kind != AREA or code not in by_code or code in found:
                continue
            geometry = geometry_from_coords(AREA, element.coords)
            if geometry is None:
                continue
            spec = by_code[code]
            found[code] = Territory(
                code=code,
                name=spec.name,
                source=f"OSM relation {element.osm_id} (Overpass {meta.endpoint})",
                geometry=geometry,
                population=spec.population,
                french=True,
            )
    territories = [found[c] for c in codes if c in found]
    missing = [by_code[c] for c in codes if c not in found]
    return territories, missing, queries


# --------------------------------------------------------------------------------------------- the store


def union_area_lonlat(territories: Sequence[Territory], buffer_m: float) -> ogr.Geometry:
    """The union of every territory's area of interest (outline + buffer), in WGS 84."""
    union = None
    for territory in territories:
        prepared = prepare_territory(territory, buffer_m)
        aoi = prepared.area_of_interest.Clone()
        aoi.Transform(osr.CoordinateTransformation(prepared.srs, wgs84()))
        union = aoi if union is None else union.Union(aoi)
    if union is None:
        raise ManyFetchError("No territory has an outline: nothing to fetch.")
    return union


def write_store(
    path: str,
    territories: Sequence[Territory],
    elements: Iterable,
    about: dict,
    buffer_m: float,
    cancelled: Callable[[], bool] = lambda: False,
) -> int:
    """Write the union store atomically: the elements of a territory layer that touch any territory's
    area of interest, and the outlines. Returns the number of elements kept."""
    union = union_area_lonlat(territories, buffer_m)
    containment = GridContainment(union, cells=64)
    kept = 0
    with atomic_path(path) as tmp:
        ds = ogr.GetDriverByName("GPKG").CreateDataSource(tmp)
        if ds is None:
            raise ManyFetchError(f"Cannot create {path}: check that the folder is writable.")
        try:
            srs = wgs84()
            layer = ds.CreateLayer("elements", srs, ogr.wkbUnknown, ["FID=fid", "GEOMETRY_NAME=geom"])
            for name, kind in (("osm_type", ogr.OFTString), ("osm_id", ogr.OFTInteger64),
                               ("kind", ogr.OFTString), ("tags", ogr.OFTString)):  # fmt: skip
                layer.CreateField(ogr.FieldDefn(name, kind))
            defn = layer.GetLayerDefn()
            ds.StartTransaction()
            for n, element in enumerate(elements):
                if n % 5000 == 0 and cancelled():
                    raise ManyFetchError("Cancelled: nothing was written.")
                if not layers_for(element.tags, element.kind):
                    continue
                if containment.relation(element.geometry) == 0:
                    continue
                feature = ogr.Feature(defn)
                feature.SetField(0, element.osm_type)
                feature.SetFieldInteger64(1, int(element.osm_id))
                feature.SetField(2, element.kind)
                feature.SetField(3, json.dumps(dict(element.tags), ensure_ascii=False))
                feature.SetGeometry(element.geometry)
                layer.CreateFeature(feature)
                kept += 1
            ds.CommitTransaction()
            _write_territories(ds, territories)
            _write_about(ds, {**about, "store_version": STORE_VERSION, "buffer_m": str(buffer_m)})
        finally:
            ds = None
    return kept


def _write_territories(ds, territories: Sequence[Territory]) -> None:
    layer = ds.CreateLayer("territories", wgs84(), ogr.wkbMultiPolygon, ["FID=fid", "GEOMETRY_NAME=geom"])
    for name, kind in (("code", ogr.OFTString), ("name", ogr.OFTString), ("source", ogr.OFTString),
                       ("population", ogr.OFTInteger64), ("french", ogr.OFTInteger)):  # fmt: skip
        layer.CreateField(ogr.FieldDefn(name, kind))
    for territory in territories:
        feature = ogr.Feature(layer.GetLayerDefn())
        feature.SetField("code", territory.code)
        feature.SetField("name", territory.name)
        feature.SetField("source", territory.source)
        if territory.population is not None:
            feature.SetField("population", int(territory.population))
        feature.SetField("french", 1 if territory.french else 0)
        feature.SetGeometry(ogr.ForceToMultiPolygon(territory.geometry.Clone()))
        layer.CreateFeature(feature)


def _write_about(ds, about: dict) -> None:
    layer = ds.CreateLayer("about", None, ogr.wkbNone)
    layer.CreateField(ogr.FieldDefn("key", ogr.OFTString))
    layer.CreateField(ogr.FieldDefn("value", ogr.OFTString))
    for key, value in about.items():
        row = ogr.Feature(layer.GetLayerDefn())
        row.SetField("key", key)
        row.SetField("value", "" if value is None else str(value))
        layer.CreateFeature(row)


@dataclass
class _StoredElement:
    osm_type: str
    osm_id: int
    kind: str
    tags: dict
    geometry: ogr.Geometry


class UnionStore:
    """The union store opened for reading (by the main process or a worker)."""

    def __init__(self, path: str):
        ds = open_or_none(path)
        if ds is None or ds.GetLayerByName("elements") is None or ds.GetLayerByName("territories") is None:
            raise ManyFetchError(f"{path} is not a union store of this plugin: run diagnosemany again.")
        self.path = path
        self.about = {f.GetField("key"): f.GetField("value") for f in ds.GetLayerByName("about")}
        self.buffer_m = float(self.about.get("buffer_m") or 500.0)
        self.territories = {}
        for f in ds.GetLayerByName("territories"):
            population = f.GetField("population")
            self.territories[f.GetField("code")] = Territory(
                code=f.GetField("code"),
                name=f.GetField("name") or "",
                source=f.GetField("source") or "",
                geometry=f.GetGeometryRef().Clone(),
                population=int(population) if population is not None else None,
                french=bool(f.GetField("french")),
            )
        ds = None

    def elements(self, bbox: tuple[float, float, float, float]) -> Iterator[_StoredElement]:
        ds = ogr.Open(self.path)
        layer = ds.GetLayerByName("elements")
        layer.SetSpatialFilterRect(*bbox)
        for f in layer:
            geometry = f.GetGeometryRef()
            if geometry is None:
                continue
            yield _StoredElement(
                f.GetField(0), int(f.GetFieldAsInteger64(1)), f.GetField(2), json.loads(f.GetField(3)),
                geometry.Clone(),
            )  # fmt: skip
        ds = None

    def territory_about(self) -> dict:
        keep = ("source", "file", "endpoint", "osm_timestamp", "retrieved_at", "licence", "attribution",
                "plugin_version")  # fmt: skip
        return {key: self.about.get(key, "") for key in keep}


def cut_territory(store: UnionStore, code: str, output: str) -> WriteStats:
    """The territory GeoPackage of one territory of the store, written as ``fetchterritory`` writes it."""
    territory = store.territories.get(code)
    if territory is None:
        raise ManyFetchError(f"The territory {code} is not in the union store: run diagnosemany again.")
    prepared = prepare_territory(territory, store.buffer_m)
    return write_territory_gpkg(
        output, prepared, store.elements(prepared.bbox_lonlat), store.territory_about()
    )


# ----------------------------------------------------------------------------------------------- reading


def fetch_union_from_file(
    osm_file: str,
    specs: Sequence[TerritorySpec],
    store_path: str,
    *,
    buffer_m: float = 500.0,
    territories: Optional[Sequence[Territory]] = None,
    feedback=None,
) -> UnionInfo:
    """Outlines (given, or from the file's boundary relations in one pass), then one pass for the data."""
    retrieved_at = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
    with OsmFile(osm_file) as source:
        missing: list[TerritorySpec] = []
        if territories is None:
            _info(feedback, f"Reading the commune boundaries of {os.path.basename(osm_file)} (one pass)…")
            territories, missing = outlines_from_file(source, specs)
        if not territories:
            raise ManyFetchError(
                f"None of the territories has a complete boundary relation in {os.path.basename(osm_file)}. "
                "Use an extract covering them whole, or give their outlines as a layer (TERRITORY_LAYER)."
            )
        union = union_area_lonlat(territories, buffer_m)
        x0, x1, y0, y1 = union.GetEnvelope()
        _info(feedback, f"Reading the OSM data of {len(territories)} territories (one pass)…")
        about = {
            "source": "OpenStreetMap, local file",
            "file": os.path.abspath(osm_file),
            "endpoint": "",
            "osm_timestamp": source.timestamp() or _file_timestamp(osm_file),
            "retrieved_at": retrieved_at,
            "licence": ODBL,
            "attribution": OSM_ATTRIBUTION,
            "plugin_version": plugin_version(),
        }
        cancelled = cancel_check(feedback)
        kept = write_store(
            store_path, territories, source.elements(bbox=(x0, y0, x1, y1)), about, buffer_m, cancelled
        )
    return UnionInfo(store_path, list(territories), missing, about, kept)


def tiles_lonlat(
    area: ogr.Geometry, tile_km2: float = DEFAULT_TILE_KM2
) -> list[tuple[float, float, float, float]]:
    """A grid of (W, S, E, N) tiles of at most ``tile_km2`` over ``area`` (WGS 84), keeping only the tiles
    that touch it: a département is a dozen queries, not hundreds."""
    x0, x1, y0, y1 = area.GetEnvelope()
    lat = math.radians((y0 + y1) / 2.0)
    width_km = max((x1 - x0) * 111.32 * math.cos(lat), 1e-6)
    height_km = max((y1 - y0) * 110.57, 1e-6)
    side_km = math.sqrt(tile_km2)
    nx, ny = max(1, math.ceil(width_km / side_km)), max(1, math.ceil(height_km / side_km))
    dx, dy = (x1 - x0) / nx, (y1 - y0) / ny
    tiles = []
    for j in range(ny):
        for i in range(nx):
            tile = (x0 + i * dx, y0 + j * dy, x0 + (i + 1) * dx, y0 + (j + 1) * dy)
            box = ogr.CreateGeometryFromWkt(
                "POLYGON(({0} {1},{2} {1},{2} {3},{0} {3},{0} {1}))".format(*tile)
            )
            if box.Intersects(area):
                tiles.append(tile)
    return tiles


def fetch_union_from_overpass(
    specs: Sequence[TerritorySpec],
    store_path: str,
    *,
    buffer_m: float = 500.0,
    territories: Optional[Sequence[Territory]] = None,
    overpass_url: Optional[str] = None,
    tile_km2: float = DEFAULT_TILE_KM2,
    feedback=None,
    lang: str = "en",
    **fetch_kwargs,
) -> UnionInfo:
    """Outlines (given, or in chunks of boundary queries), then one ``territory_query`` per tile."""
    from ..core.fetch_errors import Cancelled
    from ..qgis_io.gpkg.territory import elements_from_osm
    from ..qgis_io.osm.overpass import fetch_elements

    endpoint = overpass_url or None
    queries = 0
    missing: list[TerritorySpec] = []
    if territories is None:
        _info(feedback, f"Fetching the boundaries of {len(specs)} communes from Overpass…")
        territories, missing, queries = outlines_from_overpass(
            specs, endpoint=endpoint, feedback=feedback, lang=lang, **fetch_kwargs
        )
    if not territories:
        raise ManyFetchError(
            "No outline was found on Overpass for the territories. Give their outlines as a layer "
            "(TERRITORY_LAYER)."
        )
    union = union_area_lonlat(territories, buffer_m)
    tiles = tiles_lonlat(union, tile_km2)
    _info(
        feedback,
        f"Downloading the OSM data in {len(tiles)} Overpass queries (tiles of ≤ {tile_km2:.0f} km²)…",
    )
    seen: set[tuple[str, int]] = set()
    elements = []
    meta = None
    for tile in tiles:
        tile_elements, meta = fetch_elements(
            territory_query(bbox_area(*tile)), endpoint=endpoint, feedback=feedback, lang=lang, **fetch_kwargs
        )
        queries += 1
        if is_cancelled(feedback):
            raise Cancelled()
        for element in tile_elements:
            key = (element.osm_type, element.osm_id)
            if key not in seen:  # a way crossing a tile edge comes in both tiles, whole
                seen.add(key)
                elements.append(element)
    about = {
        "source": "OpenStreetMap, Overpass API",
        "file": "",
        "endpoint": meta.endpoint if meta else (endpoint or ""),
        "osm_timestamp": (meta.osm_base or "") if meta else "",
        "retrieved_at": meta.retrieved_at if meta else "",
        "licence": ODBL,
        "attribution": OSM_ATTRIBUTION,
        "plugin_version": plugin_version(),
    }
    kept = write_store(store_path, territories, elements_from_osm(elements), about, buffer_m)
    return UnionInfo(store_path, list(territories), missing, about, kept, queries)


def _info(feedback, text: str) -> None:
    if feedback is not None:
        feedback.pushInfo(text)
