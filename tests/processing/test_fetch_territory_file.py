"""fetchterritory from local OSM files (the offline path), through processing.run."""

import json
import os

import pytest
from osgeo import ogr, osr
from qgis.core import QgsProcessingException

from tests.conftest import data_path

DEMO_PBF = os.path.join(
    os.path.dirname(__file__), "..", "..", "mobility_diagnosis", "resources", "demo", "monaco_2023.osm.pbf"
)


def layer_count(path, layer, where=None):
    ds = ogr.Open(path)
    lyr = ds.GetLayerByName(layer)
    if where:
        lyr.SetAttributeFilter(where)
    return lyr.GetFeatureCount()


def about(path):
    ds = ogr.Open(path)
    return {f.GetField("key"): f.GetField("value") for f in ds.GetLayerByName("about")}


def reference_area_km2(code):
    """Area of the IGN Admin Express outline in Lambert-93 (an independent source)."""
    collection = json.loads(
        data_path("fr", "communes-06-alpes-maritimes.geojson").read_text(encoding="utf-8")
    )
    feature = next(f for f in collection["features"] if f["properties"]["code"] == code)
    geometry = ogr.CreateGeometryFromJson(json.dumps(feature["geometry"]))
    src, dst = osr.SpatialReference(), osr.SpatialReference()
    src.ImportFromEPSG(4326)
    dst.ImportFromEPSG(2154)
    for s in (src, dst):
        s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    geometry.Transform(osr.CoordinateTransformation(src, dst))
    return geometry.GetArea() / 1e6


@pytest.mark.parametrize("code, name", [("06032", "Cap-d'Ail"), ("06012", "Beausoleil")])
def test_french_commune_by_insee_from_local_file(run_alg, tmp_path, code, name):
    out = str(tmp_path / f"{code}.gpkg")
    run_alg(
        "mobilitydiagnosis:fetchterritory",
        {"TERRITORY": code, "OSM_FILE": str(data_path("osm", "monaco_communes_2016.osm.pbf")), "OUTPUT": out},
    )
    ds = ogr.Open(out)
    territory = ds.GetLayerByName("territory").GetNextFeature()
    assert (territory.GetField("code"), territory.GetField("name")) == (code, name)
    # outline from the OSM boundary relation, checked against IGN's (simplified) outline: within 5 %
    assert territory.GetField("area_km2") == pytest.approx(reference_area_km2(code), rel=0.05)
    srs = ds.GetLayerByName("streets").GetSpatialRef()
    assert srs.GetAuthorityCode(None) == "2154"
    info = about(out)
    assert info["territory_code"] == code
    assert info["attribution"] == "© OpenStreetMap contributors"
    assert info["licence"].startswith("ODbL")
    assert info["population"].isdigit()
    # the buffer: streets outside the commune are kept but flagged, and nothing lies beyond 500 m
    inside = layer_count(out, "streets", "inside = 1")
    outside = layer_count(out, "streets", "inside = 0")
    assert inside > 50 and outside > 0
    outline = territory.GetGeometryRef().Buffer(505)
    for feature in ds.GetLayerByName("streets"):
        assert outline.Intersects(feature.GetGeometryRef())
    # every tag kept as JSON
    street = next(iter(ds.GetLayerByName("streets")))
    tags = json.loads(street.GetField("tags"))
    assert tags["highway"] == street.GetField("highway")


def test_demo_territory(run_alg, tmp_path):
    out = str(tmp_path / "monaco.gpkg")
    run_alg(
        "mobilitydiagnosis:fetchterritory",
        {"TERRITORY": "osm:relation/2220322", "OSM_FILE": DEMO_PBF, "OUTPUT": out},
    )
    # shared/data/README: 10 schools (amenity=school) and 12 bike parkings in the extract; the schools
    # layer also holds the one kindergarten (a crèche, node 4056395693)
    assert layer_count(out, "schools", 'tags LIKE \'%"amenity": "school"%\'') == 10
    assert layer_count(out, "schools", "osm_id = 4056395693") == 1
    assert layer_count(out, "schools") == 11
    assert layer_count(out, "bike_parking") == 12
    assert layer_count(out, "buildings") > 1000
    assert layer_count(out, "transit_stops") > 100
    assert layer_count(out, "car_parking") >= 60
    assert about(out)["territory_source"].startswith("OSM relation 2220322")
    assert about(out)["osm_timestamp"] == "2023-12-26T21:21:22Z"  # from the .pbf header


def test_buffer_zero_keeps_only_what_touches_the_territory(run_alg, tmp_path):
    out = str(tmp_path / "monaco0.gpkg")
    run_alg(
        "mobilitydiagnosis:fetchterritory",
        {"TERRITORY": "osm:relation/2220322", "OSM_FILE": DEMO_PBF, "BUFFER": 0, "OUTPUT": out},
    )
    assert layer_count(out, "streets", "inside = 0") == 0


def test_polygon_layer_territory(run_alg, tmp_path):
    out = str(tmp_path / "layer.gpkg")
    layer = str(data_path("osm", "monaco_boundary.geojson"))
    run_alg(
        "mobilitydiagnosis:fetchterritory", {"TERRITORY_LAYER": layer, "OSM_FILE": DEMO_PBF, "OUTPUT": out}
    )
    ds = ogr.Open(out)
    territory = ds.GetLayerByName("territory").GetNextFeature()
    assert territory.GetField("name") == "France - Monaco"  # the layer's name field
    assert territory.GetField("source").startswith("polygon layer")
    assert layer_count(out, "streets") > 1000


