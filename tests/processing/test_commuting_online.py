"""The commuting theme online, against loopback servers: INSEE's national flows zip (built here from the real
Île-de-France rows of ``mobpro_idf_rp2014_flows100.csv``) and geo.api.gouv.fr's commune centres; a 404 and a
cut download (the run completes, a warning says why and what to do, nothing is cached); and an offline kit
prepared online, then used by ``diagnose`` with every server stopped and an empty cache."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from urllib.parse import parse_qs

import pytest
from osgeo import osr

from mobility_diagnosis.core.themes import theme_ids
from mobility_diagnosis.qgis_io import settings
from tests.conftest import data_path
from tests.processing.test_commuting import PARIS_11E, _indicators, _rows, paris_11e  # noqa: F401  (fixture)
from tests.support.http_server import ReplayServer, Reply

FLOWS_CSV = data_path("fr", "mobpro_idf_rp2014_flows100.csv")
ZIP_PATH, COMMUNES_PATH = "/fichier/base-flux-mobilite-domicile-lieu-travail.zip", "/communes"


def national_zip() -> bytes:
    """The zip as INSEE publishes the « base flux de mobilité »: one ``;`` CSV whose header follows INSEE's
    documentation of the file (CODGEO home commune, LIBGEO its name, DCLT work commune, L_DCLT its name,
    NBFLUX_C14_ACTOCC15P employed people aged 15+), with the real rows of Île-de-France, beside the
    variable dictionary (``meta_…``) that the reader must skip."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("base-flux-mobilite-domicile-lieu-travail-2014.csv", FLOWS_CSV.read_bytes())
        archive.writestr("meta_base-flux-mobilite-domicile-lieu-travail-2014.csv", "COD_VAR;LIB_VAR\n")
    return buffer.getvalue()


def flows_of(code: str) -> list[dict]:
    with FLOWS_CSV.open(encoding="utf-8") as f:
        return [r for r in csv.DictReader(f, delimiter=";") if code in (r["CODGEO"], r["DCLT"])]


def centre(code: str) -> tuple[float, float]:
    """The point the loopback geo.api.gouv.fr gives for a commune: a made-up spot of Île-de-France, one per
    code (the test only needs to know which point each commune got)."""
    n = int(code[2:]) if code[2:].isdigit() else 0
    return 2.0 + (n % 97) * 0.01, 48.6 + (n % 89) * 0.005


def communes_reply(request) -> Reply:
    """geo.api.gouv.fr's ``/communes?codeDepartement=…&fields=code,nom,centre``: every code of the flows file
    in that département (arrondissements included), with its centre."""
    departement = parse_qs(request.query)["codeDepartement"][0]
    with FLOWS_CSV.open(encoding="utf-8") as f:
        codes = {c for r in csv.DictReader(f, delimiter=";") for c in (r["CODGEO"], r["DCLT"])}
    body = [
        {"code": c, "nom": f"Commune {c}", "centre": {"type": "Point", "coordinates": list(centre(c))}}
        for c in sorted(codes) if c.startswith(departement)
    ]  # fmt: skip
    return Reply(body=json.dumps(body).encode())


def lambert93(lon: float, lat: float) -> tuple[float, float]:
    source, target = osr.SpatialReference(), osr.SpatialReference()
    source.ImportFromEPSG(4326)
    target.ImportFromEPSG(2154)
    for srs in (source, target):
        srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    x, y, _z = osr.CoordinateTransformation(source, target).TransformPoint(lon, lat)
    return x, y


@pytest.fixture
def servers(cache_folder):
    with ReplayServer() as server:
        server.script(ZIP_PATH, Reply(body=national_zip(), content_type="application/zip"))
        server.script(COMMUNES_PATH, communes_reply)
        settings.set_geoapi_url(server.url())
        yield server
        settings.set_geoapi_url(None)


