"""Why a file could not be written, in words a planner can act on, and how much room a write needs.

Pure (no Qt, no GDAL): ``qgis_io.storage`` measures the disk and classifies the error, this module holds
the texts (``message(code, lang, **fields)``) and the size estimates, so that ``fetchterritory``, the themes,
``diagnose`` and ``exportpackage`` say the same thing about the same fault.
"""

from __future__ import annotations

from typing import Optional

MB = 1024 * 1024

# code -> {lang: template}; fields: folder, free_mb, need_mb, detail. French: a no-break space (U+00A0)
# before ; : ? !, as in the translations (resources/i18n)
MESSAGES: dict[str, dict[str, str]] = {
    "disk_full": {
        "en": "The disk holding {folder} is full ({free_mb} MB free, about {need_mb} MB needed). Free some "
        "space on it or choose a folder on another disk, then run again; the previous file was left as it was.",
        "fr": "Le disque qui contient {folder} est plein ({free_mb} Mo libres, environ {need_mb} Mo "
        "nécessaires). Libérez de la place ou choisissez un dossier sur un autre disque, puis relancez\u00a0; "
        "le fichier précédent est resté tel quel.",
    },
    "read_only": {
        "en": "The folder {folder} is read-only (a read-only disk or share). Choose a folder you can write "
        "to, then run again.",
        "fr": "Le dossier {folder} est en lecture seule (disque ou partage en lecture seule). Choisissez un "
        "dossier où vous pouvez écrire, puis relancez.",
    },
    "no_permission": {
        "en": "You may not write in the folder {folder}. Choose a folder of your own (Documents, for "
        "instance) or ask for write access, then run again.",
        "fr": "Vous n’avez pas le droit d’écrire dans le dossier {folder}. Choisissez un de vos dossiers "
        "(Documents, par exemple) ou demandez l’accès en écriture, puis relancez.",
    },
    "write_failed": {
        "en": "Writing in {folder} failed ({detail}). Check the disk (space, connection of a network "
        "share), then run again; the previous file was left as it was.",
        "fr": "L’écriture dans {folder} a échoué ({detail}). Vérifiez le disque (place libre, connexion "
        "d’un partage réseau), puis relancez\u00a0; le fichier précédent est resté tel quel.",
    },
}

# Bytes a territory GeoPackage takes per byte of OSM input and per km² of territory plus its buffer, kept
# low (a lower bound refuses nothing that would fit). Measured with the shared extracts (../shared/data/osm,
# buffer 500 m): Monaco from monaco_2023.osm.pbf (0.54 MB) gives 2.08 MB over 7.5 km², 3.9 bytes per input
# byte and 276 KB/km²; Cap-d'Ail (06032) from monaco_communes_2016.osm.pbf gives 1.9 MB over 6.9 km²,
# 276 KB/km². That dense coast has every building mapped; rural communes hold far less per km², and a
# check that refuses a run that would have fitted is worse than a write that fails cleanly: a tenth of it.
TERRITORY_BYTES_PER_INPUT_BYTE = 3.9
TERRITORY_BYTES_PER_KM2 = 28 * 1024
# Bytes ``diagnose`` holds at its peak (work folder: territory and theme files; staging folder: the package)
# per byte of territory GeoPackage. Measured in issue 15 on Monaco (a 2 MB territory): an 18 MB work folder
# and a 12 MB package, 15 times; a fifth of it, a lower bound (fewer themes, sparser territories).
DIAGNOSE_BYTES_PER_TERRITORY_BYTE = 3.0
# Room always kept on top of an estimate: GeoPackage headers, SQLite's journal, the rename.
MARGIN_BYTES = 256 * 1024


def territory_need(input_bytes: Optional[int], area_km2: Optional[float], existing_bytes: int = 0) -> int:
    """Bytes a territory GeoPackage needs, kept low on purpose (a pre-check refuses only what cannot fit):
    the smaller of the two estimates that exist, never less than the file it replaces (the new one is
    written beside the old one, which stays until the end)."""
    estimates = []
    if input_bytes:
        estimates.append(int(input_bytes * TERRITORY_BYTES_PER_INPUT_BYTE))
    if area_km2:
        estimates.append(int(area_km2 * TERRITORY_BYTES_PER_KM2))
    return max(min(estimates) if estimates else 0, existing_bytes) + MARGIN_BYTES


def diagnose_need(territory_bytes: int) -> int:
    """Bytes ``diagnose`` needs beside its output folder, from the territory's size (or its estimate)."""
    return int(territory_bytes * DIAGNOSE_BYTES_PER_TERRITORY_BYTE) + MARGIN_BYTES


def copy_need(existing_bytes: int, added_bytes: int = 0) -> int:
    """Bytes needed to update a file through a copy of it (themes, packages): the copy plus what is added."""
    return existing_bytes + added_bytes + MARGIN_BYTES


def megabytes(n: int, lang: str = "en") -> str:
    """A size as people read it: one decimal below 10 MB (a decimal comma in French), whole ones above."""
    value = n / MB
    text = f"{value:.1f}" if value < 10 else f"{value:.0f}"
    return text.replace(".", ",") if lang == "fr" else text


def message(code: str, lang: str, **fields) -> str:
    table = MESSAGES[code]
    return table.get(lang, table["en"]).format(**fields)
