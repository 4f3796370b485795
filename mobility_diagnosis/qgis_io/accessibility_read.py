"""A lean reader of territory layers for the accessibility theme.

``TerritoryGpkg.features`` reads every field of every feature by name, which costs more than the whole
network analysis on a town; this reader fetches only what the theme uses, by field index, and yields the
same ``TerritoryFeature`` objects.
"""

from __future__ import annotations

import json
from typing import Iterator, Sequence

from osgeo import ogr

from .territory_gpkg import TerritoryFeature, TerritoryFileError


def features(path: str, layer: str, extra_fields: Sequence[str] = ()) -> Iterator[TerritoryFeature]:
    ds = ogr.Open(path)
    lyr = ds.GetLayerByName(layer) if ds is not None else None
    if lyr is None:
        raise TerritoryFileError(
            f"{path} has no layer {layer!r}. Run “Fetch territory data” again to rebuild it."
        )
    defn = lyr.GetLayerDefn()
    index = {defn.GetFieldDefn(i).GetName(): i for i in range(defn.GetFieldCount())}
    i_type, i_id, i_tags, i_inside = (index.get(k, -1) for k in ("osm_type", "osm_id", "tags", "inside"))
    extra = [(name, index[name]) for name in extra_fields if name in index]
    for feature in lyr:
        text = feature.GetFieldAsString(i_tags) if i_tags >= 0 else ""
        try:
            tags = json.loads(text) if text else {}
        except ValueError:
            tags = {}
        geometry = feature.GetGeometryRef()
        yield TerritoryFeature(
            osm_type=feature.GetFieldAsString(i_type) if i_type >= 0 else "",
            osm_id=feature.GetFieldAsInteger64(i_id) if i_id >= 0 else feature.GetFID(),
            tags=tags,
            inside=bool(feature.GetFieldAsInteger(i_inside)) if i_inside >= 0 else True,
            geometry=geometry.Clone() if geometry is not None else None,
            fields={name: feature.GetField(i) for name, i in extra},
        )
