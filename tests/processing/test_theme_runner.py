"""``diagnose``'s two lanes: this process and a helper process. The scheduling with a scripted helper
(death mid-theme, cancel, pinned themes), then the real helper on the demo territory: same indicators as
without it, and a helper that cannot start costs nothing but its message."""

import pytest
from osgeo import ogr
from qgis.core import QgsProcessingFeedback

from mobility_diagnosis.core.themes import theme_ids
from mobility_diagnosis.processing.theme_runner import RunSettings, ThemeJob, ThemesCancelled, run_themes

from .test_diagnose import diagnose


class Feedback(QgsProcessingFeedback):
    def __init__(self):
        super().__init__()
        self.infos = []

    def pushInfo(self, info):  # noqa: N802
        self.infos.append(info)


class ScriptedHelper:
    """Takes one theme when fed; ``fate`` says what happens to it: 'ok', 'error' or 'die'."""

    def __init__(self, fate="ok"):
        self.fate = fate
        self.ready = True
        self.in_flight = None
        self.taken = []
        self.stopped = None
        self._take = None

    def feed(self, take, settings):
        self._take = take
        job = take()
        if job is not None:
            self.taken.append(job.theme)
            self.in_flight = job.theme

    def busy(self):
        return self.in_flight is not None

    def events(self, timeout=0.0):
        if self.in_flight is None:
            return []
        theme, self.in_flight = self.in_flight, None
        if self.fate == "die":
            return [("died", theme, "killed by the test")]
        error = "boom" if self.fate == "error" else None
        return [("result", theme, {"error": error, "messages": [("warning", "from the helper")]})]

    def stop(self, kill=False):
        self.stopped = "kill" if kill else "stop"


def _jobs(*themes, pinned=()):
    return [ThemeJob(t, {}, t in pinned) for t in themes]


def _run(helper, jobs, feedback=None, fail=()):
    here, outcomes = [], []

    def run_here(job):
        here.append(job.theme)
        return "failed here" if job.theme in fail else None

    run_themes(jobs, run_here, helper, RunSettings("fr"), feedback or Feedback(), outcomes.append)
    return here, outcomes


def test_each_theme_once_longest_first_and_the_helper_takes_one():
    helper = ScriptedHelper()
    here, outcomes = _run(helper, _jobs("parking", "cycling", "schools", "accessibility"))
    assert helper.taken == ["cycling"]  # the longest, taken as soon as it was fed
    assert here == ["schools", "accessibility", "parking"]
    assert sorted(o.theme for o in outcomes) == ["accessibility", "cycling", "parking", "schools"]
    at_helper = [o for o in outcomes if o.where == "helper"]
    assert at_helper[0].messages == [("warning", "from the helper")] and at_helper[0].error is None
    assert helper.stopped == "stop"


def test_a_result_queued_as_the_helper_stops_being_busy_is_not_lost():
    """The helper's reader thread clears 'busy' and queues the result in one step; the last result must
    still be collected when the loop sees the helper idle."""
    helper = ScriptedHelper()
    events = helper.events

    def late_events(timeout=0.0):
        late_events.calls += 1
        return events(timeout) if late_events.calls > 2 else []  # there only after the loop saw it idle

    late_events.calls = 0
    helper.events = late_events
    helper.busy = lambda: False  # already idle when the loop checks
    here, outcomes = _run(helper, _jobs("schools", "cycling"))
    assert {o.theme: o.where for o in outcomes} == {"cycling": "helper", "schools": "here"}
    assert here == ["schools"]


def test_a_theme_the_helper_never_answers_for_is_computed_here():
    helper = ScriptedHelper()
    helper.events = lambda timeout=0.0: []  # took a theme, never answered, then looked idle
    helper.busy = lambda: False
    here, outcomes = _run(helper, _jobs("schools", "cycling"))
    assert sorted(here) == ["cycling", "schools"] and len(outcomes) == 2


def test_a_theme_preferred_at_the_helper_goes_there_and_the_warm_up_is_not_a_theme():
    helper = ScriptedHelper()
    events = helper.events
    helper.events = lambda timeout=0.0: [
        ("result", "warm-up", {"error": None, "messages": []}),
        *events(timeout),
    ]
    jobs = _jobs("cycling", "accessibility", "parking")
    jobs[1].at_helper = True  # its GTFS feed was read there
    here, outcomes = _run(helper, jobs)
    assert helper.taken == ["accessibility"] and here == ["cycling", "parking"]
    assert sorted(o.theme for o in outcomes) == ["accessibility", "cycling", "parking"]


