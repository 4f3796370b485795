"""The report's sentences of each theme (« Ce qu’il faut retenir »), in French and English: the ``readings``
of the theme registry's rows (core.themes), kept here so the registry stays a table one can read.

Every share names what it is a share of, with its count when the theme counts it (the residential
buildings, stops, crossings, destinations, schools), and a zero or a one is said in words, never
« 0 rues » or « 1 tronçons »: the forms are chosen by the one plural rule (``core.report_text.plural_form``)
through ``{indicator:one|other}`` or ``{indicator:zero|one|other}`` (``#`` is the figure), and a sentence
whose shape changes (« Aucune des 25 traversées… ») is a ``Variant``. Pure data: no QGIS import.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping


@dataclass(frozen=True)
class Variant:
    """Another wording of a reading, used when every condition holds: (indicator, form), the form one of
    ``core.report_text.FORMS`` ("zero", "one", "all": a share of 100 %, "known", "unknown", "not_recorded":
    the source files do not record it). An empty text
    writes no sentence."""

    when: tuple[tuple[str, str], ...]
    text: Mapping[str, str]


@dataclass(frozen=True)
class ReadingTemplate:
    """A sentence of the report, written when every indicator it names is known (core.report_text).

    In ``text``, ``{indicator}`` is the figure as printed and ``{indicator:one|other}`` (or
    ``{indicator:zero|one|other}``, ``#`` standing for the figure) the words that agree with it. The first
    of the ``variants`` whose conditions hold replaces ``text`` (an empty ``text``: only its variants are
    ever written). ``optional`` indicators may be unknown (a diagnosis from an older version): a variant
    then says the sentence without them."""

    indicators: tuple[str, ...]
    text: Mapping[str, str]  # {lang: template}
    variants: tuple[Variant, ...] = ()
    optional: tuple[str, ...] = ()


def _v(*when: tuple[str, str], fr: str, en: str) -> Variant:
    return Variant(tuple(when), {"fr": fr, "en": en})


# -- cycling (docs/cycling.md) ----------------------------------------------------------------------------
_STREETS_FR = "du linéaire de voirie ouvert aux voitures où le vélo est autorisé"
_STREETS_EN = "of the street length open to cars where cycling is allowed"
CYCLING = (
    ReadingTemplate(
        ("share_lts_le2", "street_km"),
        {
            "fr": "{share_lts_le2} % " + _STREETS_FR + " ({street_km} km) est confortable pour la plupart des "
            "cyclistes (niveau de stress 1–2).",
            "en": "{share_lts_le2} % " + _STREETS_EN + " ({street_km} km) is comfortable for most cyclists "
            "(traffic stress 1–2).",
        },
        variants=(
            _v(("street_km", "unknown"),
               fr="{share_lts_le2} % du linéaire de voirie est confortable pour la plupart des cyclistes (niveau "
               "de stress 1–2).",
               en="{share_lts_le2} % of the street length is comfortable for most cyclists (traffic stress 1–2)."),
            _v(("share_lts_le2", "zero"),
               fr="Aucune rue ouverte aux voitures où le vélo est autorisé ({street_km} km) n’est confortable pour "
               "la plupart des cyclistes (niveau de stress 1–2).",
               en="No street open to cars where cycling is allowed ({street_km} km) is comfortable for most "
               "cyclists (traffic stress 1–2)."),
            _v(("share_lts_le2", "all"),
               fr="Toute la voirie ouverte aux voitures où le vélo est autorisé ({street_km} km) est confortable "
               "pour la plupart des cyclistes (niveau de stress 1–2).",
               en="Every street open to cars where cycling is allowed ({street_km} km) is comfortable for most "
               "cyclists (traffic stress 1–2)."),
        ),
        optional=("street_km",),
    ),
    ReadingTemplate(
        ("islands", "largest_island_share"),
        {
            "fr": "Ce réseau apaisé est morcelé en {islands} îlots séparés ; le plus grand en réunit "
            "{largest_island_share} %.",
            "en": "This calm network is split into {islands} separate islands; the largest holds "
            "{largest_island_share} % of it.",
        },
        variants=(
            _v(("islands", "zero"), fr="", en=""),  # no calm network to split: the first reading says so
            _v(("islands", "one"),
               fr="Ce réseau apaisé forme un seul îlot d’un seul tenant.",
               en="This calm network forms a single connected island."),
        ),
    ),
    ReadingTemplate(
        ("gaps",),
        {
            "fr": "{gaps:Aucun tronçon court et stressant (discontinuité) ne sépare des îlots apaisés, une école ou "
            "une gare|# tronçon court et stressant (discontinuité) relierait des îlots apaisés, une école ou une "
            "gare s’il était sécurisé|# tronçons courts et stressants (discontinuités) relieraient des îlots "
            "apaisés, une école ou une gare s’ils étaient sécurisés}.",
            "en": "{gaps:No short stressful link (gap) separates calm islands, a school or a station|# short "
            "stressful link (gap) would join calm islands or reach a school or station if it were made safe|# "
            "short stressful links (gaps) would join calm islands or reach a school or station if they were made "
            "safe}.",
        },
    ),
    ReadingTemplate(
        ("km_lane", "km_track"),
        {
            "fr": "On compte {km_lane} km de bandes cyclables et {km_track} km de pistes cyclables le long des rues.",
            "en": "There are {km_lane} km of painted cycle lanes and {km_track} km of separated cycle tracks along "
            "streets.",
        },
        variants=(
            _v(("km_lane", "zero"), ("km_track", "zero"),
               fr="Aucune bande ni piste cyclable n’est cartographiée le long des rues.",
               en="No painted cycle lane or separated cycle track is mapped along streets."),
        ),
    ),
    ReadingTemplate(
        ("share_no_speed_tag",),
        {
            "fr": "La vitesse maximale n’est pas renseignée sur {share_no_speed_tag} % de ce linéaire : la limite "
            "usuelle a été supposée, la renseigner affinerait le diagnostic.",
            "en": "The speed limit is not mapped on {share_no_speed_tag} % of this street length: usual limits "
            "were assumed there, so mapping them would sharpen the diagnosis.",
        },
        variants=(
            _v(("share_no_speed_tag", "zero"),
               fr="La vitesse maximale est renseignée sur toute la voirie.",
               en="The speed limit is mapped on every street."),
        ),
    ),
)  # fmt: skip

# -- accessibility (docs/accessibility.md) -----------------------------------------------------------------
_STOP_FR = "à moins de 300 m à pied d’un arrêt de transport en commun"
_STOP_EN = "within a 300 m walk of a transit stop"
_STOPS_UNKNOWN_FR = "ne disent rien de leur accessibilité (à cartographier)"
_STOPS_UNKNOWN_EN = "say nothing about it (to map)"
_KERB_UNKNOWN_FR = (
    "la bordure de {share_crossings_kerb_unknown} % d’entre elles n’est pas renseignée (à cartographier)"
)
_KERB_UNKNOWN_EN = "the kerb of {share_crossings_kerb_unknown} % of them is not mapped (to map)"
_PUBLIC_FR = "établissement recevant du public à moins de 300 m à pied d’un arrêt ou d’une école"
_PUBLIC_EN = "public building within a 300 m walk of a stop or a school"
ACCESSIBILITY = (
    ReadingTemplate(
        ("share_within_300m_stop", "residential_buildings", "residents"),
        {
            "fr": "{share_within_300m_stop} % des {residential_buildings} bâtiments résidentiels sont " + _STOP_FR + ".",
            "en": "{share_within_300m_stop} % of the {residential_buildings} residential buildings are " + _STOP_EN + ".",
        },
        variants=(
            _v(("residents", "one"),
               fr="{share_within_300m_stop} % des habitants sont " + _STOP_FR + ".",
               en="{share_within_300m_stop} % of residents are " + _STOP_EN + "."),
            _v(("residents", "known"), ("share_within_300m_stop", "zero"),
               fr="Aucun des {residents} habitants n’est " + _STOP_FR + ".",
               en="None of the {residents} residents is " + _STOP_EN + "."),
            _v(("residents", "known"),
               fr="{share_within_300m_stop} % des {residents} habitants sont " + _STOP_FR + ".",
               en="{share_within_300m_stop} % of the {residents} residents are " + _STOP_EN + "."),
            _v(("residential_buildings", "unknown"),
               fr="{share_within_300m_stop} % des bâtiments résidentiels sont " + _STOP_FR + ".",
               en="{share_within_300m_stop} % of residential buildings are " + _STOP_EN + "."),
            _v(("residential_buildings", "one"), ("share_within_300m_stop", "zero"),
               fr="Le seul bâtiment résidentiel n’est pas " + _STOP_FR + ".",
               en="The only residential building is not " + _STOP_EN + "."),
            _v(("residential_buildings", "one"),
               fr="Le seul bâtiment résidentiel est " + _STOP_FR + ".",
               en="The only residential building is " + _STOP_EN + "."),
            _v(("share_within_300m_stop", "zero"),
               fr="Aucun des {residential_buildings} bâtiments résidentiels n’est " + _STOP_FR + ".",
               en="None of the {residential_buildings} residential buildings is " + _STOP_EN + "."),
            _v(("share_within_300m_stop", "all"),
               fr="Les {residential_buildings} bâtiments résidentiels sont tous " + _STOP_FR + ".",
               en="All {residential_buildings} residential buildings are " + _STOP_EN + "."),
        ),
        optional=("residential_buildings", "residents"),
    ),
    ReadingTemplate(
        ("share_within_500m_frequent_stop",),
        {
            "fr": "{share_within_500m_frequent_stop} % sont à moins de 500 m à pied d’une desserte fréquente.",
            "en": "{share_within_500m_frequent_stop} % are within a 500 m walk of a frequent service.",
        },
        variants=(
            _v(("share_within_500m_frequent_stop", "zero"),
               fr="Aucun n’est à moins de 500 m à pied d’une desserte fréquente.",
               en="None is within a 500 m walk of a frequent service."),
        ),
    ),
    ReadingTemplate(
        ("stops",),
        {"fr": "", "en": ""},
        variants=(
            _v(("stops", "zero"),
               fr="Aucun arrêt de transport en commun n’est cartographié sur le territoire.",
               en="No transit stop is mapped in the territory."),
        ),
    ),
    ReadingTemplate(
        ("share_stops_wheelchair_yes", "share_stops_wheelchair_unknown", "stops"),
        {
            "fr": "{share_stops_wheelchair_yes} % des {stops} arrêts sont renseignés accessibles en fauteuil roulant "
            "; {share_stops_wheelchair_unknown} % " + _STOPS_UNKNOWN_FR + ".",
            "en": "{share_stops_wheelchair_yes} % of the {stops} stops are mapped as wheelchair accessible; "
            "{share_stops_wheelchair_unknown} % " + _STOPS_UNKNOWN_EN + ".",
        },
        variants=(
            _v(("stops", "unknown"),
               fr="{share_stops_wheelchair_yes} % des arrêts sont renseignés accessibles en fauteuil roulant ; "
               "{share_stops_wheelchair_unknown} % " + _STOPS_UNKNOWN_FR + ".",
               en="{share_stops_wheelchair_yes} % of stops are mapped as wheelchair accessible; "
               "{share_stops_wheelchair_unknown} % " + _STOPS_UNKNOWN_EN + "."),
            _v(("stops", "one"), ("share_stops_wheelchair_yes", "all"),
               fr="Le seul arrêt est renseigné accessible en fauteuil roulant.",
               en="The only stop is mapped as wheelchair accessible."),
            _v(("stops", "one"), ("share_stops_wheelchair_unknown", "all"),
               fr="Le seul arrêt ne dit rien de son accessibilité en fauteuil roulant (à cartographier).",
               en="The only stop says nothing about wheelchair access (to map)."),
            _v(("stops", "one"),
               fr="Le seul arrêt est renseigné non accessible ou d’accès limité en fauteuil roulant.",
               en="The only stop is mapped as not or only partly wheelchair accessible."),
            _v(("share_stops_wheelchair_yes", "zero"), ("share_stops_wheelchair_unknown", "all"),
               fr="Aucun des {stops} arrêts ne dit s’il est accessible en fauteuil roulant (à cartographier).",
               en="None of the {stops} stops says whether it is wheelchair accessible (to map)."),
            _v(("share_stops_wheelchair_yes", "zero"),
               fr="Aucun des {stops} arrêts n’est renseigné accessible en fauteuil roulant ; "
               "{share_stops_wheelchair_unknown} % " + _STOPS_UNKNOWN_FR + ".",
               en="None of the {stops} stops is mapped as wheelchair accessible; "
               "{share_stops_wheelchair_unknown} % " + _STOPS_UNKNOWN_EN + "."),
            _v(("share_stops_wheelchair_yes", "all"),
               fr="Les {stops} arrêts sont tous renseignés accessibles en fauteuil roulant.",
               en="All {stops} stops are mapped as wheelchair accessible."),
            _v(("share_stops_wheelchair_unknown", "zero"),
               fr="{share_stops_wheelchair_yes} % des {stops} arrêts sont renseignés accessibles en fauteuil "
               "roulant ; les autres sont renseignés non accessibles ou d’accès limité.",
               en="{share_stops_wheelchair_yes} % of the {stops} stops are mapped as wheelchair accessible; the "
               "others are mapped as not or only partly accessible."),
        ),
        optional=("stops",),
    ),
    ReadingTemplate(
        ("crossings",),
        {"fr": "", "en": ""},
        variants=(
            _v(("crossings", "zero"),
               fr="Aucune traversée piétonne n’est cartographiée sur le territoire.",
               en="No pedestrian crossing is mapped in the territory."),
        ),
    ),
    ReadingTemplate(
        ("share_crossings_lowered_kerb", "share_crossings_kerb_unknown", "crossings"),
        {
            "fr": "{share_crossings_lowered_kerb} % des {crossings} traversées piétonnes ont une bordure abaissée "
            "ou à niveau ; " + _KERB_UNKNOWN_FR + ".",
            "en": "{share_crossings_lowered_kerb} % of the {crossings} pedestrian crossings have a lowered or "
            "flush kerb; " + _KERB_UNKNOWN_EN + ".",
        },
        variants=(
            _v(("crossings", "unknown"),
               fr="{share_crossings_lowered_kerb} % des traversées piétonnes ont une bordure abaissée ou à niveau ; "
               + _KERB_UNKNOWN_FR + ".",
               en="{share_crossings_lowered_kerb} % of pedestrian crossings have a lowered or flush kerb; "
               + _KERB_UNKNOWN_EN + "."),
            _v(("crossings", "one"), ("share_crossings_lowered_kerb", "all"),
               fr="La seule traversée piétonne a une bordure abaissée ou à niveau.",
               en="The only pedestrian crossing has a lowered or flush kerb."),
            _v(("crossings", "one"), ("share_crossings_kerb_unknown", "all"),
               fr="La bordure de la seule traversée piétonne n’est pas renseignée (à cartographier).",
               en="The kerb of the only pedestrian crossing is not mapped (to map)."),
            _v(("crossings", "one"),
               fr="La seule traversée piétonne n’a pas de bordure abaissée.",
               en="The only pedestrian crossing has no lowered kerb."),
            _v(("share_crossings_lowered_kerb", "zero"), ("share_crossings_kerb_unknown", "all"),
               fr="Aucune des {crossings} traversées piétonnes n’a de bordure abaissée renseignée ; la bordure de "
               "toutes ({share_crossings_kerb_unknown} %) n’est pas renseignée (à cartographier).",
               en="None of the {crossings} pedestrian crossings has a lowered kerb mapped; the kerb of all of "
               "them ({share_crossings_kerb_unknown} %) is not mapped (to map)."),
            _v(("share_crossings_lowered_kerb", "zero"), ("share_crossings_kerb_unknown", "zero"),
               fr="Aucune des {crossings} traversées piétonnes n’a de bordure abaissée ou à niveau.",
               en="None of the {crossings} pedestrian crossings has a lowered or flush kerb."),
            _v(("share_crossings_lowered_kerb", "zero"),
               fr="Aucune des {crossings} traversées piétonnes n’a de bordure abaissée renseignée ; "
               + _KERB_UNKNOWN_FR + ".",
               en="None of the {crossings} pedestrian crossings has a lowered kerb mapped; " + _KERB_UNKNOWN_EN + "."),
            _v(("share_crossings_lowered_kerb", "all"),
               fr="Les {crossings} traversées piétonnes ont toutes une bordure abaissée ou à niveau.",
               en="All {crossings} pedestrian crossings have a lowered or flush kerb."),
            _v(("share_crossings_kerb_unknown", "zero"),
               fr="{share_crossings_lowered_kerb} % des {crossings} traversées piétonnes ont une bordure abaissée "
               "ou à niveau ; la bordure de toutes est renseignée.",
               en="{share_crossings_lowered_kerb} % of the {crossings} pedestrian crossings have a lowered or "
               "flush kerb; every kerb is mapped."),
        ),
        optional=("crossings",),
    ),
    ReadingTemplate(
        ("public_buildings_step_free_entrance_share", "public_buildings_near_stops_schools"),
        {
            "fr": "{public_buildings_step_free_entrance_share} % des {public_buildings_near_stops_schools} "
            "établissements recevant du public à moins de 300 m à pied d’un arrêt ou d’une école ont une entrée "
            "sans marche (Acceslibre).",
            "en": "{public_buildings_step_free_entrance_share} % of the {public_buildings_near_stops_schools} "
            "public buildings within a 300 m walk of a stop or a school have a step-free entrance (Acceslibre).",
        },
        variants=(
            _v(("public_buildings_near_stops_schools", "one"), ("public_buildings_step_free_entrance_share", "all"),
               fr="Le seul " + _PUBLIC_FR + " a une entrée sans marche (Acceslibre).",
               en="The only " + _PUBLIC_EN + " has a step-free entrance (Acceslibre)."),
            _v(("public_buildings_near_stops_schools", "one"),
               fr="Le seul " + _PUBLIC_FR + " n’a pas d’entrée sans marche renseignée (Acceslibre).",
               en="The only " + _PUBLIC_EN + " has no step-free entrance recorded (Acceslibre)."),
            _v(("public_buildings_step_free_entrance_share", "zero"),
               fr="Aucun des {public_buildings_near_stops_schools} établissements recevant du public à moins de "
               "300 m à pied d’un arrêt ou d’une école n’a d’entrée sans marche renseignée (Acceslibre).",
               en="None of the {public_buildings_near_stops_schools} public buildings within a 300 m walk of a "
               "stop or a school has a step-free entrance recorded (Acceslibre)."),
        ),
    ),
    ReadingTemplate(
        ("public_buildings_entrance_unknown_share",),
        {
            "fr": "Pour {public_buildings_entrance_unknown_share} % d’entre eux, l’entrée n’est pas renseignée\u00a0: "
            "données à collecter auprès de leurs gestionnaires.",
            "en": "For {public_buildings_entrance_unknown_share} % of them the entrance is not described: data to "
            "collect with their managers.",
        },
        variants=(
            _v(("public_buildings_entrance_unknown_share", "zero"),
               fr="L’entrée de chacun d’entre eux est renseignée.",
               en="The entrance of each of them is described."),
            _v(("public_buildings_entrance_unknown_share", "all"),
               fr="L’entrée d’aucun d’entre eux n’est renseignée\u00a0: données à collecter auprès de leurs "
               "gestionnaires.",
               en="The entrance of none of them is described: data to collect with their managers."),
        ),
    ),
)  # fmt: skip

# -- parking (docs/parking.md) -----------------------------------------------------------------------------
_DESTINATIONS_FR = "destinations du quotidien (écoles, arrêts, commerces, services)"
_DESTINATIONS_EN = "everyday destinations (schools, stops, shops, services)"
PARKING = (
    ReadingTemplate(
        ("car_spaces_off_street", "car_spaces_on_street"),
        {
            "fr": "Places de voiture recensées : {car_spaces_off_street:aucune|#|#} en parking et "
            "{car_spaces_on_street:aucune|#|#} sur voirie.",
            "en": "Car spaces counted: {car_spaces_off_street:none|#|#} in car parks and "
            "{car_spaces_on_street:none|#|#} on the street.",
        },
        variants=(
            _v(("car_spaces_off_street", "zero"), ("car_spaces_on_street", "zero"),
               fr="Aucune place de voiture n’a été recensée, ni en parking ni sur voirie.",
               en="No car space was counted, in car parks or on the street."),
        ),
    ),
    ReadingTemplate(
        ("car_spaces_estimated_share",),
        {
            "fr": "{car_spaces_estimated_share} % de ces places sont estimées (capacité non renseignée).",
            "en": "{car_spaces_estimated_share} % of these car spaces are estimates (capacity not mapped).",
        },
        variants=(
            _v(("car_spaces_estimated_share", "all"),
               fr="Toutes ces places sont estimées (capacité non renseignée).",
               en="All these car spaces are estimates (capacity not mapped)."),
            _v(("car_spaces_estimated_share", "zero"),
               fr="La capacité de toutes ces places est renseignée.",
               en="The capacity of all these car spaces is mapped."),
        ),
    ),
    ReadingTemplate(
        ("bike_spaces", "bike_parkings_unknown_capacity"),
        {
            "fr": "{bike_spaces} {bike_spaces:place de stationnement vélo est cartographiée|places de stationnement "
            "vélo sont cartographiées}, sans compter {bike_parkings_unknown_capacity} {bike_parkings_unknown_capacity:"
            "stationnement vélo dont la capacité n’est pas renseignée|stationnements vélo dont la capacité n’est pas "
            "renseignée}.",
            "en": "{bike_spaces} bike parking {bike_spaces:space is|spaces are} mapped, besides "
            "{bike_parkings_unknown_capacity} bike {bike_parkings_unknown_capacity:parking|parkings} whose capacity "
            "is not mapped.",
        },
        variants=(
            _v(("bike_spaces", "zero"), ("bike_parkings_unknown_capacity", "zero"),
               fr="Aucune place de stationnement vélo n’est cartographiée.",
               en="No bike parking space is mapped."),
            _v(("bike_spaces", "zero"), ("bike_parkings_unknown_capacity", "unknown"),
               fr="Aucune place de stationnement vélo n’est cartographiée.",
               en="No bike parking space is mapped."),
            _v(("bike_spaces", "zero"),
               fr="Aucune place de stationnement vélo n’est renseignée : {bike_parkings_unknown_capacity} "
               "{bike_parkings_unknown_capacity:stationnement vélo est cartographié sans sa capacité|stationnements "
               "vélo sont cartographiés sans leur capacité}.",
               en="No bike parking space is mapped: {bike_parkings_unknown_capacity} bike "
               "{bike_parkings_unknown_capacity:parking is|parkings are} mapped without their capacity."),
            _v(("bike_parkings_unknown_capacity", "zero"),
               fr="{bike_spaces} {bike_spaces:place de stationnement vélo est cartographiée|places de "
               "stationnement vélo sont cartographiées}.",
               en="{bike_spaces} bike parking {bike_spaces:space is|spaces are} mapped."),
            _v(("bike_parkings_unknown_capacity", "unknown"),
               fr="{bike_spaces} {bike_spaces:place de stationnement vélo est cartographiée|places de "
               "stationnement vélo sont cartographiées}.",
               en="{bike_spaces} bike parking {bike_spaces:space is|spaces are} mapped."),
        ),
        optional=("bike_parkings_unknown_capacity",),
    ),
    ReadingTemplate(
        ("destinations_with_bike_parking_share", "destinations"),
        {
            "fr": "{destinations_with_bike_parking_share} % des {destinations} " + _DESTINATIONS_FR + " ont un "
            "stationnement vélo à quelques pas.",
            "en": "{destinations_with_bike_parking_share} % of the {destinations} " + _DESTINATIONS_EN + " have "
            "bike parking a few steps away.",
        },
        variants=(
            _v(("destinations", "unknown"),
               fr="{destinations_with_bike_parking_share} % des " + _DESTINATIONS_FR + " ont un stationnement vélo "
               "à quelques pas.",
               en="{destinations_with_bike_parking_share} % of " + _DESTINATIONS_EN + " have bike parking a few "
               "steps away."),
            _v(("destinations", "one"), ("destinations_with_bike_parking_share", "all"),
               fr="La seule destination du quotidien (école, arrêt, commerce ou service) a un stationnement vélo à "
               "quelques pas.",
               en="The only everyday destination (school, stop, shop or service) has bike parking a few steps "
               "away."),
            _v(("destinations", "one"),
               fr="La seule destination du quotidien (école, arrêt, commerce ou service) n’a pas de stationnement "
               "vélo à quelques pas.",
               en="The only everyday destination (school, stop, shop or service) has no bike parking a few steps "
               "away."),
            _v(("destinations_with_bike_parking_share", "zero"),
               fr="Aucune des {destinations} " + _DESTINATIONS_FR + " n’a de stationnement vélo à quelques pas.",
               en="None of the {destinations} " + _DESTINATIONS_EN + " has bike parking a few steps away."),
            _v(("destinations_with_bike_parking_share", "all"),
               fr="Les {destinations} " + _DESTINATIONS_FR + " ont toutes un stationnement vélo à quelques pas.",
               en="All {destinations} " + _DESTINATIONS_EN + " have bike parking a few steps away."),
        ),
        optional=("destinations",),
    ),
    ReadingTemplate(
        ("carpool_areas", "carpool_spaces"),
        {"fr": "La base nationale des lieux de covoiturage (BNLC) recense {carpool_areas:aucune aire|# aire|# aires} "
               "de covoiturage dans le territoire, pour {carpool_spaces:aucune place connue|# place connue|"
               "# places connues}.",
         "en": "The national carpool base (BNLC) lists {carpool_areas:no carpool area|# carpool area|"
               "# carpool areas} in the territory, with {carpool_spaces:no known space|# known space|"
               "# known spaces}."},
        variants=(
            _v(("carpool_areas", "zero"),
               fr="La base nationale des lieux de covoiturage (BNLC) ne recense aucune aire de covoiturage dans "
                  "le territoire.",
               en="The national carpool base (BNLC) lists no carpool area in the territory."),
        ),
    ),
)  # fmt: skip

# -- schools (docs/schools.md) -----------------------------------------------------------------------------


def _school_share(share: str, fr: tuple[str, str, str], en: tuple[str, str, str]) -> ReadingTemplate:
    """A share of the schools with their count, ``fr``/``en``: (what the schools are, what one is, what one is
    not): « 40 % des 5 établissements sont… », « Aucun des 5 établissements n’est… », « Le seul… »."""
    (fr_many, fr_one, fr_not), (en_many, en_one, en_not) = fr, en
    return ReadingTemplate(
        (share, "schools_count"),
        {"fr": "{" + share + "} % des {schools_count} établissements " + fr_many + ".",
         "en": "{" + share + "} % of the {schools_count} schools " + en_many + "."},
        variants=(
            _v(("schools_count", "unknown"),
               fr="{" + share + "} % des établissements " + fr_many + ".",
               en="{" + share + "} % of schools " + en_many + "."),
            _v(("schools_count", "one"), (share, "all"),
               fr="Le seul établissement " + fr_one + ".", en="The only school " + en_one + "."),
            _v(("schools_count", "one"),
               fr="Le seul établissement " + fr_not + ".", en="The only school " + en_not + "."),
            _v((share, "zero"),
               fr="Aucun des {schools_count} établissements " + fr_not.replace(" pas", "", 1) + ".",
               en="None of the {schools_count} schools " + en_one + "."),
            _v((share, "all"),
               fr="Les {schools_count} établissements " + fr_many.replace(" ", " tous ", 1) + ".",
               en="All {schools_count} schools " + en_many + "."),
        ),
        optional=("schools_count",),
    )  # fmt: skip


SCHOOLS = (
    ReadingTemplate(
        ("schools_count", "missing_in_osm"),
        {"fr": "", "en": ""},
        variants=(
            _v(("schools_count", "zero"), ("missing_in_osm", "zero"),
               fr="Aucun établissement scolaire n’est cartographié dans OpenStreetMap sur le territoire, et "
               "l’annuaire de l’éducation n’y en compte aucun.",
               en="No school is mapped in OpenStreetMap in the territory, and the national schools directory "
               "lists none."),
            _v(("schools_count", "zero"), ("missing_in_osm", "known"),
               fr="Aucune école n’est cartographiée dans OpenStreetMap sur le territoire, alors que l’annuaire de "
               "l’éducation y compte {missing_in_osm} {missing_in_osm:établissement|établissements} : à "
               "cartographier pour diagnostiquer les abords des écoles.",
               en="No school is mapped in OpenStreetMap in the territory, while the national schools directory "
               "lists {missing_in_osm} {missing_in_osm:school|schools} there: to map, so that the surroundings of "
               "schools can be diagnosed."),
            _v(("schools_count", "zero"),
               fr="Aucune école n’est cartographiée dans OpenStreetMap sur le territoire : à cartographier pour "
               "diagnostiquer les abords des écoles (rues apaisées, accès à vélo, rues scolaires).",
               en="No school is mapped in OpenStreetMap in the territory: to map, so that the surroundings of "
               "schools can be diagnosed (calm streets, cycling access, school streets)."),
        ),
        optional=("missing_in_osm",),
    ),
    _school_share(
        "share_calm_streets",
        ("sont entourés de rues apaisées (surtout à 30 km/h ou moins)",
         "est entouré de rues apaisées (surtout à 30 km/h ou moins)",
         "n’est pas entouré de rues apaisées (surtout à 30 km/h ou moins)"),
        ("are surrounded by calm streets (mostly at 30 km/h or less)",
         "is surrounded by calm streets (mostly at 30 km/h or less)",
         "is not surrounded by calm streets (mostly at 30 km/h or less)"),
    ),
    _school_share(
        "share_low_stress_cycling",
        ("sont accessibles à vélo sans stress depuis l’essentiel de leurs alentours",
         "est accessible à vélo sans stress depuis l’essentiel de ses alentours",
         "n’est pas accessible à vélo sans stress depuis l’essentiel de ses alentours"),
        ("can be reached by bike without stress from most of their surroundings",
         "can be reached by bike without stress from most of its surroundings",
         "cannot be reached by bike without stress from most of its surroundings"),
    ),
    _school_share(
        "share_bike_parking",
        ("ont un stationnement vélo à moins de 50 m",
         "a un stationnement vélo à moins de 50 m",
         "n’a pas de stationnement vélo à moins de 50 m"),
        ("have bike parking within 50 m", "has bike parking within 50 m", "has no bike parking within 50 m"),
    ),
    ReadingTemplate(
        ("school_street_candidates",),
        {
            "fr": "{school_street_candidates:Aucune rue le long d’une entrée d’école ne se prête à une rue scolaire"
            "|# rue pourrait devenir une rue scolaire (fermée aux voitures aux heures d’entrée et de sortie)"
            "|# rues pourraient devenir des rues scolaires (fermées aux voitures aux heures d’entrée et de "
            "sortie)}.",
            "en": "{school_street_candidates:No street along a school entrance lends itself to a school street"
            "|# street could become a school street (closed to cars at school times)"
            "|# streets could become school streets (closed to cars at school times)}.",
        },
    ),
)  # fmt: skip

# -- road safety (docs/safety.md) --------------------------------------------------------------------------
SAFETY = (
    ReadingTemplate(
        ("crashes_per_year", "years"),
        {
            "fr": "{crashes_per_year:Aucun accident corporel n’a été enregistré|# accident corporel par an en "
            "moyenne|# accidents corporels par an en moyenne} {years:sur l’année lue|sur les # années lues}.",
            "en": "{crashes_per_year:No injury crash was recorded|# injury crash a year on average|# injury "
            "crashes a year on average} {years:in the year read|over the # years read}.",
        },
        variants=(
            _v(("years", "one"),
               fr="{crashes_per_year:Aucun accident corporel|# accident corporel|# accidents corporels} sur la "
                  "seule année de fichiers lue.",
               en="{crashes_per_year:No injury crash|# injury crash|# injury crashes} in the one year of crash "
                  "files read."),
        ),
    ),
    ReadingTemplate(
        ("pedestrians_severe", "cyclists_severe"),
        {
            "fr": "Tués ou hospitalisés : {pedestrians_severe:aucun piéton|# piéton|# piétons} et "
            "{cyclists_severe:aucun cycliste|# cycliste|# cyclistes}.",
            "en": "Killed or hospitalised: {pedestrians_severe:no pedestrian|# pedestrian|# pedestrians} and "
            "{cyclists_severe:no cyclist|# cyclist|# cyclists}.",
        },
        variants=(
            _v(("pedestrians_severe", "zero"), ("cyclists_severe", "zero"),
               fr="Aucun piéton ni cycliste n’a été tué ou hospitalisé.",
               en="No pedestrian or cyclist was killed or hospitalised."),
        ),
    ),
    ReadingTemplate(
        ("act_here_first_streets",),
        {
            "fr": "{act_here_first_streets:Aucune rue ne cumule un accident impliquant un cycliste et un stress "
            "cycliste élevé|# rue cumule un accident impliquant un cycliste et un stress cycliste élevé : à traiter "
            "en priorité|# rues cumulent un accident impliquant un cycliste et un stress cycliste élevé : à traiter "
            "en priorité}.",
            "en": "{act_here_first_streets:No street combines a crash involving a cyclist and high cycling stress"
            "|# street combines a crash involving a cyclist and high cycling stress: to treat first"
            "|# streets combine a crash involving a cyclist and high cycling stress: to treat first}.",
        },
    ),
    ReadingTemplate(
        ("crashes_near_schools",),
        {
            "fr": "{crashes_near_schools:Aucun accident n’a eu lieu|# accident a eu lieu|# accidents ont eu lieu} "
            "à moins de 300 m d’un établissement scolaire.",
            "en": "{crashes_near_schools:No crash happened|# crash happened|# crashes happened} within 300 m of a "
            "school.",
        },
    ),
    # Crash files without their usagers table (and vehicules): the figures about people are unknown, not 0
    # (core.safety_indicators); their table rows read « non renseigné » and this line says why, once.
    ReadingTemplate(
        ("crashes_per_year", "killed", "act_here_first_streets"),
        {"fr": "", "en": ""},
        variants=(
            _v(("killed", "not_recorded"), ("act_here_first_streets", "not_recorded"),
               fr="La gravité et les usagers ne sont pas renseignés\u00a0: les fichiers «\u00a0usagers\u00a0» et "
                  "«\u00a0véhicules\u00a0» de ces accidents manquent.",
               en="Severity and the people involved are not recorded: the usagers and vehicules files of these "
                  "crashes are missing."),
            _v(("killed", "not_recorded"),
               fr="La gravité et les victimes ne sont pas renseignées\u00a0: le fichier «\u00a0usagers\u00a0» de "
                  "ces accidents manque.",
               en="Severity and casualties are not recorded: the usagers file of these crashes is missing."),
        ),
        optional=("killed", "act_here_first_streets"),
    ),
)  # fmt: skip

# -- territory profile (docs/profile.md) -------------------------------------------------------------------
PROFILE = (
    ReadingTemplate(
        ("population", "density"),
        {
            "fr": "{population} {population:habitant|habitants}, soit {density} hab./km².",
            "en": "{population} {population:inhabitant|inhabitants}, {density} inhabitants per km².",
        },
        variants=(
            _v(("population", "zero"),  # a few French communes have none (Fleury-devant-Douaumont, 55189)
               fr="La commune n’a pas d’habitant.", en="The commune has no inhabitants."),
        ),
    ),
    ReadingTemplate(
        ("jobs_per_employed",),
        {
            "fr": "La commune compte {jobs_per_employed} {jobs_per_employed:emploi|emplois} par actif occupé résident "
            "(au-dessus de 1, elle attire des actifs d’ailleurs).",
            "en": "The commune has {jobs_per_employed} {jobs_per_employed:job|jobs} per employed resident (above 1, "
            "it draws workers from elsewhere).",
        },
        variants=(
            _v(("jobs_per_employed", "zero"),
               fr="La commune ne compte aucun emploi : ses actifs occupés travaillent tous ailleurs.",
               en="The commune has no jobs: its employed residents all work elsewhere."),
        ),
    ),
    ReadingTemplate(
        ("commute_car", "commute_transit", "commute_bike"),
        {
            "fr": "{commute_car} % des actifs occupés vont travailler en voiture, {commute_transit} % en "
            "transports en commun et {commute_bike} % à vélo.",
            "en": "{commute_car} % of employed residents drive to work, {commute_transit} % take public "
            "transport and {commute_bike} % cycle.",
        },
    ),
)  # fmt: skip

# -- home-to-work commuting (docs/commuting.md) ------------------------------------------------------------
COMMUTING = (
    ReadingTemplate(
        ("outgoing", "incoming"),
        {
            "fr": "{outgoing:Aucun actif résident ne travaille|# actif résident travaille|# actifs résidents "
            "travaillent} dans une autre commune ; {incoming:aucun actif ne vient|# actif vient|# actifs viennent} "
            "d’autres communes.",
            "en": "{outgoing:No employed resident works|# employed resident works|# employed residents work} in "
            "another commune; {incoming:no worker comes|# worker comes|# workers come} from other communes.",
        },
    ),
    ReadingTemplate(
        ("share_short",),
        {
            "fr": "{share_short} % des trajets domicile-travail des résidents font moins de 5 km (à vol d’oiseau) : "
            "à portée de la marche ou du vélo.",
            "en": "{share_short} % of the residents' commutes are under 5 km (straight line): within reach of "
            "walking or cycling.",
        },
    ),
    ReadingTemplate(
        ("short_by_car",),
        {
            "fr": "{short_by_car:Aucun de ces trajets courts ne se fait|Environ # de ces trajets courts se fait|"
            "Environ # de ces trajets courts se font} en voiture (estimation).",
            "en": "{short_by_car:None of these short commutes is|About # of these short commutes is|About # of "
            "these short commutes are} made by car (estimate).",
        },
    ),
    # carpooling (core.carpool: the carpool proof register's open data, docs/commuting.md); {carpool_period}
    # is the first and last months in words (core.report_text.period_figures)
    ReadingTemplate(
        ("carpool_trips", "carpool_first_month", "carpool_last_month"),
        {
            "fr": "{carpool_trips:Aucun trajet en covoiturage déclaré|# trajet en covoiturage déclaré|# trajets en "
            "covoiturage déclarés} au registre de preuve depuis ou vers la commune {carpool_period}.",
            "en": "{carpool_trips:No carpool trip declared|# carpool trip declared|# carpool trips declared} to "
            "the proof register from or to the commune {carpool_period}.",
        },
    ),
    ReadingTemplate(
        ("carpool_outgoing", "carpool_incoming", "carpool_internal", "carpool_mean_distance"),
        {
            "fr": "Départs de la commune\u00a0: {carpool_outgoing}, arrivées\u00a0: {carpool_incoming}, trajets "
            "internes\u00a0: {carpool_internal}\u00a0; distance moyenne\u00a0: {carpool_mean_distance} km.",
            "en": "Leaving the commune: {carpool_outgoing}, arriving: {carpool_incoming}, within it: "
            "{carpool_internal}; mean distance: {carpool_mean_distance} km.",
        },
    ),
)  # fmt: skip
