"""Home-to-work flows (MOBPRO) on the real Île-de-France file: the reader of both layouts, the
territory's figures against sums made here with ``csv``, Paris by arrondissement, short commutes."""

from __future__ import annotations

import csv

import pytest

from mobility_diagnosis.core import commuting as cm
from tests.conftest import data_path

IDF = "mobpro_idf_rp2014_flows100.csv"


@pytest.fixture(scope="module")
def idf_rows() -> list[dict]:
    with data_path("fr", IDF).open(encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter=";"))


def _read(codes: set[str]) -> cm.FlowTable:
    with data_path("fr", IDF).open(encoding="utf-8") as f:
        return cm.read_flows(f, lambda o, d: o in codes or d in codes)


def test_paris_11e_against_the_file(idf_rows):
    table = _read({"75111"})
    assert table.year == 2014 and table.internal_rows == 0  # flows between communes only
    assert table.names["75108"] == "Paris 8e Arrondissement"
    result = cm.territory_commuting(table.flows, "75111", {}, car_share=9.9, internal_known=False)
    out = {r["DCLT"]: float(r["NBFLUX_C14_ACTOCC15P"]) for r in idf_rows if r["CODGEO"] == "75111"}
    incoming = sum(float(r["NBFLUX_C14_ACTOCC15P"]) for r in idf_rows if r["DCLT"] == "75111")
    assert result.work_outside == sum(out.values()) == 41543
    assert result.incoming == incoming == 34066
    assert result.work_inside is None and result.share_inside is None  # unknown, not 0
    top = [line for line in result.lines if line.direction == "out"][:3]
    assert [(line.destination, line.count, line.rank) for line in top] == [
        (code, out[code], rank) for rank, code in enumerate(sorted(out, key=out.get, reverse=True)[:3], 1)
    ]
    assert top[0].destination == "75108"  # the 8e, the first destination of the 11e's residents
    origins = [line for line in result.lines if line.direction == "in"]
    assert len(origins) == sum(1 for r in idf_rows if r["DCLT"] == "75111")
    assert result.share_short is None and result.distance_coverage == 0  # no centre known


def test_paris_whole_counts_flows_between_arrondissements_as_inside(idf_rows):
    codes = cm.territory_codes("75056")
    assert len(codes) == 21 and "75111" in codes and "75120" in codes
    table = _read(codes)
    result = cm.territory_commuting(table.flows, "75056", {}, internal_known=True)
    inside = sum(
        float(r["NBFLUX_C14_ACTOCC15P"]) for r in idf_rows if r["CODGEO"] in codes and r["DCLT"] in codes
    )
    assert result.work_inside == inside > 0
    assert result.residents == sum(float(r["NBFLUX_C14_ACTOCC15P"]) for r in idf_rows if r["CODGEO"] in codes)


def test_short_commutes_and_car_estimate():
    flows = [cm.Flow("A", "A", 500.0), cm.Flow("A", "B", 300.0), cm.Flow("A", "C", 200.0), cm.Flow("A", "D", 100),
             cm.Flow("B", "A", 50.0)]  # fmt: skip
    centres = {"A": (0.0, 0.0), "B": (3000.0, 4000.0), "C": (6000.0, 8000.0)}  # B at 5 km exactly, C at 10
    result = cm.territory_commuting(flows, "A", centres, car_share=40.0)
    assert result.residents == 1100 and result.work_inside == 500 and result.incoming == 50
    assert result.share_inside == pytest.approx(100 * 500 / 1100)
    # B sits at 5.0 km: not under 5 km; D has no centre: out of the share, counted in the coverage
    assert result.short == 500 and result.known == 1000
    assert result.share_short == pytest.approx(50.0)
    assert result.distance_coverage == pytest.approx(100 * 1000 / 1100)
    assert result.short_by_car == pytest.approx(200.0)
    line = next(line for line in result.lines if line.destination == "B")
    assert line.distance_km == pytest.approx(5.0) and line.short is False


def test_official_layout_with_decimals_and_resaved_layout():
    official = (
        "CODGEO;LIBGEO;DCLT;L_DCLT;NBFLUX_C19_ACTOCC15P\n"
        "24322;Périgueux;24322;Périgueux;8123.4567\n"
        "24322;Périgueux;24053;Boulazac Isle Manoire;1204,5\n"
        "24053;Boulazac Isle Manoire;24322;Périgueux;s\n"
    )
    table = cm.read_flows_text(official)
    assert table.year == 2019 and table.internal_rows == 1
    assert [f.count for f in table.flows] == [8123.4567, 1204.5]  # a secret cell is no flow
    resaved = "\ufeffcodgeo,dclt,nbflux_c14_actocc15p\n75111,75108,2528\n"
    assert cm.read_flows_text(resaved).flows == [cm.Flow("75111", "75108", 2528.0)]


