"""The list of algorithms the provider offers (one module per algorithm)."""


def algorithm_classes():
    from .diagnose_many import DiagnoseManyAlgorithm
    from .fetch_territory import FetchTerritoryAlgorithm

    return [FetchTerritoryAlgorithm, DiagnoseManyAlgorithm]
