"""OSM elements as plain data, the common currency of the two data paths.

The Overpass path turns a JSON reply into ``OsmElement`` objects (coordinates in WGS 84,
longitude first); the local-file path reads GDAL features. Both end in the same territory layers
(``core.osm_layers``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence, Union

LonLat = tuple[float, float]
Ring = Sequence[LonLat]
# point: one LonLat; line: a sequence of LonLat; area: a sequence of polygons, each a sequence of rings
# (the first ring of a polygon is its outer ring, the others its holes).
Coords = Union[LonLat, Sequence[LonLat], Sequence[Sequence[Ring]]]


@dataclass(frozen=True)
class OsmElement:
    osm_type: str  # "node" | "way" | "relation"
    osm_id: int
    kind: str  # core.osm_layers.POINT | LINE | AREA
    tags: Mapping[str, str]
    coords: Coords
