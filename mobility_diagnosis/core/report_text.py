"""Plain-words readings of the indicators for the council report, in French or English.

Each reading is a sentence template of a theme (core.readings, its registry row's ``readings``) that names the
indicator values it needs; it is written only when every one of them is known (a missing figure is never read
as 0), and its words agree with its figures through one plural rule (``plural_form``).
Themes or indicators without a template are read generically ("<label>: <value> <unit>").
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Collection, Mapping, Optional, Sequence

from . import themes
from .indicators import MONTH_UNIT, Indicator
from .package_text import lang_of
from .readings import ReadingTemplate, Variant

# The sentence templates are each theme's ``readings`` in the registry (core.themes): a theme without
# any is read through its first few indicators.
GENERIC = {"en": "{label}: {value}{unit}.", "fr": "{label} : {value}{unit}."}
NOT_AVAILABLE = {"en": "not available", "fr": "non disponible"}
UNMAPPED = {"en": "not mapped in OpenStreetMap", "fr": "non renseigné dans OpenStreetMap"}
# A figure the source files do not record (a crash file without its usagers table): its label ends with
# " — <NOT_RECORDED>: why" (core.safety_indicators) and its value reads NOT_RECORDED, never 0.
NOT_RECORDED = {"en": "not recorded", "fr": "non renseigné"}
# A count that OpenStreetMap can only give where mappers describe what it counts: (theme, indicator) → the
# indicator of the same theme that, at 0, makes the count unknown rather than zero: the share of streets
# describing their parking (docs/parking.md), the number of schools mapped (no school, no school street to
# find: docs/schools.md).
COMPLETENESS = {
    ("parking", "car_spaces_on_street"): "on_street_information_share",
    ("schools", "school_street_candidates"): "schools_count",
    ("schools", "existing_school_streets"): "schools_count",
}
# A theme whose figures all describe what this indicator counts (docs/schools.md): at 0 its reading says
# nothing is mapped, and its other figures can only be 0 or unknown, so the page prints no key-figures table
# (unless a figure from elsewhere is known: the directory's schools missing from OpenStreetMap).
COUNTED_BY = {"schools": "schools_count"}
# The sentence read instead of a template that needs such a count: the known part, and why the rest is not.
UNMAPPED_READINGS = {
    ("parking", "car_spaces_on_street"): ReadingTemplate(
        ("car_spaces_off_street", "on_street_information_share"),
        {
            "en": "{car_spaces_off_street} car {car_spaces_off_street:space in a car park was|spaces in car "
            "parks were} counted; on-street parking is not mapped in OpenStreetMap (no street describes it).",
            "fr": "{car_spaces_off_street} {car_spaces_off_street:place de voiture en parking a été "
            "recensée|places de voiture en parking ont été recensées} ; le stationnement sur voirie n’est pas "
            "renseigné dans OpenStreetMap (aucune rue ne le décrit).",
        },
        variants=(
            Variant(
                (("car_spaces_off_street", "zero"),),
                {
                    "en": "No car space in car parks was counted, and on-street parking is not mapped in "
                    "OpenStreetMap (no street describes it).",
                    "fr": "Aucune place de voiture en parking n’a été recensée, et le stationnement sur voirie "
                    "n’est pas renseigné dans OpenStreetMap (aucune rue ne le décrit).",
                },
            ),
        ),
    )
}
# The counts that are the denominators of a theme's shares: its readings state them with the shares, so its
# key-figures table lists them last (the first rows left out when the page lacks room; indicators.csv has them).
DENOMINATORS = {
    ("cycling", "street_km"), ("accessibility", "residential_buildings"), ("accessibility", "residents"),
    ("accessibility", "stops"), ("accessibility", "crossings"), ("parking", "destinations"),
}  # fmt: skip
# Indicators that are the levels of one scale: a page showing one of them shows them all (cycling stress).
SCALES = {"cycling": ("km_lts0", "km_lts1", "km_lts2", "km_lts3", "km_lts4")}
MAX_GENERIC = 4  # a theme without templates is read through its first few indicators only

# Figures printed whole: INSEE's counts are weighted estimates of the census sample (895,2 jobs would be a
# false precision; docs/profile.md), as are the home-to-work flows (MOBPRO). A figure of ONE_DECIMAL_BELOW is
# printed with one decimal below its bound (an area of 2,0 km², a density of 0,4 hab./km²), whole above it.
# Every other figure: at most one decimal.
WHOLE = {
    ("profile", "population"), ("profile", "households"), ("profile", "jobs"), ("profile", "active_1564"),
    ("commuting", "residents"), ("commuting", "outgoing"), ("commuting", "incoming"),
    ("commuting", "short_by_car"),
}  # fmt: skip
ONE_DECIMAL_BELOW = {("profile", "area"): 10.0, ("profile", "density"): 10.0}
KM_FROM_M = 1000.0  # a distance in metres from this length on is printed in km, with one decimal

# The forms a reading's variant can ask of a figure (core.readings.Variant): "zero", "one" (the singular:
# plural_form), "all" (a share of 100 %), "known" or "unknown" (an optional figure), "not_recorded" (a figure
# the source files do not record: NOT_RECORDED).
FORMS = ("zero", "one", "all", "known", "unknown", "not_recorded")

# The singular of the plural units the profile and commuting themes print (core/profile.py UNITS): the one
# plural rule (plural_form) picks it, « 0,5 emploi par actif occupé ».
SINGULAR_UNITS = {
    "en": {
        "inhabitants": "inhabitant",
        "households": "household",
        "jobs": "job",
        "jobs per employed resident": "job per employed resident",
        "people": "person",
    },
    "fr": {
        "habitants": "habitant",
        "ménages": "ménage",
        "emplois": "emploi",
        "emplois par actif occupé": "emploi par actif occupé",
        "personnes": "personne",
    },
}

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
        "per 1000 residents per year": " per 1,000 residents a year",
    },
    "fr": {
        "count": "",
        "score 0-100": "/100",
        "%": " %",
        "km": " km",
        "m": " m",
        "ha": " ha",
        "per 1000 residents": " pour 1 000 hab.",
        "per 1000 residents per year": " pour 1 000 hab. par an",
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
        "population_census": "Population {year}: {value} residents (INSEE)",
        "area": "Area: {value} km²",
        "density": "Density: {value} residents per km²",
        "commune": "Commune",
        "departement": "Département",
        "france": "France",
        "same_density": "Same density",
        "references_note": "Département: {departement}. Same density: the communes of the same density class, "
        "{density}. Every reference is a ratio of sums over its communes (INSEE census).",
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
        "omitted_theme": "Theme not assessed, for lack of data (it has no page)",
        "omitted_themes": "Themes not assessed, for lack of data (they have no page)",
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
        "rank": "No.",
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
        "inset": "Centre, enlarged",
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
        "population_census": "Population {year} : {value} habitants (Insee)",
        "area": "Superficie : {value} km²",
        "density": "Densité : {value} habitants par km²",
        "commune": "Commune",
        "departement": "Département",
        "france": "France",
        "same_density": "Même densité",
        "references_note": "Département : {departement}. Même densité : les communes de la même classe de "
        "densité, {density}. Chaque référence est un rapport de sommes sur ses communes (recensement de "
        "l’Insee).",
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
        "omitted_theme": "Thème non évalué, faute de données (il n’a pas de page)",
        "omitted_themes": "Thèmes non évalués, faute de données (ils n’ont pas de page)",
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
        "rank": "N°",
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
        "inset": "Zoom sur le centre",
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
            "Injury crashes come from the national files (ONISR BAAC); each is matched to "
            "the nearest street and crossed with its cycling stress and the schools nearby. Without files, "
            "the summary says so.",
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
            "Les accidents corporels viennent des fichiers nationaux (BAAC de l’ONISR) ; "
            "chacun est rattaché à la rue la plus proche et croisé avec son stress cycliste et les écoles "
            "voisines. Sans fichier, la synthèse le dit.",
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
    if len(stamp) < 10 or stamp[4] != "-" or stamp[7] != "-":  # a period ("2024-01–2024-03") is no date
        return stamp
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


def _rounded(value: float, digits: int = 1) -> float:
    """Half up, as people round (42.25 -> 42.3), not Python's half-to-even."""
    step = Decimal(1).scaleb(-digits)
    return float(Decimal(repr(float(value))).quantize(step, rounding=ROUND_HALF_UP))


