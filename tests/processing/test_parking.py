"""The parking theme on real data (Heidelberg 2024, Monaco 2023): features checked by hand against their
OSM tags, the bike-parking gaps, the indicators, the national-schema CSV (validated with frictionless)
and the Processing algorithm end to end."""

from __future__ import annotations

import csv
import json
import math

import pytest
from osgeo import ogr

from mobility_diagnosis.core import parking as pk
from mobility_diagnosis.qgis_io.export.parking_csv import write_bike_parking_csv
from mobility_diagnosis.qgis_io.gpkg.territory import (
    Territory,
    TerritoryGpkg,
    prepare_territory,
    write_territory_gpkg,
)
from mobility_diagnosis.qgis_io.osm.osm_file import OsmFile
from mobility_diagnosis.qgis_io.themes.parking import REQUIRED_LAYERS, analyse_parking, data_date
from tests.conftest import data_path


def build_territory(pbf, out, geometry, code, name, population=None, french=False):
    """A territory GeoPackage from a local OSM file, through the plugin's own reader and writer."""
    territory = Territory(code, name, "test outline", geometry, population=population, french=french)
    prepared = prepare_territory(territory, 0)
    about = {"source": "file", "file": str(pbf), "osm_timestamp": "2023-12-01T00:00:00Z"}
    with OsmFile(str(pbf)) as osm:
        write_territory_gpkg(str(out), prepared, osm.elements(bbox=prepared.bbox_lonlat), about)
    return str(out)


def _box(x0, y0, x1, y1):
    return ogr.CreateGeometryFromWkt(f"POLYGON(({x0} {y0},{x1} {y0},{x1} {y1},{x0} {y1},{x0} {y0}))")


@pytest.fixture(scope="module")
def heidelberg_gpkg(tmp_path_factory):
    pbf = data_path("osm", "heidelberg_2024.osm.pbf")
    with OsmFile(str(pbf)) as osm:
        extent = osm.data_extent()  # the file's header bbox is wrong (data README)
    return build_territory(
        pbf, tmp_path_factory.mktemp("hd") / "heidelberg.gpkg", _box(*extent), "HD", "Heidelberg"
    )


def _monaco_outline():
    data = json.loads(data_path("osm", "monaco_boundary.geojson").read_text())
    geometry = data["features"][0]["geometry"] if "features" in data else data
    return ogr.CreateGeometryFromJson(json.dumps(geometry))


@pytest.fixture(scope="module")
def monaco_gpkg(tmp_path_factory):
    out = tmp_path_factory.mktemp("mc") / "monaco.gpkg"
    return build_territory(data_path("osm", "monaco_2023.osm.pbf"), out, _monaco_outline(), "MC", "Monaco")


@pytest.fixture(scope="module")
def heidelberg(heidelberg_gpkg):
    return analyse_parking(TerritoryGpkg(heidelberg_gpkg, REQUIRED_LAYERS))


@pytest.fixture(scope="module")
def monaco(monaco_gpkg):
    return analyse_parking(TerritoryGpkg(monaco_gpkg, REQUIRED_LAYERS))


def _rows(result, kind=None, osm_id=None):
    return [
        d
        for _g, d in result.supply
        if (kind is None or d["kind"] == kind) and (osm_id is None or d["osm_id"] == osm_id)
    ]


def _indicators(result):
    return {row.indicator: row for row in result.indicators}


def test_heidelberg_counts(heidelberg):
    # GDAL assembles 975 of the 979 car parks and 58 of the 59 bike parkings the data README counts
    # (the others are relations or ways incomplete in the extract).
    car = _rows(heidelberg, "car_park") + _rows(heidelberg, "park_and_ride")
    assert len(car) == 975
    assert len(_rows(heidelberg, "bike_parking")) == 58


