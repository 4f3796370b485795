"""Choosing a commune's GTFS feed from replies shaped like transport.data.gouv.fr's /api/datasets."""

import pytest

from mobility_diagnosis.core.gtfs_discovery import (
    DiscoveryError,
    choose_feed,
    choose_feeds,
    covers,
    feed_key,
    insee_code,
    territory_areas,
)


def resource(url, updated, fmt="GTFS", available=True):
    return {"format": fmt, "url": url, "original_url": url + "?orig", "is_available": available,
            "updated": updated, "title": "r"}  # fmt: skip


def dataset(title, resources, covered=None, aom=None, kind="public-transit"):
    d = {"id": title.lower(), "title": title, "type": kind, "resources": resources}
    if covered is not None:
        d["covered_area"] = covered
    if aom is not None:
        d["aom"] = aom
    return d


PERIGUEUX = "24322"
DATASETS = [
    dataset(
        "Péribus",
        [
            resource("https://x/peribus-2025.zip", "2025-09-01T08:00:00Z"),
            resource("https://x/peribus-2026.zip", "2026-01-15T08:00:00Z"),
            resource("https://x/peribus.netex.zip", "2026-03-01T08:00:00Z", fmt="NeTEx"),
        ],
        covered=[
            {"type": "commune", "insee": PERIGUEUX, "nom": "Périgueux"},
            {"type": "commune", "insee": "24053", "nom": "Boulazac"},
        ],
    ),  # fmt: skip
    dataset(
        "Nouvelle-Aquitaine cars",
        [resource("https://x/region.zip", "2026-02-01T00:00:00Z")],
        aom={"name": "Région", "siren": "200053759", "insee_commune_principale": "33063"},
    ),
    dataset(
        "Vélos Périgueux",
        [resource("https://x/bikes.zip", "2026-06-01T00:00:00Z")],
        covered=[{"insee": PERIGUEUX}],
        kind="bike-scooter-sharing",
    ),
    dataset(
        "Gone",
        [resource("https://x/gone.zip", "2027-01-01T00:00:00Z", available=False)],
        covered={"type": "commune", "insee": PERIGUEUX},
    ),
]


@pytest.mark.parametrize(
    "code, expected",
    [("24322", "24322"), ("insee:24322", "24322"), ("2a004", "2A004"), ("heidelberg", None),
     ("osm:relation/2220322", None), ("7500", None), ("", None), (None, None)],
)  # fmt: skip
def test_insee_code(code, expected):
    assert insee_code(code) == expected


def test_most_recent_available_gtfs_of_a_transit_dataset_covering_the_commune():
    choice = choose_feed(DATASETS, PERIGUEUX)
    # not NeTEx (newer), not the bike dataset (newer), not the unavailable one (newest), not last year's
    assert choice.url == "https://x/peribus-2026.zip"
    assert choice.dataset_title == "Péribus"
    assert choice.candidates == 2
    assert "2026-01-15" in choice.explain("en") and "Péribus" in choice.explain("fr")


def test_coverage_by_the_aom_main_commune_and_by_a_single_area_object():
    assert choose_feed(DATASETS, "33063").url == "https://x/region.zip"
    assert covers(dataset("x", [], covered={"insee": "06032"}), "06032")
    assert not covers(dataset("x", [], aom={"siren": "06032"}), "06032")


def test_original_url_when_url_missing():
    d = dataset("x", [{"format": "gtfs", "original_url": "https://o/feed.zip", "updated": "2026"}],
                covered=[{"insee": "06032"}])  # fmt: skip
    assert choose_feed([d], "06032").url == "https://o/feed.zip"


@pytest.mark.parametrize(
    "datasets, code, words",
    [(DATASETS, "06032", "06032"), ([], PERIGUEUX, PERIGUEUX), (DATASETS, "heidelberg", "INSEE"),
     ({"error": "x"}, PERIGUEUX, "JSON")],
)  # fmt: skip
def test_no_feed_says_why(datasets, code, words):
    with pytest.raises(DiscoveryError, match=words):
        choose_feed(datasets, code)


def test_every_network_covering_the_commune_its_department_or_its_region_gives_its_feed():
    """Périgueux (Dordogne 24, Nouvelle-Aquitaine 75): its urban network, the department's and the
    region's coaches; not a department coded like its region, nor a network elsewhere."""
    coaches = dict(dataset("Cars de Dordogne", [resource("https://x/d24.zip", "2026-01-01T00:00:00Z")],
                           covered=[{"type": "departement", "insee": "24", "nom": "Dordogne"}]),
                   slug="peribus", licence="lov2", publisher={"name": "Département de la Dordogne"})  # fmt: skip
    region = dataset("TER", [resource("https://x/ter.zip", "2026-02-01T00:00:00Z")],
                     covered=[{"type": "region", "insee": "75", "nom": "Nouvelle-Aquitaine"}])  # fmt: skip
    other_dep = dataset("Cars 75", [resource("https://x/paris.zip", "2026-02-01T00:00:00Z")],
                        covered=[{"type": "departement", "insee": "75", "nom": "Paris"}])  # fmt: skip
    urban = dict(DATASETS[0], slug="peribus", licence="odc-odbl", publisher={"name": "Grand Périgueux"})
    areas = territory_areas(PERIGUEUX, "24", "75")
    feeds = choose_feeds([urban, coaches, region, other_dep, *DATASETS[1:]], PERIGUEUX, areas=areas)
    assert [f.url for f in feeds] == ["https://x/peribus-2026.zip", "https://x/d24.zip", "https://x/ter.zip"]
    assert [f.key for f in feeds] == ["peribus", "peribus-2", "ter"]  # two datasets of one slug: distinct
    assert feed_key("Réseau urbain (Péribus)") == "reseau-urbain-peribus" and feed_key("…") == "gtfs"
    assert [(f.publisher, f.licence) for f in feeds[:2]] == [
        ("Grand Périgueux", "ODbL-1.0"), ("Département de la Dordogne", "Licence Ouverte 2.0")]  # fmt: skip
    assert feeds[0].candidates == 2 and feeds[0].vintage() == "2026-01-15"
    # without the department and region (a commune missing from the bundled list): the commune's only
    assert [f.url for f in choose_feeds([urban, coaches, region], PERIGUEUX)] == [
        "https://x/peribus-2026.zip"
    ]
