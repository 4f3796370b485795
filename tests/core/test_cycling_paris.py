"""Facility classes of named Paris streets, checked by hand against their raw OSM tags.

The expected values were written from the tags shown in the comments (read from the files) and the
OSM wiki's meaning of each key, not from the program's output. Tags are read straight from the files
(json for the Overpass reply, OGR for the .osm.pbf) so this test does not depend on fetchterritory.
"""

import json

import pytest
from osgeo import ogr

from mobility_diagnosis.core.cycling.lts import evaluate
from tests.conftest import data_path


def _paris14():
    data = json.loads(data_path("overpass", "paris14_denfert_2022.json").read_text(encoding="utf-8"))
    return {e["id"]: e.get("tags", {}) for e in data["elements"] if e["type"] == "way"}


def _hstore(text):
    """GDAL's other_tags ("k"=>"v",...) as a dict."""
    tags = {}
    for part in (text or "").split('","'):
        if "=>" in part:
            k, v = part.split("=>", 1)
            tags[k.strip('"')] = v.strip('"')
    return tags


def _paris_centre():
    ds = ogr.Open(str(data_path("osm", "paris_centre.osm.pbf")))
    out = {}
    layer = ds.GetLayerByName("lines")
    for f in layer:
        tags = _hstore(f.GetField("other_tags"))
        for key in ("name", "highway"):
            if f.GetField(key):
                tags[key] = f.GetField(key)
        out[int(f.GetField("osm_id"))] = tags
    return out


PARIS14 = [
    # way id, name, left, right, lts, rule
    # oneway=yes, cycleway:right=track, cycleway:left=no, maxspeed=30
    (4261971, "Rue d'Alembert", "none", "track", 1, "s7"),
    # oneway=yes, oneway:bicycle=no, cycleway:left=track + cycleway:left:oneway=-1, residential 30
    (24663738, "Rue d'Alembert", "contraflow_track", "none", 1, "m2"),
    # oneway=yes, oneway:bicycle=no, cycleway=opposite (deprecated: contraflow without marking)
    (4261973, "Rue du Couédic", "contraflow_unmarked", "none", 1, "m2"),
    # cycleway:left=opposite_track on a one-way street
    (901527160, "Rue du Couédic", "contraflow_track", "none", 1, "m2"),
    # cycleway:left=opposite_lane, cycleway:right=no
    (25470414, "Rue de la Tombe Issoire", "contraflow_lane", "none", 1, "m2"),
    # cycleway:left=lane + cycleway:left:oneway=-1 (current tagging of the same thing)
    (32254274, "Rue de la Tombe Issoire", "contraflow_lane", "none", 1, "m2"),
    # primary, oneway, lanes=2, maxspeed=50, cycleway:right=lane: lane beside 2 motor lanes -> c2 (3)
    (41587295, "Avenue du Général Leclerc", "none", "lane", 3, "c2"),
    # two-way primary, lanes=4, maxspeed=50, left share_busway, right track: the busway direction rates
    (677861887, "Avenue du Général Leclerc", "busway", "track", 3, "c2"),
    # two-way primary, lanes=4, maxspeed=30, cycleway=share_busway on both sides, 2 lanes per direction
    (34856653, "Boulevard Raspail", "busway", "busway", 3, "c2"),
    # oneway primary, 50 km/h, cycleway:right=shared_lane (sharrows): mixed traffic, 2 lanes -> m8
    (84678762, "Avenue Denfert-Rochereau", "none", "shared_lane", 3, "m8"),
    # oneway secondary 30, cycleway:right=separate: mapped as its own way; the road is mixed traffic
    (738116004, "Rue Froidevaux", "none", "separate", 2, "m3"),
    # oneway secondary, cycleway:right=track
    (548078046, "Boulevard Arago", "none", "track", 1, "s7"),
    # two-way secondary, lanes=2, maxspeed=30, cycleway:left=lane, right=no: forward is mixed (m3, 2)
    (299741417, "Boulevard Arago", "lane", "none", 2, "m3"),
    # unclassified oneway, oneway:bicycle=yes (no contraflow), 30 km/h, lanes=1
    (185849100, "Rue Leclerc", "none", "none", 2, "m3"),
]