def test_heidelberg_car_parks_checked_by_hand(heidelberg):
    # node 270306133 "Crowne Plaza": amenity=parking, parking=underground, park_ride=yes, capacity=134,
    # capacity:disabled=2
    (crowne,) = _rows(heidelberg, osm_id=270306133)
    assert (crowne["kind"], crowne["parking_type"], crowne["capacity"], crowne["capacity_estimated"]) == (
        "park_and_ride", "underground", 134, False)  # fmt: skip
    assert crowne["capacity_disabled"] == 2
    # way 24010736 "Hirschgrund": parking=surface, fee=no, no capacity; its footprint is 2,122 m²
    # (UTM 32N) → 2,122 / 25 = 84 spaces, flagged as an estimate
    (hirschgrund,) = _rows(heidelberg, osm_id=24010736)
    assert hirschgrund["area_m2"] == pytest.approx(2122, abs=3)
    assert hirschgrund["capacity"] == int(hirschgrund["area_m2"] // 25) == 84
    assert hirschgrund["capacity_estimated"] is True and hirschgrund["fee"] == "no"
    assert "25 m² per space" in hirschgrund["estimate_method"]


def test_heidelberg_on_street_checked_by_hand(heidelberg):
    # way 340569174 Bahnhofstraße (58.4 m): parking:lane:left=parallel, parking:lane:right=perpendicular,
    # parking:condition:both=ticket → 58.4 / 5.5 = 10 and 58.4 / 2.5 = 23 spaces, estimated
    sides = {d["side"]: d for d in _rows(heidelberg, "on_street", 340569174)}
    assert sides["left"]["length_m"] == pytest.approx(58.4, abs=0.3)
    assert (sides["left"]["orientation"], sides["left"]["capacity"]) == ("parallel", 10)
    assert (sides["right"]["orientation"], sides["right"]["capacity"]) == ("perpendicular", 23)
    assert sides["right"]["restriction"] == "ticket" and sides["right"]["scheme"] == "parking:lane"
    assert sides["left"]["capacity_estimated"] and sides["right"]["capacity_estimated"]
    # way 253080539 Oberer Fauler Pelz (27.2 m): left parallel (residents), right no_stopping → 4 and 0
    sides = {d["side"]: d for d in _rows(heidelberg, "on_street", 253080539)}
    assert (sides["left"]["capacity"], sides["left"]["restriction"]) == (4, "residents")
    assert (sides["right"]["status"], sides["right"]["capacity"], sides["right"]["capacity_estimated"]) == (
        "none", 0, False)  # fmt: skip
    # way 133616225 Kettengasse: parking:lane:left=private is not a value of the scheme → unknown
    (kettengasse,) = _rows(heidelberg, "on_street", 133616225)
    assert kettengasse["status"] == "unknown" and kettengasse["capacity"] is None


def test_heidelberg_on_street_points_are_beside_the_street(heidelberg_gpkg, heidelberg):
    territory = TerritoryGpkg(heidelberg_gpkg, REQUIRED_LAYERS)
    (street,) = [f for f in territory.features("streets") if f.osm_id == 340569174]
    for geometry, row in heidelberg.supply:
        if row["osm_id"] == 340569174 and row["kind"] == "on_street":
            assert geometry.Distance(street.geometry) == pytest.approx(3.0, abs=0.01)


def test_heidelberg_indicators(heidelberg):
    ind = _indicators(heidelberg)
    totals = heidelberg.totals
    assert ind["car_spaces_per_1000"].value is None  # no population in this territory
    assert "unavailable" in ind["car_spaces_per_1000"].label
    # street sides plus parking bays mapped as areas (parking=street_side|lane|layby)
    on_street = [d for d in _rows(heidelberg, "on_street") if d["capacity"] is not None and d["inside"]]
    bays = [d for d in _rows(heidelberg, "car_park") if d["parking_type"] == "street_side" and d["capacity"]]
    assert on_street and bays
    assert ind["car_spaces_on_street"].value == sum(d["capacity"] for d in on_street + bays)
    assert ind["bike_spaces"].value == sum(d["capacity"] or 0 for d in _rows(heidelberg, "bike_parking"))
    estimated = totals.car_off_street_estimated + totals.car_on_street_estimated
    total = totals.car_off_street + totals.car_on_street
    assert ind["car_spaces_estimated_share"].value == round(100 * estimated / total, 1)
    assert 0 < ind["on_street_information_share"].value < 1  # 17 tagged sides in a whole region
    assert heidelberg.distance_method == "network"
    assert "walking network" in ind["destinations_with_bike_parking_share"].label


def test_monaco_bike_parking_checked_by_hand(monaco):
    rows = _rows(monaco, "bike_parking")
    assert len(rows) == 12
    # node 7620506944: bicycle_parking=bollard, capacity=4, covered=yes
    (bollard,) = _rows(monaco, osm_id=7620506944)
    assert (bollard["capacity"], bollard["covered"], bollard["bike_parking_type"]) == (4, True, "bollard")
    # node 11358836014: stands, capacity 4, covered=no, fee=no, access=yes
    (stands,) = _rows(monaco, osm_id=11358836014)
    assert (stands["capacity"], stands["covered"], stands["access"], stands["fee"]) == (4, False, "yes", "no")
    # node 7111828580: access=customers, no capacity → unknown, not zero
    (customers,) = _rows(monaco, osm_id=7111828580)
    assert customers["capacity"] is None and customers["access"] == "customers"
    assert _indicators(monaco)["bike_spaces"].value == 26.0  # 4+2+2+2+4+4+8 tagged
    assert _indicators(monaco)["bike_parkings_unknown_capacity"].value == 5.0


def test_monaco_car_parks_and_warnings(monaco):
    # node 1878520547 "Parking de la Digue": multi-storey, capacity=84
    (digue,) = _rows(monaco, osm_id=1878520547)
    assert (digue["parking_type"], digue["capacity"], digue["capacity_estimated"]) == (
        "multi-storey",
        84,
        False,
    )
    # node 1079750865 "Parking du Larvotto": underground point, capacity:disabled=yes, no capacity →
    # unknown capacity, no warning for the valid yes/no form
    (larvotto,) = _rows(monaco, osm_id=1079750865)
    assert larvotto["capacity"] is None and larvotto["capacity_disabled"] is None
    assert not [w for w in monaco.warnings if "1079750865" in w]
    # way 835255758: capacity=53 on a 113 m² outline: kept, with a warning naming it
    (dense,) = _rows(monaco, osm_id=835255758)
    assert dense["capacity"] == 53 and dense["area_m2"] == pytest.approx(113.1, abs=1)
    assert [w for w in monaco.warnings if w.startswith("way/835255758") and "capacity=53" in w]


def test_monaco_gaps(monaco):
    assert monaco.gaps, "Monaco has few bike parkings: most destinations are gaps"
    for _geometry, row in monaco.gaps:
        assert row["distance_method"] in ("network", "crow_fly")
        distance = row["nearest_bike_parking_m"]
        assert distance is None or distance > 50.0
    kinds = {row["destination_kind"] for _g, row in monaco.gaps}
    assert {"school", "stop", "shop"} <= kinds
    # each destination once, and a gap is never a served destination
    ids = [(row["osm_type"], row["osm_id"]) for _g, row in monaco.gaps]
    assert len(ids) == len(set(ids))
    served = _indicators(monaco)["destinations_with_bike_parking_share"].value
    assert served == round(100 * (monaco.totals.destinations - len(ids)) / monaco.totals.destinations, 1)


def test_gap_distance_matters(monaco_gpkg):
    territory = TerritoryGpkg(monaco_gpkg, REQUIRED_LAYERS)
    near = analyse_parking(territory, gap_distance_m=50)
    far = analyse_parking(territory, gap_distance_m=400)
    assert len(far.gaps) < len(near.gaps)
    crow = analyse_parking(territory, gap_distance_m=50, use_network=False)
    assert crow.distance_method == "crow_fly"
    assert "straight line" in _indicators(crow)["destinations_with_bike_parking_share"].label
    # the straight line is never longer than the walk: never more gaps
    assert len(crow.gaps) <= len(near.gaps)


def test_population_gives_per_resident_figures(tmp_path):
    pbf = data_path("osm", "monaco_2023.osm.pbf")
    # 38,367 residents: Monaco's 2023 census figure (IMSEE), given as if the territory file knew it
    gpkg = build_territory(pbf, tmp_path / "mc.gpkg", _monaco_outline(), "MC", "Monaco", population=38367)
    result = analyse_parking(TerritoryGpkg(gpkg, REQUIRED_LAYERS))
    ind = _indicators(result)
    assert ind["bike_spaces_per_1000"].value == round(1000 * 26 / 38367, 1)
    car = ind["car_spaces_off_street"].value + ind["car_spaces_on_street"].value
    assert ind["car_spaces_per_1000"].value == round(1000 * car / 38367, 1)


def test_missing_pois_layer_is_skipped(monaco_gpkg, tmp_path):
    """A territory file without the optional destination layers still gives supply and indicators."""
    import shutil

    copy = tmp_path / "no_pois.gpkg"
    shutil.copy(monaco_gpkg, copy)
    ds = ogr.Open(str(copy), 1)
    for name in ("pois", "buildings"):
        ds.DeleteLayer(name)
    ds = None
    result = analyse_parking(TerritoryGpkg(str(copy), REQUIRED_LAYERS))
    assert {row["destination_kind"] for _g, row in result.gaps} <= {"school", "stop", "station"}
    assert len(_rows(result, "bike_parking")) == 12


# ---------------------------------------------------------------------------- national schema CSV

SCHEMA_PARTS = ("schemas", "stationnement-cyclable_schema.json")


def _validate(path):
    from frictionless import Resource, Schema

    # The schema's custom check (french_gps_coordinates) is a validata extension, not Table Schema.
    schema = Schema.from_descriptor(json.loads(data_path(*SCHEMA_PARTS).read_text(encoding="utf-8")))
    # frictionless refuses absolute paths ("not safe"): give the folder as basepath
    return Resource(path=path.name, basepath=str(path.parent), schema=schema).validate()


def test_schema_csv_from_monaco_is_valid(monaco, tmp_path):
    rows, note = pk.schema_rows(monaco.bike_items, commune_code="MC", date_maj="2023-12-01")
    path = tmp_path / "stationnement_cyclable.csv"
    assert write_bike_parking_csv(str(path), rows) == len(rows) == 5
    report = _validate(path)
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    # 12 bike parkings: 5 lack a capacity, 2 more lack a type (required by the schema)
    assert "7 bike parking(s)" in note
    with open(path, encoding="utf-8") as handle:
        by_id = {row["id_osm"]: row for row in csv.DictReader(handle)}
    # node 7620506944: bollard, 4, covered → CADRE / POTELET / couverture true
    assert by_id["n7620506944"]["type_accroche"] == "CADRE"
    assert by_id["n7620506944"]["mobilier"] == "POTELET"
    assert by_id["n7620506944"]["couverture"] == "true"
    lon, lat = json.loads(by_id["n7620506944"]["coordonneesxy"])
    assert 7.40 < lon < 7.44 and 43.72 < lat < 43.76  # Monaco, longitude first
    assert by_id["w835609343"]["mobilier"] == "ARCEAU"


def test_schema_csv_broken_row_is_invalid(tmp_path):
    good, _ = pk.schema_row("node", 1, {"bicycle_parking": "stands", "capacity": "6"}, 5.9, 45.6,
                            commune_code="73065")  # fmt: skip
    broken = dict(good, id_local="n2", id_osm="n2", capacite="six", type_accroche="CROCHET", code_com="7306")
    path = tmp_path / "broken.csv"
    write_bike_parking_csv(str(path), [good, broken])
    report = _validate(path)
    assert not report.valid
    errors = {(e[0], e[1]) for e in report.flatten(["rowNumber", "fieldName"])}
    assert {(3, "capacite"), (3, "type_accroche"), (3, "code_com")} <= errors
    assert not any(row == 2 for row, _field in errors)


def test_data_date():
    assert data_date({"osm_timestamp": "2023-12-01T10:00:00Z"}) == "2023-12-01"
    assert data_date({"retrieved_at": "2026-11-26 10:00"}) == "2026-11-26"
    assert data_date({}) == ""


def test_nan_never_written_as_distance(monaco):
    for _g, row in monaco.gaps:
        distance = row["nearest_bike_parking_m"]
        assert distance is None or math.isfinite(distance)


# ---------------------------------------------------------------------------- Processing, end to end


@pytest.fixture(scope="module")
def cap_dail_gpkg(tmp_path_factory, provider):
    """Cap-d'Ail (06032), a French commune: fetchterritory gives it its population."""
    import processing

    out = str(tmp_path_factory.mktemp("capdail") / "cap_dail.gpkg")
    pbf = str(data_path("osm", "monaco_communes_2016.osm.pbf"))
    processing.run("mobilitydiagnosis:fetchterritory", {"TERRITORY": "06032", "OSM_FILE": pbf, "OUTPUT": out})
    return out


def test_processing_run_end_to_end(cap_dail_gpkg, run_alg, tmp_path):
    from qgis.core import QgsVectorLayer

    output = str(tmp_path / "diagnosis.gpkg")
    csv_path = tmp_path / "stationnement_cyclable.csv"
    result = run_alg("mobilitydiagnosis:parking", {
        "INPUT": cap_dail_gpkg, "OUTPUT": output, "GAP_DISTANCE": 80, "CSV_OUTPUT": str(csv_path),
    })  # fmt: skip
    assert result["parking_supply"] == f"{output}|layername=parking_supply"
    assert result["bike_parking_gaps"] == f"{output}|layername=bike_parking_gaps"
    assert result["CSV_OUTPUT"] == str(csv_path)
    ds = ogr.Open(output)
    supply = ds.GetLayerByName("parking_supply")
    names = [
        supply.GetLayerDefn().GetFieldDefn(i).GetName() for i in range(supply.GetLayerDefn().GetFieldCount())
    ]
    assert names[:4] == ["osm_id", "kind", "capacity", "capacity_estimated"]
    gaps = ds.GetLayerByName("bike_parking_gaps")
    gap_names = [
        gaps.GetLayerDefn().GetFieldDefn(i).GetName() for i in range(gaps.GetLayerDefn().GetFieldCount())
    ]
    assert gap_names[:2] == ["destination", "nearest_bike_parking_m"] and "distance_method" in gap_names
    for feature in gaps:
        assert feature.GetField("gap_distance_m") == 80.0
        distance = feature.GetField("nearest_bike_parking_m")
        assert distance is None or distance > 80.0
    indicators = {
        f.GetField("indicator"): f
        for f in ds.GetLayerByName("indicators")
        if f.GetField("theme") == "parking"
    }
    territory = TerritoryGpkg(cap_dail_gpkg)
    population = territory.population or pk.population_from_about(territory.about)
    assert population and population > 1000  # Cap-d'Ail: about 4,600 residents in the commune list
    car = indicators["car_spaces_off_street"].GetField("value") + indicators["car_spaces_on_street"].GetField(
        "value"
    )
    assert indicators["car_spaces_per_1000"].GetField("value") == pytest.approx(
        round(1000 * car / population, 1)
    )
    assert indicators["bike_spaces_per_1000"].GetField("value") is not None
    assert "80 m" in indicators["destinations_with_bike_parking_share"].GetField("label")
    ds = None
    # the default styles travel with the layers
    layer = QgsVectorLayer(result["parking_supply"], "parking_supply", "ogr")
    assert layer.isValid() and layer.renderer().type() == "categorizedSymbol"
    assert layer.renderer().classAttribute() == "kind"
    layer = QgsVectorLayer(result["bike_parking_gaps"], "bike_parking_gaps", "ogr")
    assert layer.isValid() and layer.labelsEnabled()
    # Cap-d'Ail had no bike parking in OSM in 2016: said, and every destination is a gap
    assert any("No bike parking is mapped" in m for m in result["_feedback"].messages)
    assert indicators_value(output, "destinations_with_bike_parking_share") == 0.0
    assert csv_path.exists()
    assert _validate(csv_path).valid


def indicators_value(output, indicator):
    ds = ogr.Open(output)
    layer = ds.GetLayerByName("indicators")
    layer.SetAttributeFilter(f"theme = 'parking' AND indicator = '{indicator}'")
    return layer.GetNextFeature().GetField("value")


def test_processing_rejects_a_file_without_parking_layers(run_alg, tmp_path):
    from qgis.core import QgsProcessingException

    bad = str(tmp_path / "bad.gpkg")
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(bad)
    ds.CreateLayer("territory", None, ogr.wkbPolygon)
    ds = None
    with pytest.raises(QgsProcessingException, match="car_parking, bike_parking, streets"):
        run_alg("mobilitydiagnosis:parking", {"INPUT": bad, "OUTPUT": str(tmp_path / "out.gpkg")})


# ---------------------------------------------------------------------------- carpool areas (BNLC, online)

# Written by hand after transport.data.gouv.fr's /api/geo-query?data=bnlc (a FeatureCollection of
# ST_AsGeoJSON rows, properties nom_lieu; richer exports add the schema's id_lieu and nbre_pl):
# two areas in Cap-d'Ail, one in Paris, one without a usable point.
BNLC_REPLY = b"""{"type": "FeatureCollection", "features": [
 {"type": "Feature", "geometry": {"type": "Point", "coordinates": [7.4047, 43.7230]},
  "properties": {"nom_lieu": "Cap-d'Ail - Gare", "id_lieu": "06032-C-001", "nbre_pl": 12}},
 {"type": "Feature", "geometry": {"type": "Point", "coordinates": [7.3990, 43.7210]},
  "properties": {"nom_lieu": "Cap-d'Ail - Pont"}},
 {"type": "Feature", "geometry": {"type": "Point", "coordinates": [2.3522, 48.8566]},
  "properties": {"nom_lieu": "Paris - Hotel de Ville", "nbre_pl": 5}},
 {"type": "Feature", "geometry": null, "properties": {"nom_lieu": "sans coordonnees"}}
]}"""


@pytest.fixture
def bnlc_server(tmp_path_factory, qgis_app):
    """A loopback server, and a cache folder of the test's own (never the user's, never shared)."""
    from mobility_diagnosis.qgis_io import settings
    from tests.support.http_server import ReplayServer

    previous = settings.cache_folder()
    settings.set_cache_folder(str(tmp_path_factory.mktemp("bnlc_cache")))
    try:
        with ReplayServer() as server:
            yield server
    finally:
        settings.set_cache_folder(previous if previous != settings.default_cache_folder() else None)


def _carpool_run(run_alg, territory, tmp_path, url):
    output = str(tmp_path / "diagnosis.gpkg")
    result = run_alg("mobilitydiagnosis:parking", {"INPUT": territory, "OUTPUT": output, "CARPOOL": True,
                                                    "BNLC_URL": url})  # fmt: skip
    ds = ogr.Open(output)
    layer = ds.GetLayerByName("parking_supply")
    layer.SetAttributeFilter("kind = 'carpool'")
    rows = sorted((f.GetField("name"), f.GetField("capacity")) for f in layer)
    result["_carpool"] = {f["indicator"]: f["value"] for f in ds.GetLayerByName("indicators")
                          if f["indicator"] in ("carpool_areas", "carpool_spaces")}  # fmt: skip
    return result, rows


def test_carpool_areas_inside_the_commune(cap_dail_gpkg, run_alg, tmp_path, bnlc_server):
    from tests.support.http_server import Reply

    bnlc_server.script("/api/geo-query", Reply(body=BNLC_REPLY))
    url = bnlc_server.url("/api/geo-query?data=bnlc")
    result, rows = _carpool_run(run_alg, cap_dail_gpkg, tmp_path, url)
    assert rows == [("Cap-d'Ail - Gare", 12), ("Cap-d'Ail - Pont", None)]  # Paris left out
    assert result["_carpool"] == {"carpool_areas": 2, "carpool_spaces": 12}  # the page's figures
    assert any("1 carpool area(s)" in m for m in result["_feedback"].messages)
    assert bnlc_server.requests[0].query == "data=bnlc"
    # a second run is served from the cache
    _carpool_run(run_alg, cap_dail_gpkg, tmp_path / "again", url)
    assert bnlc_server.count("/api/geo-query") == 1


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        ({"status": 503, "body": b"busy"}, "HTTP error 503"),
        (
            {"body": b"<html>maintenance</html>", "content_type": "text/html"},
            "did not return the national carpool",
        ),
        ({"body": b'{"type": "Feature"}'}, "did not return the national carpool"),
    ],
)
def test_carpool_failure_is_a_warning_not_a_crash(
    cap_dail_gpkg, run_alg, tmp_path, bnlc_server, reply, expected
):
    from tests.support.http_server import Reply

    bnlc_server.script("/api/geo-query", Reply(**reply))
    result, rows = _carpool_run(run_alg, cap_dail_gpkg, tmp_path, bnlc_server.url("/api/geo-query?data=bnlc"))
    assert rows == []
    assert result["_carpool"] == {"carpool_areas": None, "carpool_spaces": None}  # unknown, not 0
    messages = [m for m in result["_feedback"].messages if m.startswith("Carpool areas skipped")]
    assert messages and expected in messages[0]
    assert result["parking_supply"]  # the theme still ran


def test_carpool_needs_a_french_commune(monaco_gpkg, run_alg, tmp_path, bnlc_server):
    result, rows = _carpool_run(run_alg, monaco_gpkg, tmp_path, bnlc_server.url("/api/geo-query?data=bnlc"))
    assert rows == []
    assert bnlc_server.count("/api/geo-query") == 0
    assert any("not an INSEE commune code" in m for m in result["_feedback"].messages)


def test_cancel_leaves_the_diagnosis_untouched(cap_dail_gpkg, run_alg, tmp_path):
    from qgis.core import QgsProcessingException, QgsProcessingFeedback

    output = tmp_path / "diagnosis.gpkg"
    run_alg("mobilitydiagnosis:parking", {"INPUT": cap_dail_gpkg, "OUTPUT": str(output)})
    before = output.read_bytes()
    feedback = QgsProcessingFeedback()
    feedback.cancel()
    with pytest.raises(QgsProcessingException, match="Cancelled"):
        run_alg(
            "mobilitydiagnosis:parking", {"INPUT": cap_dail_gpkg, "OUTPUT": str(output)}, feedback=feedback
        )
    assert output.read_bytes() == before
