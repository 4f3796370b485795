"""Mobility Diagnosis QGIS plugin.

QGIS imports this package and calls :func:`classFactory`; nothing heavy happens at import time so
that QGIS start-up stays fast.
"""


def classFactory(iface):  # noqa: N802 (name imposed by QGIS)
    from .plugin import MobilityDiagnosisPlugin

    return MobilityDiagnosisPlugin(iface)
