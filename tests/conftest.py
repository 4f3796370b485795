"""Test set-up shared by every test: where the real data lives, and the plugin's provider loaded
the way QGIS loads it (as the package ``mobility_diagnosis``, never with the repository root
mistaken for QGIS's own ``processing`` package)."""

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# No test reaches the internet: diagnose's "auto" sources stay offline (qgis_io.settings.sources_offline);
# the tests of online sources ask for them explicitly (SOURCES online) from loopback servers.
os.environ.setdefault("MOBILITY_DIAGNOSIS_OFFLINE", "1")
SHARED_DATA = Path(os.environ.get("MD_SHARED_DATA", ROOT.parent / "shared" / "data")).resolve()

# QGIS's bundled Processing plugin lives under the QGIS python plugins folder.
for candidate in ("/usr/share/qgis/python/plugins", "/usr/lib/qgis/python/plugins"):
    if os.path.isdir(candidate) and candidate not in sys.path:
        sys.path.append(candidate)


def _complete_mock_iface() -> None:
    """pytest-qgis's stand-in for QGIS's interface lacks the removal calls a plugin's unload makes
    (QGIS has them): give them no-op bodies so that load/unload tests run the real plugin code."""
    from pytest_qgis.qgis_interface import QgisInterface

    for name in ("removePluginMenu", "removeDockWidget", "removePluginVectorMenu", "removePluginWebMenu"):
        if not hasattr(QgisInterface, name):
            setattr(QgisInterface, name, lambda self, *args: None)


_complete_mock_iface()


def data_path(*parts: str) -> Path:
    """A file of ../shared/data; skips nothing: a missing file is a broken checkout, so it fails."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing: tests read real data from ../shared/data")
    return path


@pytest.fixture(scope="session")
def shared_data() -> Path:
    return SHARED_DATA


@pytest.fixture(scope="session")
def provider(qgis_app):
    """Processing initialised and the plugin's provider registered, once per session."""
    from processing.core.Processing import Processing
    from qgis.core import QgsApplication

    Processing.initialize()
    from mobility_diagnosis.processing.provider import MobilityDiagnosisProvider

    registry = QgsApplication.processingRegistry()
    existing = registry.providerById("mobilitydiagnosis")
    if existing is not None:
        return existing
    prov = MobilityDiagnosisProvider()
    assert registry.addProvider(prov)
    return prov


@pytest.fixture(scope="session")
def monaco_territory(tmp_path_factory, provider) -> str:
    """Monaco's territory GeoPackage, fetched once per run from the shared extract. Read it only: a test
    that changes a territory works on a copy."""
    import processing

    path = str(tmp_path_factory.mktemp("monaco_territory") / "monaco.gpkg")
    processing.run(
        "mobilitydiagnosis:fetchterritory",
        {"TERRITORY": "osm:relation/2220322", "OSM_FILE": str(data_path("osm", "monaco_2023.osm.pbf")),
         "OUTPUT": path},
    )  # fmt: skip
    return path


@pytest.fixture
def recording_feedback(qgis_app):
    """A Processing feedback class whose instances record the messages the user was shown."""
    from qgis.core import QgsProcessingFeedback

    class RecordingFeedback(QgsProcessingFeedback):
        def __init__(self):
            super().__init__()
            self.messages = []

        def pushInfo(self, info):
            self.messages.append(info)
            super().pushInfo(info)

        def reportError(self, error, fatalError=False):
            self.messages.append(error)
            super().reportError(error, fatalError)

        def pushWarning(self, warning):
            self.messages.append(warning)
            super().pushWarning(warning)

    return RecordingFeedback


@pytest.fixture
def run_alg(provider, recording_feedback):
    """``processing.run`` with a fresh context and a feedback that records messages."""
    import processing
    from qgis.core import QgsProcessingContext

    def _run(alg_id, params, feedback=None):
        context = QgsProcessingContext()
        fb = feedback or recording_feedback()
        result = processing.run(alg_id, params, context=context, feedback=fb)
        result["_feedback"] = fb
        return result

    return _run
