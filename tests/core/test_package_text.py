"""Every layer a theme writes belongs to that theme, with a title and an abstract in both languages: the
stored project groups by it, the metadata and the report read it, and so does the dock."""

import pytest

from mobility_diagnosis.core.package_text import layer_text, layer_theme

THEME_LAYERS = {
    "cycling": ("cycling_segments", "cycling_islands", "cycling_gaps"),
    "accessibility": ("walk_access", "stop_access", "transit_service", "walk_catchments", "crossing_access",
                      "sidewalk_gaps", "public_buildings_access"),
    "parking": ("parking_supply", "bike_parking_gaps"),
    "schools": ("school_diagnosis", "school_street_candidates", "school_directory_gaps"),
}  # fmt: skip


@pytest.mark.parametrize("theme,layer", [(t, n) for t, names in THEME_LAYERS.items() for n in names])
def test_theme_layers_have_their_theme_and_texts(theme, layer):
    assert layer_theme(layer) == theme
    for lang in ("en", "fr"):
        title, abstract = layer_text(layer, lang)
        assert title != layer and abstract, (layer, lang)


def test_every_theme_algorithm_output_is_in_the_table():
    from mobility_diagnosis.processing.algorithms import algorithm_classes

    for cls in algorithm_classes():
        theme = getattr(cls, "theme", "")
        if theme in THEME_LAYERS:
            assert set(cls.output_layers) <= set(THEME_LAYERS[theme]), cls.__name__


def _info(themes, statuses=()):
    from mobility_diagnosis.core import sources as cs
    from mobility_diagnosis.core.package_text import PackageInfo

    return PackageInfo(
        "Paris 11e Arrondissement", "75111", "2026-12-04T10:00:00+00:00", "OpenStreetMap, local file",
        "2024-01-01", "1.0", themes, ["diagnosis.gpkg", "README.md", "LICENSE"], french_public_data=True,
        sources=cs.status_rows(statuses, "fr"),
    )  # fmt: skip


def test_the_package_credits_insee_and_onisr_with_their_licences():
    """Issue 17 "Done when": the README (both languages) and the LICENSE name each public producer whose data
    the run used, with its licence and the licence's address; a source that failed is not credited."""
    from mobility_diagnosis.core import sources as cs
    from mobility_diagnosis.core.package_text import license_text, readme_text

    statuses = [
        cs.SourceStatus("osm", cs.USED, "file"),
        cs.SourceStatus("census", cs.BUNDLED, "bundled"),
        cs.SourceStatus("flows", cs.USED, "online", "MOBPRO", "2022"),
        cs.SourceStatus("communes", cs.FAILED, detail="HTTP 503"),
        cs.SourceStatus("crashes", cs.USED, "online", "BAAC", "2019–2023"),
    ]
    info = _info(["profile", "commuting", "safety"], statuses)
    lo = "Licence Ouverte 2.0 (https://www.etalab.gouv.fr/licence-ouverte-open-licence/)"
    french = readme_text(info, "fr")
    for producer in ("Insee, recensement de la population", "Insee, flux de mobilité MOBPRO",
                     "ONISR, bases des accidents corporels (BAAC), data.gouv.fr"):  # fmt: skip
        assert f"- {producer} — {lo}" in french
    assert "- IGN et Insee, via geo.api.gouv.fr" not in french  # failed: nothing of it in the package
    english = readme_text(info, "en")
    assert f"- INSEE, population census — {lo}" in english
    assert f"- ONISR, road injury crash files (BAAC), data.gouv.fr — {lo}" in english
    licence = license_text(info)
    assert f"- INSEE, MOBPRO flows — {lo}" in licence and "- ONISR, road injury crash files" in licence


def test_a_package_without_statuses_credits_the_sources_of_its_themes():
    """Themes run one by one, then exportpackage: no statuses; the themes present say what was read."""
    from mobility_diagnosis.core.package_text import license_text

    licence = license_text(_info(["cycling", "profile", "safety"]))
    assert "- INSEE, population census — Licence Ouverte 2.0" in licence
    assert "- ONISR, road injury crash files (BAAC)" in licence and "MOBPRO" not in licence
    assert "INSEE" not in license_text(_info(["cycling"]))
