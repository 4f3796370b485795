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
from typing import Optional

from ..core.themes import themes as all_themes
from ..i18n import tr, ui_language
from .run import Step

FETCH_ALGORITHM = "mobilitydiagnosis:fetchterritory"
DIAGNOSE_ALGORITHM = "mobilitydiagnosis:diagnose"
PUBLISH_ALGORITHM = "mobilitydiagnosis:publish"
RUN_ALGORITHM = DIAGNOSE_ALGORITHM

# The themes, in the order of the dock's check boxes, of the runs and of diagnose's THEMES enum, are the
# registry's (core.themes).

# diagnose's REPORT_LANGUAGE enum options, in order (processing/export_package.py: Français, English)
REPORT_LANGUAGE_OPTIONS = ("fr", "en")

SOURCE_OVERPASS, SOURCE_OSM_FILE, SOURCE_PREPARED = "overpass", "osm_file", "prepared"
# The bundled demos (territory, OSM file), the first one the default: read by the dock's Demo button and by
# scripts/demo.sh (make demo).
DEMOS_FILE = os.path.join(os.path.dirname(os.path.dirname(__file__)), "resources", "demo", "demos.json")
TERRITORY_GPKG_NAME = "territory.gpkg"
DIAGNOSIS_GPKG_NAME = "diagnosis.gpkg"


@dataclass(frozen=True)
class Demo:
    key: str
    label: str
    territory: str  # a TERRITORY value
    osm_file: str  # absolute path of the bundled extract


def demos() -> list[Demo]:
    """The bundled demos, the default first."""
    with open(DEMOS_FILE, encoding="utf-8") as f:
        rows = json.load(f)
    folder = os.path.dirname(DEMOS_FILE)
    return [Demo(r["key"], r["label"], r["territory"], os.path.join(folder, r["osm_file"])) for r in rows]


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
