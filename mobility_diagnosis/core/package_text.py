"""Texts and tables of the shareable package (INTERFACE.md "Shareable package folder"): which theme each
layer belongs to, layer titles and abstracts (layer metadata), the README and LICENSE, in French or
English. Pure: the QGIS side fills these from the diagnosis GeoPackage."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional, Sequence

LANGS = ("fr", "en")

# Theme order of the project groups and the report pages (INTERFACE.md theme algorithms).
THEMES = ("territory", "cycling", "accessibility", "parking", "schools")

# Layer -> theme (INTERFACE.md "Theme outputs"); a layer not listed goes to its name's prefix or "other".
LAYER_THEME = {
    "territory": "territory",
    "cycling_segments": "cycling",
    "cycling_islands": "cycling",
    "cycling_gaps": "cycling",
    "stop_access": "accessibility",
    "walk_access": "accessibility",
    "transit_service": "accessibility",
    "walk_catchments": "accessibility",
    "crossing_access": "accessibility",
    "sidewalk_gaps": "accessibility",
    "parking_supply": "parking",
    "bike_parking_gaps": "parking",
    "school_diagnosis": "schools",
    "school_street_candidates": "schools",
    "school_directory_gaps": "schools",
    "territory_profile": "profile",
    "profile_references": "profile",
    "commuting_flows": "commuting",
}
# Non-spatial bookkeeping tables of the GeoPackage, never shown as map layers.
TABLES = ("indicators", "about", "layer_styles", "qgis_projects")

THEME_TITLES = {
    "en": {
        "territory": "Territory",
        "cycling": "Cycling",
        "accessibility": "Accessibility",
        "parking": "Parking",
        "schools": "Schools",
        "profile": "Profile",
        "commuting": "Commuting",
    },
    "fr": {
        "territory": "Territoire",
        "cycling": "Vélo",
        "accessibility": "Accessibilité",
        "parking": "Stationnement",
        "schools": "Écoles",
        "profile": "Profil du territoire",
        "commuting": "Domicile-travail",
    },
}

# (title, abstract) of each layer, written into the layer metadata and the datapackage description.
LAYER_TEXTS = {
    "en": {
        "territory": ("Territory", "Outline of the diagnosed territory."),
        "cycling_segments": (
            "Cycling: streets by Level of Traffic Stress",
            "Every street and path with its cycle facilities per side and its Level of Traffic Stress "
            "(1 = suitable for children … 4 = strong and fearless, 0 = cycling not allowed), with the rule "
            "applied and the reason in words.",
        ),
        "cycling_islands": (
            "Cycling: low-stress islands",
            "Connected parts of the low-stress network (LTS 1–2): within an island one can ride without stress.",
        ),
        "cycling_gaps": (
            "Cycling: gaps",
            "Short high-stress links whose improvement would join low-stress islands or reach a destination.",
        ),
        "stop_access": (
            "Accessibility: transit stops",
            "Transit stops and their accessibility for wheelchair users as mapped in OpenStreetMap.",
        ),
        "walk_access": (
            "Accessibility: walking distance to stops and schools",
            "Walking distance on the street network from homes to the nearest stop and school.",
        ),
        "transit_service": (
            "Accessibility: transit service",
            "Departures per stop from the GTFS timetable; frequent stops are flagged.",
        ),
        "parking_supply": (
            "Parking: supply",
            "Car parks, on-street parking and bike parking with their capacity (tagged or estimated).",
        ),
        "bike_parking_gaps": (
            "Parking: bike-parking gaps",
            "Destinations (schools, stops, shops, services) without bike parking nearby.",
        ),
        "school_diagnosis": (
            "Schools: diagnosis per school",
            "Calm streets, bike parking, low-stress cycling access, crossings and stops around each school.",
        ),
        "school_street_candidates": (
            "Schools: school-street candidates",
            "Low-importance streets along which a school entrance lies: candidates for a school street.",
        ),
        "school_directory_gaps": (
            "Schools: directory gaps",
            "Schools found in the national directory but not in OpenStreetMap, and the reverse.",
        ),
        "territory_profile": (
            "Profile: key census figures",
            "The territory with its INSEE census figures (population, density, households, jobs, activity, "
            "car ownership, travel to work). Source : INSEE, comparateur de territoires (census 2018) and "
            "statistiques locales (census 2021), or the newer file given; Licence Ouverte / Etalab.",
        ),
        "profile_references": (
            "Profile: references",
            "Each census figure beside its département, France and the communes of the same density class "
            "(ratios of sums). Source : INSEE; Licence Ouverte / Etalab.",
        ),
        "commuting_flows": (
            "Commuting: home-to-work flows",
            "Flows of employed residents to their work commune and of workers to the territory, between "
            "commune centres, with their straight-line distance. Source : INSEE, mobilités "
            "professionnelles (MOBPRO); Licence Ouverte / Etalab.",
        ),
        "walk_catchments": (
            "Accessibility: walking catchments",
            "The street network within walking distance of each stop, school and service, with the destination "
            "it leads to.",
        ),
        "crossing_access": (
            "Accessibility: crossings for disabled people",
            "Pedestrian crossings with their kerbs and tactile paving, as mapped in OpenStreetMap.",
        ),
        "sidewalk_gaps": (
            "Accessibility: streets without sidewalk information",
            "Urban streets where OpenStreetMap does not say whether there is a sidewalk: mapping work.",
        ),
    },
    "fr": {
        "territory": ("Territoire", "Contour du territoire diagnostiqué."),
        "cycling_segments": (
            "Vélo : rues par niveau de stress",
            "Chaque rue et chemin avec ses aménagements cyclables par côté et son niveau de stress cycliste "
            "(1 = adapté aux enfants … 4 = cyclistes aguerris, 0 = vélo interdit), avec la règle appliquée "
            "et son explication.",
        ),
        "cycling_islands": (
            "Vélo : îlots apaisés",
            "Parties connexes du réseau apaisé (niveaux 1–2) : dans un îlot, on circule sans stress.",
        ),
        "cycling_gaps": (
            "Vélo : discontinuités",
            "Courts tronçons stressants dont l’aménagement relierait des îlots apaisés ou une destination.",
        ),
        "stop_access": (
            "Accessibilité : arrêts de transport",
            "Arrêts de transport en commun et leur accessibilité en fauteuil roulant d’après OpenStreetMap.",
        ),
        "walk_access": (
            "Accessibilité : distance à pied aux arrêts et écoles",
            "Distance à pied sur le réseau depuis les logements jusqu’à l’arrêt et l’école les plus proches.",
        ),
        "transit_service": (
            "Accessibilité : desserte",
            "Départs par arrêt d’après les horaires GTFS ; les arrêts à haute fréquence sont signalés.",
        ),
        "parking_supply": (
            "Stationnement : offre",
            "Parkings, stationnement sur voirie et stationnement vélo avec leur capacité (renseignée ou estimée).",
        ),
        "bike_parking_gaps": (
            "Stationnement : manques de stationnement vélo",
            "Destinations (écoles, arrêts, commerces, services) sans stationnement vélo à proximité.",
        ),
        "school_diagnosis": (
            "Écoles : diagnostic par établissement",
            "Rues apaisées, stationnement vélo, accès cyclable sans stress, traversées et arrêts autour de "
            "chaque école.",
        ),
        "school_street_candidates": (
            "Écoles : rues scolaires possibles",
            "Rues de desserte le long desquelles se trouve une entrée d’école : candidates à une rue scolaire.",
        ),
        "school_directory_gaps": (
            "Écoles : écarts avec l’annuaire",
            "Établissements de l’annuaire de l’éducation absents d’OpenStreetMap, et inversement.",
        ),
        "territory_profile": (
            "Profil : chiffres clés du recensement",
            "Le territoire avec ses chiffres du recensement de l’INSEE (population, densité, ménages, emplois, "
            "activité, équipement automobile, déplacements domicile-travail). Source : INSEE, comparateur de "
            "territoires (recensement 2018) et statistiques locales (recensement 2021), ou le fichier plus "
            "récent donné ; Licence Ouverte / Etalab.",
        ),
        "profile_references": (
            "Profil : références",
            "Chaque chiffre du recensement à côté de son département, de la France et des communes de même "
            "classe de densité (rapports de sommes). Source : INSEE ; Licence Ouverte / Etalab.",
        ),
        "commuting_flows": (
            "Domicile-travail : flux",
            "Flux des actifs résidents vers leur commune de travail et des actifs venant travailler dans le "
            "territoire, entre centres de communes, avec leur distance à vol d’oiseau. Source : INSEE, "
            "mobilités professionnelles (MOBPRO) ; Licence Ouverte / Etalab.",
        ),
        "walk_catchments": (
            "Accessibilité : zones accessibles à pied",
            "Le réseau de rues à distance de marche de chaque arrêt, école et service, avec la destination "
            "qu’il dessert.",
        ),
        "crossing_access": (
            "Accessibilité : traversées pour les personnes handicapées",
            "Passages piétons avec leurs bordures et bandes podotactiles, tels que cartographiés dans OpenStreetMap.",
        ),
        "sidewalk_gaps": (
            "Accessibilité : rues sans information de trottoir",
            "Rues urbaines où OpenStreetMap ne dit pas s’il y a un trottoir : travail de cartographie.",
        ),
    },
}

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
        "amenagements_cyclables.geojson": "Cycle facilities in the national schema (BNAC, etalab).",
        "stationnement_cyclable.csv": "Bike parking in the national schema (etalab/schema-stationnement-cyclable).",
        "README.md": "This description.",
        "LICENSE": "Licence and attribution.",
        "datapackage.json": "Description of every file for machines (Frictionless Data Package).",
    },
    "fr": {
        "diagnosis.gpkg": "GeoPackage contenant chaque couche, son style, ses métadonnées et le projet QGIS "
        "« diagnosis ».",
        "report.pdf": "Rapport pour le conseil municipal : une carte et les indicateurs commentés par thème.",
        "indicators.csv": "Tous les indicateurs du diagnostic (thème, indicateur, libellé, valeur, unité).",
        "amenagements_cyclables.geojson": "Aménagements cyclables au schéma national (BNAC, etalab).",
        "stationnement_cyclable.csv": "Stationnement vélo au schéma national (etalab/schema-stationnement-cyclable).",
        "README.md": "Cette description.",
        "LICENSE": "Licence et attribution.",
        "datapackage.json": "Description de chaque fichier pour les machines (Frictionless Data Package).",
    },
}

# Schema files: which theme writes them, and why one may be missing.
SCHEMA_FILES = {
    "amenagements_cyclables.geojson": "cycling",
    "stationnement_cyclable.csv": "parking",
}
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
    if layer in LAYER_THEME:
        return LAYER_THEME[layer]
    prefix = layer.split("_", 1)[0]
    for theme in THEMES:
        if theme.startswith(prefix):
            return theme
    return "other"


def layer_text(layer: str, lang: str) -> tuple[str, str]:
    texts = LAYER_TEXTS[lang_of(lang)]
    return texts.get(layer, (layer, ""))


def theme_title(theme: str, lang: str) -> str:
    return THEME_TITLES[lang_of(lang)].get(theme, theme.capitalize())


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
""",
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
""",
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


def licence_paragraphs(info: PackageInfo, lang: str) -> list[str]:
    texts = LICENCE_TEXTS[lang_of(lang)]
    out = [texts["osm"].format(osm_attr=OSM_ATTRIBUTION, odbl_url=ODBL[1])]
    if info.french_public_data:
        out.append(texts["fr_public"].format(lo_url=LICENCE_OUVERTE[1]))
    if info.gtfs:
        out.append(texts["gtfs"].format(gtfs=info.gtfs))
    return out


def readme_text(info: PackageInfo, lang: str) -> str:
    lang = lang_of(lang)
    colon = " :" if lang == "fr" else ":"  # French typography: a space before the colon
    files = "\n".join(f"- `{name}`{colon} {FILE_TEXTS[lang].get(name, '')}" for name in info.files)
    missing = ""
    if info.missing:
        missing = "\n" + "\n".join(f"- `{name}` {note}" for name, note in sorted(info.missing.items())) + "\n"
    themes = ", ".join(theme_title(t, lang) for t in info.themes) or "—"
    code = f" ({info.territory_code})" if info.territory_code else ""
    return README[lang].format(
        name=info.territory_name,
        code=code,
        date=info.created[:10],
        version=info.plugin_version,
        themes=themes,
        files=files,
        missing=missing,
        source=info.osm_source or "OpenStreetMap",
        osm_date=info.osm_timestamp,
        licences="\n\n".join(licence_paragraphs(info, lang)),
    )


def license_text(info: PackageInfo) -> str:
    extra = ""
    if info.french_public_data:
        extra = (
            "\nFrench public data (commune list and outlines, school directory) is under the Licence Ouverte 2.0 "
            f"({LICENCE_OUVERTE[1]}); credit its producer.\n"
        )
    if info.gtfs:
        extra += f"\nThe transit timetable ({info.gtfs}) remains under its publisher's licence.\n"
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


def is_insee_code(code: str) -> bool:
    return re.fullmatch(r"(\d{5}|2[AB]\d{3})", (code or "").upper()) is not None


def uses_french_public_data(about: dict, territory_code: str) -> bool:
    if is_insee_code(territory_code):
        return True
    text = " ".join(str(v) for v in about.values()).lower()
    return any(marker in text for marker in FRENCH_PUBLIC_MARKERS)
