"""The carpool proof register's trips 'online' (qgis_io.sources.carpool_trips_online) against a real HTTP
server on 127.0.0.1 playing data.gouv.fr: the dataset description listing monthly files, then the months
(rows written after the register's documented columns: tests/support/carpool_register.py). A 404 month, a cut
download, a description that is not JSON; and the user's files (a month, a folder, a zip)."""

from __future__ import annotations

import zipfile

import pytest

from mobility_diagnosis.core import carpool as cp
from mobility_diagnosis.qgis_io.net.cache import ResponseCache
from mobility_diagnosis.qgis_io.sources.carpool_trips_online import (
    CarpoolTripsError,
    fetch_commune_trips,
    month_files,
    read_trips_path,
)
from tests.support.carpool_register import (
    CAP_DAIL,
    CAP_DAIL_EXPECTED,
    DATASET,
    FEBRUARY,
    FEBRUARY_PATH,
    JANUARY,
    JANUARY_PATH,
    MARCH_PATH,
    dataset_description,
    month_csv,
)
from tests.support.http_server import ReplayServer, Reply


@pytest.fixture
def server():
    with ReplayServer() as s:
        s.script(DATASET, Reply(body=dataset_description(s)))
        s.script(JANUARY_PATH, Reply(body=month_csv(JANUARY), content_type="text/csv"))
        s.script(FEBRUARY_PATH, Reply(body=month_csv(FEBRUARY), content_type="text/csv", delay=0.3))  # slow
        yield s


@pytest.fixture
def cache(tmp_path):
    return ResponseCache(tmp_path / "cache", 3600.0)


def _expected(trips):
    return (
        trips.outgoing,
        trips.incoming,
        trips.internal,
        trips.mean_distance_km,
        trips.destinations,
        trips.origins,
    ) == tuple(
        CAP_DAIL_EXPECTED[k]
        for k in (  # fmt: skip
            "outgoing",
            "incoming",
            "internal",
            "mean_distance_km",
            "destinations",
            "origins",
        )
    )


def test_two_months_then_cached(qgis_app, server, cache):
    found = fetch_commune_trips(CAP_DAIL, server.url(DATASET), cache=cache, lang="en")
    assert found.months == ["2024-01", "2024-02"] and found.warnings == []
    assert server.count("/resources/doc.pdf") == 0  # not a month
    trips = cp.territory_trips(found.tables, CAP_DAIL)
    assert _expected(trips) and trips.months == ["2024-01", "2024-02"]
    again = fetch_commune_trips(CAP_DAIL, server.url(DATASET), cache=cache, lang="en")
    assert (server.count(DATASET), server.count(JANUARY_PATH), server.count(FEBRUARY_PATH)) == (1, 1, 1)
    assert cp.territory_trips(again.tables, CAP_DAIL) == trips


def test_only_the_last_months_are_asked(qgis_app, server, cache):
    found = fetch_commune_trips(CAP_DAIL, server.url(DATASET), months=1, cache=cache, lang="en")
    assert found.months == ["2024-02"] and server.count(JANUARY_PATH) == 0


def test_a_commune_without_trips_reads_every_month(qgis_app, server, cache):
    found = fetch_commune_trips("06004", server.url(DATASET), cache=cache, lang="en")  # Antibes: no row
    assert found.months == ["2024-01", "2024-02"] and not any(t.rows for t in found.tables)


def test_404_month_is_left_out_with_a_warning(qgis_app, server, cache):
    server.script(DATASET, Reply(body=dataset_description(server, (JANUARY_PATH, FEBRUARY_PATH, MARCH_PATH))))
    server.script(MARCH_PATH, Reply(status=404, body=b"not found", content_type="text/plain"))
    found = fetch_commune_trips(CAP_DAIL, server.url(DATASET), cache=cache, lang="fr")
    assert found.months == ["2024-01", "2024-02"]
    assert len(found.warnings) == 1 and "2024-03" in found.warnings[0] and "404" in found.warnings[0]


def test_cut_download_is_not_kept_and_nothing_had_fails_clearly(qgis_app, server, cache):
    body = month_csv(JANUARY)
    server.script(JANUARY_PATH, Reply(body=body, content_type="text/csv", truncate_at=len(body) // 2),
                  Reply(body=body, content_type="text/csv"))  # fmt: skip
    server.script(FEBRUARY_PATH, Reply(status=404, body=b"", content_type="text/plain"))
    with pytest.raises(CarpoolTripsError, match="2024-01") as failure:
        fetch_commune_trips(CAP_DAIL, server.url(DATASET), cache=cache, lang="en")
    assert "2024-02" in str(failure.value) and "404" in str(failure.value)
    found = fetch_commune_trips(CAP_DAIL, server.url(DATASET), cache=cache, lang="en")  # the cut one again
    assert found.months == ["2024-01"] and server.count(JANUARY_PATH) == 2
    assert cp.territory_trips(found.tables, CAP_DAIL).outgoing == 4


def test_description_not_json_or_without_months(qgis_app, server, cache):
    server.script(DATASET, Reply(body=b"<html>maintenance</html>", content_type="text/html"))
    with pytest.raises(CarpoolTripsError, match="not valid JSON"):
        fetch_commune_trips(CAP_DAIL, server.url(DATASET), cache=cache, lang="en")
    server.script(DATASET, Reply(body=b'{"resources": []}'))
    with pytest.raises(CarpoolTripsError, match="no monthly file"):
        fetch_commune_trips(
            CAP_DAIL, server.url(DATASET), cache=ResponseCache(cache.folder / "x", 1.0), lang="en"
        )


def test_month_files_are_found_by_name_or_title():
    description = {"resources": [
        {"title": "2023-12.csv", "url": "https://static.data.gouv.fr/resources/x/20240110-trips.csv"},
        {"title": "Export", "url": "https://static.data.gouv.fr/resources/x/2024-01.zip"},
        {"title": "Notice", "url": "https://static.data.gouv.fr/resources/x/notice-2024-01.pdf"},
    ]}  # fmt: skip
    assert [(m.month, m.name) for m in month_files(description)] == [("2023-12", "2023-12.csv"),
                                                                     ("2024-01", "2024-01.zip")]  # fmt: skip


def test_user_files_a_month_a_folder_a_zip(tmp_path):
    folder = tmp_path / "rpc"
    folder.mkdir()
    (folder / "2024-01.csv").write_bytes(month_csv(JANUARY))
    with zipfile.ZipFile(folder / "2024-02.zip", "w") as archive:
        archive.writestr("2024-02.csv", month_csv(FEBRUARY))
    (folder / "notes.txt").write_text("not a month")
    found = read_trips_path(str(folder), CAP_DAIL)
    assert found.months == ["2024-01", "2024-02"] and _expected(cp.territory_trips(found.tables, CAP_DAIL))
    one = read_trips_path(str(folder / "2024-01.csv"), CAP_DAIL)
    assert one.months == ["2024-01"]
    (tmp_path / "mobpro.csv").write_text("CODGEO;DCLT;NBFLUX\n06032;06088;12\n")
    with pytest.raises(CarpoolTripsError, match="journey_start_insee"):
        read_trips_path(str(tmp_path / "mobpro.csv"), CAP_DAIL)
    (tmp_path / "empty").mkdir()
    with pytest.raises(CarpoolTripsError, match="no carpool-register CSV"):
        read_trips_path(str(tmp_path / "empty"), CAP_DAIL)
