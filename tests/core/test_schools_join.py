"""Joining the real Rennes directory rows with a few OSM schools placed by hand around them."""

import math

import pytest
from osgeo import osr

from mobility_diagnosis.core.schools.directory import read_directory_csv
from mobility_diagnosis.core.schools.join import (
    OsmSchool,
    PlacedDirectorySchool,
    join_schools,
    name_similarity,
)
from tests.conftest import data_path

# OSM schools placed by hand (WGS84), offsets from the directory position in metres (east, north).
# (osm_id, name, tags, directory UAI the position is taken from, east_m, north_m)
OSM_SCHOOLS = [
    # A groupe scolaire mapped once, carrying both UAIs: both entries match by ref:UAI.
    (
        1,
        "Groupe scolaire Camille Claudel",
        {"amenity": "school", "ref:UAI": "0350626R;0350650S"},
        "0350626R",
        40,
        0,
    ),
    # ref:UAI wins whatever the distance (here 500 m, beyond the name threshold).
    (2, "École Jean Zay", {"amenity": "school", "ref:UAI": "0350612a"}, "0350612A", 0, 500),
    # No ref:UAI: the maternelle and the élémentaire Marcel Pagnol match by name, 120 m away.
    (3, "École Marcel Pagnol", {"amenity": "school", "isced:level": "0;1"}, "0350652U", -120, 0),
    # Same name as a directory school but 400 m away: too far, no match on either side.
    (4, "École maternelle Quineleu", {"amenity": "school", "isced:level": "0"}, "0350658A", 0, -400),
    # Close to the Diwan school, different name: no match.
    (5, "École des Arts Martiaux Bretons", {"amenity": "school"}, "0352500C", 30, 30),
    # Not expected in the directory at all: a driving school and a crèche.
    (6, "Auto-école du Centre", {"amenity": "school", "school": "driving"}, "0350612A", 10, 10),
    (7, "Crèche Les Lutins", {"amenity": "kindergarten"}, "0350612A", -10, 10),
]


@pytest.fixture(scope="module")
def to_l93():
    wgs84, l93 = osr.SpatialReference(), osr.SpatialReference()
    wgs84.ImportFromEPSG(4326)
    l93.ImportFromEPSG(2154)
    wgs84.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    transform = osr.CoordinateTransformation(wgs84, l93)

    def project(lat, lon):
        x, y, _ = transform.TransformPoint(lon, lat)
        return x, y

    return project


@pytest.fixture(scope="module")
def joined(to_l93):
    directory = read_directory_csv(data_path("fr", "annuaire_education_35_2023.csv"), commune_codes=["35238"])
    placed = [PlacedDirectorySchool(s, *to_l93(s.latitude, s.longitude)) for s in directory.schools]
    where = {p.school.uai: (p.x, p.y) for p in placed}
    osm = [
        OsmSchool(osm_id, name, tags, where[uai][0] + dx, where[uai][1] + dy)
        for osm_id, name, tags, uai, dx, dy in OSM_SCHOOLS
    ]
    return directory, join_schools(placed, osm)


def test_matches_by_ref_then_by_name_and_distance(joined):
    _, result = joined
    found = {(m.uai, m.osm_id, m.method) for m in result.matches}
    assert found == {
        ("0350626R", 1, "ref_uai"),
        ("0350650S", 1, "ref_uai"),
        ("0350612A", 2, "ref_uai"),
        ("0350652U", 3, "name_distance"),
        ("0350602P", 3, "name_distance"),
    }
    pagnol = result.for_uai("0350652U")
    assert pagnol.distance_m == pytest.approx(120, abs=1)
    assert result.for_uai("0350612A").distance_m == pytest.approx(500, abs=1)


def test_gaps_on_both_sides(joined):
    directory, result = joined
    schools = [s for s in directory.schools if s.is_school]
    missing = {p.school.uai for p in result.missing_in_osm}
    # Every Rennes school but the five matched ones is missing in this tiny "OSM".
    assert len(missing) == len(schools) - 5 == 141
    assert {"0350658A", "0352500C", "0350950T"} <= missing  # too far, other name, UAI-identified school
    assert not missing & {"0350626R", "0350650S", "0350612A", "0350652U", "0350602P"}
    # Administrative services and guidance centres are never "missing in OSM".
    assert all(p.school.kind in ("Ecole", "Collège", "Lycée", "EREA") for p in result.missing_in_osm)
    # OSM side: the far Quineleu and the martial-arts school; not the driving school nor the crèche.
    assert [s.osm_id for s in result.missing_in_directory] == [4, 5]


@pytest.mark.parametrize(
    "a, b, match",
    [
        ("Ecole maternelle publique Marcel Pagnol", "École Marcel Pagnol", True),
        ("Ecole élémentaire publique Jean Zay", "Groupe scolaire Jean-Zay", True),
        ("Ecole primaire privée Sainte-Thérèse", "École Sainte Therese", True),
        ("Ecole primaire publique Jules Verne", "École Verne", True),  # all words of one in the other
        ("Collège Anne de Bretagne", "College Ane de Bretagne", True),  # a typo
        ("Ecole primaire privée Saint-Charles", "École Charles de Gaulle", False),  # one shared word
        ("Ecole primaire publique", "École primaire", False),  # nothing distinctive
        ("Ecole maternelle publique Quineleu", "École Jean Zay", False),
    ],
)
def test_name_similarity(a, b, match):
    assert (name_similarity(a, b) >= 0.75) is match


def test_one_directory_entry_matches_the_closest_of_two_namesakes(to_l93):
    directory = read_directory_csv(data_path("fr", "annuaire_education_35_2023.csv"), commune_codes=["35238"])
    (pagnol,) = [s for s in directory.schools if s.uai == "0350652U"]
    x, y = to_l93(pagnol.latitude, pagnol.longitude)
    osm = [
        OsmSchool(10, "École Marcel Pagnol", {"amenity": "school"}, x + 200, y),
        OsmSchool(11, "École Marcel Pagnol", {"amenity": "school"}, x, y + 50),
    ]
    result = join_schools([PlacedDirectorySchool(pagnol, x, y)], osm)
    (match,) = result.matches
    assert match.osm_id == 11 and math.isclose(match.distance_m, 50, abs_tol=0.01)
    assert [s.osm_id for s in result.missing_in_directory] == [10]
