"""Facilities per side and Level of Traffic Stress, as a table.

Expected values come from the method (docs/cycling.md: Mekuria-Furth tables in km/h, BikeOttawa
thresholds, French conventions) and the OSM wiki's meaning of each tag, worked out by hand row by row.
Columns: tags, left facility, right facility, LTS, rule id, country (FR unless said).
"""

import pytest

from mobility_diagnosis.core.cycling.facilities import FACILITIES, facilities_of
from mobility_diagnosis.core.cycling.lts import evaluate

H = "highway"
ROWS = [
    # --- standalone ways (separated from motor traffic: LTS 1) ---
    ({H: "cycleway"}, "cycleway", "cycleway", 1, "s1"),
    ({H: "cycleway", "oneway": "yes"}, "cycleway", "cycleway", 1, "s1"),
    ({H: "path", "bicycle": "designated"}, "shared_path", "shared_path", 1, "s2"),
    ({H: "footway", "bicycle": "yes"}, "shared_path", "shared_path", 1, "s2"),
    ({H: "path"}, "none", "none", 1, "s3"),  # path: bicycle allowed by default, not a facility
    ({H: "residential", "bicycle_road": "yes"}, "cycle_street", "cycle_street", 1, "s4"),
    ({H: "residential", "cyclestreet": "yes"}, "cycle_street", "cycle_street", 1, "s4"),
    ({H: "pedestrian"}, "none", "none", 1, "s5"),  # FR aire piétonne: bicycles allowed
    ({H: "pedestrian", "bicycle": "yes"}, "none", "none", 1, "s5"),  # allowed, not a facility
    ({H: "pedestrian", "bicycle": "designated"}, "shared_path", "shared_path", 1, "s2"),
    ({H: "pedestrian", "bicycle": "yes"}, "none", "none", 1, "s5", "default"),  # ban lifted by bicycle=yes
    ({H: "residential", "motor_vehicle": "no"}, "none", "none", 1, "s6"),
    # --- cycling not allowed: LTS 0 ---
    ({H: "motorway"}, "none", "none", 0, "p1"),
    ({H: "motorway_link"}, "none", "none", 0, "p1"),
    ({H: "residential", "bicycle": "no"}, "none", "none", 0, "p2"),
    ({H: "footway", "bicycle": "no"}, "none", "none", 0, "p2"),
    ({H: "trunk", "motorroad": "yes"}, "none", "none", 0, "p3"),
    ({H: "service", "access": "private"}, "none", "none", 0, "p4"),
    ({H: "steps"}, "none", "none", 0, "p5"),
    ({H: "busway"}, "none", "none", 0, "p6"),  # bus-only road
    ({H: "trunk", "bicycle": "use_sidepath"}, "none", "none", 0, "p2"),  # the sidepath is another way
    # use_sidepath with the sidepath mapped on this way (tracks both sides): rated by the tracks
    ({H: "trunk", "bicycle": "use_sidepath", "cycleway:both": "track"}, "track", "track", 1, "s7"),
    ({H: "footway"}, "none", "none", 0, "p6"),
    ({H: "footway", "footway": "sidewalk"}, "none", "none", 0, "p6"),
    ({H: "bridleway"}, "none", "none", 0, "p6"),
    ({H: "pedestrian"}, "none", "none", 0, "p7", "default"),  # worldwide default: no bicycles
    ({H: "construction"}, "none", "none", 0, "p8"),
    ({H: "platform"}, "none", "none", 0, "p8"),
    ({H: "abandonned"}, "none", "none", 0, "p9"),  # typo of a class: not a way we know
    # an access ban lifted for bicycles: service road at the 30 km/h default, local -> m2
    ({H: "service", "access": "no", "bicycle": "yes"}, "none", "none", 1, "m2"),
    # --- mixed traffic (Mekuria-Furth table 4, km/h) ---
    ({H: "living_street"}, "none", "none", 1, "m1"),  # zone de rencontre, 20 km/h
    ({H: "residential", "maxspeed": "30"}, "none", "none", 1, "m2"),
    ({H: "residential", "maxspeed": "FR:zone30"}, "none", "none", 1, "m2"),
    ({H: "residential", "zone:maxspeed": "FR:30"}, "none", "none", 1, "m2"),
    ({H: "residential"}, "none", "none", 2, "m7"),  # assumed 50 km/h urban default
    ({H: "residential", "maxspeed": "signals"}, "none", "none", 2, "m7"),
    ({H: "residential", "maxspeed": "25 mph"}, "none", "none", 2, "m4"),  # 40.2 km/h
    ({H: "residential", "maxspeed": "40", "lanes": "4"}, "none", "none", 3, "m5"),
    ({H: "residential", "maxspeed": "50", "lanes": "3"}, "none", "none", 3, "m8"),
    ({H: "residential", "maxspeed": "50", "lanes": "2;3"}, "none", "none", 3, "m8"),  # highest value
    ({H: "residential", "maxspeed": "50", "lanes": "two"}, "none", "none", 2, "m7"),  # default 2 lanes
    ({H: "tertiary", "maxspeed": "30"}, "none", "none", 2, "m3"),
    ({H: "tertiary", "maxspeed": "50"}, "none", "none", 3, "m8"),
    ({H: "tertiary", "maxspeed": "30 mph"}, "none", "none", 3, "m8"),  # 48.3 km/h
    ({H: "unclassified"}, "none", "none", 3, "m8"),  # FR urban default 50, not a local street
    ({H: "tertiary", "maxspeed": "50", "lanes": "4"}, "none", "none", 4, "m9"),
    ({H: "secondary", "maxspeed": "40", "lanes": "6"}, "none", "none", 4, "m6"),
    ({H: "primary", "maxspeed": "70"}, "none", "none", 4, "m9"),
    ({H: "primary"}, "none", "none", 4, "m9"),  # FR default 80 outside agglomeration
    ({H: "trunk", "maxspeed": "110"}, "none", "none", 4, "m9"),
    ({H: "track"}, "none", "none", 1, "m2"),
    ({H: "service", "service": "parking_aisle"}, "none", "none", 1, "m2"),
    ({H: "residential", "maxspeed": "30", "cycleway": "lanes"}, "none", "none", 1, "m2"),  # typo: no facility
    ({H: "tertiary", "maxspeed": "50", "cycleway": "shared_lane"}, "shared_lane", "shared_lane", 3, "m8"),
    ({H: "tertiary", "maxspeed": "50", "cycleway:both": "separate"}, "separate", "separate", 3, "m8"),
    # --- bike lanes (Mekuria-Furth tables 2 and 3) ---
    ({H: "tertiary", "maxspeed": "50", "cycleway": "lane"}, "lane", "lane", 1, "c1"),
    ({H: "tertiary", "maxspeed": "60", "cycleway:both": "lane"}, "lane", "lane", 3, "c2"),
    ({H: "tertiary", "maxspeed": "70", "cycleway:both": "lane"}, "lane", "lane", 4, "c3"),
    ({H: "tertiary", "maxspeed": "50", "lanes": "4", "cycleway:both": "lane"}, "lane", "lane", 3, "c2"),
    (
        {H: "residential", "maxspeed": "30", "cycleway:both": "lane", "parking:both": "lane"},
        "lane",
        "lane",
        1,
        "b1",
    ),
    (
        {H: "tertiary", "maxspeed": "50", "cycleway:both": "lane", "parking:both": "lane"},
        "lane",
        "lane",
        2,
        "b2",
    ),
    (
        {H: "tertiary", "maxspeed": "50", "cycleway:both": "lane", "parking:lane:both": "parallel"},
        "lane",
        "lane",
        2,
        "b2",
    ),
    (
        {H: "tertiary", "maxspeed": "50", "cycleway:both": "lane", "parking:both": "no"},
        "lane",
        "lane",
        1,
        "c1",
    ),
    ({H: "secondary", "maxspeed": "50", "cycleway": "lane"}, "lane", "lane", 2, "l2"),
    ({H: "primary", "maxspeed": "50", "cycleway:both": "lane"}, "lane", "lane", 3, "l1"),
    ({H: "residential", "maxspeed": "30", "cycleway": "yes"}, "lane", "lane", 1, "c1"),  # vague: a lane
    ({H: "tertiary", "maxspeed": "50", "cycleway": "shoulder"}, "shoulder", "shoulder", 1, "c1"),
    (
        {H: "tertiary", "maxspeed": "50", "cycleway:right": "share_busway", "cycleway:left": "lane"},
        "lane",
        "busway",
        1,
        "c1",
    ),
    # one side only on a two-way street: the other direction is mixed traffic
    ({H: "tertiary", "maxspeed": "50", "cycleway:right": "lane"}, "none", "lane", 3, "m8"),
    # side key beats :both, :both beats the bare key
    (
        {H: "tertiary", "maxspeed": "50", "cycleway:both": "lane", "cycleway:left": "no"},
        "none",
        "lane",
        3,
        "m8",
    ),
    (
        {H: "tertiary", "maxspeed": "50", "cycleway": "lane", "cycleway:left": "track"},
        "track",
        "lane",
        1,
        "c1",
    ),
    # --- tracks ---
    ({H: "tertiary", "maxspeed": "50", "cycleway": "track"}, "track", "track", 1, "s7"),
    ({H: "primary", "maxspeed": "70", "cycleway:both": "track"}, "track", "track", 1, "s7"),
    # --- one-way streets and contraflow ---
    ({H: "residential", "oneway": "yes", "maxspeed": "30"}, "none", "none", 1, "m2"),
    (
        {H: "residential", "oneway": "yes", "oneway:bicycle": "no", "maxspeed": "30"},
        "contraflow_unmarked",
        "none",
        1,
        "m2",
    ),
    (
        {H: "residential", "oneway": "-1", "oneway:bicycle": "no", "maxspeed": "30"},
        "none",
        "contraflow_unmarked",
        1,
        "m2",
    ),
    (
        {H: "residential", "oneway": "yes", "maxspeed": "30", "cycleway": "opposite"},
        "contraflow_unmarked",
        "none",
        1,
        "m2",
    ),
    (
        {H: "tertiary", "oneway": "yes", "maxspeed": "50", "cycleway": "opposite_lane"},
        "contraflow_lane",
        "none",
        3,
        "m8",
    ),
    (
        {H: "tertiary", "oneway": "yes", "maxspeed": "50", "cycleway": "opposite_track"},
        "contraflow_track",
        "none",
        3,
        "m8",
    ),
    (
        {H: "tertiary", "maxspeed": "50", "cycleway": "opposite_lane"},
        "lane",
        "lane",
        1,
        "c1",
    ),  # two-way street
    (
        {
            H: "tertiary",
            "oneway": "yes",
            "oneway:bicycle": "no",
            "maxspeed": "50",
            "cycleway:left": "lane",
            "cycleway:left:oneway": "-1",
            "cycleway:right": "lane",
        },
        "contraflow_lane",
        "lane",
        1,
        "c1",
    ),
    (
        {
            H: "tertiary",
            "oneway": "yes",
            "oneway:bicycle": "no",
            "maxspeed": "50",
            "cycleway:left": "track",
            "cycleway:left:oneway": "-1",
        },
        "contraflow_track",
        "none",
        3,
        "m8",
    ),
    # lane on the left of a one-way street without :oneway=-1 and without contraflow: a with-flow lane
    ({H: "tertiary", "oneway": "yes", "maxspeed": "50", "cycleway:left": "lane"}, "lane", "none", 1, "c1"),
    # same with oneway:bicycle=no: read as a contraflow lane (assumption said in the reason)
    (
        {
            H: "residential",
            "oneway": "yes",
            "oneway:bicycle": "no",
            "maxspeed": "30",
            "cycleway:left": "lane",
        },
        "contraflow_lane",
        "none",
        1,
        "m2",
    ),
    # bidirectional track on a one-way street
    (
        {
            H: "tertiary",
            "oneway": "yes",
            "maxspeed": "50",
            "cycleway:right": "track",
            "cycleway:right:oneway": "no",
        },
        "none",
        "track",
        1,
        "s7",
    ),
    # roundabout: implied one-way, a bare value names the with-flow (right) side only
    (
        {H: "tertiary", "junction": "roundabout", "maxspeed": "50", "cycleway": "lane"},
        "none",
        "lane",
        1,
        "c1",
    ),
]


