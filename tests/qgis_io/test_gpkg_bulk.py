"""Rows written in bulk through SQLite (qgis_io.gpkg.bulk) read back as GDAL's own writer makes them."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import numpy as np
import pytest
from osgeo import ogr, osr

from mobility_diagnosis.qgis_io.gpkg.bulk import WriteCancelled, insert_rows
from mobility_diagnosis.qgis_io.gpkg.diagnosis import DiagnosisCancelled, LayerSpec, write_theme

CRS = osr.SpatialReference()
CRS.ImportFromEPSG(2154)
FIELDS = [("name", "str"), ("count", "int"), ("share", "float"), ("ok", "bool")]


def _line(x: float, y: float) -> ogr.Geometry:
    return ogr.CreateGeometryFromWkt(f"LINESTRING ({x} {y}, {x + 10} {y + 5}, {x + 12} {y - 3})")


ROWS = [
    (
        _line(650000 + 20 * i, 6860000 + 7 * i),
        {"name": f"rue {i}", "count": i, "share": i / 3, "ok": i % 2 == 0},
    )
    for i in range(50)
] + [
    (_line(651000, 6861000), {"name": 12, "count": np.int64(7), "share": float("nan"), "ok": np.bool_(True)}),
    (None, {"name": None, "count": None, "share": np.float64(2.5), "ok": None}),
    (ogr.CreateGeometryFromWkt("LINESTRING EMPTY"), {"name": "vide"}),
]


def _reference(path, rows):
    """The same rows through GDAL's feature API, as the plugin wrote them before."""
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    layer = ds.CreateLayer("streets", CRS, ogr.wkbLineString, ["FID=fid", "GEOMETRY_NAME=geom"])
    kinds = {"str": ogr.OFTString, "int": ogr.OFTInteger64, "float": ogr.OFTReal, "bool": ogr.OFTInteger}
    for name, kind in FIELDS:
        defn = ogr.FieldDefn(name, kinds[kind])
        if kind == "bool":
            defn.SetSubType(ogr.OFSTBoolean)
        layer.CreateField(defn)
    for geometry, attributes in rows:
        feature = ogr.Feature(layer.GetLayerDefn())
        for name, kind in FIELDS:
            value = attributes.get(name)
            if value is None or (isinstance(value, float) and value != value):
                continue
            feature.SetField(
                name, str(value) if kind == "str" else float(value) if kind == "float" else int(value)
            )
        if geometry is not None:
            feature.SetGeometry(geometry)
        layer.CreateFeature(feature)
    ds = None


def _read(path, layer_name="streets"):
    ds = ogr.Open(str(path))
    layer = ds.GetLayerByName(layer_name)
    features = [
        (f.GetFID(), f.GetGeometryRef().ExportToIsoWkt() if f.GetGeometryRef() else None,
         [f.GetField(i) for i in range(f.GetFieldCount())])
        for f in layer
    ]  # fmt: skip
    layer.SetSpatialFilterRect(650000, 6860000, 650100, 6860100)
    near = sorted(f.GetFID() for f in layer)
    extent = layer.GetExtent()
    defn = layer.GetLayerDefn()
    types = [
        (defn.GetFieldDefn(i).GetType(), defn.GetFieldDefn(i).GetSubType())
        for i in range(defn.GetFieldCount())
    ]
    return features, near, extent, layer.GetFeatureCount(), types


def _write(path, rows=ROWS, cancelled=lambda: False):
    return write_theme(
        str(path), "cycling", [(LayerSpec("streets", "LineString", FIELDS), iter(rows))], [], CRS.ExportToWkt(),
        cancelled=cancelled,
    )  # fmt: skip


def test_same_features_index_extent_and_count_as_gdal(tmp_path):
    _reference(tmp_path / "gdal.gpkg", ROWS)
    assert _write(tmp_path / "bulk.gpkg") == {"streets": len(ROWS)}
    assert _read(tmp_path / "bulk.gpkg") == _read(tmp_path / "gdal.gpkg")
    blobs = []
    for name in ("gdal.gpkg", "bulk.gpkg"):
        with closing(sqlite3.connect(tmp_path / name)) as db:
            blobs.append(db.execute("SELECT fid, geom FROM streets ORDER BY fid").fetchall())
    assert blobs[0] == blobs[1]  # byte for byte the blobs GDAL writes
    with closing(sqlite3.connect(tmp_path / "bulk.gpkg")) as db:
        assert db.execute(
            "SELECT feature_count FROM gpkg_ogr_contents WHERE table_name = 'streets'"
        ).fetchone() == (len(ROWS),)
        # neither the missing nor the empty geometry is in the spatial index, as with GDAL's triggers
        assert db.execute("SELECT count(*) FROM rtree_streets_geom").fetchone() == (len(ROWS) - 2,)


