"""``mobilitydiagnosis:commuting`` through Processing: Paris 11e on the real Île-de-France flows (no
commune outline given: rows without lines), Périgueux with the IGN outlines of Dordogne (lines and
distances), and the errors a user meets."""

from __future__ import annotations

import csv
import json

import pytest
from osgeo import ogr, osr

from tests.conftest import data_path

# Paris 11e: its outline is not in the shared data; this rectangle (WGS 84) stands for it. The theme
# reads the territory's code and centre only.
PARIS_11E = [[2.364, 48.852], [2.398, 48.852], [2.398, 48.871], [2.364, 48.871], [2.364, 48.852]]


@pytest.fixture(scope="module")
def paris_11e(tmp_path_factory, provider) -> str:
    import processing

    folder = tmp_path_factory.mktemp("paris11")
    outline = folder / "paris11.geojson"
    outline.write_text(json.dumps({"type": "FeatureCollection", "features": [{
        "type": "Feature", "properties": {"code": "75111", "nom": "Paris 11e Arrondissement"},
        "geometry": {"type": "Polygon", "coordinates": [PARIS_11E]}}]}), encoding="utf-8")  # fmt: skip
    path = str(folder / "paris11.gpkg")
    processing.run("mobilitydiagnosis:fetchterritory", {
        "TERRITORY_LAYER": str(outline), "OSM_FILE": str(data_path("osm", "paris_centre.osm.pbf")), "OUTPUT": path,
    })  # fmt: skip
    return path


def _rows(path: str, layer: str) -> list[tuple]:
    ds = ogr.Open(path)
    return [(f.GetGeometryRef() and f.GetGeometryRef().Clone(), f.items()) for f in ds.GetLayerByName(layer)]


def _indicators(path: str) -> dict:
    return {
        row["indicator"]: row["value"] for _g, row in _rows(path, "indicators") if row["theme"] == "commuting"
    }


def test_paris_11e_on_the_real_flows(run_alg, paris_11e, tmp_path):
    out = str(tmp_path / "diagnosis.gpkg")
    result = run_alg("mobilitydiagnosis:commuting", {
        "INPUT": paris_11e, "FLOWS": str(data_path("fr", "mobpro_idf_rp2014_flows100.csv")), "OUTPUT": out,
    })  # fmt: skip
    with data_path("fr", "mobpro_idf_rp2014_flows100.csv").open(encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f, delimiter=";") if "75111" in (r["CODGEO"], r["DCLT"])]
    flows = _rows(out, "commuting_flows")
    assert len(flows) == len(rows) == 174
    first = min((row for _g, row in flows if row["direction"] == "out"), key=lambda row: row["rank"])
    assert first["destination"] == "75108" and first["flow"] == 2528
    assert first["destination_name"] == "Paris 8e Arrondissement" and "INSEE" in first["source"]
    assert all(geometry is None and row["distance_km"] is None for geometry, row in flows)
    indicators = _indicators(out)
    assert indicators["outgoing"] == 41543 and indicators["incoming"] == 34066
    assert indicators["share_inside"] is None  # the file has no home = work rows
    messages = " ".join(result["_feedback"].messages)
    assert "COMMUNES" in messages and ("home = work" in messages or "domicile = travail" in messages)


def _centre(feature_code: str) -> tuple[float, float]:
    """A commune's point on surface in Lambert-93, read here with OGR alone."""
    ds = ogr.Open(str(data_path("fr", "communes-24-dordogne.geojson")))
    layer = ds.GetLayer()
    layer.SetAttributeFilter(f"code = '{feature_code}'")
    feature = layer.GetNextFeature()  # kept: OGR frees the geometry with its feature
    geometry = feature.GetGeometryRef().Clone()
    source, target = osr.SpatialReference(), osr.SpatialReference()
    source.ImportFromEPSG(4326)
    target.ImportFromEPSG(2154)
    for srs in (source, target):
        srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    geometry.Transform(osr.CoordinateTransformation(source, target))
    point = geometry.PointOnSurface()
    return point.GetX(), point.GetY()


