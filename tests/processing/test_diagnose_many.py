"""``diagnosemany`` on the three complete communes of monaco_communes_2016.osm.pbf (Beausoleil 06012,
Cap-d'Ail 06032, La Turbie 06150): one data read, 2 worker processes, comparison, run log, a killed worker,
a failing territory, a rerun, a Dask local cluster, EPCI expansion against a loopback geo.api.gouv.fr."""

import csv
import json
import os
import shutil

import pytest
from osgeo import ogr

from mobility_diagnosis.batch.job import read_indicators
from tests.conftest import data_path
from tests.support.http_server import ReplayServer, Reply

OSM = str(data_path("osm", "monaco_communes_2016.osm.pbf"))
CODES = ("06012", "06032", "06150")
PARKING = [2]  # THEMES index of parking: the quick theme, for the runs that test the runner


def _csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def many_run(provider, tmp_path_factory):
    """One run of the three communes with every theme and 2 workers, shared by the tests below."""
    import processing

    folder = str(tmp_path_factory.mktemp("many") / "out")
    result = processing.run(
        "mobilitydiagnosis:diagnosemany",
        {"TERRITORIES": " ".join(CODES), "OSM_FILE": OSM, "WORKERS": 2, "OUTPUT_FOLDER": folder},
    )
    return folder, result


def test_three_communes_in_one_run(many_run):
    folder, result = many_run
    assert (result["DONE"], result["FAILED"], result["SKIPPED"]) == (3, 0, 0)
    rows = _csv(os.path.join(folder, "comparison.csv"))
    assert [r["code"] for r in rows] == list(CODES)
    assert rows[1]["name"] == "Cap-d'Ail"
    share = [float(r["cycling_share_lts_le2"]) for r in rows]
    ranks = [int(r["rank_cycling_share_lts_le2"]) for r in rows]
    assert sorted(ranks) == [1, 2, 3] and ranks[share.index(max(share))] == 1
    for code in CODES:  # one package folder per territory, complete, and no work files left behind
        assert os.path.isfile(os.path.join(folder, code, "diagnosis.gpkg"))
        assert os.path.isfile(os.path.join(folder, ".complete", f"{code}.json"))
    assert not os.path.exists(os.path.join(folder, ".work"))
    from qgis.core import QgsApplication

    if QgsApplication.processingRegistry().algorithmById("mobilitydiagnosis:diagnose") is not None:
        assert os.path.isfile(os.path.join(folder, "06032", "report.pdf"))  # diagnose's whole package
    assert not [name for name in os.listdir(os.path.join(folder, "06032")) if name.startswith(".")]
    log = _csv(os.path.join(folder, "run_log.csv"))
    assert [(r["code"], r["status"], r["error"]) for r in log] == [(c, "done", "") for c in CODES]


def test_comparison_layer_has_polygons_indicators_and_style(many_run):
    folder, _ = many_run
    ds = ogr.Open(os.path.join(folder, "comparison.gpkg"))
    layer = ds.GetLayerByName("comparison")
    features = {f.GetField("code"): f for f in layer}
    assert set(features) == set(CODES)
    area = {code: f.GetGeometryRef().Clone() for code, f in features.items()}
    for geometry in area.values():
        geometry.Transform(_to_lambert93())
    assert 2.0 < area["06032"].GetArea() / 1e6 < 2.4  # Cap-d'Ail: 2.2 km²
    assert features["06150"].GetField("cycling_share_lts_le2") is not None
    log = ds.GetLayerByName("run_log")
    assert sorted(f.GetField("status") for f in log) == ["done"] * 3
    styles = ds.GetLayerByName("layer_styles")
    (style,) = [f for f in styles if f.GetField("f_table_name") == "comparison"]
    assert 'attr="cycling_share_lts_le2"' in style.GetField("styleQML")


def _to_lambert93():
    from osgeo import osr

    src, dst = osr.SpatialReference(), osr.SpatialReference()
    src.ImportFromEPSG(4326)
    dst.ImportFromEPSG(2154)
    src.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return osr.CoordinateTransformation(src, dst)


