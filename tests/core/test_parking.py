"""Rule tables of the parking core: capacity parsing, car-park estimates, on-street parking per side
(both tagging schemes), bike parking, destinations, indicators and the national schema rows."""

import numpy as np
import pytest

from mobility_diagnosis.core import parking as pk
from mobility_diagnosis.core.walking import walk_rule

# raw capacity, kind → (value, approximate, warning expected)
CAPACITY_CASES = [
    (None, "car", None, False, False),
    ("", "car", None, False, False),
    ("12", "car", 12, False, False),
    (" 12 ", "car", 12, False, False),
    ("0", "car", 0, False, False),
    ("+7", "car", 7, False, False),
    ("20.0", "car", 20, False, False),
    ("~20", "car", 20, True, False),
    ("~ 20", "car", 20, True, False),
    ("ca. 30", "car", 30, True, False),
    ("env. 30", "car", 30, True, False),
    ("15+", "car", 15, True, False),
    ("2 x 5", "car", 10, False, False),
    ("2x5", "car", 10, False, False),
    ("3 X 4", "car", 12, False, False),
    ("10-12", "car", 10, True, True),
    ("12 - 10", "car", 10, True, True),
    ("12;4", "bike", 16, False, True),
    ("-5", "car", None, False, True),
    ("- 3", "bike", None, False, True),
    ("-2.5", "car", None, False, True),
    ("999999", "car", None, False, True),
    ("16000", "bike", None, False, True),
    ("15000", "bike", 15000, False, False),
    ("yes", "car", None, False, True),
    ("many", "bike", None, False, True),
    ("12,5", "car", None, False, True),
    ("2.5", "car", None, False, True),
    ("unknown", "car", None, False, True),
]


@pytest.mark.parametrize(("raw", "kind", "value", "approximate", "warns"), CAPACITY_CASES)
def test_parse_capacity(raw, kind, value, approximate, warns):
    cap = pk.parse_capacity(raw, feature="way/42 (Parking Mairie)", kind=kind)
    assert cap.value == value
    assert cap.approximate is approximate
    assert (cap.warning is not None) is warns
    if warns:
        assert "way/42 (Parking Mairie)" in cap.warning


def test_capacity_warning_in_french():
    cap = pk.parse_capacity("beaucoup", feature="node/1", lang="fr")
    assert cap.value is None
    assert cap.warning.startswith("node/1 : capacity='beaucoup'")
    assert "Corrigez" in cap.warning


# tags, area_m2 → (kind, parking_type, capacity, estimated, takes_land, levels)
CAR_PARK_CASES = [
    ({"amenity": "parking", "capacity": "40"}, 5000.0, "car_park", "surface", 40, False, True, None),
    ({"amenity": "parking"}, 1000.0, "car_park", "surface", 40, True, True, None),
    ({"amenity": "parking", "parking": "surface"}, 1010.0, "car_park", "surface", 40, True, True, None),
    ({"amenity": "parking", "parking": "multi-storey", "building:levels": "4"}, 1000.0,
     "car_park", "multi-storey", 160, True, True, 4),
    ({"amenity": "parking", "parking": "multi-storey", "parking:levels": "3", "building:levels": "5"},
     1000.0, "car_park", "multi-storey", 120, True, True, 3),
    ({"amenity": "parking", "parking": "multi-storey"}, 1000.0, "car_park", "multi-storey", 40, True, True,
     None),
    ({"amenity": "parking", "parking": "underground", "parking:levels": "2"}, 500.0,
     "car_park", "underground", 40, True, False, 2),
    ({"amenity": "parking", "park_ride": "bus", "capacity": "300"}, None, "park_and_ride", "surface", 300,
     False, True, None),
    ({"amenity": "parking", "park_ride": "no", "capacity": "3"}, None, "car_park", "surface", 3, False, True,
     None),
    ({"amenity": "parking"}, None, "car_park", "surface", None, False, True, None),
    ({"amenity": "parking", "capacity": "-4"}, 250.0, "car_park", "surface", 10, True, True, None),
    ({"amenity": "parking", "parking": "garage_boxes"}, 180.0, "car_park", "garage_boxes", 10, True, True,
     None),
]  # fmt: skip


