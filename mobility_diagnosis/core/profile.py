"""The territory's people: key census figures of a commune beside three references, its département,
France and the communes of the same density class, all computed from the same census tables.

Every reference ratio is a ratio of sums over the reference's communes (population-weighted), never
an average of the communes' ratios: the density of the département is its population over its area,
its unemployment rate its unemployed over its active population, its share of car commuters the sum
of each commune's share times its employed residents over the sum of employed residents. A commune
whose cell is missing (secret, not published) is left out of both sums of that ratio.

The travel-to-work shares (census 2021) are weighted by the employed residents aged 15–64 and the
households of the comparateur (census 2018): the statistiques locales export gives shares only, so the
weights are three years older than the shares (an approximation of the references, said in the docs).

Density classes (``DENSITY_CLASSES``): INSEE's « grille communale de densité » is built from 1 km²
population cells that these tables do not hold, so the plugin classes communes by their own density.
The thresholds are the cell densities of the degree of urbanisation that INSEE's grid applies (Eurostat
DEGURBA: 1,500 inhabitants/km² for urban centres, 300 for urban clusters) and 25 inhabitants/km² for
the very sparsely populated cells of INSEE's four-level grid. Applied to whole communes, this is an
approximation of INSEE's class; its label states its density bounds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Mapping, Optional, Sequence

from .census import COMPARATEUR, MOBILITY, PREVIOUS_POPULATION, CensusTable, commune_of, departement_of

Row = Mapping[str, Optional[float]]

# (lower bound in inhabitants/km², class id), densest first. Source: see the module docstring.
DENSITY_CLASSES: tuple[tuple[float, str], ...] = (
    (1500.0, "dense"),
    (300.0, "intermediate"),
    (25.0, "low"),
    (0.0, "very_low"),
)


def density_class(density: Optional[float]) -> Optional[str]:
    if density is None:
        return None
    return next(name for bound, name in DENSITY_CLASSES if density >= bound)


# -- the figures --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """How one figure is computed from the sums of a group of communes.

    ``numerator`` and ``denominator`` return each commune's part (None: the commune is left out);
    the figure is ``scale * sum(numerator) / sum(denominator)`` (``denominator`` None: the sum itself);
    ``offset`` is subtracted after (a change in percent). ``total`` True: a count, whose references are
    the totals of the département and France, not of a density class (a meaningless total).
    ``share``: the commune's value is INSEE's share as published, the weights serving the references."""

    id: str
    unit: str
    numerator: Callable[[Row, Row], Optional[float]]
    denominator: Optional[Callable[[Row, Row], Optional[float]]] = None
    scale: float = 1.0
    offset: float = 0.0
    total: bool = False
    share: Optional[str] = None  # a published share: the commune's own value is the share itself


def _field(name: str) -> Callable[[Row, Row], Optional[float]]:
    return lambda base, mobility: base.get(name)


def _employed(base: Row, mobility: Row) -> Optional[float]:
    """Employed residents aged 15–64: actives minus unemployed (the comparateur has no « actifs
    occupés »; INSEE's « indicateur de concentration d'emploi » uses this same count)."""
    active, unemployed = base.get("active_1564"), base.get("unemployed_1564")
    return None if active is None or unemployed is None else active - unemployed


def _weighted(share: str, weight: Callable[[Row, Row], Optional[float]]):
    def part(base: Row, mobility: Row) -> Optional[float]:
        value, w = mobility.get(share), weight(base, mobility)
        return None if value is None or w is None else value * w

    return part


def _when(value_of: str, weight: Callable[[Row, Row], Optional[float]]):
    """The weight of a commune that has the share (a commune without it is out of both sums)."""
    return lambda base, mobility: weight(base, mobility) if mobility.get(value_of) is not None else None


_households = _field("households")

# The profile's figures, in the order shown. Sources: comparateur (RP 2018) and mobility (RP 2021).
FIGURES: tuple[Figure, ...] = (
    Figure("population", "inhabitants", _field("population"), total=True),
    Figure("population_change", "%", _field("population"), _field(PREVIOUS_POPULATION), 100.0, 100.0),
    Figure("area", "km²", _field("area_km2"), total=True),
    Figure("density", "inhabitants/km²", _field("population"), _field("area_km2")),
    Figure("households", "households", _households, total=True),
    Figure("jobs", "jobs", _field("jobs"), total=True),
    Figure("jobs_per_employed", "jobs per employed resident", _field("jobs"), _employed),
    Figure("active_1564", "people", _field("active_1564"), total=True),
    Figure("unemployment_rate", "%", _field("unemployed_1564"), _field("active_1564"), 100.0),
    Figure("households_with_car", "%", _weighted("share_households_car", _households),
           _when("share_households_car", _households), share="share_households_car"),
    Figure("commute_car", "%", _weighted("share_car", _employed), _when("share_car", _employed),
           share="share_car"),
    Figure("commute_transit", "%", _weighted("share_transit", _employed), _when("share_transit", _employed),
           share="share_transit"),
    Figure("commute_bike", "%", _weighted("share_bike", _employed), _when("share_bike", _employed),
           share="share_bike"),
)  # fmt: skip

HEADLINE = ("population", "density", "jobs_per_employed", "households_with_car", "commute_car")
REFERENCES = ("departement", "france", "density_class")

MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "population": "Population {year}",
        "population_change": "Population change {previous}–{year}",
        "area": "Area",
        "density": "Density {year}",
        "households": "Households {year}",
        "jobs": "Jobs in the commune {year}",
        "jobs_per_employed": "Jobs per employed resident {year} (above 1: the commune attracts workers)",
        "active_1564": "Active population aged 15–64 {year}",
        "unemployment_rate": "Unemployment rate 15–64 {year}",
        "households_with_car": "Households with at least one car {mobility_year}",
        "commute_car": "Employed residents going to work by car {mobility_year}",
        "commute_transit": "Employed residents going to work by public transport {mobility_year}",
        "commute_bike": "Employed residents going to work by bike {mobility_year}",
        "dense": "dense (≥ 1,500 inhabitants/km²)",
        "intermediate": "intermediate (300–1,500 inhabitants/km²)",
        "low": "low density (25–300 inhabitants/km²)",
        "very_low": "very low density (< 25 inhabitants/km²)",
        "census_data": "Census figures: not available ({code} is not in INSEE's census tables: a territory "
        "outside France, or a commune created since)",
        "not_in_census": "{code} is not in the INSEE census tables (not a French commune, or a commune "
        "created since): no figure is available.",
        "arrondissement": "{code} is a municipal arrondissement: the figures missing from the census tables "
        "for it (travel to work) are those of its commune {commune}.",
        "source": "Source : INSEE, {sources}. Licence Ouverte / Etalab.",
        "comparateur_source": "comparateur de territoires (census {year})",
        "mobility_source": "statistiques locales (census {year})",
        "online_failed": "INSEE's census file could not be downloaded ({detail}): the figures come from the "
        "tables shipped with the plugin. Try again later, or give the file downloaded from insee.fr as CENSUS.",
    },
    "fr": {
        "population": "Population {year}",
        "population_change": "Évolution de la population {previous}-{year}",
        "area": "Superficie",
        "density": "Densité {year}",
        "households": "Ménages {year}",
        "jobs": "Emplois dans la commune {year}",
        "jobs_per_employed": "Emplois par actif occupé résident {year} (au-dessus de 1 : la commune attire "
        "des actifs)",
        "active_1564": "Population active de 15 à 64 ans {year}",
        "unemployment_rate": "Taux de chômage des 15-64 ans {year}",
        "households_with_car": "Ménages ayant au moins une voiture {mobility_year}",
        "commute_car": "Actifs occupés allant travailler en voiture {mobility_year}",
        "commute_transit": "Actifs occupés allant travailler en transports en commun {mobility_year}",
        "commute_bike": "Actifs occupés allant travailler à vélo {mobility_year}",
        "dense": "dense (1 500 hab./km² ou plus)",
        "intermediate": "densité intermédiaire (300 à 1 500 hab./km²)",
        "low": "peu dense (25 à 300 hab./km²)",
        "very_low": "très peu dense (moins de 25 hab./km²)",
        "census_data": "Chiffres du recensement : non disponibles ({code} ne figure pas dans les tables du "
        "recensement de l’Insee : territoire hors de France ou commune créée depuis)",
        "not_in_census": "{code} ne figure pas dans les tables du recensement de l'INSEE (commune hors de "
        "France ou créée depuis) : aucun chiffre n'est disponible.",
        "arrondissement": "{code} est un arrondissement municipal : les chiffres que les tables du "
        "recensement n'ont pas pour lui (déplacements domicile-travail) sont ceux de sa commune {commune}.",
        "source": "Source : INSEE, {sources}. Licence Ouverte / Etalab.",
        "comparateur_source": "comparateur de territoires (recensement {year})",
        "mobility_source": "statistiques locales (recensement {year})",
        "online_failed": "Le fichier du recensement de l'INSEE n'a pas pu être téléchargé ({detail})\u00a0: les "
        "chiffres viennent des tables fournies avec l'extension. Réessayez plus tard, ou donnez le fichier "
        "téléchargé sur insee.fr comme fichier du recensement (CENSUS).",
    },
}

UNITS: dict[str, dict[str, str]] = {
    "en": {},
    "fr": {
        "inhabitants": "habitants",
        "inhabitants/km²": "hab./km²",
        "households": "ménages",
        "jobs": "emplois",
        "jobs per employed resident": "emplois par actif occupé",
        "people": "personnes",
    },
}


def message(key: str, lang: str, **values) -> str:
    table = MESSAGES.get(lang, MESSAGES["en"])
    return table[key].format(**values)


def unit_text(unit: str, lang: str) -> str:
    return UNITS.get(lang, {}).get(unit, unit)


# -- computing ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Census:
    """The two tables the profile reads (either may be a user's newer file)."""

    comparateur: CensusTable
    mobility: CensusTable

    @classmethod
    def of(cls, tables: Sequence[CensusTable]) -> Census:
        """The last table of each kind wins (bundled first, the user's after)."""
        by_kind = {table.kind: table for table in tables}
        missing = [kind for kind in (COMPARATEUR, MOBILITY) if kind not in by_kind]
        if missing:
            raise ValueError(f"census tables missing: {', '.join(missing)}")
        return cls(by_kind[COMPARATEUR], by_kind[MOBILITY])

    def row(self, code: str) -> tuple[Row, Row]:
        return self.comparateur.rows.get(code, {}), self.mobility.rows.get(code, {})

    def codes(self) -> set[str]:
        return set(self.comparateur.rows) | set(self.mobility.rows)


def figure_value(figure: Figure, rows: Sequence[tuple[Row, Row]]) -> Optional[float]:
    """The figure over a group of communes: a ratio of sums (see the module docstring)."""
    numerator = denominator = 0.0
    counted = 0
    for base, mobility in rows:
        top = figure.numerator(base, mobility)
        if top is None:
            continue
        if figure.denominator is None:
            numerator += top
            counted += 1
            continue
        bottom = figure.denominator(base, mobility)
        if bottom is None:
            continue
        numerator += top
        denominator += bottom
        counted += 1
    if not counted:
        return None
    if figure.denominator is None:
        return numerator
    if denominator <= 0:
        return None
    return figure.scale * numerator / denominator - figure.offset


@dataclass(frozen=True)
class ProfileRow:
    indicator: str
    label: str
    unit: str
    value: Optional[float]  # the commune's; None: not available
    departement: Optional[float]
    france: Optional[float]
    density_class: Optional[float]


@dataclass(frozen=True)
class Profile:
    code: str  # the territory's code (upper case)
    departement: str
    density_class: Optional[str]  # class id (DENSITY_CLASSES), None when the density is unknown
    density_class_label: str
    rows: tuple[ProfileRow, ...]
    notes: tuple[str, ...]  # not in the census, arrondissement …
    source: str  # « Source : INSEE, … Licence Ouverte / Etalab. »
    year: Optional[int]
    mobility_year: Optional[int]

    @property
    def available(self) -> bool:
        return any(row.value is not None for row in self.rows)

    def value(self, indicator: str) -> Optional[float]:
        return next((row.value for row in self.rows if row.indicator == indicator), None)


def _density(base: Row) -> Optional[float]:
    density = next(f for f in FIGURES if f.id == "density")
    return figure_value(density, [(base, {})])


def reference_groups(census: Census) -> dict[str, dict[str, list[str]]]:
    """Codes of each département and each density class (computed once per census). Municipal
    arrondissements are left out: their commune's row already counts them."""
    groups: dict[str, dict[str, list[str]]] = {"departement": {}, "density_class": {}, "france": {}}
    for code in census.codes():
        if commune_of(code) != code:
            continue
        groups["france"].setdefault("", []).append(code)
        groups["departement"].setdefault(departement_of(code), []).append(code)
        klass = density_class(_density(census.row(code)[0]))
        if klass is not None:
            groups["density_class"].setdefault(klass, []).append(code)
    return groups


def _own_rows(census: Census, code: str, lang: str) -> tuple[Row, Row, list[str]]:
    """The territory's own rows: an arrondissement's when the table has it, else its commune's (the
    mobility export has no arrondissement), with a note saying so."""
    commune = commune_of(code)
    base, mobility = census.row(code)
    notes = []
    if commune != code and (not base or not mobility):
        notes.append(message("arrondissement", lang, code=code, commune=commune))
        parent_base, parent_mobility = census.row(commune)
        base, mobility = base or parent_base, mobility or parent_mobility
    return base, mobility, notes


def territory_profile(
    census: Census,
    code: str,
    lang: str = "en",
    groups: Optional[dict[str, dict[str, list[str]]]] = None,
) -> Profile:
    """The profile of the commune ``code`` (an INSEE code, or anything else: then "not available")."""
    code = (code or "").strip().upper()
    groups = groups if groups is not None else reference_groups(census)
    base, mobility, notes = _own_rows(census, code, lang)
    known = bool(base or mobility)
    if not known:
        notes.append(message("not_in_census", lang, code=code or "?"))
    klass = density_class(_density(base))
    departement = departement_of(code) if known else ""
    members = {
        "departement": groups["departement"].get(departement, []) if known else [],
        "france": groups["france"].get("", []) if known else [],
        "density_class": groups["density_class"].get(klass, []) if klass else [],
    }
    member_rows = {name: [census.row(c) for c in codes] for name, codes in members.items()}
    years = {
        "year": census.comparateur.year or "",
        "previous": census.comparateur.previous_year or "",
        "mobility_year": census.mobility.year or "",
    }
    rows = []
    for figure in FIGURES:
        if not known:
            own = None
        elif figure.share:
            own = mobility.get(figure.share)
        else:
            own = figure_value(figure, [(base, mobility)])
        refs = {
            name: figure_value(figure, member_rows[name]) if member_rows[name] else None
            for name in REFERENCES
        }
        if figure.total:
            refs["density_class"] = None
        rows.append(
            ProfileRow(
                figure.id, message(figure.id, lang, **years), unit_text(figure.unit, lang), own,
                refs["departement"], refs["france"], refs["density_class"],
            )
        )  # fmt: skip
    return Profile(
        code=code,
        departement=departement,
        density_class=klass,
        density_class_label=message(klass, lang) if klass else "",
        rows=tuple(rows),
        notes=tuple(notes),
        source=source_text(census, lang),
        year=census.comparateur.year,
        mobility_year=census.mobility.year,
    )


def indicator_rows(profile: Profile, lang: str) -> list[tuple[str, str, Optional[float], str]]:
    """(id, label, value, unit) of each figure; a territory the census does not hold first gets a row
    saying so (``census_data``), which the report reads instead of « Population : non disponible »."""
    rows = [(row.indicator, row.label, row.value, row.unit) for row in profile.rows]
    if all(row.value is None for row in profile.rows):
        rows.insert(0, ("census_data", message("census_data", lang, code=profile.code or "?"), None, ""))
    return rows


def source_text(census: Census, lang: str) -> str:
    sources = ", ".join(
        (
            message("comparateur_source", lang, year=census.comparateur.year or "?"),
            message("mobility_source", lang, year=census.mobility.year or "?"),
        )
    )
    return message("source", lang, sources=sources)
