"""``mobilitydiagnosis:schools`` end to end on Monaco, with one school's figures recomputed
independently (OGR geometry and networkx), and the online directory against a local HTTP server."""

import json
import math
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar
from urllib.parse import parse_qs, urlparse

import networkx as nx
import numpy as np
import pytest
from osgeo import ogr
from qgis.core import QgsProcessingException

from tests.conftest import data_path

FONTVIEILLE = 176131190  # École de Fontvieille: mapped as grounds (an area) with bike parking nearby
CARMES = 1872391440  # École des Carmes: a node

# Written out here rather than imported, so that the check does not reuse the code under test.
STREETS = {
    "motorway", "motorway_link", "trunk", "trunk_link", "primary", "primary_link", "secondary",
    "secondary_link", "tertiary", "tertiary_link", "unclassified", "residential", "living_street",
    "service", "road", "pedestrian", "busway",
}  # fmt: skip
# The one walking rule of every theme (core/walking.py, docs/accessibility.md): closed highway classes,
# motorroad=yes, a foot ban, or access=no/private without a foot permission.
NOT_WALKABLE = {"motorway", "motorway_link", "construction", "proposed", "abandoned", "disused", "raceway",
                "bus_guideway"}  # fmt: skip
FOOT_ALLOWED = ("yes", "designated", "permissive", "destination", "official")


def _layer(path, name):
    ds = ogr.Open(path)
    layer = ds.GetLayerByName(name)
    rows = []
    for f in layer:
        g = f.GetGeometryRef()
        rows.append((f.items(), g.Clone() if g is not None else None))
    return rows


@pytest.fixture(scope="module")
def monaco(monaco_territory):
    return monaco_territory  # read only


@pytest.fixture(scope="module")
def diagnosis(monaco, tmp_path_factory, provider):
    import processing

    output = str(tmp_path_factory.mktemp("out") / "diagnosis.gpkg")
    result = processing.run("mobilitydiagnosis:schools", {"INPUT": monaco, "OUTPUT": output})
    return result, output


def _features(territory, layer):
    """(tags, geometry, fields) of a territory layer, read with OGR directly."""
    out = []
    ds = ogr.Open(territory)
    for f in ds.GetLayerByName(layer):
        out.append((json.loads(f.GetField("tags") or "{}"), f.GetGeometryRef().Clone(), f.items()))
    return out


def _walkable(tags):
    if tags.get("highway") in NOT_WALKABLE or tags.get("motorroad") == "yes":
        return False
    if tags.get("foot") in ("no", "private", "use_sidepath"):
        return False
    return tags.get("foot") in FOOT_ALLOWED or tags.get("access") not in ("no", "private")


def _graph(lines):
    """networkx graph of every vertex (1 cm keys) and segment of the given polylines."""
    graph = nx.Graph()
    segments = []
    for coords in lines:
        keys = [(round(x * 100), round(y * 100)) for x, y in coords]
        for (a, ka), (b, kb) in zip(zip(coords, keys), zip(coords[1:], keys[1:])):
            length = math.dist(a, b)
            if ka != kb:
                graph.add_edge(
                    ka,
                    kb,
                    weight=min(length, graph.edges[ka, kb]["weight"]) if graph.has_edge(ka, kb) else length,
                )
                segments.append((a, b, ka, kb, length))
    return graph, segments


def _project(point, segments, max_snap=100.0):
    """Nearest segment to a point: (distance, key a, key b, metres along, segment length)."""
    if not hasattr(_project, "cache") or _project.cache[0] is not segments:
        a = np.array([seg[0] for seg in segments], dtype=float)
        b = np.array([seg[1] for seg in segments], dtype=float)
        _project.cache = (segments, a, b)
    _, a, b = _project.cache
    d = b - a
    t = np.clip(((np.asarray(point) - a) * d).sum(axis=1) / (d * d).sum(axis=1), 0, 1)
    dist = np.linalg.norm(a + t[:, None] * d - np.asarray(point), axis=1)
    i = int(np.argmin(dist))
    _, _, ka, kb, length = segments[i]
    return (float(dist[i]), ka, kb, float(t[i]) * length, length) if dist[i] <= max_snap else None


