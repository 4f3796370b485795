"""Public buildings near stops and schools, for the accessibility theme: Acceslibre's establishments (its API
for a French commune, or its CSV export) placed on the walking network, those within ``NEAR_M`` of a stop or a
school kept with their classes (step-free entrance and path, parking for disabled people), and the theme's
``public_buildings_*`` indicators (docs/accessibility.md, "Public buildings (Acceslibre)").

A source that cannot be had (a territory that is not a French commune asked online, a server refusing, a bad
file) is a warning and "not available" indicators, never a failed theme.
"""

from __future__ import annotations

from typing import List, Tuple

import numpy as np

from ...core.accessibility.acceslibre import Establishment, access_classes, public_building_indicators
from ...i18n import tr
from .. import settings as plugin_settings
from ..gpkg.diagnosis import LayerSpec
from ..gpkg.territory import lonlat_transform
from ..sources.acceslibre_online import API_KEY_SETTING, AcceslibreUnavailable, fetch_commune, read_file
from ..sources.acceslibre_online import DEFAULT_API_URL as ACCESLIBRE_DEFAULT_API_URL
from ..sources.gtfs_online import is_online
from .accessibility_geometry import lonlat_to, point

NEAR_M = 300.0  # walking distance to a stop or a school: the theme's first band (core.accessibility)

PUBLIC_BUILDINGS = LayerSpec(
    "public_buildings_access",
    "Point",
    [
        ("uid", "str"),
        ("name", "str"),
        ("activity", "str"),
        ("address", "str"),
        ("code_insee", "str"),
        ("entrance", "str"),
        ("entrance_reason", "str"),
        ("outside_path", "str"),
        ("outside_path_reason", "str"),
        ("disabled_parking", "str"),
        ("parking_reason", "str"),
        ("entrance_steps", "int"),
        ("dist_stop_m", "float"),
        ("dist_school_m", "float"),
        ("stop_id", "str"),
        ("school_id", "str"),
        ("inside", "bool"),
        ("web_url", "str"),
    ],
)

__all__ = ("ACCESLIBRE_DEFAULT_API_URL", "NEAR_M", "PUBLIC_BUILDINGS", "public_buildings")


def establishments(territory, settings, feedback, lang) -> List[Establishment]:
    """The source's establishments. Raises AcceslibreUnavailable, or Cancelled (core.fetch_errors)."""
    source = settings.acceslibre
    if is_online(source):
        api_url = settings.acceslibre_api_url or ACCESLIBRE_DEFAULT_API_URL
        key = settings.acceslibre_api_key or plugin_settings.plugin_value(API_KEY_SETTING, "", str)
        feedback.pushInfo(tr("Acceslibre: establishments of {} from {} …").format(territory.code, api_url))
        return fetch_commune(territory.code, api_url, api_key=key, feedback=feedback, lang=lang)
    lon0, lon1, lat0, lat1 = _lonlat_box(territory)
    code = (territory.code or "").upper()

    def keep(e: Establishment) -> bool:
        if e.code_insee and e.code_insee.upper() == code:
            return True
        return e.lon is not None and e.lat is not None and lon0 <= e.lon <= lon1 and lat0 <= e.lat <= lat1

    feedback.pushInfo(tr("Acceslibre: reading {} …").format(source))
    return read_file(source, keep, lang=lang)


def _lonlat_box(territory) -> Tuple[float, float, float, float]:
    """The territory and its buffer, as a longitude/latitude box (a coarse filter of a national file)."""
    area = territory.territory_geometry.Buffer(float(territory.about.get("buffer_m") or 0.0))
    x0, x1, y0, y1 = area.GetEnvelope()
    transform = lonlat_transform(territory.srs, to_lonlat=True)
    corners = [transform.TransformPoint(x, y)[:2] for x in (x0, x1) for y in (y0, y1)]
    lons, lats = [c[0] for c in corners], [c[1] for c in corners]
    return min(lons), max(lons), min(lats), max(lats)


def public_buildings(territory, settings, feedback, lang, net, walk_mask, distance_fields, destinations):
    """(rows of public_buildings_access, indicators); nothing at all when no Acceslibre source was given."""
    if not settings.acceslibre:
        return [], []
    try:
        found = establishments(territory, settings, feedback, lang)
    except AcceslibreUnavailable as exc:
        why = str(exc).rstrip(".")
        feedback.pushWarning(tr("Acceslibre not available: {}. The theme continues without it.").format(why))
        return [], public_building_indicators(None, None, NEAR_M, lang, unavailable=why)
    placed = [e for e in found if e.lon is not None and e.lat is not None]
    xy = lonlat_to(territory.srs, [(e.lon, e.lat) for e in placed]).reshape(-1, 2)
    area = territory.territory_geometry.Buffer(float(territory.about.get("buffer_m") or 0.0))
    outline = territory.territory_geometry
    keep = [i for i, (x, y) in enumerate(xy) if area.Contains(point(x, y))]
    placed, xy = [placed[i] for i in keep], xy[keep].reshape(-1, 2)
    snap = net.snap(xy, settings.max_snap, walk_mask)
    dist = {}
    for kind in ("stop", "school"):
        if kind in distance_fields:
            d, src, _ = distance_fields[kind].at_snap(snap)
            dist[kind] = (d, src)
        else:
            dist[kind] = (np.full(len(placed), np.nan), np.full(len(placed), -1))
    rows, entrance, parking = [], [], []
    for i, (e, (x, y)) in enumerate(zip(placed, xy.tolist())):
        d_stop, d_school = dist["stop"][0][i], dist["school"][0][i]
        near = min(np.nan_to_num(d_stop, nan=np.inf), np.nan_to_num(d_school, nan=np.inf)) <= NEAR_M
        if not near:
            continue
        classes = access_classes(e.access, lang)
        inside = outline.Contains(point(x, y))
        if inside:
            entrance.append(classes.entrance)
            parking.append(classes.parking)
        ids = {}
        for kind in ("stop", "school"):
            src = int(dist[kind][1][i])
            ids[kind] = destinations[kind][1][src] if src >= 0 else None
        rows.append(
            (
                point(x, y),
                {
                    "uid": e.uid,
                    "name": e.name,
                    "activity": e.activity,
                    "address": e.address,
                    "code_insee": e.code_insee,
                    "entrance": classes.entrance,
                    "entrance_reason": classes.entrance_reason,
                    "outside_path": classes.path,
                    "outside_path_reason": classes.path_reason,
                    "disabled_parking": classes.parking,
                    "parking_reason": classes.parking_reason,
                    "entrance_steps": e.access.get("entree_marches"),
                    "dist_stop_m": _finite(d_stop),
                    "dist_school_m": _finite(d_school),
                    "stop_id": ids["stop"],
                    "school_id": ids["school"],
                    "inside": inside,
                    "web_url": e.web_url or None,
                },
            )
        )
    feedback.pushInfo(
        tr(
            "Acceslibre: {} establishments read, {} in the territory's area, {} within {:g} m walk of a stop or "
            "a school."
        ).format(len(found), len(placed), len(rows), NEAR_M)  # fmt: skip
    )
    return rows, public_building_indicators(entrance, parking, NEAR_M, lang)


def _finite(value) -> float | None:
    value = float(value)
    return value if np.isfinite(value) else None
