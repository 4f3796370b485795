"""Where each algorithm's help lives (the README section of the repository)."""

HELP_BASE = "https://github.com/mobility-diagnosis/mobility_diagnosis#"
ANCHORS = {
    "fetchterritory": "fetch-territory-data",
    "cycling": "cycling",
    "accessibility": "accessibility",
    "parking": "parking",
    "schools": "school-mobility",
    "diagnose": "whole-diagnosis",
    "exportpackage": "shareable-package",
    "publish": "publishing-to-datagouvfr",
    "diagnosemany": "many-territories",
    "profile": "territory-profile",
    "commuting": "home-to-work-commuting",
}


def help_url(algorithm: str) -> str:
    return HELP_BASE + ANCHORS.get(algorithm, "")
