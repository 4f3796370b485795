"""The synthesis of a diagnosis: strengths and weaknesses against reference values, 3 to 7 ranked
actions built from the layers, and the data of the annexes (docs/synthesis.md). Pure: the QGIS side
reads a diagnosis GeoPackage into ``SynthesisInputs`` (``qgis_io/export/synthesis_inputs.py``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from .actions import Action, Place, candidates, rank_actions
from .annexes import GapRow, MappingRow, SchoolRow, gap_rows, mapping_rows, school_rows
from .assessment import Finding, assess
from .inputs import SynthesisInputs
from .references import REFERENCES, SOURCES, Reference, reference_table

__all__ = [
    "REFERENCES", "SOURCES", "Action", "Finding", "GapRow", "MappingRow", "Place", "Reference", "SchoolRow",
    "Synthesis", "SynthesisInputs", "assess", "build_synthesis", "candidates", "gap_rows", "mapping_rows",
    "rank_actions", "reference_table", "school_rows",
]  # fmt: skip


@dataclass(frozen=True)
class Synthesis:
    findings: dict[str, list[Finding]]  # by theme
    actions: list[Action]  # ranked, 3 to 7
    schools: list[SchoolRow]
    gaps: list[GapRow]
    mapping: list[MappingRow]


def build_synthesis(inputs: SynthesisInputs, lang: str, references: Sequence[Reference] = ()) -> Synthesis:
    """Everything the synthesis page and the annexes print. ``references``: extra rows (département and
    France values from the profile theme) compared beside the thresholds."""
    return Synthesis(
        assess(inputs.indicators, lang, inputs.counts, references),
        rank_actions(inputs, lang),
        school_rows(inputs, lang),
        gap_rows(inputs, lang),
        mapping_rows(inputs, lang),
    )
