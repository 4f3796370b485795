"""The algorithms the provider offers: one module per algorithm, in the order of the data flow; the theme
algorithms are the registry's (core.themes), in its order. The plugin always ships whole: a module that
cannot be imported is an error, never skipped."""

import importlib

from ..core.themes import themes

BEFORE_THEMES = (("fetch_territory", "FetchTerritoryAlgorithm"),)
AFTER_THEMES = (
    ("diagnose", "DiagnoseAlgorithm"),
    ("export_package", "ExportPackageAlgorithm"),
    ("publish", "PublishAlgorithm"),
    ("diagnose_many", "DiagnoseManyAlgorithm"),
)


def algorithms() -> tuple[tuple[str, str], ...]:
    """(module of this package, class name) of every algorithm."""
    return (*BEFORE_THEMES, *((t.module, t.algorithm_class) for t in themes()), *AFTER_THEMES)


def algorithm_classes():
    return [
        getattr(importlib.import_module(f"{__package__}.{module}"), name) for module, name in algorithms()
    ]
