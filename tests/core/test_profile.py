"""The census profile on real communes, against INSEE's official files read here independently (the zip
and the statistiques locales export with ``csv``): the bundled tables, the reader of both layouts, the
figures and their references (ratios of sums), arrondissements, secret cells, communes not in France."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest

from mobility_diagnosis.core import census as cs
from mobility_diagnosis.core import profile as pf
from tests.conftest import data_path

COMMUNES = ("24322", "2A004", "06032")  # Périgueux, Ajaccio, Cap-d'Ail


def _official_comparateur() -> dict[str, dict[str, str]]:
    with zipfile.ZipFile(data_path("fr", "insee_comparateur_rp2018.zip")) as archive:
        text = archive.read("base_cc_comparateur.CSV").decode("utf-8")
    return {row["CODGEO"]: row for row in csv.DictReader(io.StringIO(text), delimiter=";")}


def _official_mobility() -> dict[str, list[str]]:
    lines = (
        data_path("fr", "insee_statistiques_locales_mobilite_rp2021.csv").read_text("utf-8-sig").splitlines()
    )
    rows = list(csv.reader(lines[2:], delimiter=";"))
    return {row[0]: row for row in rows[1:]}


@pytest.fixture(scope="module")
def official():
    return _official_comparateur(), _official_mobility()


@pytest.fixture(scope="module")
def bundled():
    census = pf.Census.of(cs.bundled_tables())
    return census, pf.reference_groups(census)


def _num(text: str):
    try:
        return float(text)
    except ValueError:
        return None


def test_perigueux_matches_the_issue(bundled):
    census, groups = bundled
    profile = pf.territory_profile(census, "24322", "en", groups)
    assert profile.value("population") == 30060
    assert profile.value("area") == pytest.approx(9.82)
    assert round(profile.value("jobs")) == 21777
    assert profile.value("density") == pytest.approx(30060 / 9.82)
    assert profile.value("commute_bike") == pytest.approx(4.1)
    assert profile.value("households_with_car") == pytest.approx(72.7)
    assert profile.density_class == "dense" and profile.departement == "24"
    assert profile.year == 2018 and profile.mobility_year == 2021
    assert "INSEE" in profile.source and "Licence Ouverte" in profile.source


@pytest.mark.parametrize("code", COMMUNES)
def test_commune_figures_match_the_official_file(bundled, official, code):
    base, mobility = official
    census, groups = bundled
    profile = pf.territory_profile(census, code, "fr", groups)
    row = base[code]
    pop, prev = float(row["P18_POP"]), float(row["P13_POP"])
    employed = float(row["P18_ACT1564"]) - float(row["P18_CHOM1564"])
    expected = {
        "population": pop,
        "population_change": 100 * (pop / prev - 1),
        "area": float(row["SUPERF"]),
        "households": float(row["P18_MEN"]),
        "jobs_per_employed": float(row["P18_EMPLT"]) / employed,
        "unemployment_rate": 100 * float(row["P18_CHOM1564"]) / float(row["P18_ACT1564"]),
        "commute_transit": float(mobility[code][2]),
        "households_with_car": float(mobility[code][3]),
        "commute_car": float(mobility[code][4]),
    }
    for indicator, value in expected.items():
        assert profile.value(indicator) == pytest.approx(value, rel=1e-3), indicator


def _reference(base, mobility, codes):
    """The references as the module docstring defines them, from the official rows: sums, then ratios;
    arrondissements out (their commune counts them), cells missing left out of both sums."""
    codes = [c for c in codes if not c.startswith(("751", "132", "6938"))]
    pop = sum(float(base[c]["P18_POP"]) for c in codes if base[c]["P18_POP"] and base[c]["SUPERF"])
    area = sum(float(base[c]["SUPERF"]) for c in codes if base[c]["P18_POP"] and base[c]["SUPERF"])
    unemployed = sum(float(base[c]["P18_CHOM1564"]) for c in codes if base[c]["P18_CHOM1564"])
    active = sum(float(base[c]["P18_ACT1564"]) for c in codes if base[c]["P18_CHOM1564"])
    car = weight = 0.0
    for c in codes:
        share = _num(mobility[c][4]) if c in mobility else None
        if share is None or not base[c]["P18_ACT1564"]:
            continue
        employed = float(base[c]["P18_ACT1564"]) - float(base[c]["P18_CHOM1564"])
        car += share * employed
        weight += employed
    return {
        "density": pop / area,
        "unemployment_rate": 100 * unemployed / active,
        "commute_car": car / weight,
    }


@pytest.mark.parametrize("code", COMMUNES)
def test_references_are_ratios_of_sums(bundled, official, code):
    base, mobility = official
    census, groups = bundled
    profile = pf.territory_profile(census, code, "en", groups)
    dep = pf.departement_of(code)
    same_dep = [c for c in base if pf.departement_of(c) == dep]
    france = list(base)
    for indicator, value in _reference(base, mobility, same_dep).items():
        row = next(r for r in profile.rows if r.indicator == indicator)
        assert row.departement == pytest.approx(value, rel=1e-4), indicator
    for indicator, value in _reference(base, mobility, france).items():
        row = next(r for r in profile.rows if r.indicator == indicator)
        assert row.france == pytest.approx(value, rel=1e-4), indicator
    # France 2018 (with its overseas départements but without Mayotte): INSEE's published total
    assert next(r for r in profile.rows if r.indicator == "population").france == 66_732_538


def test_density_class_reference(bundled, official):
    base, _mobility = official
    census, groups = bundled
    profile = pf.territory_profile(census, "2A004", "en", groups)  # Ajaccio: 863 inhabitants/km²
    assert profile.density_class == "intermediate"
    members = [
        c for c, r in base.items()
        if r["P18_POP"] and r["SUPERF"] and not c.startswith(("751", "132", "6938"))
        and 300 <= float(r["P18_POP"]) / float(r["SUPERF"]) < 1500
    ]  # fmt: skip
    pop = sum(float(base[c]["P18_POP"]) for c in members)
    area = sum(float(base[c]["SUPERF"]) for c in members)
    density = next(r for r in profile.rows if r.indicator == "density")
    assert density.density_class == pytest.approx(pop / area, rel=1e-4)
    population = next(r for r in profile.rows if r.indicator == "population")
    assert population.density_class is None  # a class's total means nothing


def test_averages_of_ratios_would_differ(bundled, official):
    """The département's density is not the mean of its communes' densities (the rule is not idle)."""
    base, _mobility = official
    census, groups = bundled
    row = next(
        r for r in pf.territory_profile(census, "24322", "en", groups).rows if r.indicator == "density"
    )
    densities = [float(r["P18_POP"]) / float(r["SUPERF"]) for c, r in base.items() if c.startswith("24")]
    assert abs(row.departement - sum(densities) / len(densities)) > 1


def test_arrondissement_uses_its_own_counts_and_its_commune_shares(bundled, official):
    base, mobility = official
    census, groups = bundled
    profile = pf.territory_profile(census, "75111", "fr", groups)
    assert profile.value("population") == float(base["75111"]["P18_POP"])
    assert profile.value("commute_bike") == pytest.approx(float(mobility["75056"][5]))
    assert profile.departement == "75"
    assert any("75056" in note for note in profile.notes)
    # Paris counted once in its département, not twice with its arrondissements
    population = next(r for r in profile.rows if r.indicator == "population")
    assert population.departement == float(base["75056"]["P18_POP"])


@pytest.mark.parametrize("code", ["99138", "MC", "", "97615"])
def test_absent_or_secret_communes_give_empty_rows(bundled, code):
    census, groups = bundled
    profile = pf.territory_profile(census, code, "en", groups)
    assert not profile.available
    assert all(row.value is None for row in profile.rows)
    assert len(profile.rows) == len(pf.FIGURES)


def test_a_territory_outside_the_census_says_why_in_its_first_figure(bundled):
    """The report leaves the profile page out and the synthesis reads this row: not « Population : non
    disponible », which says nothing of the cause."""
    census, groups = bundled
    rows = pf.indicator_rows(pf.territory_profile(census, "MC", "fr", groups), "fr")
    assert rows[0][0] == "census_data" and rows[0][2] is None
    assert rows[0][1].startswith(
        "Chiffres du recensement : non disponibles (MC ne figure pas dans les tables"
    )
    assert [r[0] for r in rows[1:]] == [f.id for f in pf.FIGURES]
    english = pf.indicator_rows(pf.territory_profile(census, "MC", "en", groups), "en")
    assert english[0][1].startswith("Census figures: not available (MC is not in INSEE's census tables")


def test_a_commune_of_the_census_has_no_row_saying_why(bundled):
    census, groups = bundled
    rows = pf.indicator_rows(pf.territory_profile(census, "06032", "fr", groups), "fr")
    assert "census_data" not in [r[0] for r in rows] and len(rows) == len(pf.FIGURES)


def test_secret_cells_read_as_missing_not_zero():
    assert cs.number("") is None and cs.number("s") is None
    assert cs.number("N/A - résultat non disponible") is None
    assert cs.number("12,5") == 12.5 and cs.number("0") == 0.0


def test_reader_reads_both_layouts_and_a_newer_vintage():
    official = data_path("fr", "insee_statistiques_locales_mobilite_rp2021.csv").read_text("utf-8-sig")
    table = cs.parse_census(official.splitlines())
    assert table.kind == cs.MOBILITY and table.year == 2021
    assert table.rows["24322"]["share_car"] == 61.9
    assert table.rows["97615"]["share_car"] is None
    resaved = "CODGEO,P19_POP,P14_POP,SUPERF\n24322,29912,30069,9.82\n"  # re-saved with ",", a later edition
    newer = cs.parse_census(resaved.splitlines())
    assert newer.kind == cs.COMPARATEUR and newer.year == 2019 and newer.previous_year == 2014
    assert newer.rows["24322"] == {"population": 29912, "area_km2": 9.82, "population_prev": 30069}


def test_reader_opens_the_official_zip():
    table = cs.read_census(data_path("fr", "insee_comparateur_rp2018.zip"))
    assert table.kind == cs.COMPARATEUR and len(table.rows) == 35010
    assert table.rows["24322"]["population"] == 30060


def test_not_a_census_file(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("a;b\n1;2\n", encoding="utf-8")
    with pytest.raises(cs.CensusFileError, match="CODGEO"):
        cs.read_census(path)
    with pytest.raises(cs.CensusFileError, match="does not exist"):
        cs.read_census(tmp_path / "missing.csv")


@pytest.mark.parametrize("density, klass", [(0, "very_low"), (24.9, "very_low"), (25, "low"),
                                            (300, "intermediate"), (1500, "dense"), (None, None)])  # fmt: skip
def test_density_classes(density, klass):
    assert pf.density_class(density) == klass


def test_french_labels():
    census = pf.Census.of(cs.bundled_tables())
    profile = pf.territory_profile(census, "24322", "fr")
    labels = {row.indicator: row.label for row in profile.rows}
    assert labels["commute_bike"] == "Actifs occupés allant travailler à vélo 2021"
    assert "Licence Ouverte" in profile.source