MINUS = "\u2212"


def format_number(value: float, lang: str, digits: Optional[int] = None) -> str:
    """1 234,5 in French, 1,234.5 in English; at most one decimal, integers without decimals; ``digits``:
    exactly that many decimals (``figure_digits``). A negative figure takes the minus sign (« −1,7 »), not a
    hyphen, and a figure rounded to zero has none (never « −0 »)."""
    lang = lang_of(lang)
    rounded = _rounded(value, 1 if digits is None else digits) + 0.0  # + 0.0: -0.0 becomes 0.0
    if digits is None:
        text = f"{rounded:,.0f}" if rounded == int(rounded) else f"{rounded:,.1f}"
    else:
        text = f"{rounded:,.{digits}f}"
    if lang == "fr":
        text = text.replace(",", "\u202f").replace(".", ",")
    return text.replace("-", MINUS)


def figure_digits(theme: str, indicator: str, value: float) -> Optional[int]:
    """The decimals ``indicator`` is printed with (``WHOLE``, ``ONE_DECIMAL_BELOW``); None: the usual rule."""
    if (theme, indicator) in WHOLE:
        return 0
    bound = ONE_DECIMAL_BELOW.get((theme, indicator))
    if bound is not None:
        return 1 if abs(value) < bound else 0
    return None


