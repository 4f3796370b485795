"""Texts and tables of the shareable package (INTERFACE.md "Shareable package folder"): which theme each
layer belongs to, layer titles and abstracts (layer metadata), the README and LICENSE, in French or
English. Pure: the QGIS side fills these from the diagnosis GeoPackage."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional, Sequence

from . import sources as cs
from . import themes
from .territory import is_insee_code

LANGS = ("fr", "en")

# The territory outline, a pseudo-theme of its own: first among the project groups, titled here; the
# themes, their layers and their texts are the registry's (core.themes).
TERRITORY = "territory"
TERRITORY_TITLE = {"en": "Territory", "fr": "Territoire"}
TERRITORY_TEXT = {
    "en": ("Territory", "Outline of the diagnosed territory."),
    "fr": ("Territoire", "Contour du territoire diagnostiqué."),
}
# Non-spatial bookkeeping tables of the GeoPackage, never shown as map layers.
TABLES = ("indicators", "about", "layer_styles", "qgis_projects")


def group_order() -> tuple[str, ...]:
    """Theme order of the project groups and the report pages: the territory, then the registry's."""
    return (TERRITORY, *themes.theme_ids())


ODBL = (
    "ODbL-1.0",
    "https://opendatacommons.org/licenses/odbl/1-0/",
    "Open Data Commons Open Database License 1.0",
)
LICENCE_OUVERTE = (
    "etalab-2.0",
    "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
    "Licence Ouverte 2.0",
)
OSM_ATTRIBUTION = "© OpenStreetMap contributors"
OSM_SOURCE = ("OpenStreetMap", "https://www.openstreetmap.org/copyright")

# Files of the package and what they are (datapackage descriptions, README list).
FILE_TEXTS = {
    "en": {
        "diagnosis.gpkg": "GeoPackage with every layer, its style, its metadata and the QGIS project “diagnosis”.",
        "report.pdf": "Report for the council: one map and the indicators with a short reading per theme.",
        "indicators.csv": "Every indicator of the diagnosis (theme, indicator, label, value, unit).",
        "README.md": "This description.",
        "LICENSE": "Licence and attribution.",
        "datapackage.json": "Description of every file for machines (Frictionless Data Package).",
    },
    "fr": {
        "diagnosis.gpkg": "GeoPackage contenant chaque couche, son style, ses métadonnées et le projet QGIS "
        "« diagnosis ».",
        "report.pdf": "Rapport pour le conseil municipal : une carte et les indicateurs commentés par thème.",
        "indicators.csv": "Tous les indicateurs du diagnostic (thème, indicateur, libellé, valeur, unité).",
        "README.md": "Cette description.",
        "LICENSE": "Licence et attribution.",
        "datapackage.json": "Description de chaque fichier pour les machines (Frictionless Data Package).",
    },
}

# Why a national-schema file (core.themes NationalFile) may be missing from the package.
MISSING_SCHEMA_NOTES = {
    "en": {
        "theme_absent": "not produced: the {theme} theme was not run or is not installed in this version.",
        "not_french": "not produced: the national schema covers French communes and this territory has no "
        "INSEE code.",
        "not_available": "not produced: it is written by the {theme} theme from the territory data, which "
        "was not at hand when the package was made.",
    },
    "fr": {
        "theme_absent": "non produit : le thème {theme} n’a pas été calculé ou n’est pas disponible dans cette "
        "version.",
        "not_french": "non produit : le schéma national concerne les communes françaises et ce territoire "
        "n’a pas de code INSEE.",
        "not_available": "non produit : il est écrit par le thème {theme} à partir des données du territoire, "
        "absentes lors de la création du paquet.",
    },
}


def lang_of(lang: str) -> str:
    return lang if lang in LANGS else "en"


def layer_theme(layer: str) -> str:
    """The theme a layer belongs to (INTERFACE.md "Theme outputs"), else its name's prefix, else "other"."""
    if layer == TERRITORY:
        return TERRITORY
    found = themes.layer_theme(layer)
    if found is not None:
        return found
    prefix = layer.split("_", 1)[0]
    for theme in group_order():
        if theme.startswith(prefix):
            return theme
    return "other"


