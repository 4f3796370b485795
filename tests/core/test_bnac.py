"""BNAC mapping: facility -> schema values, validated with jsonschema against the official schema
(../shared/data/schemas/bnac_schema-amenagements-cyclables_schema.json)."""

import json

import jsonschema
import pytest

from mobility_diagnosis.core.cycling.bnac import bnac_properties, is_exported, regime_for
from mobility_diagnosis.core.cycling.lts import evaluate
from tests.conftest import data_path

# The schema's "allOf" points at https://geojson.org/schema/FeatureCollection.json; tests never use the
# network, so that one reference resolves to this local stand-in (FeatureCollection of LineStrings).
GEOJSON_FC = {
    "type": "object",
    "required": ["type", "features"],
    "properties": {
        "type": {"enum": ["FeatureCollection"]},
        "features": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["type", "geometry", "properties"],
                "properties": {
                    "type": {"enum": ["Feature"]},
                    "geometry": {
                        "type": "object",
                        "required": ["type", "coordinates"],
                        "properties": {
                            "type": {"enum": ["LineString", "MultiLineString"]},
                            "coordinates": {"type": "array", "minItems": 2},
                        },
                    },
                },
            },
        },
    },
}


def bnac_validator():
    schema = json.loads(
        data_path("schemas", "bnac_schema-amenagements-cyclables_schema.json").read_text("utf-8")
    )
    resolver = jsonschema.RefResolver.from_schema(
        schema, store={"https://geojson.org/schema/FeatureCollection.json": GEOJSON_FC}
    )
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, resolver=resolver)


H = "highway"
ROWS = [
    # tags, ame_d (right), ame_g (left), regime
    (
        {H: "tertiary", "maxspeed": "50", "cycleway:both": "lane"},
        "BANDE CYCLABLE",
        "BANDE CYCLABLE",
        "EN AGGLOMERATION",
    ),
    (
        {H: "tertiary", "maxspeed": "50", "cycleway:right": "track"},
        "PISTE CYCLABLE",
        "AUCUN",
        "EN AGGLOMERATION",
    ),
    (
        {H: "residential", "oneway": "yes", "maxspeed": "30", "cycleway": "opposite_lane"},
        "AUCUN",
        "DOUBLE SENS CYCLABLE BANDE",
        "ZONE 30",
    ),
    (
        {H: "residential", "oneway": "yes", "oneway:bicycle": "no", "zone:maxspeed": "FR:30"},
        "AUCUN",
        "DOUBLE SENS CYCLABLE",
        "ZONE 30",
    ),
    (
        {H: "residential", "oneway": "yes", "cycleway": "opposite_track", "maxspeed": "30"},
        "AUCUN",
        "DOUBLE SENS CYCLABLE PISTE",
        "ZONE 30",
    ),
    (
        {H: "primary", "maxspeed": "50", "cycleway": "share_busway"},
        "COULOIR BUS+VELO",
        "COULOIR BUS+VELO",
        "EN AGGLOMERATION",
    ),
    ({H: "residential", "bicycle_road": "yes", "maxspeed": "30"}, "VELO RUE", "VELO RUE", "ZONE 30"),
    (
        {H: "secondary", "cycleway": "shoulder", "maxspeed": "80"},
        "ACCOTEMENT REVETU HORS CVCB",
        "ACCOTEMENT REVENTU HORS CVCB",
        "HORS AGGLOMERATION",
    ),  # left spelling as published in the schema
    ({H: "cycleway"}, "PISTE CYCLABLE", "PISTE CYCLABLE", "AUTRE"),
    ({H: "cycleway", "foot": "designated"}, "VOIE VERTE", "VOIE VERTE", "AUTRE"),
    ({H: "path", "bicycle": "designated", "foot": "designated"}, "VOIE VERTE", "VOIE VERTE", "AUTRE"),
    (
        {H: "footway", "bicycle": "yes"},
        "AMENAGEMENT MIXTE PIETON VELO HORS VOIE VERTE",
        "AMENAGEMENT MIXTES PIETON VELO HORS VOIE VERTE",
        "AUTRE",
    ),
    ({H: "living_street", "cycleway": "shared_lane"}, "AUTRE", "AUTRE", "ZONE DE RENCONTRE"),
]


