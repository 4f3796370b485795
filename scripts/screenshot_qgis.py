"""Run inside the QGIS desktop by scripts/screenshot.sh (`qgis --code`): open the dock, run the offline
demo (Cap-d'Ail), wait for the results, frame them, and save the main window as a PNG."""

import os

from qgis.core import QgsApplication, QgsProject, QgsRectangle
from qgis.PyQt.QtCore import Qt, QTimer
from qgis.utils import iface, loadPlugin, plugins, startPlugin

OUT = os.environ["MD_SCREENSHOT"]
WORK = os.environ["MD_SCREENSHOT_WORK"]
state = {"ticks": 0, "phase": "start"}

if "mobility_diagnosis" not in plugins:
    loadPlugin("mobility_diagnosis")
    startPlugin("mobility_diagnosis")
plugin = plugins["mobility_diagnosis"]
window = iface.mainWindow()
window.showMaximized()
window.resize(1600, 1000)


def frame_results():
    dock = plugin.dock
    group = dock.result_group
    extent = QgsRectangle()
    canvas = iface.mapCanvas()
    for node in group.findLayers():
        layer = node.layer()
        if layer.name() == "territory":
            from qgis.core import QgsCoordinateTransform

            transform = QgsCoordinateTransform(
                layer.crs(), canvas.mapSettings().destinationCrs(), QgsProject.instance()
            )
            extent = transform.transformBoundingBox(layer.extent())
    if not extent.isEmpty():
        extent.scale(1.1)
        canvas.setExtent(extent)
    canvas.refresh()
    # the dock opens on one theme (the first in the registry's order, the others a click away): its main
    # layer active, as a planner would click its first figure
    from mobility_diagnosis.core.themes import first_shown
    from mobility_diagnosis.ui import results
    from mobility_diagnosis.ui.dock import INDICATOR_LAYER_ROLE

    shown = results.main_layer(
        first_shown(s.customProperty("mobility_diagnosis/theme") for s in group.children())
    )
    tree = dock.indicator_tree
    items = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    item = next((i for i in items if i.data(0, INDICATOR_LAYER_ROLE) == shown), None)
    if item is not None and item.childCount():
        tree.setCurrentItem(item.child(0))
        dock._indicator_clicked(item.child(0), 0)


def tick():
    state["ticks"] += 1
    dock = plugin.dock
    if state["phase"] == "start":
        plugin.show_dock()
        dock = plugin.dock
        from qgis.PyQt.QtWidgets import QDockWidget

        for other in window.findChildren(QDockWidget):
            if other is not dock and other.objectName() != "Layers" and other.isVisible():
                other.hide()
        window.resizeDocks([dock], [470], Qt.Orientation.Horizontal)
        dock.use_demo()
        dock.output_folder.setFilePath(WORK)
        dock.start_run()
        state["phase"] = "running"
    elif state["phase"] == "running":
        if dock.run is not None and not dock.run.running:
            frame_results()
            state["phase"] = "rendering"
            state["render_from"] = state["ticks"]
    elif state["phase"] == "rendering":
        canvas = iface.mapCanvas()
        if (not canvas.isDrawing() and state["ticks"] - state["render_from"] > 10) or state["ticks"] > 1200:
            window.grab().save(OUT)
            state["phase"] = "done"
            QTimer.singleShot(500, QgsApplication.exit)
    if state["ticks"] > 1500:
        QgsApplication.exit()


timer = QTimer()
timer.timeout.connect(tick)
QTimer.singleShot(3000, lambda: timer.start(200))
