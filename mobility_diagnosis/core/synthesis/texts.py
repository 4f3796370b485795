"""Every sentence of the synthesis, in French and English, keyed like the rules that fill them.

Shares always name what they are a share of (their denominator), with the count when the diagnosis
knows it. Figures are formatted by the caller (``core.report_text.format_number``).
"""

from __future__ import annotations

import re

# Short names of the reference sources, printed after a finding (full citations: references.SOURCES).
SOURCE_SHORT = {
    "fr": {
        "plugin_lts": "seuil indicatif du plugin",
        "plugin_islands": "seuil indicatif du plugin",
        "urban_bus_toolkit": "Banque mondiale, Urban Bus Toolkit",
        "plugin_stop_300": "seuil indicatif du plugin",
        "law_2005": "loi du 11 février 2005",
        "kerb_2007": "arrêté du 15 janvier 2007",
        "plugin_bike_parking": "seuil indicatif du plugin",
        "plugin_schools": "seuil indicatif du plugin",
        "plugin_score": "seuil indicatif du plugin",
        "insee_census": "Insee, recensement",
    },
    "en": {
        "plugin_lts": "plugin's indicative threshold",
        "plugin_islands": "plugin's indicative threshold",
        "urban_bus_toolkit": "World Bank, Urban Bus Toolkit",
        "plugin_stop_300": "plugin's indicative threshold",
        "law_2005": "French act of 11 February 2005",
        "kerb_2007": "French order of 15 January 2007",
        "plugin_bike_parking": "plugin's indicative threshold",
        "plugin_schools": "plugin's indicative threshold",
        "plugin_score": "plugin's indicative threshold",
        "insee_census": "INSEE census",
    },
}

# Denominators: (count key in SynthesisInputs.counts or an indicator id, {lang: (with the count, without it,
# and for a count of one, « des arrêts (1 seul recensé) »: « des 1 arrêts » is no French)}). Lengths have no
# third text: « 1 km » needs none.
DENOMINATORS: dict[str, tuple[str, dict[str, tuple[str, ...]]]] = {
    "employed": ("employed_residents", {  # the census gives shares only: no count
        "fr": ("des {n} actifs occupés", "des actifs occupés"),
        "en": ("of the {n} employed residents", "of employed residents"),
    }),
    "street_length": ("street_km", {
        "fr": ("du linéaire de voirie ouvert aux voitures où le vélo est autorisé ({n} km)",
               "du linéaire de voirie ouvert aux voitures où le vélo est autorisé"),
        "en": ("of the street length open to cars where cycling is allowed ({n} km)",
               "of the street length open to cars where cycling is allowed"),
    }),
    "calm_length": ("calm_km", {
        "fr": ("du réseau apaisé ({n} km)", "du réseau apaisé"),
        "en": ("of the low-stress network ({n} km)", "of the low-stress network"),
    }),
    "homes": ("homes", {
        "fr": ("des {n} bâtiments résidentiels", "des bâtiments résidentiels",
               "des bâtiments résidentiels (1 seul recensé)"),
        "en": ("of the {n} residential buildings", "of the residential buildings",
               "of the residential buildings (only 1 mapped)"),
    }),
    "stops": ("stops", {
        "fr": ("des {n} arrêts", "des arrêts", "des arrêts (1 seul recensé)"),
        "en": ("of the {n} stops", "of the stops", "of the stops (only 1 mapped)"),
    }),
    "crossings": ("crossings", {
        "fr": ("des {n} traversées piétonnes", "des traversées piétonnes",
               "des traversées piétonnes (1 seule recensée)"),
        "en": ("of the {n} pedestrian crossings", "of the pedestrian crossings",
               "of the pedestrian crossings (only 1 mapped)"),
    }),
    "destinations": ("destinations", {
        "fr": ("des {n} destinations du quotidien (écoles, arrêts, commerces, services)",
               "des destinations du quotidien (écoles, arrêts, commerces, services)",
               "des destinations du quotidien (1 seule recensée : école, arrêt, commerce ou service)"),
        "en": ("of the {n} everyday destinations (schools, stops, shops, services)",
               "of the everyday destinations (schools, stops, shops, services)",
               "of the everyday destinations (only 1 mapped: a school, stop, shop or service)"),
    }),
    "schools": ("schools_count", {
        "fr": ("des {n} établissements scolaires", "des établissements scolaires",
               "des établissements scolaires (1 seul recensé)"),
        "en": ("of the {n} schools", "of the schools", "of the schools (only 1 mapped)"),
    }),
}  # fmt: skip