def format_figure(theme: str, indicator: str, value: float, lang: str) -> str:
    """An indicator's figure as the report prints it, without its unit."""
    return format_number(value, lang, figure_digits(theme, indicator, value))


def plural_form(value: float, lang: str, digits: Optional[int] = None) -> str:
    """The one plural rule of the report: "zero", "one" (the singular) or "other", for the figure as printed.
    French takes the singular below 2 (« 0,5 emploi », « 1 tronçon »), English for exactly 1 (CLDR plural
    rules for fr and en). A zero has its own form: « aucun » reads better than « 0 tronçon »."""
    shown = abs(_rounded(value, 1 if digits is None else digits))
    if shown == 0:
        return "zero"
    if shown == 1 or (lang_of(lang) == "fr" and shown < 2):
        return "one"
    return "other"


def holds(value: Optional[float], form: str, lang: str) -> bool:
    """Whether ``value`` has ``form`` (``FORMS``); the forms of a known figure need it known."""
    if form in ("known", "unknown"):
        return (value is None) == (form == "unknown")
    if value is None:
        return False
    if form == "all":
        return _rounded(value) == 100.0
    return plural_form(value, lang) == form


class _Sentence(string.Formatter):
    """Fills a reading: ``{name}`` is the printed figure, ``{name:one|other}`` or ``{name:zero|one|other}``
    the words that agree with it (``#`` in them stands for the figure)."""

    def __init__(self, figures: Mapping[str, str], values: Mapping[str, float], lang: str):
        super().__init__()
        self.figures, self.values, self.lang = figures, values, lang

    def get_value(self, key, args, kwargs):
        return key

    def format_field(self, value, format_spec):
        if not format_spec:
            return self.figures[value]
        forms = format_spec.split("|")
        form = plural_form(self.values[value], self.lang)
        if len(forms) == 2:  # one|other: a zero takes the singular in French, the plural in English
            form = "one" if form == "one" or (form == "zero" and self.lang == "fr") else "other"
            chosen = forms[0] if form == "one" else forms[1]
        else:
            chosen = forms[("zero", "one", "other").index(form)]
        return chosen.replace("#", self.figures[value])


