"""The dock's default speeds by road class reach the cycling theme: untagged residential streets are
rated at the user's speed, their reason says so, and their LTS changes."""

import pytest

from mobility_diagnosis.qgis_io import settings
from tests.processing.test_cycling import DEMO, fetch, rows


@pytest.fixture(scope="module")
def monaco_small(tmp_path_factory, provider):
    return fetch(tmp_path_factory.mktemp("monaco_speeds"), DEMO, TERRITORY="osm:relation/2220322", BUFFER=0)


def segments(run_alg, territory, output):
    result = run_alg("mobilitydiagnosis:cycling", {"INPUT": territory, "OUTPUT": output})
    found = rows(output, "cycling_segments", "osm_id", "lts", "lts_reason", "speed_kmh")
    return {r[0]: r[1:] for r in found}, result["_feedback"].messages


def test_cycling_uses_the_default_speed_setting(monaco_small, run_alg, tmp_path):
    assert settings.speed_overrides(["residential"]) == {}
    built_in, _ = segments(run_alg, monaco_small, str(tmp_path / "built_in.gpkg"))
    settings.set_speed_override("residential", 30)
    try:
        assert settings.speed_overrides_for_run() == (("residential", 30.0),)
        mine, messages = segments(run_alg, monaco_small, str(tmp_path / "mine.gpkg"))
    finally:
        settings.set_speed_override("residential", None)
    assert settings.speed_overrides_for_run() == ()
    assert any("highway=residential 30 km/h" in m for m in messages)  # the run log says what was used
    assert built_in.keys() == mine.keys()
    by_setting = [
        i for i, (_lts, reason, _kmh) in mine.items() if "your setting for highway=residential" in reason
    ]
    assert by_setting, "no untagged residential street in Monaco"
    assert all(mine[i][2] == pytest.approx(30) for i in by_setting)
    assert all(built_in[i][2] == pytest.approx(50) for i in by_setting)
    assert all("your setting" not in built_in[i][1] for i in by_setting)
    changed = [i for i in by_setting if mine[i][0] != built_in[i][0]]
    assert changed and all(mine[i][0] < built_in[i][0] for i in changed)  # slower traffic, less stress
    # tagged streets and other classes keep their rating
    untouched = [i for i in mine if i not in by_setting]
    assert all(mine[i][:2] == built_in[i][:2] for i in untouched)


def test_schools_use_the_default_speed_setting(monaco_small, run_alg, tmp_path):
    def lengths(output):
        run_alg("mobilitydiagnosis:schools", {"INPUT": monaco_small, "OUTPUT": output})
        found = rows(output, "school_diagnosis", "osm_id", "street_le30_m", "street_50_m")
        return {r[0]: (r[1] or 0.0, r[2] or 0.0) for r in found}

    built_in = lengths(str(tmp_path / "built_in.gpkg"))
    settings.set_speed_override("residential", 30)
    try:
        mine = lengths(str(tmp_path / "mine.gpkg"))
    finally:
        settings.set_speed_override("residential", None)
    assert built_in.keys() == mine.keys() and built_in
    # untagged residential streets move from the 50 km/h class to the calm one; the total is unchanged
    assert sum(m[0] for m in mine.values()) > sum(b[0] for b in built_in.values())
    assert sum(m[1] for m in mine.values()) < sum(b[1] for b in built_in.values())
    for school, (le30, at50) in mine.items():
        assert le30 + at50 == pytest.approx(sum(built_in[school]), abs=0.5)
        assert le30 >= built_in[school][0] - 0.5


def test_a_helper_job_uses_the_speeds_it_is_handed_not_its_own_settings(monaco_small, provider, tmp_path):
    """diagnose's helper process runs each theme with the settings snapshot sent with the job (its own
    QGIS profile may differ): here this process's settings have no override, the job carries one."""
    from mobility_diagnosis.processing.theme_runner import RunSettings, run_theme_job

    assert settings.speed_overrides(["residential"]) == {}
    output = str(tmp_path / "helper.gpkg")
    job = {
        "theme": "cycling",
        "params": {"INPUT": monaco_small, "OUTPUT": output},
        "settings": RunSettings("fr", (("residential", 30.0),)).message(),
    }
    reply = run_theme_job(job)
    assert reply["error"] is None, reply
    assert any("highway=residential 30 km/h" in text for _level, text in reply["messages"])
    found = rows(output, "cycling_segments", "osm_id", "lts_reason", "speed_kmh")
    by_setting = [r for r in found if "highway=residential" in (r[1] or "") and r[2] == pytest.approx(30)]
    assert by_setting, "the handed speed was not used"
    assert settings.speed_overrides_for_run() == ()  # the snapshot applied to that job only
