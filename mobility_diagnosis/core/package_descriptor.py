"""The Frictionless Data Package descriptor (``datapackage.json``) of a diagnosis package.

Spec: https://specs.frictionlessdata.io/data-package/ (v1: ``name``, ``resources`` with ``path``,
``format``, ``mediatype``, ``licenses``, ``sources``, ``bytes``, ``hash``; extra properties allowed, so
``territory`` carries the territory). Pure: sizes and hashes are passed in.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Optional, Sequence

from . import themes
from .package_text import LICENCE_OUVERTE, ODBL, OSM_SOURCE, PackageInfo, file_text, lang_of

# file extension -> (format, media type). IANA media types; GeoPackage per OGC 12-128r18 §1.1.1.1.
FORMATS = {
    ".gpkg": ("gpkg", "application/geopackage+sqlite3"),
    ".pdf": ("pdf", "application/pdf"),
    ".csv": ("csv", "text/csv"),
    ".geojson": ("geojson", "application/geo+json"),
    ".json": ("json", "application/json"),
    ".md": ("md", "text/markdown"),
    "": ("txt", "text/plain"),  # LICENSE
}

# Files whose content derives from OpenStreetMap (ODbL), with every theme's national-schema files
# (``osm_derived``). README/LICENSE are plain texts about the package.
OSM_DERIVED = {"diagnosis.gpkg", "report.pdf", "indicators.csv"}


def osm_derived(name: str) -> bool:
    return name in OSM_DERIVED or any(f.file_name == name for _t, f in themes.national_files())


# Table Schema of indicators.csv (INTERFACE.md ``indicators``), so frictionless checks its types.
INDICATORS_SCHEMA = {
    "fields": [
        {"name": "theme", "type": "string"},
        {"name": "indicator", "type": "string"},
        {"name": "label", "type": "string"},
        {"name": "value", "type": "number"},
        {"name": "unit", "type": "string"},
    ],
    "missingValues": [""],
}

FRENCH_PUBLIC_SOURCES = (
    ("Découpage administratif des communes (Etalab)", "https://github.com/etalab/decoupage-administratif"),
    ("Annuaire de l'éducation", "https://data.education.gouv.fr/explore/dataset/fr-en-annuaire-education/"),
)


@dataclass(frozen=True)
class FileFacts:
    name: str
    size: int
    sha256: str


def slug(text: str) -> str:
    """A Data Package name: lower case, ``a-z0-9._-`` only."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9._-]+", "-", ascii_text.lower()).strip("-") or "diagnosis"


def _licence(entry: tuple[str, str, str]) -> dict:
    name, path, title = entry
    return {"name": name, "path": path, "title": title}


def _format(name: str) -> tuple[str, str]:
    for ext, value in FORMATS.items():
        if ext and name.lower().endswith(ext):
            return value
    return FORMATS[""]


def resource(facts: FileFacts, info: PackageInfo, lang: str) -> dict:
    fmt, mediatype = _format(facts.name)
    res: dict = {
        "name": slug(facts.name.rsplit(".", 1)[0] if "." in facts.name else facts.name),
        "path": facts.name,
        "title": facts.name,
        "description": file_text(facts.name, lang, facts.name in info.empty_files),
        "format": fmt,
        "mediatype": mediatype,
        "bytes": facts.size,
        "hash": f"sha256:{facts.sha256}",
    }
    if fmt in ("csv", "md", "txt", "geojson", "json"):
        res["encoding"] = "utf-8"
    if osm_derived(facts.name):
        licences = [_licence(ODBL)]
        sources = [{"title": OSM_SOURCE[0], "path": OSM_SOURCE[1]}]
        if info.french_public_data and facts.name in ("diagnosis.gpkg", "report.pdf", "indicators.csv"):
            licences.append(_licence(LICENCE_OUVERTE))
            sources += [{"title": t, "path": p} for t, p in FRENCH_PUBLIC_SOURCES]
        res["licenses"] = licences
        res["sources"] = sources
    if facts.name == "indicators.csv":
        res["schema"] = INDICATORS_SCHEMA
    if fmt in ("gpkg", "pdf", "geojson"):
        res["type"] = "file"  # frictionless v5: checked for bytes and hash, not read as a table
    return res


def descriptor(info: PackageInfo, files: Sequence[FileFacts], lang: str, title: Optional[str] = None) -> dict:
    lang = lang_of(lang)
    title = title or (
        f"Diagnostic mobilité — {info.territory_name}"
        if lang == "fr"
        else f"Mobility diagnosis — {info.territory_name}"
    )
    licences = [_licence(ODBL)]
    sources = [{"title": OSM_SOURCE[0], "path": OSM_SOURCE[1]}]
    if info.french_public_data:
        licences.append(_licence(LICENCE_OUVERTE))
        sources += [{"title": t, "path": p} for t, p in FRENCH_PUBLIC_SOURCES]
    if info.gtfs:
        sources.append({"title": f"GTFS: {info.gtfs}"})
    listed = {entry.get("path") for entry in sources}
    for row in info.sources:  # every source used, with its page (core.sources)
        if row["state"] in ("used", "bundled") and row["url"] not in listed and row["source"] != "osm":
            sources.append({"title": row["title"], "path": row["url"]})
            listed.add(row["url"])
    return {
        "profile": "data-package",
        "name": slug(f"mobility-diagnosis-{info.territory_code or info.territory_name}"),
        "title": title,
        "description": ", ".join(info.themes),
        "created": info.created,
        "version": info.plugin_version,
        "keywords": keywords(),
        "licenses": licences,
        "sources": sources,
        "contributors": [{"title": "OpenStreetMap contributors", "role": "author", "path": OSM_SOURCE[1]}],
        "territory": {"code": info.territory_code, "name": info.territory_name},
        "resources": [resource(f, info, lang) for f in files],
        # each source's status (core.sources): a Data Package allows properties of its own
        "source_status": [
            {
                k: row[k]
                for k in ("source", "title", "state", "status", "how", "name", "vintage", "licence", "detail")
            }
            for row in info.sources
        ],
    }


def keywords() -> list[str]:
    """The package's keywords: the subject, then every theme's title in English and French (the registry's)."""
    words = ["mobility", "mobilité", "OpenStreetMap"]
    for row in themes.themes():
        words += [w for w in (row.title["en"].lower(), row.title["fr"].lower()) if w not in words]
    return words
