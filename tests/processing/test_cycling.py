"""mobilitydiagnosis:cycling end to end: fetchterritory on real extracts, then the cycling theme."""

import json
import os

import numpy as np
import pytest
from osgeo import ogr
from qgis.core import QgsProcessingException

from tests.conftest import data_path
from tests.core.test_bnac import bnac_validator

DEMO = os.path.join(
    os.path.dirname(__file__), "..", "..", "mobility_diagnosis", "resources", "demo", "monaco_2023.osm.pbf"
)


def box_layer(path, west, south, east, north, code, name):
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    doc = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"code": code, "name": name},
                "geometry": {"type": "Polygon", "coordinates": [ring]},
            }
        ],
    }
    path.write_text(json.dumps(doc), encoding="utf-8")
    return str(path)


def fetch(tmp, osm_file, **params):
    import processing

    out = str(tmp / "territory.gpkg")
    processing.run("mobilitydiagnosis:fetchterritory", {"OSM_FILE": str(osm_file), "OUTPUT": out, **params})
    return out


def rows(path, layer, *fields):
    ds = ogr.Open(path)
    return [tuple(f.GetField(x) for x in fields) for f in ds.GetLayerByName(layer)]


def indicator(path, name):
    ds = ogr.Open(path)
    lyr = ds.GetLayerByName("indicators")
    lyr.SetAttributeFilter(f"theme = 'cycling' AND indicator = '{name}'")
    return next(iter(lyr)).GetField("value")


@pytest.fixture(scope="module")
def monaco(tmp_path_factory, provider):
    tmp = tmp_path_factory.mktemp("monaco")
    return fetch(tmp, DEMO, TERRITORY="osm:relation/2220322")


@pytest.fixture(scope="module")
def paris(tmp_path_factory, provider):
    tmp = tmp_path_factory.mktemp("paris")
    layer = box_layer(
        tmp / "paris.geojson", 2.3515, 48.8576, 2.3807, 48.8700, "75056", "Paris (extrait centre)"
    )
    return fetch(tmp, data_path("osm", "paris_centre.osm.pbf"), TERRITORY_LAYER=layer, BUFFER=0)


@pytest.fixture(scope="module")
def heidelberg(tmp_path_factory, provider):
    import processing

    tmp = tmp_path_factory.mktemp("heidelberg")
    layer = box_layer(tmp / "hd.geojson", 8.63, 49.37, 8.73, 49.43, "hd", "Heidelberg")
    territory = fetch(tmp, data_path("osm", "heidelberg_2024.osm.pbf"), TERRITORY_LAYER=layer)
    output = str(tmp / "diagnosis.gpkg")
    processing.run("mobilitydiagnosis:cycling", {"INPUT": territory, "OUTPUT": output})
    return output


def test_monaco_layers_fields_styles_and_indicators(monaco, run_alg, tmp_path):
    output = str(tmp_path / "diagnosis.gpkg")
    result = run_alg("mobilitydiagnosis:cycling", {"INPUT": monaco, "OUTPUT": output})
    assert result["cycling_segments"] == f"{output}|layername=cycling_segments"
    segs = rows(
        output,
        "cycling_segments",
        "osm_id",
        "facility_left",
        "facility_right",
        "lts",
        "lts_rule",
        "lts_reason",
        "island_id",
    )
    assert len(segs) > 2000
    assert {s[3] for s in segs} <= {0, 1, 2, 3, 4}
    assert all(s[4] and s[5] for s in segs)  # every segment explains itself
    assert all(s[3] in (1, 2) for s in segs if s[6])  # islands only hold low-stress ways
    ds = ogr.Open(output)
    styled = {f.GetField("f_table_name") for f in ds.GetLayerByName("layer_styles")}
    assert {"cycling_segments", "cycling_islands", "cycling_gaps"} <= styled
    share = indicator(output, "share_lts_le2")
    assert 0 < share < 100
    assert indicator(output, "islands") == len(rows(output, "cycling_islands", "island_id"))
    # Monaco's code is not an INSEE code: no BNAC file, a warning instead
    bnac = str(tmp_path / "bnac.geojson")
    result = run_alg("mobilitydiagnosis:cycling", {"INPUT": monaco, "OUTPUT": output, "BNAC": bnac})
    assert not os.path.exists(bnac)
    assert any("INSEE" in m for m in result["_feedback"].messages)


