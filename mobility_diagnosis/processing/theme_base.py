"""What every theme algorithm shares: ``INPUT`` (territory GeoPackage) and ``OUTPUT`` (diagnosis
GeoPackage) parameters, the checks, the atomic write of the theme's layers and indicators, and the
output layers that QGIS loads with their styles."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Sequence

from qgis.core import (
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingOutputVectorLayer,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
)

from ..core.indicators import Indicator
from ..core.storage import copy_need
from ..core.themes import find
from ..i18n import tr, user_language
from ..qgis_io.cancel import cancel_check
from ..qgis_io.gpkg.diagnosis import DiagnosisCancelled, DiagnosisFileError, layer_uri, write_theme
from ..qgis_io.gpkg.territory import TerritoryFileError, TerritoryGpkg, open_territory
from ..qgis_io.storage import check_folder
from .base import MobilityAlgorithm


@dataclass
class ThemeResult:
    layers: list = field(
        default_factory=list
    )  # [(LayerSpec, rows)], rows = iterable of (ogr.Geometry|None, dict)
    indicators: list[Indicator] = field(default_factory=list)
    outputs: dict = field(default_factory=dict)  # extra outputs (e.g. a schema file path)


class ThemeAlgorithm(MobilityAlgorithm):
    group_id = "themes"
    INPUT = "INPUT"
    OUTPUT = "OUTPUT"

    # set by subclasses; the layers default to the theme's registry row (core.themes)
    theme: str = ""
    required_layers: Sequence[str] = ()
    output_layers: Sequence[str] = ()

    def layers_out(self) -> Sequence[str]:
        row = find(self.theme)
        return self.output_layers or (row.layer_names if row is not None else ())

    def layers_in(self) -> Sequence[str]:
        row = find(self.theme)
        return self.required_layers or (row.territory_layers if row is not None else ())

    # -- what subclasses implement
    def add_theme_parameters(self) -> None:
        """Extra parameters of the theme (between INPUT and OUTPUT)."""

    def run_theme(self, territory: TerritoryGpkg, parameters, context, feedback) -> ThemeResult:
        raise NotImplementedError

    # -- shared behaviour

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFile(
                self.INPUT,
                tr("Territory GeoPackage (from “Fetch territory data”)"),
                behavior=QgsProcessingParameterFile.Behavior.File,
                extension="gpkg",
            )
        )
        self.add_theme_parameters()
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.OUTPUT,
                tr("Diagnosis GeoPackage (created when absent; this theme's layers are replaced)"),
                fileFilter="GeoPackage (*.gpkg)",
            )
        )
        for name in self.layers_out():
            self.addOutput(QgsProcessingOutputVectorLayer(name, name))

    def processAlgorithm(self, parameters, context, feedback):
        path = self.parameterAsFile(parameters, self.INPUT, context)
        output = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        try:
            territory = open_territory(path, self.layers_in())
        except TerritoryFileError as exc:
            raise QgsProcessingException(str(exc)) from exc
        existing = os.path.getsize(output) if os.path.isfile(output) else 0
        # before the theme's work: the write updates a copy of the diagnosis beside it
        check_folder(os.path.dirname(os.path.abspath(output)), copy_need(existing), user_language())
        result = self.run_theme(territory, parameters, context, feedback)
        if feedback.isCanceled():
            raise QgsProcessingException(tr("Cancelled: the diagnosis GeoPackage was left as it was."))
        feedback.pushInfo(tr("Writing {} …").format(output))
        about = dict(territory.about)
        about["territory_gpkg"] = path
        territory_row = (
            territory.territory_geometry,
            {"code": territory.code, "name": territory.name, "population": territory.population},
        )
        try:
            counts = write_theme(
                output,
                self.theme,
                result.layers,
                result.indicators,
                territory.crs_wkt,
                about=about,
                territory=territory_row,
                cancelled=cancel_check(feedback),
            )
        except DiagnosisCancelled as exc:
            raise QgsProcessingException(
                tr("Cancelled: the diagnosis GeoPackage was left as it was.")
            ) from exc
        except DiagnosisFileError as exc:
            raise QgsProcessingException(str(exc)) from exc
        outputs = {self.OUTPUT: output}
        for name, count in counts.items():
            uri = layer_uri(output, name)
            outputs[name] = uri
            feedback.pushInfo(f"{name}: {count}")
            if context.willLoadLayerOnCompletion(uri) is False and name in self.layers_out():
                context.addLayerToLoadOnCompletion(
                    uri, QgsProcessingContext.LayerDetails(name, context.project(), name)
                )
        for indicator in result.indicators:
            value = "—" if indicator.value is None else f"{indicator.value:.4g}"
            feedback.pushInfo(f"{indicator.label}: {value} {indicator.unit}")
        outputs.update(result.outputs)
        return outputs
