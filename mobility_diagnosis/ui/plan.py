"""What the dock runs for the user's choices: a list of Processing steps.

A run is one ``diagnose`` step that writes the whole package (report included); with
``run_algorithm=FETCH_ALGORITHM`` the dock chains ``fetchterritory`` and the theme algorithms
instead. From a territory GeoPackage prepared earlier no step touches the network.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Optional, Sequence

from ..core import sources as cs
from ..core.themes import themes as all_themes
from ..i18n import tr, ui_language
from ..qgis_io.sources.resolve import DEMO_FOLDER
from .run import Step

FETCH_ALGORITHM = "mobilitydiagnosis:fetchterritory"
KIT_ALGORITHM = "mobilitydiagnosis:preparekit"
DIAGNOSE_ALGORITHM = "mobilitydiagnosis:diagnose"
PUBLISH_ALGORITHM = "mobilitydiagnosis:publish"
RUN_ALGORITHM = DIAGNOSE_ALGORITHM

# The themes, in the order of the dock's check boxes, of the runs and of diagnose's THEMES enum, are the
# registry's (core.themes).

# diagnose's REPORT_LANGUAGE enum options, in order (processing/export_package.py: Français, English)
REPORT_LANGUAGE_OPTIONS = ("fr", "en")

SOURCE_OVERPASS, SOURCE_OSM_FILE, SOURCE_PREPARED = "overpass", "osm_file", "prepared"
# The bundled demos (territory, OSM file, the other sources' files they bring), the first one the default:
# read by the dock's Demo button and by scripts/demo.sh (make demo).
DEMOS_FILE = os.path.join(DEMO_FOLDER, "demos.json")
TERRITORY_GPKG_NAME = "territory.gpkg"
DIAGNOSIS_GPKG_NAME = "diagnosis.gpkg"


@dataclass(frozen=True)
class Demo:
    key: str
    label: str
    territory: str  # a TERRITORY value
    osm_file: str  # absolute path of the bundled extract
    inputs: dict = field(
        default_factory=dict
    )  # diagnose parameter → absolute path (CRASHES: its crash files)


def demos() -> list[Demo]:
    """The bundled demos, the default first."""
    with open(DEMOS_FILE, encoding="utf-8") as f:
        rows = json.load(f)
    folder = os.path.dirname(DEMOS_FILE)
    return [
        Demo(
            r["key"],
            r["label"],
            r["territory"],
            os.path.join(folder, r["osm_file"]),
            {name: os.path.join(folder, path) for name, path in r.get("inputs", {}).items()},
        )
        for r in rows
    ]


def demo_source_files(demo: Demo, inputs: Sequence[str]) -> dict[str, str]:
    """The dock's source inputs (``inputs``: their parameters) the demo fills with its own files; the others
    keep what the user saved for the territory."""
    return {name: path for name, path in demo.inputs.items() if name in inputs}


def demo(key: str = "") -> Demo:
    """The demo ``key`` (the default one when empty)."""
    found = demos()
    chosen = [d for d in found if d.key == key] if key else found[:1]
    if not chosen:
        raise KeyError(f"No bundled demo is called {key!r}: {', '.join(d.key for d in found)}.")
    return chosen[0]


@dataclass
class RunChoice:
    territory_text: str = ""
    territory_layer: Optional[str] = None  # a polygon file made from the selected polygons
    territory_extent: object = None  # a QgsReferencedRectangle (the map canvas extent), TERRITORY_EXTENT
    source: str = SOURCE_OVERPASS
    osm_file: str = ""
    prepared_gpkg: str = ""
    themes: list[str] = field(default_factory=list)
    buffer_m: Optional[float] = None
    overpass_url: str = ""
    report_language: str = "fr"  # "fr" or "en" (the settings' choice, "auto" already resolved)
    source_files: dict = field(default_factory=dict)  # diagnose parameter → a file (core.sources)
    offline: bool = False  # files only: no source goes online (diagnose SOURCES offline)


def folder_name(text: str) -> str:
    """A folder name anyone can type: 'Cap-d'Ail (06)' → 'Cap-d-Ail-06'."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-")
    return text[:60] or "territory"


def check_choice(choice: RunChoice) -> Optional[str]:
    """The message to show when the choice cannot run, or None."""
    if choice.source == SOURCE_PREPARED:
        if not choice.prepared_gpkg or not os.path.isfile(choice.prepared_gpkg):
            return tr(
                "Choose the territory GeoPackage prepared earlier (“Prepare for offline use” makes one), "
                "or pick another data source."
            )
        return None
    if not choice.territory_text.strip() and not choice.territory_layer and choice.territory_extent is None:
        return tr(
            "Type a commune name or INSEE code (for example Cap-d’Ail or 06032), an OSM relation "
            "(osm:relation/2220322), or choose “Selected polygon” or “Map canvas extent”."
        )
    if choice.source == SOURCE_OSM_FILE and (not choice.osm_file or not os.path.isfile(choice.osm_file)):
        return tr("Choose the local OSM file (.osm.pbf, .osm, .osm.gz, .osm.bz2), or use Overpass (online).")
    return None