def test_missing_streets_layer_is_a_clear_error(monaco, run_alg, tmp_path):
    broken = str(tmp_path / "old.gpkg")
    src = ogr.Open(monaco)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(broken)
    for name in ("territory", "about"):
        ds.CopyLayer(src.GetLayerByName(name), name)
    ds = None
    with pytest.raises(QgsProcessingException, match="streets"):
        run_alg("mobilitydiagnosis:cycling", {"INPUT": broken, "OUTPUT": str(tmp_path / "d.gpkg")})


def test_paris_named_streets_and_bnac_valid(paris, run_alg, tmp_path):
    output = str(tmp_path / "diagnosis.gpkg")
    bnac = str(tmp_path / "amenagements_cyclables.geojson")
    run_alg("mobilitydiagnosis:cycling", {"INPUT": paris, "OUTPUT": output, "BNAC": bnac})
    by_id = {
        r[0]: r[1:]
        for r in rows(output, "cycling_segments", "osm_id", "name", "facility_left", "facility_right", "lts")
    }
    # tags checked by hand in tests/core/test_cycling_paris.py
    assert by_id[4574413] == ("Rue Charlot", "none", "lane", 1)
    assert by_id[4039306] == ("Rue Vaucanson", "contraflow_lane", "none", 1)
    assert by_id[3127158] == ("Place de la République", "lane", "busway", 3)
    with open(bnac, encoding="utf-8") as stream:
        doc = json.load(stream)
    assert list(bnac_validator().iter_errors(doc)) == []
    props = {f["properties"]["id_osm"]: f["properties"] for f in doc["features"]}
    assert props["4574413"]["ame_d"] == "BANDE CYCLABLE" and props["4574413"]["ame_g"] == "AUCUN"
    assert props["4039306"]["ame_g"] == "DOUBLE SENS CYCLABLE BANDE"
    assert all(f["properties"]["code_com_d"] == "75056" for f in doc["features"])
    lon, lat = doc["features"][0]["geometry"]["coordinates"][0]
    assert 2.3 < lon < 2.4 and 48.8 < lat < 48.9  # WGS84, lon/lat order
    assert "4574298" not in props  # cycleway:both=no: no facility, not exported


