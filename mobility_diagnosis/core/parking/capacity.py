"""Reading ``capacity=*`` leniently: the forms seen in taginfo, ranges and lists, typos flagged."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Optional

from .messages import message

# Above these a capacity is taken for a typo (the largest car parks in Europe hold about 10,000
# cars; the largest bike parking, Utrecht Centraal, 12,500 bikes).
MAX_CAPACITY = {"car": 20000, "bike": 15000}


@dataclass(frozen=True)
class Capacity:
    value: Optional[int]  # None: unknown or unreadable
    approximate: bool = False  # "~20", "ca. 20", "20+", a range
    warning: Optional[str] = None


def _int(m: re.Match, group: int = 1) -> int:
    return int(m.group(group))


# (pattern, how to turn the match into a number, approximate?, message key or None).
# Forms seen in taginfo for capacity=*: plain numbers, "~20", "ca. 20", "20+", "2 x 5", "10-12",
# "12;4" (several parkings merged), "20.0" (spreadsheet exports).
CAPACITY_FORMS: tuple[tuple[re.Pattern, Callable[[re.Match], int], bool, Optional[str]], ...] = (
    (re.compile(r"^\+?(\d+)$"), _int, False, None),
    (re.compile(r"^(\d+)\.0+$"), _int, False, None),
    (re.compile(r"^(?:~|≈|ca\.?|approx\.?|about|env\.?|environ)\s*(\d+)$", re.I), _int, True, None),
    (re.compile(r"^(\d+)\s*\+$"), _int, True, None),
    (re.compile(r"^(\d+)\s*[x×*]\s*(\d+)$", re.I), lambda m: _int(m, 1) * _int(m, 2), False, None),
    (re.compile(r"^(\d+)\s*[-–]\s*(\d+)$"), lambda m: min(_int(m, 1), _int(m, 2)), True, "capacity_range"),
    (re.compile(r"^(\d+)(?:\s*;\s*\d+)+$"), lambda m: sum(int(x) for x in m.group(0).split(";")), False,
     "capacity_list"),
)  # fmt: skip
_NEGATIVE = re.compile(r"^-\s*\d+(?:\.\d+)?$")


def parse_capacity(raw: Optional[str], *, feature: str = "", kind: str = "car", lang: str = "en") -> Capacity:
    """Read ``capacity=*`` leniently: a clear meaning gives a number, anything else None plus a
    warning naming the feature (never an exception)."""
    if raw is None or not str(raw).strip():
        return Capacity(None)
    text = str(raw).strip()
    maximum = MAX_CAPACITY.get(kind, MAX_CAPACITY["car"])
    if _NEGATIVE.match(text):
        return Capacity(None, warning=message(lang, "capacity_negative", feature=feature, raw=text))
    for pattern, convert, approximate, note in CAPACITY_FORMS:
        match = pattern.match(text)
        if match is None:
            continue
        value = convert(match)
        if value > maximum:
            return Capacity(
                None, warning=message(lang, "capacity_absurd", feature=feature, raw=text, maximum=maximum)
            )
        warning = message(lang, note, feature=feature, raw=text, value=value) if note else None
        return Capacity(value, approximate, warning)
    return Capacity(None, warning=message(lang, "capacity_unreadable", feature=feature, raw=text))
