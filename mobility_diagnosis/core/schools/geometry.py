"""Plane geometry of the school figures, vectorised with numpy: lengths within a disc, clipping,
point and polyline distances, street bounding boxes."""

from __future__ import annotations

import math
from typing import Sequence

import numpy as np

from .model import School, Street


def _segments(streets: Sequence[Street]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every segment of every street, flat: start points, end points, street index (one vectorised pass)."""
    arrays = [np.asarray(s.coords, dtype=float).reshape(-1, 2) for s in streets]
    counts = np.array([len(a) for a in arrays], dtype=np.int64)
    if not len(arrays) or not counts.sum():
        return np.zeros((0, 2)), np.zeros((0, 2)), np.zeros(0, dtype=np.int64)
    flat = np.vstack(arrays)
    ends = np.cumsum(counts)
    filled = counts > 0
    last = np.zeros(len(flat), dtype=bool)
    last[ends[filled] - 1] = True  # a segment starts anywhere but at a street's last vertex
    first = np.zeros(len(flat), dtype=bool)
    first[(ends - counts)[filled]] = True  # … and ends anywhere but at its first
    street = np.repeat(np.arange(len(arrays), dtype=np.int64), counts)
    return flat[~last], flat[~first], street[~last]


def street_bboxes(streets: Sequence[Street]) -> np.ndarray:
    """Per street: xmin, ymin, xmax, ymax (inf for a street without vertices), in one vectorised pass."""
    arrays = [np.asarray(s.coords, dtype=float).reshape(-1, 2) for s in streets]
    boxes = np.full((len(arrays), 4), math.inf)
    counts = np.array([len(a) for a in arrays], dtype=np.int64)
    filled = np.flatnonzero(counts)
    if len(filled):
        flat = np.vstack([arrays[i] for i in filled])
        starts = np.concatenate([[0], np.cumsum(counts[filled])[:-1]])
        boxes[filled, :2] = np.minimum.reduceat(flat, starts, axis=0)
        boxes[filled, 2:] = np.maximum.reduceat(flat, starts, axis=0)
    return boxes


def streets_near(bbox: np.ndarray, center: tuple[float, float], radius: float) -> list[int]:
    x, y = center
    dx = np.maximum(np.maximum(bbox[:, 0] - x, x - bbox[:, 2]), 0.0)
    dy = np.maximum(np.maximum(bbox[:, 1] - y, y - bbox[:, 3]), 0.0)
    return np.flatnonzero(np.hypot(dx, dy) <= radius).tolist()


def length_within_disc(coords: np.ndarray, center: tuple[float, float], radius: float) -> float:
    """Exact length of a polyline inside a disc (segment-circle intersection)."""
    pts = np.asarray(coords, dtype=float).reshape(-1, 2)
    if len(pts) < 2:
        return 0.0
    return float(_segment_lengths_in_disc(pts[:-1], pts[1:], center, radius).sum())


def _segment_lengths_in_disc(
    a: np.ndarray, b: np.ndarray, center: tuple[float, float], radius: float
) -> np.ndarray:
    a = a - np.asarray(center, dtype=float)
    b = b - np.asarray(center, dtype=float)
    d = b - a
    qa = (d * d).sum(axis=1)
    qb = 2 * (a * d).sum(axis=1)
    qc = (a * a).sum(axis=1) - radius * radius
    disc = qb * qb - 4 * qa * qc
    ok = (qa > 0) & (disc > 0)
    root = np.sqrt(np.where(ok, disc, 0.0))
    safe = np.where(qa > 0, qa, 1.0)
    t1 = np.clip((-qb - root) / (2 * safe), 0.0, 1.0)
    t2 = np.clip((-qb + root) / (2 * safe), 0.0, 1.0)
    inside = np.where(ok, t2 - t1, 0.0)
    return inside * np.sqrt(qa)


def clip_to_disc(coords: np.ndarray, center: tuple[float, float], radius: float) -> list[np.ndarray]:
    """Pieces of a polyline inside a disc, in order (for drawing candidates)."""
    pts = np.asarray(coords, dtype=float).reshape(-1, 2)
    c = np.asarray(center, dtype=float)
    pieces: list[np.ndarray] = []
    current: list[np.ndarray] = []
    for a, b in zip(pts[:-1], pts[1:]):
        d = b - a
        qa = float(d @ d)
        qb = 2 * float((a - c) @ d)
        qc = float((a - c) @ (a - c)) - radius * radius
        disc = qb * qb - 4 * qa * qc
        if qa == 0 or disc <= 0:
            continue
        r = math.sqrt(disc)
        t1, t2 = max(0.0, (-qb - r) / (2 * qa)), min(1.0, (-qb + r) / (2 * qa))
        if t1 >= t2:
            if current:
                pieces.append(np.array(current))
                current = []
            continue
        p1, p2 = a + d * t1, a + d * t2
        if current and np.allclose(current[-1], p1):
            current.append(p2)
        else:
            if current:
                pieces.append(np.array(current))
            current = [p1, p2]
        if t2 < 1.0:
            pieces.append(np.array(current))
            current = []
    if current:
        pieces.append(np.array(current))
    return [p for p in pieces if len(p) >= 2]


def point_polyline_distance(point: tuple[float, float], coords: np.ndarray) -> float:
    pts = np.asarray(coords, dtype=float).reshape(-1, 2)
    p = np.asarray(point, dtype=float)
    if len(pts) == 1:
        return float(np.hypot(*(pts[0] - p)))
    a, b = pts[:-1], pts[1:]
    d = b - a
    len2 = (d * d).sum(axis=1)
    t = np.clip(((p - a) * d).sum(axis=1) / np.where(len2 > 0, len2, 1.0), 0.0, 1.0)
    proj = a + d * t[:, None]
    return float(np.hypot(*(proj - p).T).min())


def _inside_rings(point: tuple[float, float], rings: Sequence[np.ndarray]) -> bool:
    """Even-odd rule over every ring (outer rings and holes alike)."""
    x, y = point
    inside = False
    for ring in rings:
        r = np.asarray(ring, dtype=float)
        xi, yi, xj, yj = r[:-1, 0], r[:-1, 1], r[1:, 0], r[1:, 1]
        crosses = ((yi > y) != (yj > y)) & (x < (xj - xi) * (y - yi) / np.where(yj != yi, yj - yi, 1.0) + xi)
        inside ^= bool(np.count_nonzero(crosses) % 2)
    return inside


def distance_to_school(point: tuple[float, float], school: School) -> float:
    """Metres from a point to the school grounds (0 inside), or to the school point without grounds."""
    if school.rings:
        if _inside_rings(point, school.rings):
            return 0.0
        return min(point_polyline_distance(point, ring) for ring in school.rings)
    return float(math.hypot(point[0] - school.x, point[1] - school.y))


def polyline_distance(a: np.ndarray, b: np.ndarray) -> float:
    """Smallest distance between two polylines (vertex-to-segment both ways; exact unless they cross)."""
    pa, pb = np.asarray(a, dtype=float).reshape(-1, 2), np.asarray(b, dtype=float).reshape(-1, 2)
    return min(_points_to_polyline(pa, pb), _points_to_polyline(pb, pa))


def _points_to_polyline(points: np.ndarray, coords: np.ndarray) -> float:
    if len(coords) == 1:
        return float(np.hypot(*(points - coords[0]).T).min())
    a, d = coords[:-1], coords[1:] - coords[:-1]
    len2 = np.where((d * d).sum(axis=1) > 0, (d * d).sum(axis=1), 1.0)
    rel = points[:, None, :] - a[None, :, :]  # (P, S, 2)
    t = np.clip((rel * d[None]).sum(axis=2) / len2[None], 0.0, 1.0)
    gap = rel - t[..., None] * d[None]
    return float(np.sqrt((gap * gap).sum(axis=2)).min())
