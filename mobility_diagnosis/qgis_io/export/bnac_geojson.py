"""Writer of the national cycle-facility file (BNAC, ``amenagements_cyclables.geojson``): WGS84
GeoJSON, one feature per way with a facility, properties from core.cycling.bnac. Atomic."""

from __future__ import annotations

import json
from typing import Iterable, Optional

from osgeo import osr

from ...core.cycling.bnac import bnac_properties, is_exported
from ...core.cycling.facilities import Facilities
from ..atomic import atomic_path
from ..gpkg.territory import lonlat_transform


def bnac_features(
    rows: Iterable[tuple], crs_wkt: str, commune_code: str, date_maj: Optional[str] = None
) -> list:
    """rows: (ogr line in the metric CRS, osm_type, osm_id, tags, Facilities, speed km/h or None)."""
    source = osr.SpatialReference()
    source.ImportFromWkt(crs_wkt)
    source.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    transform = lonlat_transform(source, to_lonlat=True)
    features = []
    for geometry, osm_type, osm_id, tags, facilities, speed in rows:
        facilities: Facilities
        if not is_exported(facilities.left, facilities.right) or geometry is None:
            continue
        g = geometry.Clone()
        g.Transform(transform)
        coords = [[round(x, 7), round(y, 7)] for x, y, *_ in g.GetPoints()]
        features.append({
            "type": "Feature",
            "geometry": {"type": "LineString", "coordinates": coords},
            "properties": bnac_properties(osm_type=osm_type, osm_id=osm_id, tags=tags, facilities=facilities,
                                          speed_kmh=speed, commune_code=commune_code, date_maj=date_maj),
        })  # fmt: skip
    return features


def write_bnac(path: str, features: list) -> int:
    with atomic_path(path, suffix=".geojson") as tmp, open(tmp, "w", encoding="utf-8") as out:
        json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False)
    return len(features)
