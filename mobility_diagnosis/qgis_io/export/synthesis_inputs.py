"""Read a diagnosis GeoPackage into the plain data of the synthesis (``core.synthesis.SynthesisInputs``).

Each theme's layers are optional: a theme that was not run leaves its part empty (and the beneficiaries
unknown when ``walk_access`` is missing). The geometry work is here, the rules in ``core/synthesis``:
homes near an island, crossings around a school, homes around a destination.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Optional

import numpy as np
from osgeo import ogr

from ...core.indicators import Indicator
from ...core.synthesis.inputs import (
    DESTINATION_AROUND_M,
    GAP_ACCESS_M,
    KERB_OK,
    KERB_UNKNOWN,
    SCHOOL_CATCHMENT_M,
    SCHOOL_CROSSING_M,
    STOP_SERVED_M,
    DestinationInput,
    GapInput,
    SchoolInput,
    SchoolStreetInput,
    StopInput,
    SynthesisInputs,
)
from ..themes.cycling import NON_STREET

OSM_PREFIX = {"node": "n", "way": "w", "relation": "r"}  # walk_access stop_id / school_id: "n123"
EXISTING = "existing_school_street"  # school_street_candidates.reason of a street that already is one


class SynthesisReadError(Exception):
    """The file is not a diagnosis GeoPackage the synthesis can read."""


class _Homes:
    """The origins of walk_access inside the territory: where they are and what each one weighs."""

    def __init__(self, layer: Optional[ogr.Layer]):
        self.xy = np.zeros((0, 2))
        self.weight = np.zeros(0)
        self.unit: Optional[str] = None
        self.school: list[tuple[str, Optional[float]]] = []
        self.stop: list[tuple[str, Optional[float]]] = []
        if layer is None:
            return
        xy, pop = [], []
        for f in layer:
            if not _get(f, "inside"):
                continue
            c = f.GetGeometryRef().Centroid()
            xy.append((c.GetX(), c.GetY()))
            pop.append(_get(f, "population"))
            self.school.append((_get(f, "school_id") or "", _get(f, "dist_school_m")))
            self.stop.append((_get(f, "stop_id") or "", _get(f, "dist_stop_m")))
        self.xy = np.array(xy, dtype=float).reshape(-1, 2)
        by_population = any(p is not None for p in pop)
        self.unit = "residents" if by_population else "buildings"
        self.weight = np.array([(p or 0.0) if by_population else 1.0 for p in pop], dtype=float)

    @property
    def known(self) -> bool:
        return self.unit is not None

    def near(self, geom: ogr.Geometry, radius: float) -> Optional[float]:
        """Weight of the homes within ``radius`` of ``geom`` (crow-fly)."""
        if not self.known:
            return None
        return float(self.weight[_within(self.xy, geom, radius)].sum())

    def around(self, x: float, y: float, radius: float) -> Optional[float]:
        if not self.known:
            return None
        d2 = ((self.xy - (x, y)) ** 2).sum(axis=1)
        return float(self.weight[d2 <= radius * radius].sum())

    def nearest_is(self, pairs: list[tuple[str, Optional[float]]], ref: str, limit: float) -> Optional[float]:
        """Weight of the homes whose nearest stop (school) is ``ref``, within ``limit`` on foot."""
        if not self.known:
            return None
        mask = np.array([r == ref and d is not None and d <= limit for r, d in pairs], dtype=bool)
        return float(self.weight[mask].sum()) if len(mask) else 0.0


def _within(xy: np.ndarray, geom: ogr.Geometry, radius: float) -> np.ndarray:
    """Mask of the points within ``radius`` of ``geom``: a bounding-box cut, then OGR's exact distance."""
    mask = np.zeros(len(xy), dtype=bool)
    if not len(xy):
        return mask
    minx, maxx, miny, maxy = geom.GetEnvelope()
    box = (
        (xy[:, 0] >= minx - radius) & (xy[:, 0] <= maxx + radius)
        & (xy[:, 1] >= miny - radius) & (xy[:, 1] <= maxy + radius)
    )  # fmt: skip
    point = ogr.Geometry(ogr.wkbPoint)
    for i in np.flatnonzero(box):
        point.SetPoint_2D(0, float(xy[i, 0]), float(xy[i, 1]))
        mask[i] = geom.Distance(point) <= radius
    return mask