# One finding per headline indicator: (denominator key, {lang: sentence}). {value} is formatted,
# {den} is the denominator above.
FINDINGS: dict[str, tuple[str, dict[str, str]]] = {
    "share_lts_le2": ("street_length", {
        "fr": "{value} % {den} est confortable à vélo (niveau de stress 1 ou 2)",
        "en": "{value} % {den} is comfortable by bike (traffic stress 1 or 2)",
    }),
    "largest_island_share": ("calm_length", {
        "fr": "le plus grand îlot apaisé d’un seul tenant réunit {value} % {den}",
        "en": "the largest connected low-stress island holds {value} % {den}",
    }),
    "share_within_500m_stop": ("homes", {
        "fr": "{value} % {den} sont à moins de 500 m à pied d’un arrêt de transport",
        "en": "{value} % {den} are within a 500 m walk of a transit stop",
    }),
    "share_within_300m_stop": ("homes", {
        "fr": "{value} % {den} sont à moins de 300 m à pied d’un arrêt de transport",
        "en": "{value} % {den} are within a 300 m walk of a transit stop",
    }),
    "share_stops_wheelchair_yes": ("stops", {
        "fr": "{value} % {den} sont renseignés accessibles en fauteuil roulant",
        "en": "{value} % {den} are mapped as wheelchair accessible",
    }),
    "share_crossings_lowered_kerb": ("crossings", {
        "fr": "{value} % {den} ont un abaissé de trottoir renseigné",
        "en": "{value} % {den} have a lowered kerb mapped",
    }),
    "destinations_with_bike_parking_share": ("destinations", {
        "fr": "{value} % {den} ont un stationnement vélo à moins de 50 m",
        "en": "{value} % {den} have bike parking within 50 m",
    }),
    "share_calm_streets": ("schools", {
        "fr": "{value} % {den} sont entourés de rues surtout à 30 km/h ou moins",
        "en": "{value} % {den} are surrounded by streets mostly at 30 km/h or less",
    }),
    "share_low_stress_cycling": ("schools", {
        "fr": "{value} % {den} sont accessibles à vélo sans stress depuis la moitié au moins de leurs 2 km "
              "alentour",
        "en": "{value} % {den} can be reached by bike without stress from at least half of the 2 km around",
    }),
    "share_bike_parking": ("schools", {
        "fr": "{value} % {den} ont un stationnement vélo à moins de 50 m",
        "en": "{value} % {den} have bike parking within 50 m",
    }),
    "mean_score": ("schools", {
        "fr": "la note moyenne de mobilité scolaire est de {value}/100 (moyenne {den})",
        "en": "the mean school mobility score is {value}/100 (mean {den})",
    }),
    "commute_car": ("employed", {
        "fr": "{value} % {den} vont travailler en voiture",
        "en": "{value} % {den} drive to work",
    }),
    "commute_transit": ("employed", {
        "fr": "{value} % {den} vont travailler en transports en commun",
        "en": "{value} % {den} take public transport to work",
    }),
    "commute_bike": ("employed", {
        "fr": "{value} % {den} vont travailler à vélo",
        "en": "{value} % {den} cycle to work",
    }),
}  # fmt: skip

