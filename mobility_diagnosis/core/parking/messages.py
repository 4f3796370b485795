"""The parking theme's messages, keyed by language (the core never translates through Qt), and how a
warning names an OSM feature."""

from __future__ import annotations

from typing import Mapping

MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "capacity_unreadable": (
            "{feature}: capacity={raw!r} could not be read as a number of spaces; it is ignored. "
            "Fix the tag in OSM (a whole number, e.g. capacity=12)."
        ),
        "capacity_negative": ("{feature}: capacity={raw!r} is negative; it is ignored. Fix the tag in OSM."),
        "capacity_absurd": (
            "{feature}: capacity={raw!r} is implausibly large (over {maximum}); it is ignored. "
            "Check the tag in OSM."
        ),
        "capacity_range": "{feature}: capacity={raw!r} is a range; its lower bound {value} is used.",
        "capacity_dense": (
            "{feature}: capacity={value} on {area:.0f} m² mapped ({levels} level(s)) is more than one space per "
            "{minimum:g} m²; the tag is kept. Check the capacity or the outline in OSM."
        ),
        "capacity_list": (
            "{feature}: capacity={raw!r} lists several numbers; their sum {value} is used. "
            "Consider one capacity per OSM feature."
        ),
        "csv_left_out": (
            "{count} bike parking(s) left out of stationnement_cyclable.csv because the national schema "
            "requires what OSM does not say ({reasons}). Add capacity=* and bicycle_parking=* in OSM to "
            "include them."
        ),
        "no_capacity": "capacity",
        "no_type": "type of stand",
        "bnlc_bad_reply": (
            "Carpool areas skipped: {url} did not return the national carpool base as GeoJSON ({detail}). "
            "Try again later, or untick the carpool option."
        ),
        "bnlc_skipped_features": "{count} carpool area(s) of the national base had no usable point and were skipped.",
        "bnlc_not_french": (
            "Carpool areas skipped: the national carpool base (BNLC) covers French communes, and {code} is not "
            "an INSEE commune code."
        ),
        "bnlc_failed": "Carpool areas skipped: {reason}",
    },
    "fr": {
        "capacity_unreadable": (
            "{feature} : capacity={raw!r} n’est pas un nombre de places lisible ; valeur ignorée. "
            "Corrigez la balise dans OSM (un nombre entier, p. ex. capacity=12)."
        ),
        "capacity_negative": (
            "{feature} : capacity={raw!r} est négative ; valeur ignorée. Corrigez la balise dans OSM."
        ),
        "capacity_absurd": (
            "{feature} : capacity={raw!r} est invraisemblable (plus de {maximum}) ; valeur ignorée. "
            "Vérifiez la balise dans OSM."
        ),
        "capacity_range": (
            "{feature} : capacity={raw!r} est un intervalle ; sa borne basse {value} est retenue."
        ),
        "capacity_dense": (
            "{feature} : capacity={value} sur {area:.0f} m² cartographiés ({levels} niveau(x)), soit plus d’une "
            "place par {minimum:g} m² ; la balise est conservée. Vérifiez la capacité ou le contour dans OSM."
        ),
        "capacity_list": (
            "{feature} : capacity={raw!r} contient plusieurs nombres ; leur somme {value} est retenue. "
            "Mieux vaut une capacité par objet OSM."
        ),
        "csv_left_out": (
            "{count} stationnement(s) vélo absent(s) de stationnement_cyclable.csv : le schéma national "
            "exige une information qu’OSM ne donne pas ({reasons}). Ajoutez capacity=* et "
            "bicycle_parking=* dans OSM pour les inclure."
        ),
        "no_capacity": "capacité",
        "no_type": "type d’accroche",
        "bnlc_bad_reply": (
            "Aires de covoiturage ignorées : {url} n’a pas renvoyé la base nationale en GeoJSON ({detail}). "
            "Réessayez plus tard ou décochez l’option covoiturage."
        ),
        "bnlc_skipped_features": "{count} aire(s) de covoiturage de la base nationale sans point exploitable, ignorée(s).",
        "bnlc_not_french": (
            "Aires de covoiturage ignorées : la base nationale des lieux de covoiturage (BNLC) couvre les "
            "communes françaises, et {code} n’est pas un code commune INSEE."
        ),
        "bnlc_failed": "Aires de covoiturage ignorées : {reason}",
    },
}


def message(lang: str, key: str, **values: object) -> str:
    table = MESSAGES.get(lang, MESSAGES["en"])
    return table[key].format(**values)


def feature_label(osm_type: str, osm_id: int, tags: Mapping[str, str]) -> str:
    """How a warning names a feature: OSM type/id (findable on openstreetmap.org) and its name."""
    name = tags.get("name")
    return f"{osm_type}/{osm_id}" + (f" ({name})" if name else "")
