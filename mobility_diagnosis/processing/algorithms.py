"""The algorithms the provider offers: one module per algorithm, in the order of the data flow.

A module that is not in this build is skipped; an error inside a present module is not hidden.
"""

import importlib
import importlib.util

ALGORITHMS = (
    ("fetch_territory", "FetchTerritoryAlgorithm"),
    ("cycling", "CyclingAlgorithm"),
    ("accessibility", "AccessibilityAlgorithm"),
    ("parking", "ParkingAlgorithm"),
    ("schools", "SchoolsAlgorithm"),
    ("profile", "ProfileAlgorithm"),
    ("commuting", "CommutingAlgorithm"),
    ("diagnose", "DiagnoseAlgorithm"),
    ("export_package", "ExportPackageAlgorithm"),
    ("publish", "PublishAlgorithm"),
    ("diagnose_many", "DiagnoseManyAlgorithm"),
)


def algorithm_classes():
    classes = []
    for module_name, class_name in ALGORITHMS:
        name = f"{__package__}.{module_name}"
        if importlib.util.find_spec(name) is None:
            continue
        classes.append(getattr(importlib.import_module(name), class_name))
    return classes
