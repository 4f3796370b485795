"""Ranked actions built from the diagnosis itself: where, why (the figure), the effect (homes or
destinations gained, computed from the layers), and a cost class.

Candidates come from the layers (cycling gaps, school-street candidates, crossings around schools,
destinations without bike parking, stops not accessible); each gets a score from the SCORING table and
the best 3 to 7 are kept, at most MAX_PER_KIND of one kind so that the list covers several themes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable, Optional, Sequence

from ..package_text import lang_of
from ..report_text import format_number
from .assessment import denominator
from .costs import COST_LABELS, HEAVY, LIGHT, PAINTING, cost_row, gap_cost_kind
from .inputs import (
    DESTINATION_AROUND_M,
    GAP_ACCESS_M,
    SCHOOL_CATCHMENT_M,
    SCHOOL_CROSSING_M,
    STOP_SERVED_M,
    DestinationInput,
    SchoolInput,
    StopInput,
    SynthesisInputs,
)
from .texts import (
    ACTIONS,
    AND,
    DESTINATION_KINDS,
    HOME_UNITS,
    LIST_SEPARATOR,
    SCHOOL_IN_TEXT,
    UNNAMED_PLACE,
    UNNAMED_STREET,
    counted,
    gap_destination,
    typeset,
)

# Scoring (a proposal, docs/synthesis.md): score = weight × ln(1 + beneficiaries) / cost factor.
# The logarithm keeps one dense block from outweighing everything; the cost factor doubles per class,
# so a cheap action that serves a few streets can come before heavy works that serve a little more.
# Weights: children first (the school score of docs/schools.md puts calm streets and safe routes
# first), then links that open a whole network, then what helps one trip at a time.
SCORING: tuple[tuple[str, float, str], ...] = (
    ("school_street", 1.5, "children at the school gate: the first weight of the school score"),
    ("school_crossings", 1.2, "children's walking routes; kerbs known to be missing"),
    ("school_crossings_unverified", 0.6, "kerbs only undescribed in OSM: a site check comes first"),
    ("cycling_gap", 1.0, "one link opens a whole low-stress island (Mekuria–Furth connectivity)"),
    ("stop_access", 1.0, "a legal duty (act of 2005) serving every trip from the stop"),
    ("bike_stands", 0.8, "cheap and quick, but parking alone does not make a trip possible"),
)
COST_FACTOR = {PAINTING: 1.0, LIGHT: 2.0, HEAVY: 4.0}
UNKNOWN_BENEFICIARIES = math.e - 1  # ln(1 + x) = 1: without walk_access, kinds rank by weight and cost
MIN_ACTIONS, MAX_ACTIONS, MAX_PER_KIND = 3, 7, 2
BIKE_STANDS_PER_ACTION = 5  # destinations named in the one bike-stand action
# A school-street candidate shorter than this in all is a driveway or a gate, not a street to close.
MIN_SCHOOL_STREET_M = 25.0
# Footfall weight of a destination kind for the bike-stand action (plugin's proposal): places people
# come to from far (stations, schools, the town hall) before those met on the way (a bus stop).
DESTINATION_WEIGHT = {
    "station": 1.0, "school": 1.0, "townhall": 1.0, "library": 0.8, "health": 0.8, "public_office": 0.8,
    "sport": 0.7, "shop": 0.6, "stop": 0.4,
}  # fmt: skip


@dataclass(frozen=True)
class Place:
    """Features of a diagnosis layer an action is about (for the priority map)."""

    layer: str
    field: str
    values: tuple

    def expression(self) -> str:
        """A QGIS filter expression selecting these features (for the priority map's layer)."""
        values = ", ".join(
            str(v) if isinstance(v, int) else "'" + str(v).replace("'", "''") + "'" for v in self.values
        )
        return f'"{self.field}" IN ({values})'


@dataclass(frozen=True)
class Action:
    kind: str
    theme: str
    score: float
    beneficiaries: Optional[float]
    cost: str  # costs.COST_CLASSES
    title: str
    where: str
    why: str
    effect: str
    cost_text: str  # class and what the money buys, with its source
    places: tuple[Place, ...]
    rank: int = 0

    def typeset(self, lang: str) -> Action:
        texts = ("title", "where", "why", "effect", "cost_text")
        return Action(**{**self.__dict__, **{k: typeset(getattr(self, k), lang) for k in texts}})


def weight(kind: str) -> float:
    return next(w for k, w, _ in SCORING if k == kind)


def score(kind: str, beneficiaries: Optional[float], cost: str) -> float:
    b = UNKNOWN_BENEFICIARIES if beneficiaries is None else max(beneficiaries, 0.0)
    return weight(kind) * math.log1p(b) / COST_FACTOR[cost]


class _Fmt:
    def __init__(self, lang: str, inputs: SynthesisInputs):
        self.lang = lang
        self.inputs = inputs
        self.values = {
            **{i.indicator: i.value for i in inputs.indicators if i.value is not None and i.value == i.value},
            **inputs.counts,
        }

    def n(self, value: Optional[float]) -> str:
        return format_number(value, self.lang) if value is not None else "?"

    def km(self, metres: Optional[float]) -> str:
        return self.n(None if metres is None else metres / 1000.0)

    def streets(self, names: Sequence[str]) -> str:
        unique = list(dict.fromkeys(n for n in names if n))
        if not unique:
            return UNNAMED_STREET[self.lang]
        joiner = " et " if self.lang == "fr" else " and "
        return unique[0] if len(unique) == 1 else ", ".join(unique[:-1]) + joiner + unique[-1]

    def homes_unit(self, count: Optional[float]) -> str:
        """The unit of a count of homes, singular for one (« 1 bâtiment résidentiel »)."""
        one, several = HOME_UNITS[self.lang][self.inputs.home_unit or "buildings"]
        return one if count == 1 else several

    def homes(self, count: Optional[float]) -> dict:
        """A count of homes, its unit and the words that agree with it (texts.COUNTED)."""
        agree = {k: counted(k, count, self.lang) for k in ("have", "would_gain", "their")}
        return {"homes": self.n(count), "home_unit": self.homes_unit(count), **agree}

    def counted(self, key: str, count: Optional[float], **fields) -> str:
        return counted(key, count, self.lang, n=self.n(count), **fields)

    def share(self, key: str, share: Optional[float], den: str) -> str:
        """A clause on a share: « aucun des … » when it is 0, the share and its denominator otherwise."""
        return counted(key, 0 if share == 0 else 2, self.lang, share=self.n(share), den=den)

    def cost(self, kind: str) -> tuple[str, str]:
        row = cost_row(kind)
        return row.cost, f"{COST_LABELS[self.lang][row.cost]} — {row.note[self.lang]}"

    def school_name(self, school: SchoolInput) -> str:
        named, unnamed = SCHOOL_IN_TEXT[self.lang]
        return (named if school.name else unnamed).format(
            name=school.name, ref=f"{school.osm_type}/{school.osm_id}"
        )


def _total(values: Sequence[Optional[float]]) -> Optional[float]:
    """Their sum, or None when any is unknown (a partial count is not a count)."""
    return None if any(v is None for v in values) else float(sum(v for v in values if v is not None))


def _make(
    f: _Fmt, kind: str, theme: str, beneficiaries: Optional[float], cost_kind: str, fields: dict,
    places: tuple[Place, ...], *, score_kind: str = "", title: str = "title", why: str = "why",
    effect: str = "effect", where: str = "where",
) -> Action:  # fmt: skip
    """One action from its message table (texts.ACTIONS[kind]) and its figures."""
    t = ACTIONS[kind][f.lang]
    cost, cost_text = f.cost(cost_kind)
    effect = effect if beneficiaries is not None else "effect_unknown"
    return Action(
        kind, theme, score(score_kind or kind, beneficiaries, cost), beneficiaries, cost,
        t[title].format(**fields), t[where].format(**fields), t[why].format(**fields),
        t[effect].format(**fields), cost_text, places,
    )  # fmt: skip


def _gap_actions(f: _Fmt) -> list[Action]:
    out = []
    for gap in f.inputs.gaps:
        dest = gap.kind == "destination"
        # the island that gains is the smaller one (docs/cycling.md ranks gaps by it); the other is reached
        sizes = sorted(
            [(gap.island_a_m or 0.0, gap.island_a), (gap.island_b_m or 0.0, gap.island_b)], key=lambda s: s[0]
        )
        (_, small), (big_m, _) = (
            ((gap.island_a_m, gap.island_a), (gap.island_a_m, gap.island_a)) if dest else sizes
        )
        fields = {
            "streets": f.streets(gap.streets), "gap_id": gap.gap_id, "length": f.n(gap.length_m),
            "high_stress": f.n(gap.high_stress_m), "speed": f.n(gap.max_speed_kmh), "island_a": gap.island_a,
            "island_b": gap.island_b, "island_a_km": f.km(gap.island_a_m), "island_b_km": f.km(gap.island_b_m),
            "destination": gap_destination(gap.destination_kind, gap.destination, f.lang), **f.homes(gap.residents),
            "access": f.n(GAP_ACCESS_M), "gainer": small, "reach_km": f.km(big_m),
            "along": f.counted("along", gap.destinations), "separate": f.counted("separate", gap.high_stress_m),
        }  # fmt: skip
        crossing = gap.kind == "crossing"
        suffix = "_dest" if dest else "_crossing" if crossing else ""
        # a crossing is marked where it crosses: its way is the whole road crossed (Beausoleil's: 1 km long)
        places = (Place("cycling_gaps", "gap_id", (gap.gap_id,)),) + (
            () if crossing else (Place("cycling_segments", "osm_id", gap.osm_ids),)
        )
        cost_kind = gap_cost_kind(gap.kind, gap.max_speed_kmh, gap.highways)
        out.append(
            _make(f, "cycling_gap", "cycling", gap.residents, cost_kind, fields, places,
                  title="title" + suffix, why="why" + suffix, effect="effect" + ("_dest" if dest else ""),
                  where="where" + ("_crossing" if crossing else ""))
        )  # fmt: skip
    return out


def _school_actions(f: _Fmt) -> list[Action]:
    out = []
    for school in f.inputs.schools:
        base = {
            "school": f.school_name(school), **f.homes(school.catchment),
            "catchment": f.n(SCHOOL_CATCHMENT_M), "radius": f.n(SCHOOL_CROSSING_M),
        }  # fmt: skip
        school_place = Place("school_diagnosis", "osm_id", (school.osm_id,))
        length = sum(s.length_m for s in school.streets)
        if length >= MIN_SCHOOL_STREET_M:
            fields = {
                **base,
                "streets": f.streets([s.name or UNNAMED_STREET[f.lang] for s in school.streets]),
                "length": f.n(length),
                "calm": f.n(None if school.calm_share is None else 100.0 * school.calm_share),
            }
            streets = Place("school_street_candidates", "osm_id", tuple(s.osm_id for s in school.streets))
            why = "why" if school.calm_share is not None else "why_unknown"
            out.append(
                _make(f, "school_street", "schools", school.catchment, "school_street", fields,
                      (school_place, streets), why=why)
            )  # fmt: skip
        not_ok = school.crossings_to_fix + school.crossings_unknown
        if not_ok:
            verified = bool(school.crossings_to_fix)
            total = len(not_ok) + len(school.crossings_ok)
            fix_unknown = [
                f.counted("fix", len(school.crossings_to_fix)),
                f.counted("unknown", len(school.crossings_unknown)),
            ]
            fields = {
                **base, "count": f.n(len(not_ok)), "crossings": f.counted("crossings", len(not_ok)),
                "total": f.n(total), "total_crossings": f.counted("crossings", total),
                "fix_unknown": AND[f.lang].join(t for t in fix_unknown if t),
                "unknown_kerb": f.counted("unknown_kerb", len(school.crossings_unknown)),
                "ok": f.counted("ok", len(school.crossings_ok)),
            }  # fmt: skip
            out.append(
                _make(f, "school_crossings", "accessibility", school.catchment, "school_crossings", fields,
                      (school_place, Place("crossing_access", "osm_id", not_ok)),
                      score_kind="school_crossings" if verified else "school_crossings_unverified",
                      title="title" if verified else "title_unverified", why="why" if verified else "why_unverified")
            )  # fmt: skip
    return out


def _destination_weight(d: DestinationInput) -> float:
    return DESTINATION_WEIGHT.get(d.kind, 0.5) * math.log1p(d.around or 0.0)


def _destination_text(f: _Fmt, d: DestinationInput) -> str:
    kind = DESTINATION_KINDS[f.lang].get(d.kind, d.kind)
    if not d.name:
        return f"{kind} ({UNNAMED_PLACE[f.lang]})"
    return f"{kind} « {d.name} »" if f.lang == "fr" else f"{kind} “{d.name}”"


def _bike_stand_actions(f: _Fmt) -> list[Action]:
    if not f.inputs.destinations:
        return []
    chosen = sorted(f.inputs.destinations, key=lambda d: (-_destination_weight(d), d.osm_id))
    chosen = chosen[:BIKE_STANDS_PER_ACTION]
    homes = _total([d.around for d in chosen])
    share = f.values.get("destinations_with_bike_parking_share")
    fields = {
        "places": LIST_SEPARATOR[f.lang].join(_destination_text(f, d) for d in chosen),
        "these_destinations": f.counted("these_destinations", len(chosen)),
        "equipped": f.counted("equipped", len(chosen)), "surrounded": f.counted("surrounded", len(chosen)),
        **f.homes(homes), "around": f.n(DESTINATION_AROUND_M),
        "share_with": f.share("share_with", share, denominator("destinations", f.values, f.lang)),
    }  # fmt: skip
    places = (Place("bike_parking_gaps", "osm_id", tuple(d.osm_id for d in chosen)),)
    return [_make(f, "bike_stands", "parking", homes, "bike_stands", fields, places)]


def _stop_actions(f: _Fmt) -> list[Action]:
    groups: dict[str, list[StopInput]] = {}
    for stop in f.inputs.stops:
        if stop.wheelchair == "no":
            groups.setdefault(stop.name or f"{stop.osm_type}/{stop.osm_id}", []).append(stop)
    out = []
    for name, stops in groups.items():
        served = _total([s.served for s in stops])
        share = f.values.get("share_stops_wheelchair_yes")
        fields = {
            "stop": name, "count": f.n(len(stops)), "platforms": f.counted("platforms", len(stops)),
            **f.homes(served), "served": f.n(STOP_SERVED_M),
            "share_accessible": f.share("share_accessible", share, denominator("stops", f.values, f.lang)),
        }  # fmt: skip
        places = (Place("stop_access", "osm_id", tuple(s.osm_id for s in stops)),)
        out.append(_make(f, "stop_access", "accessibility", served, "stop_access", fields, places))
    return out


BUILDERS: tuple[Callable[[_Fmt], list[Action]], ...] = (
    _gap_actions,
    _school_actions,
    _bike_stand_actions,
    _stop_actions,
)


def candidates(inputs: SynthesisInputs, lang: str) -> list[Action]:
    """Every candidate action, best first (before the 3-7 cut)."""
    f = _Fmt(lang_of(lang), inputs)
    found = [a for build in BUILDERS for a in build(f)]
    # ties: more beneficiaries, then the cheaper class, then the title (stable across runs)
    found.sort(key=lambda a: (-a.score, -(a.beneficiaries or 0.0), COST_FACTOR[a.cost], a.title))
    return [a.typeset(f.lang) for a in found if a.beneficiaries is None or a.beneficiaries > 0]


def rank_actions(inputs: SynthesisInputs, lang: str) -> list[Action]:
    """The 3 to 7 actions to put before a council (fewer only when the diagnosis has fewer candidates)."""
    chosen: list[Action] = []
    per_kind: dict[str, int] = {}
    rest = []
    for action in candidates(inputs, lang):
        if len(chosen) < MAX_ACTIONS and per_kind.get(action.kind, 0) < MAX_PER_KIND:
            chosen.append(action)
            per_kind[action.kind] = per_kind.get(action.kind, 0) + 1
        else:
            rest.append(action)
    # fewer than MIN_ACTIONS because of the per-kind cap: take the next best regardless of kind
    chosen += rest[: max(0, MIN_ACTIONS - len(chosen))]
    chosen.sort(key=lambda a: -a.score)
    return [Action(**{**a.__dict__, "rank": i + 1}) for i, a in enumerate(chosen)]
