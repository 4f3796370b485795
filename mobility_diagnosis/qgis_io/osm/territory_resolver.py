"""Turn the user's TERRITORY / TERRITORY_LAYER / TERRITORY_EXTENT into a ``Territory`` with its outline.

Order of the sources, offline first: a polygon layer; the local OSM file's boundary relation; the
outlines bundled with the plugin (the demo); then, only when no local file is given, Overpass and,
for a French commune whose relation is missing, geo.api.gouv.fr.
"""

from __future__ import annotations

import functools
import json
import os
from typing import Callable, Optional

from osgeo import ogr

from ...core.territory import (
    EXTENT_CODE,
    INSEE_RE,
    CommuneIndex,
    RelationRequest,
    extent_name,
    extent_problem,
    message,
    parse_territory,
)
from ..gpkg.territory import Territory, prepare_territory
from .osm_file import OsmFile

RESOURCES = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(__file__))), "resources")
COMMUNES_CSV = os.path.join(RESOURCES, "data", "communes.csv")
OUTLINES_DIR = os.path.join(RESOURCES, "demo")

# Field names an IGN Admin Express layer, a geo.api.gouv.fr outline or an OSM export uses (INTERFACE.md).
CODE_FIELDS = ("code", "insee", "code_insee", "INSEE_COM", "ref:INSEE", "CODE_INSEE", "INSEE")
NAME_FIELDS = ("name", "nom", "NOM", "NOM_COM", "Name", "NAME", "libelle")


class TerritoryNotFound(Exception):
    """The territory cannot be resolved from the sources at hand; the message says what to do."""


@functools.lru_cache(maxsize=1)
def commune_index() -> CommuneIndex:
    return CommuneIndex.from_csv(COMMUNES_CSV)


def bundled_outline(relation_id: int) -> Optional[Territory]:
    index_path = os.path.join(OUTLINES_DIR, "outlines.json")
    if not os.path.exists(index_path):
        return None
    with open(index_path, encoding="utf-8") as f:
        entry = json.load(f).get(str(relation_id))
    if entry is None:
        return None
    with open(os.path.join(OUTLINES_DIR, entry["file"]), encoding="utf-8") as f:
        collection = json.load(f)
    geometry = _union(
        ogr.CreateGeometryFromJson(json.dumps(feat["geometry"])) for feat in collection["features"]
    )
    return Territory(
        code=entry["code"],
        name=entry["name"],
        source=f"OSM relation {relation_id}, outline bundled with the plugin",
        geometry=geometry,
    )


def territory_from_geometries(geometries, attributes: dict, layer_name: str) -> Territory:
    """A polygon layer as the territory: all its features together; code and name from the first one."""
    geometry = _union(geometries)
    if geometry is None or geometry.IsEmpty():
        raise TerritoryNotFound(
            f"The layer {layer_name} has no polygon. Choose a polygon layer with at least one "
            "feature (or select one)."
        )
    code = next((str(attributes[k]) for k in CODE_FIELDS if attributes.get(k) not in (None, "")), "")
    name = (
        next((str(attributes[k]) for k in NAME_FIELDS if attributes.get(k) not in (None, "")), "")
        or layer_name
    )
    commune = commune_index().by_code.get(code.upper()) if INSEE_RE.match(code or "") else None
    return Territory(
        code=code or layer_name,
        name=name,
        source=f"polygon layer {layer_name}",
        geometry=geometry,
        population=commune.population if commune else None,
        french=commune is not None,
    )


