"""Territory strings and the bundled commune list (offline)."""

import pytest

from mobility_diagnosis.core.territory import (
    CommuneRequest,
    RelationRequest,
    TerritoryError,
    fold,
    parse_territory,
)
from mobility_diagnosis.qgis_io.osm.territory_resolver import commune_index


@pytest.fixture(scope="module")
def index():
    return commune_index()


@pytest.mark.parametrize(
    "text, code",
    [
        ("06032", "06032"),
        ("Cap-d'Ail", "06032"),
        ("cap d’ail", "06032"),
        ("CAP D AIL (06)", "06032"),
        ("2A004", "2A004"),
        ("2a004", "2A004"),
        ("Ajaccio", "2A004"),
        ("Beausoleil, 06", "06012"),
        ("La Turbie", "06150"),
        ("St-Malo", "35288"),
        ("Saint-Martin (2A)", None),  # not a commune of Corse-du-Sud: unknown with département
        ("97411", "97411"),  # Saint-Denis (La Réunion)
    ],
)
def test_commune_resolution(index, text, code):
    if code is None:
        with pytest.raises(TerritoryError):
            parse_territory(text, index)
        return
    request = parse_territory(text, index)
    assert isinstance(request, CommuneRequest)
    assert request.commune.code == code


@pytest.mark.parametrize(
    "text, rid", [("osm:relation/2220322", 2220322), ("relation/42", 42), ("osm:rel/7", 7)]
)
def test_relation(index, text, rid):
    assert parse_territory(text, index) == RelationRequest(rid)


def test_ambiguous_name_lists_candidates_with_departement_and_code(index):
    with pytest.raises(TerritoryError) as err:
        parse_territory("Saint-Martin", index)
    text = str(err.value)
    assert "communes" in text and "INSEE" in text
    # each candidate carries its département and code, and the most populous is the example to type
    assert "Saint-Martin (" in text and "e.g. “Saint-Martin (" in text
    assert text.count("INSEE") >= 5


def test_ambiguous_name_resolved_by_departement(index):
    request = parse_territory("Saint-Martin (65)", index)
    assert request.commune.departement == "65"


def test_unknown_name_lists_closest(index):
    with pytest.raises(TerritoryError) as err:
        parse_territory("Cap d'Aill", index)
    assert "Cap-d'Ail (06, INSEE 06032)" in str(err.value)


def test_unknown_code(index):
    with pytest.raises(TerritoryError, match="99999"):
        parse_territory("99999", index)


def test_empty_in_french(index):
    with pytest.raises(TerritoryError, match="Aucun territoire"):
        parse_territory("  ", index, lang="fr")


def test_fold():
    assert fold("Saint-Étienne") == fold("st etienne") == "saint etienne"


def test_bundled_list_matches_source(index, shared_data):
    import json

    source = json.loads(
        (shared_data / "fr" / "communes_decoupage_administratif.json").read_text(encoding="utf-8")
    )
    current = [c for c in source if c["type"] == "commune-actuelle"]
    assert len(list(index.by_code.values())) == len(current) + 45  # + municipal arrondissements
    cap = index.by_code["06032"]
    assert (cap.name, cap.departement, cap.population) == ("Cap-d'Ail", "06", 4482)


def test_completions(index):
    names = [c.name for c in index.completions("Cap-d")]
    assert "Cap-d'Ail" in names
    assert [c.code for c in index.completions("0603")][:1]