def _ref(osm_type: Optional[str], osm_id: int) -> str:
    return f"{OSM_PREFIX.get(osm_type or 'node', 'n')}{osm_id}"


def _ids(text: Optional[str]) -> tuple[int, ...]:
    return tuple(int(t) for t in (text or "").split(",") if t.strip().lstrip("-").isdigit())


def _layer(ds, name: str) -> Optional[ogr.Layer]:
    layer = ds.GetLayerByName(name)
    if layer is not None:
        layer.ResetReading()
    return layer


def _get(feature: ogr.Feature, name: str):
    """A field's value, or None when the layer has no such field (a diagnosis written by an older version
    or by a single theme): unknown, as a missing value is."""
    index = feature.GetFieldIndex(name)
    return feature.GetField(index) if index >= 0 else None


def _points(layer: Optional[ogr.Layer], *fields: str) -> list[tuple]:
    if layer is None:
        return []
    out = []
    for f in layer:
        g = f.GetGeometryRef()
        p = g.Centroid() if g is not None else None
        out.append((None if p is None else (p.GetX(), p.GetY()), *(_get(f, n) for n in fields)))
    return out


def read_indicators(ds) -> tuple[Indicator, ...]:
    layer = _layer(ds, "indicators")
    if layer is None:
        return ()
    return tuple(
        Indicator(_get(f, "theme"), _get(f, "indicator"), _get(f, "label") or "", _get(f, "value"),
                  _get(f, "unit") or "")
        for f in layer
    )  # fmt: skip


def _gaps(ds, homes: _Homes) -> tuple[GapInput, ...]:
    gaps_layer = _layer(ds, "cycling_gaps")
    if gaps_layer is None:
        return ()
    islands = {}
    layer = _layer(ds, "cycling_islands")
    for f in layer or ():
        islands[_get(f, "island_id")] = (_get(f, "length_m"), f.GetGeometryRef().Clone())
    segments: dict[int, list[tuple[str, int, Optional[float], str]]] = {}
    for f in _layer(ds, "cycling_segments") or ():
        segments.setdefault(_get(f, "osm_id"), []).append(
            (
                _get(f, "name") or "",
                _get(f, "lts") or 0,
                _get(f, "speed_kmh"),
                _get(f, "highway") or "",
            )
        )
    targets = [
        (xy, 1) for xy, *_ in _points(_layer(ds, "school_diagnosis")) + _points(_layer(ds, "stop_access"))
        if xy is not None
    ]  # fmt: skip
    target_xy = np.array([t[0] for t in targets], dtype=float).reshape(-1, 2)
    out = []
    for f in gaps_layer:
        ids = _ids(_get(f, "osm_ids"))
        parts = [s for i in ids for s in segments.get(i, ())]
        stressful = [s for s in parts if s[1] >= 3] or parts
        speeds = [s[2] for s in stressful if s[2] is not None]
        a, b = _get(f, "island_a"), _get(f, "island_b")
        kind = _get(f, "kind") or "islands"
        a_m, a_geom = islands.get(a, (None, None))
        b_m, b_geom = islands.get(b, (None, None))
        if kind == "destination":
            gainer, reached = a_geom, None
        else:  # the smaller island gains access to the larger (docs/cycling.md ranks gaps by it)
            gainer, reached = (a_geom, b_geom) if (a_m or 0.0) <= (b_m or 0.0) else (b_geom, a_geom)
        residents = homes.near(gainer, GAP_ACCESS_M) if gainer is not None else None
        destinations = int(_within(target_xy, reached, GAP_ACCESS_M).sum()) if reached is not None else None
        out.append(
            GapInput(
                gap_id=_get(f, "gap_id"),
                kind=kind,
                length_m=_get(f, "length_m") or 0.0,
                high_stress_m=_get(f, "high_stress_m") or 0.0,
                island_a=a,
                island_a_m=a_m,
                island_b=b,
                island_b_m=b_m,
                destination=_get(f, "destination") or "",
                destination_kind=_get(f, "destination_kind") or "",
                streets=tuple(dict.fromkeys(s[0] for s in parts if s[0])),
                max_speed_kmh=max(speeds) if speeds else None,
                highways=tuple(dict.fromkeys(s[3] for s in stressful if s[3])),
                residents=residents,
                destinations=destinations if kind != "destination" else 1,
                osm_ids=ids,
            )  # fmt: skip
        )
    return tuple(out)


