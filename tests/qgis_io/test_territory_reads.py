"""Territory layers read once per process while ``shared_reads`` is on (qgis_io.gpkg.territory)."""

from __future__ import annotations

import json
import shutil

import pytest
from osgeo import ogr

from mobility_diagnosis.qgis_io.gpkg.territory import open_territory, shared_reads


@pytest.fixture(scope="module")
def monaco(monaco_territory):
    return monaco_territory  # read only: the tests that edit a territory copy it first


def _snapshot(features) -> list[tuple]:
    return [(f.osm_type, f.osm_id, f.tags, f.inside, f.geometry.ExportToWkb(), f.fields) for f in features]


def test_a_second_read_is_the_same_and_comes_from_memory(monaco, monkeypatch):
    territory = open_territory(monaco)
    plain = _snapshot(territory.features("streets"))
    with shared_reads():
        first = _snapshot(territory.features("streets"))
        monkeypatch.setattr(ogr, "Open", lambda *a, **k: pytest.fail("read the file again"))
        second = _snapshot(territory.features("streets"))
    assert plain == first == second
    assert len(plain) > 1000


def test_each_reader_gets_its_own_copies(monaco):
    territory = open_territory(monaco)
    with shared_reads():
        a = next(iter(territory.features("streets")))
        a.tags["highway"] = "changed"
        a.geometry.SetPoint_2D(0, 0.0, 0.0)
        a.fields["osm_type"] = "changed"
        b = next(iter(territory.features("streets")))  # the first read was abandoned: read again
        b.tags["highway"] = "changed too"
        rest = list(territory.features("streets"))  # read to the end: kept
        c = next(iter(territory.features("streets")))
    assert c.tags["highway"] not in ("changed", "changed too")
    assert c.geometry.GetPoint_2D(0) != (0.0, 0.0)
    assert c.fields["osm_type"] != "changed"
    assert c.osm_id == rest[0].osm_id


def test_a_rewritten_file_is_read_again(monaco, tmp_path):
    path = tmp_path / "copy.gpkg"
    shutil.copyfile(monaco, path)
    territory = open_territory(str(path))
    with shared_reads():
        before = len(list(territory.features("crossings")))
        ds = ogr.Open(str(path), 1)
        ds.ExecuteSQL("DELETE FROM crossings WHERE fid IN (SELECT fid FROM crossings LIMIT 5)")
        ds = None
        after = len(list(territory.features("crossings")))
    assert after == before - 5


def test_nothing_is_kept_outside_the_block(monaco, monkeypatch):
    territory = open_territory(monaco)
    with shared_reads():
        list(territory.features("pois"))
    opened = []
    real_open = ogr.Open
    monkeypatch.setattr(ogr, "Open", lambda *a, **k: opened.append(a) or real_open(*a, **k))
    list(territory.features("pois"))
    assert opened


def test_tags_that_are_not_a_json_object_are_flagged(monaco, tmp_path):
    path = tmp_path / "edited.gpkg"
    shutil.copyfile(monaco, path)
    ds = ogr.Open(str(path), 1)
    ds.ExecuteSQL("UPDATE streets SET tags = '{broken' WHERE fid = 1")
    ds.ExecuteSQL("UPDATE streets SET tags = '[1, 2]' WHERE fid = 2")
    ds = None
    features = {f.osm_id: f for f in open_territory(str(path)).features("streets")}
    flagged = [f for f in features.values() if f.bad_tags]
    assert len(flagged) == 2 and all(f.tags == {} for f in flagged)
    assert all(isinstance(json.dumps(f.tags), str) for f in features.values())


def test_cycling_warns_about_unreadable_tags(monaco, tmp_path):
    from mobility_diagnosis.qgis_io.themes.cycling import read_streets

    path = tmp_path / "edited.gpkg"
    shutil.copyfile(monaco, path)
    ds = ogr.Open(str(path), 1)
    ds.ExecuteSQL("UPDATE streets SET tags = '{broken' WHERE fid = 1")
    ds = None
    warnings: list[str] = []
    read_streets(open_territory(str(path)), warnings)
    assert any("tags are not valid JSON" in w for w in warnings)


@pytest.mark.parametrize(
    "wkt",
    ["LINESTRING (650000.25 6860000.5, 650010 6860003, 650020.125 6859990)", "LINESTRING Z (1 2 3, 4 5 6)",
     "LINESTRING EMPTY", "LINESTRING M (1 2 9, 3 4 9)"],
)  # fmt: skip
def test_line_xy_is_getpoints_in_two_dimensions(wkt):
    import numpy as np

    from mobility_diagnosis.qgis_io.gpkg.territory import line_xy

    line = ogr.CreateGeometryFromWkt(wkt)
    expected = np.array([p[:2] for p in (line.GetPoints() or [])], dtype=float).reshape(-1, 2)
    found = line_xy(line)
    assert found.shape == expected.shape and np.array_equal(found, expected)
    found[:] = 0.0  # a fresh, writable array


def test_blocks_overlapping_in_threads_end_with_nothing_kept(monaco):
    """Two diagnoses at once in QGIS's task threads: the memory stays while one block is open, and goes with
    the last, whatever order they end in."""
    import mobility_diagnosis.qgis_io.gpkg.territory as tg

    territory = open_territory(monaco)
    first, second = tg.shared_reads(), tg.shared_reads()
    first.__enter__()
    second.__enter__()
    list(territory.features("pois"))
    first.__exit__(None, None, None)  # the first to start ends first
    assert tg._SHARED  # the other block still shares
    second.__exit__(None, None, None)
    assert tg._SHARED is None
