"""The ``mobilitydiagnosis`` Processing provider."""

import os

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from ..i18n import tr
from .algorithms import algorithm_classes

ICON_PATH = os.path.join(os.path.dirname(os.path.dirname(__file__)), "resources", "icons", "icon.svg")


class MobilityDiagnosisProvider(QgsProcessingProvider):
    def id(self):
        return "mobilitydiagnosis"

    def name(self):
        return tr("Mobility diagnosis")

    def longName(self):
        return self.name()

    def icon(self):
        return QIcon(ICON_PATH)

    def svgIconPath(self):
        return ICON_PATH

    def loadAlgorithms(self):
        for cls in algorithm_classes():
            self.addAlgorithm(cls())