def territory_from_extent(geometry: Optional[ogr.Geometry], described: str, lang: str = "en") -> Territory:
    """A rectangle as the territory: ``geometry`` is the rectangle in lon/lat (densified, so that a rectangle
    drawn in a projected CRS keeps its shape), ``described`` says how the user gave it (the ``about`` table).
    Refused when empty, off the Earth or larger than a commune can be (core.territory.MAX_EXTENT_KM2)."""
    if geometry is None or geometry.IsEmpty():
        raise TerritoryNotFound(message("extent_empty", lang))
    west, east, south, north = geometry.GetEnvelope()
    if not (-180.0 <= west <= east <= 180.0 and -90.0 <= south <= north <= 90.0):
        raise TerritoryNotFound(message("extent_outside", lang, crs=described))
    territory = Territory(
        code=EXTENT_CODE,
        name=extent_name(west, south, east, north, lang),
        source=f"rectangle {described}",
        geometry=geometry,
    )
    problem = extent_problem(prepare_territory(territory, 0.0).area_km2, lang)
    if problem:
        raise TerritoryNotFound(problem)
    return territory


def resolve_territory(
    text: str,
    osm_file: Optional[OsmFile],
    lang: str = "en",
    online_relation: Optional[Callable[[int], Optional[Territory]]] = None,
    online_commune: Optional[Callable[[str], Optional[Territory]]] = None,
) -> Territory:
    """Resolve a TERRITORY string. ``online_*`` are given only on the Overpass path (no local file)."""
    request = parse_territory(text, commune_index(), lang)
    if isinstance(request, RelationRequest):
        rid = request.relation_id
        if osm_file is not None:
            element = osm_file.find_boundary(relation_id=rid)
            if element is not None:
                tags = element.tags
                return Territory(
                    code=tags.get("ref:INSEE") or tags.get("ref") or f"relation-{rid}",
                    name=tags.get("name") or f"relation {rid}",
                    source=f"OSM relation {rid} from {os.path.basename(osm_file.path)}",
                    geometry=element.geometry,
                    french=bool(tags.get("ref:INSEE")),
                )
        bundled = bundled_outline(rid)
        if bundled is not None:
            return bundled
        if osm_file is not None:
            raise TerritoryNotFound(
                f"The OSM relation {rid} is not complete in {os.path.basename(osm_file.path)}. Use an extract that "
                "contains the whole boundary relation (osmium extract --set-bounds / Geofabrik), give the territory "
                "as a polygon layer (TERRITORY_LAYER), or leave the OSM file empty to fetch it from Overpass."
            )
        territory = online_relation(rid) if online_relation else None
        if territory is None:
            raise TerritoryNotFound(
                f"The OSM relation {rid} was not found or is not an area. Check the id on "
                "openstreetmap.org (a boundary or multipolygon relation)."
            )
        return territory

    commune = request.commune
    if osm_file is not None:
        element = osm_file.find_boundary(insee=commune.code)
        if element is None:
            raise TerritoryNotFound(
                f"{commune.label()} has no complete boundary relation (boundary=administrative, admin_level=8, "
                f"ref:INSEE={commune.code}) in {os.path.basename(osm_file.path)}. Use an extract that covers the "
                "whole commune, give its outline as a polygon layer (TERRITORY_LAYER), or leave the OSM file empty "
                "to fetch it online."
            )
        source = f"OSM relation {element.osm_id} from {os.path.basename(osm_file.path)}"
        geometry = element.geometry
    else:
        territory = online_commune(commune.code) if online_commune else None
        if territory is None:
            raise TerritoryNotFound(
                f"No outline was found online for {commune.label()}. Give its outline as a "
                "polygon layer (TERRITORY_LAYER)."
            )
        source, geometry = territory.source, territory.geometry
    return Territory(
        code=commune.code,
        name=commune.name,
        source=source,
        geometry=geometry,
        population=commune.population,
        french=True,
    )


def _union(geometries) -> Optional[ogr.Geometry]:
    result = None
    for geometry in geometries:
        if geometry is None or geometry.IsEmpty():
            continue
        if ogr.GT_Flatten(geometry.GetGeometryType()) not in (ogr.wkbPolygon, ogr.wkbMultiPolygon):
            continue
        if not geometry.IsValid():
            geometry = geometry.Buffer(0)
        result = geometry.Clone() if result is None else result.Union(geometry)
    return result
