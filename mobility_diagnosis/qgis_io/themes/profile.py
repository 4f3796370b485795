"""The profile theme over a territory GeoPackage: the census tables (bundled, or the user's newer file
in place of the bundled one of its kind), the pure core (``core.profile``) and the output rows.

Layers written:
- ``territory_profile``: the territory polygon, one feature, the commune's figures as fields (one per
  ``core.profile.FIGURES`` id), its density class, the source and the notes.
- ``profile_references``: a table, one row per figure: the commune's value beside its département,
  France and the communes of its density class (what the report's reference table shows).
The ``indicators`` rows hold the commune's values (theme ``profile``).
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field
from typing import Optional

from osgeo import ogr

from ...core.census import BUNDLED_DIR, BUNDLED_FILES, CensusTable, read_census
from ...core.gtfs_discovery import insee_code
from ...core.indicators import Indicator
from ...core.profile import FIGURES, Census, Profile, indicator_rows, reference_groups, territory_profile
from ..gpkg.diagnosis import LayerSpec

THEME = "profile"
PROFILE_LAYER = "territory_profile"
REFERENCES_LAYER = "profile_references"
PROFILE_FIELDS: list[tuple[str, str]] = [
    ("code", "str"), ("name", "str"), ("departement", "str"), ("density_class", "str"),
    ("density_class_label", "str"), *((figure.id, "float") for figure in FIGURES),
    ("source", "str"), ("notes", "str"),
]  # fmt: skip
REFERENCE_FIELDS: list[tuple[str, str]] = [
    ("indicator", "str"), ("label", "str"), ("unit", "str"), ("value", "float"),
    ("departement", "float"), ("france", "float"), ("density_class", "float"), ("source", "str"),
]  # fmt: skip


@dataclass
class ProfileResult:
    profile: Profile
    layers: list = field(default_factory=list)  # [(LayerSpec, rows)]
    indicators: list = field(default_factory=list)


@functools.lru_cache(maxsize=1)
def _bundled() -> tuple[CensusTable, ...]:
    """Read once per process: ``diagnosemany`` profiles many communes from the same tables."""
    return tuple(read_census(BUNDLED_DIR / name) for name in BUNDLED_FILES)


@functools.lru_cache(maxsize=4)
def _census(user_file: str, _version: tuple) -> tuple[Census, dict]:
    tables = list(_bundled())
    if user_file:
        tables.append(read_census(user_file))  # raises CensusFileError, said to the user
    census = Census.of(tables)
    return census, reference_groups(census)


def load_census(
    user_file: Optional[str] = None, online_table: Optional[CensusTable] = None
) -> tuple[Census, dict]:
    """The census (bundled tables, the user's file — or the table downloaded online — replacing the one of
    its kind) and its reference groups, kept per file version. Raises ``core.census.CensusFileError`` for a
    file that is not an INSEE table."""
    if online_table is not None:
        census = Census.of([*_bundled(), online_table])
        return census, reference_groups(census)
    version: tuple = ()
    if user_file and os.path.isfile(user_file):
        stat = os.stat(user_file)
        version = (stat.st_mtime_ns, stat.st_size)
    return _census(user_file or "", version)


def commune_census_facts(code: str) -> tuple[Optional[float], Optional[float], Optional[int]]:
    """(population, area in km², census year) of the commune ``code`` in the bundled census tables: the
    report's cover reads the figures the profile page reads, with their year."""
    census = Census.of(list(_bundled()))
    base, _ = census.row(code.strip().upper())
    population, area = base.get("population"), base.get("area_km2")
    return population, area, census.comparateur.year if population is not None else None


def analyse_profile(
    territory, user_file: Optional[str] = None, lang: str = "en", online_table: Optional[CensusTable] = None
) -> ProfileResult:
    census, groups = load_census(user_file, online_table)
    code = insee_code(territory.code) or insee_code(territory.about.get("territory_code")) or ""
    profile = territory_profile(census, code or territory.code, lang, groups)
    fields = {
        "code": territory.code,
        "name": territory.name,
        "departement": profile.departement,
        "density_class": profile.density_class or "",
        "density_class_label": profile.density_class_label,
        "source": profile.source,
        "notes": " ".join(profile.notes),
    }
    fields.update({row.indicator: row.value for row in profile.rows})
    references = [
        (None, {
            "indicator": row.indicator, "label": row.label, "unit": row.unit, "value": row.value,
            "departement": row.departement, "france": row.france, "density_class": row.density_class,
            "source": profile.source,
        })
        for row in profile.rows
    ]  # fmt: skip
    return ProfileResult(
        profile=profile,
        layers=[
            (
                LayerSpec(PROFILE_LAYER, "MultiPolygon", PROFILE_FIELDS, abstract=profile.source),
                [(ogr.ForceToMultiPolygon(territory.territory_geometry.Clone()), fields)],
            ),
            (LayerSpec(REFERENCES_LAYER, None, REFERENCE_FIELDS, abstract=profile.source), references),
        ],  # fmt: skip
        indicators=[Indicator(THEME, *row) for row in indicator_rows(profile, lang)],
    )