@pytest.mark.parametrize(
    ("tags", "area", "kind", "ptype", "capacity", "estimated", "land", "levels"), CAR_PARK_CASES
)
def test_car_park(tags, area, kind, ptype, capacity, estimated, land, levels):
    park = pk.car_park(tags, area, feature="way/1")
    assert (park.kind, park.parking_type, park.capacity) == (kind, ptype, capacity)
    assert park.capacity_estimated is estimated
    assert park.takes_land is land
    assert park.levels == levels
    assert bool(park.estimate_method) is estimated


@pytest.mark.parametrize(
    ("raw", "value", "warns"), [("yes", None, False), ("no", 0, False), ("3", 3, False), ("some", None, True)]
)
def test_car_park_disabled_spaces(raw, value, warns):
    park = pk.car_park({"capacity:disabled": raw}, None, feature="node/5")
    assert park.capacity_disabled == value
    assert bool(park.warnings) is warns


@pytest.mark.parametrize(
    ("tags", "area", "warns"),
    [
        ({"capacity": "53"}, 113.0, True),  # Monaco way/835255758: 53 spaces tagged on 113 m²
        ({"capacity": "11"}, 113.0, False),
        ({"capacity": "53", "parking": "multi-storey", "building:levels": "5"}, 113.0, False),
        ({"capacity": "53"}, None, False),
    ],
)
def test_car_park_implausible_density_warns_but_keeps_the_tag(tags, area, warns):
    park = pk.car_park(tags, area, feature="way/835255758")
    assert park.capacity == int(tags["capacity"]) and not park.capacity_estimated
    assert bool(park.warnings) is warns
    if warns:
        assert "way/835255758" in park.warnings[0] and "10 m²" in park.warnings[0]


def test_car_park_disabled_fee_and_warning():
    park = pk.car_park({"capacity": "abc", "capacity:disabled": "2", "fee": "yes"}, None, feature="node/9")
    assert park.capacity is None and park.capacity_disabled == 2 and park.fee == "yes"
    assert len(park.warnings) == 1 and "node/9" in park.warnings[0]


