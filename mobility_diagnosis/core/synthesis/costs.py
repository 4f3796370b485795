"""Cost classes of the actions: one row per action kind, with where its order of magnitude comes from.

Three classes a council can compare: painting (markings and signs), light works (street furniture, a
kerb, a barrier), heavy works (rebuilding a carriageway or a platform). A row cites a cost only where a
document gives one; otherwise it says "ordre de grandeur du plugin".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence

from ..cycling.lts import LANE_CLASS_FLOOR

PAINTING, LIGHT, HEAVY = "painting", "light", "heavy"
COST_CLASSES = (PAINTING, LIGHT, HEAVY)

COST_LABELS = {
    "fr": {PAINTING: "marquage et signalisation", LIGHT: "petits travaux", HEAVY: "gros travaux"},
    "en": {PAINTING: "painting and signs", LIGHT: "light works", HEAVY: "heavy works"},
}


@dataclass(frozen=True)
class CostRow:
    kind: str  # action kind (actions.py)
    cost: str  # a COST_CLASSES value
    note: dict[str, str]  # what the money buys and its source, fr / en


CLUB = "Club des villes et territoires cyclables et marchables, plateforme des coûts (villes-cyclables.org)"

# A cycling gap is costed by the speed of the stressful ways it uses (cycling_segments.speed_kmh, the
# highest of them): at 50 km/h or less a marked lane lowers the stress to LTS 1-2 (the plugin's own lane
# rules, core/cycling/lts.py c1/b2 after Mekuria–Furth), unless the way is a main road, where a lane stays
# LTS 3 (lts.py floor l1): only a separated track helps there, as above 50 km/h. A gap that is a
# crossing needs signals or a refuge.
GAP_SPEED_COST: tuple[tuple[float, str], ...] = ((50.0, PAINTING), (float("inf"), HEAVY))
TRACK_ONLY_CLASSES = frozenset(c for _, classes, floor in LANE_CLASS_FLOOR if floor >= 3 for c in classes)

COSTS: tuple[CostRow, ...] = (
    CostRow("cycling_gap_painting", PAINTING, {
        "fr": f"bande cyclable ou limitation à 30 km/h : le coût est celui du marquage et des panneaux "
              f"(environ 1 080 € par km de ligne discontinue ; {CLUB})",
        "en": f"a painted lane or a 30 km/h limit: the cost of markings and signs (about EUR 1,080 per km "
              f"of broken line; {CLUB})",
    }),
    CostRow("cycling_gap_heavy", HEAVY, {
        "fr": f"piste cyclable séparée : 590 € HT le mètre en unidirectionnel, 636 € HT en bidirectionnel "
              f"(2023 ; {CLUB})",
        "en": f"a separated cycle track: EUR 590 (one-way) to 636 (two-way) per metre before tax (2023; {CLUB})",
    }),
    CostRow("cycling_gap_crossing", LIGHT, {
        "fr": "feux ou îlot refuge au carrefour : ordre de grandeur du plugin",
        "en": "signals or a refuge island at the junction: plugin's order of magnitude",
    }),
    CostRow("cycling_gap_unknown", LIGHT, {
        "fr": "aménagement à choisir sur place (vitesse non renseignée) : ordre de grandeur du plugin",
        "en": "a layout to choose on site (speed not mapped): plugin's order of magnitude",
    }),
    CostRow("school_street", LIGHT, {
        "fr": "barrières amovibles et panneaux aux heures d’entrée et de sortie, par arrêté municipal : ordre "
              "de grandeur du plugin",
        "en": "removable barriers and signs at school times, by a mayor's order: plugin's order of magnitude",
    }),
    CostRow("school_crossings", LIGHT, {
        "fr": "abaissés de trottoir et bandes d’éveil de vigilance : ordre de grandeur du plugin",
        "en": "lowered kerbs and tactile paving: plugin's order of magnitude",
    }),
    CostRow("bike_stands", LIGHT, {
        "fr": "arceaux scellés : cinq arceaux accueillent une dizaine de vélos sur la place d’une voiture, "
              "pour un coût « très abordable » (FUB, Stationnement dans les espaces publics)",
        "en": "sealed stands: five stands hold about ten bikes in one car space, at a 'very affordable' cost "
              "(FUB, bike parking in public space)",
    }),
    CostRow("stop_access", HEAVY, {
        "fr": "quai rehaussé et cheminement : environ 16 000 € par arrêt sans abri (estimation du Conseil "
              "général de l’Isère citée dans une liste de contrôle européenne de l’accessibilité des transports)",
        "en": "a raised platform and its path: about EUR 16,000 per stop without shelter (Isère county "
              "estimate quoted in a European accessible-transport checklist)",
    }),
)  # fmt: skip


def cost_row(kind: str) -> CostRow:
    return next(row for row in COSTS if row.kind == kind)


def gap_cost_kind(gap_kind: str, max_speed_kmh: Optional[float], highways: Sequence[str] = ()) -> str:
    """The COSTS row of a cycling gap: by its kind, then by the speed and class of its stressful ways."""
    if gap_kind == "crossing":
        return "cycling_gap_crossing"
    if TRACK_ONLY_CLASSES.intersection(highways):
        return "cycling_gap_heavy"
    if max_speed_kmh is None:
        return "cycling_gap_unknown"
    cost = next(c for limit, c in GAP_SPEED_COST if max_speed_kmh <= limit)
    return "cycling_gap_painting" if cost == PAINTING else "cycling_gap_heavy"