def layer_text(layer: str, lang: str) -> tuple[str, str]:
    """(title, abstract) of a layer, written into its metadata and the datapackage description."""
    if layer == TERRITORY:
        return TERRITORY_TEXT[lang_of(lang)]
    found = themes.find_layer(layer)
    if found is None:
        return (layer, "")
    return (themes.pick(found.title, lang), themes.pick(found.abstract, lang))


def theme_title(theme: str, lang: str) -> str:
    if theme == TERRITORY:
        return TERRITORY_TITLE[lang_of(lang)]
    found = themes.find(theme)
    return found.text("title", lang) if found is not None else theme.capitalize()


def file_text(name: str, lang: str, empty: bool = False) -> str:
    """What a package file is (datapackage descriptions, README list); national files say it in their row,
    and, when ``empty``, why the file has no row (so a reader does not take it for a failed export)."""
    text = FILE_TEXTS[lang_of(lang)].get(name)
    if text is not None:
        return text
    national = next((f for _t, f in themes.national_files() if f.file_name == name), None)
    if national is None:
        return ""
    text = themes.pick(national.description, lang)
    if empty and national.empty:
        why = themes.pick(national.empty, lang)
        text = f"{text} {why[:1].upper()}{why[1:]}."
    return text


@dataclass
class PackageInfo:
    """What the README and the datapackage say about one package."""

    territory_name: str
    territory_code: str
    created: str  # ISO 8601 UTC
    osm_source: str  # "OpenStreetMap, local file" / "…, Overpass API"
    osm_timestamp: str  # the data date as a phrase ("data as of 2023-12-26")
    plugin_version: str
    themes: Sequence[str]  # themes present in the GeoPackage
    files: Sequence[str]  # file names in the package
    missing: dict = field(default_factory=dict)  # file name -> note (why it is not there)
    gtfs: Optional[str] = None  # GTFS feed name when the accessibility theme used one
    french_public_data: bool = False  # a French public source (directory, outlines…) contributed
    sources: Sequence[dict] = ()  # core.sources.status_rows: each source's status (README, datapackage)
    empty_files: frozenset = frozenset()  # national files written with no row (said beside them)


README = {
    "en": """# Mobility diagnosis — {name}

Everyday-mobility diagnosis of **{name}**{code}, made on {date} with the QGIS plugin
Mobility Diagnosis {version}. Themes: {themes}.

## What is in this folder

{files}
{missing}
## How it was made

1. The territory and its OpenStreetMap data ({source}; {osm_date}) were read into a territory
   GeoPackage, reprojected to a metric coordinate system.
2. Each theme ran on that data and wrote its layers and indicators into `diagnosis.gpkg`.
3. This package (report, tables, national-schema files, metadata) was made from `diagnosis.gpkg`.

Every rule (Level of Traffic Stress, parking estimates, school surroundings…) is documented in the
plugin's documentation; each layer says why a value was given (fields such as `lts_reason`).
Figures reflect what OpenStreetMap contains: a missing tag is a data gap, improve the map to improve
the diagnosis.

## How to open it

- In QGIS (3.22 or later): *Project › Open From › GeoPackage*, choose `diagnosis.gpkg`, then the
  project `diagnosis`. The layers open grouped by theme and styled; nothing else is needed.
- Any GIS reads `diagnosis.gpkg` (OGC GeoPackage); each layer carries its style and metadata.
- `report.pdf` is for reading; `indicators.csv` opens in any spreadsheet.
- `datapackage.json` describes every file (Frictionless Data Package): `frictionless validate datapackage.json`.

## Licences

{licences}
{sources}""",
    "fr": """# Diagnostic mobilité — {name}

Diagnostic des mobilités du quotidien de **{name}**{code}, réalisé le {date} avec l’extension QGIS
Mobility Diagnosis {version}. Thèmes : {themes}.

## Contenu du dossier

{files}
{missing}
## Méthode

1. Le territoire et ses données OpenStreetMap ({source} ; {osm_date}) ont été lus dans un
   GeoPackage de territoire, reprojeté dans un système de coordonnées métrique.
2. Chaque thème a été calculé sur ces données et a écrit ses couches et ses indicateurs dans
   `diagnosis.gpkg`.
3. Ce paquet (rapport, tableaux, fichiers aux schémas nationaux, métadonnées) a été produit à partir
   de `diagnosis.gpkg`.

Chaque règle (niveau de stress cycliste, estimation des places, abords des écoles…) est documentée dans
la documentation de l’extension ; chaque couche indique pourquoi une valeur a été attribuée (champs tels
que `lts_reason`). Les chiffres reflètent le contenu d’OpenStreetMap : une information manquante est une
lacune de la carte, l’améliorer améliore le diagnostic.

## Ouvrir le paquet

- Dans QGIS (3.22 ou plus récent) : *Projet › Ouvrir depuis › GeoPackage*, choisir `diagnosis.gpkg`, puis
  le projet `diagnosis`. Les couches s’ouvrent regroupées par thème et stylées ; rien d’autre n’est requis.
- Tout SIG lit `diagnosis.gpkg` (GeoPackage OGC) ; chaque couche porte son style et ses métadonnées.
- `report.pdf` se lit tel quel ; `indicators.csv` s’ouvre dans un tableur.
- `datapackage.json` décrit chaque fichier (Frictionless Data Package) : `frictionless validate datapackage.json`.

## Licences

{licences}
{sources}""",
}

