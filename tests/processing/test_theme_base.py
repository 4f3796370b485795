"""The shared theme machinery: layers and indicator rows replaced per theme, the rest kept, styles
stored as defaults, nothing written on cancel."""

import os
import shutil
from pathlib import Path

import pytest
from osgeo import ogr
from qgis.core import QgsProcessingContext, QgsProcessingException, QgsProcessingFeedback, QgsVectorLayer

from mobility_diagnosis.core.indicators import Indicator
from mobility_diagnosis.processing.theme_base import ThemeAlgorithm, ThemeResult
from mobility_diagnosis.qgis_io.gpkg.diagnosis import LayerSpec


class DummyTheme(ThemeAlgorithm):
    theme = "dummy"
    required_layers = ("streets",)
    output_layers = ("cycling_gaps",)  # a layer with a bundled style, to check it is stored
    value = 1.0

    def name(self):
        return "dummy"

    def displayName(self):
        return "dummy"

    def run_theme(self, territory, parameters, context, feedback):
        spec = LayerSpec("cycling_gaps", "LineString", [("gap_id", "int"), ("reason", "str")])
        rows = []
        for feature in territory.features("streets"):
            rows.append((feature.geometry, {"gap_id": feature.osm_id, "reason": "test"}))
            if len(rows) == 5:
                break
        return ThemeResult([(spec, rows)], [Indicator(self.theme, "x", "X", self.value, "count")])


@pytest.fixture(scope="module")
def territory_gpkg(tmp_path_factory, provider):
    import processing

    out = str(tmp_path_factory.mktemp("ter") / "monaco.gpkg")
    processing.run(
        "mobilitydiagnosis:fetchterritory",
        {
            "TERRITORY": "osm:relation/2220322",
            "OSM_FILE": os.path.join(
                os.path.dirname(__file__),
                "..",
                "..",
                "mobility_diagnosis",
                "resources",
                "demo",
                "monaco_2023.osm.pbf",
            ),
            "OUTPUT": out,
        },
    )
    return out


def run_dummy(alg, territory, output, feedback=None):
    alg.initAlgorithm()
    context = QgsProcessingContext()
    feedback = feedback or QgsProcessingFeedback()
    ok = alg.prepare({"INPUT": territory, "OUTPUT": output}, context, feedback)
    assert ok
    return alg.runPrepared({"INPUT": territory, "OUTPUT": output}, context, feedback)


def indicator_rows(path):
    ds = ogr.Open(path)
    return sorted(
        (f.GetField("theme"), f.GetField("indicator"), f.GetField("value"))
        for f in ds.GetLayerByName("indicators")
    )


def test_theme_replaces_only_its_own_rows_and_layers(territory_gpkg, tmp_path):
    output = str(tmp_path / "diagnosis.gpkg")
    # a foreign layer and another theme's indicator row already in the file
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(output)
    keep = ds.CreateLayer("my_notes", None, ogr.wkbNone)
    keep.CreateField(ogr.FieldDefn("note", ogr.OFTString))
    f = ogr.Feature(keep.GetLayerDefn())
    f.SetField("note", "keep me")
    keep.CreateFeature(f)
    ind = ds.CreateLayer("indicators", None, ogr.wkbNone)
    for name, kind in (
        ("theme", ogr.OFTString),
        ("indicator", ogr.OFTString),
        ("label", ogr.OFTString),
        ("value", ogr.OFTReal),
        ("unit", ogr.OFTString),
    ):
        ind.CreateField(ogr.FieldDefn(name, kind))
    f = ogr.Feature(ind.GetLayerDefn())
    f.SetField("theme", "other")
    f.SetField("indicator", "y")
    f.SetField("value", 7.0)
    ind.CreateFeature(f)
    ds = None

    alg = DummyTheme()
    run_dummy(alg, territory_gpkg, output)
    alg2 = DummyTheme()
    alg2.value = 2.0
    result = run_dummy(alg2, territory_gpkg, output)

    assert indicator_rows(output) == [("dummy", "x", 2.0), ("other", "y", 7.0)]
    ds = ogr.Open(output)
    assert ds.GetLayerByName("my_notes").GetNextFeature().GetField("note") == "keep me"
    assert ds.GetLayerByName("cycling_gaps").GetFeatureCount() == 5
    assert ds.GetLayerByName("territory").GetFeatureCount() == 1
    assert result["cycling_gaps"] == f"{output}|layername=cycling_gaps"
    # exactly one default style row for the territory layer, and QGIS applies it when opening the layer
    styles = ds.GetLayerByName("layer_styles")
    styles.SetAttributeFilter("f_table_name = 'territory'")
    assert styles.GetFeatureCount() == 1
    ds = None
    layer = QgsVectorLayer(f"{output}|layername=territory", "territory", "ogr")
    assert layer.isValid()
    assert layer.renderer().symbol().symbolLayer(0).layerType() == "SimpleLine"


def test_missing_layers_are_named(tmp_path, provider):
    bad = str(tmp_path / "bad.gpkg")
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(bad)
    ds.CreateLayer("territory", None, ogr.wkbPolygon)
    ds = None
    with pytest.raises(QgsProcessingException, match="about, streets"):
        run_dummy(DummyTheme(), bad, str(tmp_path / "out.gpkg"))
    assert not os.path.exists(tmp_path / "out.gpkg")


def test_cancel_leaves_previous_file_untouched(territory_gpkg, tmp_path):
    output = str(tmp_path / "diagnosis.gpkg")
    run_dummy(DummyTheme(), territory_gpkg, output)
    before = Path(output).read_bytes()
    feedback = QgsProcessingFeedback()
    feedback.cancel()
    alg = DummyTheme()
    alg.value = 99.0
    with pytest.raises(QgsProcessingException, match="Cancelled"):
        run_dummy(alg, territory_gpkg, output, feedback)
    assert Path(output).read_bytes() == before
    assert [p for p in os.listdir(tmp_path) if p.startswith(".tmp")] == []
    shutil.rmtree(tmp_path, ignore_errors=True)
