"""The ``safety`` rows of the indicator table, from the territory's crashes (``core.crashes``), their
distance to schools and the streets where cyclists were hurt on stressful streets; and the messages of the
theme. Pure."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional, Sequence

from .crashes import CYCLIST_KINDS, SEVERE, Crash
from .indicators import Indicator
from .territory import is_insee_code

THEME = "safety"
SCHOOL_RADIUS_M = 300.0  # the issue: "crashes within 300 m of schools" (the schools theme's 300 m too)
ACT_HERE_FIRST_LTS = 3  # the issue: streets with crashes involving cyclists AND LTS >= 3
PER_1000 = "per 1000 residents per year"

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "crash_data": "Road injury crashes (ONISR BAAC files)",
        "years": "Years of crash data read",
        "crashes_per_year": "Injury crashes per year (mean)",
        "casualties_per_year": "Casualties per year (killed, hospitalised and slightly injured; mean)",
        "crashes_per_1000": "Injury crashes per 1,000 residents per year",
        "casualties_per_1000": "Casualties per 1,000 residents per year",
        "killed": "People killed",
        "hospitalised": "People hospitalised",
        "pedestrians_severe": "Pedestrians killed or hospitalised",
        "cyclists_severe": "Cyclists killed or hospitalised",
        "crashes_near_schools": "Crashes within {radius:g} m of a school",
        "act_here_first_streets": "Streets with crashes involving cyclists and LTS ≥ 3 (act here first)",
        "act_here_first_km": "Length of the act-here-first streets",
        "crashes_year": "Injury crashes in {year}",
        "casualties_year": "Casualties in {year}",
        "population_unknown": " — unavailable: the commune population is unknown",
        "no_schools": " — no school in the territory",
        "no_users": " — not recorded: no usagers file for these crashes",
        "no_vehicles": " — not recorded: no vehicules or usagers file for these crashes",
        "not_available": "Road injury crashes: not available ({reason})",
    },
    "fr": {
        "crash_data": "Accidents corporels de la circulation (fichiers BAAC de l’ONISR)",
        "years": "Années d’accidents lues",
        "crashes_per_year": "Accidents corporels par an (moyenne)",
        "casualties_per_year": "Victimes par an (tués, blessés hospitalisés et légers ; moyenne)",
        "crashes_per_1000": "Accidents corporels pour 1 000 habitants par an",
        "casualties_per_1000": "Victimes pour 1 000 habitants par an",
        "killed": "Personnes tuées",
        "hospitalised": "Personnes blessées hospitalisées",
        "pedestrians_severe": "Piétons tués ou hospitalisés",
        "cyclists_severe": "Cyclistes tués ou hospitalisés",
        "crashes_near_schools": "Accidents à moins de {radius:g} m d’un établissement scolaire",
        "act_here_first_streets": "Rues avec accidents impliquant un cycliste et LTS ≥ 3 (à traiter en priorité)",
        "act_here_first_km": "Linéaire des rues à traiter en priorité",
        "crashes_year": "Accidents corporels en {year}",
        "casualties_year": "Victimes en {year}",
        "population_unknown": " — indisponible : population de la commune inconnue",
        "no_schools": " — aucun établissement scolaire dans le territoire",
        "no_users": " — non renseigné : pas de fichier « usagers » pour ces accidents",
        "no_vehicles": " — non renseigné : pas de fichier « véhicules » ni « usagers » pour ces "
        "accidents",
        "not_available": "Accidents corporels : non disponible ({reason})",
    },
}  # fmt: skip

# Why the theme has no data, in the user's language (the indicator row and the algorithm's warning).
REASONS: dict[str, dict[str, str]] = {
    "en": {
        "not_french": "the national crash files cover France only; territory {code} is not a French commune",
        "no_source": "no ONISR crash files (BAAC) were given",
        "no_files": "no ONISR BAAC caracteristiques file for {years} in {folder}",
        "online_failed": "the online crash files could not be fetched: {detail}",
    },
    "fr": {
        "not_french": "les fichiers nationaux d’accidents ne couvrent que la France ; le territoire {code} "
        "n’est pas une commune française",
        "no_source": "aucun fichier d’accidents de l’ONISR (BAAC) n’a été fourni",
        "no_files": "aucun fichier BAAC « caracteristiques » de l’ONISR pour {years} dans {folder}",
        "online_failed": "les fichiers d’accidents en ligne n’ont pas pu être téléchargés : {detail}",
    },
}  # fmt: skip


# What to do, for the log only: the report and the indicators name no parameter (a council reads them).
HINTS: dict[str, dict[str, str]] = {
    "en": {"no_source": "Give a folder of ONISR BAAC files, or online, as the crash files (CRASHES)."},
    "fr": {"no_source": "Donnez un dossier de fichiers BAAC de l’ONISR, ou « en ligne », comme fichiers "
           "d’accidents (CRASHES)."},
}  # fmt: skip


def hint(lang: str, key: str) -> str:
    return HINTS.get(lang, HINTS["en"])[key]


COUNTRY_CODE = re.compile(r"^[A-Z]{2}$")  # ISO 3166-1 alpha-2, the ``ref`` of a country's OSM relation


def covered_by_baac(code: str, country: str) -> bool:
    """Whether the national crash files cover a territory: a French commune (INSEE code), or a territory
    drawn in France (``country`` "FR", from ``core.speeds.country_of``) that is not another country, such
    as Monaco (``MC``), whose Lambert-93 outline lies among French communes."""
    if is_insee_code(code):
        return True
    code = (code or "").strip().upper()
    return country == "FR" and not (COUNTRY_CODE.match(code) and code != "FR")


def reason(lang: str, key: str, **values: object) -> str:
    return REASONS.get(lang, REASONS["en"])[key].format(**values)


def not_available(reason_text: str, lang: str = "en") -> list[Indicator]:
    """The one row a territory without crash data gets: it says why, and the value stays empty."""
    labels = LABELS.get(lang, LABELS["en"])
    return [Indicator(THEME, "crash_data", labels["not_available"].format(reason=reason_text), None, "")]


@dataclass(frozen=True)
class StreetCrashes:
    """One street with crashes matched to it, as the caller rated it."""

    osm_id: int
    lts: int
    length_m: float
    crashes: int
    cyclist_crashes: int

    @property
    def act_here_first(self) -> bool:
        return self.cyclist_crashes > 0 and self.lts >= ACT_HERE_FIRST_LTS


def _round(value: Optional[float], digits: int = 2) -> Optional[float]:
    return None if value is None else round(float(value), digits)


def safety_indicators(
    crashes: Sequence[Crash],
    years: Sequence[int],
    population: Optional[int],
    *,
    school_distances: Sequence[Optional[float]] = (),
    has_schools: bool = True,
    streets: Sequence[StreetCrashes] = (),
    lang: str = "en",
) -> list[Indicator]:
    """The theme's rows over the crashes of the territory in ``years``.

    ``school_distances``: per crash (same order), straight-line metres to the nearest school (None when
    unknown). ``streets``: the streets crashes were matched to. Per-resident rates are None (not 0) without
    a population."""
    labels = LABELS.get(lang, LABELS["en"])
    n_years = len(years)
    crash_count = len(crashes)
    casualties = sum(c.casualties for c in crashes)
    killed = sum(c.count("killed") for c in crashes)
    hospitalised = sum(c.count("hospitalised") for c in crashes)
    pedestrians = sum(c.count(s, ("pedestrian",)) for c in crashes for s in SEVERE)
    cyclists = sum(c.count(s, CYCLIST_KINDS) for c in crashes for s in SEVERE)
    per_year = (lambda value: value / n_years) if n_years else (lambda value: None)
    per_1000 = (
        (lambda value: 1000.0 * value / n_years / population) if n_years and population else (lambda v: None)
    )
    no_pop = "" if population else labels["population_unknown"]
    # without a usagers file nobody is known hurt: the counts of people are unknown, not 0
    known = any(c.users for c in crashes) or not crashes
    people = (lambda value: value) if known else (lambda value: None)
    no_users = "" if known else labels["no_users"]
    # without vehicules nor usagers, whether a cyclist was involved is unknown too
    kinds_known = any(c.kinds for c in crashes) or not crashes
    kinds = (lambda value: value) if kinds_known else (lambda value: None)
    no_kinds = "" if kinds_known else labels["no_vehicles"]
    near = sum(1 for d in school_distances if d is not None and d <= SCHOOL_RADIUS_M)
    first = [s for s in streets if s.act_here_first]
    rows = [
        ("years", n_years, "count", ""),
        ("crashes_per_year", _round(per_year(crash_count), 1), "count", ""),
        ("casualties_per_year", people(_round(per_year(casualties), 1)), "count", no_users),
        ("crashes_per_1000", _round(per_1000(crash_count)), PER_1000, no_pop),
        ("casualties_per_1000", people(_round(per_1000(casualties))), PER_1000, no_pop or no_users),
        ("killed", people(killed), "count", no_users),
        ("hospitalised", people(hospitalised), "count", no_users),
        ("pedestrians_severe", people(pedestrians), "count", no_users),
        ("cyclists_severe", people(cyclists), "count", no_users),
        ("crashes_near_schools", near if has_schools else None, "count", "" if has_schools else labels["no_schools"]),
        ("act_here_first_streets", kinds(len(first)), "count", no_kinds),
        ("act_here_first_km", kinds(round(sum(s.length_m for s in first) / 1000.0, 2)), "km", no_kinds),
    ]  # fmt: skip
    out = [
        Indicator(
            THEME,
            key,
            labels[key].format(radius=SCHOOL_RADIUS_M) + suffix,
            None if value is None else float(value),
            unit,
        )
        for key, value, unit, suffix in rows
    ]
    for year in sorted(years):
        of_year = [c for c in crashes if c.year == year]
        out.append(Indicator(THEME, f"crashes_{year}", labels["crashes_year"].format(year=year),
                             float(len(of_year)), "count"))  # fmt: skip
        casualties_of_year = people(float(sum(c.casualties for c in of_year)))
        out.append(Indicator(THEME, f"casualties_{year}", labels["casualties_year"].format(year=year) + no_users,
                             casualties_of_year, "count"))  # fmt: skip
    return out