@pytest.fixture(scope="module")
def paris14():
    return _paris14()


@pytest.mark.parametrize(("way", "name", "left", "right", "lts", "rule"), PARIS14)
def test_paris14_named_streets(paris14, way, name, left, right, lts, rule):
    tags = paris14[way]
    assert tags["name"] == name
    result = evaluate(tags, "FR")
    assert (result.facilities.left, result.facilities.right, result.lts, result.rule) == (
        left,
        right,
        lts,
        rule,
    )


def test_paris14_hall_left_lane_with_contraflow_is_read_as_contraflow(paris14):
    # Rue Hallé 25471890: oneway=yes, oneway:bicycle=no, cycleway:left=lane (advisory), no :oneway key.
    result = evaluate(paris14[25471890], "FR")
    assert result.facilities.left == "contraflow_lane"
    assert "assumed a contraflow facility" in result.reason("en")


PARIS_CENTRE = [
    # primary two-way, lanes=4, maxspeed=50, cycleway:left=lane, cycleway:right=share_busway
    (3127158, "Place de la République", "lane", "busway", 3, "c2"),
    # residential oneway 30, cycleway=opposite_lane (bare deprecated value -> the contraflow side)
    (4039306, "Rue Vaucanson", "contraflow_lane", "none", 1, "m2"),
    # residential oneway zone 30, bare cycleway=share_busway on a one-way street -> right side only
    (4039537, "Rue Oberkampf", "none", "busway", 1, "c1"),
    # unclassified oneway 30, cycleway:right=lane, zone:maxspeed=FR:30
    (4574413, "Rue Charlot", "none", "lane", 1, "c1"),
    # living_street, maxspeed=20, oneway, cycleway=opposite
    (4574310, "Rue Geoffroy l'Angevin", "contraflow_unmarked", "none", 1, "m1"),
    # pedestrian street (aire piétonne) with cycleway=opposite: cycling allowed in France
    (4574351, "Rue du Marché des Blancs-Manteaux", "contraflow_unmarked", "none", 1, "s5"),
    # pedestrian street, bicycle=yes, oneway, cycleway=opposite: an aire piétonne, not a shared path
    (18517720, "Rue Rambuteau", "contraflow_unmarked", "none", 1, "s5"),
    # unclassified, cycleway:both=no, maxspeed=30: mixed traffic on a non-local class -> m3
    (4574298, "Rue du Grenier Saint-Lazare", "none", "none", 2, "m3"),
]


@pytest.fixture(scope="module")
def paris_centre():
    return _paris_centre()


@pytest.mark.parametrize(("way", "name", "left", "right", "lts", "rule"), PARIS_CENTRE)
def test_paris_centre_named_streets(paris_centre, way, name, left, right, lts, rule):
    tags = paris_centre[way]
    assert tags["name"] == name
    result = evaluate(tags, "FR")
    assert (result.facilities.left, result.facilities.right, result.lts, result.rule) == (
        left,
        right,
        lts,
        rule,
    )


def test_paris_contraflow_streets_are_mostly_low_stress(paris_centre):
    """Paris centre: one-way zone-30 streets with cycleway=opposite are the dense fabric of
    contraflow (double sens cyclable); every one of them must be rideable both ways at LTS <= 2."""
    contraflow = [
        t for t in paris_centre.values() if t.get("cycleway") == "opposite" and t.get("oneway") == "yes"
    ]
    assert len(contraflow) > 50
    results = [evaluate(t, "FR") for t in contraflow]
    assert all(r.facilities.left == "contraflow_unmarked" for r in results)
    assert sum(r.lts <= 2 for r in results) / len(results) > 0.9
