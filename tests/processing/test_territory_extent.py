"""TERRITORY_EXTENT: a rectangle as the territory, in any CRS, from a local OSM file and from Overpass (a
loopback server replaying a recorded reply), with its precedence and its refusals."""

import os
from pathlib import Path
from urllib.parse import parse_qs

import pytest
from osgeo import ogr, osr
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsProcessingException,
    QgsProject,
    QgsRectangle,
    QgsReferencedRectangle,
)

from tests.support.overpass_server import INTERPRETER

ROOT = Path(__file__).resolve().parents[2]
MONACO = str(ROOT / "mobility_diagnosis" / "resources" / "demo" / "monaco_2023.osm.pbf")
# Part of Monaco: La Condamine and Monaco-Ville (west, south, east, north).
BOX = (7.415, 43.728, 7.425, 43.735)
BOX_4326 = "7.415,7.425,43.728,43.735 [EPSG:4326]"


def in_3857(west, south, east, north) -> str:
    transform = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:4326"),
        QgsCoordinateReferenceSystem("EPSG:3857"),
        QgsProject.instance(),
    )
    r = transform.transformBoundingBox(QgsRectangle(west, south, east, north))
    return f"{r.xMinimum()},{r.xMaximum()},{r.yMinimum()},{r.yMaximum()} [EPSG:3857]"


def territory_row(path):
    ds = ogr.Open(path)
    layer = ds.GetLayerByName("territory")
    feature = layer.GetNextFeature()
    srs = layer.GetSpatialRef()
    geometry = feature.GetGeometryRef().Clone()
    fields = {
        feature.GetFieldDefnRef(i).GetName(): feature.GetField(i) for i in range(feature.GetFieldCount())
    }
    return fields, geometry, srs


def lonlat(geometry, srs):
    wgs84 = osr.SpatialReference()
    wgs84.ImportFromEPSG(4326)
    wgs84.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    geometry = geometry.Clone()
    geometry.Transform(osr.CoordinateTransformation(srs, wgs84))
    return geometry


def street_names(path):
    ds = ogr.Open(path)
    return {f.GetField("name") for f in ds.GetLayerByName("streets")}


@pytest.mark.parametrize("extent", [BOX_4326, in_3857(*BOX)], ids=["EPSG:4326", "EPSG:3857"])
def test_a_rectangle_is_the_territory(run_alg, tmp_path, extent):
    out = str(tmp_path / "box.gpkg")
    run_alg(
        "mobilitydiagnosis:fetchterritory",
        {"TERRITORY_EXTENT": extent, "OSM_FILE": MONACO, "BUFFER": 0, "OUTPUT": out},
    )
    fields, geometry, srs = territory_row(out)
    assert fields["code"] == "extent"
    assert fields["name"] == "Extent from 7.4150°\xa0E 43.7280°\xa0N to 7.4250°\xa0E 43.7350°\xa0N"
    # the territory layer is the rectangle, in the metric CRS chosen as for any territory (Lambert-93 here)
    assert srs.GetAuthorityCode(None) == "2154"
    west, east, south, north = lonlat(geometry, srs).GetEnvelope()
    assert (west, south, east, north) == pytest.approx(BOX, abs=1e-6)
    rectangle = ogr.CreateGeometryFromWkt("POLYGON(({0} {1},{2} {1},{2} {3},{0} {3},{0} {1}))".format(*BOX))
    assert lonlat(geometry, srs).SymDifference(rectangle).GetArea() < 1e-4 * rectangle.GetArea()
    # features inside the box are kept, those away from it are not; with no buffer every street touches it
    names = street_names(out)
    assert {"Avenue Prince Pierre", "Avenue de la Porte Neuve"} <= names
    assert not names & {
        "Avenue Princesse Grace",
        "Boulevard des Moulins",
        "Avenue de Grande-Bretagne",
    }  # Monte-Carlo
    ds = ogr.Open(out)
    streets = ds.GetLayerByName("streets")
    assert streets.GetFeatureCount() > 100
    for feature in streets:
        assert feature.GetGeometryRef().Intersects(geometry.Buffer(0.01)), feature.GetField("osm_id")


