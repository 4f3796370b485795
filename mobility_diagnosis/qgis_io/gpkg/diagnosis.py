"""The diagnosis GeoPackage: every theme writes its layers and its rows of ``indicators`` into it.

Re-running a theme replaces that theme's layers and indicator rows and leaves every other layer
alone, so the themes chain into one file. Each write is atomic (a copy is updated, then renamed
over the original), and each layer gets its QML style stored as the default style in
``layer_styles``, the table QGIS reads when a GeoPackage layer is opened.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
from dataclasses import dataclass
from typing import Iterable, Optional, Sequence

from osgeo import ogr, osr

from ...core.indicators import Indicator
from ..atomic import atomic_path, sqlite_unsynced
from ..gdal_mode import open_or_none
from ..storage import check_folder
from .bulk import WriteCancelled, insert_rows
from .territory import GEOMETRY_TYPES, OGR_TYPES, write_about_table

STYLES_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(__file__))), "resources", "styles")
INDICATOR_FIELDS = (
    ("theme", "str"),
    ("indicator", "str"),
    ("label", "str"),
    ("value", "float"),
    ("unit", "str"),
)
STYLE_FIELDS = (
    ("f_table_catalog", ogr.OFTString),
    ("f_table_schema", ogr.OFTString),
    ("f_table_name", ogr.OFTString),
    ("f_geometry_column", ogr.OFTString),
    ("styleName", ogr.OFTString),
    ("styleQML", ogr.OFTString),
    ("styleSLD", ogr.OFTString),
    ("useAsDefault", ogr.OFTInteger),
    ("description", ogr.OFTString),
    ("owner", ogr.OFTString),
    ("ui", ogr.OFTString),
    ("update_time", ogr.OFTDateTime),
)


class DiagnosisFileError(Exception):
    """The diagnosis GeoPackage cannot be written; the message says what to do."""


@dataclass(frozen=True)
class LayerSpec:
    name: str
    geometry_type: Optional[
        str
    ]  # "Point", "LineString", "MultiLineString", "Polygon", "MultiPolygon" or None
    fields: Sequence[tuple[str, str]]  # (name, kind) with kind in "str", "int", "float", "bool"
    title: str = ""
    abstract: str = ""


def style_path(layer: str) -> Optional[str]:
    path = os.path.join(STYLES_DIR, f"{layer}.qml")
    return path if os.path.exists(path) else None


def check_output(output: str) -> None:
    if not output.lower().endswith(".gpkg"):
        raise DiagnosisFileError(
            f"The output {output} must be a GeoPackage (.gpkg). Choose a name ending in .gpkg."
        )
    if os.path.exists(output):
        ds = open_or_none(output)
        if ds is None or ds.GetDriver().GetName() != "GPKG":
            raise DiagnosisFileError(
                f"{output} exists and is not a GeoPackage; it was left untouched. "
                "Choose another file name."
            )


def write_theme(
    output_path: str,
    theme: str,
    layers: Iterable[tuple[LayerSpec, Iterable[tuple[Optional[ogr.Geometry], dict]]]],
    indicators: Sequence[Indicator],
    crs_wkt: str,
    about: Optional[dict] = None,
    territory: Optional[tuple[ogr.Geometry, dict]] = None,
    cancelled=lambda: False,
) -> dict[str, int]:
    """Replace ``theme``'s layers and indicator rows in ``output_path``; return the feature count per layer."""
    check_output(output_path)
    srs = osr.SpatialReference()
    srs.ImportFromWkt(crs_wkt)
    with atomic_path(output_path, copy_existing=True) as tmp, sqlite_unsynced():
        ds = _open_for_update(tmp, output_path)
        filled, theme_layers = [], []  # the rows go in once GDAL has closed the file (gpkg.bulk)
        for spec, rows in layers:
            _replace_layer(ds, spec, srs)
            _store_style(ds, spec.name)
            filled.append((spec.name, spec.fields, rows))
            theme_layers.append(spec.name)
        _replace_indicators(ds, theme, indicators)
        if territory is not None:
            geometry, attributes = territory
            spec = LayerSpec("territory", "MultiPolygon", [(k, _kind(v)) for k, v in attributes.items()])
            _replace_layer(ds, spec, srs)
            _store_style(ds, "territory")
            filled.append((spec.name, spec.fields, [(geometry, attributes)]))
        if about is not None:
            _replace_about(ds, about, theme)
        ds.FlushCache()
        ds = None
        try:
            written = insert_rows(tmp, filled, cancelled)
        except WriteCancelled:
            raise DiagnosisCancelled() from None
    return {name: written[name] for name in theme_layers}


