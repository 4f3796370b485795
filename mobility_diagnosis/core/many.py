"""Many territories at once: what the user typed in ``TERRITORIES``, the comparison table and the run log.

Pure: the commune list comes in as a ``CommuneIndex``, EPCI membership (not in the bundled list) through
a callback that the QGIS side backs with geo.api.gouv.fr. Human texts come from ``MESSAGES`` by language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Iterable, Mapping, Optional, Sequence

from . import themes
from .territory import INSEE_RE, CommuneIndex

# Département codes: metropolitan 01-95 (Corsica 2A/2B), overseas 971-976 (INSEE COG).
DEPARTEMENT_RE = re.compile(r"^(?:\d{2}|2[AB]|97\d)$", re.IGNORECASE)
# An EPCI is identified by its SIREN, 9 digits (BANATIC / geo.api.gouv.fr /epcis).
EPCI_RE = re.compile(r"^\d{9}$")
SEPARATORS_RE = re.compile(r"[\s,;]+")


# Direction of "better" of the indicators ranked, so that rank 1 is the best territory: each theme's
# ``better`` in the registry (core.themes), where its sources are. "higher": a larger value is better;
# "lower": a smaller one is. Only shares, densities and medians are ranked: counts and lengths grow with
# the size of the territory; they are compared but not ranked.
def better_directions() -> dict[tuple[str, str], str]:
    return {(t.id, indicator): way for t in themes.themes() for indicator, way in t.better.items()}


# Status of one territory in the run log.
STATUSES = ("done", "failed", "skipped")

MESSAGES = {
    "empty": {
        "en": "No territory given. Type INSEE codes (06012, 06032), a département code (06, 2A, 974), "
        "an EPCI SIREN (9 digits), or choose a layer with one polygon per territory.",
        "fr": "Aucun territoire indiqué. Saisissez des codes INSEE (06012, 06032), un code de département "
        "(06, 2A, 974), un SIREN d'EPCI (9 chiffres), ou choisissez une couche avec un polygone par territoire.",
    },
    "unknown_token": {
        "en": "“{token}” is neither an INSEE commune code (5 characters), a département code (06, 2A, 974) "
        "nor an EPCI SIREN (9 digits). Correct it or remove it from the list.",
        "fr": "« {token} » n'est ni un code INSEE de commune (5 caractères), ni un code de département "
        "(06, 2A, 974), ni un SIREN d'EPCI (9 chiffres). Corrigez-le ou retirez-le de la liste.",
    },
    "unknown_code": {
        "en": "No French commune has the INSEE code {code}. Check the code (2A/2B in Corsica).",
        "fr": "Aucune commune française n'a le code INSEE {code}. Vérifiez le code (2A/2B en Corse).",
    },
    "unknown_departement": {
        "en": "The bundled commune list has no commune in département {code}. Check the code (01-95, 2A, 2B, "
        "971-976).",
        "fr": "La liste des communes fournie n'a aucune commune dans le département {code}. Vérifiez le code "
        "(01-95, 2A, 2B, 971-976).",
    },
    "epci_offline": {
        "en": "{siren} is an EPCI SIREN, and its member communes are not in the bundled list: they come from "
        "geo.api.gouv.fr, which cannot be used here (offline, or a local OSM file was given). List the INSEE "
        "codes of its communes in TERRITORIES, or give a layer with one polygon per commune (TERRITORY_LAYER).",
        "fr": "{siren} est un SIREN d'EPCI ; ses communes membres ne sont pas dans la liste fournie et viennent "
        "de geo.api.gouv.fr, inaccessible ici (hors ligne, ou fichier OSM local). Listez les codes INSEE de ses "
        "communes dans TERRITORIES, ou donnez une couche avec un polygone par commune (TERRITORY_LAYER).",
    },
    "epci_empty": {
        "en": "geo.api.gouv.fr knows no EPCI with SIREN {siren} (or it has no commune). Check the SIREN on "
        "https://www.banatic.interieur.gouv.fr, or list the INSEE codes of its communes.",
        "fr": "geo.api.gouv.fr ne connaît aucun EPCI de SIREN {siren} (ou il n'a aucune commune). Vérifiez le "
        "SIREN sur https://www.banatic.interieur.gouv.fr, ou listez les codes INSEE de ses communes.",
    },
}


def message(key: str, lang: str = "en", **values) -> str:
    table = MESSAGES[key]
    return table.get(lang, table["en"]).format(**values)


class TerritoriesError(ValueError):
    """TERRITORIES cannot be expanded; the message says what to type instead."""


@dataclass(frozen=True)
class TerritorySpec:
    """One territory of a many-territory run, before its outline is known."""

    code: str
    name: str
    population: Optional[int] = None


EpciMembers = Callable[[str], Sequence[tuple[str, str]]]  # SIREN -> [(INSEE code, name)]


def split_tokens(text: str) -> list[str]:
    return [token for token in SEPARATORS_RE.split(text or "") if token]


def expand_territories(
    text: str, index: CommuneIndex, epci_members: Optional[EpciMembers] = None, lang: str = "en"
) -> list[TerritorySpec]:
    """INSEE codes, département codes and EPCI SIRENs to the list of communes, in the order typed,
    without duplicates. ``epci_members`` is None offline: an EPCI is then an error saying what to do."""
    tokens = split_tokens(text)
    if not tokens:
        raise TerritoriesError(message("empty", lang))
    specs: dict[str, TerritorySpec] = {}
    for token in tokens:
        for spec in _expand_token(token, index, epci_members, lang):
            specs.setdefault(spec.code, spec)
    return list(specs.values())


def _expand_token(typed: str, index: CommuneIndex, epci_members, lang: str) -> list[TerritorySpec]:
    token = typed.upper()
    if INSEE_RE.match(token):
        commune = index.by_code.get(token)
        if commune is None:
            raise TerritoriesError(message("unknown_code", lang, code=token))
        return [TerritorySpec(commune.code, commune.name, commune.population)]
    if DEPARTEMENT_RE.match(token):
        communes = index.by_departement(token)
        if not communes:
            raise TerritoriesError(message("unknown_departement", lang, code=token))
        return [TerritorySpec(c.code, c.name, c.population) for c in communes]
    if EPCI_RE.match(token):
        if epci_members is None:
            raise TerritoriesError(message("epci_offline", lang, siren=token))
        members = list(epci_members(token))
        if not members:
            raise TerritoriesError(message("epci_empty", lang, siren=token))
        specs = []
        for code, name in members:
            commune = index.by_code.get(code)
            specs.append(
                TerritorySpec(
                    code, commune.name if commune else name, commune.population if commune else None
                )
            )
        return specs
    raise TerritoriesError(message("unknown_token", lang, token=typed))


def has_epci(text: str) -> bool:
    return any(EPCI_RE.match(token) for token in split_tokens(text))


def safe_folder_name(code: str) -> str:
    """A territory code as a folder name: letters, digits, '-' and '_' only."""
    cleaned = re.sub(r"[^A-Za-z0-9_-]+", "_", code.strip())
    return cleaned or "territory"


# ------------------------------------------------------------------------------------------- comparison


@dataclass(frozen=True)
class IndicatorValue:
    theme: str
    indicator: str
    value: Optional[float]
    unit: str = ""
    label: str = ""


def column_name(theme: str, indicator: str) -> str:
    return f"{theme}_{indicator}"


def rank_values(values: Sequence[Optional[float]], better: str) -> list[Optional[int]]:
    """Competition ranks (1 = best, ties share the best rank, 1-2-2-4); None values get no rank."""
    known = [v for v in values if v is not None]
    ordered = sorted(known, reverse=(better == "higher"))
    first = {}
    for position, value in enumerate(ordered, start=1):
        first.setdefault(value, position)
    return [first[v] if v is not None else None for v in values]


@dataclass
class ComparisonTable:
    columns: list[str]  # code, name, indicator columns, rank columns
    rows: list[dict]
    indicator_columns: list[str]
    rank_columns: list[str]
    units: dict[str, str] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)


def comparison_table(
    territories: Sequence[tuple[str, str]],
    indicators: Mapping[str, Iterable[IndicatorValue]],
    better: Optional[Mapping[tuple[str, str], str]] = None,
) -> ComparisonTable:
    """One row per territory (``(code, name)`` in the order given), one column per indicator seen in any
    territory (empty where a territory lacks it), and ``rank_<column>`` for the indicators whose direction
    of "better" is known (the registry's when ``better`` is None)."""
    better = better_directions() if better is None else better
    keys: list[tuple[str, str]] = []
    by_code: dict[str, dict[str, Optional[float]]] = {}
    units, labels = {}, {}
    for code, _ in territories:
        values = {}
        for item in indicators.get(code, ()):
            key = (item.theme, item.indicator)
            if key not in keys:
                keys.append(key)
            column = column_name(*key)
            values[column] = None if item.value is None else float(item.value)
            units.setdefault(column, item.unit)
            labels.setdefault(column, item.label)
        by_code[code] = values
    keys.sort()
    indicator_columns = [column_name(*k) for k in keys]
    rows = [{"code": code, "name": name} for code, name in territories]
    for row in rows:
        for column in indicator_columns:
            row[column] = by_code[row["code"]].get(column)
    rank_columns = []
    for key in keys:
        direction = better.get(key)
        if direction is None:
            continue
        column = column_name(*key)
        rank_column = "rank_" + column
        rank_columns.append(rank_column)
        for row, rank in zip(rows, rank_values([r[column] for r in rows], direction)):
            row[rank_column] = rank
    return ComparisonTable(
        ["code", "name", *indicator_columns, *rank_columns],
        rows,
        indicator_columns,
        rank_columns,
        units,
        labels,
    )


# -------------------------------------------------------------------------------------------- run log


@dataclass
class RunRecord:
    code: str
    name: str
    status: str  # one of STATUSES
    seconds: float = 0.0
    error: str = ""
    attempts: int = 0

    def as_row(self) -> dict:
        return {
            "code": self.code,
            "name": self.name,
            "status": self.status,
            "seconds": round(self.seconds, 2),
            "error": self.error,
            "attempts": self.attempts,
        }


RUN_LOG_FIELDS = (("code", "str"), ("name", "str"), ("status", "str"), ("seconds", "float"),
                  ("error", "str"), ("attempts", "int"))  # fmt: skip


def summary(records: Iterable[RunRecord]) -> dict[str, int]:
    counts = {status: 0 for status in STATUSES}
    for record in records:
        counts[record.status] = counts.get(record.status, 0) + 1
    return counts
