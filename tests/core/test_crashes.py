"""The ONISR crash-file reader (core.crashes) and the safety indicators (core.safety_indicators).

Rows come from two kinds of sources, said at each test:
- REAL: the real re-saved files of ../shared/data/fr (2020 caracteristiques with an index column and decimal
  commas, 2021 places and vehicles with ',' separators, the four-table 2019–2022 sample with float birth
  years and doubly decoded no-break spaces in vehicle ids);
- DOCUMENTED: real rows of those files written back in the layouts ONISR's "Description des bases de
  données annuelles" gives for other years (2019+ official ';' and quotes, 2022 Accident_Id, 2005–2018
  Latin-1 with lat/long × 100,000, three-character dep, two-digit an, HHMM), since no official file of
  those years is in the shared data.
"""

from __future__ import annotations

import csv
from collections import Counter

import pytest

from mobility_diagnosis.core import crashes as cr
from mobility_diagnosis.core import safety_indicators as si
from tests.conftest import data_path

FR = data_path("fr")
SAMPLE = data_path("fr", "baac_sample_2019_2022")
CAP_DAIL_2020 = {
    "202000011749", "202000019456", "202000036367", "202000039058", "202000039340", "202000045653",
}  # fmt: skip


def _csv(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# ------------------------------------------------------------------------------------------ REAL files


@pytest.fixture(scope="module")
def crashes_2020():
    files = {"caracteristiques": [data_path("fr", "baac_caracteristiques_2020_partial.csv")]}
    return cr.read_crashes(files, keep=lambda c: c.commune in ("75111", "06032"))


def test_2020_paris_11e_and_cap_dail(crashes_2020):
    """REAL: 212 crashes in Paris 11e and 6 in Cap-d'Ail, every one with coordinates in its commune."""
    by_commune = Counter(c.commune for c in crashes_2020)
    assert by_commune == {"75111": 212, "06032": 6}
    paris = [c for c in crashes_2020 if c.commune == "75111"]
    # Paris 11e lies within 48.85–48.87 N, 2.36–2.40 E: a decimal comma read wrong would be far off
    assert all(48.84 < c.lat < 48.88 and 2.35 < c.lon < 2.41 for c in paris)
    cap = {c.num_acc: c for c in crashes_2020 if c.commune == "06032"}
    assert set(cap) == CAP_DAIL_2020
    first = cap[
        "202000011749"
    ]  # 10600;202000011749;16;6;2020;12:55;…;Route Moyenne Corniche;43,7246670;7,3920100
    assert (first.date, first.time, first.lat, first.lon) == ("2020-06-16", "12:55", 43.724667, 7.39201)
    assert first.address == "Route Moyenne Corniche" and first.in_built_up_area is True
    assert first.severity == "unknown" and first.users == []  # no usagers file given: nobody known hurt


def test_2020_quoted_address_with_semicolon():
    """REAL: the re-save kept quotes where a field holds the separator (row 202000000404, Nouméa)."""
    row = next(r for r in cr.read_rows(FR / "baac_caracteristiques_2020_partial.csv")
               if r["Num_Acc"] == "202000000404")  # fmt: skip
    assert row["adr"] == "RUE R.P. F. LUNEAU/RTE DU VELODROME/RUE R.P; MONTROUZIER"
    assert "" not in row  # the leading unnamed index column is dropped
    assert cr.parse_coordinate(row["lat"], 2020) == pytest.approx(-22.29103)


def test_2021_vehicles_every_category_known():
    """REAL: 97,315 vehicles of 2021; every catv code in the file has a kind in the table."""
    rows = list(cr.read_rows(FR / "baac_vehicules_2021.csv"))
    assert len(rows) == 97315
    catv = Counter(cr.parse_int(r["catv"]) for r in rows)
    assert set(catv) - {-1} <= set(cr.USER_KIND_BY_CATV)
    kinds = Counter(cr.USER_KIND_BY_CATV.get(code, "other") for code in catv.elements())
    assert kinds["bicycle"] == catv[1] + catv[80] == 5618 + 534
    assert kinds["e_scooter"] == catv[50] == 1510
    assert cr.vehicle_key(rows[0]["id_vehicule"]) == "201764"  # "201\xa0764"


def test_2021_places_read_with_commas():
    """REAL: 56,518 places of 2021, one crash per Num_Acc at least, speed limits in km/h."""
    rows = list(cr.read_rows(FR / "baac_lieux_2021.csv"))
    assert len(rows) == 56518
    assert all(r["Num_Acc"].startswith("2021") for r in rows)
    vma = Counter(cr.parse_int(r["vma"]) for r in rows)
    assert vma.most_common(1)[0][0] == 50


def test_sample_four_tables_join():
    """REAL: the 100-crash sample; severity and users counted independently from the raw CSV."""
    crashes = cr.read_crashes(cr.find_files(SAMPLE))
    assert len(crashes) == 100
    assert Counter(c.year for c in crashes) == {2019: 27, 2020: 23, 2021: 28, 2022: 22}
    users = _csv(SAMPLE / "ech_usagers.csv")
    vehicles = _csv(SAMPLE / "ech_vehicules.csv")
    assert sum(len(c.users) for c in crashes) == len(users) == 220
    # every user joins its vehicle despite the broken spaces of id_vehicule
    keys = {(v["Num_Acc"], cr.vehicle_key(v["id_vehicule"])) for v in vehicles}
    assert all((u["Num_Acc"], cr.vehicle_key(u["id_vehicule"])) in keys for u in users)
    grav = Counter(u["grav"] for u in users)
    assert sum(c.count("killed") for c in crashes) == grav["2"]
    assert sum(c.count("hospitalised") for c in crashes) == grav["3"]
    pedestrians = [u for u in users if u["catu"] == "3"]
    assert sum(1 for c in crashes for u in c.users if u.kind == "pedestrian") == len(pedestrians) == 25
    # a crash's severity is its worst user's
    worst = {}
    for u in users:
        rank = {"2": 0, "3": 1, "4": 2, "1": 3}[u["grav"]]
        worst[u["Num_Acc"]] = min(worst.get(u["Num_Acc"], 9), rank)
    expected = Counter(cr.SEVERITY_ORDER[r] for r in worst.values())
    assert Counter(c.severity for c in crashes) == expected
    cyclist_rows = {v["Num_Acc"] for v in vehicles if v["catv"] in ("1", "80")}
    assert {c.num_acc for c in crashes if c.involves(cr.CYCLIST_KINDS)} == cyclist_rows
    assert all(c.speed_limit is None or 5 <= c.speed_limit <= 130 for c in crashes)


def test_sample_years_filter_and_float_birth_years():
    """REAL: YEARS keeps only those crashes; '1983.0' still reads as an integer."""
    seen = set()
    crashes = cr.read_crashes(cr.find_files(SAMPLE), years=[2017, 2022], seen_years=seen)
    assert len(crashes) == 22 and {c.year for c in crashes} == {2022}
    assert seen == {2022}  # 2017 is not in the files: a year without data, not without crashes
    assert cr.parse_int("1983.0") == 1983


# ------------------------------------------------------------------------------------ DOCUMENTED layouts


def _write(path, text, encoding="utf-8"):
    path.write_bytes(text.encode(encoding))
    return path


def test_official_2019_layout_quoted_semicolons(tmp_path):
    """DOCUMENTED (2019+): ';', every field quoted; the real Cap-d'Ail crash 202000039058 written so."""
    folder = tmp_path / "2020"
    folder.mkdir()
    _write(folder / "caracteristiques-2020.csv",
           '"Num_Acc";"jour";"mois";"an";"hrmn";"lum";"dep";"com";"agg";"int";"atm";"col";"adr";"lat";"long"\n'
           '"202000039058";"9";"12";"2020";"09:30";"1";"06";"06032";"2";"1";"1";"6";'
           '"83 Avenue du Trois Septembre";"43,7230760";"7,3973260"\n')  # fmt: skip
    _write(folder / "vehicules-2020.csv",
           '"Num_Acc";"id_vehicule";"num_veh";"senc";"catv"\n'
           '"202000039058";"154\xa0501";"A01";"1";"80"\n')  # fmt: skip
    _write(folder / "usagers-2020.csv",
           '"Num_Acc";"id_vehicule";"num_veh";"place";"catu";"grav"\n'
           '"202000039058";"154\xa0501";"A01";"1";"1";"3"\n')  # fmt: skip
    files = cr.find_files(tmp_path)
    assert cr.years_available(files) == [2020]
    (crash,) = cr.read_crashes(files)
    assert (crash.lat, crash.lon, crash.commune) == (43.723076, 7.397326, "06032")
    assert crash.severity == "hospitalised" and crash.kinds == ["bicycle"]
    assert crash.count("hospitalised", cr.CYCLIST_KINDS) == 1


def test_official_2022_accident_id(tmp_path):
    """DOCUMENTED (2022+): the caracteristiques' key column is Accident_Id; the 2021–2022 file name typo."""
    path = _write(tmp_path / "carcteristiques-2022.csv",
                  '"Accident_Id";"jour";"mois";"an";"hrmn";"lum";"dep";"com";"agg";"lat";"long"\n'
                  '"202200003438";"1";"3";"2022";"17:05";"1";"75";"75111";"2";"48,86";"2,38"\n')  # fmt: skip
    assert cr.table_of(path) == "caracteristiques" and cr.year_of(path) == 2022
    (crash,) = cr.read_crashes({"caracteristiques": [path]})
    assert crash.num_acc == "202200003438" and crash.commune == "75111"


def test_old_layout_2005_2018(tmp_path):
    """DOCUMENTED (2005–2018): ',', Latin-1, an on two digits, HHMM, dep × 10, com within dep, lat/long ×
    100,000, gps; usagers without id_vehicule (joined on num_veh), catu 4 a pedestrian on skates."""
    _write(tmp_path / "caracteristiques_2016.csv",
           "Num_Acc,an,mois,jour,hrmn,lum,agg,int,atm,col,com,adr,gps,lat,long,dep\n"
           "201600000001,16,2,1,1445,1,2,1,8,3,111,RUE DE LA ROQUETTE,M,4885530,0237590,750\n"
           "201600000002,16,3,5,835,1,1,1,1,1,4,ROUTE NAPOLÉON,M,0,0,201\n", encoding="latin-1")  # fmt: skip
    _write(tmp_path / "vehicules_2016.csv", "Num_Acc,senc,catv,occutc,obs,obsm,choc,manv,num_veh\n"
           "201600000001,0,07,0,0,2,1,1,A01\n201600000002,0,33,0,0,0,1,1,A01\n")  # fmt: skip
    _write(tmp_path / "usagers_2016.csv", "Num_Acc,place,catu,grav,sexe,trajet,secu,locp,actp,etatp,an_nais,num_veh\n"
           "201600000001,1,1,1,1,5,11,0,0,0,1980,A01\n201600000001,,4,3,2,0,0,3,3,1,2005,A01\n"
           "201600000002,1,1,2,1,5,21,0,0,0,1990,A01\n")  # fmt: skip
    crashes = {c.num_acc: c for c in cr.read_crashes(cr.find_files(tmp_path))}
    paris, corse = crashes["201600000001"], crashes["201600000002"]
    assert (paris.year, paris.date, paris.time, paris.commune) == (2016, "2016-02-01", "14:45", "75111")
    assert (paris.lat, paris.lon) == (48.8553, 2.3759)
    assert paris.severity == "hospitalised" and paris.count("hospitalised", ("pedestrian",)) == 1
    assert paris.kinds == ["pedestrian", "car"]
    assert (corse.commune, corse.lat, corse.time, corse.address) == ("2A004", None, "08:35", "ROUTE NAPOLÉON")
    assert corse.severity == "killed" and corse.kinds == ["motorised_two_wheeler"]


def test_not_a_crash_file(tmp_path):
    path = _write(tmp_path / "caracteristiques-2020.csv", "a;b\n1;2\n")
    with pytest.raises(cr.CrashFileError, match="Num_Acc"):
        list(cr.read_rows(path))


@pytest.mark.parametrize(
    "text, years",
    [("", None), ("2021", [2021]), ("2018-2020", [2018, 2019, 2020]), ("2020, 2022", [2020, 2022])],
)
def test_parse_years(text, years):
    assert cr.parse_years(text) == years


@pytest.mark.parametrize("text", ["last five", "2022-2018", "20"])
def test_parse_years_refuses(text):
    with pytest.raises(ValueError):
        cr.parse_years(text)


def test_default_years_are_the_last_five():
    assert cr.default_years([2016, 2017, 2018, 2019, 2020, 2021, 2022]) == [2018, 2019, 2020, 2021, 2022]


# ------------------------------------------------------------------------------------------ indicators


def _by_id(rows):
    return {row.indicator: row for row in rows}


def test_indicators_on_the_sample():
    """REAL sample, every year: rates per 1,000 residents per year computed by hand."""
    crashes = cr.read_crashes(cr.find_files(SAMPLE))
    users = _csv(SAMPLE / "ech_usagers.csv")
    casualties = sum(1 for u in users if u["grav"] in ("2", "3", "4"))
    streets = [si.StreetCrashes(1, 3, 250.0, 2, 1), si.StreetCrashes(2, 2, 400.0, 3, 1),
               si.StreetCrashes(3, 4, 100.0, 1, 0)]  # fmt: skip
    rows = _by_id(
        si.safety_indicators(
            crashes,
            [2019, 2020, 2021, 2022],
            50_000,
            school_distances=[120.0, 300.0, 301.0] + [None] * 97,
            streets=streets,
        )
    )
    assert rows["crashes_per_year"].value == 25.0
    assert rows["casualties_per_year"].value == round(casualties / 4, 1)
    assert rows["crashes_per_1000"].value == round(1000 * 100 / 4 / 50_000, 2)
    assert rows["crashes_2021"].value == 28
    assert rows["crashes_near_schools"].value == 2  # 120 m and 300 m: within 300 m
    assert rows["act_here_first_streets"].value == 1 and rows["act_here_first_km"].value == 0.25
    assert rows["pedestrians_severe"].value == sum(
        1 for u in users if u["catu"] == "3" and u["grav"] in ("2", "3")
    )


def test_indicators_unknown_not_zero():
    """Without population the rates are None; without usagers the counts of people are None, not 0."""
    crash = cr.Crash("202000039058", 2020, "2020-12-09", "09:30", "06032", 43.7, 7.4)
    rows = _by_id(si.safety_indicators([crash], [2020], None, has_schools=False, lang="fr"))
    assert rows["crashes_per_year"].value == 1.0
    assert rows["crashes_per_1000"].value is None and "population" in rows["crashes_per_1000"].label
    assert rows["killed"].value is None and "usagers" in rows["killed"].label
    assert rows["crashes_near_schools"].value is None
    # nor vehicules: whether a cyclist was involved is unknown, so no street is "act here first" (not 0)
    assert (
        rows["act_here_first_streets"].value is None and "véhicules" in rows["act_here_first_streets"].label
    )
    assert rows["act_here_first_km"].value is None
    assert " — non renseigné\u00a0: pas de fichier «\u00a0usagers\u00a0»" in rows["killed"].label


def test_vehicles_alone_tell_the_cyclists_but_not_the_casualties():
    crash = cr.Crash(
        "202100000001", 2021, "2021-01-30", "07:20", "06032", 43.7, 7.4, vehicle_kinds={"A": "car"}
    )
    street = si.StreetCrashes(osm_id=1, lts=4, length_m=250.0, crashes=1, cyclist_crashes=0)
    rows = _by_id(si.safety_indicators([crash], [2021], 4482, streets=[street], lang="en"))
    assert rows["act_here_first_streets"].value == 0  # the vehicles are known: no bicycle among them
    assert rows["killed"].value is None and "not recorded" in rows["killed"].label


@pytest.mark.parametrize("lang", ("fr", "en"))
def test_the_safety_page_says_once_which_crash_files_are_missing(lang):
    """The rows about people read « non renseigné » under a short label; one reading says why: the usagers
    and vehicules files missing, or the usagers file alone (the vehicles still tell the cyclists)."""
    from mobility_diagnosis.core.report_text import readings, table_label

    bare = cr.Crash("202000039058", 2020, "2020-12-09", "09:30", "06032", 43.7, 7.4)
    cars = cr.Crash(
        "202100000001", 2021, "2021-01-30", "07:20", "06032", 43.7, 7.4, vehicle_kinds={"A": "car"}
    )
    both, users = {
        "fr": ("La gravité et les usagers ne sont pas renseignés\u00a0: les fichiers «\u00a0usagers\u00a0» et "
               "«\u00a0véhicules\u00a0» de ces accidents manquent.",
               "La gravité et les victimes ne sont pas renseignées\u00a0: le fichier «\u00a0usagers\u00a0» de ces "
               "accidents manque."),
        "en": ("Severity and the people involved are not recorded: the usagers and vehicules files of these crashes "
               "are missing.",
               "Severity and casualties are not recorded: the usagers file of these crashes is missing."),
    }[lang]  # fmt: skip
    for crash, expected in ((bare, both), (cars, users)):
        rows = si.safety_indicators([crash], [crash.year], 4482, lang=lang)
        texts = [r.text for r in readings("safety", rows, lang)]
        assert texts.count(expected) == 1 and sum("usagers" in t for t in texts) == 1, texts
        killed = _by_id(rows)["killed"]
        assert table_label(killed, lang) == {"fr": "Personnes tuées", "en": "People killed"}[lang]
    # crash files with their usagers: nothing to explain
    known = si.safety_indicators([], [2020], 4482, lang=lang)
    assert not any("usagers" in r.text for r in readings("safety", known, lang))


def test_years_span():
    assert cr.years_span([2020]) == "2020"
    assert cr.years_span([2022, 2018, 2020]) == "2018–2022"
    assert cr.years_span([]) == ""


def test_not_available_row():
    (row,) = si.not_available(si.reason("fr", "not_french", code="MC"), "fr")
    assert row.value is None and "non disponible" in row.label and "MC" in row.label


@pytest.mark.parametrize(
    "code, country, covered",
    [("06032", "FR", True), ("2A004", "FR", True), ("MC", "FR", False), ("relation-123", "FR", True),
     ("HD", "default", False), ("DE", "default", False)],
)  # fmt: skip
def test_covered_by_baac(code, country, covered):
    """Monaco's outline is in Lambert-93 among French communes, yet the French files do not cover it."""
    assert si.covered_by_baac(code, country) is covered