LICENCE_TEXTS = {
    "en": {
        "osm": "Layers derived from OpenStreetMap (every layer of `diagnosis.gpkg`, the report maps, "
        "`indicators.csv` and the national-schema files) are {osm_attr}, available under the Open Data "
        "Commons Open Database License 1.0 (ODbL): {odbl_url}. You may copy, distribute and adapt them "
        "provided you credit “{osm_attr}” and share what you derive from them under the ODbL.",
        "fr_public": "French public data used (commune outlines and list, national school directory) is "
        "under the Licence Ouverte 2.0 ({lo_url}): credit its producer (Etalab, IGN, Ministère de "
        "l’Éducation nationale).",
        "gtfs": "The transit timetable ({gtfs}) remains under its publisher's licence.",
        "producers": "Other figures come from public producers, under their licence: credit them when you "
        "reuse them.",
    },
    "fr": {
        "osm": "Les couches issues d’OpenStreetMap (toutes les couches de `diagnosis.gpkg`, les cartes du "
        "rapport, `indicators.csv` et les fichiers aux schémas nationaux) sont {osm_attr} (« © les "
        "contributeurs d’OpenStreetMap »), sous licence Open Data Commons Open Database License 1.0 (ODbL) : "
        "{odbl_url}. Vous pouvez les copier, les diffuser et les adapter en citant « {osm_attr} » et en "
        "partageant ce qui en est dérivé sous ODbL.",
        "fr_public": "Les données publiques françaises utilisées (liste et contours des communes, annuaire de "
        "l’éducation) sont sous Licence Ouverte 2.0 ({lo_url}) : citer leur producteur (Etalab, IGN, "
        "ministère de l’Éducation nationale).",
        "gtfs": "Les horaires de transport ({gtfs}) restent sous la licence de leur éditeur.",
        "producers": "D’autres chiffres viennent de producteurs publics, sous leur licence : citez-les en "
        "cas de réutilisation.",
    },
}

LICENSE_FILE = """This package is a database derived from OpenStreetMap.

{osm_attr}
Licensed under the Open Data Commons Open Database License 1.0 (ODbL).
Full text: {odbl_url}
Human-readable summary: https://opendatacommons.org/licenses/odbl/summary/

Attribution required: "{osm_attr}" (https://www.openstreetmap.org/copyright)
Any adapted database made from this package must be shared under the ODbL.
{extra}
Made with the QGIS plugin Mobility Diagnosis {version} (GPL-2.0-or-later; the software licence does not
apply to the data).
"""


# Sources a theme's figures exist only from: a package of a diagnosis without source statuses (themes run
# one by one, an older diagnosis) that has the theme read them (the census is bundled: always there).
THEME_DATA_SOURCES = ("census", "flows", "crashes")
CREDITED_STATES = (cs.USED, cs.BUNDLED)


def credited_sources(info: PackageInfo) -> list[cs.Source]:
    """The sources other than OpenStreetMap and the GTFS feed (credited on their own) whose data is in the
    package: from the run's statuses, else from the themes present."""
    if info.sources:
        ids = [row["source"] for row in info.sources if row["state"] in CREDITED_STATES]
    else:
        ids = [sid for sid in THEME_DATA_SOURCES if set(cs.themes_of(cs.source(sid))) & set(info.themes)]
    return [cs.source(sid) for sid in ids if sid not in ("osm", "gtfs")]


