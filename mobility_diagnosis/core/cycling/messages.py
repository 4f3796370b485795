"""Human texts of the cycling core, keyed by language ("en", "fr"), chosen by a ``lang`` argument."""

from __future__ import annotations

from typing import Mapping

from .facilities import Note

# One sentence per LTS rule id (lts.py tables). {speed} km/h, {lanes} motor lanes, {highway} class.
RULES: dict[str, dict[str, str]] = {
    "en": {
        "p1": "Cycling not allowed: {key}={value}",
        "p2": "Cycling not allowed: {key}={value}",
        "p3": "Cycling not allowed: {key}={value} (motor road)",
        "p4": "Cycling not allowed: {key}={value} without a bicycle exception",
        "p5": "Not rideable: {key}={value}",
        "p6": "Cycling not allowed: {key}={value} without bicycle=yes/designated",
        "p7": "Cycling not allowed: {key}={value} without bicycle=yes/designated",
        "p8": "Not a way in use for cycling: {key}={value}",
        "p9": "Not a way for cycling: {key}={value}",
        "s1": "Cycleway separated from motor traffic",
        "s2": "Path shared with pedestrians, no motor traffic",
        "s3": "Path without motor traffic",
        "s4": "Cycle street: cyclists have priority, motor traffic as guests",
        "s5": "Pedestrian area where cycling is allowed",
        "s6": "No motor traffic (motor_vehicle=no)",
        "s7": "Separated cycle track in the direction ridden",
        "b1": "Bike lane beside parking, up to {speed} km/h, {lanes} motor lane per direction",
        "b2": "Bike lane beside parking at {speed} km/h (41-50 km/h)",
        "b3": "Bike lane beside parking at {speed} km/h with {lanes} motor lane(s) per direction",
        "b4": "Bike lane beside parking at {speed} km/h (65 km/h or more)",
        "c1": "Bike lane, up to {speed} km/h, {lanes} motor lane per direction",
        "c2": "Bike lane at {speed} km/h with {lanes} motor lane(s) per direction",
        "c3": "Bike lane at {speed} km/h (65 km/h or more)",
        "l1": "Bike lane on a main road (highway={highway}) at {speed} km/h, treated as busy",
        "l2": "Bike lane on a secondary road (highway={highway}) at {speed} km/h, treated as busy",
        "m1": "Mixed traffic at walking pace or {speed} km/h",
        "m2": "Mixed traffic at {speed} km/h on a local street (highway={highway}), {lanes} lane(s)",
        "m3": "Mixed traffic at {speed} km/h on highway={highway}, {lanes} lane(s)",
        "m4": "Mixed traffic at {speed} km/h on a local street (highway={highway}), {lanes} lane(s)",
        "m5": "Mixed traffic at {speed} km/h on highway={highway}, {lanes} lane(s)",
        "m6": "Mixed traffic at {speed} km/h with {lanes} lanes",
        "m7": "Mixed traffic at {speed} km/h on a local street (highway={highway}), {lanes} lane(s)",
        "m8": "Mixed traffic at {speed} km/h on highway={highway}, {lanes} lane(s)",
        "m9": "Mixed traffic at {speed} km/h with {lanes} lane(s) on highway={highway}",
    },
    "fr": {
        "p1": "Vélo interdit : {key}={value}",
        "p2": "Vélo interdit : {key}={value}",
        "p3": "Vélo interdit : {key}={value} (route pour automobiles)",
        "p4": "Vélo interdit : {key}={value} sans exception pour les vélos",
        "p5": "Impraticable à vélo : {key}={value}",
        "p6": "Vélo interdit : {key}={value} sans bicycle=yes/designated",
        "p7": "Vélo interdit : {key}={value} sans bicycle=yes/designated",
        "p8": "Voie non ouverte à la circulation : {key}={value}",
        "p9": "Pas une voie cyclable : {key}={value}",
        "s1": "Piste séparée de la circulation motorisée",
        "s2": "Chemin partagé avec les piétons, sans circulation motorisée",
        "s3": "Chemin sans circulation motorisée",
        "s4": "Vélorue : priorité aux cyclistes, véhicules motorisés en invités",
        "s5": "Aire piétonne ouverte aux vélos",
        "s6": "Pas de circulation motorisée (motor_vehicle=no)",
        "s7": "Piste cyclable séparée dans le sens parcouru",
        "b1": "Bande cyclable le long du stationnement, jusqu'à {speed} km/h, {lanes} voie par sens",
        "b2": "Bande cyclable le long du stationnement à {speed} km/h (41 à 50 km/h)",
        "b3": "Bande cyclable le long du stationnement à {speed} km/h, {lanes} voie(s) par sens",
        "b4": "Bande cyclable le long du stationnement à {speed} km/h (65 km/h ou plus)",
        "c1": "Bande cyclable, jusqu'à {speed} km/h, {lanes} voie par sens",
        "c2": "Bande cyclable à {speed} km/h, {lanes} voie(s) par sens",
        "c3": "Bande cyclable à {speed} km/h (65 km/h ou plus)",
        "l1": "Bande cyclable sur un axe principal (highway={highway}) à {speed} km/h, considéré chargé",
        "l2": "Bande cyclable sur un axe secondaire (highway={highway}) à {speed} km/h, considéré chargé",
        "m1": "Circulation mixte au pas ou à {speed} km/h",
        "m2": "Circulation mixte à {speed} km/h sur une rue de desserte (highway={highway}), {lanes} voie(s)",
        "m3": "Circulation mixte à {speed} km/h sur highway={highway}, {lanes} voie(s)",
        "m4": "Circulation mixte à {speed} km/h sur une rue de desserte (highway={highway}), {lanes} voie(s)",
        "m5": "Circulation mixte à {speed} km/h sur highway={highway}, {lanes} voie(s)",
        "m6": "Circulation mixte à {speed} km/h avec {lanes} voies",
        "m7": "Circulation mixte à {speed} km/h sur une rue de desserte (highway={highway}), {lanes} voie(s)",
        "m8": "Circulation mixte à {speed} km/h sur highway={highway}, {lanes} voie(s)",
        "m9": "Circulation mixte à {speed} km/h, {lanes} voie(s), highway={highway}",
    },
}