# A share of 0 or of 100 % said in words (« aucun des 17 arrêts n’est… », « chacune des 25 traversées… »),
# as the theme pages say it: {indicator: {form: {lang: sentence}}}, the form ("zero", "all") picked by the
# report's one plural rule (core.report_text.holds). {den} as in FINDINGS. The mean score is no share.
FINDINGS_IN_WORDS: dict[str, dict[str, dict[str, str]]] = {
    "share_lts_le2": {
        "zero": {"fr": "aucun mètre {den} n’est confortable à vélo (niveau de stress 1 ou 2)",
                 "en": "none {den} is comfortable by bike (traffic stress 1 or 2)"},
        "all": {"fr": "la totalité {den} est confortable à vélo (niveau de stress 1 ou 2)",
                "en": "all {den} is comfortable by bike (traffic stress 1 or 2)"},
    },
    "largest_island_share": {
        "zero": {"fr": "le plus grand îlot apaisé d’un seul tenant ne réunit presque rien {den}",
                 "en": "the largest connected low-stress island holds almost none {den}"},
        "all": {"fr": "un seul îlot apaisé d’un seul tenant réunit la totalité {den}",
                "en": "one connected low-stress island holds all {den}"},
    },
    "share_within_500m_stop": {
        "zero": {"fr": "aucun {den} n’est à moins de 500 m à pied d’un arrêt de transport",
                 "en": "none {den} is within a 500 m walk of a transit stop"},
        "all": {"fr": "chacun {den} est à moins de 500 m à pied d’un arrêt de transport",
                "en": "all {den} are within a 500 m walk of a transit stop"},
    },
    "share_within_300m_stop": {
        "zero": {"fr": "aucun {den} n’est à moins de 300 m à pied d’un arrêt de transport",
                 "en": "none {den} is within a 300 m walk of a transit stop"},
        "all": {"fr": "chacun {den} est à moins de 300 m à pied d’un arrêt de transport",
                "en": "all {den} are within a 300 m walk of a transit stop"},
    },
    "share_stops_wheelchair_yes": {
        "zero": {"fr": "aucun {den} n’est renseigné accessible en fauteuil roulant",
                 "en": "none {den} is mapped as wheelchair accessible"},
        "all": {"fr": "chacun {den} est renseigné accessible en fauteuil roulant",
                "en": "all {den} are mapped as wheelchair accessible"},
    },
    "share_crossings_lowered_kerb": {
        "zero": {"fr": "aucune {den} n’a d’abaissé de trottoir renseigné",
                 "en": "none {den} has a lowered kerb mapped"},
        "all": {"fr": "chacune {den} a un abaissé de trottoir renseigné",
                "en": "all {den} have a lowered kerb mapped"},
    },
    "destinations_with_bike_parking_share": {
        "zero": {"fr": "aucune {den} n’a de stationnement vélo à moins de 50 m",
                 "en": "none {den} has bike parking within 50 m"},
        "all": {"fr": "chacune {den} a un stationnement vélo à moins de 50 m",
                "en": "all {den} have bike parking within 50 m"},
    },
    "share_calm_streets": {
        "zero": {"fr": "aucun {den} n’est entouré de rues surtout à 30 km/h ou moins",
                 "en": "none {den} is surrounded by streets mostly at 30 km/h or less"},
        "all": {"fr": "chacun {den} est entouré de rues surtout à 30 km/h ou moins",
                "en": "all {den} are surrounded by streets mostly at 30 km/h or less"},
    },
    "share_low_stress_cycling": {
        "zero": {"fr": "aucun {den} n’est accessible à vélo sans stress depuis la moitié au moins de ses 2 km "
                       "alentour",
                 "en": "none {den} can be reached by bike without stress from at least half of the 2 km around"},
        "all": {"fr": "chacun {den} est accessible à vélo sans stress depuis la moitié au moins de ses 2 km "
                      "alentour",
                "en": "all {den} can be reached by bike without stress from at least half of the 2 km around"},
    },
    "share_bike_parking": {
        "zero": {"fr": "aucun {den} n’a de stationnement vélo à moins de 50 m",
                 "en": "none {den} has bike parking within 50 m"},
        "all": {"fr": "chacun {den} a un stationnement vélo à moins de 50 m",
                "en": "all {den} have bike parking within 50 m"},
    },
}  # fmt: skip

