"""``mobilitydiagnosis:safety`` on a real French commune (Cap-d'Ail 06032 from monaco_communes_2016.osm.pbf)
with the real 2020 crash file, and the "not available" paths (Monaco, no files, online)."""

from __future__ import annotations

import pytest
from osgeo import ogr
from qgis.core import QgsProcessingException

from tests.conftest import data_path
from tests.support.http_server import ReplayServer, Reply

CRASH_FILE = str(data_path("fr", "baac_caracteristiques_2020_partial.csv"))
# The 6 crashes of Cap-d'Ail in the 2020 file, with the OSM street their address names (checked by hand
# against the BAAC "adr" field and the 2016 extract).
EXPECTED_STREETS = {
    "202000019456": "Avenue du Général De Gaulle",  # adr "3 Avenue du Général de Gaulle"
    "202000039058": "Avenue du 3 Septembre",  # adr "83 Avenue du Trois Septembre"
    "202000045653": "Route de la Turbie",  # adr "11 Route de la Turbie"
    "202000011749": "Route de la Moyenne Corniche",  # adr "Route Moyenne Corniche"
}


def _rows(path, layer):
    ds = ogr.Open(path)
    lyr = ds.GetLayerByName(layer)
    assert lyr is not None, f"{layer} missing"
    out = []
    for feature in lyr:
        geometry = feature.GetGeometryRef()
        out.append((geometry.Clone() if geometry else None, feature.items()))
    return out


def _indicators(path):
    return {row["indicator"]: row for _g, row in _rows(path, "indicators") if row["theme"] == "safety"}


def test_cap_dail_2020(run_alg, cap_dail, tmp_path):
    out = str(tmp_path / "diagnosis.gpkg")
    result = run_alg("mobilitydiagnosis:safety", {"INPUT": cap_dail, "CRASHES": CRASH_FILE, "OUTPUT": out})
    assert result["road_crashes"].endswith("layername=road_crashes")
    crashes = {row["num_acc"]: (g, row) for g, row in _rows(out, "road_crashes")}
    assert len(crashes) == 6
    territory = _rows(out, "territory")[0][0]
    for geometry, row in crashes.values():
        assert row["commune"] == "06032" and row["year"] == 2020 and row["inside"] == 1
        assert territory.Contains(geometry)  # placed in the territory's metric CRS
        assert row["street_osm_id"] is not None and row["street_distance_m"] < 10.0
        assert row["street_lts"] in (1, 2, 3, 4)
    for num_acc, street in EXPECTED_STREETS.items():
        assert crashes[num_acc][1]["street_name"] == street
    assert crashes["202000011749"][1]["date"] == "2020-06-16"
    streets = _rows(out, "crash_streets")
    assert sum(row["crashes"] for _g, row in streets) == 6
    assert {row["osm_id"] for _g, row in streets} == {row["street_osm_id"] for _g, row in crashes.values()}
    indicators = _indicators(out)
    assert indicators["crashes_2020"]["value"] == 6
    assert indicators["years"]["value"] == 1
    # no usagers file of 2020 beside it: who was hurt is unknown, not zero
    assert indicators["killed"]["value"] is None
    population = _rows(out, "territory")[0][1]["population"]
    assert indicators["crashes_per_1000"]["value"] == pytest.approx(round(6000 / population, 2))
    # nor vehicules file: whether a cyclist was involved is not recorded either (never "0 streets")
    assert indicators["act_here_first_streets"]["value"] is None
    assert (
        "non renseigné" in indicators["act_here_first_streets"]["label"]
        or "not recorded" in (indicators["act_here_first_streets"]["label"])
    )
    for _g, row in crashes.values():
        assert row["killed"] is None and row["cyclist"] is None
    assert all(row["act_here_first"] is None and row["cyclist_crashes"] is None for _g, row in streets)


def test_outside_france_not_available(run_alg, monaco_territory, tmp_path):
    out = str(tmp_path / "diagnosis.gpkg")
    run_alg("mobilitydiagnosis:safety", {"INPUT": monaco_territory, "CRASHES": CRASH_FILE, "OUTPUT": out})
    indicators = _indicators(out)
    assert set(indicators) == {"crash_data"}
    assert indicators["crash_data"]["value"] is None
    assert _rows(out, "road_crashes") == [] and _rows(out, "crash_streets") == []