def _covered(graph, segments, source, radius):
    """Metres of segments within ``radius`` of a source point on the network (exact, per segment)."""
    _, ka, kb, along, length = source
    graph = graph.copy()
    graph.add_edge("S", ka, weight=along)
    graph.add_edge("S", kb, weight=length - along)
    dist = nx.single_source_dijkstra_path_length(graph, "S", cutoff=radius + 1e-6, weight="weight")
    total = 0.0
    for _, _, u, v, seg in segments:
        if {u, v} == {ka, kb}:  # the source's own segment: both sides of the source
            total += min(along, radius) + min(length - along, radius)
            continue
        du, dv = dist.get(u, math.inf), dist.get(v, math.inf)
        total += min(seg, max(0.0, radius - du) + max(0.0, radius - dv))
    return total, dist


def _speed(tags):
    try:
        from mobility_diagnosis.core.speeds import street_speed
    except ImportError:
        return 50.0
    return street_speed(tags, "FR").kmh


def test_outputs_and_indicators(diagnosis):
    result, output = diagnosis
    assert set(result) >= {"OUTPUT", "school_diagnosis", "school_street_candidates", "school_directory_gaps"}
    rows = _layer(output, "school_diagnosis")
    # Monaco's 9 schools mapped as nodes, 2 as grounds (way areas) and a kindergarten: 11 in all.
    assert len(rows) == 11
    assert {r["osm_id"] for r, _ in rows} >= {FONTVIEILLE, CARMES, 4056395693}
    for r, _ in rows:
        assert 0 <= r["score"] <= 100
        assert r["main_gap"] and r["main_gap_code"]
    ds = ogr.Open(output)  # kept alive while its layer is read (GDAL would crash otherwise)
    indicators = {
        f.GetField("indicator"): f.GetField("value")
        for f in ds.GetLayerByName("indicators")
        if f.GetField("theme") == "schools"
    }
    assert indicators["schools_count"] == 11
    with_parking = sum(1 for r, _ in rows if r["bike_parking_count"] > 0)
    assert indicators["share_bike_parking"] == pytest.approx(100 * with_parking / 11, abs=0.05)
    # Without a directory, the directory gaps are unknown (NULL), not zero.
    assert indicators["missing_in_osm"] is None and indicators["missing_in_directory"] is None


