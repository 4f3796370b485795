"""Schools theme core: per-school figures, score and main gap (``figures``), school-street candidates
(``school_streets``), the national school directory (``directory``) and its join with OSM (``join``),
and the theme's indicators (``indicators``). Pure: numpy and the shared network, no qgis, Qt or osgeo.
The package's public names are gathered here."""

from __future__ import annotations

from .directory import DirectoryFormatError, DirectoryResult, DirectorySchool, read_directory_csv
from .figures import (
    SCHOOL_FIELDS,
    SCORE_WEIGHTS,
    SchoolContext,
    diagnose_school,
    kerb_status,
    speed_class,
)
from .geometry import clip_to_disc, length_within_disc
from .indicators import school_indicators
from .join import JoinResult, OsmSchool, PlacedDirectorySchool, join_schools
from .model import PointFeature, School, Street
from .school_streets import (
    Candidate,
    is_existing_school_street,
    is_school_street_class,
    school_street_candidates,
)

__all__ = (  # noqa: RUF022 (grouped by module)
    "DirectoryFormatError", "DirectoryResult", "DirectorySchool", "read_directory_csv",
    "SCHOOL_FIELDS", "SCORE_WEIGHTS", "SchoolContext", "diagnose_school", "kerb_status", "speed_class",
    "clip_to_disc", "length_within_disc",
    "school_indicators",
    "JoinResult", "OsmSchool", "PlacedDirectorySchool", "join_schools",
    "PointFeature", "School", "Street",
    "Candidate", "is_existing_school_street", "is_school_street_class", "school_street_candidates",
)  # fmt: skip