def _single_run_indicators(run_alg, tmp_path, code):
    """The same commune diagnosed alone: ``diagnose`` when this build has it, else fetch + each theme."""
    from qgis.core import QgsApplication

    registry = QgsApplication.processingRegistry()
    if registry.algorithmById("mobilitydiagnosis:diagnose") is not None:
        folder = str(tmp_path / "single")
        run_alg("mobilitydiagnosis:diagnose", {"TERRITORY": code, "OSM_FILE": OSM, "OUTPUT_FOLDER": folder})
        return read_indicators(os.path.join(folder, "diagnosis.gpkg"))
    territory = str(tmp_path / "territory.gpkg")
    run_alg("mobilitydiagnosis:fetchterritory", {"TERRITORY": code, "OSM_FILE": OSM, "OUTPUT": territory})
    output = str(tmp_path / "diagnosis.gpkg")
    for theme in ("cycling", "accessibility", "parking", "schools"):
        if registry.algorithmById(f"mobilitydiagnosis:{theme}") is not None:
            run_alg(f"mobilitydiagnosis:{theme}", {"INPUT": territory, "OUTPUT": output})
    return read_indicators(output)


def _keyed(rows):
    return {
        (theme, indicator): (float("nan") if value is None else value)
        for theme, indicator, _, value, _ in rows
    }


def _labels(rows):
    return [((theme, indicator), label, unit) for theme, indicator, label, _, unit in rows]


def _numbers(row):
    return {k: (float(v) if v not in ("", None) and k not in ("code", "name") else v) for k, v in row.items()}


def test_indicators_identical_to_a_single_run(many_run, run_alg, tmp_path):
    folder, _ = many_run
    many = read_indicators(os.path.join(folder, "06032", "diagnosis.gpkg"))
    single = _single_run_indicators(run_alg, tmp_path, "06032")
    assert len(single) > 5
    # Identical figures; floats up to the last bits (the accessibility theme's sums run in set order, which
    # changes with each process's hash seed, so two single runs differ there too).
    assert _keyed(many) == pytest.approx(_keyed(single), rel=1e-9, abs=1e-9, nan_ok=True)
    assert {k: (label, unit) for k, label, unit in _labels(many)} == {
        k: (lb, u) for k, lb, u in _labels(single)
    }
    rows = {r["code"]: r for r in _csv(os.path.join(folder, "comparison.csv"))}
    by_key = {f"{t}_{i}": v for t, i, _, v, _ in single}
    assert float(rows["06032"]["cycling_share_lts_le2"]) == by_key["cycling_share_lts_le2"]


def test_rerun_skips_complete_territories(many_run, run_alg, tmp_path):
    folder, _ = many_run
    again = str(tmp_path / "again")
    shutil.copytree(folder, again)
    shutil.rmtree(os.path.join(again, "06150"))  # as if its run had been interrupted
    os.remove(os.path.join(again, ".complete", "06012.json"))  # marker written last: not complete
    before = os.path.getmtime(os.path.join(again, "06032", "diagnosis.gpkg"))
    result = run_alg(
        "mobilitydiagnosis:diagnosemany",
        {"TERRITORIES": " ".join(CODES), "OSM_FILE": OSM, "WORKERS": 2, "OUTPUT_FOLDER": again},
    )
    assert (result["DONE"], result["SKIPPED"], result["FAILED"]) == (2, 1, 0)
    assert os.path.getmtime(os.path.join(again, "06032", "diagnosis.gpkg")) == before
    log = {r["code"]: r["status"] for r in _csv(os.path.join(again, "run_log.csv"))}
    assert log == {"06012": "done", "06032": "skipped", "06150": "done"}
    rows = _csv(os.path.join(again, "comparison.csv"))  # the skipped territory is still compared
    assert [r["code"] for r in rows] == list(CODES)
    original = {r["code"]: r for r in _csv(os.path.join(folder, "comparison.csv"))}
    assert [_numbers(r) for r in rows] == [pytest.approx(_numbers(original[c]), rel=1e-9) for c in CODES]
    assert "2 territories to run" in " ".join(result["_feedback"].messages) or any(
        "1 already complete, 2 to run" in m for m in result["_feedback"].messages
    )