def fetch_parameters(choice: RunChoice, output: str) -> dict:
    params = {"TERRITORY": choice.territory_text.strip(), "OUTPUT": output}
    if choice.territory_layer:
        params["TERRITORY_LAYER"] = choice.territory_layer
    if choice.territory_extent is not None:
        params["TERRITORY_EXTENT"] = choice.territory_extent
    if choice.source == SOURCE_OSM_FILE:
        params["OSM_FILE"] = choice.osm_file
    if choice.overpass_url:
        params["OVERPASS_URL"] = choice.overpass_url
    if choice.buffer_m is not None:
        params["BUFFER"] = choice.buffer_m
    return params


def kit_parameters(choice: RunChoice, folder: str) -> dict:
    """preparekit's parameters: the territory's, the kit folder (replaced when it exists) and its zip."""
    params = fetch_parameters(choice, "")
    params.pop("OUTPUT")
    params.update({"OUTPUT_FOLDER": folder, "OVERWRITE": True, "ZIP": True})
    return params


def build_steps(choice: RunChoice, staging: str, run_algorithm: str = RUN_ALGORITHM) -> list[Step]:
    chosen = [t for t in all_themes() if t.id in choice.themes]
    prepared = choice.source == SOURCE_PREPARED
    if run_algorithm == DIAGNOSE_ALGORITHM:
        if prepared:
            params = {"TERRITORY_GPKG": choice.prepared_gpkg, "OUTPUT_FOLDER": staging}
        else:
            params = fetch_parameters(choice, "")
            params.pop("OUTPUT")
            params["OUTPUT_FOLDER"] = staging
        params.update({name: path for name, path in choice.source_files.items() if path})
        if choice.offline:
            params["SOURCES"] = cs.MODES.index(cs.MODE_OFFLINE)
        params["REPORT_LANGUAGE"] = REPORT_LANGUAGE_OPTIONS.index(choice.report_language)
        params["THEMES"] = [i for i, t in enumerate(all_themes()) if t.id in choice.themes]
        return [Step(DIAGNOSE_ALGORITHM, tr("Diagnosis"), params)]
    steps = []
    if prepared:
        territory_gpkg = choice.prepared_gpkg
    else:
        territory_gpkg = os.path.join(staging, TERRITORY_GPKG_NAME)
        steps.append(
            Step(
                FETCH_ALGORITHM, tr("Fetching the territory’s data"), fetch_parameters(choice, territory_gpkg)
            )
        )
    diagnosis = os.path.join(staging, DIAGNOSIS_GPKG_NAME)
    lang = ui_language()
    for row in chosen:
        steps.append(
            Step(row.algorithm_id, row.text("label", lang), {"INPUT": territory_gpkg, "OUTPUT": diagnosis})
        )
    return steps


# -- the sources line shown before Run (core.sources: the same rule as diagnose)
def dock_sources() -> list[cs.Source]:
    """The sources that have an input in the dock: every one a theme reads through a diagnose parameter."""
    return [row for row in cs.sources() if row.parameter and cs.themes_of(row)]


def territory_code(text: str) -> str:
    """The INSEE code of a typed commune ("06032", "Cap-d'Ail (06)"), or "" (a relation, unknown)."""
    from ..core.territory import CommuneRequest, TerritoryError, parse_territory

    try:
        request = parse_territory(text, _communes())
    except (TerritoryError, ValueError):
        return ""
    return request.commune.code if isinstance(request, CommuneRequest) else ""


def _communes():
    global _COMMUNE_INDEX
    if _COMMUNE_INDEX is None:
        from ..qgis_io.osm.territory_resolver import commune_index

        _COMMUNE_INDEX = commune_index()
    return _COMMUNE_INDEX


_COMMUNE_INDEX = None


def planned_sources(
    choice: RunChoice, code: str, offline_setting: bool, kit=None
) -> list[tuple[cs.Source, str]]:
    """(source, how it will be had) for the chosen themes: "file", "kit", "online", "bundled", or a
    status (offline, not_applicable, not_given)."""
    mode = (
        cs.MODE_OFFLINE
        if (choice.offline or kit is not None)
        else cs.online_allowed(cs.MODE_AUTO, offline_setting)
    )
    out = []
    for row in cs.chosen_sources(choice.themes):
        if not row.parameter:
            continue
        decision = cs.decide(
            row,
            choice.source_files.get(row.parameter, ""),
            code,
            mode,
            kit_file=(kit.files.get(row.parameter, "") if kit else ""),
            kit_status=(kit.statuses.get(row.id) if kit else None),
        )
        out.append((row, decision.how or decision.state))
    return out


