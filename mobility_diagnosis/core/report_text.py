"""Plain-words readings of the indicators for the council report, in French or English.

Each reading is a sentence template keyed by (theme, first indicator) that names the indicator values
it needs; it is written only when every one of them is known (a missing figure is never read as 0).
Themes or indicators without a template are read generically ("<label>: <value> <unit>").
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Mapping, Optional, Sequence

from .indicators import Indicator
from .package_text import lang_of

# (theme, indicators used, {lang: template}). Order = order in the report. Wording follows the indicator
# definitions of each theme (docs/cycling.md, docs/parking.md, docs/schools.md).
READINGS: tuple[tuple[str, tuple[str, ...], dict[str, str]], ...] = (
    ("cycling", ("share_lts_le2",), {
        "en": "{share_lts_le2} % of the street length is comfortable for most cyclists (traffic stress 1–2).",
        "fr": "{share_lts_le2} % du linéaire de voirie est confortable pour la plupart des cyclistes "
              "(niveau de stress 1–2).",
    }),
    ("cycling", ("islands", "largest_island_share"), {
        "en": "This calm network is split into {islands} separate islands; the largest holds "
              "{largest_island_share} % of it.",
        "fr": "Ce réseau apaisé est morcelé en {islands} îlots séparés ; le plus grand en réunit "
              "{largest_island_share} %.",
    }),
    ("cycling", ("gaps",), {
        "en": "{gaps} short stressful links (gaps) would join calm islands or reach a school or station "
              "if they were made safe.",
        "fr": "{gaps} tronçons courts et stressants (discontinuités) relieraient des îlots apaisés, une école "
              "ou une gare s’ils étaient sécurisés.",
    }),
    ("cycling", ("km_lane", "km_track"), {
        "en": "There are {km_lane} km of painted cycle lanes and {km_track} km of separated cycle tracks "
              "along streets.",
        "fr": "On compte {km_lane} km de bandes cyclables et {km_track} km de pistes cyclables le long des rues.",
    }),
    ("cycling", ("share_no_speed_tag",), {
        "en": "The speed limit is not mapped on {share_no_speed_tag} % of the street length: usual limits were "
              "assumed there, so mapping them would sharpen the diagnosis.",
        "fr": "La vitesse maximale n’est pas renseignée sur {share_no_speed_tag} % du linéaire : la limite "
              "usuelle a été supposée, la renseigner affinerait le diagnostic.",
    }),
    ("accessibility", ("share_pop_stop_300m",), {
        "en": "{share_pop_stop_300m} % of residents live within a 300 m walk of a transit stop.",
        "fr": "{share_pop_stop_300m} % des habitants vivent à moins de 300 m à pied d’un arrêt.",
    }),
    ("accessibility", ("share_pop_frequent_500m",), {
        "en": "{share_pop_frequent_500m} % live within a 500 m walk of a frequent service.",
        "fr": "{share_pop_frequent_500m} % vivent à moins de 500 m à pied d’une desserte fréquente.",
    }),
    ("accessibility", ("share_stops_wheelchair",), {
        "en": "{share_stops_wheelchair} % of stops are mapped as wheelchair accessible.",
        "fr": "{share_stops_wheelchair} % des arrêts sont renseignés accessibles en fauteuil roulant.",
    }),
    ("parking", ("car_spaces_off_street", "car_spaces_on_street"), {
        "en": "{car_spaces_off_street} car spaces in car parks and {car_spaces_on_street} on the street were "
              "counted.",
        "fr": "{car_spaces_off_street} places de voiture en parking et {car_spaces_on_street} sur voirie ont été "
              "recensées.",
    }),
    ("parking", ("car_spaces_estimated_share",), {
        "en": "{car_spaces_estimated_share} % of these car spaces are estimates (capacity not mapped).",
        "fr": "{car_spaces_estimated_share} % de ces places sont estimées (capacité non renseignée).",
    }),
    ("parking", ("bike_spaces",), {
        "en": "{bike_spaces} bike parking spaces are mapped.",
        "fr": "{bike_spaces} places de stationnement vélo sont cartographiées.",
    }),
    ("parking", ("destinations_with_bike_parking_share",), {
        "en": "{destinations_with_bike_parking_share} % of everyday destinations (schools, stops, shops, "
              "services) have bike parking a few steps away.",
        "fr": "{destinations_with_bike_parking_share} % des destinations du quotidien (écoles, arrêts, "
              "commerces, services) ont un stationnement vélo à quelques pas.",
    }),
    ("schools", ("schools_count", "share_calm_streets"), {
        "en": "{share_calm_streets} % of the {schools_count} schools are surrounded by calm streets "
              "(mostly at 30 km/h or less).",
        "fr": "{share_calm_streets} % des {schools_count} établissements sont entourés de rues apaisées "
              "(surtout à 30 km/h ou moins).",
    }),
    ("schools", ("share_low_stress_cycling",), {
        "en": "{share_low_stress_cycling} % of schools can be reached by bike without stress from most of "
              "their surroundings.",
        "fr": "{share_low_stress_cycling} % des écoles sont accessibles à vélo sans stress depuis l’essentiel "
              "de leurs alentours.",
    }),
    ("schools", ("share_bike_parking",), {
        "en": "{share_bike_parking} % of schools have bike parking within 50 m.",
        "fr": "{share_bike_parking} % des écoles ont un stationnement vélo à moins de 50 m.",
    }),
    ("schools", ("school_street_candidates",), {
        "en": "{school_street_candidates} streets could become school streets (closed to cars at school times).",
        "fr": "{school_street_candidates} rues pourraient devenir des rues scolaires (fermées aux voitures aux "
              "heures d’entrée et de sortie).",
    }),
)  # fmt: skip

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
# The summary page reads these first (the figure a council asks about first), then the theme's next one.
HEADLINES = {
    "cycling": "share_lts_le2",
    "accessibility": "share_pop_stop_300m",
    "parking": "destinations_with_bike_parking_share",
    "schools": "share_calm_streets",
}


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
    for row_theme, needed, templates in READINGS:
        if row_theme != theme:
            continue
        templated = True
        if all(name in values for name in needed):
            text = templates[lang].format(**{name: format_number(values[name], lang) for name in needed})
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
    first = HEADLINES.get(theme)
    found.sort(key=lambda r: first not in r.indicators)
    return [r.text for r in found[:count]]


def report_text(key: str, lang: str) -> str:
    return REPORT_TEXTS[lang_of(lang)][key]