def test_the_file_passes_validate_gpkg(tmp_path):
    """Without the empty geometry: GDAL 3.6's validator reads the empty flag from the wrong bit and fails
    GDAL's own blob for it (flags 0x11, as written here too, see the test above)."""
    validate_gpkg = pytest.importorskip("osgeo_utils.samples.validate_gpkg")
    _write(tmp_path / "bulk.gpkg", ROWS[:-1])
    validate_gpkg.check(str(tmp_path / "bulk.gpkg"))


def test_triggers_are_back_for_later_edits(tmp_path):
    """A user editing the layer in QGIS afterwards keeps a working spatial index and feature count."""
    path = tmp_path / "bulk.gpkg"
    _write(path)
    ds = ogr.Open(str(path), 1)
    layer = ds.GetLayerByName("streets")
    feature = ogr.Feature(layer.GetLayerDefn())
    feature.SetGeometry(_line(700000, 6900000))
    layer.CreateFeature(feature)
    layer.DeleteFeature(1)
    ds = None
    with closing(sqlite3.connect(path)) as db:
        names = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        assert any(name.startswith("rtree_streets_geom") for name in names)
        ids = {row[0] for row in db.execute("SELECT id FROM rtree_streets_geom")}
    assert 1 not in ids and len(ROWS) + 1 in ids
    ds = ogr.Open(str(path))
    assert ds.GetLayerByName("streets").GetFeatureCount() == len(ROWS)


def test_points_carry_no_envelope_and_read_back(tmp_path):
    path = tmp_path / "points.gpkg"
    rows = [(ogr.CreateGeometryFromWkt(f"POINT ({650000 + i} 6860000)"), {"name": str(i)}) for i in range(3)]
    write_theme(
        str(path), "parking", [(LayerSpec("pts", "Point", [("name", "str")]), rows)], [], CRS.ExportToWkt()
    )
    with closing(sqlite3.connect(path)) as db:
        blob = db.execute("SELECT geom FROM pts WHERE fid = 1").fetchone()[0]
    assert blob[:2] == b"GP" and blob[3] & 0x0E == 0  # no envelope, as GDAL writes points
    ds = ogr.Open(str(path))
    assert [f.GetGeometryRef().GetX() for f in ds.GetLayerByName("pts")] == [650000, 650001, 650002]
    assert ds.GetLayerByName("pts").GetExtent() == (650000, 650002, 6860000, 6860000)


def test_cancel_keeps_nothing(tmp_path):
    path = tmp_path / "bulk.gpkg"
    _write(path, ROWS[:5])
    before = path.read_bytes()
    many = [(_line(650000 + i, 6860000), {"name": "x"}) for i in range(5000)]
    with pytest.raises(DiagnosisCancelled):
        _write(path, many, cancelled=lambda: True)
    assert path.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name != "bulk.gpkg"]  # no temporary file left behind


def test_insert_rows_rolls_back_on_cancel(tmp_path):
    path = tmp_path / "bulk.gpkg"
    _write(path, ROWS[:3])
    many = [(_line(650000 + i, 6860000), {"name": "x"}) for i in range(5000)]
    with pytest.raises(WriteCancelled):
        insert_rows(str(path), [("streets", FIELDS, many)], cancelled=lambda: True)
    assert ogr.Open(str(path)).GetLayerByName("streets").GetFeatureCount() == 3


def test_wkb_built_by_a_theme_is_written_as_gdal_would_write_it():
    from mobility_diagnosis.qgis_io.gpkg.bulk import geometry_blob
    from mobility_diagnosis.qgis_io.themes.accessibility_geometry import multilinestring

    parts = [np.array([[650000.0, 6860000.0], [650010.5, 6860003.0]]), np.array([[649990.0, 6860020.0],
             [650001.0, 6859990.25], [650002.0, 6860001.0]])]  # fmt: skip
    built = multilinestring(parts)
    assert built.envelope == (649990.0, 650010.5, 6859990.25, 6860020.0)
    assert geometry_blob(built, 2154) == geometry_blob(ogr.CreateGeometryFromWkb(built.wkb), 2154)


def test_a_geopackage_without_gdal_s_count_table(tmp_path):
    """Made by a GDAL told not to keep feature counts (ADD_GPKG_OGR_CONTENTS=NO): the rows still go in."""
    path = tmp_path / "plain.gpkg"
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path), ["ADD_GPKG_OGR_CONTENTS=NO"])
    layer = ds.CreateLayer("streets", CRS, ogr.wkbLineString, ["FID=fid", "GEOMETRY_NAME=geom"])
    layer.CreateField(ogr.FieldDefn("name", ogr.OFTString))
    ds = None
    assert insert_rows(str(path), [("streets", [("name", "str")], ROWS[:4])]) == {"streets": 4}
    assert ogr.Open(str(path)).GetLayerByName("streets").GetFeatureCount() == 4
