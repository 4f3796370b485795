"""Mobility Diagnosis QGIS plugin.

QGIS imports this package and calls :func:`classFactory`; nothing heavy happens at import time so
that QGIS start-up stays fast.
"""


def classFactory(iface):
    from .plugin import MobilityDiagnosisPlugin

    return MobilityDiagnosisPlugin(iface)