def _props(tags, code="75114"):
    result = evaluate(tags, "FR")
    return bnac_properties(
        osm_type="way",
        osm_id=42,
        tags=tags,
        facilities=result.facilities,
        speed_kmh=result.speed.kmh if result.speed else None,
        commune_code=code,
        date_maj="2026-01-01",
    )


@pytest.mark.parametrize(("tags", "ame_d", "ame_g", "regime"), ROWS)
def test_mapping(tags, ame_d, ame_g, regime):
    props = _props(tags)
    assert (props["ame_d"], props["ame_g"], props["regime_d"]) == (ame_d, ame_g, regime)
    assert props["id_local"] == "w42" and props["id_osm"] == "42"
    assert props["code_com_d"] == props["code_com_g"] == "75114"


def test_every_mapped_feature_is_valid_against_the_official_schema():
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "LineString", "coordinates": [[2.33, 48.83], [2.34, 48.84]]},
            "properties": _props(tags),
        }
        for tags, *_ in ROWS
    ]
    validator = bnac_validator()
    errors = list(validator.iter_errors({"type": "FeatureCollection", "features": features}))
    assert errors == []


def test_the_validator_is_real():
    """A wrong value or a missing required key must fail: the validation is not a key check."""
    validator = bnac_validator()
    good = _props(ROWS[0][0])
    for broken in (
        {**good, "ame_d": "BANDE"},
        {k: v for k, v in good.items() if k != "code_com_g"},
        {**good, "code_com_d": "9999"},
        {**good, "trafic_vit": "50"},
    ):
        doc = {
            "type": "FeatureCollection",
            "features": [
                {
                    "type": "Feature",
                    "geometry": {"type": "LineString", "coordinates": [[2, 48], [2.1, 48]]},
                    "properties": broken,
                }
            ],
        }
        assert list(validator.iter_errors(doc)), broken


def test_speed_and_corsica_code():
    props = _props({H: "tertiary", "maxspeed": "30 mph", "cycleway:both": "lane"}, code="2A004")
    assert props["trafic_vit"] == 48 and props["code_com_d"] == "2A004"


def test_only_facilities_are_exported():
    assert not is_exported("none", "none") and not is_exported("separate", "none")
    assert is_exported("none", "lane") and is_exported("contraflow_unmarked", "none")


@pytest.mark.parametrize(
    ("highway", "kmh", "regime"),
    [
        ("pedestrian", 5, "AIRE PIETONNE"),
        ("living_street", 20, "ZONE DE RENCONTRE"),
        ("residential", 30, "ZONE 30"),
        ("residential", 50, "EN AGGLOMERATION"),
        ("primary", 80, "HORS AGGLOMERATION"),
        ("cycleway", None, "AUTRE"),
    ],
)
def test_regime(highway, kmh, regime):
    assert regime_for(highway, kmh) == regime


@pytest.mark.parametrize(
    ("tags", "sens_d", "sens_g"),
    [
        ({H: "cycleway"}, "BIDIRECTIONNEL", "BIDIRECTIONNEL"),
        ({H: "cycleway", "oneway": "yes"}, "UNIDIRECTIONNEL", "UNIDIRECTIONNEL"),
        (
            {H: "tertiary", "cycleway:right": "track", "cycleway:right:oneway": "no"},
            "BIDIRECTIONNEL",
            "UNIDIRECTIONNEL",
        ),
        ({H: "tertiary", "cycleway:both": "lane"}, "UNIDIRECTIONNEL", "UNIDIRECTIONNEL"),
    ],
)
def test_sens(tags, sens_d, sens_g):
    props = _props(tags)
    assert (props["sens_d"], props["sens_g"]) == (sens_d, sens_g)
