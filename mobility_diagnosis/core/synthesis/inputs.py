"""What the synthesis reads from a diagnosis, as plain data (the QGIS side fills it from the GeoPackage:
``qgis_io/export/synthesis_inputs.py``), and the distances that define the beneficiaries of an action."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping, Optional

from ..accessibility.stops_crossings import KERB_STEP_FREE
from ..indicators import Indicator
from ..schools.figures import CROSSING_RADIUS_M, WALK_RADII_M

# Beneficiaries (plugin's choices, docs/synthesis.md): homes within a short ride of the island a gap
# opens up; homes whose nearest school is within the school's 500 m walking catchment; homes whose
# nearest stop is within 300 m walk; homes within 300 m (crow-fly) of a destination, as its footfall.
GAP_ACCESS_M = 150.0
SCHOOL_CATCHMENT_M = WALK_RADII_M[0]
SCHOOL_CROSSING_M = CROSSING_RADIUS_M
STOP_SERVED_M = 300.0
DESTINATION_AROUND_M = 300.0

KERB_OK = KERB_STEP_FREE  # kerbs a wheelchair can cross (the one kerb rule, core/accessibility)
KERB_UNKNOWN = "unknown"


@dataclass(frozen=True)
class GapInput:
    gap_id: int
    kind: str  # "islands", "crossing", "destination" (docs/cycling.md "Gaps")
    length_m: float
    high_stress_m: float
    island_a: Optional[int]
    island_a_m: Optional[float]
    island_b: Optional[int] = None
    island_b_m: Optional[float] = None
    destination: str = ""  # its name ("" when unnamed)
    destination_kind: str = ""  # "school", "station", "town_centre" (core.cycling.connectivity.Destination)
    streets: tuple[str, ...] = ()  # names of its ways, unnamed ones left out
    max_speed_kmh: Optional[float] = None  # highest speed of its stressful ways
    highways: tuple[str, ...] = ()  # highway classes of its stressful ways
    residents: Optional[float] = None  # homes within GAP_ACCESS_M of the island that gains access
    destinations: Optional[int] = None  # schools and stops within GAP_ACCESS_M of what it reaches
    osm_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class SchoolStreetInput:
    osm_id: int
    name: str
    length_m: float
    reason: str


@dataclass(frozen=True)
class SchoolInput:
    osm_type: str
    osm_id: int
    name: str
    score: Optional[float]
    main_gap_code: str
    calm_share: Optional[float] = None
    cycle_low_stress_share: Optional[float] = None
    bike_parking_count: Optional[int] = None
    catchment: Optional[float] = None  # homes whose nearest school it is, within SCHOOL_CATCHMENT_M walk
    streets: tuple[SchoolStreetInput, ...] = ()  # school-street candidates (not existing school streets)
    crossings_ok: tuple[int, ...] = ()  # crossing osm_ids within SCHOOL_CROSSING_M, by kerb
    crossings_to_fix: tuple[int, ...] = ()
    crossings_unknown: tuple[int, ...] = ()


@dataclass(frozen=True)
class StopInput:
    osm_type: str
    osm_id: int
    name: str
    wheelchair: str  # yes / limited / no / unknown
    served: Optional[float] = None  # homes whose nearest stop it is, within STOP_SERVED_M walk


@dataclass(frozen=True)
class DestinationInput:
    osm_type: str
    osm_id: int
    kind: str  # bike_parking_gaps.destination_kind
    name: str
    nearest_bike_parking_m: Optional[float] = None
    around: Optional[float] = None  # homes within DESTINATION_AROUND_M


@dataclass(frozen=True)
class SynthesisInputs:
    indicators: tuple[Indicator, ...] = ()
    gaps: tuple[GapInput, ...] = ()
    schools: tuple[SchoolInput, ...] = ()
    stops: tuple[StopInput, ...] = ()
    destinations: tuple[DestinationInput, ...] = ()
    # "residents" when walk_access carries a population, "buildings" when its origins are residential
    # buildings, None when the accessibility theme was not run (beneficiaries unknown).
    home_unit: Optional[str] = None
    counts: Mapping[str, float] = field(default_factory=dict)  # denominators and mapping gaps (texts.py)