def _expand(row):
    tags, left, right, lts, rule, *rest = row
    return tags, left, right, lts, rule, (rest[0] if rest else "FR")


@pytest.mark.parametrize(("tags", "left", "right", "lts", "rule", "country"), [_expand(r) for r in ROWS])
def test_rule_table(tags, left, right, lts, rule, country):
    result = evaluate(tags, country)
    assert (result.facilities.left, result.facilities.right) == (left, right)
    assert (result.lts, result.rule) == (lts, rule)
    assert left in FACILITIES and right in FACILITIES


def test_table_is_big_enough():
    assert len(ROWS) >= 40


REASONS = [
    ({H: "residential"}, "en", "no maxspeed tag: assumed 50 km/h (urban default for highway=residential)"),
    ({H: "residential"}, "fr", "pas de tag maxspeed : 50 km/h supposés"),
    ({H: "residential", "maxspeed": "50", "lanes": "2;3"}, "en", "lanes=2;3: several values, 3 used"),
    ({H: "tertiary", "maxspeed": "5O"}, "en", "maxspeed=5O not understood: assumed 50 km/h"),
    ({H: "tertiary", "maxspeed": "50", "cycleway:both": "lane"}, "en", "no parking tag: assumed no parking"),
    (
        {H: "tertiary", "oneway": "yes", "cycleway": "opposite_lane"},
        "en",
        "cycleway=opposite_lane is deprecated",
    ),
    ({H: "residential", "maxspeed": "30", "cycleway": "lanes"}, "fr", "cycleway=lanes non compris"),
    (
        {H: "tertiary", "maxspeed": "50", "cycleway:right": "lane"},
        "en",
        "worst direction: against the way, none",
    ),
    ({H: "footway"}, "fr", "Vélo interdit : highway=footway"),
    ({H: "residential", "maxspeed": "30"}, "en", ": LTS 1"),
]