def test_flows_and_centres_online(run_alg, paris_11e, servers, tmp_path):  # noqa: F811
    out = str(tmp_path / "diagnosis.gpkg")
    params = {"INPUT": paris_11e, "FLOWS": "online", "MOBPRO_URL": servers.url(ZIP_PATH), "OUTPUT": out}
    run_alg("mobilitydiagnosis:commuting", params)
    expected = flows_of("75111")
    flows = _rows(out, "commuting_flows")
    assert len(flows) == len(expected) == 174  # the territory's rows of the national file, no other
    indicators = _indicators(out)
    assert indicators["outgoing"] == 41543 and indicators["incoming"] == 34066  # as from the file
    # every other commune got its centre from the loopback geo.api.gouv.fr: the outgoing lines end on it
    for geometry, row in flows:
        assert geometry is not None and geometry.GetPointCount() == 2, row
        other = row["destination"] if row["direction"] == "out" else row["origin"]
        end = geometry.GetPoint_2D(1 if row["direction"] == "out" else 0)
        assert end == pytest.approx(lambert93(*centre(other)), abs=0.01)
        start = geometry.GetPoint_2D(0 if row["direction"] == "out" else 1)
        assert row["distance_km"] == pytest.approx(
            ((end[0] - start[0]) ** 2 + (end[1] - start[1]) ** 2) ** 0.5 / 1000
        )
    asked = sorted(
        parse_qs(r.query)["codeDepartement"][0] for r in servers.requests if r.path == COMMUNES_PATH
    )
    assert asked == sorted(
        {r[k][:2] for r in expected for k in ("CODGEO", "DCLT")}
    )  # one request a département
    # a second run reads the cache: no request at all
    before = len(servers.requests)
    run_alg("mobilitydiagnosis:commuting", {**params, "OUTPUT": str(tmp_path / "again.gpkg")})
    assert len(servers.requests) == before
    assert len(_rows(str(tmp_path / "again.gpkg"), "commuting_flows")) == 174


@pytest.mark.parametrize(
    "reply, cause",
    [
        (Reply(status=404, body=b"not found", content_type="text/plain"), "404"),
        (Reply(body=national_zip(), content_type="application/zip", truncate_at=20_000), "127.0.0.1"),
        (Reply(body=national_zip()[:20_000], content_type="application/zip"), "incomplete"),
    ],
    ids=["404", "cut-connection", "cut-zip"],
)
def test_a_failed_download_is_a_warning_not_an_error(run_alg, paris_11e, servers, tmp_path, reply, cause):  # noqa: F811
    servers.script(ZIP_PATH, reply)
    out = str(tmp_path / "diagnosis.gpkg")
    result = run_alg("mobilitydiagnosis:commuting", {
        "INPUT": paris_11e, "FLOWS": "online", "MOBPRO_URL": servers.url(ZIP_PATH), "OUTPUT": out})  # fmt: skip
    assert _rows(out, "commuting_flows") == []
    assert all(value is None for value in _indicators(out).values())
    warning = next(m for m in result["_feedback"].messages if "INSEE" in m and ("FLOWS" in m))
    assert cause in warning and "insee.fr" in warning  # the cause, and what to do
    # nothing was cached: the server whole again, the next run has the flows
    servers.script(ZIP_PATH, Reply(body=national_zip(), content_type="application/zip"))
    run_alg("mobilitydiagnosis:commuting", {
        "INPUT": paris_11e, "FLOWS": "online", "MOBPRO_URL": servers.url(ZIP_PATH),
        "OUTPUT": str(tmp_path / "again.gpkg")})  # fmt: skip
    assert len(_rows(str(tmp_path / "again.gpkg"), "commuting_flows")) == 174


def test_centres_down_leaves_lines_empty_with_a_reason(run_alg, paris_11e, servers, tmp_path):  # noqa: F811
    servers.script(COMMUNES_PATH, Reply(status=503, body=b"down", content_type="text/plain"))
    out = str(tmp_path / "diagnosis.gpkg")
    result = run_alg("mobilitydiagnosis:commuting", {
        "INPUT": paris_11e, "FLOWS": str(FLOWS_CSV), "COMMUNES": "online", "OUTPUT": out})  # fmt: skip
    flows = _rows(out, "commuting_flows")
    assert len(flows) == 174 and all(g is None for g, _row in flows)
    assert any("geo.api.gouv.fr" in m and "503" in m for m in result["_feedback"].messages)


COMMUTING = theme_ids().index("commuting")


