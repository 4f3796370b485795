"""``mobilitydiagnosis:profile`` through Processing: Périgueux from its IGN outline, Monaco (not in the
census: empty figures, no error), a newer census file given by the user, a wrong file."""

from __future__ import annotations

import pytest
from osgeo import ogr


def _rows(path: str, layer: str) -> list[dict]:
    ds = ogr.Open(path)
    return [feature.items() for feature in ds.GetLayerByName(layer)]


def test_perigueux_profile(run_alg, perigueux_territory, tmp_path):
    out = str(tmp_path / "diagnosis.gpkg")
    result = run_alg("mobilitydiagnosis:profile", {"INPUT": perigueux_territory, "OUTPUT": out})
    assert result["territory_profile"].endswith("layername=territory_profile")
    (profile,) = _rows(out, "territory_profile")
    assert profile["code"] == "24322" and profile["population"] == 30060
    assert profile["area"] == pytest.approx(9.82) and profile["density_class"] == "dense"
    assert "INSEE" in profile["source"] and "Licence Ouverte" in profile["source"]
    references = {row["indicator"]: row for row in _rows(out, "profile_references")}
    assert references["density"]["departement"] == pytest.approx(45.63, abs=0.01)
    assert references["density"]["france"] == pytest.approx(66_732_538 / 632_733.88, rel=1e-4)
    indicators = {
        row["indicator"]: row["value"] for row in _rows(out, "indicators") if row["theme"] == "profile"
    }
    assert indicators["population"] == 30060 and indicators["commute_bike"] == pytest.approx(4.1)


def test_monaco_is_not_available(run_alg, monaco_territory, tmp_path):
    out = str(tmp_path / "diagnosis.gpkg")
    result = run_alg("mobilitydiagnosis:profile", {"INPUT": monaco_territory, "OUTPUT": out})
    (profile,) = _rows(out, "territory_profile")
    assert profile["population"] is None and profile["notes"]
    assert all(row["value"] is None for row in _rows(out, "profile_references"))
    assert any("census" in m or "recensement" in m for m in result["_feedback"].messages)


def test_user_census_file_replaces_the_bundled_one(run_alg, perigueux_territory, tmp_path):
    newer = tmp_path / "base_cc_comparateur_2019.csv"
    newer.write_text(
        "CODGEO;P19_POP;P14_POP;SUPERF;P19_MEN\n24322;29912;30069;9.82;17000\n", encoding="utf-8"
    )
    out = str(tmp_path / "diagnosis.gpkg")
    run_alg("mobilitydiagnosis:profile", {"INPUT": perigueux_territory, "CENSUS": str(newer), "OUTPUT": out})
    (profile,) = _rows(out, "territory_profile")
    assert profile["population"] == 29912 and profile["commute_bike"] == pytest.approx(4.1)
    labels = {row["indicator"]: row["label"] for row in _rows(out, "profile_references")}
    assert "2019" in labels["population"]


def test_wrong_census_file_is_a_clear_error(run_alg, perigueux_territory, tmp_path):
    from qgis.core import QgsProcessingException

    wrong = tmp_path / "notes.csv"
    wrong.write_text("name;value\na;1\n", encoding="utf-8")
    out = tmp_path / "diagnosis.gpkg"
    with pytest.raises(QgsProcessingException, match="CODGEO"):
        run_alg(
            "mobilitydiagnosis:profile",
            {"INPUT": perigueux_territory, "CENSUS": str(wrong), "OUTPUT": str(out)},
        )
    assert not out.exists()


def comparateur_zip_next_edition() -> bytes:
    """INSEE's comparateur zip rebuilt from the real rows of ``insee_comparateur_rp2018.zip`` (its table and
    its variable dictionary), the header renamed as the next edition names it (P18_ → P19_, P13_ → P14_): the
    values are 2018's, the vintage read from the names tells which table the profile used."""
    import io
    import re
    import zipfile

    from tests.conftest import data_path

    with zipfile.ZipFile(data_path("fr", "insee_comparateur_rp2018.zip")) as original:
        table = original.read("base_cc_comparateur.CSV")
        meta = original.read("meta_base_cc_comparateur.CSV")
    header, rest = table.split(b"\n", 1)
    header = re.sub(rb"\bP13_", b"P14_", re.sub(rb"\bP18_", b"P19_", header))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("base_cc_comparateur.CSV", header + b"\n" + rest)
        archive.writestr("meta_base_cc_comparateur.CSV", meta)
    return buffer.getvalue()


def test_census_online_replaces_the_bundled_table(run_alg, perigueux_territory, cache_folder, tmp_path):
    from tests.support.http_server import ReplayServer, Reply

    with ReplayServer() as server:
        server.script("/base_cc_comparateur_csv.zip", Reply(body=comparateur_zip_next_edition(),
                                                            content_type="application/zip"))  # fmt: skip
        params = {"INPUT": perigueux_territory, "CENSUS": "online",
                  "CENSUS_URL": server.url("/base_cc_comparateur_csv.zip")}  # fmt: skip
        run_alg("mobilitydiagnosis:profile", {**params, "OUTPUT": str(tmp_path / "a.gpkg")})
        run_alg("mobilitydiagnosis:profile", {**params, "OUTPUT": str(tmp_path / "b.gpkg")})
        assert server.count("/base_cc_comparateur_csv.zip") == 1  # the second run reads the cache
    for out in ("a.gpkg", "b.gpkg"):
        (profile,) = _rows(str(tmp_path / out), "territory_profile")
        assert profile["population"] == 30060 and "2019" in profile["source"]
        references = {row["indicator"]: row for row in _rows(str(tmp_path / out), "profile_references")}
        assert (
            "2019" in references["population"]["label"] and "2014" in references["population_change"]["label"]
        )
        assert references["density"]["departement"] == pytest.approx(
            45.63, abs=0.01
        )  # from the downloaded table
        assert profile["commute_bike"] == pytest.approx(4.1)  # the other table stays the bundled one


@pytest.mark.parametrize("reply", [
    {"status": 404, "body": b"gone", "content_type": "text/plain"},
    {"body": None, "truncate_at": 50_000, "content_type": "application/zip"},
], ids=["404", "cut"])  # fmt: skip
def test_census_online_failure_keeps_the_bundled_tables(
    run_alg, perigueux_territory, cache_folder, tmp_path, reply
):
    from tests.support.http_server import ReplayServer, Reply

    body = reply.pop("body") or comparateur_zip_next_edition()
    with ReplayServer() as server:
        server.script("/census.zip", Reply(body=body, **reply))
        out = str(tmp_path / "diagnosis.gpkg")
        result = run_alg("mobilitydiagnosis:profile", {
            "INPUT": perigueux_territory, "CENSUS": "online", "CENSUS_URL": server.url("/census.zip"),
            "OUTPUT": out})  # fmt: skip
    (profile,) = _rows(out, "territory_profile")
    assert profile["population"] == 30060 and "2018" in profile["source"]  # the bundled comparateur
    warning = next(m for m in result["_feedback"].messages if "CENSUS" in m)
    assert "127.0.0.1" in warning and "insee.fr" in warning
