"""The online data path of the fetch step: resolve the territory online when needed (Overpass, then
geo.api.gouv.fr for a French commune), refuse a territory too large for the public servers before
sending anything, then one Overpass query for every layer."""

from __future__ import annotations

from typing import Optional

from osgeo import ogr

from ...core.fetch_errors import Cancelled, CommuneOutlineNotFound
from ...core.osm_layers import AREA
from ...core.overpass_query import (
    bbox_area,
    commune_boundary_query,
    polygon_area,
    relation_query,
    territory_query,
)
from ...core.territory import EXTENT_CODE
from ..gpkg.territory import Territory, elements_from_osm, geometry_from_coords, prepare_territory, wgs84
from ..settings import geoapi_url, overpass_settings
from ..sources.geoapi import fetch_commune_outline
from .overpass import check_territory_size, fetch_elements
from .territory_resolver import resolve_territory


def _relation_territory(elements, relation_id: Optional[int], source: str) -> Optional[Territory]:
    for element in elements:
        if element.osm_type != "relation" or element.kind != AREA:
            continue
        if relation_id is not None and element.osm_id != relation_id:
            continue
        geometry = geometry_from_coords(AREA, element.coords)
        if geometry is None:
            continue
        tags = element.tags
        return Territory(
            code=tags.get("ref:INSEE") or tags.get("ref") or f"relation-{element.osm_id}",
            name=tags.get("name") or f"relation {element.osm_id}",
            source=f"OSM relation {element.osm_id} ({source})",
            geometry=geometry,
            french=bool(tags.get("ref:INSEE")),
        )
    return None


def fetch_from_overpass(*, territory_text, territory, overpass_url, buffer_m, feedback, lang):
    endpoint = overpass_url or None

    def online_relation(relation_id: int) -> Optional[Territory]:
        feedback.pushInfo(f"Fetching the outline of OSM relation {relation_id} from Overpass…")
        elements, meta = fetch_elements(
            relation_query(relation_id), endpoint=endpoint, feedback=feedback, lang=lang
        )
        return _relation_territory(elements, relation_id, f"Overpass {meta.endpoint}")

    def online_commune(insee: str) -> Optional[Territory]:
        feedback.pushInfo(f"Fetching the boundary relation of commune {insee} from Overpass…")
        elements, meta = fetch_elements(
            commune_boundary_query(insee), endpoint=endpoint, feedback=feedback, lang=lang
        )
        found = _relation_territory(elements, None, f"Overpass {meta.endpoint}")
        if found is not None:
            return found
        feedback.pushInfo(f"No OSM boundary relation for {insee}: using the geo.api.gouv.fr outline.")
        try:
            outline = fetch_commune_outline(insee, base_url=geoapi_url(), feedback=feedback)
        except CommuneOutlineNotFound:
            return None
        geometry = geometry_from_coords(AREA, outline.polygons)
        return Territory(code=insee, name=outline.name, geometry=geometry,
                         source=f"geo.api.gouv.fr ({outline.source_url}), Licence Ouverte 2.0")  # fmt: skip

    if territory is None:
        territory = resolve_territory(territory_text, None, lang, online_relation, online_commune)
    prepared = prepare_territory(territory, buffer_m)
    feedback.pushInfo(
        f"Territory: {territory.name} ({territory.code}), {prepared.area_km2:.2f} km², outline from "
        f"{territory.source}; buffer {prepared.buffer_m:.0f} m; CRS EPSG:{prepared.epsg} ({prepared.crs_name})."
    )
    aoi_area_km2 = prepared.area_of_interest.GetArea() / 1e6
    check_territory_size(aoi_area_km2, overpass_settings())
    # a rectangle is fetched by the bounding box of it and its buffer, the simplest filter for Overpass
    extent = territory.code == EXTENT_CODE
    area = bbox_area(*prepared.bbox_lonlat) if extent else polygon_area(_outer_rings_lonlat(prepared))
    query = territory_query(area)
    feedback.pushInfo("Downloading the OSM data of every theme in one Overpass query…")
    elements, meta = fetch_elements(query, endpoint=endpoint, feedback=feedback, lang=lang)
    if feedback.isCanceled():
        raise Cancelled()
    about = {"endpoint": meta.endpoint, "osm_base": meta.osm_base or "", "retrieved_at": meta.retrieved_at}
    return territory, prepared, elements_from_osm(elements), about


def _outer_rings_lonlat(prepared) -> list:
    """Outer rings of the area of interest in lon/lat, for the query's poly filter."""
    from osgeo import osr

    geometry = prepared.area_of_interest.Clone()
    geometry.Transform(osr.CoordinateTransformation(prepared.srs, wgs84()))
    geometry = ogr.ForceToMultiPolygon(geometry)
    rings = []
    for i in range(geometry.GetGeometryCount()):
        ring = geometry.GetGeometryRef(i).GetGeometryRef(0)
        rings.append([(ring.GetX(j), ring.GetY(j)) for j in range(ring.GetPointCount())])
    return rings