@pytest.mark.slow
def test_a_kit_carries_the_flows_and_the_centres(run_alg, cache_folder, tmp_path):
    """preparekit keeps the territory's rows of the national file and the centres of the communes they name;
    diagnose then draws the lines from the kit with every server stopped and an empty cache."""
    from tests.processing.test_sources import script_sources, statuses, urls

    kit = tmp_path / "kit"
    outline = tmp_path / "paris11.geojson"
    outline.write_text(json.dumps({"type": "FeatureCollection", "features": [{
        "type": "Feature", "properties": {"code": "75111", "nom": "Paris 11e Arrondissement"},
        "geometry": {"type": "Polygon", "coordinates": [PARIS_11E]}}]}), encoding="utf-8")  # fmt: skip
    with ReplayServer() as server:
        script_sources(server)
        server.script("/baac", Reply(status=503, body=b"down", content_type="text/plain"))
        server.script(ZIP_PATH, Reply(body=national_zip(), content_type="application/zip"))
        server.script(COMMUNES_PATH, communes_reply)
        settings.set_geoapi_url(server.url())
        try:
            made = run_alg("mobilitydiagnosis:preparekit", {
                "TERRITORY_LAYER": str(outline), "OSM_FILE": str(data_path("osm", "paris_centre.osm.pbf")),
                "OUTPUT_FOLDER": str(kit), "BAAC_URL": server.url("/baac"), "MOBPRO_URL": server.url(ZIP_PATH),
                **urls(server)})  # fmt: skip
        finally:
            settings.set_geoapi_url(None)
    settings.set_cache_folder(str(tmp_path / "empty-cache"))
    manifest = json.loads((kit / "sources.json").read_text(encoding="utf-8"))
    states = {row["source"]: (row["state"], row["file"]) for row in manifest["sources"]}
    assert states["flows"] == ("used", "sources/mobpro.csv")
    assert states["communes"] == ("used", "sources/communes_centres.geojson")
    assert states["census"][0] == "bundled"
    kept = (kit / "sources" / "mobpro.csv").read_text(encoding="utf-8").splitlines()
    assert kept[0] == FLOWS_CSV.read_text(encoding="utf-8").splitlines()[0] and len(kept) == 1 + 174
    licences = (kit / "LICENCES.md").read_text(encoding="utf-8")
    assert "Insee, flux de mobilité MOBPRO" in licences and "geo.api.gouv.fr" in licences
    folder = tmp_path / "workshop"
    run_alg("mobilitydiagnosis:diagnose", {
        "TERRITORY_GPKG": made["TERRITORY_GPKG"], "THEMES": [COMMUTING], "SOURCES": 1, "PARALLEL": False,
        "OUTPUT_FOLDER": str(folder), "MOBPRO_URL": server.url(ZIP_PATH)})  # fmt: skip
    got = statuses(folder)
    assert (got["flows"]["state"], got["flows"]["how"]) == ("used", "kit")
    assert (got["communes"]["state"], got["communes"]["how"]) == ("used", "kit")
    assert got["flows"]["licence"] == "Licence Ouverte 2.0"
    flows = _rows(str(folder / "diagnosis.gpkg"), "commuting_flows")
    assert len(flows) == 174 and all(g is not None for g, _row in flows)


@pytest.mark.slow
@pytest.mark.parametrize(
    "reply, cause",
    [
        (Reply(status=404, body=b"not found", content_type="text/plain"), "404"),
        (Reply(body=national_zip(), content_type="application/zip", truncate_at=20_000), "127.0.0.1"),
    ],
    ids=["404", "cut"],
)
def test_diagnose_with_the_flows_down_says_failed(run_alg, paris_11e, servers, tmp_path, reply, cause):  # noqa: F811
    """In diagnose the flows are a source: a failed download is its status "failed" (why, in the log, the
    package's datapackage.json and README), the centres say they need the flows, and the run completes."""
    from tests.processing.test_sources import statuses

    servers.script(ZIP_PATH, reply)
    folder = tmp_path / "paris11"
    result = run_alg("mobilitydiagnosis:diagnose", {
        "TERRITORY_GPKG": paris_11e, "THEMES": [COMMUTING], "SOURCES": 1, "PARALLEL": False,
        "OUTPUT_FOLDER": str(folder), "MOBPRO_URL": servers.url(ZIP_PATH)})  # fmt: skip
    got = statuses(folder)
    assert got["flows"]["state"] == "failed" and cause in got["flows"]["detail"]
    assert got["communes"]["state"] == "not_found" and "flux" in got["communes"]["detail"]
    assert servers.count(COMMUNES_PATH) == 0
    assert _rows(str(folder / "diagnosis.gpkg"), "commuting_flows") == []
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert "Déplacements domicile-travail (MOBPRO)\u00a0: échec" in readme
    assert any("MOBPRO" in m and cause in m for m in result["_feedback"].messages)
