"""OGR ↔ numpy for the accessibility theme: street polylines in, catchment lines out (WKB built with
numpy, so that tens of thousands of pieces cost milliseconds)."""

from __future__ import annotations

import struct
from typing import Iterable, List, Optional, Sequence, Tuple

import numpy as np
from osgeo import ogr, osr

from ..gpkg.bulk import WkbGeometry
from ..gpkg.territory import line_xy, lonlat_transform


def line_parts(geometry: Optional[ogr.Geometry]) -> List[np.ndarray]:
    """The polylines of a (multi)line geometry as (n, 2) arrays; nothing for other geometries."""
    if geometry is None or geometry.IsEmpty():
        return []
    kind = ogr.GT_Flatten(geometry.GetGeometryType())
    if kind == ogr.wkbLineString:
        return [line_xy(geometry)]
    if kind in (ogr.wkbMultiLineString, ogr.wkbGeometryCollection):
        out = []
        for i in range(geometry.GetGeometryCount()):
            out += line_parts(geometry.GetGeometryRef(i))
        return out
    if kind in (ogr.wkbPolygon, ogr.wkbMultiPolygon):  # pedestrian areas: walk along their outline
        return line_parts(geometry.GetBoundary())
    return []


def representative_point(geometry: Optional[ogr.Geometry]) -> Tuple[float, float]:
    """A point for an origin or destination: the point itself, else a point on the surface."""
    if geometry is None or geometry.IsEmpty():
        return float("nan"), float("nan")
    kind = ogr.GT_Flatten(geometry.GetGeometryType())
    if kind == ogr.wkbPoint:
        return geometry.GetX(), geometry.GetY()
    point = geometry.PointOnSurface() if kind in (ogr.wkbPolygon, ogr.wkbMultiPolygon) else None
    if point is None or point.IsEmpty():
        point = geometry.Centroid()
    return point.GetX(), point.GetY()


def multilinestring(parts: Sequence[np.ndarray]) -> WkbGeometry:
    """A MultiLineString from polylines (one at least), as little-endian WKB with its envelope (written as
    is by gpkg.bulk: 1,500 catchments of Heidelberg are 3.7 MB of coordinates)."""
    if not parts:
        raise ValueError("a catchment has one polyline at least")
    chunks = [struct.pack("<BII", 1, 5, len(parts))]
    for part in parts:
        coords = np.ascontiguousarray(part, dtype="<f8")
        chunks.append(struct.pack("<BII", 1, 2, len(coords)))
        chunks.append(coords.tobytes())
    xy = np.concatenate(parts)
    low, high = xy.min(axis=0), xy.max(axis=0)
    return WkbGeometry(b"".join(chunks), (float(low[0]), float(high[0]), float(low[1]), float(high[1])))


def point(x: float, y: float) -> ogr.Geometry:
    g = ogr.Geometry(ogr.wkbPoint)
    g.AddPoint_2D(float(x), float(y))
    return g


def lonlat_to(srs: osr.SpatialReference, lonlat: Iterable[Tuple[float, float]]) -> np.ndarray:
    """WGS 84 longitude/latitude to the territory's metric CRS (NaN stays NaN)."""
    transform = lonlat_transform(srs)
    pts = np.asarray(list(lonlat), dtype=float).reshape(-1, 2)
    out = np.full_like(pts, np.nan)
    ok = np.isfinite(pts).all(axis=1)
    if ok.any():
        res = np.asarray(transform.TransformPoints(pts[ok].tolist()), dtype=float)
        out[ok] = res[:, :2]
    return out