# On-street parking: tags, street length → {side: (scheme, status, orientation, capacity, estimated)}
NEW, OLD = "parking", "parking:lane"  # the two schemes
ON_STREET_CASES = [
    # current scheme, both sides, orientation tagged, estimates from 110 m of kerb
    ({"parking:both": "lane", "parking:both:orientation": "parallel"}, 110.0,
     {"left": (NEW, "parking", "parallel", 20, True), "right": (NEW, "parking", "parallel", 20, True)}),
    ({"parking:both": "street_side", "parking:both:orientation": "perpendicular"}, 100.0,
     {"left": (NEW, "parking", "perpendicular", 40, True),
      "right": (NEW, "parking", "perpendicular", 40, True)}),
    ({"parking:right": "half_on_kerb", "parking:right:orientation": "diagonal"}, 31.0,
     {"right": (NEW, "parking", "diagonal", 10, True)}),
    # tagged capacity wins over the estimate
    ({"parking:left": "lane", "parking:left:orientation": "parallel", "parking:left:capacity": "7"}, 110.0,
     {"left": (NEW, "parking", "parallel", 7, False)}),
    ({"parking:both": "lane", "parking:both:capacity": "~6"}, 110.0,
     {"left": (NEW, "parking", "parallel", 6, False), "right": (NEW, "parking", "parallel", 6, False)}),
    # side key wins over both
    ({"parking:both": "lane", "parking:both:orientation": "parallel", "parking:right": "no"}, 55.0,
     {"left": (NEW, "parking", "parallel", 10, True), "right": (NEW, "none", None, 0, False)}),
    # orientation untagged: parallel assumed, still an estimate
    ({"parking:left": "on_kerb"}, 56.0, {"left": (NEW, "parking", "parallel", 10, True)}),
    # no parking, restrictions give zero
    ({"parking:both": "no"}, 200.0,
     {"left": (NEW, "none", None, 0, False), "right": (NEW, "none", None, 0, False)}),
    ({"parking:both": "lane", "parking:both:restriction": "no_stopping"}, 200.0,
     {"left": (NEW, "none", None, 0, False), "right": (NEW, "none", None, 0, False)}),
    ({"parking:left": "lane", "parking:left:restriction": "no_parking", "parking:right": "lane",
      "parking:right:restriction": "loading_only", "parking:right:orientation": "parallel"}, 60.0,
     {"left": (NEW, "none", None, 0, False), "right": (NEW, "parking", "parallel", 10, True)}),
    # separate: defers to the mapped area
    ({"parking:both": "separate"}, 100.0,
     {"left": (NEW, "separate", None, None, False), "right": (NEW, "separate", None, None, False)}),
    # unknown value: kept as unknown, no capacity
    ({"parking:right": "sometimes"}, 100.0, {"right": (NEW, "unknown", None, None, False)}),
    # older scheme: orientation is the value
    ({"parking:lane:both": "parallel"}, 110.0,
     {"left": (OLD, "parking", "parallel", 20, True), "right": (OLD, "parking", "parallel", 20, True)}),
    ({"parking:lane:right": "diagonal", "parking:lane:right:diagonal": "on_street"}, 30.0,
     {"right": (OLD, "parking", "diagonal", 10, True)}),
    ({"parking:lane:left": "perpendicular", "parking:lane:left:capacity": "12"}, 100.0,
     {"left": (OLD, "parking", "perpendicular", 12, False)}),
    ({"parking:lane:right": "marked"}, 57.0, {"right": (OLD, "parking", "parallel", 10, True)}),
    ({"parking:lane:left": "no_stopping", "parking:lane:right": "no_parking"}, 80.0,
     {"left": (OLD, "none", None, 0, False), "right": (OLD, "none", None, 0, False)}),
    ({"parking:lane:both": "no"}, 80.0,
     {"left": (OLD, "none", None, 0, False), "right": (OLD, "none", None, 0, False)}),
    ({"parking:lane:right": "parallel", "parking:condition:right": "no_stopping"}, 80.0,
     {"right": (OLD, "none", None, 0, False)}),
    ({"parking:lane:right": "parallel", "parking:condition:right": "residents"}, 11.0,
     {"right": (OLD, "parking", "parallel", 2, True)}),
    ({"parking:lane:both": "separate"}, 50.0,
     {"left": (OLD, "separate", None, None, False), "right": (OLD, "separate", None, None, False)}),
    # both schemes on one street: the current scheme wins per side, the old one fills a missing side
    ({"parking:left": "no", "parking:lane:left": "parallel", "parking:lane:right": "perpendicular"}, 25.0,
     {"left": (NEW, "none", None, 0, False), "right": (OLD, "parking", "perpendicular", 10, True)}),
    # no parking tags at all
    ({"highway": "residential"}, 100.0, {}),
    # unreadable capacity: estimate instead, with a warning
    ({"parking:right": "lane", "parking:right:capacity": "lots"}, 55.0,
     {"right": (NEW, "parking", "parallel", 10, True)}),
]  # fmt: skip


@pytest.mark.parametrize(("tags", "length", "expected"), ON_STREET_CASES)
def test_street_sides(tags, length, expected):
    sides = pk.street_sides(tags, length, feature="way/7")
    got = {s.side: (s.scheme, s.status, s.orientation, s.capacity, s.capacity_estimated) for s in sides}
    assert got == expected
    assert pk.has_parking_info(tags) is bool(expected)
    for s in sides:
        assert bool(s.estimate_method) is s.capacity_estimated