def template_fields(text: str) -> set[str]:
    """The indicators a reading's text names."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def fill(
    theme: str,
    template: ReadingTemplate,
    values: Mapping[str, float],
    lang: str,
    units: Optional[Mapping[str, str]] = None,
    unrecorded: Collection[str] = (),
) -> Optional[str]:
    """The sentence of ``template`` over the known ``values``, or None: a required figure is unknown, or
    the variant that applies writes nothing. ``units``: months (``MONTH_UNIT``) are written in words;
    ``unrecorded``: the figures the source files do not record (``not_recorded``)."""
    lang = lang_of(lang)
    if any(name not in values for name in template.indicators if name not in template.optional):
        return None
    text = template.text[lang]
    for variant in template.variants:
        if all(
            name in unrecorded if form == "not_recorded" else holds(values.get(name), form, lang)
            for name, form in variant.when
        ):
            text = variant.text[lang]
            break
    figures = {
        name: month_in_words(values[name], lang)
        if (units or {}).get(name) == MONTH_UNIT
        else format_figure(theme, name, values[name], lang)
        for name in template.indicators
        if name in values
    }
    figures.update(period_figures(template.indicators, values, lang))
    if not text or any(name not in figures for name in template_fields(text)):
        return None
    return _Sentence(figures, values, lang).format(text)


def not_recorded(indicator: Indicator, lang: str) -> bool:
    """Whether the source files do not record ``indicator`` (its label says why: ``NOT_RECORDED``)."""
    unknown = indicator.value is None or indicator.value != indicator.value
    return unknown and f" — {NOT_RECORDED[lang_of(lang)]}" in indicator.label


def table_label(indicator: Indicator, lang: str) -> str:
    """The label as a key-figures table prints it: a figure the source files do not record loses its
    « — non renseigné : why » (its value says « non renseigné », the page's reading says why once);
    indicators.csv keeps the whole label."""
    return indicator.label.split(f" — {NOT_RECORDED[lang_of(lang)]}")[0]


def format_value(indicator: Indicator, lang: str, unknown: bool = False) -> str:
    """The value with its unit (singular after a singular figure); ``unknown``: OpenStreetMap does not
    describe it here (``unmapped``)."""
    lang = lang_of(lang)
    if unknown:
        return UNMAPPED[lang]
    if indicator.value is None or indicator.value != indicator.value:
        return NOT_RECORDED[lang] if not_recorded(indicator, lang) else NOT_AVAILABLE[lang]
    if indicator.unit == MONTH_UNIT:
        return month_in_words(indicator.value, lang)
    digits = figure_digits(indicator.theme, indicator.indicator, indicator.value)
    value, unit = indicator.value, indicator.unit
    if unit == "m":  # a walking distance: whole metres (« 303 m », not « 302,5 m »), in km from 1 km
        value, unit, digits = (value / 1000, "km", 1) if round(value) >= KM_FROM_M else (value, "m", 0)
    if plural_form(value, lang, digits) == "one":
        unit = SINGULAR_UNITS[lang].get(unit, unit)
    unit = UNIT_TEXT[lang].get(unit, f" {unit}")
    return format_number(value, lang, digits) + unit


def month_in_words(value: float, lang: str) -> str:
    """« mars 2024 » / "March 2024" from 202403 (a ``MONTH_UNIT`` indicator)."""
    year, month = divmod(int(value), 100)
    return f"{MONTHS[lang_of(lang)][month - 1]} {year}" if 1 <= month <= 12 else str(int(value))


PERIOD_TEXT = {
    "en": ("in {first}", "from {first} to {last}"),
    "fr": ("en {first}", "de {first} à {last}"),
}


def period_in_words(first: float, last: float, lang: str) -> str:
    """« en mars 2024 », « de janvier à mars 2024 », « de novembre 2023 à février 2024 »."""
    lang = lang_of(lang)
    one, many = PERIOD_TEXT[lang]
    if int(first) == int(last):
        return one.format(first=month_in_words(first, lang))
    start = month_in_words(first, lang)
    if int(first) // 100 == int(last) // 100:  # the same year is written once
        start = start.rsplit(" ", 1)[0]
    return many.format(first=start, last=month_in_words(last, lang))


def period_figures(needed: Sequence[str], values: Mapping[str, float], lang: str) -> dict[str, str]:
    """``{<x>_period}`` in words for a reading naming both ``<x>_first_month`` and ``<x>_last_month``."""
    out = {}
    for name in needed:
        prefix = name[: -len("_first_month")] if name.endswith("_first_month") else None
        if prefix and name in values and values.get(f"{prefix}_last_month") is not None:
            out[f"{prefix}_period"] = period_in_words(values[name], values[f"{prefix}_last_month"], lang)
    return out


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
    units = {i.indicator: i.unit for i in indicators if i.theme == theme}
    unrecorded = {i.indicator for i in indicators if i.theme == theme and not_recorded(i, lang)}
    out: list[Reading] = []
    row = themes.find(theme)
    shares = {i.indicator: i.value for i in indicators if i.theme == theme and i.value is not None}
    for template in row.readings if row is not None else ():
        known = values
        instead = next(
            (UNMAPPED_READINGS.get((theme, n)) for n in template.indicators if (theme, n) in hidden), None
        )
        if instead is not None and all(name in shares for name in instead.indicators):
            template, known = instead, shares
        text = fill(theme, template, known, lang, units, unrecorded)
        if text is not None:
            out.append(Reading(theme, template.indicators, text))
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
