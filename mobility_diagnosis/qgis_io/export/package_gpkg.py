"""Reading a diagnosis GeoPackage for the package, and writing its layer metadata.

Layer metadata is stored the way QGIS itself stores it for GeoPackages: a QGIS metadata XML document
(``QgsLayerMetadata.writeMetadataXml``) in ``gpkg_metadata`` with ``md_standard_uri =
'http://mrcc.com/qgis.dtd'``, referenced from ``gpkg_metadata_reference`` with scope ``table``. QGIS's
OGR provider reads it back (Layer Properties › Metadata) from 3.22 on, and the tables follow the
GeoPackage metadata extension (GDAL creates and registers them), so other readers see them too.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from dataclasses import dataclass, field
from typing import Optional

from osgeo import ogr
from qgis.core import (
    QgsAbstractMetadataBase,
    QgsCoordinateReferenceSystem,
    QgsLayerMetadata,
    QgsVectorLayer,
)
from qgis.PyQt.QtXml import QDomDocument

from ...core.indicators import Indicator
from ...core.package_text import (
    LICENCE_OUVERTE,
    ODBL,
    OSM_ATTRIBUTION,
    TABLES,
    layer_text,
    layer_theme,
    theme_title,
    uses_french_public_data,
)
from ...core.themes import report_order, theme_ids
from ..gdal_mode import open_or_none

QGIS_MD_URI = "http://mrcc.com/qgis.dtd"


class PackageError(Exception):
    """The package cannot be made; the message says what to do."""


@dataclass
class Diagnosis:
    path: str
    layers: list[str]  # spatial layers, in file order
    tables: list[str]  # non-spatial tables
    indicators: list[Indicator]
    about: dict
    crs_wkt: str
    territory_name: str = ""
    territory_code: str = ""
    themes: list[str] = field(default_factory=list)  # themes with at least one layer or indicator

    @property
    def created(self) -> str:
        runs = sorted(v for k, v in self.about.items() if k.startswith("run_") and v)
        return runs[-1] if runs else dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


def read_diagnosis(path: str) -> Diagnosis:
    if not path or not os.path.isfile(path):
        raise PackageError(
            f"The diagnosis GeoPackage {path} does not exist. Run the themes or “diagnose” first."
        )
    ds = open_or_none(path)
    if ds is None or ds.GetDriver().GetName() != "GPKG":
        raise PackageError(
            f"{path} is not a GeoPackage. Choose the diagnosis GeoPackage written by the themes."
        )
    layers, tables = [], []
    crs_wkt = ""
    for i in range(ds.GetLayerCount()):
        lyr = ds.GetLayer(i)
        name = lyr.GetName()
        if lyr.GetGeomType() == ogr.wkbNone:
            tables.append(name)
        else:
            layers.append(name)
            if not crs_wkt and lyr.GetSpatialRef() is not None:
                crs_wkt = lyr.GetSpatialRef().ExportToWkt()
    if "indicators" not in tables and not layers:
        raise PackageError(
            f"{path} holds no theme layer and no indicator: it is not a diagnosis GeoPackage. "
            "Run a theme ({}) into it first.".format(", ".join(theme_ids()))
        )
    indicators = []
    if "indicators" in tables:
        for f in ds.GetLayerByName("indicators"):
            value = f.GetField("value")
            indicators.append(
                Indicator(
                    f.GetField("theme") or "",
                    f.GetField("indicator") or "",
                    f.GetField("label") or "",
                    None if value is None else float(value),
                    f.GetField("unit") or "",
                )
            )
    about = {}
    if "about" in tables:
        about = {f.GetField("key"): f.GetField("value") or "" for f in ds.GetLayerByName("about")}
    name, code = about.get("territory_name", ""), about.get("territory_code", "")
    if "territory" in layers:
        feature = ds.GetLayerByName("territory").GetNextFeature()
        if feature is not None:
            defn = feature.GetDefnRef()
            if defn.GetFieldIndex("name") >= 0:
                name = feature.GetField("name") or name
            if defn.GetFieldIndex("code") >= 0:
                code = feature.GetField("code") or code
    ds = None
    themes = []
    for theme in [layer_theme(n) for n in layers] + [i.theme for i in indicators]:
        if theme not in themes and theme not in ("territory", "other"):
            themes.append(theme)
    themes = report_order(themes)
    return Diagnosis(path, layers, tables, indicators, about, crs_wkt, name or "?", code or "", themes)


def layer_metadata(
    diagnosis: Diagnosis, layer: str, lang: str, layer_obj: Optional[QgsVectorLayer]
) -> QgsLayerMetadata:
    title, abstract = layer_text(layer, lang)
    about = diagnosis.about
    md = QgsLayerMetadata()
    md.setIdentifier(layer)
    md.setParentIdentifier(f"mobility-diagnosis-{diagnosis.territory_code or diagnosis.territory_name}")
    md.setTitle(f"{title} — {diagnosis.territory_name}")
    md.setAbstract(abstract)
    md.setType("dataset")
    md.setLanguage(lang.upper())
    md.addKeywords("theme", [theme_title(layer_theme(layer), lang)])
    md.addKeywords("keywords", ["mobility", "mobilité", "OpenStreetMap", diagnosis.territory_name])
    md.setCategories([theme_title(layer_theme(layer), lang)])
    licences = [f"{ODBL[2]} (ODbL) — {ODBL[1]}"]
    if uses_french_public_data(about, diagnosis.territory_code):
        licences.append(f"{LICENCE_OUVERTE[2]} — {LICENCE_OUVERTE[1]}")
    md.setLicenses(licences)
    md.setRights([OSM_ATTRIBUTION])
    history = [
        f"Source: {about.get('source', 'OpenStreetMap')}; OSM data as of {about.get('osm_timestamp', '?')}; "
        f"retrieved {about.get('retrieved_at', '?')}.",
        f"Computed by the QGIS plugin Mobility Diagnosis {about.get('plugin_version', '')} on "
        f"{about.get('run_' + layer_theme(layer), diagnosis.created)}.",
    ]
    md.setHistory(history)
    link = QgsAbstractMetadataBase.Link(
        "OpenStreetMap copyright", "WWW:LINK", "https://www.openstreetmap.org/copyright"
    )
    md.addLink(link)
    crs = QgsCoordinateReferenceSystem()
    if diagnosis.crs_wkt:
        crs = QgsCoordinateReferenceSystem.fromWkt(diagnosis.crs_wkt)
    if layer_obj is not None and layer_obj.crs().isValid():
        crs = layer_obj.crs()
    md.setCrs(crs)
    if layer_obj is not None and layer_obj.isValid():
        extent = QgsLayerMetadata.Extent()
        spatial = QgsLayerMetadata.SpatialExtent()
        spatial.extentCrs = crs
        from qgis.core import QgsBox3d

        rect = layer_obj.extent()
        spatial.bounds = QgsBox3d(rect.xMinimum(), rect.yMinimum(), 0, rect.xMaximum(), rect.yMaximum(), 0)
        extent.setSpatialExtents([spatial])
        md.setExtent(extent)
    created = diagnosis.created
    if hasattr(md, "setDateTime"):  # QGIS >= 3.30
        from qgis.core import Qgis
        from qgis.PyQt.QtCore import QDateTime, Qt

        md.setDateTime(Qgis.MetadataDateType.Created, QDateTime.fromString(created, Qt.DateFormat.ISODate))
    return md


def metadata_xml(md: QgsLayerMetadata) -> str:
    doc = QDomDocument("qgis")
    root = doc.createElement("qgis")
    doc.appendChild(root)
    md.writeMetadataXml(root, doc)
    return doc.toString()


def write_layer_metadata(path: str, entries: dict[str, str]) -> None:
    """Store each layer's QGIS metadata XML in ``gpkg_metadata`` (replacing ours from an earlier run)."""
    import sqlite3

    if not entries:
        return
    ds = open_or_none(path, update=True)
    if ds is None:
        raise PackageError(f"Cannot open {path} for writing.")
    names = {ds.GetLayer(i).GetName() for i in range(ds.GetLayerCount())}
    # let GDAL create and register the metadata extension tables (GeoPackage 1.2, annex F.8)
    ds.GetLayerByName(next(iter(entries))).SetMetadataItem("MOBILITY_DIAGNOSIS", "1")
    ds = None
    with contextlib.closing(sqlite3.connect(path)) as db, db:
        for layer, xml in entries.items():
            if layer not in names:
                continue
            stale = [
                row[0]
                for row in db.execute(
                    "SELECT m.id FROM gpkg_metadata m JOIN gpkg_metadata_reference r ON r.md_file_id = m.id "
                    "WHERE m.md_standard_uri = ? AND r.table_name = ?",
                    (QGIS_MD_URI, layer),
                )
            ]
            for md_id in stale:
                db.execute("DELETE FROM gpkg_metadata_reference WHERE md_file_id = ?", (md_id,))
                db.execute("DELETE FROM gpkg_metadata WHERE id = ?", (md_id,))
            cursor = db.execute(
                "INSERT INTO gpkg_metadata (md_scope, md_standard_uri, mime_type, metadata) VALUES (?, ?, ?, ?)",
                ("dataset", QGIS_MD_URI, "text/xml", xml),
            )
            db.execute(
                "INSERT INTO gpkg_metadata_reference (reference_scope, table_name, timestamp, md_file_id) "
                "VALUES ('table', ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), ?)",
                (layer, cursor.lastrowid),
            )


def map_layers(diagnosis: Diagnosis) -> list[str]:
    return [name for name in diagnosis.layers if name not in TABLES]