LEVEL: dict[str, str] = {"en": ": LTS {lts}", "fr": " : niveau de stress {lts}"}

NOTES: dict[str, dict[str, str]] = {
    "en": {
        "deprecated_opposite": "{key}={value} is deprecated, read as a contraflow facility",
        "vague_cycleway": "{key}={value} is vague: assumed a painted lane",
        "unknown_cycleway": "{key}={value} not understood: assumed no facility",
        "assumed_contraflow": "{key}={value} on the contraflow side with oneway:bicycle=no: assumed a "
        "contraflow facility",
        "lanes_multiple": "lanes={value}: several values, {lanes} used",
        "lanes_invalid": "lanes={value} not understood: assumed {lanes}",
        "parking_assumed_absent": "no parking tag: assumed no parking",
        "worst_direction": "worst direction: {direction}, {facility}",
        "forward": "along the way",
        "backward": "against the way",
    },
    "fr": {
        "deprecated_opposite": "{key}={value} est obsolète, lu comme un double sens cyclable",
        "vague_cycleway": "{key}={value} est imprécis : bande cyclable supposée",
        "unknown_cycleway": "{key}={value} non compris : pas d'aménagement supposé",
        "assumed_contraflow": "{key}={value} du côté du contresens avec oneway:bicycle=no : double sens "
        "cyclable supposé",
        "lanes_multiple": "lanes={value} : plusieurs valeurs, {lanes} retenu",
        "lanes_invalid": "lanes={value} non compris : {lanes} supposé",
        "parking_assumed_absent": "pas de tag de stationnement : pas de stationnement supposé",
        "worst_direction": "sens le plus difficile : {direction}, {facility}",
        "forward": "dans le sens du tracé",
        "backward": "à contresens du tracé",
    },
}


def rule_text(rule: str, lang: str, args: Mapping[str, str], lts: int) -> str:
    table = RULES.get(lang, RULES["en"])
    sentence = table.get(rule, rule).format_map(_Default(args))
    return sentence + LEVEL.get(lang, LEVEL["en"]).format(lts=lts)


def note_text(note: Note, lang: str) -> str:
    table = NOTES.get(lang, NOTES["en"])
    args = dict(note.args)
    if "direction" in args:
        args["direction"] = table.get(args["direction"], args["direction"])
    return table.get(note.key, note.key).format_map(_Default(args))


class _Default(dict):
    """str.format_map that leaves an unknown placeholder visible instead of raising."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
