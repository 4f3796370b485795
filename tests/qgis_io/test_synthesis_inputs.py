"""The synthesis read from a real diagnosis (Monaco, the four themes run by their algorithms): the actions
name the territory's real streets and schools, and every figure they print is recomputed here from the
layers with QGIS geometry (not the reader's OGR code); French and English runs are each in one language."""

import shutil
import sqlite3

import pytest
from osgeo import ogr
from qgis.core import QgsGeometry, QgsPointXY, QgsVectorLayer

from mobility_diagnosis.core.report_text import format_number
from mobility_diagnosis.core.synthesis import build_synthesis, candidates
from mobility_diagnosis.core.synthesis.inputs import GAP_ACCESS_M, SCHOOL_CATCHMENT_M, SCHOOL_CROSSING_M
from mobility_diagnosis.qgis_io.export.synthesis_inputs import SynthesisReadError, read_synthesis_inputs

THEMES = ("cycling", "accessibility", "parking", "schools")


@pytest.fixture(scope="module")
def diagnosis(tmp_path_factory, monaco_territory):
    import processing

    path = str(tmp_path_factory.mktemp("synthesis") / "diagnosis.gpkg")
    for theme in THEMES:
        processing.run(f"mobilitydiagnosis:{theme}", {"INPUT": monaco_territory, "OUTPUT": path})
    return path


@pytest.fixture(scope="module")
def inputs(diagnosis):
    return read_synthesis_inputs(diagnosis)


@pytest.fixture(scope="module")
def french(inputs):
    return build_synthesis(inputs, "fr")


def sql(path, query, *args):
    with sqlite3.connect(path) as db:
        return db.execute(query, args).fetchall()


def layer(path, name):
    lyr = QgsVectorLayer(f"{path}|layername={name}", name, "ogr")
    assert lyr.isValid(), name
    return lyr


def homes(path):
    """Centroids of the residential origins inside the territory, by QGIS."""
    return [
        (f.geometry().centroid().asPoint(), f["school_id"], f["dist_school_m"])
        for f in layer(path, "walk_access").getFeatures()
        if f["inside"]
    ]


def fr(value):
    return format_number(value, "fr")


def test_french_synthesis_has_3_to_7_actions_over_several_themes(french):
    assert 3 <= len(french.actions) <= 7
    assert len({a.theme for a in french.actions}) >= 3
    assert [a.rank for a in french.actions] == list(range(1, len(french.actions) + 1))
    kinds = {a.kind for a in french.actions}
    assert {"cycling_gap", "school_street"} <= kinds


def test_gap_actions_name_real_streets_and_their_figures_match_the_layers(
    diagnosis, monaco_territory, french
):
    territory_names = {n for (n,) in sql(monaco_territory, "SELECT name FROM streets WHERE name IS NOT NULL")}
    islands = {f["island_id"]: f for f in layer(diagnosis, "cycling_islands").getFeatures()}
    origins = homes(diagnosis)
    gap_actions = [a for a in french.actions if a.kind == "cycling_gap"]
    assert gap_actions
    for action in gap_actions:
        (gap_id,) = action.places[0].values
        ((length, kind, osm_ids, a, b),) = sql(
            diagnosis,
            "SELECT length_m, kind, osm_ids, island_a, island_b FROM cycling_gaps WHERE gap_id = ?",
            gap_id,
        )
        ids = [int(i) for i in osm_ids.split(",")]
        names = {
            n
            for (n,) in sql(
                diagnosis,
                f"SELECT name FROM cycling_segments WHERE name IS NOT NULL AND osm_id IN ({','.join('?' * len(ids))})",
                *ids,
            )
        }
        assert names and names <= territory_names  # real streets of Monaco
        assert all(n in action.title for n in names), (names, action.title)
        assert f"{fr(length)}\u00a0m" in action.where or f"{fr(length)} m" in action.where
        # homes within 150 m of the smaller island, recomputed with QGIS geometry
        small = (
            min((islands[a], islands[b]), key=lambda f: f["length_m"])
            if kind != "destination"
            else islands[a]
        )
        geom = small.geometry()
        expected = sum(1 for p, _, _ in origins if geom.distance(QgsGeometry.fromPointXY(p)) <= GAP_ACCESS_M)
        assert action.beneficiaries == expected
        assert f"{fr(expected)} bâtiments résidentiels" in action.effect


