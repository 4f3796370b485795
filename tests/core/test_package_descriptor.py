"""datapackage.json descriptor and package texts: licences per source, formats, README per language."""

from mobility_diagnosis.core.package_descriptor import FileFacts, descriptor, slug
from mobility_diagnosis.core.package_text import PackageInfo, readme_text, uses_french_public_data


def info(code="06032", french=True):
    return PackageInfo("Cap-d'Ail", code, "2026-01-02T03:04:05+00:00", "OpenStreetMap, local file", "2023-12-01",
                       "0.1.0", ["cycling"], [], {"stationnement_cyclable.csv": "non produit : test."},
                       french_public_data=french)  # fmt: skip


FILES = [
    FileFacts("diagnosis.gpkg", 10, "ab"),
    FileFacts("README.md", 3, "cd"),
    FileFacts("indicators.csv", 5, "ef"),
]


def test_resources_carry_format_mediatype_licences_and_sources():
    d = descriptor(info(), FILES, "fr")
    res = {r["path"]: r for r in d["resources"]}
    assert res["diagnosis.gpkg"]["mediatype"] == "application/geopackage+sqlite3"
    assert [lic["name"] for lic in res["diagnosis.gpkg"]["licenses"]] == ["ODbL-1.0", "etalab-2.0"]
    assert res["diagnosis.gpkg"]["sources"][0]["title"] == "OpenStreetMap"
    assert "licenses" not in res["README.md"]  # a text about the package, not OSM-derived data
    assert res["indicators.csv"]["schema"]["fields"][3] == {"name": "value", "type": "number"}
    assert res["diagnosis.gpkg"]["hash"] == "sha256:ab" and res["diagnosis.gpkg"]["bytes"] == 10
    assert d["territory"] == {"code": "06032", "name": "Cap-d'Ail"}
    assert d["created"] == "2026-01-02T03:04:05+00:00"
    assert d["name"] == "mobility-diagnosis-06032"


def test_no_licence_ouverte_without_french_public_data():
    d = descriptor(info("MC", False), FILES, "en")
    assert [lic["name"] for lic in d["licenses"]] == ["ODbL-1.0"]


def test_readme_per_language_says_what_is_missing():
    fr = readme_text(info(), "fr")
    assert "## Ouvrir le paquet" in fr and "`stationnement_cyclable.csv` non produit : test." in fr
    assert "Licence Ouverte 2.0" in fr and "ODbL" in fr
    en = readme_text(info("MC", False), "en")
    assert "## How to open it" in en and "Licence Ouverte" not in en


def test_an_empty_national_file_says_why_and_a_full_one_does_not():
    full, empty = info(), info()
    full.files = empty.files = ["amenagements_cyclables.geojson"]
    empty.empty_files = frozenset({"amenagements_cyclables.geojson"})
    assert "Vide : aucun aménagement cyclable" in readme_text(empty, "fr")
    assert "aucun aménagement" not in readme_text(full, "fr")
    assert "Empty: no cycle facility" in readme_text(empty, "en")
    assert "réalisé le 2 janvier 2026" in readme_text(full, "fr")
    facts = [FileFacts("amenagements_cyclables.geojson", 45, "00")]
    assert "Vide" in descriptor(empty, facts, "fr")["resources"][0]["description"]
    assert "Vide" not in descriptor(full, facts, "fr")["resources"][0]["description"]


def test_french_public_data_detection_and_slug():
    assert uses_french_public_data({}, "2A004")
    assert not uses_french_public_data({"source": "OpenStreetMap, local file"}, "MC")
    assert uses_french_public_data({"territory_source": "outline from geo.api.gouv.fr"}, "")
    assert slug("Diagnostic mobilité — Cap-d'Ail") == "diagnostic-mobilite-cap-d-ail"
