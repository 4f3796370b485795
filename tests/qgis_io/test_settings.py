"""Plugin settings: defaults, typed round trips under one prefix, the Overpass snapshot."""

import os

import pytest

from mobility_diagnosis.qgis_io import settings


@pytest.fixture
def clean_settings(qgis_app):
    settings.reset()
    yield settings
    settings.reset()


def test_defaults(clean_settings):
    s = clean_settings.overpass_settings()
    assert s.endpoints[0] == "https://overpass-api.de/api/interpreter" and len(s.endpoints) == 3
    assert (s.retries, s.timeout_s, s.max_area_km2) == (3, 180, 400.0)
    assert clean_settings.cache_max_age_days() == 7.0
    assert clean_settings.cache_folder().endswith(os.path.join("cache", "mobility_diagnosis"))


def test_round_trips_under_one_prefix(clean_settings, tmp_path):
    from qgis.core import QgsSettings

    clean_settings.set_overpass_endpoints(["http://127.0.0.1:1/api/interpreter"])
    clean_settings.set_overpass_retries(5)
    clean_settings.set_max_area_km2(50)
    clean_settings.set_cache_folder(str(tmp_path))
    clean_settings.set_cache_max_age_days(0.5)
    clean_settings.set_overpass_timeout_s(90)
    s = clean_settings.overpass_settings()
    assert s.endpoints == ("http://127.0.0.1:1/api/interpreter",)
    assert (s.retries, s.max_area_km2, s.timeout_s) == (5, 50.0, 90)
    assert clean_settings.cache_folder() == str(tmp_path) and clean_settings.cache_max_age_days() == 0.5
    keys = [k for k in QgsSettings().allKeys() if "overpass/retries" in k]
    assert keys == ["mobility_diagnosis/overpass/retries"]


def test_bad_values_fall_back_to_defaults(clean_settings):
    from qgis.core import QgsSettings

    QgsSettings().setValue("mobility_diagnosis/overpass/retries", "many")
    QgsSettings().setValue("mobility_diagnosis/overpass/endpoints", [])
    assert clean_settings.overpass_retries() == 3
    assert clean_settings.overpass_endpoints() == settings.DEFAULT_ENDPOINTS


def test_speed_overrides_for_run_reads_every_class_of_the_core_table(clean_settings):
    assert clean_settings.speed_overrides_for_run() == ()
    clean_settings.set_speed_override("track", 20)  # not in the dock's list, still in core/speeds.py
    clean_settings.set_speed_override("residential", 30)
    clean_settings.set_speed_override("primary", 0)  # 0: the built-in default
    assert clean_settings.speed_overrides_for_run() == (("residential", 30.0), ("track", 20.0))
    clean_settings.set_speed_override("residential", None)
    assert clean_settings.speed_overrides_for_run() == (("track", 20.0),)
