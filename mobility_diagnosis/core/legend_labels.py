"""The legend labels of the output layers' styles in the report's language.

The styles (``resources/styles/<layer>.qml``) are one file for both languages, stored once in the GeoPackage:
their labels are bilingual or English. When the layers are opened for the report, the stored project and the
dock, each renderer class whose style label is a key below takes the label of the report's language
(``qgis_io.export.legend_labels``). A style label missing here is left as the style says, and
``tests/core/test_legend_labels.py`` checks that every label of every style is here.
"""

from __future__ import annotations

from typing import Mapping

from .themes import pick

# style label (as written in resources/styles/<layer>.qml) → {lang: label}. The French words are those of
# the Cerema's cycling and accessibility guides (bande, piste, double sens cyclable, vélorue, abaissé).
LEGEND_LABELS: Mapping[str, Mapping[str, str]] = {
    # cycling_segments.qml: Level of Traffic Stress (LTS, see the glossary)
    "LTS 0: cycling not allowed / vélo interdit": {
        "en": "0: cycling not allowed (footways, steps)",
        "fr": "0 : vélo interdit (trottoirs, escaliers)",
    },
    "LTS 1: children / enfants": {"en": "1: suitable for children", "fr": "1 : adapté aux enfants"},
    "LTS 2: most adults / la plupart des adultes": {
        "en": "2: most adults",
        "fr": "2 : la plupart des adultes",
    },
    "LTS 3: confident / cyclistes confiants": {
        "en": "3: confident cyclists",
        "fr": "3 : cyclistes confiants",
    },
    "LTS 4: strong and fearless / cyclistes aguerris": {
        "en": "4: strong and fearless cyclists only",
        "fr": "4 : cyclistes aguerris seulement",
    },
    # cycling_segments_facilities.qml
    "Bus lane / couloir bus+vélo": {"en": "Bus lane open to bikes", "fr": "Couloir bus ouvert aux vélos"},
    "Contraflow lane / double sens bande": {"en": "Contraflow lane", "fr": "Double sens cyclable en bande"},
    "Contraflow track / double sens piste": {"en": "Contraflow track", "fr": "Double sens cyclable en piste"},
    "Contraflow, unmarked / double sens cyclable": {
        "en": "Contraflow, unmarked",
        "fr": "Double sens cyclable sans marquage",
    },
    "Cycle street / vélorue": {"en": "Cycle street", "fr": "Vélorue"},
    "Cycleway / voie cyclable": {"en": "Cycleway", "fr": "Voie cyclable"},
    "Lane / bande cyclable": {"en": "Cycle lane", "fr": "Bande cyclable"},
    "Mapped separately / tracé à part": {"en": "Mapped separately", "fr": "Tracé à part"},
    "No facility / pas d'aménagement": {"en": "No facility", "fr": "Pas d’aménagement"},
    "Shared path / voie partagée": {"en": "Shared path", "fr": "Voie partagée"},
    "Sharrows / chaussée partagée": {"en": "Sharrows", "fr": "Chaussée partagée"},
    "Shoulder / accotement": {"en": "Shoulder", "fr": "Accotement"},
    "Track / piste cyclable": {"en": "Cycle track", "fr": "Piste cyclable"},
    # parking_supply.qml
    "Bike parking": {"en": "Bike parking", "fr": "Stationnement vélo"},
    "Car park": {"en": "Car park", "fr": "Parking"},
    "Carpool area": {"en": "Carpool area", "fr": "Aire de covoiturage"},
    "On-street (street side)": {"en": "On-street (street side)", "fr": "Sur voirie (côté de rue)"},
    "Park and ride": {"en": "Park and ride", "fr": "Parc relais"},
    # road_crashes.qml, crash_streets.qml
    "Grave (hospitalisé) / serious": {"en": "Serious (hospitalised)", "fr": "Grave (hospitalisé)"},
    "Gravité non renseignée / severity not recorded": {
        "en": "Severity not recorded",
        "fr": "Gravité non renseignée",
    },
    "Léger / slight": {"en": "Slight", "fr": "Léger"},
    "Mortel / fatal": {"en": "Fatal", "fr": "Mortel"},
    "Sans blessé renseigné / no injury recorded": {"en": "No injury recorded", "fr": "Sans blessé renseigné"},
    "Rue avec accidents / street with crashes": {"en": "Street with crashes", "fr": "Rue avec accidents"},
    "À traiter en priorité : cycliste accidenté et LTS ≥ 3 / act here first": {
        "en": "Act here first: a cyclist injured, stress 3 or more",
        "fr": "À traiter en priorité : cycliste accidenté, stress 3 ou plus",
    },
    # school_diagnosis.qml, school_street_candidates.qml, school_directory_gaps.qml
    "0 – 25 : très faible / very low": {"en": "0–25/100: very low", "fr": "0–25/100 : très faible"},
    "25 – 50 : faible / low": {"en": "25–50/100: low", "fr": "25–50/100 : faible"},
    "50 – 75 : correct / fair": {"en": "50–75/100: fair", "fr": "50–75/100 : correct"},
    "75 – 100 : bon / good": {"en": "75–100/100: good", "fr": "75–100/100 : bon"},
    "Entrée d’école / school entrance": {"en": "School entrance", "fr": "Entrée d’école"},
    "Façade d’école / school frontage": {"en": "School frontage", "fr": "Façade d’école"},
    "Près de l’école / next to the school": {"en": "Next to the school", "fr": "Près de l’école"},
    "Rue scolaire existante / existing school street": {
        "en": "Existing school street",
        "fr": "Rue scolaire existante",
    },
    "Absent de l’annuaire / not in the directory": {
        "en": "Not in the directory",
        "fr": "Absent de l’annuaire",
    },
    "Absent d’OpenStreetMap / missing in OSM": {
        "en": "Missing in OpenStreetMap",
        "fr": "Absent d’OpenStreetMap",
    },
    # crossing_access.qml, sidewalk_gaps.qml
    "kerb unknown (to map)": {
        "en": "Kerb unknown (to map)",
        "fr": "Bordure non renseignée (à cartographier)",
    },
    "lowered or flush kerb": {"en": "Lowered or flush kerb", "fr": "Bordure abaissée ou à niveau"},
    "raised kerb": {"en": "Raised kerb", "fr": "Bordure haute"},
    "no sidewalk information (to map)": {
        "en": "No sidewalk information (to map)",
        "fr": "Trottoir non renseigné (à cartographier)",
    },
    # stop_access.qml
    "wheelchair: limited": {"en": "Wheelchair: limited", "fr": "Fauteuil roulant : accès limité"},
    "wheelchair: no": {"en": "Wheelchair: no access", "fr": "Fauteuil roulant : inaccessible"},
    "wheelchair: unknown (to map)": {
        "en": "Wheelchair: unknown (to map)",
        "fr": "Fauteuil roulant : non renseigné (à cartographier)",
    },
    "wheelchair: yes": {"en": "Wheelchair: accessible", "fr": "Fauteuil roulant : accessible"},
    # transit_service.qml
    "departures in the window": {"en": "Departures in the window", "fr": "Départs dans la plage horaire"},
    "frequent service": {"en": "Frequent service", "fr": "Desserte fréquente"},
    "no departure in the window": {
        "en": "No departure in the window",
        "fr": "Aucun départ dans la plage horaire",
    },
    # walk_access.qml, walk_catchments.qml
    "no walking access (see reason)": {
        "en": "No walking access (see the reason)",
        "fr": "Pas d’accès à pied (voir la raison)",
    },
    "stop farther than 1000 m": {"en": "Stop farther than 1,000 m", "fr": "Arrêt à plus de 1 000 m"},
    "stop within 300 m": {"en": "Stop within 300 m", "fr": "Arrêt à moins de 300 m"},
    "stop within 300–500 m": {"en": "Stop at 300–500 m", "fr": "Arrêt entre 300 et 500 m"},
    "stop within 500–1000 m": {"en": "Stop at 500–1,000 m", "fr": "Arrêt entre 500 et 1 000 m"},
    "300–500 m": {"en": "300–500 m", "fr": "300–500 m"},
    "500–1000 m": {"en": "500–1,000 m", "fr": "500–1 000 m"},
    "within 300 m": {"en": "Within 300 m", "fr": "À moins de 300 m"},
    # public_buildings_access.qml (Acceslibre)
    "step-free entrance: yes": {"en": "Step-free entrance", "fr": "Entrée de plain-pied"},
    "step-free entrance: no": {"en": "Entrance with steps", "fr": "Entrée avec marches"},
    "step-free entrance: unknown (not described)": {
        "en": "Entrance not described",
        "fr": "Entrée non renseignée",
    },
    # commuting_flows.qml
    "Residents working elsewhere / actifs sortants": {
        "en": "Residents working elsewhere",
        "fr": "Actifs résidents travaillant ailleurs",
    },
    "Workers coming in / actifs entrants": {
        "en": "Workers coming in",
        "fr": "Actifs venant d’ailleurs",
    },
    # comparison.qml (diagnosemany)
    "< 20 %": {"en": "< 20 %", "fr": "< 20 %"},
}


def legend_label(style_label: str, lang: str) -> str:
    """The label of ``lang`` for a style's label; the style's own when the table does not know it."""
    texts = LEGEND_LABELS.get(style_label)
    return pick(texts, lang) if texts else style_label