def test_perigueux_lines_and_short_commutes(run_alg, perigueux_territory, tmp_path):
    # The official layout with illustrative counts (no Dordogne flows in the shared data): Périgueux,
    # its neighbours Boulazac Isle Manoire (24053) and Coulounieix-Chamiers (24138), and Bergerac (24037), far away.
    flows = tmp_path / "base-flux-mobilite-domicile-lieu-travail.csv"
    flows.write_text(
        "CODGEO;LIBGEO;DCLT;L_DCLT;NBFLUX_C19_ACTOCC15P\n"
        "24322;Périgueux;24322;Périgueux;6000.5\n"
        "24322;Périgueux;24053;Boulazac Isle Manoire;1500.25\n"
        "24322;Périgueux;24138;Coulounieix-Chamiers;700\n"
        "24322;Périgueux;24037;Bergerac;300\n"
        "24053;Boulazac Isle Manoire;24322;Périgueux;2000\n",
        encoding="utf-8",
    )
    out = str(tmp_path / "diagnosis.gpkg")
    run_alg("mobilitydiagnosis:commuting", {
        "INPUT": perigueux_territory, "FLOWS": str(flows), "OUTPUT": out,
        "COMMUNES": str(data_path("fr", "communes-24-dordogne.geojson")),
    })  # fmt: skip
    home = _centre("24322")
    lines = {row["destination"] if row["direction"] == "out" else "in:" + row["origin"]: (g, row)
             for g, row in _rows(out, "commuting_flows")}  # fmt: skip
    assert set(lines) == {"24053", "24138", "24037", "in:24053"}
    expected = {}
    for code in ("24053", "24138", "24037"):
        x, y = _centre(code)
        expected[code] = ((x - home[0]) ** 2 + (y - home[1]) ** 2) ** 0.5 / 1000
        geometry, row = lines[code]
        assert row["distance_km"] == pytest.approx(expected[code], abs=0.01)
        assert geometry.GetPointCount() == 2 and geometry.Length() / 1000 == pytest.approx(
            expected[code], abs=0.01
        )
        assert row["short"] == (expected[code] < 5)
    assert expected["24138"] < 5 < expected["24053"] and expected["24037"] > 30  # both sides of 5 km
    short = 6000.5 + sum(count for code, count in (("24053", 1500.25), ("24138", 700)) if expected[code] < 5)
    indicators = _indicators(out)
    assert indicators["residents"] == pytest.approx(8500.75)
    assert indicators["share_short"] == pytest.approx(100 * short / 8500.75)
    assert indicators["short_by_car"] == pytest.approx(short * 61.9 / 100)  # Périgueux: 61.9 % by car
    assert indicators["share_inside"] == pytest.approx(100 * 6000.5 / 8500.75)


def test_no_flows_file_is_not_available(run_alg, perigueux_territory, tmp_path):
    """``diagnose`` runs every theme: without a flows file the theme says so and writes empty figures."""
    out = str(tmp_path / "diagnosis.gpkg")
    result = run_alg("mobilitydiagnosis:commuting", {"INPUT": perigueux_territory, "OUTPUT": out})
    assert _rows(out, "commuting_flows") == []
    indicators = _indicators(out)
    assert set(indicators) >= {"residents", "share_short", "short_by_car"}
    assert all(value is None for value in indicators.values())
    assert any("FLOWS" in m for m in result["_feedback"].messages)  # the log says what to give


def test_wrong_flows_file(run_alg, perigueux_territory, tmp_path):
    from qgis.core import QgsProcessingException

    out = tmp_path / "diagnosis.gpkg"
    with pytest.raises(QgsProcessingException, match="DCLT"):
        run_alg("mobilitydiagnosis:commuting", {
            "INPUT": perigueux_territory, "FLOWS": str(data_path("fr", "insee_statistiques_locales_mobilite_rp2021.csv")),
            "OUTPUT": str(out),
        })  # fmt: skip
    assert not out.exists()