FINDING_FRAME = {
    "fr": {
        "strength": "Point fort : {text} (référence : {op} {ref}{unit}, {source}).",
        "weakness": "Point faible : {text} (référence : {op} {ref}{unit}, {source}).",
        "unknown": "Non évalué : {label} — donnée non disponible.",
        "compare": "{scope} : {ref}{unit}",
        "higher": "au moins",
        "lower": "au plus",
        "full": "",
        "departement": "département",
        "france": "France",
        # the commune against its peers (census figures: no target, a comparison)
        "strength_vs": "Point fort : {text}, contre {refs} ({source}).",
        "weakness_vs": "Point faible : {text}, contre {refs} ({source}).",
        "in_density": "{ref}{unit} dans les communes de même densité",
        "in_departement": "{ref}{unit} dans le département",
        "in_france": "{ref}{unit} en France",
        "and": " et ",
    },
    "en": {
        "strength": "Strength: {text} (reference: {op} {ref}{unit}, {source}).",
        "weakness": "Weakness: {text} (reference: {op} {ref}{unit}, {source}).",
        "unknown": "Not assessed: {label} — figure not available.",
        "compare": "{scope}: {ref}{unit}",
        "higher": "at least",
        "lower": "at most",
        "full": "",
        "departement": "département",
        "france": "France",
        "strength_vs": "Strength: {text}, against {refs} ({source}).",
        "weakness_vs": "Weakness: {text}, against {refs} ({source}).",
        "in_density": "{ref}{unit} in communes of the same density",
        "in_departement": "{ref}{unit} in the département",
        "in_france": "{ref}{unit} in France",
        "and": " and ",
    },
}

# Why a theme's figures are all missing when what they are shares of is absent (its denominator counts 0):
# one line for them all instead of one « non disponible » per figure. {page}: the theme page's title.
NOTHING_MAPPED_FRAME = {
    "fr": "Non évalué : {what} ; la page {page} le détaille.",
    "en": "Not assessed: {what}; the {page} page says more.",
}
_OSM = {
    "fr": " n’est cartographié{e} dans OpenStreetMap sur le territoire",
    "en": " is mapped in OpenStreetMap on the territory",
}
NOTHING_MAPPED: dict[str, dict[str, str]] = {
    "schools": {"fr": "aucune école" + _OSM["fr"].format(e="e"), "en": "no school" + _OSM["en"]},
    "stops": {"fr": "aucun arrêt de transport" + _OSM["fr"].format(e=""), "en": "no public transport stop" + _OSM["en"]},
    "crossings": {"fr": "aucune traversée piétonne" + _OSM["fr"].format(e="e"), "en": "no pedestrian crossing" + _OSM["en"]},
    "destinations": {"fr": "aucune destination du quotidien" + _OSM["fr"].format(e="e"),
                     "en": "no everyday destination" + _OSM["en"]},
    "homes": {"fr": "aucun bâtiment résidentiel" + _OSM["fr"].format(e=""), "en": "no residential building" + _OSM["en"]},
    "street_length": {"fr": "aucune rue ouverte aux voitures et au vélo" + _OSM["fr"].format(e="e"),
                      "en": "no street open to cars and bikes" + _OSM["en"]},
    "calm_length": {"fr": "le territoire n’a aucune rue apaisée", "en": "the territory has no low-stress street"},
}  # fmt: skip

HOME_UNITS = {  # (one, several)
    "fr": {
        "buildings": ("bâtiment résidentiel", "bâtiments résidentiels"),
        "residents": ("habitant", "habitants"),
    },
    "en": {
        "buildings": ("residential building", "residential buildings"),
        "residents": ("resident", "residents"),
    },
}
UNNAMED_STREET = {"fr": "voie sans nom", "en": "unnamed way"}
UNNAMED_SCHOOL = {"fr": "établissement sans nom (OSM {ref})", "en": "unnamed school (OSM {ref})"}
# A school named in an action sentence (no article to guess before a proper name).
SCHOOL_IN_TEXT = {
    "fr": ("l’établissement « {name} »", "un établissement sans nom (OSM {ref})"),
    "en": ("“{name}”", "an unnamed school (OSM {ref})"),
}
UNNAMED_PLACE = {"fr": "sans nom", "en": "unnamed"}
# What a cycling gap links an island to, in a sentence (core.cycling.connectivity.Destination kinds):
# (named, unnamed); a kind not known here (a diagnosis older than the field) reads as « une destination ».
GAP_DESTINATION = {
    "fr": {
        "school": ("l’école « {name} »", "une école sans nom"), "station": ("la gare « {name} »", "la gare"),
        "town_centre": ("la mairie « {name} »", "la mairie"), "": ("« {name} »", "une destination"),
    },
    "en": {
        "school": ("the school “{name}”", "an unnamed school"), "station": ("the station “{name}”", "the station"),
        "town_centre": ("the town hall “{name}”", "the town hall"), "": ("“{name}”", "a destination"),
    },
}  # fmt: skip