def test_killed_worker_and_failing_territory(provider, run_alg, tmp_path, monkeypatch):
    flag = tmp_path / "died.flag"
    monkeypatch.setenv("MD_TEST_DIE_FLAG", str(flag))
    folder = str(tmp_path / "out")
    result = run_alg(
        "mobilitydiagnosis:diagnosemany",
        {
            "TERRITORIES": "06012 06032 06150 06088",  # Nice 06088: its boundary is clipped in the file
            "OSM_FILE": OSM,
            "WORKERS": 2,
            "THEMES": PARKING,
            "OUTPUT_FOLDER": folder,
            "JOB": "tests.processing.many_jobs:die_once_or_fail",
        },
    )
    assert flag.exists()  # a worker process really died
    log = {r["code"]: r for r in _csv(os.path.join(folder, "run_log.csv"))}
    assert log["06032"]["status"] == "done" and log["06032"]["attempts"] == "2"
    assert log["06150"]["status"] == "done"
    assert log["06012"]["status"] == "failed" and "test failure of 06012" in log["06012"]["error"]
    assert log["06088"]["status"] == "failed" and "ref:INSEE=06088" in log["06088"]["error"]
    assert (result["DONE"], result["FAILED"]) == (2, 2)
    assert [r["code"] for r in _csv(os.path.join(folder, "comparison.csv"))] == ["06032", "06150"]
    assert not os.path.exists(os.path.join(folder, ".complete", "06012.json"))


def test_dask_local_cluster(many_run, run_alg, tmp_path):
    pytest.importorskip("dask.distributed")
    folder = str(tmp_path / "dask")
    result = run_alg(
        "mobilitydiagnosis:diagnosemany",
        {"TERRITORIES": "06032 06150", "OSM_FILE": OSM, "WORKERS": 2, "DASK_SCHEDULER": "local",
         "THEMES": PARKING, "OUTPUT_FOLDER": folder},
    )  # fmt: skip
    assert (result["DONE"], result["FAILED"]) == (2, 0)
    local = {r["code"]: r for r in _csv(os.path.join(many_run[0], "comparison.csv"))}
    for row in _csv(os.path.join(folder, "comparison.csv")):
        parking = {k: v for k, v in row.items() if k.startswith("parking_")}
        assert parking and parking == {k: local[row["code"]][k] for k in parking}


def test_epci_from_geoapi_and_offline(provider, tmp_path):
    from mobility_diagnosis.batch.run import territory_specs
    from mobility_diagnosis.core.many import TerritoriesError
    from mobility_diagnosis.qgis_io import settings

    members = [{"code": "06012", "nom": "Beausoleil"}, {"code": "06150", "nom": "La Turbie"}]
    settings.set_cache_folder(str(tmp_path / "cache"))
    try:
        with ReplayServer() as server:
            server.script("/epcis/200039915/communes", Reply(body=json.dumps(members).encode()))
            settings.set_geoapi_url(server.url())
            specs = territory_specs("200039915, 06032")
            assert [s.code for s in specs] == ["06012", "06150", "06032"]
            (sent,) = server.requests
            assert sent.query == "fields=code,nom"
            territory_specs("200039915")  # from the cache
            assert server.count("/epcis/200039915/communes") == 1
        settings.set_geoapi_url("http://127.0.0.1:9")  # nothing listens: offline
        with pytest.raises(TerritoriesError) as info:
            territory_specs("200070000")
        assert "list the INSEE codes" in str(info.value).lower() or "List the INSEE codes" in str(info.value)
    finally:
        settings.set_geoapi_url(None)
        settings.set_cache_folder(None)


def test_bad_territories_are_a_clear_error(run_alg, tmp_path):
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException, match="neither an INSEE"):
        run_alg("mobilitydiagnosis:diagnosemany", {"TERRITORIES": "06032 Nice", "OSM_FILE": OSM,
                                                   "OUTPUT_FOLDER": str(tmp_path / "x")})  # fmt: skip


