"""The list of algorithms the provider offers (one module per algorithm)."""


def algorithm_classes():
    from .cycling import CyclingAlgorithm
    from .fetch_territory import FetchTerritoryAlgorithm
    from .schools import SchoolsAlgorithm

    return [FetchTerritoryAlgorithm, CyclingAlgorithm, SchoolsAlgorithm]
