"""Themes written apart and merged (what ``diagnose`` does to compute two at once) give the same
GeoPackage as themes written one after the other into it."""

from osgeo import ogr

from mobility_diagnosis.core.indicators import Indicator
from mobility_diagnosis.qgis_io.export.package_gpkg import read_diagnosis
from mobility_diagnosis.qgis_io.gpkg.diagnosis import LayerSpec, merge_themes, write_theme

WKT = 'PROJCS["WGS 84 / UTM zone 32N",GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",9],PARAMETER["scale_factor",0.9996],PARAMETER["false_easting",500000],PARAMETER["false_northing",0],UNIT["metre",1],AUTHORITY["EPSG","32632"]]'  # noqa: E501


def _line(i):
    g = ogr.Geometry(ogr.wkbLineString)
    g.AddPoint_2D(470000 + i, 5470000)
    g.AddPoint_2D(470010 + i, 5470010)
    return g


def _point(i):
    g = ogr.Geometry(ogr.wkbPoint)
    g.AddPoint_2D(470000 + i, 5470000 + i)
    return g


def _territory():
    ring = ogr.CreateGeometryFromWkt(
        "MULTIPOLYGON(((469000 5469000,472000 5469000,472000 5472000,469000 5469000)))"
    )
    return ring, {"code": "06088", "name": "Nice"}


THEMES = {
    "cycling": (
        [(LayerSpec("cycling_segments", "LineString", [("osm_id", "int"), ("lts", "int"), ("ok", "bool")]),
          [(_line(i), {"osm_id": i, "lts": i % 5, "ok": i % 2 == 0}) for i in range(50)])],
        [Indicator("cycling", "share_lts_le2", "Share", 42.0, "%"), Indicator("cycling", "gaps", "Gaps", None, "count")],
    ),
    "schools": (
        [(LayerSpec("school_diagnosis", "Point", [("osm_id", "int"), ("name", "str"), ("score", "float")]),
          [(_point(i), {"osm_id": i, "name": f"École {i}", "score": i / 3}) for i in range(7)]),
         (LayerSpec("school_directory_gaps", "Point", [("uai", "str")]), [])],
        [Indicator("schools", "schools_count", "Schools", 7.0, "count")],
    ),
}  # fmt: skip


def _write(path, theme):
    layers, indicators = THEMES[theme]
    write_theme(str(path), theme, layers, indicators, WKT, about={"territory_code": "06088", f"{theme}_note": "x"},
                territory=_territory())  # fmt: skip


def _content(path):
    ds = ogr.Open(str(path))
    layers = {}
    for i in range(ds.GetLayerCount()):
        layer = ds.GetLayer(i)
        rows = []
        for f in layer:
            g = f.GetGeometryRef()
            row = {k: v for k, v in f.items().items() if k not in ("update_time",)}
            rows.append((g.ExportToWkt() if g else None, tuple(sorted(row.items(), key=lambda kv: kv[0]))))
        fields = [(d.GetName(), d.GetType(), d.GetSubType()) for d in layer.schema]
        layers[layer.GetName()] = (layer.GetGeomType(), fields, sorted(rows, key=repr))
    layers.pop("about")  # run times differ; the keys are checked through read_diagnosis
    return layers


def test_merged_equals_written_in_turn(tmp_path):
    sequential = tmp_path / "sequential.gpkg"
    for theme in THEMES:
        _write(sequential, theme)
    files = []
    for theme in THEMES:
        _write(tmp_path / f"{theme}.gpkg", theme)
        files.append((theme, str(tmp_path / f"{theme}.gpkg")))
    merged = tmp_path / "merged.gpkg"
    merge_themes(str(merged), files)

    got, want = _content(merged), _content(sequential)
    assert set(got) == set(want)
    for name in want:
        assert got[name] == want[name], name
    diagnosis = read_diagnosis(str(merged))
    assert diagnosis.themes == ["cycling", "schools"]
    assert {i.indicator: i.value for i in diagnosis.indicators} == {
        "share_lts_le2": 42.0, "gaps": None, "schools_count": 7.0,
    }  # fmt: skip
    assert diagnosis.about["cycling_note"] == diagnosis.about["schools_note"] == "x"
    assert diagnosis.about["run_cycling"] and diagnosis.about["run_schools"]


def test_merge_into_an_existing_diagnosis_replaces_only_that_theme(tmp_path):
    path = tmp_path / "diagnosis.gpkg"
    for theme in THEMES:
        _write(path, theme)
    layers, indicators = THEMES["schools"]
    fewer = [(spec, rows[:2]) if spec.name == "school_diagnosis" else (spec, rows) for spec, rows in layers]
    write_theme(str(tmp_path / "schools.gpkg"), "schools", fewer, [Indicator("schools", "schools_count", "S", 2.0, "count")],
                WKT, territory=_territory())  # fmt: skip
    merge_themes(str(path), [("schools", str(tmp_path / "schools.gpkg"))])
    ds = ogr.Open(str(path))
    assert ds.GetLayerByName("school_diagnosis").GetFeatureCount() == 2
    assert ds.GetLayerByName("cycling_segments").GetFeatureCount() == 50
    styles = ds.GetLayerByName("layer_styles")
    styles.SetAttributeFilter("f_table_name = 'school_diagnosis'")
    assert styles.GetFeatureCount() == 1  # replaced, not duplicated
    values = {i.indicator: i.value for i in read_diagnosis(str(path)).indicators}
    assert values["schools_count"] == 2.0 and values["share_lts_le2"] == 42.0


def test_unreadable_theme_file_is_a_clear_error_and_leaves_the_diagnosis(tmp_path):
    import pytest

    from mobility_diagnosis.qgis_io.gpkg.diagnosis import DiagnosisFileError

    path = tmp_path / "diagnosis.gpkg"
    _write(path, "cycling")
    before = path.read_bytes()
    with pytest.raises(DiagnosisFileError, match="run the theme again"):
        merge_themes(str(path), [("schools", str(tmp_path / "missing.gpkg"))])
    assert path.read_bytes() == before


def test_missing_theme_file_for_a_new_diagnosis_is_a_clear_error(tmp_path):
    import pytest

    from mobility_diagnosis.qgis_io.gpkg.diagnosis import DiagnosisFileError

    with pytest.raises(DiagnosisFileError, match="run the theme again"):
        merge_themes(str(tmp_path / "new.gpkg"), [("schools", str(tmp_path / "missing.gpkg"))])
    assert not (tmp_path / "new.gpkg").exists()
