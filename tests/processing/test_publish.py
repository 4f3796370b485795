"""``publish`` against a udata portal on loopback: create then upload every file, update an existing
dataset (resources replaced, not duplicated), a refused key (401), a file too large midway (413) that
reports what went, an unreachable portal, a dry run that sends nothing, and the key kept out of logs."""

import json
import os
import socket

import pytest
from qgis.core import QgsApplication, QgsAuthMethodConfig, QgsProcessingException

from tests.support.udata_server import UdataServer

KEY = "test-key-0123456789abcdef"  # pragma: allowlist secret


@pytest.fixture(scope="module")
def authcfg(qgis_app):
    manager = QgsApplication.authManager()
    if not manager.masterPasswordIsSet():
        manager.setMasterPassword("test-master", True)  # pytest-qgis runs on a throw-away profile
    config = QgsAuthMethodConfig("Basic")
    config.setName("udata test")
    config.setConfig("username", "ignored")
    config.setConfig("password", KEY)
    assert manager.storeAuthenticationConfig(config)[0]
    return config.id()


@pytest.fixture
def package_folder(tmp_path):
    """A small but complete package folder (what exportpackage writes, minus the heavy files)."""
    folder = tmp_path / "package"
    folder.mkdir()
    files = {"report.pdf": b"%PDF-1.4 test", "indicators.csv": b"theme,indicator,label,value,unit\n",
             "README.md": "# Diagnostic mobilité — Cap-d'Ail\n\nDescription.".encode(), "LICENSE": b"ODbL"}  # fmt: skip
    for name, content in files.items():
        (folder / name).write_bytes(content)
    descriptor = {"name": "x", "title": "Diagnostic mobilité — Cap-d'Ail",
                  "territory": {"code": "06032", "name": "Cap-d'Ail"},
                  "resources": [{"path": name} for name in files]}  # fmt: skip
    (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    return folder


def run_publish(run_alg, folder, portal, authcfg, **extra):
    return run_alg(
        "mobilitydiagnosis:publish",
        {"PACKAGE_FOLDER": str(folder), "PORTAL_URL": portal, "AUTHCFG": authcfg, **extra},
    )


def test_create_then_upload_every_file(run_alg, package_folder, authcfg):
    with UdataServer(api_key=KEY) as server:
        result = run_publish(run_alg, package_folder, server.url(), authcfg)
    first = server.received[0]
    assert (first.method, first.path) == ("POST", "/api/1/datasets/")
    assert first.json["title"] == "Diagnostic mobilité — Cap-d'Ail"
    assert first.json["license"] == "odc-odbl"
    assert first.json["description"].startswith("# Diagnostic mobilité")
    assert first.json["spatial"] == {"zones": ["fr:commune:06032"], "granularity": "fr:commune"}
    assert "06032" in first.json["tags"]
    uploads = server.received[1:]
    assert [(r.method, r.path) for r in uploads] == [
        ("POST", f"/api/1/datasets/{result['DATASET_ID']}/upload/")
    ] * 5
    assert [r.file_name for r in uploads] == [
        "report.pdf",
        "indicators.csv",
        "README.md",
        "LICENSE",
        "datapackage.json",
    ]
    assert uploads[0].file_bytes == b"%PDF-1.4 test"
    assert all(r.headers["X-API-KEY"] == KEY for r in server.received)
    assert result["DATASET_URL"].endswith("/datasets/diagnostic-mobilite-cap-d-ail/")
    assert KEY not in " ".join(result["_feedback"].messages)


def test_update_replaces_resources_instead_of_duplicating(run_alg, package_folder, authcfg):
    with UdataServer(api_key=KEY) as server:
        first = run_publish(run_alg, package_folder, server.url(), authcfg)
        server.received.clear()
        (package_folder / "report.pdf").write_bytes(b"%PDF-1.4 second edition")
        run_publish(run_alg, package_folder, server.url(), authcfg, DATASET="diagnostic-mobilite-cap-d-ail")
        dataset = server.datasets[first["DATASET_ID"]]
    assert (server.received[0].method, server.received[0].path) == (
        "PUT",
        "/api/1/datasets/diagnostic-mobilite-cap-d-ail/",
    )
    assert all("/resources/" in r.path for r in server.received[1:])
    assert len(dataset["resources"]) == 5
    report = next(r for r in dataset["resources"].values() if r["title"] == "report.pdf")
    assert report["filesize"] == len(b"%PDF-1.4 second edition")


def test_refused_key_says_so_and_sends_no_file(run_alg, package_folder, authcfg):
    refused = pytest.raises(QgsProcessingException, match="refused the API key \\(HTTP 401\\)")
    with UdataServer(api_key="another-key") as server, refused as info:  # pragma: allowlist secret
        run_publish(run_alg, package_folder, server.url(), authcfg)
    assert [r.path for r in server.received] == ["/api/1/datasets/"]
    assert KEY not in str(info.value)


def test_failure_midway_reports_what_went(run_alg, package_folder, authcfg):
    failing = pytest.raises(QgsProcessingException)
    with UdataServer(api_key=KEY, too_large={"README.md"}) as server, failing as info:
        run_publish(run_alg, package_folder, server.url(), authcfg)
    message = str(info.value)
    assert "too large for the portal (HTTP 413)" in message
    assert "sent report.pdf, indicators.csv; not sent: README.md, LICENSE, datapackage.json" in message
    assert "DATASET=" in message
    assert [r.file_name for r in server.received[1:]] == ["report.pdf", "indicators.csv", "README.md"]


def test_unreachable_portal(run_alg, package_folder, authcfg):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(QgsProcessingException, match="could not be reached"):
        run_publish(run_alg, package_folder, f"http://127.0.0.1:{port}", authcfg)


def test_dry_run_sends_nothing(run_alg, package_folder):
    with UdataServer(api_key=KEY) as server:
        result = run_publish(run_alg, package_folder, server.url(), "", DRY_RUN=True)
    assert server.received == []
    text = "\n".join(result["_feedback"].messages)
    assert "upload report.pdf" in text and "upload datapackage.json" in text and "odc-odbl" in text


def test_no_authcfg_is_a_clear_error(run_alg, package_folder):
    with pytest.raises(QgsProcessingException, match="No API key"):
        run_publish(run_alg, package_folder, "http://127.0.0.1:9", "")


def test_not_a_package_folder(run_alg, tmp_path, authcfg):
    with pytest.raises(QgsProcessingException, match="not a package folder"):
        run_publish(run_alg, tmp_path, "http://127.0.0.1:9", authcfg)
    assert os.listdir(tmp_path) == []
