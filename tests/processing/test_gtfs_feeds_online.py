"""Every GTFS feed covering the commune, from a loopback transport.data.gouv.fr listing three public-transit
datasets: the commune's urban network, its region's coaches (Grand Périgueux's real feed cut in two: the
parts share every stop id), and a network elsewhere (the VRN feed) that must not even be downloaded."""

import json
import re

import pytest

from mobility_diagnosis.core import sources as cs
from mobility_diagnosis.qgis_io.sources.resolve import Kit, resolve_sources, write_kit_manifest
from tests.conftest import data_path
from tests.processing.test_accessibility_gtfs_online import gtfs_stops
from tests.support.gtfs_split import split_feed

pytestmark = pytest.mark.slow

CODE, REGION = "06032", "93"  # Cap-d'Ail, in Provence-Alpes-Côte d'Azur (the bundled commune list)
API = "/api/datasets"
URBAN, COACHES, ELSEWHERE = "/r/urbain.zip", "/r/cars.zip", "/r/vrn.zip"


def datasets(server):
    def transit(slug, title, publisher, licence, covered, path, updated):
        return {"id": slug.upper(), "slug": slug, "title": title, "type": "public-transit", "licence": licence,
                "publisher": {"name": publisher, "type": "organization"}, "covered_area": covered,
                "resources": [{"format": "GTFS", "url": server.url(path), "is_available": True,
                               "updated": updated}]}  # fmt: skip

    return json.dumps([
        transit("reseau-urbain", "Réseau urbain", "Ville de Cap-d'Ail", "odc-odbl",
                [{"type": "commune", "insee": CODE, "nom": "Cap-d'Ail"}], URBAN, "2026-01-10T00:00:00Z"),
        transit("cars-regionaux", "Cars régionaux ZOU", "Région Sud", "lov2",
                [{"type": "region", "insee": REGION, "nom": "Provence-Alpes-Côte d'Azur"}], COACHES,
                "2026-02-01T00:00:00Z"),
        transit("vrn", "VRN", "VRN GmbH", "odc-odbl",
                [{"type": "commune", "insee": "24322", "nom": "Périgueux"},
                 {"type": "departement", "insee": "93", "nom": "Seine-Saint-Denis"}], ELSEWHERE,
                "2026-03-01T00:00:00Z"),
    ]).encode()  # fmt: skip


def loopback(server):
    """The access point, and Acceslibre (the theme's other source) at an address of the same server."""
    return {"GTFS_API_URL": server.url(API), "ACCESLIBRE_API_URL": server.url("/acceslibre")}


@pytest.fixture
def feeds(server, cache_folder):
    from tests.support.http_server import Reply

    urban, coaches = split_feed(data_path("gtfs", "grand_perigueux_2026.zip").read_bytes())
    server.script(API, Reply(body=datasets(server)))
    server.script(URBAN, Reply(body=urban, content_type="application/zip"))
    server.script(COACHES, Reply(body=coaches, content_type="application/zip"))
    server.script(ELSEWHERE, Reply(body=data_path("gtfs", "heidelberg_vrn_2022.zip").read_bytes(),
                                   content_type="application/zip"))  # fmt: skip
    return urban, coaches


def test_the_theme_reads_every_feed_covering_the_commune(run_alg, cap_dail, server, feeds, tmp_path):
    urban, coaches = feeds
    out = str(tmp_path / "d.gpkg")
    result = run_alg("mobilitydiagnosis:accessibility", {
        "INPUT": cap_dail, "GTFS": "online", "GTFS_API_URL": server.url(API), "OUTPUT": out})  # fmt: skip
    messages = result["_feedback"].messages
    assert server.count(URBAN) == 1 and server.count(COACHES) == 1
    assert server.count(ELSEWHERE) == 0  # its department code 93 is not the region 93
    assert any("Réseau urbain" in m for m in messages) and any("Cars régionaux ZOU" in m for m in messages)
    # both networks' stops were read (they lie in Périgueux, outside Cap-d'Ail: the theme says how many)
    stops = [re.search(r"(?:None of the|Aucun des) (\d+) ", m) for m in messages]
    assert [int(m.group(1)) for m in stops if m] == [len(gtfs_stops(urban)) + len(gtfs_stops(coaches))]