def test_heidelberg_islands_and_gaps_are_consistent(heidelberg):
    segs = rows(heidelberg, "cycling_segments", "lts", "island_id")
    islands = rows(heidelberg, "cycling_islands", "island_id", "length_m")
    gaps = rows(
        heidelberg,
        "cycling_gaps",
        "gap_id",
        "reason",
        "kind",
        "length_m",
        "high_stress_m",
        "joins_m",
        "island_a",
        "island_b",
    )
    lengths = dict(islands)
    # islands are numbered by decreasing length and the largest is a real network, not a fragment
    ordered = [length for _, length in sorted(islands)]
    assert ordered == sorted(ordered, reverse=True)
    assert ordered[0] > 20_000
    # only LTS 1-2 ways belong to islands, and every low-stress way belongs to one
    assert all(lts in (1, 2) for lts, island in segs if island)
    assert all(island for lts, island in segs if lts in (1, 2))
    # island lengths add up to the low-stress length of the segments (same geometry, metres)
    ds = ogr.Open(heidelberg)
    low_m = sum(
        f.GetGeometryRef().Length()
        for f in ds.GetLayerByName("cycling_segments")
        if f.GetField("lts") in (1, 2)
    )
    assert sum(ordered) == pytest.approx(low_m, rel=1e-3)
    # every gap touches the territory proper (gaps only in the buffer are not the council's)
    inside_ids = {str(r[0]) for r in rows(heidelberg, "cycling_segments", "osm_id", "inside") if r[1]}
    for (osm_ids,) in rows(heidelberg, "cycling_gaps", "osm_ids"):
        assert set(osm_ids.split(",")) & inside_ids
    # a named station is never listed twice
    dest = [
        r for r in rows(heidelberg, "cycling_gaps", "kind", "destination") if r[0] == "destination" and r[1]
    ]
    assert len(dest) == len(set(dest))
    # what a gap links is named by its kind too (an unnamed town hall reads « la mairie » in the report)
    kinds = rows(heidelberg, "cycling_gaps", "kind", "destination_kind")
    assert {k for g, k in kinds if g == "destination"} <= {"school", "station", "town_centre"}
    assert all(k for g, k in kinds if g == "destination") and not any(
        k for g, k in kinds if g != "destination"
    )
    # gaps: short, with something to fix, ranked by what they join, between sizeable islands
    assert len(gaps) >= 5
    assert [g[0] for g in gaps] == list(range(1, len(gaps) + 1))
    joins = [g[5] for g in sorted(gaps)]
    assert joins == sorted(joins, reverse=True)
    kinds = {g[2] for g in gaps}
    assert {"islands", "destination"} <= kinds
    for _gap_id, reason, kind, length, high, joined, a, b in gaps:
        if kind in ("islands", "crossing"):
            assert a != b and f"island {a}" in reason and f"island {b}" in reason
            assert min(lengths[a], lengths[b]) >= 1000 and joined == pytest.approx(
                min(lengths[a], lengths[b]), 1
            )
        if kind == "islands":
            assert 0 < high <= length <= 300
        elif kind == "crossing":
            assert length == 0 and "without signals" in reason
        else:
            assert kind == "destination" and high > 0 and length <= 400
            assert reason.count("would link") == 1 and f"island {a}" in reason
    # every gap geometry touches the islands it names (within 1 m)
    ds = ogr.Open(heidelberg)
    island_geoms = {
        f.GetField("island_id"): f.GetGeometryRef().Clone() for f in ds.GetLayerByName("cycling_islands")
    }
    for f in ds.GetLayerByName("cycling_gaps"):
        if f.GetField("kind") in ("islands", "crossing"):
            g = f.GetGeometryRef()
            assert g.Distance(island_geoms[f.GetField("island_a")]) < 1
            assert g.Distance(island_geoms[f.GetField("island_b")]) < 1
    share = indicator(heidelberg, "largest_island_share")
    assert share == pytest.approx(100 * ordered[0] / sum(ordered), abs=0.05)
    assert np.isfinite(share)


@pytest.mark.parametrize(
    ("style", "categories"),
    [("cycling_segments.qml", {"0", "1", "2", "3", "4"}), ("cycling_segments_facilities.qml", None)],
)
def test_styles_load_and_categorise(qgis_app, style, categories):
    from qgis.core import QgsVectorLayer

    from mobility_diagnosis.core.cycling.facilities import FACILITIES

    layer = QgsVectorLayer("LineString?crs=EPSG:2154&field=lts:integer&field=facility_left:string"
                           "&field=facility_right:string", "segments", "memory")  # fmt: skip
    path = os.path.join(
        os.path.dirname(__file__), "..", "..", "mobility_diagnosis", "resources", "styles", style
    )
    message, ok = layer.loadNamedStyle(path)
    assert ok, message
    values = {str(c.value()) for c in layer.renderer().categories()}
    assert values == (categories or set(FACILITIES))


def test_segment_reasons_are_each_rating_s_own(monaco):
    """segment_rows words each rating once (ratings are shared by streets tagged alike)."""
    from mobility_diagnosis.qgis_io.gpkg.territory import open_territory
    from mobility_diagnosis.qgis_io.themes.cycling import analyse, segment_rows

    result = analyse(open_territory(monaco, ("streets",)))
    rows = list(segment_rows(result, "fr"))
    assert [attributes["lts_reason"] for _, attributes in rows] == [r.reason("fr") for r in result.ratings]
    assert len({id(r) for r in result.ratings}) < len(result.ratings)  # the cache has something to share


def test_polyline_lengths_match_one_by_one():
    from mobility_diagnosis.qgis_io.themes.cycling import polyline_lengths

    rng = np.random.default_rng(7)
    lines = [rng.random((int(rng.integers(2, 40)), 2)) * 900 + 480_000 for _ in range(500)]
    expected = [float(np.hypot(*np.diff(line, axis=0).T).sum()) for line in lines]
    assert polyline_lengths(lines) == pytest.approx(expected, abs=1e-6)
    assert polyline_lengths([np.array([[0.0, 0.0], [3.0, 4.0]])]).tolist() == [5.0]
    assert polyline_lengths([]).shape == (0,)