SOURCE_WORDS = {
    "en": {"file": "file", "kit": "kit", "online": "online", "bundled": "bundled", cs.OFFLINE: "not offline",
           cs.NOT_APPLICABLE: "not here", cs.NOT_GIVEN: "no file", cs.FAILED: "failed in the kit",
           cs.NOT_FOUND: "none in the kit"},
    "fr": {"file": "fichier", "kit": "kit", "online": "en ligne", "bundled": "fournies", cs.OFFLINE: "pas hors ligne",
           cs.NOT_APPLICABLE: "sans objet", cs.NOT_GIVEN: "aucun fichier", cs.FAILED: "échec dans le kit",
           cs.NOT_FOUND: "absente du kit"},
}  # fmt: skip
OSM_WORDS = {
    "en": {SOURCE_OVERPASS: "Overpass (online)", SOURCE_OSM_FILE: "file", SOURCE_PREPARED: "territory file"},
    "fr": {SOURCE_OVERPASS: "Overpass (en ligne)", SOURCE_OSM_FILE: "fichier", SOURCE_PREPARED: "fichier de territoire"},
}  # fmt: skip


def sources_line(choice: RunChoice, code: str, offline_setting: bool, lang: str, kit=None) -> str:
    """Before Run: "Utilisées : OpenStreetMap (fichier), … / Non utilisées : Carroyage (aucun fichier), …"."""
    lang = lang if lang in SOURCE_WORDS else "en"
    words = SOURCE_WORDS[lang]
    osm = "kit" if kit is not None else OSM_WORDS[lang][choice.source]
    used, unused = [f"{cs.source('osm').text(lang)} ({osm})"], []
    for row, how in planned_sources(choice, code, offline_setting, kit):
        (used if how in USED_HOWS else unused).append(f"{row.text(lang)} ({words.get(how, how)})")
    heads = LINE_HEADS[lang]
    lines = [OFFLINE_LINE[lang]] if (choice.offline or kit is not None) else []
    lines.append(f"{heads[0]} {', '.join(used)}.")
    if unused:
        lines.append(f"{heads[1]} {', '.join(unused)}.")
    return "\n".join(lines)


USED_HOWS = ("file", "kit", "online", "bundled")
LINE_HEADS = {"en": ("Used:", "Not used:"), "fr": ("Utilisées\u00a0:", "Non utilisées\u00a0:")}
OFFLINE_LINE = {"en": "Offline: files only, nothing is downloaded.",
                "fr": "Hors ligne\u00a0: fichiers seulement, rien n’est téléchargé."}  # fmt: skip


SOURCE_UI = {
    "en": {
        "box": "Other sources",
        "offline": "Work offline: files only",
        "offline_tip": "No source goes online; each one reads its file, or the offline kit prepared earlier.",
        "online_default": "online (default)",
        "offline_default": "none (offline)",
        "bundled_default": "tables shipped with the plugin",
        "none_default": "none (optional)",
        "tip": "{offline} replaces it offline. Licence: {licence}. Used by: {themes}.",
        "french": " Online for French communes only.",
    },
    "fr": {
        "box": "Autres sources",
        "offline": "Travailler hors ligne\u00a0: fichiers seulement",
        "offline_tip": "Aucune source n’est téléchargée\u00a0; chacune lit son fichier, ou le kit hors ligne "
        "préparé auparavant.",
        "online_default": "en ligne (par défaut)",
        "offline_default": "aucun (hors ligne)",
        "bundled_default": "tables fournies avec l’extension",
        "none_default": "aucun (facultatif)",
        "tip": "Hors ligne\u00a0: {offline}. Licence\u00a0: {licence}. Utilisée par\u00a0: {themes}.",
        "french": " En ligne pour les communes françaises seulement.",
    },
}


def source_texts(lang: str) -> dict:
    return SOURCE_UI.get(lang, SOURCE_UI["en"])


def source_default(row: cs.Source, lang: str, offline: bool = False) -> str:
    """What an empty input means: the placeholder of the source's file input. ``offline``: the run downloads
    nothing, so an input that would go online reads « aucun (hors ligne) »."""
    texts = source_texts(lang)
    if row.online and not row.asked_only:  # an online form used only when asked: the default is the rest
        return texts["offline_default"] if offline else texts["online_default"]
    return texts["bundled_default"] if row.bundled else texts["none_default"]


def source_tooltip(row: cs.Source, lang: str) -> str:
    from ..core.themes import pick, theme

    texts = source_texts(lang)
    names = ", ".join(theme(t).text("label", lang) for t in cs.themes_of(row))
    tip = texts["tip"].format(
        offline=pick(row.offline_file, lang), licence=row.licence_text(lang), themes=names
    )
    return tip + (texts["french"] if row.online and row.french_only else "")
