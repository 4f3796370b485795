"""Many territories: expansion of TERRITORIES, ranks, the comparison table, the run log (pure core)."""

import pytest

from mobility_diagnosis.core.many import (
    IndicatorValue,
    RunRecord,
    TerritoriesError,
    better_directions,
    comparison_table,
    expand_territories,
    has_epci,
    rank_values,
    safe_folder_name,
    split_tokens,
    summary,
)
from mobility_diagnosis.qgis_io.osm.territory_resolver import commune_index


@pytest.fixture(scope="module")
def index():
    return commune_index()


@pytest.mark.parametrize(
    "text, tokens",
    [
        ("06012, 06032 06150", ["06012", "06032", "06150"]),
        ("06012\n06032;06150\t", ["06012", "06032", "06150"]),
        ("  ", []),
    ],
)
def test_split_tokens(text, tokens):
    assert split_tokens(text) == tokens


def test_list_of_codes_keeps_order_and_drops_duplicates(index):
    specs = expand_territories("06150 06012,06032 06012", index)
    assert [s.code for s in specs] == ["06150", "06012", "06032"]
    assert specs[0].name == "La Turbie" and specs[1].population and specs[1].population > 10000


# Commune counts per département of the bundled list (COG 2023, @etalab/decoupage-administratif 6.0.0).
@pytest.mark.parametrize(
    "code, count, first",
    [("06", 163, "06001"), ("2A", 124, "2A001"), ("974", 24, "97401"), ("2b", 236, "2B002")],
)
def test_departement_expands_with_the_bundled_list(index, code, count, first):
    specs = expand_territories(code, index)
    assert len(specs) == count
    assert specs[0].code == first
    assert all(s.code.startswith(code.upper()) for s in specs)


def test_departement_and_codes_mixed(index):
    specs = expand_territories("2A004 06", index)
    assert specs[0].code == "2A004" and len(specs) == 1 + 163


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("", "No territory given"),
        ("06999", "06999"),  # no such commune
        ("99", "département 99"),
        ("Nice", "“Nice” is neither"),  # names are for the single-territory algorithm
        ("1234", "“1234” is neither"),
    ],
)
def test_bad_input_says_what_to_type(index, text, fragment):
    with pytest.raises(TerritoriesError) as info:
        expand_territories(text, index)
    assert fragment in str(info.value)


def test_epci_offline_is_a_clear_error(index):
    assert has_epci("200039915") and not has_epci("06 06012")
    with pytest.raises(TerritoriesError) as info:
        expand_territories("200039915", index, epci_members=None)
    assert "INSEE codes" in str(info.value) and "TERRITORY_LAYER" in str(info.value)
    with pytest.raises(TerritoriesError) as info:
        expand_territories("200039915", index, epci_members=None, lang="fr")
    assert "codes INSEE" in str(info.value)


def test_epci_members_come_from_the_callback(index):
    asked = []

    def members(siren):
        asked.append(siren)
        return [("06012", "BEAUSOLEIL (online spelling)"), ("06150", "La Turbie")]

    specs = expand_territories("200039915 06032", index, members)
    assert asked == ["200039915"]
    assert [s.code for s in specs] == ["06012", "06150", "06032"]
    assert specs[0].name == "Beausoleil"  # the bundled list's name wins
    with pytest.raises(TerritoriesError, match="no commune"):
        expand_territories("200039915", index, lambda siren: [])


@pytest.mark.parametrize(
    "values, better, ranks",
    [
        ([10.0, 30.0, 20.0], "higher", [3, 1, 2]),
        ([10.0, 30.0, 20.0], "lower", [1, 3, 2]),
        ([5.0, 5.0, 1.0, None], "higher", [1, 1, 3, None]),  # ties share the best rank; no value, no rank
        ([None, None], "lower", [None, None]),
    ],
)
def test_rank_values(values, better, ranks):
    assert rank_values(values, better) == ranks


def test_comparison_table():
    indicators = {
        "06012": [
            IndicatorValue("cycling", "share_lts_le2", 40.0, "%"),
            IndicatorValue("parking", "bike_spaces", 3.0),
        ],
        "06032": [IndicatorValue("cycling", "share_lts_le2", 55.0, "%")],
        "06150": [
            IndicatorValue("cycling", "share_lts_le2", 40.0, "%"),
            IndicatorValue("parking", "bike_spaces", 9.0),
        ],
    }
    territories = [("06012", "Beausoleil"), ("06032", "Cap-d'Ail"), ("06150", "La Turbie")]
    table = comparison_table(territories, indicators)
    assert [r["code"] for r in table.rows] == ["06012", "06032", "06150"]
    assert table.indicator_columns == ["cycling_share_lts_le2", "parking_bike_spaces"]
    assert table.rank_columns == ["rank_cycling_share_lts_le2"]  # bike_spaces has no "better" direction
    assert [r["rank_cycling_share_lts_le2"] for r in table.rows] == [2, 1, 2]
    assert table.rows[1]["parking_bike_spaces"] is None  # missing in a territory: empty, not zero
    assert table.columns[:2] == ["code", "name"] and table.units["cycling_share_lts_le2"] == "%"


def test_better_table_is_well_formed():
    better = better_directions()
    assert set(better.values()) <= {"higher", "lower"}
    assert better[("cycling", "share_lts_le2")] == "higher"


@pytest.mark.parametrize(
    "code, folder", [("06032", "06032"), ("2A004", "2A004"), ("../x y", "_x_y"), ("", "territory")]
)
def test_safe_folder_name(code, folder):
    assert safe_folder_name(code) == folder


def test_run_log_rows_and_summary():
    records = [RunRecord("06012", "Beausoleil", "done", 3.14159, "", 1),
               RunRecord("06032", "Cap-d'Ail", "failed", 0.5, "boom", 2),
               RunRecord("06150", "La Turbie", "skipped")]  # fmt: skip
    assert records[0].as_row() == {"code": "06012", "name": "Beausoleil", "status": "done", "seconds": 3.14,
                                   "error": "", "attempts": 1}  # fmt: skip
    assert summary(records) == {"done": 1, "failed": 1, "skipped": 1}