@pytest.mark.parametrize(
    "filename, territory",
    [("chambery_centre.osm", "chambery"), ("monaco_2012.osm.gz", "monaco")],
)
def test_osm_xml_inputs(run_alg, tmp_path, filename, territory):
    """.osm and .osm.gz give the same layers; the territory is a polygon around the data."""
    src = str(data_path("osm", filename))
    from mobility_diagnosis.qgis_io.osm.osm_file import OsmFile

    with OsmFile(src) as f:
        x0, y0, x1, y1 = f.data_extent()
    poly = tmp_path / "area.geojson"
    poly.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {"nom": territory},
                        "geometry": {
                            "type": "Polygon",
                            "coordinates": [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]],
                        },
                    }
                ],
            }
        )
    )
    out = str(tmp_path / "t.gpkg")
    run_alg(
        "mobilitydiagnosis:fetchterritory", {"TERRITORY_LAYER": str(poly), "OSM_FILE": src, "OUTPUT": out}
    )
    assert layer_count(out, "streets") > 20
    ds = ogr.Open(out)
    names = {f.GetField("name") for f in ds.GetLayerByName("streets")}
    if filename.startswith("chambery"):
        assert "Rue Camille Costa de Beauregard" in names
    else:
        assert "Avenue Princesse Alice" in names


def test_bz2_input(run_alg, tmp_path):
    import bz2

    src = tmp_path / "chambery.osm.bz2"
    src.write_bytes(bz2.compress(data_path("osm", "chambery_centre.osm").read_bytes()))
    from mobility_diagnosis.qgis_io.osm.osm_file import OsmFile

    with OsmFile(str(src)) as f:
        x0, y0, x1, y1 = f.data_extent()
        count = sum(1 for e in f.elements() if e.tags.get("highway"))
    assert count > 20
    assert x0 < x1 and y0 < y1


# ---------------------------------------------------------------------------------------------- faults


def assert_fails(run_alg, params, match, tmp_path):
    out = str(tmp_path / "never.gpkg")
    params = dict(params, OUTPUT=out)
    with pytest.raises(QgsProcessingException, match=match):
        run_alg("mobilitydiagnosis:fetchterritory", params)
    assert not os.path.exists(out)
    assert [p for p in os.listdir(tmp_path) if p.startswith(".tmp")] == []


def test_unknown_commune(run_alg, tmp_path):
    assert_fails(
        run_alg, {"TERRITORY": "Cap d'Aill", "OSM_FILE": DEMO_PBF}, "Closest names: Cap-d'Ail", tmp_path
    )


def test_ambiguous_commune(run_alg, tmp_path):
    assert_fails(run_alg, {"TERRITORY": "Saint-Martin", "OSM_FILE": DEMO_PBF}, "INSEE code", tmp_path)


def test_commune_absent_from_file(run_alg, tmp_path):
    assert_fails(
        run_alg, {"TERRITORY": "35288", "OSM_FILE": DEMO_PBF}, "no complete boundary relation", tmp_path
    )


def test_relation_absent_from_file(run_alg, tmp_path):
    assert_fails(
        run_alg, {"TERRITORY": "osm:relation/123", "OSM_FILE": DEMO_PBF}, "not complete in", tmp_path
    )


def test_corrupt_file(run_alg, tmp_path):
    bad = tmp_path / "broken.osm.pbf"
    bad.write_bytes(data_path("osm", "monaco_2023.osm.pbf").read_bytes()[:20000])
    assert_fails(
        run_alg, {"TERRITORY": "06032", "OSM_FILE": str(bad)}, "corrupt|truncated|no complete", tmp_path
    )


def test_garbage_file(run_alg, tmp_path):
    bad = tmp_path / "garbage.osm"
    bad.write_text("this is not OSM data")
    assert_fails(
        run_alg, {"TERRITORY": "06032", "OSM_FILE": str(bad)}, "corrupt|truncated|cannot read", tmp_path
    )


def test_empty_file(run_alg, tmp_path):
    bad = tmp_path / "empty.osm.pbf"
    bad.write_bytes(b"")
    assert_fails(run_alg, {"TERRITORY": "06032", "OSM_FILE": str(bad)}, "empty", tmp_path)


def test_not_an_osm_file(run_alg, tmp_path):
    bad = tmp_path / "data.csv"
    bad.write_text("a,b\n")
    assert_fails(run_alg, {"TERRITORY": "06032", "OSM_FILE": str(bad)}, "not an OSM file", tmp_path)


def test_no_territory(run_alg, tmp_path):
    assert_fails(run_alg, {"OSM_FILE": DEMO_PBF}, "No territory given", tmp_path)


def test_existing_user_file_is_never_overwritten(run_alg, tmp_path):
    precious = tmp_path / "precious.gpkg"
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(precious))
    ds.CreateLayer("my_data", None, ogr.wkbPoint)
    ds = None
    before = precious.read_bytes()
    with pytest.raises(QgsProcessingException, match="left untouched"):
        run_alg(
            "mobilitydiagnosis:fetchterritory",
            {"TERRITORY": "osm:relation/2220322", "OSM_FILE": DEMO_PBF, "OUTPUT": str(precious)},
        )
    assert precious.read_bytes() == before


def test_rerun_replaces_previous_territory_file(run_alg, tmp_path):
    out = str(tmp_path / "t.gpkg")
    params = {"TERRITORY": "osm:relation/2220322", "OSM_FILE": DEMO_PBF, "OUTPUT": out, "BUFFER": 0}
    run_alg("mobilitydiagnosis:fetchterritory", params)
    first = layer_count(out, "streets")
    run_alg("mobilitydiagnosis:fetchterritory", dict(params, BUFFER=300))
    assert layer_count(out, "streets") > first