def test_one_school_checked_by_hand(monaco, diagnosis):
    _, output = diagnosis
    (row,) = [r for r, _ in _layer(output, "school_diagnosis") if r["osm_id"] == FONTVIEILLE]
    (school,) = [(t, g) for t, g, f in _features(monaco, "schools") if f["osm_id"] == FONTVIEILLE]
    (grounds,) = [g for t, g, f in _features(monaco, "school_areas") if f["osm_id"] == FONTVIEILLE]
    point = school[1]
    streets = _features(monaco, "streets")

    # Streets within 300 m: clip with a fine OGR buffer, sum by speed class.
    disc = point.Buffer(300, 512)
    by_class = {"le30": 0.0, "50": 0.0, "gt50": 0.0}
    for tags, geometry, _ in streets:
        if tags.get("highway") not in STREETS or tags.get("area") == "yes":
            continue
        inside = geometry.Intersection(disc).Length()
        speed = 0 if tags["highway"] in ("living_street", "pedestrian") else _speed(tags)
        by_class["le30" if speed <= 30 else "50" if speed <= 50 else "gt50"] += inside
    assert row["street_le30_m"] == pytest.approx(by_class["le30"], rel=2e-3, abs=0.5)
    assert row["street_50_m"] == pytest.approx(by_class["50"], rel=2e-3, abs=0.5)
    assert row["street_gt50_m"] == pytest.approx(by_class["gt50"], rel=2e-3, abs=0.5)

    # Walking catchments and nearest stop: networkx on the walkable ways.
    walk_lines = [geometry.GetPoints() for tags, geometry, _ in streets if _walkable(tags)]
    graph, segments = _graph([[p[:2] for p in line] for line in walk_lines])
    source = _project((point.GetX(), point.GetY()), segments)
    assert source is not None
    walk_500, _ = _covered(graph, segments, source, 500)
    walk_1000, dist = _covered(graph, segments, source, 1000)
    assert row["walk_500_m"] == pytest.approx(walk_500, rel=1e-3)
    assert row["walk_1000_m"] == pytest.approx(walk_1000, rel=1e-3)
    _, far = _covered(graph, segments, source, 2000)
    best = math.inf
    for _, stop, _ in _features(monaco, "transit_stops"):
        stop = stop if stop.GetGeometryName() == "POINT" else stop.PointOnSurface()
        snapped = _project((stop.GetX(), stop.GetY()), segments)
        if snapped is None:
            continue
        d_snap, ka, kb, along, length = snapped
        if {ka, kb} == {source[1], source[2]}:
            best = min(best, abs(along - source[3]) + d_snap)
        best = min(
            best, far.get(ka, math.inf) + along + d_snap, far.get(kb, math.inf) + length - along + d_snap
        )
    assert row["stop_distance_m"] == pytest.approx(best, abs=0.2)

    # Cycling catchment within 2 km, on every cyclable way and on LTS <= 2 only (LTS from the cycling core).
    try:
        from mobility_diagnosis.core.cycling.lts import evaluate
    except ImportError:
        evaluate = None
    if evaluate is not None:
        lts = [(evaluate(tags, "FR").lts, geometry) for tags, geometry, _ in streets]
        for low_only, field in ((False, "cycle_2km_m"), (True, "cycle_low_stress_m")):
            lines = [
                [p[:2] for p in g.GetPoints()]
                for level, g in lts
                if level >= 1 and (level <= 2 or not low_only)
            ]
            graph_c, segments_c = _graph(lines)
            start = _project((point.GetX(), point.GetY()), segments_c)
            expected = _covered(graph_c, segments_c, start, 2000)[0] if start else 0.0
            assert row[field] == pytest.approx(expected, rel=1e-3, abs=0.5), field
    else:
        assert row["cycle_2km_m"] is None

    # Bike parking within 50 m of the grounds (OGR distance to the polygon).
    near = [f for _, g, f in _features(monaco, "bike_parking") if g.Distance(grounds) <= 50]
    assert row["bike_parking_count"] == len(near) > 0
    assert row["bike_parking_capacity"] == sum(f["capacity"] or 0 for f in near)

    # Crossings within 300 m of the school point and their kerbs.
    def is_crossing(t):
        return (
            t.get("highway") == "crossing"
            or t.get("crossing") not in (None, "no")
            or t.get("railway") == "crossing"
        )

    crossings = [
        t for t, g, _ in _features(monaco, "crossings") if is_crossing(t) and g.Distance(point) <= 300
    ]
    assert row["crossings"] == len(crossings) > 0
    assert row["crossings_tactile"] == sum(t.get("tactile_paving") in ("yes", "incorrect") for t in crossings)

    # The score from the documented weights.
    calm_total = by_class["le30"] + by_class["50"] + by_class["gt50"]
    stop_part = min(max((800 - best) / 500, 0), 1)
    parts = {
        "calm": (30, by_class["le30"] / calm_total),
        "cycling": (20, row["cycle_low_stress_share"] or 0.0),
        "parking": (15, min(row["bike_parking_capacity"] / 10, 1)),
        "crossings": (10, row["crossings_kerb_ok"] / row["crossings"]),
        "transit": (15, stop_part),
        "walking": (10, row["walk_directness"]),
    }
    assert row["score"] == pytest.approx(sum(w * v for w, v in parts.values()), abs=0.15)