def test_the_rectangle_comes_before_territory_and_after_the_layer(run_alg, tmp_path):
    out = str(tmp_path / "box.gpkg")
    result = run_alg(
        "mobilitydiagnosis:fetchterritory",
        {
            "TERRITORY": "osm:relation/2220322",
            "TERRITORY_EXTENT": QgsReferencedRectangle(
                QgsRectangle(*BOX), QgsCoordinateReferenceSystem("EPSG:4326")
            ),
            "OSM_FILE": MONACO,
            "OUTPUT": out,
        },
    )
    assert territory_row(out)[0]["code"] == "extent"
    assert "Several territories given: TERRITORY ignored" in " ".join(result["_feedback"].messages)


def test_an_extent_without_crs_is_longitude_latitude(run_alg, tmp_path):
    out = str(tmp_path / "box.gpkg")
    run_alg(
        "mobilitydiagnosis:fetchterritory",
        {"TERRITORY_EXTENT": "7.415,7.425,43.728,43.735", "OSM_FILE": MONACO, "BUFFER": 0, "OUTPUT": out},
    )
    fields, geometry, srs = territory_row(out)
    assert fields["code"] == "extent"
    west, east, south, north = lonlat(geometry, srs).GetEnvelope()
    assert (west, south, east, north) == pytest.approx(BOX, abs=1e-6)


@pytest.mark.parametrize(
    ("extent", "match"),
    [
        ("7.42,7.42,43.73,43.73 [EPSG:4326]", "is empty"),
        ("-5,9,42,51 [EPSG:4326]", r"more than 1,000\xa0km²"),
        (in_3857(7.0, 43.5, 7.6, 44.0), r"more than 1,000\xa0km²"),
    ],
    ids=["empty", "France", "a zoomed-out map in EPSG:3857"],
)
def test_bad_extents_are_refused_with_what_to_do(run_alg, tmp_path, extent, match):
    out = str(tmp_path / "never.gpkg")
    with pytest.raises(QgsProcessingException, match=match) as error:
        run_alg(
            "mobilitydiagnosis:fetchterritory",
            {"TERRITORY_EXTENT": extent, "OSM_FILE": MONACO, "OUTPUT": out},
        )
    assert "TERRITORY_EXTENT" in str(error.value)
    assert not os.path.exists(out)
    assert [p for p in os.listdir(tmp_path) if p.startswith(".tmp")] == []


def test_no_territory_at_all_names_the_three_ways(run_alg, tmp_path):
    with pytest.raises(
        QgsProcessingException, match="TERRITORY_LAYER, or give a rectangle in TERRITORY_EXTENT"
    ):
        run_alg("mobilitydiagnosis:fetchterritory", {"OSM_FILE": MONACO, "OUTPUT": str(tmp_path / "n.gpkg")})


def test_overpass_is_asked_for_the_rectangle_and_its_buffer(
    run_alg, overpass_server, private_settings, tmp_path
):
    """Around Denfert-Rochereau (the recorded reply's area): one query with a bounding-box filter of the
    rectangle grown by the buffer, no polygon filter; the streets of the reply inside it are kept."""
    overpass_server.script(INTERPRETER, overpass_server.recorded_reply("paris14_denfert_2022.json"))
    west, south, east, north = 2.3300, 48.8300, 2.3380, 48.8360
    out = str(tmp_path / "denfert.gpkg")
    run_alg(
        "mobilitydiagnosis:fetchterritory",
        {
            "TERRITORY_EXTENT": in_3857(west, south, east, north),
            "OVERPASS_URL": overpass_server.interpreter_url,
            "BUFFER": 100,
            "OUTPUT": out,
        },
    )
    assert overpass_server.count(INTERPRETER) == 1
    query = parse_qs(overpass_server.requests[-1].body.decode())["data"][0]
    assert "poly:" not in query
    filters = {
        line[line.index("(") : line.index(")") + 1]
        for line in query.splitlines()
        if ";" in line and "(" in line
    }
    bbox = [f for f in filters if f.count(",") == 3]
    assert len(set(bbox)) == 1, filters
    s, w, n, e = (float(v) for v in bbox[0].strip("()").split(","))
    # 100 m is about 0.0009° of latitude and 0.00137° of longitude at 48.83° N
    assert s == pytest.approx(south - 0.0009, abs=0.0001) and n == pytest.approx(north + 0.0009, abs=0.0001)
    assert w == pytest.approx(west - 0.00137, abs=0.0001) and e == pytest.approx(east + 0.00137, abs=0.0001)
    fields, _geometry, srs = territory_row(out)
    assert fields["code"] == "extent" and srs.GetAuthorityCode(None) == "2154"
    assert street_names(out) & {"Avenue du Général Leclerc", "Boulevard Raspail", "Avenue Denfert-Rochereau"}