# Tables every theme file has besides its own layers; merged row by row, never copied whole.
SHARED_TABLES = ("territory", "about", "indicators", "layer_styles")


def merge_themes(output_path: str, theme_files: Sequence[tuple[str, str]], in_place: bool = False) -> None:
    """Bring themes written into files of their own (``(theme, path)``, by ``write_theme``) into
    ``output_path`` in one atomic write: their layers (copied by GDAL, not feature by feature in Python),
    styles, indicator rows and ``about`` keys; a new ``output_path`` starts as a copy of the largest theme
    file. ``diagnose`` computes themes apart, in parallel.

    ``in_place``: write into ``output_path`` itself, for a file that is thrown away whole on failure (the
    package being built aside, ``package.staging_folder``) and that QGIS may hold open meanwhile
    (``package.PackageDraft``): an atomic write would replace the file under its feet."""
    check_output(output_path)
    rest = list(theme_files)
    for theme, path in rest:
        if not os.path.isfile(path):
            raise DiagnosisFileError(f"The {theme} theme's file {path} cannot be read; run the theme again.")
    target = contextlib.nullcontext(output_path) if in_place else atomic_path(output_path, copy_existing=True)
    with target as tmp, sqlite_unsynced():
        if not os.path.exists(tmp) and rest:
            # a new diagnosis starts as a copy of the largest theme file (territory, styles and all)
            base = max(rest, key=lambda item: os.path.getsize(item[1]))
            shutil.copyfile(base[1], tmp)
            rest.remove(base)
        ds = _open_for_update(tmp, output_path)
        for theme, path in rest:
            src = open_readonly(path)
            if src is None:
                raise DiagnosisFileError(
                    f"The {theme} theme's file {path} cannot be read; run the theme again."
                )
            names = [src.GetLayer(i).GetName() for i in range(src.GetLayerCount())]
            for name in names:
                if name in SHARED_TABLES:
                    continue
                _delete_layer(ds, name)
                layer = src.GetLayerByName(name)
                spatial = layer.GetGeomType() != ogr.wkbNone
                options = ["FID=fid", "GEOMETRY_NAME=geom"] if spatial else []
                if ds.CopyLayer(layer, name, options) is None:  # GDAL batches it in transactions
                    raise DiagnosisFileError(f"Cannot copy the layer {name} into {output_path}.")
                _store_style(ds, name)
            _replace_indicators(ds, theme, _read_indicators(src, theme))
            about = src.GetLayerByName("about")
            if about is not None:
                _replace_about(ds, {f.GetField("key"): f.GetField("value") for f in about}, theme)
            src = None
        ds.FlushCache()
        ds = None


def _open_for_update(tmp: str, output_path: str):
    """``tmp`` (the copy being written for ``output_path``) opened for update, or created."""
    ds = (
        open_or_none(tmp, update=True)
        if os.path.exists(tmp)
        else ogr.GetDriverByName("GPKG").CreateDataSource(tmp)
    )
    if ds is None:
        check_folder(os.path.dirname(os.path.abspath(output_path)))  # names a full disk or read-only folder
        raise DiagnosisFileError(f"Cannot write {output_path}: check that the folder is writable.")
    return ds


def open_readonly(path: str):
    """The dataset, or None when it cannot be opened (GDAL raises instead of returning None when Python
    exceptions are on, as QGIS 3.44 turns them on)."""
    if not os.path.isfile(path):
        return None
    return open_or_none(path)


def _read_indicators(ds, theme: str) -> list[Indicator]:
    layer = ds.GetLayerByName("indicators")
    if layer is None:
        return []
    layer.SetAttributeFilter(f"theme = '{_sql_text(theme)}'")
    rows = [
        Indicator(
            f.GetField("theme"), f.GetField("indicator"), f.GetField("label") or "",
            f.GetField("value"), f.GetField("unit") or "",
        )
        for f in layer
    ]  # fmt: skip
    layer.SetAttributeFilter(None)
    return rows


def _kind(value) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    return "str"


def _delete_layer(ds, name: str) -> None:
    for i in range(ds.GetLayerCount()):
        if ds.GetLayer(i).GetName() == name:
            ds.DeleteLayer(i)
            return


def _replace_layer(ds, spec: LayerSpec, srs) -> None:
    """The layer made anew, empty, with its fields (``gpkg.bulk.insert_rows`` adds the rows)."""
    _delete_layer(ds, spec.name)
    geom_type = GEOMETRY_TYPES[spec.geometry_type]
    layer = ds.CreateLayer(
        spec.name,
        srs if geom_type != ogr.wkbNone else None,
        geom_type,
        ["FID=fid", "GEOMETRY_NAME=geom"] if geom_type != ogr.wkbNone else [],
    )
    if layer is None:
        raise DiagnosisFileError(f"Cannot create the layer {spec.name}.")
    for name, kind in spec.fields:
        defn = ogr.FieldDefn(name, OGR_TYPES[kind])
        if kind == "bool":
            defn.SetSubType(ogr.OFSTBoolean)
        layer.CreateField(defn)