def gap_destination(kind: str, name: str, lang: str) -> str:
    """« la mairie », « la gare « Gare de Cap d’Ail » »: what a gap links, never an empty name."""
    table = GAP_DESTINATION[lang]
    named, unnamed = table.get(kind, table[""])
    return named.format(name=name) if name else unnamed


LIST_SEPARATOR = {"fr": " ; ", "en": "; "}

# Action sentences by kind: title, where, why, effect. Placeholders are filled by actions.py.
ACTIONS: dict[str, dict[str, dict[str, str]]] = {
    "cycling_gap": {
        "fr": {
            "title": "Créer une liaison cyclable apaisée : {streets}",
            "title_dest": "Relier {destination} au réseau cyclable apaisé : {streets}",
            "where": "{length} m sur {streets} (discontinuité n° {gap_id} de la carte Vélo et de l’annexe)",
            "why": "{high_stress} m en niveau de stress 3 ou 4 (vitesse jusqu’à {speed} km/h) {separate} l’îlot "
                   "apaisé {island_a} ({island_a_km} km) de l’îlot {island_b} ({island_b_km} km).",
            "why_dest": "{high_stress} m en niveau de stress 3 ou 4 (vitesse jusqu’à {speed} km/h) {separate} "
                        "{destination} de l’îlot apaisé {island_a} ({island_a_km} km).",
            "effect": "{homes} {home_unit} à moins de {access} m de l’îlot {gainer} {would_gain} un accès "
                      "sans stress à {reach_km} km de rues apaisées{along}.",
            "effect_dest": "{homes} {home_unit} à moins de {access} m de l’îlot {gainer} {would_gain} un "
                           "accès sans stress à {destination}.",
            "effect_unknown": "Relierait {reach_km} km de rues apaisées (bénéficiaires non calculés : "
                              "thème accessibilité absent).",
            # a crossing without signals (``kind`` "crossing"): no length, a road to cross
            "title_crossing": "Sécuriser une traversée : {streets}",
            "where_crossing": "{streets}, traversée sans feux (discontinuité n° {gap_id} de la carte Vélo et de "
                              "l’annexe)",
            "why_crossing": "cette traversée sans feux (vitesse jusqu’à {speed} km/h) sépare l’îlot apaisé "
                            "{island_a} ({island_a_km} km) de l’îlot {island_b} ({island_b_km} km).",
        },
        "en": {
            "title": "Make a low-stress cycle link: {streets}",
            "title_dest": "Link {destination} to the low-stress cycling network: {streets}",
            "where": "{length} m on {streets} (gap no. {gap_id} on the cycling map and in the annex)",
            "why": "{high_stress} m at traffic stress 3 or 4 (speeds up to {speed} km/h) {separate} low-stress "
                   "island {island_a} ({island_a_km} km) from island {island_b} ({island_b_km} km).",
            "why_dest": "{high_stress} m at traffic stress 3 or 4 (speeds up to {speed} km/h) {separate} "
                        "{destination} from low-stress island {island_a} ({island_a_km} km).",
            "effect": "{homes} {home_unit} within {access} m of island {gainer} would gain a stress-free "
                      "link to {reach_km} km of calm streets{along}.",
            "effect_dest": "{homes} {home_unit} within {access} m of island {gainer} would gain a "
                           "stress-free link to {destination}.",
            "effect_unknown": "Would join {reach_km} km of calm streets (beneficiaries not computed: no "
                              "accessibility theme).",
            "title_crossing": "Make a crossing safe: {streets}",
            "where_crossing": "{streets}, a crossing without signals (gap no. {gap_id} on the cycling map and "
                              "in the annex)",
            "why_crossing": "This crossing without signals (speeds up to {speed} km/h) separates low-stress "
                            "island {island_a} ({island_a_km} km) from island {island_b} ({island_b_km} km).",
        },
    },
    "school_street": {
        "fr": {
            "title": "Créer une rue scolaire devant {school}",
            "where": "{streets} ({length} m de voies de desserte)",
            "why": "{calm} % du linéaire de rues à moins de 300 m de l’établissement est à 30 km/h ou moins.",
            "why_unknown": "Les rues devant l’établissement sont des voies de desserte, fermables aux heures "
                           "d’entrée et de sortie.",
            "effect": "{homes} {home_unit} {have} cet établissement pour école la plus proche à moins de "
                      "{catchment} m à pied.",
            "effect_unknown": "Bénéficiaires non calculés (thème accessibilité absent).",
        },
        "en": {
            "title": "Make a school street in front of {school}",
            "where": "{streets} ({length} m of access streets)",
            "why": "{calm} % of the street length within 300 m of the school is at 30 km/h or less.",
            "why_unknown": "The streets in front of the school are access streets that can close at school "
                           "times.",
            "effect": "{homes} {home_unit} {have} it as {their} nearest school within a {catchment} m walk.",
            "effect_unknown": "Beneficiaries not computed (no accessibility theme).",
        },
    },
    "school_crossings": {
        "fr": {
            "title": "Mettre aux normes les traversées autour de {school}",
            "title_unverified": "Vérifier et mettre aux normes les traversées autour de {school}",
            "where": "{count} {crossings} à moins de {radius} m de l’établissement",
            "why": "sur {total} {total_crossings} à moins de {radius} m, {fix_unknown} ; {ok}.",
            "why_unverified": "sur {total} {total_crossings} à moins de {radius} m, {unknown_kerb} ; {ok}.",
            "effect": "{homes} {home_unit} {have} cet établissement pour école la plus proche à moins de "
                      "{catchment} m à pied.",
            "effect_unknown": "Bénéficiaires non calculés (thème accessibilité absent).",
        },
        "en": {
            "title": "Bring the crossings around {school} up to standard",
            "title_unverified": "Check and bring up to standard the crossings around {school}",
            "where": "{count} {crossings} within {radius} m of the school",
            "why": "Of {total} {total_crossings} within {radius} m, {fix_unknown}; {ok}.",
            "why_unverified": "Of {total} {total_crossings} within {radius} m, {unknown_kerb}; {ok}.",
            "effect": "{homes} {home_unit} {have} it as {their} nearest school within a {catchment} m walk.",
            "effect_unknown": "Beneficiaries not computed (no accessibility theme).",
        },
    },
    "bike_stands": {
        "fr": {
            "title": "Poser des arceaux vélo aux destinations les plus fréquentées",
            "where": "{places}",
            "why": "{these_destinations} aucun stationnement vélo à moins de 50 m ; {share_with}.",
            "effect": "{equipped}, {surrounded} de {homes} {home_unit} à moins de {around} m.",
            "effect_unknown": "{equipped}.",
        },
        "en": {
            "title": "Install bike stands at the busiest destinations",
            "where": "{places}",
            "why": "{these_destinations} no bike parking within 50 m; {share_with}.",
            "effect": "{equipped}, {surrounded} {homes} {home_unit} within {around} m.",
            "effect_unknown": "{equipped}.",
        },
    },
    "stop_access": {
        "fr": {
            "title": "Rendre accessible l’arrêt « {stop} »",
            "where": "arrêt « {stop} » ({count} {platforms})",
            "why": "l’arrêt est renseigné non accessible en fauteuil roulant ; {share_accessible}.",
            "effect": "{homes} {home_unit} {have} cet arrêt pour arrêt le plus proche à moins de {served} m "
                      "à pied.",
            "effect_unknown": "Bénéficiaires non calculés.",
        },
        "en": {
            "title": "Make the stop “{stop}” accessible",
            "where": "Stop “{stop}” ({count} {platforms})",
            "why": "The stop is mapped as not wheelchair accessible; {share_accessible}.",
            "effect": "{homes} {home_unit} {have} it as {their} nearest stop within a {served} m walk.",
            "effect_unknown": "Beneficiaries not computed.",
        },
    },
}  # fmt: skip