@pytest.mark.parametrize(("tags", "lang", "words"), REASONS)
def test_reason_names_tags_and_defaults(tags, lang, words):
    assert words in evaluate(tags).reason(lang)


ODD = [
    {},
    {H: ""},
    {H: "residential", "maxspeed": ""},
    {H: "residential", "lanes": "-1", "maxspeed": "-30"},
    {H: "residential", "oneway": "maybe", "cycleway:left:oneway": "sideways", "cycleway:left": "lane"},
    {H: "primary", "cycleway": "", "parking:both": "???"},
    {H: "residential", "maxspeed": "30;;mph", "lanes": ";"},
]


@pytest.mark.parametrize("tags", ODD)
def test_bad_tags_never_crash(tags):
    result = evaluate(tags)
    assert 0 <= result.lts <= 4
    assert result.rule
    assert result.reason("en") and result.reason("fr")


def test_facilities_standalone_flag():
    assert facilities_of({H: "cycleway"}).standalone
    assert not facilities_of({H: "residential", "cycleway": "lane"}).standalone


def test_tags_no_rule_reads_do_not_defeat_the_memo():
    """Streets that differ only by name (most of them) share one evaluation, with the same result as
    without the memo."""
    from mobility_diagnosis.core.cycling.lts import _evaluate, evaluate

    base = {"highway": "residential", "maxspeed": "30", "source:maxspeed": "FR:zone30"}
    a = evaluate({**base, "name": "Rue A", "wikidata": "Q1", "addr:city": "X"})
    b = evaluate({**base, "name": "Rue B", "surface": "asphalt", "lit": "yes"})
    assert a is b
    assert a == _evaluate({**base, "name": "Rue A"}, "FR", ())
    # a tag that rules read still counts
    assert evaluate({**base, "maxspeed": "50"}) != a


def test_tags_left_out_of_the_memo_are_read_by_no_rule():
    """A rule that starts reading one of these tags must take it out of NEVER_READ, or the memo would hand
    one street's rating to another."""
    import inspect
    import re

    from mobility_diagnosis.core import speeds
    from mobility_diagnosis.core.cycling import facilities, lts

    source = "".join(inspect.getsource(m) for m in (lts, facilities, speeds))
    source = source.replace(inspect.getsource(lts._never_read), "")
    source = re.sub(r"NEVER_READ(_PREFIXES)? = .*?\n\)?\n", "", source, flags=re.S)
    for key in sorted(lts.NEVER_READ):
        assert not re.search(rf"[\"']{re.escape(key)}[\"']", source), key
    for prefix in lts.NEVER_READ_PREFIXES:
        assert not re.search(rf"[\"']{re.escape(prefix)}", source), prefix