def test_this_process_takes_a_preferred_theme_when_nothing_else_is_left():
    helper = ScriptedHelper()
    helper.feed = lambda take, lang: None  # busy elsewhere: it takes nothing
    jobs = _jobs("accessibility")
    jobs[0].at_helper = True
    here, _ = _run(helper, jobs)
    assert here == ["accessibility"]


def test_pinned_themes_stay_here():
    helper = ScriptedHelper()
    here, _ = _run(helper, _jobs("accessibility", "parking", pinned=("accessibility",)))
    assert helper.taken == ["parking"] and here == ["accessibility"]


def test_a_helper_dying_mid_theme_loses_nothing():
    helper = ScriptedHelper(fate="die")
    feedback = Feedback()
    here, outcomes = _run(helper, _jobs("schools", "cycling"), feedback)
    assert helper.taken == ["cycling"] and sorted(here) == ["cycling", "schools"]
    assert all(o.error is None and o.where == "here" for o in outcomes) and len(outcomes) == 2
    assert any("not used (killed by the test)" in m for m in feedback.infos)
    assert helper.stopped == "kill"


def test_a_helper_dying_during_its_warm_up_loses_nothing():
    helper = ScriptedHelper()
    helper.feed = lambda take, lang: None
    helper.events = lambda timeout=0.0: [("died", "warm-up", "killed by the test")]
    here, outcomes = _run(helper, _jobs("schools", "cycling"))
    assert sorted(here) == ["cycling", "schools"] and helper.stopped == "kill"


def test_a_theme_failing_at_the_helper_is_reported_not_rerun():
    helper = ScriptedHelper(fate="error")
    here, outcomes = _run(helper, _jobs("schools", "cycling"))
    assert here == ["schools"]
    assert {o.theme: o.error for o in outcomes} == {"cycling": "boom", "schools": None}


def test_cancel_kills_the_helper():
    helper = ScriptedHelper()
    helper.events = lambda timeout=0.0: []  # still computing
    feedback = Feedback()
    feedback.cancel()
    with pytest.raises(ThemesCancelled):
        _run(helper, _jobs("schools", "cycling"), feedback)
    assert helper.stopped == "kill"


def test_without_helper_everything_runs_here():
    here, outcomes = _run(None, _jobs("parking", "schools"))
    assert here == ["schools", "parking"] and [o.where for o in outcomes] == ["here", "here"]


# ------------------------------------------------------------------------------------- the real helper
def _indicators(folder):
    ds = ogr.Open(str(folder / "diagnosis.gpkg"))
    rows = {
        (f.GetField("theme"), f.GetField("indicator")): f.GetField("value")
        for f in ds.GetLayerByName("indicators")
    }
    layers = {ds.GetLayer(i).GetName(): ds.GetLayer(i).GetFeatureCount() for i in range(ds.GetLayerCount())}
    return rows, layers


def test_the_helper_process_gives_the_same_diagnosis(run_alg, provider, tmp_path):
    feedback = Feedback()
    diagnose(run_alg, tmp_path / "parallel", feedback, PARALLEL=True)
    diagnose(run_alg, tmp_path / "serial", None, PARALLEL=False)
    assert any("computed in the helper process" in m for m in feedback.infos), feedback.infos
    parallel, serial = _indicators(tmp_path / "parallel"), _indicators(tmp_path / "serial")
    assert parallel[0] == serial[0] and len(parallel[0]) > 20
    layers = {k: v for k, v in parallel[1].items() if k not in ("about", "layer_styles")}
    assert layers == {k: v for k, v in serial[1].items() if k not in ("about", "layer_styles")}


def test_a_helper_that_cannot_start_costs_only_a_message(run_alg, provider, tmp_path, monkeypatch):
    from mobility_diagnosis.qgis_io import interpreter

    monkeypatch.setattr(interpreter, "qgis_python", lambda: "/bin/false")  # proven, then dies at once
    feedback = Feedback()
    result = diagnose(run_alg, tmp_path / "pkg", feedback, PARALLEL=True)
    assert result["THEMES_RUN"].split(",") == list(theme_ids())
    assert any("helper process is not used" in m for m in feedback.infos), "\n".join(feedback.infos)
    assert not any("computed in the helper process" in m for m in feedback.infos)


def test_no_interpreter_for_the_helper_costs_only_a_message(run_alg, provider, tmp_path, monkeypatch):
    from mobility_diagnosis.qgis_io import interpreter

    monkeypatch.setattr(interpreter, "qgis_python", lambda: None)
    feedback = Feedback()
    result = diagnose(run_alg, tmp_path / "pkg", feedback, PARALLEL=True)
    assert result["THEMES_RUN"].split(",") == list(theme_ids())
    assert any("No Python interpreter able to import this QGIS" in m for m in feedback.infos)
    assert not any("computed in the helper process" in m for m in feedback.infos)
