"""Join OSM schools with the national directory: by ``ref:UAI`` first, else by name and distance.

Both sides are given in the same metric coordinates (the territory's CRS). One OSM school may stand
for several directory entries (a "groupe scolaire" mapped once holds a maternelle and an élémentaire,
each with its own UAI); each directory entry matches at most one OSM school.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Mapping, Optional, Sequence

from .directory import DirectorySchool, fold

# Thresholds of the name-and-distance match (documented in docs/schools.md).
# 300 m: directory positions are geocoded addresses ("Numéro de rue" precision for 87 % of the
# Ille-et-Vilaine rows), which can sit on the far side of a large school ground from the OSM point.
NAME_MAX_DISTANCE_M = 300.0
# Similarity of the distinctive words of both names (see name_similarity): 0.75 accepts word order,
# an article or a missing first name ("Jules Verne" ~ "Verne") and rejects sharing one common word
# ("Saint-Charles" vs "Charles de Gaulle").
NAME_MIN_SIMILARITY = 0.75

# Words that say what kind of school it is, not which one: they are dropped before comparing names
# (folded, as written in the directory and in OSM names in France and Monaco).
GENERIC_WORDS: frozenset[str] = frozenset(
    """
    ecole ecoles groupe scolaire scolaires primaire primaires elementaire elementaires maternelle
    maternelles college lycee lyceen polyvalent general generale technologique professionnel
    professionnelle prive privee public publique publics sous contrat site annexe internat
    ensemble enseignement etablissement institution cite erea ulis
    de du des la le les l d et a au aux en sur sous
    """.split()
)

# OSM schools that the national directory does not list, so they are not "missing in the directory":
# school=* values for private teaching (OSM wiki Key:school), and kindergartens, which in France are
# mostly crèches (an école maternelle is amenity=school + isced:level=0) unless they carry a UAI.
NOT_IN_DIRECTORY_SCHOOL_VALUES: frozenset[str] = frozenset(
    {"driving", "dance", "music", "language", "art", "sport", "cooking", "flight", "diving", "surfing"}
)
EXPECTED_IN_DIRECTORY_AMENITIES: frozenset[str] = frozenset({"school"})

UAI_PATTERN = re.compile(r"^\d{7}[A-Z]$")


@dataclass(frozen=True)
class OsmSchool:
    osm_id: int
    name: str
    tags: Mapping[str, str]
    x: float
    y: float
    osm_type: str = "node"

    @property
    def uais(self) -> tuple[str, ...]:
        raw = self.tags.get("ref:UAI", "") or ""
        return tuple(v.strip().upper() for v in raw.split(";") if v.strip())

    @property
    def expected_in_directory(self) -> bool:
        if self.uais:
            return True
        return (
            self.tags.get("amenity") in EXPECTED_IN_DIRECTORY_AMENITIES
            and self.tags.get("school", "") not in NOT_IN_DIRECTORY_SCHOOL_VALUES
        )


@dataclass(frozen=True)
class PlacedDirectorySchool:
    """A directory entry with its position in the territory's metric CRS."""

    school: DirectorySchool
    x: float
    y: float


@dataclass(frozen=True)
class JoinMatch:
    uai: str
    osm_id: int
    method: str  # "ref_uai" | "name_distance"
    distance_m: float
    similarity: float


@dataclass
class JoinResult:
    matches: list[JoinMatch] = field(default_factory=list)
    missing_in_osm: list[PlacedDirectorySchool] = field(default_factory=list)
    missing_in_directory: list[OsmSchool] = field(default_factory=list)

    def for_osm(self, osm_id: int) -> list[JoinMatch]:
        return [m for m in self.matches if m.osm_id == osm_id]

    def for_uai(self, uai: str) -> Optional[JoinMatch]:
        return next((m for m in self.matches if m.uai == uai), None)


def name_tokens(name: str) -> list[str]:
    words = re.split(r"[^0-9a-z]+", fold(name))
    return [w for w in words if w and w not in GENERIC_WORDS]


def name_similarity(a: str, b: str) -> float:
    """1.0 for the same distinctive words; the better of word overlap (Jaccard) and spelling closeness.

    Names reduced to nothing distinctive ("École primaire publique") never match by name.
    """
    ta, tb = name_tokens(a), name_tokens(b)
    if not ta or not tb:
        return 0.0
    sa, sb = set(ta), set(tb)
    jaccard = len(sa & sb) / len(sa | sb)
    # One name holding all words of the other ("Verne" in "Jules Verne") counts as a match.
    contained = 1.0 if (sa <= sb or sb <= sa) and min(len(sa), len(sb)) >= 1 else 0.0
    if contained and max(len(w) for w in sa & sb) < 4:
        contained = 0.0  # a lone short word ("st", "2") is not evidence
    spelling = SequenceMatcher(None, " ".join(sorted(sa)), " ".join(sorted(sb))).ratio()
    return max(jaccard, contained * 0.8, spelling)


def join_schools(
    directory: Sequence[PlacedDirectorySchool],
    osm: Sequence[OsmSchool],
    *,
    max_distance_m: float = NAME_MAX_DISTANCE_M,
    min_similarity: float = NAME_MIN_SIMILARITY,
) -> JoinResult:
    """Match directory entries (schools only) to OSM schools and list what each side lacks."""
    result = JoinResult()
    entries = [d for d in directory if d.school.is_school]
    by_uai: dict[str, OsmSchool] = {}
    for school in osm:
        for uai in school.uais:
            by_uai.setdefault(uai, school)
    known_uais = {d.school.uai for d in directory}

    unmatched: list[PlacedDirectorySchool] = []
    for entry in entries:
        target = by_uai.get(entry.school.uai)
        if target is not None:
            distance = math.hypot(target.x - entry.x, target.y - entry.y)
            result.matches.append(JoinMatch(entry.school.uai, target.osm_id, "ref_uai", distance, 1.0))
        else:
            unmatched.append(entry)

    for entry in unmatched:
        best: Optional[tuple[float, float, OsmSchool]] = None
        for school in osm:
            # An OSM school whose UAIs are all real other entries is already identified.
            if school.uais and all(u in known_uais for u in school.uais):
                continue
            distance = math.hypot(school.x - entry.x, school.y - entry.y)
            if distance > max_distance_m:
                continue
            similarity = name_similarity(entry.school.name, school.name)
            if similarity < min_similarity:
                continue
            if best is None or (similarity, -distance) > (best[0], -best[1]):
                best = (similarity, distance, school)
        if best is None:
            result.missing_in_osm.append(entry)
        else:
            result.matches.append(
                JoinMatch(entry.school.uai, best[2].osm_id, "name_distance", best[1], best[0])
            )

    matched_osm = {m.osm_id for m in result.matches}
    result.missing_in_directory = [s for s in osm if s.osm_id not in matched_osm and s.expected_in_directory]
    return result