def test_school_street_actions_match_the_candidates_and_catchments(diagnosis, french):
    schools = {f["osm_id"]: f for f in layer(diagnosis, "school_diagnosis").getFeatures()}
    candidates_layer = layer(diagnosis, "school_street_candidates")
    origins = homes(diagnosis)
    actions = [a for a in french.actions if a.kind == "school_street"]
    assert actions
    for action in actions:
        (school_id,) = action.places[0].values
        school = schools[school_id]
        assert school["name"] in action.title
        parts = [
            f for f in candidates_layer.getFeatures()
            if f["school_osm_id"] == school_id and f["reason"] != "existing_school_street"
        ]  # fmt: skip
        assert sorted(action.places[1].values) == sorted(f["osm_id"] for f in parts)
        assert fr(sum(f.geometry().length() for f in parts)) in action.where
        assert fr(100.0 * school["calm_share"]) in action.why
        ref = {"node": "n", "way": "w"}[school["osm_type"]] + str(school_id)
        catchment = sum(1 for _, s, d in origins if s == ref and d is not None and d <= SCHOOL_CATCHMENT_M)
        assert action.beneficiaries == catchment and fr(catchment) in action.effect


def test_crossings_around_schools_are_those_of_crossing_access(diagnosis, inputs):
    crossings = [
        (f.geometry().asPoint(), f["osm_id"], f["kerb"])
        for f in layer(diagnosis, "crossing_access").getFeatures()
    ]
    for school in layer(diagnosis, "school_diagnosis").getFeatures():
        point = QgsGeometry.fromPointXY(QgsPointXY(school.geometry().asPoint()))
        near = [c for c in crossings if point.distance(QgsGeometry.fromPointXY(c[0])) <= SCHOOL_CROSSING_M]
        read = next(s for s in inputs.schools if s.osm_id == school["osm_id"])
        assert sorted(read.crossings_ok) == sorted(c[1] for c in near if c[2] in ("lowered", "flush"))
        assert sorted(read.crossings_unknown) == sorted(c[1] for c in near if c[2] == "unknown")
        assert len(read.crossings_ok + read.crossings_to_fix + read.crossings_unknown) == len(near)


def test_denominators_are_those_the_themes_counted(diagnosis, inputs):
    values = {i.indicator: i.value for i in inputs.indicators}
    stops = inputs.counts["stops"]
    (yes,) = sql(diagnosis, "SELECT count(*) FROM stop_access WHERE inside = 1 AND wheelchair = 'yes'")[0]
    assert 100.0 * yes / stops == pytest.approx(values["share_stops_wheelchair_yes"])
    (lowered,) = sql(
        diagnosis, "SELECT count(*) FROM crossing_access WHERE inside = 1 AND kerb IN ('lowered', 'flush')"
    )[0]
    assert 100.0 * lowered / inputs.counts["crossings"] == pytest.approx(
        values["share_crossings_lowered_kerb"]
    )
    (served,) = sql(diagnosis, "SELECT count(*) FROM walk_access WHERE inside = 1 AND dist_stop_m <= 500")[0]
    assert 100.0 * served / inputs.counts["homes"] == pytest.approx(values["share_within_500m_stop"])
    (unknown,) = sql(
        diagnosis, "SELECT count(*) FROM stop_access WHERE inside = 1 AND wheelchair = 'unknown'"
    )[0]
    assert inputs.counts["stops_wheelchair_unknown"] == unknown
    # the cycling shares' street length: ways inside, open to motor traffic, cycling allowed
    non_street = ("cycleway", "path", "footway", "bridleway", "pedestrian", "steps", "track")
    ways = [
        (f.geometry().length(), f["lts"])
        for f in layer(diagnosis, "cycling_segments").getFeatures()
        if f["inside"] and f["lts"] > 0 and f["highway"] not in non_street
    ]
    assert inputs.counts["street_km"] == pytest.approx(sum(m for m, _ in ways) / 1000.0)
    low = sum(m for m, lts in ways if lts <= 2)
    assert 100.0 * low / sum(m for m, _ in ways) == pytest.approx(values["share_lts_le2"], abs=0.005)


