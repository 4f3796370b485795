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
