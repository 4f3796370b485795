"""The settings dialog reads and writes the plugin settings that the downloader and the algorithms read."""

import gzip

import pytest
from qgis.core import QgsSettings

from mobility_diagnosis.qgis_io import settings as io_settings
from mobility_diagnosis.ui.settings_dialog import SettingsDialog


@pytest.fixture
def clean_settings(qgis_app):
    io_settings.reset()
    yield
    io_settings.reset()


def test_saved_values_reach_the_settings_the_downloader_reads(clean_settings, tmp_path):
    dialog = SettingsDialog()
    dialog.endpoints.setPlainText(
        "http://127.0.0.1:8001/api/interpreter\n\n  https://mirror.example/api/interpreter "
    )
    dialog.cache_folder.setFilePath(str(tmp_path))
    dialog.max_age.setValue(2.5)
    dialog.max_area.setValue(150)
    dialog.retries.setValue(1)
    dialog.buffer.setValue(300)
    dialog.speed_boxes["residential"].setValue(30)
    dialog.language.setCurrentIndex(dialog.language.findData("fr"))

    dialog.accept()

    snapshot = io_settings.overpass_settings()
    assert snapshot.endpoints == (
        "http://127.0.0.1:8001/api/interpreter",
        "https://mirror.example/api/interpreter",
    )
    assert snapshot.max_area_km2 == 150 and snapshot.retries == 1
    assert io_settings.cache_folder() == str(tmp_path)
    assert io_settings.cache_max_age_days() == 2.5
    assert io_settings.default_buffer_m() == 300
    assert io_settings.speed_overrides(["residential", "primary"]) == {"residential": 30.0}
    assert io_settings.report_language() == "fr"
    assert QgsSettings().value("mobility_diagnosis/report/language") == "fr"

    reopened = SettingsDialog()
    assert reopened.speed_boxes["residential"].value() == 30
    assert reopened.speed_boxes["primary"].value() == 0  # shown as "default (80 km/h)"
    assert reopened.buffer.value() == 300


def test_restore_defaults_then_save_goes_back_to_the_built_in_values(clean_settings):
    io_settings.set_default_buffer_m(1000)
    io_settings.set_speed_override("primary", 70)
    dialog = SettingsDialog()
    dialog.restore_defaults()
    dialog.accept()
    assert io_settings.default_buffer_m() == io_settings.DEFAULT_BUFFER_M
    assert io_settings.speed_overrides(["primary"]) == {}
    assert io_settings.overpass_endpoints() == io_settings.DEFAULT_ENDPOINTS


def test_clear_cache_removes_the_downloads_and_nothing_else(clean_settings, tmp_path):
    io_settings.set_cache_folder(str(tmp_path))
    for name in ("a", "b"):
        with gzip.open(tmp_path / f"{name}.cache.gz", "wb") as f:
            f.write(b"{}\n{}")
    (tmp_path / "notes.txt").write_text("mine")
    dialog = SettingsDialog()

    dialog.clear_button.click()

    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]
    assert dialog.cache_status.text().startswith("2")