def _schools(ds, homes: _Homes) -> tuple[SchoolInput, ...]:
    layer = _layer(ds, "school_diagnosis")
    if layer is None:
        return ()
    streets: dict[int, list[SchoolStreetInput]] = {}
    for f in _layer(ds, "school_street_candidates") or ():
        if _get(f, "reason") == EXISTING:
            continue
        g = f.GetGeometryRef()
        streets.setdefault(_get(f, "school_osm_id"), []).append(
            SchoolStreetInput(_get(f, "osm_id"), _get(f, "name") or "", g.Length() if g else 0.0,
                              _get(f, "reason") or "")
        )  # fmt: skip
    crossings = [
        (xy, osm_id, kerb or KERB_UNKNOWN)
        for xy, osm_id, kerb in _points(_layer(ds, "crossing_access"), "osm_id", "kerb")
        if xy is not None
    ]
    cross_xy = np.array([c[0] for c in crossings], dtype=float).reshape(-1, 2)
    out = []
    for f in layer:
        osm_type, osm_id = _get(f, "osm_type"), _get(f, "osm_id")
        p = f.GetGeometryRef()
        near: list[tuple] = []
        if p is not None and len(cross_xy):
            d2 = ((cross_xy - (p.GetX(), p.GetY())) ** 2).sum(axis=1)
            near = [crossings[i] for i in np.flatnonzero(d2 <= SCHOOL_CROSSING_M**2)]
        near.sort(key=lambda c: c[1])
        bike = _get(f, "bike_parking_count")
        out.append(
            SchoolInput(
                osm_type=osm_type or "node",
                osm_id=osm_id,
                name=_get(f, "name") or "",
                score=_get(f, "score"),
                main_gap_code=_get(f, "main_gap_code") or "none",
                calm_share=_get(f, "calm_share"),
                cycle_low_stress_share=_get(f, "cycle_low_stress_share"),
                bike_parking_count=bike,
                catchment=homes.nearest_is(homes.school, _ref(osm_type, osm_id), SCHOOL_CATCHMENT_M),
                streets=tuple(streets.get(osm_id, ())),
                crossings_ok=tuple(c[1] for c in near if c[2] in KERB_OK),
                crossings_to_fix=tuple(c[1] for c in near if c[2] not in KERB_OK and c[2] != KERB_UNKNOWN),
                crossings_unknown=tuple(c[1] for c in near if c[2] == KERB_UNKNOWN),
            )  # fmt: skip
        )
    return tuple(out)


def _stops(ds, homes: _Homes) -> tuple[StopInput, ...]:
    layer = _layer(ds, "stop_access")
    if layer is None:
        return ()
    return tuple(
        StopInput(
            _get(f, "osm_type") or "node", _get(f, "osm_id"), _get(f, "name") or "",
            _get(f, "wheelchair") or "unknown",
            homes.nearest_is(homes.stop, _ref(_get(f, "osm_type"), _get(f, "osm_id")), STOP_SERVED_M),
        )
        for f in layer
        if _get(f, "inside")
    )  # fmt: skip


