"""The user's default speeds by road class (dock settings): they replace the built-in default only where
no tag gives the speed, the reason names the setting, and the LTS follows."""

import pytest

from mobility_diagnosis.core.cycling.lts import evaluate
from mobility_diagnosis.core.speeds import default_speed, overrides_key, street_speed

MINE = (("living_street", 15.0), ("primary", 70.0), ("residential", 30.0))

# tags, km/h with MINE, assumed, words in the English reason
OVERRIDDEN = [
    (
        {"highway": "residential"},
        30,
        True,
        "no maxspeed tag: assumed 30 km/h (your setting for highway=residential)",
    ),
    ({"highway": "residential", "maxspeed": "50"}, 50, False, "maxspeed=50"),  # a tag always wins
    ({"highway": "residential", "zone:maxspeed": "FR:30"}, 30, False, "zone:maxspeed=FR:30"),
    (
        {"highway": "residential", "maxspeed": "5O"},
        30,
        True,
        "maxspeed=5O not understood: assumed 30 km/h (your",
    ),
    ({"highway": "primary_link"}, 70, True, "your setting for highway=primary_link"),  # links follow parents
    ({"highway": "primary", "maxspeed": "national"}, 70, True, "maxspeed=national: assumed 70 km/h (your"),
    ({"highway": "living_street"}, 15, False, "highway=living_street: 15 km/h (your setting"),
    ({"highway": "tertiary"}, 50, True, "urban default for highway=tertiary"),  # not overridden: built-in
    ({"highway": "secondary"}, 80, True, "rural default"),
]


@pytest.mark.parametrize(("tags", "kmh", "assumed", "words"), OVERRIDDEN)
def test_override_applies_only_without_a_tag(tags, kmh, assumed, words):
    speed = street_speed(tags, "FR", MINE)
    assert speed.kmh == pytest.approx(kmh)
    assert speed.assumed is assumed
    assert words in speed.reason("en")


def test_reason_in_french_names_the_setting():
    text = street_speed({"highway": "residential"}, "FR", {"residential": 30}).reason("fr")
    assert text == "pas de tag maxspeed : 30 km/h supposés (votre réglage pour highway=residential)"


def test_no_override_keeps_the_built_in_table():
    assert default_speed("residential", "FR") == (50, "urban")
    assert default_speed("residential", "FR", ()) == (50, "urban")
    assert default_speed("residential", "FR", {"primary": 70}) == (50, "urban")
    assert default_speed("residential", "FR", {"residential": 30}) == (30.0, "user_setting")


def test_overrides_key_is_sorted_hashable_and_drops_unset():
    key = overrides_key({"residential": 30, "primary": 70, "service": 0})
    assert key == (("primary", 70.0), ("residential", 30.0))
    assert hash(key) == hash(overrides_key([("residential", 30.0), ("primary", 70)]))


# tags, LTS without override, LTS with residential at 30 km/h
LTS_ROWS = [
    ({"highway": "residential"}, 2, 1),  # m7 (50 km/h local) -> m2 (zone 30 local)
    ({"highway": "residential", "maxspeed": "50"}, 2, 2),  # tagged: the setting does not apply
    ({"highway": "tertiary"}, 3, 3),  # another class: unchanged
]


@pytest.mark.parametrize(("tags", "before", "after"), LTS_ROWS)
def test_lts_follows_the_override(tags, before, after):
    assert evaluate(tags, "FR").lts == before
    rated = evaluate(tags, "FR", {"residential": 30})
    assert rated.lts == after
    # the memo keys on the overrides: asking again without them gives the built-in answer back
    assert evaluate(tags, "FR").lts == before
    if before != after:
        assert "your setting for highway=residential" in rated.reason("en")