def test_not_a_flows_file():
    with pytest.raises(cm.FlowsFileError, match="DCLT"):
        cm.read_flows_text("CODGEO;P18_POP\n24322;30060\n")


def test_indicator_labels():
    result = cm.territory_commuting([cm.Flow("A", "B", 10.0)], "A", {})
    rows = {row[0]: row for row in cm.indicator_rows(result, 2014, "fr")}
    assert rows["outgoing"][2] == 10 and rows["outgoing"][3] == "personnes"
    assert "moins de 5 km" in rows["share_short"][1]


FLOWS_CSV = data_path("fr", "mobpro_idf_rp2014_flows100.csv")


@pytest.mark.parametrize("kind", ["zip", "gz", "plain"])
def test_the_flows_read_as_a_stream_from_a_zip_a_gzip_or_a_csv(tmp_path, kind):
    """The same rows of Paris 11e from INSEE's zip (beside its variable dictionary), a gzip or the CSV: the
    reader streams the table and the extract keeps INSEE's header and the territory's rows as written."""
    import gzip
    import zipfile

    raw = FLOWS_CSV.read_bytes()
    path = tmp_path / {"zip": "flux.zip", "gz": "flux.csv.gz", "plain": "flux.csv"}[kind]
    if kind == "zip":
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("meta_flux.csv", "COD_VAR;LIB_VAR\nCODGEO;Commune\n")
            archive.writestr("base-flux-mobilite-domicile-lieu-travail-2014.csv", raw)
    else:
        path.write_bytes(gzip.compress(raw) if kind == "gz" else raw)
    with cm.archive_lines(path) as lines:
        extract = list(cm.territory_lines(lines, {"75111"}))
    expected = [line for line in raw.decode("utf-8").splitlines()[1:] if "75111" in line.split(";")[::2][:2]]
    assert extract[0] == "CODGEO;LIBGEO;DCLT;L_DCLT;NBFLUX_C14_ACTOCC15P" and extract[1:] == expected
    assert len(extract) == 1 + 174
    assert cm.read_flows(extract).year == 2014


def test_a_cut_zip_is_a_clear_error(tmp_path):
    import zipfile

    path = tmp_path / "flux.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("flux.csv", FLOWS_CSV.read_bytes())
    data = bytearray(path.read_bytes())
    data[2000:2400] = bytes(400)  # damaged inside the compressed table: the central directory still reads
    path.write_bytes(bytes(data))
    with pytest.raises(cm.FlowsFileError, match="damaged or incomplete"), cm.archive_lines(path) as lines:
        list(lines)


def test_commune_is_read_as_the_home_column():
    """INSEE's dictionary of the detailed file names the home commune COMMUNE."""
    table = cm.read_flows_text("COMMUNE;DCLT;NBFLUX_C21_ACTOCC15P\n24322;24053;12.5\n")
    assert table.flows == [cm.Flow("24322", "24053", 12.5)] and table.year == 2021


def test_centres_from_geo_api_reply():
    reply = [
        {
            "code": "75111",
            "nom": "Paris 11e Arrondissement",
            "centre": {"type": "Point", "coordinates": [2.38, 48.86]},
        },
        {"code": "75056", "nom": "Paris"},  # no centre asked or known: left out
        {"code": "93048", "centre": {"type": "Point", "coordinates": ["x", 48.9]}},
    ]
    assert cm.centres_from_reply(reply) == {"75111": (2.38, 48.86)}
    with pytest.raises(ValueError):
        cm.centres_from_reply({"message": "not found"})
    layer = cm.centres_geojson({"75111": (2.38, 48.86)}, {"75111": "Paris 11e"})
    assert '"coordinates": [2.38, 48.86]' in layer and '"code": "75111"' in layer


def test_without_flows_the_first_row_says_why_and_names_the_source_not_the_parameter():
    """No flows file: one row names the source (INSEE MOBPRO), never the parameter (FLOWS: a council reads
    the report); the log's hint names it. The others stay empty (the report prints that one sentence
    instead of a table of "non disponible")."""
    rows = cm.indicator_rows(None, None, "fr")
    assert rows[0][0] == "flows_data" and rows[0][2] is None
    assert "MOBPRO" in rows[0][1] and "Insee" in rows[0][1] and "FLOWS" not in rows[0][1]
    assert all(value is None for _id, _label, value, _unit in rows)
    assert "FLOWS" not in cm.indicator_rows(None, None, "en")[0][1]
    assert "FLOWS" in cm.message("flows_hint", "fr") and "FLOWS" in cm.message("flows_hint", "en")
    assert not any(
        row[0] == "flows_data"
        for row in cm.indicator_rows(cm.territory_commuting([cm.Flow("A", "B", 10.0)], "A", {}), 2014, "fr")
    )
