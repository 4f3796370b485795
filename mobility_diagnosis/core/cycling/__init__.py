"""Cycling theme core: facilities per side, Level of Traffic Stress, low-stress islands and gaps,
indicators and the national BNAC mapping. Pure Python (no qgis, Qt or osgeo)."""