# Words and clauses that agree with a count, by the placeholder they fill in ACTIONS: (none, one, several).
# One takes the singular, several (and none, when it is printed) the plural; a clause about none is said in
# words (« aucune… ») or left out (""). ``{n}`` is the count, ``{share}`` and ``{den}`` a share and what it
# is a share of (a share of 0 reads « aucun des … », never « seules 0 % »).
COUNTED: dict[str, dict[str, tuple[str, str, str]]] = {
    "fr": {
        "have": ("ont", "a", "ont"),
        "would_gain": ("gagneraient", "gagnerait", "gagneraient"),
        "separate": ("séparent", "sépare", "séparent"),
        "platforms": ("quai", "quai", "quais"),
        "crossings": ("traversée", "traversée", "traversées"),
        "along": ("", ", le long desquelles se trouve 1 école ou arrêt",
                  ", le long desquelles se trouvent {n} écoles et arrêts"),
        "fix": ("", "1 n’a pas d’abaissé de trottoir", "{n} n’ont pas d’abaissé de trottoir"),
        "unknown": ("", "1 n’est pas décrite dans OpenStreetMap (à vérifier sur place)",
                    "{n} ne sont pas décrites dans OpenStreetMap (à vérifier sur place)"),
        "unknown_kerb": ("", "1 n’a pas de bordure décrite dans OpenStreetMap (à vérifier sur place, puis à "
                         "abaisser si besoin)", "{n} n’ont pas de bordure décrite dans OpenStreetMap (à vérifier "
                         "sur place, puis à abaisser si besoin)"),
        "ok": ("aucune n’est conforme", "1 est conforme", "{n} sont conformes"),
        "these_destinations": ("", "cette destination n’a", "ces {n} destinations n’ont"),
        "equipped": ("", "1 destination équipée", "{n} destinations équipées"),
        "surrounded": ("entourées", "entourée", "entourées"),
        "share_with": ("aucune {den} n’en a un", "seules {share} % {den} en ont un",
                       "seules {share} % {den} en ont un"),
        "share_accessible": ("aucun {den} n’est renseigné accessible", "{share} % {den} sont renseignés accessibles",
                             "{share} % {den} sont renseignés accessibles"),
        "their": ("", "", ""),
    },
    "en": {
        "have": ("have", "has", "have"),
        "would_gain": ("would gain", "would gain", "would gain"),
        "separate": ("separate", "separates", "separate"),
        "platforms": ("platforms", "platform", "platforms"),
        "crossings": ("crossings", "crossing", "crossings"),
        "along": ("", ", along which lies 1 school or stop", ", along which lie {n} schools and stops"),
        "fix": ("", "1 has no lowered kerb", "{n} have no lowered kerb"),
        "unknown": ("", "1 is not described in OpenStreetMap (to check on site)",
                    "{n} are not described in OpenStreetMap (to check on site)"),
        "unknown_kerb": ("", "1 has no kerb described in OpenStreetMap (to check on site, then lower where "
                         "needed)", "{n} have no kerb described in OpenStreetMap (to check on site, then lower "
                         "where needed)"),
        "ok": ("none complies", "1 complies", "{n} comply"),
        "these_destinations": ("", "This destination has", "These {n} destinations have"),
        "equipped": ("", "1 destination equipped", "{n} destinations equipped"),
        "surrounded": ("with", "with", "with"),
        "share_with": ("none {den} has one", "only {share} % {den} have one", "only {share} % {den} have one"),
        "share_accessible": ("none {den} is mapped accessible", "{share} % {den} are mapped accessible",
                             "{share} % {den} are mapped accessible"),
        "their": ("their", "its", "their"),
    },
}  # fmt: skip
AND = {"fr": " et ", "en": " and "}


