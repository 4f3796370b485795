"""Plugin entry: registers the Processing provider, the dock (toolbar button and Plugins menu entry)
and the plugin's translation.

Everything added in ``__init__``/``initGui``/``initProcessing`` is removed in ``unload`` so that a
reload through Plugin Reloader leaves nothing behind.
"""

import os

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QAction

from .i18n import tr
from .processing.provider import MobilityDiagnosisProvider
from .translation import install_translator, remove_translator

ICON_PATH = os.path.join(os.path.dirname(__file__), "resources", "icons", "icon.svg")


class MobilityDiagnosisPlugin:
    def __init__(self, iface):
        self.iface = iface
        self.provider = None
        self.translator = install_translator()
        self.menu = tr("&Mobility diagnosis")
        self.actions = []
        self.dock_action = None
        self.dock = None

    def initProcessing(self):
        if self.provider is None:
            self.provider = MobilityDiagnosisProvider()
            QgsApplication.processingRegistry().addProvider(self.provider)

    def initGui(self):
        if self.translator is None:  # reloaded after an unload
            self.translator = install_translator()
        self.initProcessing()
        self.dock_action = QAction(QIcon(ICON_PATH), tr("Mobility diagnosis"), self.iface.mainWindow())
        self.dock_action.setObjectName("MobilityDiagnosisDockAction")
        self.dock_action.setToolTip(tr("Diagnose the everyday mobility of a territory"))
        self.dock_action.setCheckable(True)
        self.dock_action.triggered.connect(self.toggle_dock)
        settings_action = QAction(tr("Settings…"), self.iface.mainWindow())
        settings_action.setObjectName("MobilityDiagnosisSettingsAction")
        settings_action.triggered.connect(self.open_settings)
        self.iface.addToolBarIcon(self.dock_action)
        for action in (self.dock_action, settings_action):
            self.iface.addPluginToMenu(self.menu, action)
            self.actions.append(action)

    def show_dock(self):
        """Create the dock on first use (QGIS start-up stays fast) and show it."""
        if self.dock is None:
            from .ui.dock import MobilityDiagnosisDock

            self.dock = MobilityDiagnosisDock(self.iface, self.iface.mainWindow())
            self.iface.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
            self.dock.visibilityChanged.connect(self._dock_visibility)
        self.dock.setUserVisible(True)
        return self.dock

    def toggle_dock(self, checked=True):
        if checked:
            self.show_dock()
        elif self.dock is not None:
            self.dock.setUserVisible(False)

    def _dock_visibility(self, visible):
        if self.dock_action is not None:
            self.dock_action.setChecked(visible)

    def open_settings(self):
        from .ui.settings_dialog import SettingsDialog

        SettingsDialog(self.iface.mainWindow()).exec()

    def unload(self):
        if self.dock is not None:
            if self.dock.run is not None and self.dock.run.running:
                self.dock.run.cancel()
            self.iface.removeDockWidget(self.dock)
            self.dock.deleteLater()
            self.dock = None
        for action in self.actions:
            self.iface.removePluginMenu(self.menu, action)
            if action is self.dock_action:
                self.iface.removeToolBarIcon(action)
            action.deleteLater()
        self.actions = []
        self.dock_action = None
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        remove_translator(self.translator)
        self.translator = None