def test_street_side_flags_assumed_orientation_and_warns():
    (side,) = pk.street_sides(
        {"parking:right": "lane", "parking:right:capacity": "lots"}, 55.0, feature="way/7"
    )
    assert side.orientation_assumed and "orientation untagged" in side.estimate_method
    assert side.warnings and "way/7 (right)" in side.warnings[0]
    (tagged,) = pk.street_sides({"parking:left": "lane", "parking:left:orientation": "diagonal"}, 9.0)
    assert not tagged.orientation_assumed and tagged.capacity == 3


BIKE_CASES = [
    ({"amenity": "bicycle_parking", "capacity": "10", "covered": "yes", "bicycle_parking": "stands",
      "access": "yes"}, (10, True, "stands", "yes")),
    ({"amenity": "bicycle_parking", "covered": "no"}, (None, False, None, None)),
    ({"amenity": "bicycle_parking", "capacity": "2x6", "bicycle_parking": "wall_loops"},
     (12, None, "wall_loops", None)),
]  # fmt: skip


@pytest.mark.parametrize(("tags", "expected"), BIKE_CASES)
def test_bike_parking(tags, expected):
    bp = pk.bike_parking(tags)
    assert (bp.capacity, bp.covered, bp.bike_parking_type, bp.access) == expected


DESTINATION_CASES = [
    ({"amenity": "school", "name": "École A"}, "school", "school: École A"),
    ({"amenity": "kindergarten"}, "school", "school"),
    ({"railway": "station", "name": "Gare"}, "station", "station: Gare"),
    ({"railway": "tram_stop", "public_transport": "stop_position"}, "stop", "stop"),
    ({"highway": "bus_stop", "name": "Casino"}, "stop", "stop: Casino"),
    ({"public_transport": "platform"}, None, None),
    ({"public_transport": "stop_position", "bus": "yes"}, None, None),
    ({"amenity": "townhall", "name": "Mairie"}, "townhall", "town hall: Mairie"),
    ({"office": "government", "government": "tax"}, "public_office", "public office"),
    ({"shop": "bakery"}, "shop", "shop"),
    ({"leisure": "sports_centre"}, "sport", "sport"),
    ({"amenity": "pharmacy"}, "health", "health"),
    ({"healthcare": "physiotherapist"}, "health", "health"),
    ({"amenity": "library"}, "library", "library"),
    ({"amenity": "restaurant"}, None, None),
    ({"leisure": "park"}, None, None),
    ({"leisure": "pitch", "sport": "soccer"}, None, None),
    ({"leisure": "stadium", "name": "Stade Louis II"}, "sport", "sport: Stade Louis II"),
    ({"building": "yes"}, None, None),
]


@pytest.mark.parametrize(("tags", "kind", "label"), DESTINATION_CASES)
def test_destination_kind(tags, kind, label):
    assert pk.destination_kind(tags) == kind
    if kind:
        assert pk.destination_label(kind, tags) == label


def test_destination_label_french():
    assert pk.destination_label("townhall", {"name": "Mairie"}, "fr") == "mairie: Mairie"


def test_nearest_distances():
    origins = np.array([[0.0, 0.0], [100.0, 0.0], [10.0, 10.0]])
    targets = np.array([[3.0, 4.0], [100.0, 30.0]])
    assert np.allclose(pk.nearest_distances(origins, targets), [5.0, 30.0, np.hypot(7, 6)])
    assert np.isinf(pk.nearest_distances(origins, np.empty((0, 2)))).all()
    many = np.random.default_rng(1).uniform(0, 1000, (5000, 2))
    brute = np.sqrt(((many[:, None, :] - targets[None]) ** 2).sum(2)).min(1)
    assert np.allclose(pk.nearest_distances(many, targets, chunk=333), brute)


def _by_id(rows):
    return {r.indicator: r for r in rows}


