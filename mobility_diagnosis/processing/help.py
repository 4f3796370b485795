"""Where each algorithm's help lives (the README section of the repository); a theme's is in its registry
row (core.themes)."""

from ..core.themes import themes

HELP_BASE = "https://github.com/mobility-diagnosis/mobility_diagnosis#"
ANCHORS = {
    "fetchterritory": "fetch-territory-data",
    "diagnose": "whole-diagnosis",
    "exportpackage": "shareable-package",
    "publish": "publishing-to-datagouvfr",
    "diagnosemany": "many-territories",
    "preparekit": "data-sources-and-licences",
}


def help_url(algorithm: str) -> str:
    theme_anchors = {t.algorithm_id.split(":", 1)[1]: t.help_anchor for t in themes()}
    return HELP_BASE + {**ANCHORS, **theme_anchors}.get(algorithm, "")