def _destinations(ds, homes: _Homes) -> tuple[DestinationInput, ...]:
    out = []
    fields = ("osm_type", "osm_id", "destination_kind", "destination", "nearest_bike_parking_m")
    for xy, osm_type, osm_id, kind, label, nearest in _points(_layer(ds, "bike_parking_gaps"), *fields):
        # the label is "<kind in words>: <name>" (parking theme); the name is what follows
        name = label.split(": ", 1)[1] if label and ": " in label else ""
        around = homes.around(xy[0], xy[1], DESTINATION_AROUND_M) if xy is not None else None
        out.append(DestinationInput(osm_type or "node", osm_id, kind or "", name, nearest, around))
    return tuple(out)


def _count(layer: Optional[ogr.Layer], keep) -> Optional[float]:
    if layer is None:
        return None
    return float(sum(1 for f in layer if keep(f)))


def _street_km(layer: Optional[ogr.Layer]) -> Optional[float]:
    """The denominator of the cycling shares: ways inside the territory, open to motor traffic, where
    cycling is allowed (core/cycling/indicators.py)."""
    if layer is None:
        return None
    metres = sum(
        f.GetGeometryRef().Length()
        for f in layer
        if _get(f, "inside") and (_get(f, "lts") or 0) > 0 and _get(f, "highway") not in NON_STREET
    )
    return metres / 1000.0


def _counts(ds, indicators: Iterable[Indicator], homes: _Homes, n_gaps: int) -> dict[str, float]:
    """Denominators of the shares (the same features the themes counted: those inside the territory)
    and the counts of what mappers could add."""
    inside = lambda f: bool(_get(f, "inside"))  # noqa: E731
    counts = {
        "stops": _count(_layer(ds, "stop_access"), inside),
        "stops_wheelchair_unknown": _count(
            _layer(ds, "stop_access"), lambda f: inside(f) and (_get(f, "wheelchair") or "unknown") == "unknown"
        ),
        "crossings": _count(_layer(ds, "crossing_access"), inside),
        "crossings_kerb_unknown": _count(
            _layer(ds, "crossing_access"), lambda f: inside(f) and (_get(f, "kerb") or KERB_UNKNOWN) == KERB_UNKNOWN
        ),
        "homes": float(homes.weight.sum()) if homes.known else None,
        "street_km": _street_km(_layer(ds, "cycling_segments")),
    }  # fmt: skip
    # destinations: the parking theme's count (its share's denominator); from a diagnosis made before it was
    # written, those without bike parking (the gaps layer) over the share of those without
    values = {(i.theme, i.indicator): i.value for i in indicators}
    share = values.get(("parking", "destinations_with_bike_parking_share"))
    if values.get(("parking", "destinations")) is not None:
        counts["destinations"] = float(values[("parking", "destinations")])
    elif _layer(ds, "bike_parking_gaps") is not None and share is not None and share < 100.0:
        counts["destinations"] = float(round(n_gaps / (1.0 - share / 100.0)))
    return {k: v for k, v in counts.items() if v is not None}


def read_synthesis_inputs(path: str) -> SynthesisInputs:
    """Everything the synthesis needs from the diagnosis GeoPackage ``path``."""
    if not Path(path).is_file():
        raise SynthesisReadError(f"{path} does not exist: give the diagnosis.gpkg that the themes wrote")
    ds = ogr.Open(str(path))
    if ds is None or ds.GetLayerByName("indicators") is None:
        raise SynthesisReadError(
            f"{path} is not a diagnosis GeoPackage (no indicators table): run a theme or diagnose first"
        )
    indicators = read_indicators(ds)
    homes = _Homes(_layer(ds, "walk_access"))
    destinations = _destinations(ds, homes)
    return SynthesisInputs(
        indicators=indicators,
        gaps=_gaps(ds, homes),
        schools=_schools(ds, homes),
        stops=_stops(ds, homes),
        destinations=destinations,
        home_unit=homes.unit,
        counts=_counts(ds, indicators, homes, len(destinations)),
    )
