"""Parsing the real "Annuaire de l'éducation" export and its spreadsheet-mangled variants."""

import csv
import io

import pytest

from mobility_diagnosis.core.schools.directory import (
    DirectoryFormatError,
    normalise_commune_code,
    parse_directory_csv,
    parse_records,
    read_directory_csv,
)
from tests.conftest import data_path

CSV = data_path("fr", "annuaire_education_35_2023.csv")


def _rows():
    with open(CSV, encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f, delimiter=";")
        header = next(reader)
        return header, list(reader)


def _write(header, rows, *, sep=";", encoding="utf-8"):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=sep, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def test_real_export_parses_every_row():
    result = read_directory_csv(CSV)
    assert len(result.schools) == 996
    assert result.warnings == []
    first = result.schools[0]
    assert (first.uai, first.name, first.kind) == (
        "0350122T",
        "Ecole primaire publique les Lucioles",
        "Ecole",
    )
    assert first.commune_code == "35016"
    assert first.latitude == pytest.approx(47.98614492070133)
    assert first.longitude == pytest.approx(-1.9294895003671315)
    assert (first.maternelle, first.elementaire) == (True, True)
    assert first.row == 2


def test_filter_by_commune_code():
    rennes = read_directory_csv(CSV, commune_codes=["35238"])
    assert len(rennes.schools) == 193
    assert {s.commune_code for s in rennes.schools} == {"35238"}
    # Only schools children attend count for the OSM join: no administrative services.
    assert sum(s.is_school for s in rennes.schools) == 146
    assert not any(s.is_school for s in rennes.schools if s.kind == "Service Administratif")


def test_cp1252_comma_separated_with_decimal_commas_and_lowercase_names():
    header, rows = _rows()
    rows = rows[:20]
    lat, lon = header.index("latitude"), header.index("longitude")
    for row in rows:
        row[lat] = row[lat].replace(".", ",")
        row[lon] = row[lon].replace(".", ",")
    data = _write([h.lower() for h in header], rows, sep=",", encoding="cp1252")
    result = parse_directory_csv(data)
    assert len(result.schools) == 20
    assert result.schools[1].name == "Ecole élémentaire publique de Cardroc"  # accents survived cp1252
    assert result.schools[1].latitude == pytest.approx(48.28574732696515)


def test_rows_with_bad_coordinates_are_named_and_skipped():
    header, rows = _rows()
    rows = [list(r) for r in rows[:6]]
    lat, lon, pos = header.index("latitude"), header.index("longitude"), header.index("position")
    rows[1][lat] = rows[1][lon] = rows[1][pos] = ""  # missing
    rows[2][lat], rows[2][pos] = "north", ""  # not a number
    rows[3][lat], rows[3][lon], rows[3][pos] = "0", "0", ""  # the (0, 0) "unknown"
    rows[4][lat], rows[4][pos] = "147.2", ""  # out of range
    rows[5][lat] = rows[5][lon] = ""  # recovered from `position`
    result = parse_directory_csv(_write(header, [*rows, ["extra", "unknown"] + [""] * 3]))
    kept = [s.uai for s in result.schools]
    assert kept == [rows[0][0], rows[5][0]]
    assert result.schools[1].latitude == pytest.approx(float(rows[5][pos].split(",")[0]))
    bad = " ".join(result.warnings)
    for number, row in ((3, rows[1]), (4, rows[2]), (5, rows[3]), (6, rows[4])):
        assert f"Row {number} ({row[0]}" in bad
    # The ragged last row (too few cells) is warned about too, not a crash.
    assert any(w.startswith("Row 8 (EXTRA unknown)") for w in result.warnings)
    assert len(result.warnings) == 5


def test_unknown_columns_are_ignored():
    data = (
        b"Identifiant_de_l_etablissement;Colonne_maison;Nom_etablissement;latitude;longitude\r\n"
        b"0350122T;whatever;Ecole les Lucioles;47.98;-1.93\r\n"
    )
    (school,) = parse_directory_csv(data).schools
    assert (school.uai, school.name, school.kind, school.commune_code) == (
        "0350122T",
        "Ecole les Lucioles",
        "",
        "",
    )


@pytest.mark.parametrize(
    "content",
    [
        b"code;nom;population\r\n06032;Cap-d'Ail;4500\r\n",  # a commune list
        b"\x89PNG\r\n\x1a\n\x00\x00binary",  # not text
        b"just one line",
    ],
)
def test_a_file_that_is_not_a_directory_names_the_columns_expected(content):
    with pytest.raises(DirectoryFormatError) as error:
        parse_directory_csv(content, source="communes.csv")
    text = str(error.value)
    assert "communes.csv" in text
    assert "Identifiant_de_l_etablissement" in text and "latitude" in text


def test_directory_without_coordinates_is_an_error():
    with pytest.raises(DirectoryFormatError, match="latitude/longitude"):
        parse_directory_csv(b"Identifiant_de_l_etablissement;Nom_etablissement\r\n0350122T;X\r\n")


def test_french_messages():
    data = b"Identifiant_de_l_etablissement;Nom_etablissement;latitude;longitude\r\n0350122T;X;;\r\n"
    (warning,) = parse_directory_csv(data, lang="fr").warnings
    assert warning.startswith("Ligne 2 (0350122T X)")


def test_api_records_with_numbers_and_geo_point():
    records = [
        {
            "identifiant_de_l_etablissement": "0060001A",
            "nom_etablissement": "Ecole primaire publique du Cap",
            "type_etablissement": "Ecole",
            "code_commune": 6032,  # a number loses its leading zero
            "latitude": None,
            "longitude": None,
            "position": {"lon": 7.4, "lat": 43.72},
            "ecole_maternelle": 1,
            "ecole_elementaire": None,
        }
    ]
    (school,) = parse_records(records, commune_codes=["06032"]).schools
    assert (school.commune_code, school.latitude, school.longitude) == ("06032", 43.72, 7.4)
    assert (school.maternelle, school.elementaire) == (True, None)


@pytest.mark.parametrize(
    "raw, code",
    [("06032", "06032"), ("6032", "06032"), (6032, "06032"), ("2a004", "2A004"), ("35238.0", "35238")],
)
def test_commune_codes(raw, code):
    assert normalise_commune_code(raw) == code