def test_school_street_candidates_on_monaco(monaco, diagnosis):
    _, output = diagnosis
    rows = _layer(output, "school_street_candidates")
    streets = {f["osm_id"]: t for t, _, f in _features(monaco, "streets")}
    assert rows
    for r, geometry in rows:
        assert r["reason"] in ("entrance", "frontage", "near_school", "existing_school_street")
        assert streets[r["osm_id"]]["highway"] in ("residential", "living_street", "unclassified", "service")
        assert geometry.Length() > 0
    # Fontvieille has grounds: its candidates run along them (frontage), within 15 m of the outline.
    (grounds,) = [g for t, g, f in _features(monaco, "school_areas") if f["osm_id"] == FONTVIEILLE]
    fontvieille = [(r, g) for r, g in rows if r["school_osm_id"] == FONTVIEILLE]
    assert fontvieille and all(r["reason"] in ("frontage", "entrance") for r, _ in fontvieille)
    assert all(g.Distance(grounds) <= 20.0 for r, g in fontvieille)


def _directory_csv(path, rows):
    header = ("Identifiant_de_l_etablissement;Nom_etablissement;Type_etablissement;Code_commune;"
              "latitude;longitude;Ecole_maternelle;Ecole_elementaire")  # fmt: skip
    path.write_text("\r\n".join([header, *(";".join(r) for r in rows)]) + "\r\n", encoding="cp1252")
    return str(path)


def test_directory_join_and_gaps(monaco, provider, tmp_path):
    import processing

    # Monaco has no French directory: a hand-made one in the official format (cp1252, decimal commas),
    # with one school 57 m from École des Carmes under another spelling (name + distance), one nowhere
    # in OSM, one outside the territory and one without coordinates.
    csv_path = _directory_csv(
        tmp_path / "annuaire.csv",
        [
            (
                "0069991A",
                "Ecole primaire publique des Carmes",
                "Ecole",
                "99138",
                "43,74901",
                "7,43559",
                "1",
                "1",
            ),
            (
                "0069992B",
                "Ecole maternelle publique du Rocher",
                "Ecole",
                "99138",
                "43,73527",
                "7,42408",
                "1",
                "0",
            ),
            ("0069993C", "Collège de Nice", "Collège", "06088", "43.70", "7.26", "0", "0"),
            ("0069994D", "Ecole sans position", "Ecole", "99138", "", "", "1", "0"),
        ],
    )
    output = str(tmp_path / "diagnosis.gpkg")
    result = processing.run(
        "mobilitydiagnosis:schools", {"INPUT": monaco, "SCHOOLS_DIRECTORY": csv_path, "OUTPUT": output}
    )
    rows = {r["osm_id"]: r for r, _ in _layer(output, "school_diagnosis")}
    gaps = [r for r, _ in _layer(output, "school_directory_gaps")]
    carmes = rows[CARMES]
    assert (carmes["uai"], carmes["directory_match"]) == ("0069991A", "name_distance")
    assert [g["uai"] for g in gaps if g["gap"] == "missing_in_osm"] == ["0069992B"]  # Nice is outside
    missing_in_directory = {g["osm_id"] for g in gaps if g["gap"] == "missing_in_directory"}
    # Every other amenity=school of Monaco, but neither the crèche (kindergarten) nor the dance
    # academy (school=dance), which the directory never lists.
    assert CARMES not in missing_in_directory
    assert 4056395693 not in missing_in_directory and 7944656344 not in missing_in_directory
    assert FONTVIEILLE in missing_in_directory
    assert result["school_directory_gaps"].endswith("layername=school_directory_gaps")


def test_not_a_directory_is_a_clear_error(monaco, provider, tmp_path):
    import processing

    bad = tmp_path / "communes.csv"
    bad.write_text("code;nom\r\n06032;Cap-d'Ail\r\n", encoding="utf-8")
    with pytest.raises(QgsProcessingException, match="Identifiant_de_l_etablissement"):
        processing.run(
            "mobilitydiagnosis:schools",
            {"INPUT": monaco, "SCHOOLS_DIRECTORY": str(bad), "OUTPUT": str(tmp_path / "d.gpkg")},
        )


