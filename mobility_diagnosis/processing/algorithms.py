"""The algorithms the provider offers: one module per algorithm, in the order of the data flow; the theme
algorithms are the registry's (core.themes), in its order. The plugin always ships whole: a module that
cannot be imported is an error, never skipped."""

import importlib

from qgis.core import QgsProcessingParameterDefinition

from ..core.themes import themes

BEFORE_THEMES = (("fetch_territory", "FetchTerritoryAlgorithm"), ("prepare_kit", "PrepareKitAlgorithm"))
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


def theme_input_parameters(skip: tuple[str, ...] = ()) -> list:
    """Copies of the parameters that the registry rows' ``inputs`` name, taken from each theme's own
    algorithm and made optional, so that ``diagnose`` offers them with the theme's wording and checks
    without a line of its own (a new theme's inputs need no edit there). First theme wins on a shared name."""
    seen, definitions = set(skip), []
    for row in themes():
        if not row.inputs:
            continue
        alg = getattr(importlib.import_module(f"{__package__}.{row.module}"), row.algorithm_class)()
        alg.initAlgorithm({})
        for name in row.inputs:
            if name in seen:
                continue
            original = alg.parameterDefinition(name)
            if original is None:
                raise LookupError(
                    f"Theme {row.id!r} lists input {name!r}, which its algorithm does not define."
                )
            copy = original.clone()
            copy.setFlags(copy.flags() | QgsProcessingParameterDefinition.Flag.FlagOptional)
            definitions.append(copy)
            seen.add(name)
    return definitions


def source_url_parameters() -> list:
    """The advanced address parameter of each online source (core.sources ``url_parameter``), copied from
    the first theme algorithm that reads the source, so ``diagnose`` and ``preparekit`` can be pointed at
    other servers (tests: loopback) with the theme's wording and default."""
    from ..core.sources import sources, themes_of
    from ..core.themes import theme

    definitions = []
    for row in sources():
        if not row.parameter or not row.url_parameter:
            continue
        for theme_id in themes_of(row):
            copy = _theme_parameter(theme(theme_id), row.url_parameter)
            if copy is not None:
                copy.setFlags(
                    copy.flags()
                    | QgsProcessingParameterDefinition.Flag.FlagOptional
                    | QgsProcessingParameterDefinition.Flag.FlagAdvanced
                )
                definitions.append(copy)
                break
    return definitions


def source_urls(alg, parameters, context) -> dict[str, str]:
    """The sources' addresses an algorithm was given (``source_url_parameters``), by parameter name."""
    from ..core.sources import sources

    names = {row.url_parameter for row in sources() if row.url_parameter}
    return {
        name: alg.parameterAsString(parameters, name, context)
        for name in names
        if alg.parameterDefinition(name) is not None
    }


def _theme_parameter(row, name: str):
    alg = getattr(importlib.import_module(f"{__package__}.{row.module}"), row.algorithm_class)()
    alg.initAlgorithm({})
    found = alg.parameterDefinition(name)
    return None if found is None else found.clone()  # the original goes with the algorithm
