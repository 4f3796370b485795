"""Reference values the synthesis compares each theme's headline indicators with.

One row per (theme, indicator): the value, which side is good, and where it comes from. A row cites a
document only when that document gives the figure; where none does, the row says so ("seuil indicatif
du plugin") and names the work that frames the indicator. Département and France rows come from the
census profile theme (INTERFACE.md ``profile``) and are passed in by the caller as extra ``Reference``
rows with ``scope`` "departement" or "france": nothing here invents them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

HIGHER, LOWER = "higher", "lower"  # which side of the value is good

# Where a reference comes from, as cited in the report (fr, en) and in docs/synthesis.md.
SOURCES: dict[str, dict[str, str]] = {
    "plugin_lts": {
        "fr": "seuil indicatif du plugin ; le niveau 2 est celui « accepté par la plupart des adultes » "
        "(Mekuria, Furth et Nixon, Low-Stress Bicycling and Network Connectivity, Mineta Transportation "
        "Institute, 2012)",
        "en": "plugin's indicative threshold; level 2 is the stress 'most adults will tolerate' (Mekuria, "
        "Furth and Nixon, Low-Stress Bicycling and Network Connectivity, Mineta Transportation Institute, 2012)",
    },
    "plugin_islands": {
        "fr": "seuil indicatif du plugin ; notion d’îlots apaisés séparés par des barrières : Mekuria, Furth "
        "et Nixon (2012)",
        "en": "plugin's indicative threshold; low-stress islands split by barriers: Mekuria, Furth and Nixon "
        "(2012)",
    },
    "urban_bus_toolkit": {
        "fr": "Banque mondiale / PPIAF, Urban Bus Toolkit : 500 m à pied jusqu’à l’arrêt sont jugés "
        "acceptables, 75 à 90 % de la zone urbaine couverte (indicateur mesuré sur la surface, appliqué ici "
        "aux bâtiments résidentiels)",
        "en": "World Bank / PPIAF, Urban Bus Toolkit: a 500 m walk to the stop is deemed acceptable, 75 to "
        "90 % of the urban area covered (measured on area there, applied to residential buildings here)",
    },
    "plugin_stop_300": {
        "fr": "seuil indicatif du plugin ; en ville, les arrêts sont espacés de 300 à 500 m (réponse "
        "ministérielle sur l’implantation des arrêts de bus, loi d’orientation des mobilités de 2019)",
        "en": "plugin's indicative threshold; urban stops are 300 to 500 m apart (French ministerial answer "
        "on bus stop siting, 2019 mobility act)",
    },
    "law_2005": {
        "fr": "loi n° 2005-102 du 11 février 2005 (chaîne du déplacement accessible) : objectif de tous "
        "les arrêts accessibles",
        "en": "French act no. 2005-102 of 11 February 2005 (an accessible travel chain): every stop accessible",
    },
    "kerb_2007": {
        "fr": "arrêté du 15 janvier 2007 modifié (accessibilité de la voirie) : abaissé de trottoir à chaque "
        "traversée pour piétons aménagée",
        "en": "French order of 15 January 2007 as amended (street accessibility): a lowered kerb at every "
        "pedestrian crossing built or rebuilt",
    },
    "plugin_bike_parking": {
        "fr": "seuil indicatif du plugin ; la distance de 50 m suit le Cerema (Le stationnement sur l’espace "
        "public : 10 à 20 m pour moins d’une heure, 30 à 50 m au-delà)",
        "en": "plugin's indicative threshold; the 50 m distance follows Cerema (Le stationnement sur l’espace "
        "public: 10-20 m for under an hour, 30-50 m beyond)",
    },
    "plugin_schools": {
        "fr": "seuil indicatif du plugin ; l’apaisement des abords d’école est la mesure la plus répandue "
        "(Cerema et Rue de l’Avenir, webinaire « Agir pour des abords d’écoles plus sûrs », 2021)",
        "en": "plugin's indicative threshold; calming school surroundings is the most common measure "
        "(Cerema and Rue de l’Avenir webinar on safer school surroundings, 2021)",
    },
    "insee_census": {
        "fr": "Insee, recensement de la population (comparateur de territoires, statistiques locales) : la "
        "commune comparée aux communes de même densité (grille communale de densité), à son département et à "
        "la France",
        "en": "INSEE population census (comparateur de territoires, statistiques locales): the commune against "
        "communes of the same density (INSEE's municipal density grid), its département and France",
    },
    "plugin_score": {
        "fr": "seuil indicatif du plugin (note sur 100 définie dans docs/schools.md)",
        "en": "plugin's indicative threshold (score out of 100 defined in docs/schools.md)",
    },
}


@dataclass(frozen=True)
class Reference:
    theme: str
    indicator: str
    value: float
    direction: str  # HIGHER: the indicator is good at or above the value; LOWER: at or below
    source: str  # key of SOURCES, or a ready text for rows passed in by the caller
    scope: str = "threshold"  # "threshold" (literature or plugin), "departement", "france"

    def citation(self, lang: str) -> str:
        texts = SOURCES.get(self.source)
        return texts[lang] if texts else self.source

    def met(self, value: float) -> bool:
        return value >= self.value if self.direction == HIGHER else value <= self.value


# The headline indicators of each theme (their ids are those the themes write, INTERFACE.md
# ``indicators``). Values: a legal aim is 100 %; an acceptable range from the literature is its lower end;
# otherwise a round figure the plugin proposes, stated as such.
REFERENCES: tuple[Reference, ...] = (
    Reference("cycling", "share_lts_le2", 50.0, HIGHER, "plugin_lts"),
    Reference("cycling", "largest_island_share", 50.0, HIGHER, "plugin_islands"),
    Reference("accessibility", "share_within_500m_stop", 75.0, HIGHER, "urban_bus_toolkit"),
    Reference("accessibility", "share_within_300m_stop", 75.0, HIGHER, "plugin_stop_300"),
    Reference("accessibility", "share_stops_wheelchair_yes", 100.0, HIGHER, "law_2005"),
    Reference("accessibility", "share_crossings_lowered_kerb", 100.0, HIGHER, "kerb_2007"),
    Reference("parking", "destinations_with_bike_parking_share", 50.0, HIGHER, "plugin_bike_parking"),
    Reference("schools", "share_calm_streets", 75.0, HIGHER, "plugin_schools"),
    Reference("schools", "share_low_stress_cycling", 50.0, HIGHER, "plugin_lts"),
    Reference("schools", "share_bike_parking", 75.0, HIGHER, "plugin_bike_parking"),
    Reference("schools", "mean_score", 60.0, HIGHER, "plugin_score"),
)


# The census figures compared with the commune's peers (the profile theme's ``profile_references`` table):
# which side is good. No target here: the commune is set against the communes of its density class first
# (the fairest peers; the first row decides strength or weakness), then its département and France.
CENSUS_COMPARED = (("commute_car", LOWER), ("commute_transit", HIGHER), ("commute_bike", HIGHER))
CENSUS_SCOPES = ("density", "departement", "france")  # the order they are said in; the first known decides


def census_references(table: Mapping[str, Sequence]) -> list[Reference]:
    """``table``: {indicator: {scope: value}} for the scopes of ``CENSUS_SCOPES`` (a value may be None)."""
    out = []
    for name, direction in CENSUS_COMPARED:
        values = table.get(name) or {}
        for scope in CENSUS_SCOPES:
            value = values.get(scope)
            if value is not None and value == value:
                out.append(Reference("profile", name, float(value), direction, "insee_census", scope))
    return out


def references_for(
    extra: tuple[Reference, ...] | list[Reference] = (),
) -> Mapping[tuple[str, str], list[Reference]]:
    """The reference rows by (theme, indicator): the table above, then the caller's (département, France)."""
    out: dict[tuple[str, str], list[Reference]] = {}
    for ref in (*REFERENCES, *extra):
        out.setdefault((ref.theme, ref.indicator), []).append(ref)
    return out


def reference_table(lang: str, extra: Sequence[Reference] = ()) -> list[tuple[str, str, float, str, str]]:
    """The rows of the report's method annex: (theme, indicator, value, direction, full citation)."""
    return [(r.theme, r.indicator, r.value, r.direction, r.citation(lang)) for r in (*REFERENCES, *extra)]
