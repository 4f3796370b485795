"""ACCESLIBRE in mobilitydiagnosis:accessibility on a real territory: Cap-d'Ail (06032) from the 2016 Monaco
extract, with its real OSM stops and streets. No real Acceslibre data is in ../shared/data: the establishments
below are ours, in the documented formats (tests/support/acceslibre_data.py), placed at real places of the
territory where OSM maps them — the gendarmerie, the post office, a pharmacy and the town hall (which is a
361 m walk from the nearest stop, so it is left out), the Stade Louis II in Monaco (in the territory's 500 m
buffer, not in the commune), the cove of La Mala (in the commune, beyond the walkable streets), and one in
Nice (outside the area). Served by a loopback server playing
the API, or written as the CSV export. Monaco (not a French commune) asked online is "not available"."""

import pytest
from osgeo import ogr

from tests.support.acceslibre_data import api_result, export_csv
from tests.support.acceslibre_server import ERPS, serve_erps

pytestmark = pytest.mark.slow

CODE = "06032"
LAYER = "public_buildings_access"
STEP_FREE = {"entree_plain_pied": True, "stationnement_ext_presence": True, "stationnement_ext_pmr": True}
STEPS = {"entree_plain_pied": False, "entree_marches": 3, "entree_marches_rampe": "aucune",
         "stationnement_presence": False, "stationnement_ext_presence": False}  # fmt: skip
ESTABLISHMENTS = [
    # (uid, name, lon, lat, code_insee, accessibility fields); positions of the OSM objects of the same name
    ("gendarmerie", "Brigade de gendarmerie", 7.407740, 43.722358, CODE, STEP_FREE),  # amenity=police
    ("poste", "Bureau de poste", 7.395230, 43.723300, CODE, STEPS),  # amenity=post_office
    (
        "pharmacie",
        "Pharmacie Troisgros",
        7.410936,
        43.727086,
        CODE,
        {},
    ),  # amenity=pharmacy: nothing described
    ("mairie", "Mairie de Cap-d'Ail", 7.407058, 43.722239, CODE, STEP_FREE),  # amenity=townhall
    ("stade", "Stade Louis II", 7.415600, 43.727600, "99138", {"entree_pmr": True}),  # Monaco, in the buffer
    ("mala", "Plage de la Mala", 7.404300, 43.718100, CODE, {}),  # a cove of the cape
    ("nice", "Mairie de Nice", 7.276600, 43.696800, "06088", STEP_FREE),  # outside the area
]


def api_results():
    return [api_result(uid, name, lon, lat, code_insee=code, **fields) for uid, name, lon, lat, code, fields in
            ESTABLISHMENTS]  # fmt: skip


def rows(path):
    ds = ogr.Open(path)
    layer = ds.GetLayerByName(LAYER)
    return {f.GetField("uid"): f.items() for f in layer}


def indicators(path):
    ds = ogr.Open(path)
    sql = "SELECT indicator, value, label FROM indicators WHERE indicator LIKE 'public_buildings%'"
    result = ds.ExecuteSQL(sql)
    found = {f.GetField(0): (f.GetField(1), f.GetField(2)) for f in result}
    ds.ReleaseResultSet(result)
    return found


def check_cap_dail(path, monaco_listed):
    found = rows(path)
    # the town hall too far from a stop, la Mala off the streets, Nice outside the area; the API asked for the
    # commune does not list the stadium of Monaco, the national export does
    assert set(found) == {"gendarmerie", "poste", "pharmacie"} | ({"stade"} if monaco_listed else set())
    gendarmerie, poste, pharmacie = found["gendarmerie"], found["poste"], found["pharmacie"]
    assert (gendarmerie["entrance"], gendarmerie["disabled_parking"], gendarmerie["inside"]) == (
        "yes",
        "yes",
        1,
    )
    assert gendarmerie["parking_reason"] == "adapted spaces within 200 m"
    assert gendarmerie["stop_id"].startswith("n") and gendarmerie["dist_stop_m"] <= 300
    assert (poste["entrance"], poste["disabled_parking"], poste["entrance_steps"]) == ("no", "no", 3)
    assert poste["entrance_reason"] == "steps, no ramp or lift recorded"
    assert (pharmacie["entrance"], pharmacie["disabled_parking"]) == ("unknown", "unknown")  # not "no"
    if monaco_listed:
        assert (found["stade"]["entrance"], found["stade"]["inside"]) == ("yes", 0)  # shown, not counted
    values = indicators(path)
    assert values["public_buildings_near_stops_schools"][0] == 3
    for key in ("step_free_entrance", "entrance_unknown", "disabled_parking", "parking_unknown"):
        assert values[f"public_buildings_{key}_share"][0] == pytest.approx(100 / 3)
    assert "of the 3 public buildings" in values["public_buildings_step_free_entrance_share"][1]