def test_indicators_with_population():
    totals = pk.ParkingTotals(
        car_off_street=800,
        car_off_street_estimated=200,
        car_on_street=200,
        car_on_street_estimated=50,
        car_park_land_m2=25000.0,
        bike_spaces=50,
        bike_parkings_unknown_capacity=3,
        destinations=20,
        destinations_served=5,
        street_length_m=10000.0,
        street_length_with_info_m=2500.0,
    )
    rows = _by_id(pk.parking_indicators(totals, 5000, gap_distance_m=50, distance_method="crow_fly"))
    assert rows["car_spaces_per_1000"].value == 200.0
    assert rows["car_spaces_estimated_share"].value == 25.0
    assert rows["bike_spaces_per_1000"].value == 10.0
    assert rows["destinations_with_bike_parking_share"].value == 25.0
    assert "50 m (straight line)" in rows["destinations_with_bike_parking_share"].label
    assert rows["car_park_land_area"].value == 2.5 and rows["car_park_land_area"].unit == "ha"
    assert rows["on_street_information_share"].value == 25.0


def test_indicators_without_population_are_null_not_zero():
    rows = _by_id(
        pk.parking_indicators(
            pk.ParkingTotals(bike_spaces=10), None, gap_distance_m=80, distance_method="network", lang="fr"
        )
    )
    assert rows["car_spaces_per_1000"].value is None
    assert rows["bike_spaces_per_1000"].value is None
    assert "population de la commune inconnue" in rows["bike_spaces_per_1000"].label
    assert rows["destinations_with_bike_parking_share"].value is None  # no destination: no share
    assert "80 m (à pied sur le réseau)" in rows["destinations_with_bike_parking_share"].label
    assert rows["bike_spaces"].value == 10.0
    assert rows["carpool_areas"].value is None and rows["carpool_spaces"].value is None  # base not read
    assert rows["carpool_areas"].label.endswith(
        "covoiturage n’a pas été lue"
    )  # no parameter name: a council reads it


def test_carpool_area_counts_when_the_base_was_read():
    rows = _by_id(pk.parking_indicators(pk.ParkingTotals(carpool_areas=2, carpool_spaces=12), None,
                                        gap_distance_m=50, distance_method="crow_fly"))  # fmt: skip
    assert (rows["carpool_areas"].value, rows["carpool_spaces"].value) == (2.0, 12.0)
    assert rows["carpool_areas"].label == "Carpool areas of the national base (BNLC) in the territory"
    none_inside = _by_id(pk.parking_indicators(pk.ParkingTotals(carpool_areas=0, carpool_spaces=0), None,
                                               gap_distance_m=50, distance_method="crow_fly"))  # fmt: skip
    assert none_inside["carpool_areas"].value == 0.0  # read, and none in the territory: a true zero


@pytest.mark.parametrize(
    ("about", "expected"),
    [
        ({"population": "6914"}, 6914),
        ({"population": "6914.0"}, 6914),
        ({}, None),
        ({"population": ""}, None),
        ({"population": "n/a"}, None),
        ({"population": "0"}, None),
    ],
)
def test_population_from_about(about, expected):
    assert pk.population_from_about(about) == expected


SCHEMA_CASES = [
    ({"bicycle_parking": "stands", "capacity": "8", "covered": "yes", "fee": "no", "access": "yes"},
     {"type_accroche": "CADRE ET ROUE", "mobilier": "ARCEAU", "capacite": "8", "couverture": "true",
      "gratuit": "true", "acces": "LIBRE ACCES", "protection": "STATIONNEMENT NON FERME"}),
    ({"bicycle_parking": "wall_loops", "capacity": "2x5", "covered": "no"},
     {"type_accroche": "ROUE", "mobilier": "RATELIER", "capacite": "10", "couverture": "false", "acces": ""}),
    ({"bicycle_parking": "lockers", "capacity": "6", "access": "private"},
     {"protection": "BOX INDIVIDUEL FERME", "acces": "PRIVE"}),
    ({"bicycle_parking": "bollard", "capacity": "2"}, {"type_accroche": "CADRE", "mobilier": "POTELET"}),
]  # fmt: skip


