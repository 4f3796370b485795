"""The list of algorithms the provider offers (one module per algorithm)."""


def algorithm_classes():
    from .accessibility import AccessibilityAlgorithm
    from .fetch_territory import FetchTerritoryAlgorithm

    return [FetchTerritoryAlgorithm, AccessibilityAlgorithm]
