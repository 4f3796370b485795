"""Every download failure has a message in English and French that says what to do."""

from datetime import datetime, timedelta

import pytest

from mobility_diagnosis.core import fetch_errors as fe

# one instance of each failure, with the parameters its raisers give
CASES = [
    fe.Cancelled(),
    fe.Unreachable(url="https://x/api", detail="Connection refused"),
    fe.TimedOut(url="https://x/api", seconds=60.0),
    fe.HttpStatusError(url="https://x/api", status=500),
    fe.OverpassUnreachable(url="https://x/api", detail="Host not found"),
    fe.OverpassBusy(url="https://x/api", attempts=4, status=429),
    fe.OverpassAsksLongWait(url="https://x/api", status=429, wait="1 h", until="15:42", max_wait="2 min"),
    fe.OverpassNoAnswer(url="https://x/api", seconds=210.4, query_s=180, margin_s=30.0),
    fe.OverpassRuntimeError(url="https://x/api", remark="runtime error: odd"),
    fe.OverpassTimeout(url="https://x/api", remark="runtime error: Query timed out"),
    fe.OverpassOutOfMemory(url="https://x/api", remark="runtime error: out of memory"),
    fe.OverpassTruncated(url="https://x/api", detail="invalid JSON"),
    fe.OverpassBadReply(url="https://x/api", snippet="502 Bad Gateway"),
    fe.OverpassQueryError(url="https://x/api", detail="parse error"),
    fe.TerritoryTooLarge(area_km2=812.4, max_km2=400.0),
    fe.CommuneOutlineNotFound(code="06999"),
    fe.BadGeoJson(url="https://x/api", detail="no geometry"),
]
# what each message must advise (English, French)
ADVICE = {
    "overpass_unreachable": ("OSM_FILE", "OSM_FILE"),
    "overpass_busy": ("Try again in a few minutes", "Réessayez dans quelques minutes"),
    "overpass_timeout": ("smaller territory", "plus petit"),
    "overpass_memory": ("smaller territory", "plus petit"),
    "territory_too_large": ("Geofabrik", "Geofabrik"),
    "cancelled": ("nothing was written", "rien n’a été écrit"),
    "overpass_asks_long_wait": ("Try again after 15:42", "Réessayez après 15:42"),
    "overpass_no_answer": ("sent nothing for 210 s", "n’a rien envoyé pendant 210 s"),
}


@pytest.mark.parametrize("error", CASES, ids=lambda e: type(e).__name__)
def test_message_in_both_languages(error):
    english, french = error.message("en"), error.message("fr")
    assert english == str(error) and english != french
    assert "{" not in english and "{" not in french  # every field filled
    for needle in error.params.values():
        if isinstance(needle, str):
            assert needle in english and needle in french
    advice = ADVICE.get(error.code)
    if advice:
        assert advice[0] in english and advice[1] in french
    assert error.message("de") == english  # unknown language: English


def test_every_message_code_is_used_and_translated():
    codes = {type(e).code for e in CASES}
    assert codes == set(fe.MESSAGES)
    assert all(set(texts) == {"en", "fr"} for texts in fe.MESSAGES.values())


def test_hierarchy_lets_callers_catch_by_family():
    assert issubclass(fe.OverpassTimeout, fe.OverpassRuntimeError)
    assert all(isinstance(e, fe.FetchError) for e in CASES)
    assert fe.Unreachable(url="u", detail="d", partial=True).partial


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(45, "45 s"), (119.4, "119 s"), (120, "2 min"), (1199, "20 min"), (3600, "1 h"), (5400, "1 h 30 min"),
     (86400, "24 h")],
)  # fmt: skip
def test_duration_text(seconds, text):
    assert fe.duration_text(seconds) == text


def test_clock_text_gives_the_date_when_not_today():
    now = datetime(2026, 12, 4, 23, 30)
    assert fe.clock_text(now + timedelta(minutes=20), now) == "23:50"
    assert fe.clock_text(now + timedelta(hours=1), now) == "2026-12-05 00:30"