def test_no_files_not_available(run_alg, cap_dail, tmp_path):
    out = str(tmp_path / "diagnosis.gpkg")
    result = run_alg("mobilitydiagnosis:safety", {"INPUT": cap_dail, "CRASHES": "", "OUTPUT": out})
    (row,) = _indicators(out).values()
    assert row["indicator"] == "crash_data" and row["value"] is None
    assert "BAAC" in row["label"] and "CRASHES" not in row["label"]  # the report's words: no parameter
    assert any("CRASHES" in m for m in result["_feedback"].messages)  # the log says what to give
    assert _rows(out, "road_crashes") == []


# ------------------------------------------------------------------------------------------------ online


@pytest.fixture
def baac_server():
    from tests.qgis_io.test_safety_online import CARAC_2019, CARAC_BYTES, DATASET, description

    with ReplayServer() as server:
        server.script(DATASET, Reply(body=description(server)))
        server.script(CARAC_2019, Reply(status=404, body=b"not found", content_type="text/plain"))
        server.script(
            "/resources/caracteristiques-2020.csv", Reply(body=CARAC_BYTES, content_type="text/csv")
        )
        server.script("/resources/usagers-2020.csv", Reply(status=404, body=b"", content_type="text/plain"))
        server.dataset = server.url(DATASET)
        yield server


def test_online(run_alg, cap_dail, baac_server, cache_folder, tmp_path):
    """data.gouv.fr on loopback: 2019 missing (404), 2020's users missing (404): 2019 and 2020 left out."""
    out = str(tmp_path / "diagnosis.gpkg")
    baac_server.script(
        "/resources/usagers-2020.csv", Reply(body=b"Num_Acc,catu,grav\n", content_type="text/csv")
    )
    result = run_alg("mobilitydiagnosis:safety",
                     {"INPUT": cap_dail, "CRASHES": "online", "BAAC_URL": baac_server.dataset, "OUTPUT": out})  # fmt: skip
    assert len(_rows(out, "road_crashes")) == 6
    assert any("2019" in m and "404" in m for m in result["_feedback"].messages)
    assert _indicators(out)["crashes_2020"]["value"] == 6


def test_online_failure_is_not_available(run_alg, cap_dail, baac_server, cache_folder, tmp_path):
    out = str(tmp_path / "diagnosis.gpkg")
    run_alg("mobilitydiagnosis:safety",
            {"INPUT": cap_dail, "CRASHES": "online", "BAAC_URL": baac_server.dataset, "OUTPUT": out})  # fmt: skip
    (row,) = _indicators(out).values()  # 2019: 404; 2020: its usagers 404
    assert row["indicator"] == "crash_data" and row["value"] is None and "404" in row["label"]


def test_online_outside_france_asks_nothing(run_alg, monaco_territory, baac_server, cache_folder, tmp_path):
    out = str(tmp_path / "diagnosis.gpkg")
    run_alg("mobilitydiagnosis:safety",
            {"INPUT": monaco_territory, "CRASHES": "online", "BAAC_URL": baac_server.dataset, "OUTPUT": out})  # fmt: skip
    assert set(_indicators(out)) == {"crash_data"}
    assert baac_server.count("/api/1/datasets/baac/") == 0


def test_folder_without_the_year(run_alg, cap_dail, tmp_path):
    """A folder that holds no caracteristiques file of the years asked for: not available, no error."""
    out = str(tmp_path / "diagnosis.gpkg")
    run_alg("mobilitydiagnosis:safety",
            {"INPUT": cap_dail, "CRASHES": str(data_path("fr")), "YEARS": "2017", "OUTPUT": out})  # fmt: skip
    # the unnamed sample tables are read too: they hold 2019–2022, not 2017
    (row,) = _indicators(out).values()
    assert row["indicator"] == "crash_data" and row["value"] is None and "2017" in row["label"]


@pytest.mark.parametrize(
    "params, message",
    [({"CRASHES": "/nowhere/baac"}, "does not exist"), ({"CRASHES": CRASH_FILE, "YEARS": "last"}, "YEARS")],
)
def test_bad_input(run_alg, cap_dail, tmp_path, params, message):
    out = tmp_path / "diagnosis.gpkg"
    with pytest.raises(QgsProcessingException, match=message):
        run_alg("mobilitydiagnosis:safety", {"INPUT": cap_dail, "OUTPUT": str(out), **params})
    assert not out.exists()
