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
