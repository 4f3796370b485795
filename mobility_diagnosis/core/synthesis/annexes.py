"""The data of the report's annexes: one line per school, the ranked cycling gaps, and what mappers
can add to OpenStreetMap to sharpen the diagnosis (with counts)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from ..package_text import lang_of
from ..report_text import format_number
from ..schools.figures import GAP_MESSAGES
from .inputs import SynthesisInputs
from .texts import (
    GAP_CROSSING_LENGTH,
    GAP_JOINS,
    MAPPING,
    UNNAMED_SCHOOL,
    UNNAMED_STREET,
    gap_destination,
    typeset,
)


@dataclass(frozen=True)
class SchoolRow:
    osm_id: int
    name: str
    score: Optional[float]
    problem: str


@dataclass(frozen=True)
class GapRow:
    gap_id: int
    streets: str
    length_m: float
    joins: str
    homes: Optional[float]
    length: str = ""  # the length column's text: « 185,8 m », or « traversée » for a crossing


@dataclass(frozen=True)
class MappingRow:
    key: str
    value: float
    unit: str
    text: str


def school_rows(inputs: SynthesisInputs, lang: str) -> list[SchoolRow]:
    """One line per school, lowest score first (the ones to look at first)."""
    lang = lang_of(lang)
    messages = GAP_MESSAGES[lang]
    rows = [
        SchoolRow(
            s.osm_id,
            s.name or UNNAMED_SCHOOL[lang].format(ref=f"{s.osm_type}/{s.osm_id}"),
            s.score,
            typeset(messages.get(s.main_gap_code, s.main_gap_code), lang),
        )
        for s in inputs.schools
    ]
    return sorted(rows, key=lambda r: (r.score is None, r.score if r.score is not None else 0.0, r.name))


def gap_rows(inputs: SynthesisInputs, lang: str) -> list[GapRow]:
    """The cycling gaps in the cycling theme's own order (gap_id 1 = most valuable)."""
    lang = lang_of(lang)
    out = []
    for g in sorted(inputs.gaps, key=lambda g: g.gap_id):
        names = list(dict.fromkeys(n for n in g.streets if n)) or [UNNAMED_STREET[lang]]
        km = lambda m: format_number((m or 0.0) / 1000.0, lang)  # noqa: E731
        joins = GAP_JOINS[lang]["destination" if g.kind == "destination" else "islands"].format(
            a=g.island_a,
            b=g.island_b,
            a_km=km(g.island_a_m),
            b_km=km(g.island_b_m),
            destination=gap_destination(g.destination_kind, g.destination, lang),
        )
        length = GAP_CROSSING_LENGTH[lang] if g.kind == "crossing" else f"{format_number(g.length_m, lang)} m"
        out.append(GapRow(g.gap_id, ", ".join(names), g.length_m, typeset(joins, lang), g.residents, length))
    return out


def mapping_rows(inputs: SynthesisInputs, lang: str) -> list[MappingRow]:
    """What to map, in the order of texts.MAPPING, for the gaps that exist (count above zero)."""
    lang = lang_of(lang)
    values = {i.indicator: i.value for i in inputs.indicators if i.value is not None and i.value == i.value}
    values.update(inputs.counts)
    if "on_street_information_share" in values:  # the parking theme gives the mapped share
        values["street_parking_unmapped_share"] = 100.0 - values["on_street_information_share"]
    if values.get("schools_count") == 0 and "missing_in_osm" not in values:  # the directory says better
        values["schools_not_mapped"] = 1.0
    out = []
    for key, unit, texts in MAPPING:
        value = values.get(key)
        if value is None or value <= 0:
            continue
        street_km = values.get("street_km") if key == "share_no_speed_tag" else None
        km = "" if street_km is None else f" ({format_number(value * street_km / 100.0, lang)} km)"
        text = texts[lang].format(value=format_number(value, lang), km=km)
        out.append(MappingRow(key, value, unit, typeset(text, lang)))
    return out
