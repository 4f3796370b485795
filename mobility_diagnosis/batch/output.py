"""The outputs of a many-territory run: ``comparison.csv``, ``run_log.csv`` and ``comparison.gpkg`` (layer
``comparison``: territory outlines with every indicator and rank, styled; table ``run_log``). Atomic writes."""

from __future__ import annotations

import csv
from typing import Mapping, Sequence

from osgeo import ogr

from ..core.many import RUN_LOG_FIELDS, ComparisonTable, RunRecord
from ..qgis_io.atomic import atomic_path
from ..qgis_io.gpkg.diagnosis import _store_style
from ..qgis_io.gpkg.territory import Territory, wgs84

OGR_KINDS = {"str": ogr.OFTString, "int": ogr.OFTInteger64, "float": ogr.OFTReal}


def write_csv(path: str, columns: Sequence[str], rows: Sequence[Mapping]) -> None:
    with atomic_path(path, suffix=".csv") as tmp, open(tmp, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: ("" if row.get(k) is None else row.get(k)) for k in columns})


def write_run_log_csv(path: str, records: Sequence[RunRecord]) -> None:
    write_csv(path, [name for name, _ in RUN_LOG_FIELDS], [r.as_row() for r in records])


def write_comparison_gpkg(
    path: str, table: ComparisonTable, outlines: Mapping[str, Territory], records: Sequence[RunRecord]
) -> None:
    """Territory polygons (WGS 84) with the indicators and ranks, its default style, and the run log."""
    with atomic_path(path) as tmp:
        ds = ogr.GetDriverByName("GPKG").CreateDataSource(tmp)
        try:
            layer = ds.CreateLayer(
                "comparison", wgs84(), ogr.wkbMultiPolygon, ["FID=fid", "GEOMETRY_NAME=geom"]
            )
            kinds = {"code": "str", "name": "str"}
            kinds.update({c: "float" for c in table.indicator_columns})
            kinds.update({c: "int" for c in table.rank_columns})
            for column in table.columns:
                layer.CreateField(ogr.FieldDefn(column, OGR_KINDS[kinds[column]]))
            ds.StartTransaction()
            for row in table.rows:
                feature = ogr.Feature(layer.GetLayerDefn())
                for column in table.columns:
                    if row.get(column) is not None:
                        feature.SetField(column, row[column])
                outline = outlines.get(row["code"])
                if outline is not None:
                    feature.SetGeometry(ogr.ForceToMultiPolygon(outline.geometry.Clone()))
                layer.CreateFeature(feature)
            ds.CommitTransaction()
            log = ds.CreateLayer("run_log", None, ogr.wkbNone)
            for name, kind in RUN_LOG_FIELDS:
                log.CreateField(ogr.FieldDefn(name, OGR_KINDS[kind]))
            for record in records:
                feature = ogr.Feature(log.GetLayerDefn())
                for key, value in record.as_row().items():
                    feature.SetField(key, value)
                log.CreateFeature(feature)
            _store_style(ds, "comparison")
        finally:
            ds = None
