"""Plain-words readings of the indicators for the council report, in French or English.

Each reading is a sentence template of a theme (its registry row, core.themes) that names the indicator values
it needs; it is written only when every one of them is known (a missing figure is never read as 0).
Themes or indicators without a template are read generically ("<label>: <value> <unit>").
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Mapping, Optional, Sequence

from . import themes
from .indicators import Indicator
from .package_text import lang_of

# The sentence templates are each theme's ``readings`` in the registry (core.themes): a theme without
# any is read through its first few indicators.
GENERIC = {"en": "{label}: {value}{unit}.", "fr": "{label} : {value}{unit}."}
NOT_AVAILABLE = {"en": "not available", "fr": "non disponible"}
MAX_GENERIC = 4  # a theme without templates is read through its first few indicators only

# Units as printed (the indicator table and generic readings).
UNIT_TEXT = {
    "en": {"count": "", "%": " %", "km": " km", "m": " m", "ha": " ha"},
    "fr": {
        "count": "",
        "%": " %",
        "km": " km",
        "m": " m",
        "ha": " ha",
        "per 1000 residents": " pour 1 000 hab.",
    },
}

# Fixed texts of the report pages.
REPORT_TEXTS = {
    "en": {
        "title": "Mobility diagnosis",
        "subtitle": "Everyday mobility of {name}",
        "made_on": "Made on {date} with the QGIS plugin Mobility Diagnosis {version}.",
        "sources": "Sources: {source} ({osm_date}). Maps and figures © OpenStreetMap contributors (ODbL).",
        "themes": "Themes: {themes}.",
        "contents": "Contents: one page per theme with its map, its key figures and what they mean; a summary "
        "at the end.",
        "reading": "What it means",
        "figures": "Key figures",
        "summary": "Summary",
        "summary_intro": "The main finding of each theme:",
        "data_note": "Every figure reflects what OpenStreetMap holds ({date}). Where data is missing the "
        "report says so rather than guess: improving the map improves the diagnosis.",
        "no_theme": "No theme could be computed for this territory.",
        "page": "Page [%@atlas_featurenumber%]",
        "legend": "Legend",
        "attribution": "© OpenStreetMap contributors (ODbL)",
        "indicator": "Indicator",
        "all_figures": "Every figure of the diagnosis, with its exact value, is in indicators.csv.",
        "value": "Value",
    },
    "fr": {
        "title": "Diagnostic mobilité",
        "subtitle": "Les mobilités du quotidien à {name}",
        "made_on": "Réalisé le {date} avec l’extension QGIS Mobility Diagnosis {version}.",
        "sources": "Sources : {source} ({osm_date}). Cartes et chiffres © les contributeurs d’OpenStreetMap "
        "(ODbL).",
        "themes": "Thèmes : {themes}.",
        "contents": "Sommaire : une page par thème avec sa carte, ses chiffres clés et leur lecture ; une "
        "synthèse à la fin.",
        "reading": "Ce qu’il faut retenir",
        "figures": "Chiffres clés",
        "summary": "Synthèse",
        "summary_intro": "Le principal constat de chaque thème :",
        "data_note": "Chaque chiffre reflète le contenu d’OpenStreetMap ({date}). Là où une donnée manque, "
        "le rapport le dit plutôt que de deviner : améliorer la carte améliore le diagnostic.",
        "no_theme": "Aucun thème n’a pu être calculé pour ce territoire.",
        "page": "Page [%@atlas_featurenumber%]",
        "legend": "Légende",
        "attribution": "© les contributeurs d’OpenStreetMap (ODbL)",
        "indicator": "Indicateur",
        "all_figures": "Tous les chiffres du diagnostic, avec leur valeur exacte, sont dans indicators.csv.",
        "value": "Valeur",
    },
}


# How the territory GeoPackage names its source (``about.source``), as printed in the report.
SOURCE_TEXTS = {
    "en": {},
    "fr": {
        "OpenStreetMap, local file": "OpenStreetMap, fichier local",
        "OpenStreetMap, Overpass API": "OpenStreetMap, API Overpass",
    },
}
DATA_DATE = {
    "en": ("data as of {date}", "data date unknown"),
    "fr": ("données au {date}", "date des données inconnue"),
}
# The summary page reads each theme's ``headline`` first (core.themes), then its next reading.


def source_text(source: str, lang: str) -> str:
    return SOURCE_TEXTS[lang_of(lang)].get(source, source)


def data_date(stamp: str, lang: str) -> str:
    """'data as of 2023-12-01' from an ISO timestamp, or 'data date unknown'."""
    known, unknown = DATA_DATE[lang_of(lang)]
    if stamp and stamp[:4].isdigit():
        return known.format(date=stamp[:10])
    return unknown


@dataclass(frozen=True)
class Reading:
    theme: str
    indicators: tuple[str, ...]
    text: str


def format_number(value: float, lang: str) -> str:
    """1 234,5 in French, 1,234.5 in English; integers without decimals; at most one decimal."""
    lang = lang_of(lang)
    # half up, as people round (42.25 -> 42.3), not Python's half-to-even
    rounded = float(Decimal(repr(float(value))).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))
    text = f"{rounded:,.0f}" if rounded == int(rounded) else f"{rounded:,.1f}"
    if lang == "fr":
        text = text.replace(",", "\u202f").replace(".", ",")
    return text


def format_value(indicator: Indicator, lang: str) -> str:
    lang = lang_of(lang)
    if indicator.value is None or indicator.value != indicator.value:
        return NOT_AVAILABLE[lang]
    unit = UNIT_TEXT[lang].get(indicator.unit, f" {indicator.unit}")
    return format_number(indicator.value, lang) + unit


def readings(theme: str, indicators: Sequence[Indicator], lang: str) -> list[Reading]:
    """The sentences of one theme, in report order; generic ones when the theme has no template."""
    lang = lang_of(lang)
    values: Mapping[str, Optional[float]] = {
        i.indicator: i.value
        for i in indicators
        if i.theme == theme and i.value is not None and i.value == i.value
    }
    out: list[Reading] = []
    templated = False
    row = themes.find(theme)
    for template in row.readings if row is not None else ():
        templated = True
        needed = template.indicators
        if all(name in values for name in needed):
            text = template.text[lang].format(**{name: format_number(values[name], lang) for name in needed})
            out.append(Reading(theme, needed, text))
    if not templated:
        for indicator in [i for i in indicators if i.theme == theme and i.indicator in values][:MAX_GENERIC]:
            value = format_value(indicator, lang)
            out.append(
                Reading(
                    theme,
                    (indicator.indicator,),
                    GENERIC[lang].format(label=indicator.label, value=value, unit=""),
                )
            )
    return out


def headlines(theme: str, indicators: Sequence[Indicator], lang: str, count: int = 2) -> list[str]:
    """The theme's most telling readings for the summary page: its headline figure first."""
    found = readings(theme, indicators, lang)
    row = themes.find(theme)
    first = row.headline if row is not None else None
    found.sort(key=lambda r: first not in r.indicators)
    return [r.text for r in found[:count]]


def report_text(key: str, lang: str) -> str:
    return REPORT_TEXTS[lang_of(lang)][key]