@pytest.mark.parametrize(("tags", "expected"), SCHEMA_CASES)
def test_schema_row(tags, expected):
    row, reason = pk.schema_row(
        "node", 123, tags, 7.4246, 43.7384, commune_code="06032", date_maj="2023-12-01"
    )
    assert reason is None
    assert list(row) == list(pk.SCHEMA_FIELDS)
    assert row["id_osm"] == "n123" and row["id_local"] == "n123"
    assert row["coordonneesxy"] == "[7.4246000,43.7384000]"
    assert row["code_com"] == "06032"
    for key, value in expected.items():
        assert row[key] == value, key


def test_schema_rows_leave_out_and_say_why():
    items = [
        ("way", 1, {"bicycle_parking": "stands", "capacity": "4"}, 7.4, 43.7),
        ("node", 2, {"bicycle_parking": "stands"}, 7.4, 43.7),
        ("node", 3, {"capacity": "4"}, 7.4, 43.7),
        ("node", 4, {"capacity": "4"}, 7.4, 43.7),
    ]
    rows, note = pk.schema_rows(items, commune_code="MC")
    assert [r["id_osm"] for r in rows] == ["w1"]
    assert rows[0]["code_com"] == ""  # not a French commune code
    assert "3 bike parking(s)" in note and "capacity: 1" in note and "type of stand: 2" in note


@pytest.mark.parametrize(
    ("tags", "expected"),
    [
        ({"highway": "residential"}, True),
        ({"highway": "footway"}, True),
        ({"highway": "motorway"}, False),
        ({"highway": "trunk", "foot": "yes"}, True),
        ({"highway": "service", "access": "private"}, False),
        ({"highway": "service", "access": "private", "foot": "yes"}, True),
        ({"highway": "cycleway", "foot": "no"}, False),
    ],
)
def test_walkable(tags, expected):
    # the one walking rule (core.walking) that the gap search's network uses
    assert walk_rule(tags).walkable is expected


def test_carpool_areas_from_a_bnlc_reply():
    # the shape of transport.data.gouv.fr /api/geo-query?data=bnlc (ST_AsGeoJSON of each row)
    reply = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": [7.39, 43.72]},
             "properties": {"nom_lieu": "Cap-d'Ail gare"}},
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": [7.40, 43.73]},
             "properties": {"nom_lieu": "Parking relais", "nbre_pl": 40, "id_lieu": "06032-C-001"}},
            {"type": "Feature", "geometry": None, "properties": {"nom_lieu": "sans point"}},
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": ["x", 1]}, "properties": {}},
            {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[0, 0], [1, 1]]}},
            "junk",
        ],
    }  # fmt: skip
    areas, skipped = pk.carpool_areas(reply)
    assert [(a.name, a.capacity, a.ident) for a in areas] == [
        ("Cap-d'Ail gare", None, None), ("Parking relais", 40, "06032-C-001")]  # fmt: skip
    assert (areas[0].lon, areas[0].lat) == (7.39, 43.72)
    assert skipped == 4
    assert pk.carpool_areas({"type": "FeatureCollection", "features": None}) == ([], 0)
    for bad in ({"type": "Feature"}, [], "text", {"type": "FeatureCollection", "features": {}}):
        with pytest.raises(ValueError):
            pk.carpool_areas(bad)


@pytest.mark.parametrize(
    ("tags", "informed"),
    [({"parking:both": "lane"}, True), ({"parking:left": "no"}, True), ({"parking:lane:right": "parallel"}, True),
     ({"parking:lane:both": ""}, False), ({"parking:both:orientation": "parallel"}, False), ({}, False),
     ({"highway": "residential", "parking:right": "street_side"}, True)],
)  # fmt: skip
def test_has_parking_info_reads_either_scheme_and_both(tags, informed):
    from mobility_diagnosis.core.parking import has_parking_info

    assert has_parking_info(tags) is informed
