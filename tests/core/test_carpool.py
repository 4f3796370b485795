"""Carpool trips of a commune from the carpool proof register's monthly files (core.carpool), on rows written
after the register's documented columns (tests/support/carpool_register.py says which documents), and their
reading in the report (months in words, the period)."""

import pytest

from mobility_diagnosis.core import carpool as cp
from mobility_diagnosis.core.indicators import Indicator
from mobility_diagnosis.core.report_text import format_value, period_in_words, readings
from tests.support.carpool_register import (
    CAP_DAIL,
    CAP_DAIL_EXPECTED,
    FEBRUARY,
    JANUARY,
    MENTON,
    journey,
    month_csv,
)


def _tables(*months):
    return [cp.read_trips_text(month_csv(rows).decode(), {CAP_DAIL}, "m.csv") for rows in months]


def test_counts_over_two_months_match_the_rows_by_hand():
    trips = cp.territory_trips(_tables(JANUARY, FEBRUARY), CAP_DAIL)
    expected = CAP_DAIL_EXPECTED
    assert (trips.outgoing, trips.incoming, trips.internal) == (
        expected["outgoing"], expected["incoming"], expected["internal"])  # fmt: skip
    assert trips.total == 10
    assert trips.months == ["2024-01", "2024-02"]
    assert trips.mean_distance_km == expected["mean_distance_km"] == 8.3
    assert trips.destinations == expected["destinations"]
    assert trips.origins == expected["origins"]


def test_a_month_without_the_commune_still_counts_as_read():
    table = cp.read_trips_text(
        month_csv([journey(1, MENTON, MENTON, "2024-03-04", 3000)]).decode(), {CAP_DAIL}
    )
    assert table.rows == [] and table.months == {"2024-03"}
    trips = cp.territory_trips([table], CAP_DAIL)
    assert trips.total == 0 and trips.months == ["2024-03"] and trips.mean_distance_km is None


def test_commune_without_trips_has_zero_not_unknown():
    nice = cp.read_trips_text(month_csv(JANUARY).decode(), {"06088"})
    trips = cp.territory_trips([nice], "06088")  # to Cap-d'Ail ×2, to Menton ×2; from Cap-d'Ail ×3
    assert (trips.outgoing, trips.incoming, trips.internal) == (4, 3, 0)
    assert trips.destinations == [("06032", "Cap-d'Ail", 2), (MENTON, "Menton", 2)]
    antibes = cp.read_trips_text(month_csv(JANUARY).decode(), {"06004"})  # no row
    nobody = cp.territory_trips([antibes], "06004")
    assert nobody.total == 0 and nobody.months == ["2024-01"]
    rows = {r.indicator: r.value for r in cp.indicator_rows(nobody, "fr")}
    assert rows["carpool_trips"] == 0.0 and rows["carpool_mean_distance"] is None


def test_comma_resave_bom_and_four_digit_codes_are_read():
    text = month_csv(JANUARY).decode().replace(";", ",").replace('"06032"', '"6032"')
    table = cp.read_trips_text("\ufeff" + text, {CAP_DAIL})
    assert len(table.rows) == 7  # every journey of Cap-d'Ail, its code without the leading zero


def test_a_file_that_is_not_the_register_names_what_to_give():
    with pytest.raises(cp.CarpoolFileError, match="journey_start_insee"):
        cp.read_trips_text("code;flow\n06032;3\n", {CAP_DAIL}, "mobpro.csv")
    with pytest.raises(cp.CarpoolFileError, match="registre de preuve"):
        cp.read_trips_text("a;b\n", {CAP_DAIL}, "x.csv", lang="fr")


def test_kept_rows_written_back_read_the_same():
    tables = _tables(JANUARY, FEBRUARY)
    again = cp.read_trips_text(cp.trips_csv(tables), {CAP_DAIL})
    assert len(again.rows) == 10
    assert cp.territory_trips([again], CAP_DAIL) == cp.territory_trips(tables, CAP_DAIL)


def test_indicator_rows_and_unavailable_rows():
    trips = cp.territory_trips(_tables(JANUARY, FEBRUARY), CAP_DAIL)
    rows = {r.indicator: r for r in cp.indicator_rows(trips, "fr")}
    assert rows["carpool_trips"].value == 10 and "2024-01–2024-02" in rows["carpool_trips"].label
    assert rows["carpool_first_month"].value == 202401 and rows["carpool_last_month"].value == 202402
    assert rows["carpool_destination_1"].label == "Destination en covoiturage n°\u00a01\u00a0: Nice (06088)"
    assert rows["carpool_destination_1"].value == 3 and rows["carpool_origin_1"].value == 2
    assert "carpool_destination_3" not in rows  # two destinations only
    unknown = cp.indicator_rows(None, "en", "not available offline")
    assert [r.indicator for r in unknown] == [f"carpool_{k}" for k in cp.COUNT_ROWS]
    assert all(r.value is None and r.label.endswith("unavailable: not available offline") for r in unknown)


@pytest.mark.parametrize(
    ("first", "last", "lang", "expected"),
    [
        (202403, 202403, "fr", "en mars 2024"),
        (202401, 202403, "fr", "de janvier à mars 2024"),
        (202311, 202402, "fr", "de novembre 2023 à février 2024"),
        (202401, 202402, "en", "from January to February 2024"),
    ],
)
def test_period_in_words(first, last, lang, expected):
    assert period_in_words(first, last, lang) == expected


def test_the_report_reads_the_trips_with_their_period():
    trips = cp.territory_trips(_tables(JANUARY, FEBRUARY), CAP_DAIL)
    texts = [r.text for r in readings("commuting", cp.indicator_rows(trips, "fr"), "fr")]
    assert (
        "10 trajets en covoiturage déclarés au registre de preuve depuis ou vers la commune de janvier à "
        "février 2024." in texts
    )
    assert (
        "Départs de la commune\u00a0: 5, arrivées\u00a0: 4, trajets internes\u00a0: 1\u00a0; distance moyenne\u00a0: "
        "8,3 km." in texts
    )
    month = Indicator("commuting", "carpool_first_month", "Premier mois lu", 202401.0, "yyyymm")
    assert format_value(month, "fr") == "janvier 2024"


def test_unavailable_trips_are_not_read_as_zero():
    texts = [r.text for r in readings("commuting", cp.indicator_rows(None, "fr", "hors ligne"), "fr")]
    assert not any("trajets en covoiturage déclarés" in t for t in texts)