# ------------------------------------------------------------------------------ online directory
def _record(uai, name, lat, lon, commune="06032"):
    """One record as explore v2.1 returns it (lower-case field names, numbers as numbers)."""
    return {
        "identifiant_de_l_etablissement": uai, "nom_etablissement": name, "type_etablissement": "Ecole",
        "statut_public_prive": "Public", "code_commune": commune, "nom_commune": "Cap-d'Ail",
        "ecole_maternelle": 1, "ecole_elementaire": 1, "latitude": lat, "longitude": lon,
        "position": {"lon": lon, "lat": lat} if lat is not None else None,
    }  # fmt: skip


RECORDS = [
    _record(f"06{i:05d}X", f"Ecole primaire publique numéro {i}", 43.72 + i * 1e-4, 7.40) for i in range(230)
]
RECORDS[7] = _record("0600007X", "Ecole sans coordonnées", None, None)


class Replay(BaseHTTPRequestHandler):
    mode = "ok"
    requests: ClassVar[list] = []

    def log_message(self, *args):
        pass

    def do_GET(self):
        query = parse_qs(urlparse(self.path).query)
        type(self).requests.append((urlparse(self.path).path, query))
        if self.mode == "500":
            body = json.dumps({"error_code": "InternalError", "message": "Something went wrong"}).encode()
            self.send_response(500)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        offset, limit = int(query["offset"][0]), int(query["limit"][0])
        body = json.dumps({"total_count": len(RECORDS), "results": RECORDS[offset : offset + limit]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.mode == "cut" and offset >= 100:
            self.wfile.write(body[: len(body) // 2])  # the connection drops mid-body
            self.wfile.flush()
            self.connection.shutdown(2)
            return
        self.wfile.write(body)


@pytest.fixture
def server():
    Replay.requests = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Replay)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd, f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
    Replay.mode = "ok"


def test_online_directory_pages_through_every_record(qgis_app, server):
    from mobility_diagnosis.qgis_io.sources.schools_directory_online import fetch_commune_directory

    _, url = server
    Replay.mode = "ok"
    result = fetch_commune_directory("6032", url)
    assert len(result.schools) == 229  # 230 records, one without coordinates
    assert any("0600007X" in w for w in result.warnings)
    assert [q["offset"][0] for _, q in Replay.requests] == ["0", "100", "200"]
    path, query = Replay.requests[0]
    assert path == "/api/explore/v2.1/catalog/datasets/fr-en-annuaire-education/records"
    assert query["where"] == ['code_commune="06032"'] and query["limit"] == ["100"]


@pytest.mark.parametrize("mode, text", [("500", "HTTP 500"), ("cut", "Could not download")])
def test_online_directory_failures_are_clear(qgis_app, server, mode, text):
    from mobility_diagnosis.qgis_io.sources.schools_directory_online import (
        DirectoryDownloadError,
        fetch_commune_directory,
    )

    _, url = server
    Replay.mode = mode
    with pytest.raises(DirectoryDownloadError) as error:
        fetch_commune_directory("06032", url)
    message = str(error.value)
    assert text in message
    assert "CSV" in message  # says what to do instead
    if mode == "500":
        assert "Something went wrong" in message


def test_online_directory_rejects_a_non_french_code(qgis_app):
    from mobility_diagnosis.qgis_io.sources.schools_directory_online import (
        DirectoryDownloadError,
        fetch_commune_directory,
    )

    with pytest.raises(DirectoryDownloadError, match="INSEE"):
        fetch_commune_directory("MC", "http://127.0.0.1:9")


def test_online_through_the_algorithm(monaco, provider, server, tmp_path):
    """'online' with a territory that is not a French commune: a clear error, nothing written."""
    import processing

    _, url = server
    output = tmp_path / "d.gpkg"
    with pytest.raises(QgsProcessingException, match="INSEE"):
        processing.run(
            "mobilitydiagnosis:schools",
            {"INPUT": monaco, "SCHOOLS_DIRECTORY": "online", "SCHOOLS_API_URL": url, "OUTPUT": str(output)},
        )
    assert not output.exists()


def test_layers_open_with_their_styles(diagnosis):
    from qgis.core import QgsVectorLayer

    _, output = diagnosis
    scores = QgsVectorLayer(f"{output}|layername=school_diagnosis", "s", "ogr")
    assert scores.isValid()
    renderer = scores.renderer()
    assert renderer.type() == "graduatedSymbol" and renderer.classAttribute() == "score"
    assert [(r.lowerValue(), r.upperValue()) for r in renderer.ranges()] == [
        (0, 25),
        (25, 50),
        (50, 75),
        (75, 100),
    ]
    candidates = QgsVectorLayer(f"{output}|layername=school_street_candidates", "c", "ogr")
    assert candidates.renderer().type() == "categorizedSymbol"
    assert {c.value() for c in candidates.renderer().categories()} == {
        "entrance", "frontage", "near_school", "existing_school_street"
    }  # fmt: skip


def test_online_directory_for_a_french_commune_without_osm_schools(provider, server, tmp_path):
    """Beausoleil (06012) in the 2016 extract has no OSM school inside: the layers are empty, and the
    directory's schools, fetched online, are all reported as missing in OSM."""
    import processing
    from osgeo import osr

    territory = str(tmp_path / "beausoleil.gpkg")
    processing.run(
        "mobilitydiagnosis:fetchterritory",
        {
            "TERRITORY": "06012",
            "OSM_FILE": str(data_path("osm", "monaco_communes_2016.osm.pbf")),
            "OUTPUT": territory,
        },
    )
    ds = ogr.Open(territory)
    feature = ds.GetLayerByName("territory").GetNextFeature()  # kept: it owns the geometry
    outline = feature.GetGeometryRef().Clone()
    srs = ds.GetLayerByName("territory").GetSpatialRef().Clone()
    feature = ds = None
    inside = outline.PointOnSurface()
    wgs84 = osr.SpatialReference()
    wgs84.ImportFromEPSG(4326)
    for s in (srs, wgs84):
        s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    lon, lat, _ = osr.CoordinateTransformation(srs, wgs84).TransformPoint(inside.GetX(), inside.GetY())
    global RECORDS
    saved = RECORDS
    RECORDS = [
        _record("0060001A", "Ecole maternelle publique Les Copains", lat, lon, "06012"),
        _record("0060002B", "Ecole élémentaire publique Les Copains", lat, lon, "06012"),
    ]
    try:
        output = str(tmp_path / "diagnosis.gpkg")
        processing.run(
            "mobilitydiagnosis:schools",
            {
                "INPUT": territory,
                "SCHOOLS_DIRECTORY": "online",
                "SCHOOLS_API_URL": server[1],
                "OUTPUT": output,
            },
        )
    finally:
        RECORDS = saved
    assert Replay.requests[0][1]["where"] == ['code_commune="06012"']
    assert _layer(output, "school_diagnosis") == []
    gaps = sorted((r["gap"], r["uai"]) for r, _ in _layer(output, "school_directory_gaps"))
    assert gaps == [("missing_in_osm", "0060001A"), ("missing_in_osm", "0060002B")]


def test_streets_take_the_territory_country_like_the_cycling_page(qgis_app):
    """A German territory: speeds and stress from the generic defaults, as cycling rates the same streets
    (schools used the French table everywhere)."""
    from types import SimpleNamespace

    from mobility_diagnosis.core.cycling.lts import evaluate
    from mobility_diagnosis.core.speeds import country_of, street_speed
    from mobility_diagnosis.qgis_io.themes.schools import read_streets

    line = ogr.CreateGeometryFromWkt("LINESTRING (0 0, 100 0)")
    tags = {"highway": "motorway"}  # no maxspeed: 130 km/h in France, 120 by the generic defaults
    features = [SimpleNamespace(geometry=line, tags=tags, osm_id=1)]
    for code, epsg, kmh in (("08221000", 32632, 120), ("35238", 2154, 130)):
        territory = SimpleNamespace(code=code, epsg=epsg, features=lambda layer: iter(features))
        (street,) = read_streets(territory)
        country = country_of(code, epsg)  # what cycling rates the same streets with
        assert street.speed_kmh == kmh == street_speed(tags, country).kmh
        assert street.lts == evaluate(tags, country).lts
