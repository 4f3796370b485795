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
from .themes import ReadingTemplate

# The sentence templates are each theme's ``readings`` in the registry (core.themes): a theme without
# any is read through its first few indicators.
GENERIC = {"en": "{label}: {value}{unit}.", "fr": "{label} : {value}{unit}."}
NOT_AVAILABLE = {"en": "not available", "fr": "non disponible"}
UNMAPPED = {"en": "not mapped in OpenStreetMap", "fr": "non renseigné dans OpenStreetMap"}
# A count that OpenStreetMap can only give where mappers describe it: (theme, indicator) → the completeness
# indicator (a share, %) of the same theme. At 0 % the count is unknown, not zero (docs/parking.md).
COMPLETENESS = {("parking", "car_spaces_on_street"): "on_street_information_share"}
# The sentence read instead of a template that needs such a count: the known part, and why the rest is not.
UNMAPPED_READINGS = {
    ("parking", "car_spaces_on_street"): ReadingTemplate(
        ("car_spaces_off_street", "on_street_information_share"),
        {
            "en": "{car_spaces_off_street} car spaces in car parks were counted; on-street parking is not mapped "
            "in OpenStreetMap ({on_street_information_share} % of the street length describes it).",
            "fr": "{car_spaces_off_street} places de voiture en parking ont été recensées ; le stationnement sur "
            "voirie n’est pas renseigné dans OpenStreetMap ({on_street_information_share} % du linéaire de rues "
            "le décrit).",
        },
    )
}
# Indicators that are the levels of one scale: a page showing one of them shows them all (cycling stress).
SCALES = {"cycling": ("km_lts0", "km_lts1", "km_lts2", "km_lts3", "km_lts4")}
MAX_GENERIC = 4  # a theme without templates is read through its first few indicators only

