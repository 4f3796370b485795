"""Cancel ends waits and writes promptly with "Cancelled" and leaves the previous output as it was: Ctrl+C in
qgis_process (a SIGINT that QGIS turns into a cancel through a Qt event on the main thread) and a cancel that
arrives as a Qt event while an algorithm runs on the main thread."""

import hashlib
import shutil
import signal
import subprocess

import pytest
from qgis.core import QgsProcessingException, QgsProcessingFeedback
from qgis.PyQt.QtCore import QTimer

from tests.conftest import data_path
from tests.processing.test_qgis_process import qgis_process_binary, qgis_process_env
from tests.support.http_server import Reply, wait_until
from tests.support.overpass_server import INTERPRETER, OverpassServer

MONACO = "osm:relation/2220322"


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def previous_output(tmp_path, monaco_territory):
    """A good territory GeoPackage where the run writes: it must come out of a cancelled run unchanged."""
    path = tmp_path / "out" / "monaco.gpkg"
    path.parent.mkdir()
    shutil.copy(monaco_territory, path)
    return path


def test_ctrl_c_in_qgis_process_ends_an_overpass_back_off_wait(tmp_path, previous_output, qgis_app):
    binary = qgis_process_binary()
    if binary is None:
        pytest.skip("qgis_process is not installed")
    before = digest(previous_output)
    env = qgis_process_env(tmp_path / "home")
    subprocess.run([binary, "plugins", "enable", "mobility_diagnosis"], env=env, capture_output=True,
                   timeout=120, check=True)  # fmt: skip
    with OverpassServer() as server:
        server.free()
        server.script(INTERPRETER, Reply(status=429, body=b"rate_limited", headers={"Retry-After": "100"}))
        process = subprocess.Popen(
            [binary, "run", "mobilitydiagnosis:fetchterritory", "--", f"TERRITORY={MONACO}",
             f"OVERPASS_URL={server.interpreter_url}", f"OUTPUT={previous_output}"],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        try:
            assert wait_until(lambda: server.count(INTERPRETER) == 1, timeout=120), "the query never came"
            assert process.poll() is None
            wait_until(lambda: False, timeout=1.5)  # now inside the 100-s back-off wait
            process.send_signal(signal.SIGINT)
            out, err = process.communicate(timeout=60)  # without the cancel: 4 × 100 s of waits
        finally:
            if process.poll() is None:
                process.kill()
                process.communicate()
    assert process.returncode != 0
    assert "cancelled" in (out + err).lower(), out + err
    assert server.count(INTERPRETER) == 1  # no retry after the cancel
    assert digest(previous_output) == before


def test_a_cancel_arriving_as_a_qt_event_stops_the_territory_write(run_alg, previous_output):
    """On the main thread (qgis_process, processing.run in the console) the cancel is a queued Qt event: the
    write loop lets it in and stops; the previous file is untouched."""
    before = digest(previous_output)
    feedback = QgsProcessingFeedback()
    QTimer.singleShot(0, feedback.cancel)  # lands only if the running code lets the event loop run
    with pytest.raises(QgsProcessingException, match="(?i)cancelled"):
        run_alg(
            "mobilitydiagnosis:fetchterritory",
            {"TERRITORY": MONACO, "OSM_FILE": str(data_path("osm", "monaco_2023.osm.pbf")),
             "OUTPUT": str(previous_output)},
            feedback=feedback,
        )  # fmt: skip
    assert feedback.isCanceled()
    assert digest(previous_output) == before
