"""The list of algorithms the provider offers (one module per algorithm)."""


def algorithm_classes():
    from .fetch_territory import FetchTerritoryAlgorithm
    from .parking import ParkingAlgorithm

    return [FetchTerritoryAlgorithm, ParkingAlgorithm]
