"""Fixtures for the dock: the plugin loaded the way QGIS loads it, a way to wait for background tasks,
and the French translation compiled from the .ts source (the .qm is never committed)."""

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from qgis.PyQt.QtCore import QCoreApplication

ROOT = Path(__file__).resolve().parents[2]
TS_FILE = ROOT / "mobility_diagnosis" / "resources" / "i18n" / "mobility_diagnosis_fr.ts"
DEMO_PBF = ROOT / "mobility_diagnosis" / "resources" / "demo" / "monaco_2023.osm.pbf"


def wait_until(condition, timeout=120.0):
    """Let Qt run (tasks report through queued signals) until the condition holds."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        QCoreApplication.processEvents()
        if condition():
            return True
        time.sleep(0.02)
    return False


@pytest.fixture
def plugin(qgis_iface, provider):
    """The plugin as QGIS drives it (initGui … unload); the session provider stays registered."""
    from qgis.core import QgsApplication

    import mobility_diagnosis

    registry = QgsApplication.processingRegistry()
    session_provider = registry.providerById("mobilitydiagnosis")
    if session_provider is not None:
        registry.removeProvider(session_provider)
    from qgis.core import QgsSettings

    QgsSettings().remove("mobility_diagnosis/dock")  # the dock restores the last choices: start afresh
    qgis_iface.mainWindow().show()  # the stand-in main window is hidden until shown
    plug = mobility_diagnosis.classFactory(qgis_iface)
    plug.initGui()
    yield plug
    plug.unload()
    from mobility_diagnosis.processing.provider import MobilityDiagnosisProvider

    _keep.append(MobilityDiagnosisProvider())
    registry.addProvider(_keep[-1])


_keep = []


@pytest.fixture
def dock(plugin):
    return plugin.show_dock()


@pytest.fixture(scope="session")
def french_qm(tmp_path_factory):
    """mobility_diagnosis_fr.qm compiled with lrelease from the committed .ts."""
    lrelease = shutil.which("lrelease") or "/usr/lib/qt5/bin/lrelease"
    if not os.path.exists(lrelease):
        pytest.fail("lrelease is missing: apt-get install qttools5-dev-tools")
    folder = tmp_path_factory.mktemp("i18n")
    qm = folder / "mobility_diagnosis_fr.qm"
    subprocess.run([lrelease, "-silent", str(TS_FILE), "-qm", str(qm)], check=True)
    return folder