def counted(key: str, count, lang: str, **fields) -> str:
    """The words of COUNTED[lang][key] for ``count`` (None reads as several: an unknown count is not one);
    ``fields`` fill its placeholders ({n}: the count as printed)."""
    none, one, several = COUNTED[lang][key]
    text = none if count == 0 else one if count == 1 else several
    return text.format(**fields)


DESTINATION_KINDS = {
    "fr": {
        "school": "établissement scolaire", "station": "gare", "stop": "arrêt", "townhall": "mairie",
        "library": "bibliothèque", "health": "santé", "public_office": "service public", "sport": "sport",
        "shop": "commerce",
    },
    "en": {
        "school": "school", "station": "station", "stop": "stop", "townhall": "town hall", "library": "library",
        "health": "health", "public_office": "public office", "sport": "sport", "shop": "shop",
    },
}  # fmt: skip

# What mappers can add to sharpen the diagnosis: (key in counts or an indicator id, unit, sentence).
MAPPING = (
    ("share_no_speed_tag", "%", {
        "fr": "Vitesse maximale des rues (maxspeed) : non renseignée sur {value} % du linéaire de voirie{km}",
        "en": "Street speed limits (maxspeed): not mapped on {value} % of the street length{km}",
    }),
    ("stops_wheelchair_unknown", "count", {
        "fr": "Accessibilité des arrêts (wheelchair) : {value} arrêts sans information",
        "en": "Stop accessibility (wheelchair): {value} stops without information",
    }),
    ("crossings_kerb_unknown", "count", {
        "fr": "Bordures des traversées (kerb) : {value} traversées sans information",
        "en": "Crossing kerbs (kerb): {value} crossings without information",
    }),
    ("streets_without_sidewalk_info_km", "km", {
        "fr": "Trottoirs (sidewalk) : {value} km de rues urbaines sans information",
        "en": "Sidewalks (sidewalk): {value} km of urban streets without information",
    }),
    ("bike_parkings_unknown_capacity", "count", {
        "fr": "Capacité des stationnements vélo (capacity) : {value} stationnements sans capacité",
        "en": "Bike parking capacity (capacity): {value} bike parkings without capacity",
    }),
    ("car_parks_unknown_capacity", "count", {
        "fr": "Capacité des parkings (capacity) : {value} parkings sans capacité",
        "en": "Car park capacity (capacity): {value} car parks without capacity",
    }),
    ("street_parking_unmapped_share", "%", {
        "fr": "Stationnement sur voirie (parking:left/right) : non renseigné sur {value} % du linéaire de rues",
        "en": "On-street parking (parking:left/right): not mapped on {value} % of the street length",
    }),
    ("schools_not_mapped", "count", {  # no school in OSM and no directory to say which are missing
        "fr": "Écoles (amenity=school) : aucune n’est cartographiée sur le territoire ; ajoutez celles qui existent",
        "en": "Schools (amenity=school): none is mapped in the territory; add those that exist",
    }),
    ("missing_in_osm", "count", {
        "fr": "Établissements scolaires de l’annuaire absents d’OpenStreetMap : {value}",
        "en": "Schools of the national directory missing from OpenStreetMap: {value}",
    }),
)  # fmt: skip