class DiagnosisCancelled(Exception):
    """The user cancelled; the diagnosis GeoPackage was left as it was."""


def _replace_indicators(ds, theme: str, indicators: Sequence[Indicator]) -> None:
    layer = ds.GetLayerByName("indicators")
    if layer is None:
        layer = ds.CreateLayer("indicators", None, ogr.wkbNone)
        for name, kind in INDICATOR_FIELDS:
            layer.CreateField(ogr.FieldDefn(name, OGR_TYPES[kind]))
    layer.SetAttributeFilter(f"theme = '{_sql_text(theme)}'")
    stale = [feature.GetFID() for feature in layer]
    layer.SetAttributeFilter(None)
    ds.StartTransaction()
    for fid in stale:
        layer.DeleteFeature(fid)
    for indicator in indicators:
        feature = ogr.Feature(layer.GetLayerDefn())
        feature.SetField("theme", indicator.theme)
        feature.SetField("indicator", indicator.indicator)
        feature.SetField("label", indicator.label)
        if indicator.value is not None and indicator.value == indicator.value:
            feature.SetField("value", float(indicator.value))
        feature.SetField("unit", indicator.unit)
        layer.CreateFeature(feature)
    ds.CommitTransaction()


def write_about(path: str, values: dict) -> None:
    """Set rows of ``about`` in place (a staging file, dropped whole on failure, that QGIS may hold open)."""
    ds = ogr.Open(path, 1)
    if ds is None:
        raise DiagnosisFileError(f"Cannot write {path}: check that the folder is writable.")
    layer = ds.GetLayerByName("about")
    if layer is None:
        layer = ds.CreateLayer("about", None, ogr.wkbNone)
        layer.CreateField(ogr.FieldDefn("key", ogr.OFTString))
        layer.CreateField(ogr.FieldDefn("value", ogr.OFTString))
    for key, value in values.items():
        layer.SetAttributeFilter(f"key = '{_sql_text(key)}'")
        old = [f.GetFID() for f in layer]
        layer.SetAttributeFilter(None)
        for fid in old:
            layer.DeleteFeature(fid)
        feature = ogr.Feature(layer.GetLayerDefn())
        feature.SetField("key", key)
        feature.SetField("value", "" if value is None else str(value))
        layer.CreateFeature(feature)
    ds = None


def _replace_about(ds, about: dict, theme: str) -> None:
    layer = ds.GetLayerByName("about")
    existing = {}
    if layer is not None:
        existing = {f.GetField("key"): f.GetField("value") for f in layer}
        _delete_layer(ds, "about")
    existing.update({k: ("" if v is None else str(v)) for k, v in about.items()})
    existing[f"run_{theme}"] = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
    write_about_table(ds, existing)


def _store_style(ds, layer_name: str) -> None:
    """Store ``resources/styles/<layer>.qml`` as the layer's default style (QGIS's layer_styles table)."""
    path = style_path(layer_name)
    if path is None:
        return
    with open(path, encoding="utf-8") as f:
        qml = f.read()
    styles = ds.GetLayerByName("layer_styles")
    if styles is None:
        styles = ds.CreateLayer("layer_styles", None, ogr.wkbNone)
        for name, kind in STYLE_FIELDS:
            styles.CreateField(ogr.FieldDefn(name, kind))
    styles.SetAttributeFilter(f"f_table_name = '{_sql_text(layer_name)}'")
    stale = [feature.GetFID() for feature in styles]
    styles.SetAttributeFilter(None)
    for fid in stale:
        styles.DeleteFeature(fid)
    feature = ogr.Feature(styles.GetLayerDefn())
    now = dt.datetime.now(dt.timezone.utc)
    values = {
        "f_table_catalog": "",
        "f_table_schema": "",
        "f_table_name": layer_name,
        "f_geometry_column": "geom",
        "styleName": layer_name,
        "styleQML": qml,
        "styleSLD": "",
        "useAsDefault": 1,
        "description": "Mobility Diagnosis default style",
        "owner": "",
        "ui": "",
    }
    for key, value in values.items():
        feature.SetField(key, value)
    feature.SetField("update_time", now.year, now.month, now.day, now.hour, now.minute, now.second, 100)
    styles.CreateFeature(feature)


def _sql_text(text: str) -> str:
    return text.replace("'", "''")


def layer_uri(path: str, layer: str) -> str:
    return f"{path}|layername={layer}"