def test_territory_layer(run_alg, tmp_path):
    """A layer with one polygon per commune (IGN outlines): outlines from the layer, not the file."""
    from qgis.core import QgsVectorLayer

    layer = QgsVectorLayer(str(data_path("fr", "communes-06-alpes-maritimes.geojson")), "communes", "ogr")
    layer.setSubsetString("\"code\" IN ('06032', '06150')")
    assert layer.featureCount() == 2
    folder = str(tmp_path / "layer")
    result = run_alg("mobilitydiagnosis:diagnosemany", {"TERRITORY_LAYER": layer, "OSM_FILE": OSM, "WORKERS": 1,
                                                        "THEMES": PARKING, "OUTPUT_FOLDER": folder})  # fmt: skip
    assert (result["DONE"], result["FAILED"]) == (2, 0)
    rows = _csv(os.path.join(folder, "comparison.csv"))
    names = {f["code"]: f["nom"] for f in layer.getFeatures()}  # the layer's names (IGN 2018: "Turbie")
    assert [(r["code"], r["name"]) for r in rows] == [("06032", names["06032"]), ("06150", names["06150"])]


# ------------------------------------------------------------------------------------------ Overpass path

# Around Denfert-Rochereau (Paris 14e), the area of the recorded reply paris14_denfert_2022.json, cut in two.
WEST, SOUTH, MIDDLE, EAST, NORTH = 2.3270, 48.8290, 2.3335, 2.3400, 48.8380


def _box_territory(code, west, east):
    from mobility_diagnosis.qgis_io.gpkg.territory import Territory

    wkt = f"POLYGON(({west} {SOUTH},{east} {SOUTH},{east} {NORTH},{west} {NORTH},{west} {SOUTH}))"
    return Territory(code=code, name=code, source="test box", geometry=ogr.CreateGeometryFromWkt(wkt))


@pytest.mark.parametrize("tile_km2, queries", [(400.0, 1), (0.5, 4)])
def test_union_from_overpass_tiles_then_cut(
    provider, overpass_server, private_settings, tmp_path, tile_km2, queries
):
    from mobility_diagnosis.batch.fetch import UnionStore, cut_territory, fetch_union_from_overpass
    from mobility_diagnosis.core.many import TerritorySpec
    from tests.support.overpass_server import INTERPRETER

    overpass_server.script(INTERPRETER, overpass_server.recorded_reply("paris14_denfert_2022.json"))
    territories = [_box_territory("west", WEST, MIDDLE), _box_territory("east", MIDDLE, EAST)]
    specs = [TerritorySpec(t.code, t.name) for t in territories]
    store = str(tmp_path / "union.gpkg")
    info = fetch_union_from_overpass(
        specs, store, buffer_m=0.0, territories=territories, overpass_url=overpass_server.interpreter_url,
        tile_km2=tile_km2, wait_scale=0.0,
    )  # fmt: skip
    assert info.queries == queries == overpass_server.count(INTERPRETER)  # tiles, not one query per territory
    assert info.elements == 120  # the recorded reply's 120 ways, once each however many tiles return them
    union = UnionStore(store)
    inside = {}
    for code in ("west", "east"):
        cut_territory(union, code, str(tmp_path / f"{code}.gpkg"))
        ds = ogr.Open(str(tmp_path / f"{code}.gpkg"))
        inside[code] = {f.GetField("osm_id") for f in ds.GetLayerByName("streets") if f.GetField("inside")}
    assert inside["west"] and inside["east"]
    assert len(inside["west"] | inside["east"]) > max(len(inside["west"]), len(inside["east"]))


def test_departement_is_a_dozen_tiles_not_hundreds_of_queries(provider):
    from mobility_diagnosis.batch.fetch import tiles_lonlat

    ds = ogr.Open(str(data_path("fr", "communes-06-alpes-maritimes.geojson")))
    layer = ds.GetLayer(0)
    union = None
    for feature in layer:
        geometry = feature.GetGeometryRef().Clone()
        union = geometry if union is None else union.Union(geometry)
    assert layer.GetFeatureCount() == 163
    tiles = tiles_lonlat(union, 400.0)
    assert 10 <= len(tiles) <= 25
    for feature in layer:  # every commune is covered by some tile
        point = feature.GetGeometryRef().PointOnSurface()
        assert any(w <= point.GetX() <= e and s <= point.GetY() <= n for w, s, e, n in tiles)