def test_online_on_cap_dail_then_from_the_cache(run_alg, cap_dail, server, cache_folder, tmp_path):
    serve_erps(server, api_results(), page_size=2)
    out = str(tmp_path / "d.gpkg")
    result = run_alg("mobilitydiagnosis:accessibility", {
        "INPUT": cap_dail, "ACCESLIBRE": "online", "ACCESLIBRE_API_URL": server.url("/api"), "OUTPUT": out})  # fmt: skip
    check_cap_dail(out, monaco_listed=False)
    assert server.count(ERPS) == 3 and all("code_insee=06032" in r.query for r in server.requests)
    assert any("Acceslibre: 5 establishments read" in m for m in result["_feedback"].messages)
    out2 = str(tmp_path / "d2.gpkg")
    run_alg("mobilitydiagnosis:accessibility", {
        "INPUT": cap_dail, "ACCESLIBRE": "online", "ACCESLIBRE_API_URL": server.url("/api"), "OUTPUT": out2})  # fmt: skip
    assert server.count(ERPS) == 3  # the second run read the cache
    check_cap_dail(out2, monaco_listed=False)


def test_the_csv_export_on_cap_dail(run_alg, cap_dail, tmp_path):
    path = tmp_path / "acceslibre-with-web-url.csv"
    path.write_text(export_csv([
        {"id": uid, "name": name, "longitude": lon, "latitude": lat, "code_insee": code, "commune": "x", **fields}
        for uid, name, lon, lat, code, fields in ESTABLISHMENTS
    ]), encoding="utf-8")  # fmt: skip
    out = str(tmp_path / "d.gpkg")
    run_alg("mobilitydiagnosis:accessibility", {"INPUT": cap_dail, "ACCESLIBRE": str(path), "OUTPUT": out})
    check_cap_dail(out, monaco_listed=True)


def test_a_server_error_is_a_warning_and_the_theme_completes(
    run_alg, cap_dail, server, cache_folder, tmp_path
):
    from tests.support.http_server import Reply

    server.script(ERPS, Reply(status=500, body=b"oops", content_type="text/plain"))
    out = str(tmp_path / "d.gpkg")
    result = run_alg("mobilitydiagnosis:accessibility", {
        "INPUT": cap_dail, "ACCESLIBRE": "online", "ACCESLIBRE_API_URL": server.url("/api"), "OUTPUT": out})  # fmt: skip
    messages = result["_feedback"].messages
    assert any("Acceslibre not available" in m and "HTTP 500" in m for m in messages), messages
    assert rows(out) == {}  # the layer is there, empty
    values = indicators(out)
    assert len(values) == 5 and all(value is None for value, _ in values.values())


def test_monaco_online_is_not_available_without_a_request(
    run_alg, monaco_territory, server, cache_folder, tmp_path
):
    serve_erps(server, api_results())
    out = str(tmp_path / "monaco.gpkg")
    result = run_alg("mobilitydiagnosis:accessibility", {
        "INPUT": monaco_territory, "ACCESLIBRE": "online", "ACCESLIBRE_API_URL": server.url("/api"),
        "OUTPUT": out})  # fmt: skip
    assert server.count(ERPS) == 0
    assert any("French communes only" in m for m in result["_feedback"].messages)
    values = indicators(out)
    assert len(values) == 5 and all(value is None for value, _ in values.values())
    assert all("not available" in label for _, label in values.values())
    assert rows(out) == {}


def test_without_acceslibre_the_layer_is_empty_and_no_indicator_is_written(run_alg, cap_dail, tmp_path):
    out = str(tmp_path / "d.gpkg")
    run_alg("mobilitydiagnosis:accessibility", {"INPUT": cap_dail, "OUTPUT": out})
    assert rows(out) == {} and indicators(out) == {}


def test_an_export_without_establishments_in_the_area_counts_zero(run_alg, cap_dail, tmp_path):
    path = tmp_path / "acceslibre.csv"
    nice = [e for e in ESTABLISHMENTS if e[0] == "nice"]
    path.write_text(export_csv([{"id": u, "name": n, "longitude": lo, "latitude": la, "code_insee": c, **f}
                                for u, n, lo, la, c, f in nice]), encoding="utf-8")  # fmt: skip
    out = str(tmp_path / "d.gpkg")
    run_alg("mobilitydiagnosis:accessibility", {"INPUT": cap_dail, "ACCESLIBRE": str(path), "OUTPUT": out})
    values = indicators(out)
    assert rows(out) == {} and values["public_buildings_near_stops_schools"][0] == 0
    assert values["public_buildings_step_free_entrance_share"][0] is None  # no denominator, no share
