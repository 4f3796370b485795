"""Speed parsing and defaults: every row from the OSM wiki (Key:maxspeed, implicit values, zone:maxspeed)
and the Code de la route (R413-2, R110-2)."""

import pytest

from mobility_diagnosis.core.speeds import country_of, has_speed_tag, parse_maxspeed, street_speed

PARSE = [
    # value, km/h (None = no number), kind
    ("50", 50, "tag"),
    ("30", 30, "tag"),
    (" 70 ", 70, "tag"),
    ("50 km/h", 50, "tag"),
    ("20 mph", 20 * 1.609344, "tag_mph"),
    ("30mph", 30 * 1.609344, "tag_mph"),
    ("FR:urban", 50, "tag_implicit"),
    ("FR:rural", 80, "tag_implicit"),
    ("FR:zone30", 30, "tag_implicit"),
    ("FR:walk", 5, "tag_implicit"),
    ("fr:zone30", 30, "tag_implicit"),  # case typo
    ("DE:zone30", 30, "tag_implicit"),
    ("DE:urban", 50, "tag_implicit"),
    ("walk", 5, "tag_implicit"),
    ("30;50", 50, "tag_multiple"),  # several values: the highest (conservative for stress)
    ("signals", None, "maxspeed_signals"),
    ("national", None, "maxspeed_national"),
    ("none", None, "maxspeed_none"),
    ("5O", None, "invalid"),  # letter O typed for a zero
    ("fifty", None, "invalid"),
    ("0", None, "invalid"),
    ("", None, "invalid"),
]


@pytest.mark.parametrize(("value", "kmh", "kind"), PARSE)
def test_parse_maxspeed(value, kmh, kind):
    got, got_kind = parse_maxspeed(value)
    assert got_kind == kind
    if kmh is None:
        assert got is None
    else:
        assert got == pytest.approx(kmh)


STREETS = [
    # tags, country, km/h, assumed, words expected in the English reason
    ({"highway": "residential", "maxspeed": "30"}, "FR", 30, False, "maxspeed=30"),
    ({"highway": "residential"}, "FR", 50, True, "no maxspeed tag: assumed 50 km/h (urban default"),
    ({"highway": "primary"}, "FR", 80, True, "assumed 80 km/h (rural default for highway=primary)"),
    ({"highway": "primary_link"}, "FR", 80, True, "highway=primary_link"),
    ({"highway": "motorway"}, "default", 120, True, "motorway"),
    ({"highway": "residential", "zone:maxspeed": "FR:30"}, "FR", 30, False, "zone:maxspeed=FR:30"),
    ({"highway": "residential", "maxspeed:type": "FR:zone30"}, "FR", 30, False, "maxspeed:type"),
    ({"highway": "residential", "source:maxspeed": "FR:zone30"}, "FR", 30, False, "source:maxspeed"),
    ({"highway": "residential", "maxspeed": "30", "zone:maxspeed": "FR:50"}, "FR", 30, False, "maxspeed=30"),
    ({"highway": "living_street"}, "FR", 20, False, "zone de rencontre"),
    ({"highway": "living_street", "maxspeed": "10"}, "FR", 10, False, "maxspeed=10"),
    ({"highway": "pedestrian"}, "FR", 5, False, "walking pace"),
    ({"highway": "tertiary", "maxspeed": "signals"}, "FR", 50, True, "variable limit"),
    ({"highway": "tertiary", "maxspeed": "5O"}, "FR", 50, True, "maxspeed=5O not understood"),
    ({"highway": "secondary", "maxspeed": "none"}, "default", 80, True, "no legal limit"),
    ({"highway": "primary", "maxspeed": "national"}, "FR", 80, True, "maxspeed=national: assumed 80 km/h"),
    ({"highway": "secondary", "maxspeed:forward": "50", "maxspeed:backward": "70"}, "FR", 70, False, "70"),
    ({"highway": "service"}, "FR", 30, True, "service road"),
    ({"highway": "unknownclass"}, "FR", 50, True, "urban"),
]


@pytest.mark.parametrize(("tags", "country", "kmh", "assumed", "words"), STREETS)
def test_street_speed(tags, country, kmh, assumed, words):
    speed = street_speed(tags, country)
    assert speed.kmh == pytest.approx(kmh)
    assert speed.assumed is assumed
    assert words in speed.reason("en")


def test_reason_in_french_names_the_default():
    text = street_speed({"highway": "residential"}, "FR").reason("fr")
    assert text == (
        "pas de tag maxspeed : 50 km/h supposés (valeur par défaut en agglomération pour "
        "highway=residential)"
    )


def test_has_speed_tag():
    assert has_speed_tag({"maxspeed": "30"})
    assert has_speed_tag({"zone:maxspeed": "FR:30"})
    assert not has_speed_tag({"highway": "residential", "lanes": "2"})


@pytest.mark.parametrize(
    ("code", "epsg", "country"),
    [("35238", 2154, "FR"), ("2A004", None, "FR"), ("MC", 2154, "FR"), ("08221000", 32632, "default"),
     ("", None, "default"), ("97411", 2975, "FR")],
)  # fmt: skip
def test_country_of_a_territory(code, epsg, country):
    assert country_of(code, epsg) == country