def test_findings_and_annexes(french, inputs):
    themes = set(french.findings)
    assert themes == set(THEMES)
    texts = [f.text for fs in french.findings.values() for f in fs]
    assert all(t.startswith(("Point fort", "Point faible", "Non évalué")) for t in texts)
    assert len(french.schools) == len(inputs.schools) and french.schools[0].score <= french.schools[-1].score
    assert [g.gap_id for g in french.gaps] == sorted(g.gap_id for g in inputs.gaps)
    mapping = {m.key for m in french.mapping}
    assert {"stops_wheelchair_unknown", "crossings_kerb_unknown", "share_no_speed_tag"} <= mapping


FRENCH_WORDS = (
    "Créer",
    "liaison",
    "discontinuité",
    "bâtiments",
    "traversées",
    "marquage",
    "travaux",
    "Point f",
)
ENGLISH_WORDS = (
    "Strength",
    "Weakness",
    "island",
    "gap no.",
    "residential buildings",
    "works",
    "school street",
)


def all_texts(synthesis):
    out = [f.text for fs in synthesis.findings.values() for f in fs]
    out += [t for a in synthesis.actions for t in (a.title, a.where, a.why, a.effect, a.cost_text)]
    out += [r.problem for r in synthesis.schools] + [g.joins for g in synthesis.gaps]
    return out + [m.text for m in synthesis.mapping]


def test_english_run_is_in_english_and_french_in_french(inputs, french):
    english = build_synthesis(inputs, "en")
    assert [a.places for a in english.actions] == [a.places for a in french.actions]  # same decisions
    en_text, fr_text = " ".join(all_texts(english)), " ".join(all_texts(french))
    assert not [w for w in FRENCH_WORDS if w in en_text]
    assert not [w for w in ENGLISH_WORDS if w in fr_text]
    assert "\u00a0:" not in en_text and " : " not in fr_text  # French colons have their no-break space
    # the page prints « Pourquoi : … »: after a French colon a sentence goes on in lower case
    assert all(not a.why[:1].isupper() for a in french.actions), [a.why for a in french.actions]


def test_without_walk_access_the_beneficiaries_are_unknown(diagnosis, tmp_path):
    copy = tmp_path / "no_walk.gpkg"
    shutil.copy(diagnosis, copy)
    ds = ogr.Open(str(copy), 1)
    ds.DeleteLayer(
        next(i for i in range(ds.GetLayerCount()) if ds.GetLayerByIndex(i).GetName() == "walk_access")
    )
    ds = None
    inputs = read_synthesis_inputs(str(copy))
    assert inputs.home_unit is None and "homes" not in inputs.counts
    found = candidates(inputs, "en")
    assert found and all(a.beneficiaries is None for a in found)
    assert all("not computed" in a.effect for a in found if a.kind != "bike_stands")


def test_a_file_that_is_not_a_diagnosis_is_refused(tmp_path, monaco_territory):
    with pytest.raises(SynthesisReadError, match="does not exist"):
        read_synthesis_inputs(str(tmp_path / "missing.gpkg"))
    with pytest.raises(SynthesisReadError, match="not a diagnosis"):
        read_synthesis_inputs(monaco_territory)
