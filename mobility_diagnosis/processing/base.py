"""What every algorithm of the provider shares: its group, its help URL, and a fresh instance of the
same class for each run (Processing needs one per execution)."""

from qgis.core import QgsProcessingAlgorithm

from ..i18n import tr
from .help import help_url


class MobilityAlgorithm(QgsProcessingAlgorithm):
    group_id = "diagnosis"

    def group(self):
        # literal tr() calls, so that the translation tools find the group names
        return {"data": tr("Data"), "themes": tr("Themes"), "diagnosis": tr("Diagnosis")}[self.group_id]

    def groupId(self):
        return self.group_id

    def helpUrl(self):
        return help_url(self.name())

    def createInstance(self):
        return type(self)()
