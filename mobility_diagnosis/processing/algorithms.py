"""The list of algorithms the provider offers (one module per algorithm)."""


def algorithm_classes():
    from .diagnose import DiagnoseAlgorithm
    from .export_package import ExportPackageAlgorithm
    from .fetch_territory import FetchTerritoryAlgorithm
    from .publish import PublishAlgorithm

    return [FetchTerritoryAlgorithm, DiagnoseAlgorithm, ExportPackageAlgorithm, PublishAlgorithm]