TABLE_HEADERS = {
    "fr": {
        "school": "Établissement", "score": "Note /100", "problem": "Principal problème",
        "gap": "N°", "streets": "Rues", "length": "Longueur (m)", "joins": "Relie", "homes": "Logements proches",
        "what": "À cartographier", "count": "Nombre",
    },
    "en": {
        "school": "School", "score": "Score /100", "problem": "Main problem",
        "gap": "No.", "streets": "Streets", "length": "Length (m)", "joins": "Joins", "homes": "Homes near",
        "what": "To map", "count": "Count",
    },
}  # fmt: skip
# The gaps annex's length of a crossing (it has none: a road to cross).
GAP_CROSSING_LENGTH = {"fr": "traversée", "en": "crossing"}
GAP_JOINS = {
    "fr": {
        "islands": "îlots {a} ({a_km} km) et {b} ({b_km} km)",
        "destination": "{destination} et l’îlot {a} ({a_km} km)",
    },
    "en": {
        "islands": "islands {a} ({a_km} km) and {b} ({b_km} km)",
        "destination": "{destination} and island {a} ({a_km} km)",
    },
}


# French typography (espaces insécables): a no-break space before the colon and inside guillemets, a
# narrow one before ; ? ! and between a number and %, a no-break space after n°.
FRENCH_SPACES = (
    (" :", "\u00a0:"), (" ;", "\u202f;"), (" ?", "\u202f?"), (" !", "\u202f!"), ("« ", "«\u00a0"),
    (" »", "\u00a0»"), (" %", "\u202f%"), ("n° ", "n°\u00a0"),
)  # fmt: skip


# Units a figure keeps on its line (« 1,5 km », « 12 places »), longest first.
UNITS_AFTER_FIGURE = ("km²", "km/h", "km", "m²", "min", "m", "h", "places", "place")
_FIGURE_UNIT = re.compile(rf"(\d) (?=(?:{'|'.join(map(re.escape, UNITS_AFTER_FIGURE))})(?!\w))")


def typeset(text: str, lang: str) -> str:
    """``text`` with French typography when ``lang`` is French (unchanged otherwise): non-breaking spaces
    before « : », « % »…, inside « », and between a figure and its unit."""
    if lang != "fr":
        return text
    for plain, spaced in FRENCH_SPACES:
        text = text.replace(plain, spaced)
    return _FIGURE_UNIT.sub("\\1\u00a0", text)
