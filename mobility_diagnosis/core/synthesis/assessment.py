"""Strengths and weaknesses per theme: each headline indicator against its reference values."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Optional, Sequence

from ..indicators import Indicator
from ..package_text import lang_of, theme_title
from ..report_text import format_number, holds
from .references import HIGHER, Reference, references_for
from .texts import (
    DENOMINATORS,
    FINDING_FRAME,
    FINDINGS,
    FINDINGS_IN_WORDS,
    NOTHING_MAPPED,
    NOTHING_MAPPED_FRAME,
    SOURCE_SHORT,
    typeset,
)

STRENGTH, WEAKNESS, UNKNOWN = "strength", "weakness", "unknown"
UNIT_SUFFIX = {"%": " %", "score 0-100": "/100"}


@dataclass(frozen=True)
class Finding:
    theme: str
    indicator: str
    kind: str  # STRENGTH, WEAKNESS or UNKNOWN
    value: Optional[float]
    reference: Optional[Reference]
    text: str
    count: int = 1  # indicators it speaks for (one line for a theme's figures missing for one reason)


def denominator(key: str, values: Mapping[str, float], lang: str) -> str:
    count_key, texts = DENOMINATORS[key]
    with_n, without_n, *one = texts[lang]
    n = values.get(count_key)
    if n is None:
        return without_n
    return one[0] if one and n == 1 else with_n.format(n=format_number(n, lang))


def _known(value: Optional[float]) -> bool:
    return value is not None and value == value


def assess(
    indicators: Sequence[Indicator],
    lang: str,
    counts: Mapping[str, float] = {},
    references: Sequence[Reference] = (),
) -> dict[str, list[Finding]]:
    """Findings by theme, in the order of the reference table. ``references`` adds rows (département,
    France) to those of ``references.REFERENCES``; the first threshold row decides strength or weakness,
    the others are quoted beside it."""
    lang = lang_of(lang)
    frame = FINDING_FRAME[lang]
    by_id = {(i.theme, i.indicator): i for i in indicators}
    values = {**{i.indicator: i.value for i in indicators if _known(i.value)}, **counts}
    out: dict[str, list[Finding]] = {}
    for (theme, name), refs in references_for(tuple(references)).items():
        row = by_id.get((theme, name))
        if row is None or name not in FINDINGS:
            continue  # theme not run: nothing to say
        if not _known(row.value):
            out.setdefault(theme, []).append(
                Finding(
                    theme, name, UNKNOWN, None, None, typeset(frame[UNKNOWN].format(label=row.label), lang)
                )
            )
            continue
        deciding = next((r for r in refs if r.scope == "threshold"), refs[0])
        unit = UNIT_SUFFIX.get(row.unit, "")
        den_key, templates = FINDINGS[name]
        words = FINDINGS_IN_WORDS.get(name, {}) if row.unit == "%" else {}
        form = next((f for f in words if holds(row.value, f, lang)), None)
        text = (words[form] if form else templates)[lang].format(
            value=format_number(row.value, lang), den=denominator(den_key, values, lang)
        )
        kind = STRENGTH if deciding.met(row.value) else WEAKNESS
        source = SOURCE_SHORT[lang].get(deciding.source, deciding.citation(lang))
        if deciding.scope != "threshold":  # census: the commune against its peers, said as a comparison
            sentence = frame[f"{kind}_vs"].format(text=text, refs=_against(refs, unit, lang), source=source)
            out.setdefault(theme, []).append(
                Finding(theme, name, kind, row.value, deciding, typeset(sentence, lang))
            )
            continue
        others = [
            frame["compare"].format(
                scope=frame.get(r.scope, r.scope), ref=format_number(r.value, lang), unit=unit
            )
            for r in refs
            if r is not deciding
        ]
        if others:
            source = "; ".join([source, *others])
        full = deciding.direction == HIGHER and deciding.value == 100.0 and row.unit == "%"
        sentence = frame[kind].format(
            text=text,
            op=frame["full"] if full else frame[deciding.direction],
            ref=format_number(deciding.value, lang),
            unit=unit,
            source=source,
        )
        sentence = typeset(sentence.replace("  ", " "), lang)
        out.setdefault(theme, []).append(Finding(theme, name, kind, row.value, deciding, sentence))
    return {theme: _one_line_per_reason(theme, found, values, lang) for theme, found in out.items()}


def _against(refs: Sequence[Reference], unit: str, lang: str) -> str:
    """« 46,7 % dans les communes de même densité, 63,4 % dans le département et 70,1 % en France »."""
    frame = FINDING_FRAME[lang]
    parts = [frame[f"in_{r.scope}"].format(ref=format_number(r.value, lang), unit=unit) for r in refs]
    return frame["and"].join([", ".join(parts[:-1]), parts[-1]]) if len(parts) > 1 else parts[0]


def _one_line_per_reason(theme: str, found: list[Finding], values: Mapping[str, float], lang: str) -> list:
    """The findings not assessed because what they are shares of is absent (their denominator counts 0,
    e.g. no school mapped) said once, with that reason, where the first of them stood."""
    empty = {
        f.indicator: FINDINGS[f.indicator][0]
        for f in found
        if f.kind == UNKNOWN
        and FINDINGS[f.indicator][0] in NOTHING_MAPPED
        and values.get(DENOMINATORS[FINDINGS[f.indicator][0]][0]) == 0
    }
    out: list[Finding] = []
    for f in found:
        reason = empty.get(f.indicator)
        if reason is None:
            out.append(f)
        elif not any(o.indicator == reason for o in out):
            text = NOTHING_MAPPED_FRAME[lang].format(
                what=NOTHING_MAPPED[reason][lang], page=theme_title(theme, lang)
            )
            count = sum(1 for r in empty.values() if r == reason)
            out.append(Finding(theme, reason, UNKNOWN, None, None, typeset(text, lang), count))
    return out