def credit_lines(info: PackageInfo, lang: str) -> list[str]:
    """One line per credited source: its producer, its licence and the licence's address."""
    return [
        f"- {themes.pick(row.attribution, lang)} — {row.licence_text(lang)}"
        + (f" ({row.licence_url})" if row.licence_url else "")
        for row in credited_sources(info)
    ]


def licence_paragraphs(info: PackageInfo, lang: str) -> list[str]:
    texts = LICENCE_TEXTS[lang_of(lang)]
    out = [texts["osm"].format(osm_attr=OSM_ATTRIBUTION, odbl_url=ODBL[1])]
    if info.french_public_data:
        out.append(texts["fr_public"].format(lo_url=LICENCE_OUVERTE[1]))
    if info.gtfs:
        out.append(texts["gtfs"].format(gtfs=info.gtfs))
    credits = credit_lines(info, lang)
    if credits:
        out.append("\n".join([texts["producers"], "", *credits]))
    return out


def readme_text(info: PackageInfo, lang: str) -> str:
    lang = lang_of(lang)
    colon = " :" if lang == "fr" else ":"  # French typography: a space before the colon
    from .report_text import date_in_words  # report_text imports this module

    files = "\n".join(
        f"- `{name}`{colon} {file_text(name, lang, name in info.empty_files)}" for name in info.files
    )
    missing = ""
    if info.missing:
        missing = "\n" + "\n".join(f"- `{name}` {note}" for name, note in sorted(info.missing.items())) + "\n"
    titles = ", ".join(theme_title(t, lang) for t in info.themes) or "—"
    code = f" ({info.territory_code})" if info.territory_code else ""
    return README[lang].format(
        name=info.territory_name,
        code=code,
        date=date_in_words(info.created[:10], lang),
        version=info.plugin_version,
        themes=titles,
        files=files,
        missing=missing,
        source=info.osm_source or "OpenStreetMap",
        osm_date=info.osm_timestamp,
        licences="\n\n".join(licence_paragraphs(info, lang)),
        sources=sources_section(info, lang),
    )


SOURCES_TITLE = {"en": "## Sources used", "fr": "## Sources utilisées"}


def sources_section(info: PackageInfo, lang: str) -> str:
    """Each source with its status (used with its vintage and licence, not available offline, not found,
    failed and why): core.sources.status_rows, in the package's language."""
    if not info.sources:
        return ""
    lines = "\n".join(f"- {row['text']}" for row in info.sources)
    return f"\n{SOURCES_TITLE[lang_of(lang)]}\n\n{lines}\n"


def license_text(info: PackageInfo) -> str:
    extra = ""
    if info.french_public_data:
        extra = (
            "\nFrench public data (commune list and outlines, school directory) is under the Licence Ouverte 2.0 "
            f"({LICENCE_OUVERTE[1]}); credit its producer.\n"
        )
    if info.gtfs:
        extra += f"\nThe transit timetable ({info.gtfs}) remains under its publisher's licence.\n"
    credits = credit_lines(info, "en")
    if credits:
        extra += "\n" + "\n".join([LICENCE_TEXTS["en"]["producers"], *credits]) + "\n"
    return LICENSE_FILE.format(
        osm_attr=OSM_ATTRIBUTION, odbl_url=ODBL[1], extra=extra, version=info.plugin_version
    )


def missing_note(kind: str, theme: str, lang: str) -> str:
    return MISSING_SCHEMA_NOTES[lang_of(lang)][kind].format(theme=theme_title(theme, lang))


# French public sources show in the territory GeoPackage's ``about`` rows (outline from the bundled
# Etalab commune list or geo.api.gouv.fr, school directory); an INSEE code means the commune list was used.
FRENCH_PUBLIC_MARKERS = (
    "geo.api.gouv.fr",
    "commune list",
    "liste des communes",
    "annuaire",
    "education.gouv",
)


def uses_french_public_data(about: dict, territory_code: str) -> bool:
    if is_insee_code(territory_code):
        return True
    text = " ".join(str(v) for v in about.values()).lower()
    return any(marker in text for marker in FRENCH_PUBLIC_MARKERS)
