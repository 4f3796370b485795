"""The rules several themes share, each stated once: INSEE codes, destinations (with the column saying
which themes use a row) and the union-find."""

import pytest

from mobility_diagnosis.core.destinations import CYCLING, PARKING, destination_kind
from mobility_diagnosis.core.network import UnionFind
from mobility_diagnosis.core.territory import is_insee_code


@pytest.mark.parametrize(
    "code, expected",
    [("06032", True), ("2A004", True), ("2b033", True), (" 75056 ", True), ("97411", True),
     ("98411", True), ("95127", True), ("01001", True),
     ("20004", False),  # Corsica has been 2A/2B since 1976
     ("99138", False), ("00123", False), ("96001", False),  # INSEE's country codes (Monaco) and no département
     ("MC", False), ("7505", False), ("750561", False), ("osm:relation/2220322", False), ("", False),
     (None, False)],
)  # fmt: skip
def test_one_insee_rule(code, expected):
    assert is_insee_code(code) is expected


@pytest.mark.parametrize(
    "tags, parking, cycling",
    [
        ({"amenity": "school"}, "school", "school"),
        ({"amenity": "university"}, "school", "school"),
        ({"railway": "station"}, "station", "station"),
        ({"public_transport": "platform", "train": "yes"}, None, "station"),  # a platform: cycling only
        ({"amenity": "bus_station"}, "station", None),  # bus and ferry stations: parking only
        ({"highway": "bus_stop"}, "stop", None),
        ({"amenity": "townhall"}, "townhall", "townhall"),
        ({"office": "government"}, "public_office", None),
        ({"shop": "bakery"}, "shop", None),  # POI categories: parking only
        ({"amenity": "college"}, "school", "school"),
        ({"leisure": "pitch", "sport": "soccer"}, None, None),
        ({"highway": "residential"}, None, None),
    ],
)
def test_one_destinations_table(tags, parking, cycling):
    assert destination_kind(tags, PARKING) == parking
    assert destination_kind(tags, CYCLING) == cycling


def test_union_find_keeps_the_second_root():
    sets = UnionFind(5)
    sets.union(0, 1)
    sets.union(2, 1)
    sets.union(3, 4)
    assert sets.find(0) == sets.find(2) == 1
    assert sets.find(3) == 4 != sets.find(0)
    sets.union(1, 4)
    assert {sets.find(a) for a in range(5)} == {4}
