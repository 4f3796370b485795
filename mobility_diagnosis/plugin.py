"""Plugin entry: registers the Processing provider (and, when the dock exists, the dock).

Everything added in ``initGui``/``initProcessing`` is removed in ``unload`` so that a reload through
Plugin Reloader leaves nothing behind.
"""

from qgis.core import QgsApplication

from .processing.provider import MobilityDiagnosisProvider


class MobilityDiagnosisPlugin:
    def __init__(self, iface):
        self.iface = iface
        self.provider = None

    def initProcessing(self):
        if self.provider is None:
            self.provider = MobilityDiagnosisProvider()
            QgsApplication.processingRegistry().addProvider(self.provider)

    def initGui(self):
        self.initProcessing()

    def unload(self):
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