# Units as printed (the indicator table and generic readings): a count is a bare number, a score reads "/100".
UNIT_TEXT = {
    "en": {
        "count": "",
        "%": " %",
        "km": " km",
        "m": " m",
        "ha": " ha",
        "score 0-100": "/100",
        "per 1000 residents": " per 1,000 residents",
    },
    "fr": {
        "count": "",
        "score 0-100": "/100",
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
        "plugin": "Mobility Diagnosis (QGIS plugin)",
        "sources": "Sources: {source} ({osm_date}). Maps and figures © OpenStreetMap contributors (ODbL).",
        "themes": "Themes: {themes}.",
        "contents": "Contents",
        "facts": "Key facts",
        "population": "Population: {value} residents (INSEE)",
        "area": "Area: {value} km²",
        "density": "Density: {value} residents per km²",
        "author": "Author or commissioning body: {author}",
        "making": "About this report",
        "method": "Method and limits",
        "glossary": "Glossary",
        "annex": "Annex",
        "lts_note": "Cycling traffic stress (LTS, Level of Traffic Stress): from 1, a street a child can ride, "
        "to 4, for strong and fearless cyclists only; 0: cycling not allowed. See the glossary.",
        "subject": "Everyday mobility diagnosis of {name}: cycling, walking and transit, parking, schools, "
        "road safety.",
        "keywords": "mobility, diagnosis, cycling, walking, accessibility, parking, schools, OpenStreetMap",
        "reading": "What it means",
        "figures": "Key figures",
        "summary": "Summary and actions",
        "findings": "Strengths and weaknesses",
        "actions": "Priority actions",
        "actions_map": "Priority actions map",
        "actions_layer": "{title} (priority actions)",
        "actions_map_note": "Each number marks where the action of that rank on the summary page applies.",
        "where": "Where",
        "why": "Why",
        "effect": "Expected effect",
        "cost": "Cost",
        "unassessed": "{n} indicators could not be assessed for lack of data (see the annex for mappers).",
        "unassessed_one": "1 indicator could not be assessed for lack of data (see the annex for mappers).",
        "more_actions": "Further actions (titles only, for lack of room):",
        "continued": " (continued)",
        "sources_annex": "Data sources",
        "schools_annex": "Schools",
        "gaps_annex": "Cycling gaps",
        "mapping_annex": "Data to complete",
        "source": "Source",
        "status": "Status",
        "vintage": "Vintage",
        "licence": "Licence",
        "school": "School",
        "score": "Score /100",
        "problem": "Main problem",
        "streets": "Streets",
        "length": "Length",
        "joins": "Joins",
        "to_map": "What to map in OpenStreetMap",
        "not_computed": "not computed",
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
        "plugin": "Mobility Diagnosis (extension QGIS)",
        "sources": "Sources : {source} ({osm_date}). Cartes et chiffres © les contributeurs d’OpenStreetMap "
        "(ODbL).",
        "themes": "Thèmes : {themes}.",
        "contents": "Sommaire",
        "facts": "Le territoire en bref",
        "population": "Population : {value} habitants (Insee)",
        "area": "Superficie : {value} km²",
        "density": "Densité : {value} habitants par km²",
        "author": "Auteur ou commanditaire : {author}",
        "making": "À propos de ce rapport",
        "method": "Méthode et limites",
        "glossary": "Glossaire",
        "annex": "Annexe",
        "lts_note": "Niveau de stress cycliste (LTS, Level of Traffic Stress) : de 1, rue où un enfant peut "
        "rouler, à 4, réservée aux cyclistes aguerris ; 0 : vélo interdit. Voir le glossaire.",
        "subject": "Diagnostic des mobilités du quotidien à {name} : vélo, marche et transports en commun, "
        "stationnement, écoles, sécurité routière.",
        "keywords": "mobilité, diagnostic, vélo, marche, accessibilité, stationnement, écoles, OpenStreetMap",
        "reading": "Ce qu’il faut retenir",
        "figures": "Chiffres clés",
        "summary": "Synthèse et actions",
        "findings": "Points forts et points faibles",
        "actions": "Actions prioritaires",
        "actions_map": "Carte des actions prioritaires",
        "actions_layer": "{title} (actions prioritaires)",
        "actions_map_note": "Chaque numéro situe l’action de même rang de la page Synthèse et actions.",
        "where": "Où",
        "why": "Pourquoi",
        "effect": "Effet attendu",
        "cost": "Coût",
        "unassessed": "{n} indicateurs n’ont pu être évalués faute de donnée (voir l’annexe pour les "
        "contributeurs).",
        "unassessed_one": "1 indicateur n’a pu être évalué faute de donnée (voir l’annexe pour les "
        "contributeurs).",
        "more_actions": "Actions suivantes (titres seuls, faute de place) :",
        "continued": " (suite)",
        "sources_annex": "Sources des données",
        "schools_annex": "Écoles",
        "gaps_annex": "Discontinuités cyclables",
        "mapping_annex": "Données à compléter",
        "source": "Source",
        "status": "État",
        "vintage": "Millésime",
        "licence": "Licence",
        "school": "École",
        "score": "Score /100",
        "problem": "Problème principal",
        "streets": "Rues",
        "length": "Longueur",
        "joins": "Relie",
        "to_map": "À cartographier dans OpenStreetMap",
        "not_computed": "non calculé",
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


MONTHS = {
    "en": "January February March April May June July August September October November December".split(),
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split(),
}

# The annexes: the method and its limits, and the glossary, as (term, definition) paragraphs. Sources: the
# themes' docs (docs/cycling.md for LTS after Mekuria, Furth & Nixon 2012, docs/accessibility.md, docs/parking.md,
# docs/schools.md, docs/safety.md) and DOMAIN.md.
METHOD = {
    "en": (
        (
            "Data",
            "Every figure is computed from OpenStreetMap as it was on the data date, and from the "
            "national files given (timetables GTFS, crash files BAAC). Nothing is surveyed on the ground.",
        ),
        (
            "Cycling",
            "Each street is given a level of traffic stress from its speed limit, its lanes, its traffic "
            "class and its cycle facilities; where the speed limit is not mapped the usual limit of the street "
            "type is assumed. Low-stress islands are the connected parts of the level 1–2 network; gaps are short "
            "stressful links that would join them.",
        ),
        (
            "Walking and transit",
            "Distances are walked on the street network from residential buildings to the "
            "nearest stop and school. Wheelchair access and kerbs are read as mapped: unknown is not absent.",
        ),
        (
            "Parking",
            "Car spaces come from the mapped capacity, else an estimate from the car park's area. "
            "On-street parking counts only where streets describe it.",
        ),
        (
            "Schools",
            "Each school is scored out of 100: calm streets within 300 m (30 points), low-stress cycling "
            "access (20), bike parking within 50 m (15), a stop nearby (15), crossings with lowered kerbs (10), "
            "direct walking routes (10). What is not mapped scores zero.",
        ),
        (
            "Road safety",
            "Injury crashes come from the national files (ONISR BAAC) given in CRASHES; each is matched to "
            "the nearest street and crossed with its cycling stress and the schools nearby. Without files, "
            "the page says so.",
        ),
        (
            "Limits",
            "OpenStreetMap is uneven: a missing tag makes a figure unknown, never zero, and the report "
            "says \u201cnot mapped\u201d. Figures are a snapshot; they do not replace counts of traffic or "
            "surveys of trips.",
        ),
    ),
    "fr": (
        (
            "Données",
            "Chaque chiffre est calculé à partir d’OpenStreetMap à la date des données et des fichiers "
            "nationaux fournis (horaires GTFS, fichiers d’accidents BAAC). Rien n’est relevé sur le terrain.",
        ),
        (
            "Vélo",
            "Chaque rue reçoit un niveau de stress cycliste selon sa vitesse maximale, ses voies, sa "
            "catégorie et ses aménagements cyclables ; là où la vitesse n’est pas renseignée, la limite usuelle "
            "du type de voie est supposée. Les îlots apaisés sont les parties connexes du réseau de niveau 1–2 ; "
            "les discontinuités, les courts tronçons stressants qui les relieraient.",
        ),
        (
            "Marche et transports en commun",
            "Les distances sont mesurées à pied sur le réseau de rues, depuis "
            "les bâtiments résidentiels jusqu’à l’arrêt et l’école les plus proches. L’accès en fauteuil roulant "
            "et les bordures sont lus tels que cartographiés : inconnu ne veut pas dire absent.",
        ),
        (
            "Stationnement",
            "Les places de voiture viennent de la capacité renseignée, sinon d’une estimation "
            "tirée de la surface du parking. Le stationnement sur voirie n’est compté que là où les rues le "
            "décrivent.",
        ),
        (
            "Écoles",
            "Chaque établissement reçoit une note sur 100 : rues apaisées à moins de 300 m (30 points), "
            "accès cyclable sans stress (20), stationnement vélo à moins de 50 m (15), arrêt proche (15), "
            "traversées à bordures abaissées (10), itinéraires piétons directs (10). Ce qui n’est pas "
            "cartographié compte zéro.",
        ),
        (
            "Sécurité routière",
            "Les accidents corporels viennent des fichiers nationaux (BAAC de l’ONISR) indiqués dans CRASHES ; "
            "chacun est rattaché à la rue la plus proche et croisé avec son stress cycliste et les écoles "
            "voisines. Sans fichier, la page le dit.",
        ),
        (
            "Limites",
            "OpenStreetMap est inégalement renseigné : une information absente rend un chiffre "
            "inconnu, jamais nul, et le rapport écrit « non renseigné ». Les chiffres sont un instantané ; ils ne "
            "remplacent ni des comptages de trafic ni une enquête sur les déplacements.",
        ),
    ),
}
GLOSSARY = {
    "en": (
        (
            "Level of traffic stress (LTS)",
            "How stressful a street is to ride (after Mekuria, Furth and Nixon, 2012): "
            "1, a child can ride it; 2, most adults; 3, confident cyclists; 4, strong and fearless only; 0, "
            "cycling not allowed (footways, steps, motorways).",
        ),
        (
            "Low-stress island",
            "A connected part of the level 1–2 network: within it one rides without stress.",
        ),
        (
            "Gap",
            "A short stressful link (level 3–4) whose improvement would join two low-stress islands or "
            "reach a school or a station.",
        ),
        (
            "Cycle lane, cycle track",
            "A lane is painted on the carriageway; a track is separated from motor " "traffic.",
        ),
        ("Contraflow", "A one-way street that cyclists may ride both ways."),
        ("School street", "A street along a school closed to motor traffic at school times."),
        (
            "Frequent service",
            "A stop with 4 departures an hour or more (every 15 minutes) in the morning peak, 7–9 h by "
            "default (GTFS timetable).",
        ),
        ("Lowered kerb", "A kerb lowered or flush at a crossing, needed by wheelchairs and pushchairs."),
        ("Not mapped", "OpenStreetMap does not say: the figure is unknown, not zero."),
    ),
    "fr": (
        (
            "Niveau de stress cycliste (LTS)",
            "Le stress ressenti à vélo dans une rue (Level of Traffic Stress, "
            "d’après Mekuria, Furth et Nixon, 2012) : 1, un enfant peut y rouler ; 2, la plupart des adultes ; 3, les "
            "cyclistes confiants ; 4, les cyclistes aguerris seulement ; 0, vélo interdit (trottoirs, escaliers, "
            "voies rapides).",
        ),
        ("Îlot apaisé", "Partie connexe du réseau de niveau 1–2 : on y circule à vélo sans stress."),
        (
            "Discontinuité",
            "Court tronçon stressant (niveau 3–4) dont l’aménagement relierait deux îlots "
            "apaisés, une école ou une gare.",
        ),
        (
            "Bande, piste cyclable",
            "La bande est peinte sur la chaussée ; la piste est séparée de la circulation " "motorisée.",
        ),
        ("Double sens cyclable", "Rue à sens unique que les cyclistes peuvent emprunter dans les deux sens."),
        (
            "Rue scolaire",
            "Rue aux abords d’une école fermée à la circulation motorisée aux heures d’entrée et "
            "de sortie.",
        ),
        (
            "Desserte fréquente",
            "Arrêt avec au moins 4 départs par heure (toutes les 15 minutes) à la pointe du matin, de "
            "7 h à 9 h par défaut (horaires GTFS).",
        ),
        (
            "Bordure abaissée",
            "Bordure abaissée ou à niveau au droit d’une traversée, nécessaire aux fauteuils "
            "roulants et aux poussettes.",
        ),
        ("Non renseigné", "OpenStreetMap ne dit rien : le chiffre est inconnu, pas nul."),
    ),
}


def date_in_words(stamp: str, lang: str) -> str:
    """'4 décembre 2026' / '4 December 2026' from an ISO date or timestamp; the text itself if not one."""
    lang = lang_of(lang)
    try:
        year, month, day = int(stamp[:4]), int(stamp[5:7]), int(stamp[8:10])
        name = MONTHS[lang][month - 1]
    except (ValueError, IndexError):
        return stamp
    first = "1er" if lang == "fr" and day == 1 else str(day)
    return f"{first} {name} {year}"


def unmapped(indicators: Sequence[Indicator]) -> set[tuple[str, str]]:
    """(theme, indicator) of the counts OpenStreetMap does not describe here (their completeness is 0 %)."""
    shares = {(i.theme, i.indicator): i.value for i in indicators}
    return {key for key, share in COMPLETENESS.items() if shares.get((key[0], share)) == 0}


def source_text(source: str, lang: str) -> str:
    return SOURCE_TEXTS[lang_of(lang)].get(source, source)


def data_date(stamp: str, lang: str) -> str:
    """'data as of 2023-12-01' from an ISO timestamp, or 'data date unknown'."""
    known, unknown = DATA_DATE[lang_of(lang)]
    if stamp and stamp[:4].isdigit():
        return known.format(date=date_in_words(stamp[:10], lang))
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


def format_value(indicator: Indicator, lang: str, unknown: bool = False) -> str:
    """The value with its unit; ``unknown``: OpenStreetMap does not describe it here (``unmapped``)."""
    lang = lang_of(lang)
    if unknown:
        return UNMAPPED[lang]
    if indicator.value is None or indicator.value != indicator.value:
        return NOT_AVAILABLE[lang]
    unit = UNIT_TEXT[lang].get(indicator.unit, f" {indicator.unit}")
    return format_number(indicator.value, lang) + unit


def readings(theme: str, indicators: Sequence[Indicator], lang: str) -> list[Reading]:
    """The sentences of one theme, in report order; generic ones when the theme has no template."""
    lang = lang_of(lang)
    hidden = unmapped(indicators)
    values: Mapping[str, Optional[float]] = {
        i.indicator: i.value
        for i in indicators
        if i.theme == theme
        and i.value is not None
        and i.value == i.value
        and (theme, i.indicator) not in hidden
    }
    out: list[Reading] = []
    row = themes.find(theme)
    shares = {i.indicator: i.value for i in indicators if i.theme == theme and i.value is not None}
    for template in row.readings if row is not None else ():
        needed = template.indicators
        known = values
        instead = next((UNMAPPED_READINGS[(theme, n)] for n in needed if (theme, n) in hidden), None)
        if instead is not None and all(name in shares for name in instead.indicators):
            template, needed, known = instead, instead.indicators, shares
        if all(name in known for name in needed):
            text = template.text[lang].format(**{name: format_number(known[name], lang) for name in needed})
            out.append(Reading(theme, needed, text))
    if not out:  # no template, or none with its figures: the first known figures, else why none is known
        for indicator in [i for i in indicators if i.theme == theme and i.indicator in values][:MAX_GENERIC]:
            value = format_value(indicator, lang)
            out.append(
                Reading(
                    theme,
                    (indicator.indicator,),
                    GENERIC[lang].format(label=indicator.label, value=value, unit=""),
                )
            )
    if not out:
        unknown = [i for i in indicators if i.theme == theme]
        if unknown:
            label = unknown[0].label.rstrip(".")
            if NOT_AVAILABLE[lang] not in label:
                label = GENERIC[lang].format(label=label, value=NOT_AVAILABLE[lang], unit="")[:-1]
            out.append(Reading(theme, (unknown[0].indicator,), label + "."))
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