def test_each_feed_has_its_status_and_an_offline_kit_keeps_them(server, feeds, tmp_path):
    """The statuses the log, the package and the report's sources annex list: one per feed, with its name,
    publisher, vintage and licence; a kit made of them lists them again when used offline."""
    folder = tmp_path / "kit"
    resolved = resolve_sources(["accessibility"], {}, loopback(server), CODE, cs.MODE_ONLINE,
                               str(folder / cs.KIT_FOLDER), None, "fr")  # fmt: skip
    gtfs = resolved["gtfs"]
    assert sorted(p.name for p in (folder / cs.KIT_FOLDER / "gtfs").iterdir()) == [
        "cars-regionaux.zip", "reseau-urbain.zip"]  # fmt: skip
    assert gtfs.value == str(folder / cs.KIT_FOLDER / "gtfs")
    assert [(s.name, s.publisher, s.vintage, s.licence) for s in gtfs.statuses] == [
        ("Réseau urbain", "Ville de Cap-d'Ail", "2026-01-10", "ODbL-1.0"),
        ("Cars régionaux ZOU", "Région Sud", "2026-02-01", "Licence Ouverte 2.0"),
    ]
    rows = cs.status_rows(gtfs.statuses, "fr")
    assert [r["title"] for r in rows] == [
        "Horaires de transport (GTFS) — «\u00a0Réseau urbain\u00a0» (Ville de Cap-d'Ail)",
        "Horaires de transport (GTFS) — «\u00a0Cars régionaux ZOU\u00a0» (Région Sud)",
    ]
    assert [r["licence"] for r in rows] == ["ODbL-1.0", "Licence Ouverte 2.0"]
    assert "2026-02-01 (Licence Ouverte 2.0)" in rows[1]["text"]
    # an offline kit of them, used with no network: each feed again, had from the kit
    (folder / cs.KIT_TERRITORY).write_bytes(b"")
    write_kit_manifest(str(folder), gtfs.statuses, {"gtfs": gtfs.value})
    from mobility_diagnosis.qgis_io.sources.resolve import read_kit

    kit = read_kit(str(folder / cs.KIT_TERRITORY))
    assert isinstance(kit, Kit) and kit.files["GTFS"] == gtfs.value
    server.stop()
    offline = resolve_sources(["accessibility"], {}, {}, CODE, cs.MODE_OFFLINE, str(tmp_path / "run"), None,
                              "fr", kit)  # fmt: skip
    assert offline["gtfs"].value == gtfs.value
    assert [(s.how, s.name, s.licence) for s in offline["gtfs"].statuses] == [
        ("kit", "Réseau urbain", "ODbL-1.0"), ("kit", "Cars régionaux ZOU", "Licence Ouverte 2.0")]  # fmt: skip


def test_a_feed_that_cannot_be_downloaded_is_left_out_and_said(server, feeds, tmp_path):
    from tests.support.http_server import Reply

    server.script(COACHES, Reply(status=404, body=b"gone", content_type="text/plain"))
    resolved = resolve_sources(["accessibility"], {}, loopback(server), CODE, cs.MODE_ONLINE,
                               str(tmp_path / "run"), None, "en")  # fmt: skip
    gtfs = resolved["gtfs"]
    assert [s.name for s in gtfs.statuses] == ["Réseau urbain"] and gtfs.status.state == cs.USED
    assert "Cars régionaux ZOU" in gtfs.status.detail and "404" in gtfs.status.detail
    assert sorted(p.name for p in (tmp_path / "run" / "gtfs").iterdir()) == ["reseau-urbain.zip"]
