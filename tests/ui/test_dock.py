"""The dock as a planner uses it: open it, type a commune, run the demo, read and click the results,
cancel a run; and the plugin's load/unload leaves nothing behind."""

import os

import pytest
from osgeo import ogr
from qgis.core import QgsApplication, QgsProject
from qgis.PyQt.QtCore import QEvent, Qt
from qgis.PyQt.QtWidgets import QDockWidget

from mobility_diagnosis.core.indicators import Indicator
from mobility_diagnosis.core.themes import theme_ids, themes
from mobility_diagnosis.qgis_io.gpkg.diagnosis import LayerSpec, write_theme
from mobility_diagnosis.ui import plan, results
from tests.ui.conftest import DEMO_PBF, wait_until


def test_the_dock_opens_from_the_plugin_with_its_title_and_object_name(plugin, qgis_iface):
    assert plugin.dock is None  # created on first use: QGIS start-up stays fast

    plugin.dock_action.trigger()

    dock = plugin.dock
    assert isinstance(dock, QDockWidget)
    assert "Mobility diagnosis" in dock.objectName()
    assert "Mobility diagnosis" in dock.windowTitle()
    assert dock.isUserVisible()
    assert plugin.dock_action.isChecked()
    assert dock.run_button.isEnabled() and not dock.cancel_button.isEnabled()


def test_unload_removes_the_dock_and_actions_and_a_reload_works(qgis_iface, provider):
    import mobility_diagnosis

    registry = QgsApplication.processingRegistry()
    session = registry.providerById("mobilitydiagnosis")
    if session is not None:
        registry.removeProvider(session)
    plug = mobility_diagnosis.classFactory(qgis_iface)
    for _cycle in range(2):
        plug.initGui()
        dock = plug.show_dock()
        assert registry.providerById("mobilitydiagnosis") is not None
        plug.unload()
        assert plug.dock is None and plug.actions == [] and plug.dock_action is None
        assert registry.providerById("mobilitydiagnosis") is None
        QgsApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        assert dock not in qgis_iface.mainWindow().findChildren(QDockWidget)
    from mobility_diagnosis.processing.provider import MobilityDiagnosisProvider

    test_unload_removes_the_dock_and_actions_and_a_reload_works.kept = MobilityDiagnosisProvider()
    registry.addProvider(test_unload_removes_the_dock_and_actions_and_a_reload_works.kept)


@pytest.mark.parametrize(
    ("typed", "label", "inserted"),
    [
        ("Cap-d", "Cap-d'Ail (06, INSEE 06032)", "Cap-d'Ail (06)"),
        ("cap d", "Cap-d'Ail (06, INSEE 06032)", "Cap-d'Ail (06)"),
        ("0603", "Cap-d'Ail (06, INSEE 06032)", "06032"),
        ("Chambé", "Chambéry (73, INSEE 73065)", "Chambéry (73)"),
    ],
)
def test_completion_proposes_communes_from_the_bundled_list(dock, typed, label, inserted):
    dock.territory_edit.setText(typed)
    dock.completer.update_for(typed)

    labels = dock.completer.labels()
    assert label in labels
    assert dock.completer.insertion_for(label) == inserted


def test_completion_stays_quiet_for_an_osm_relation(dock):
    dock.completer.update_for("osm:relation/22")
    assert dock.completer.labels() == []


def group_tree(group):
    """Subgroup → the tables of its layers (the layer panel shows their titles: ``titles_tree``)."""
    return {
        sub.name(): sorted(results.layer_table(node.layer()) for node in sub.findLayers())
        for sub in group.children()
    }


@pytest.mark.slow
def test_a_demo_run_adds_the_layers_grouped_by_theme(dock, tmp_path, qgis_new_project):
    dock.use_demo()  # the French commune: Cap-d'Ail, from its bundled extract
    dock.output_folder.setFilePath(str(tmp_path))
    assert dock.territory_edit.text() == "06032"
    assert dock.osm_file.filePath().endswith("cap_d_ail_2016.osm.pbf")

    run = dock.start_run()
    assert run is not None
    assert dock.cancel_button.isEnabled() and not dock.run_button.isEnabled()
    assert wait_until(lambda: not run.running, 180), "the demo run did not finish"

    assert dock.message_bar.currentItem() is None or "done" in dock.message_bar.currentItem().text().lower()
    final = tmp_path / "06032"
    assert not (tmp_path / ".06032.partial").exists()
    root = QgsProject.instance().layerTreeRoot()
    groups = [g for g in root.children() if g.name().startswith("Mobility diagnosis – ")]
    assert [g.name() for g in groups] == ["Mobility diagnosis – Cap-d'Ail (06032)"]
    tree = group_tree(groups[0])
    assert tree["Territory"] == ["territory"]
    if plan.RUN_ALGORITHM == plan.DIAGNOSE_ALGORITHM:  # the whole package, with its report
        assert (final / "diagnosis.gpkg").is_file() and (final / "report.pdf").is_file()
        assert (final / "amenagements_cyclables.geojson").is_file()  # a French commune: the national files
        assert dock.report_button.isEnabled()
    else:  # fetch, then each registered theme; the raw data is there too
        assert (final / "territory.gpkg").is_file()
        assert {"streets", "schools", "bike_parking", "transit_stops"} <= set(tree["OpenStreetMap data"])
    territory = next(
        n for n in groups[0].findLayers() if results.layer_table(n.layer()) == "territory"
    ).layer()
    assert territory.name() == "Territory"  # the layer panel shows titles, not table names
    names = {node.layer().name() for node in groups[0].findLayers()}
    assert "Cycling: streets by Level of Traffic Stress" in names and "cycling_segments" not in names
    assert territory.featureCount() == 1
    # each theme has its own subgroup with its layers
    for theme in theme_ids():
        assert results.theme_title(theme) in tree, theme
        assert dock.indicator_tree.findItems(results.theme_title(theme), Qt.MatchFlag.MatchExactly), theme
    assert dock.folder_button.isEnabled()
    assert dock.run_button.isEnabled() and not dock.cancel_button.isEnabled()


@pytest.mark.slow
def test_cancel_stops_the_task_and_leaves_no_partial_output(dock, tmp_path, qgis_new_project):
    dock.use_demo()
    dock.output_folder.setFilePath(str(tmp_path))
    run = dock.start_run()
    run.progressChanged.connect(lambda value: dock.cancel_button.click() if 0 < value < 100 else None)

    assert wait_until(lambda: not run.running, 180)

    assert run.cancelled
    assert os.listdir(tmp_path) == []  # neither the final folder nor the staging folder
    root = QgsProject.instance().layerTreeRoot()
    assert not [g for g in root.children() if g.name().startswith("Mobility diagnosis")]
    assert "Cancelled" in dock.status_label.text()
    assert dock.run_button.isEnabled()


def test_a_failing_run_shows_the_algorithm_message_in_the_dock(dock, tmp_path, qgis_new_project):
    dock.territory_edit.setText("Saint-Martin")  # ambiguous: the core lists the candidates
    dock.source_combo.setCurrentIndex(dock.source_combo.findData(plan.SOURCE_OSM_FILE))
    dock.osm_file.setFilePath(str(DEMO_PBF))
    dock.output_folder.setFilePath(str(tmp_path))

    run = dock.start_run()
    assert wait_until(lambda: not run.running, 120)

    item = dock.message_bar.currentItem()
    assert item is not None
    assert "Saint-Martin" in item.text() and "INSEE" in item.text()
    assert os.listdir(tmp_path) == []


def test_missing_choices_are_explained_before_anything_runs(dock, tmp_path):
    dock.territory_edit.setText("")
    dock.output_folder.setFilePath(str(tmp_path))
    assert dock.start_run() is None
    assert "INSEE" in dock.message_bar.currentItem().text()

    dock.territory_edit.setText("06032")
    dock.source_combo.setCurrentIndex(dock.source_combo.findData(plan.SOURCE_OSM_FILE))
    dock.osm_file.setFilePath("")
    assert dock.start_run() is None
    assert "OSM file" in dock.message_bar.currentItem().text()


def make_diagnosis(folder):
    """A diagnosis GeoPackage with one cycling layer and its indicators, through the real writer."""
    os.makedirs(folder, exist_ok=True)
    gpkg = os.path.join(folder, "diagnosis.gpkg")
    spec = LayerSpec("cycling_segments", "LineString", [("osm_id", "int"), ("lts", "int")])
    line = ogr.CreateGeometryFromWkt("LINESTRING (1034000 6290000, 1034100 6290050)")
    indicators = [
        Indicator("cycling", "share_lts_le2", "Share of street length at LTS 1-2", 42.5, "%"),
        Indicator("cycling", "island_count", "Low-stress islands", 7, "count"),
    ]
    from osgeo import osr

    srs = osr.SpatialReference()
    srs.ImportFromEPSG(2154)
    write_theme(gpkg, "cycling", [(spec, [(line, {"osm_id": 1, "lts": 2})])], indicators, srs.ExportToWkt())
    return gpkg


def test_indicators_show_per_theme_and_a_click_activates_their_layer(
    dock, tmp_path, qgis_iface, qgis_new_project
):
    folder = tmp_path / "Cap-d-Ail-06"
    make_diagnosis(str(folder))

    dock.show_results(str(folder))

    tree = dock.indicator_tree
    assert tree.topLevelItemCount() == 1
    theme = tree.topLevelItem(0)
    assert theme.text(0) == "Cycling"
    rows = {theme.child(i).text(0): theme.child(i).text(1) for i in range(theme.childCount())}
    assert rows == {"Share of street length at LTS 1-2": "42.5\u00a0%", "Low-stress islands": "7"}
    group = QgsProject.instance().layerTreeRoot().findGroup("Mobility diagnosis – Cap-d-Ail-06")
    assert group is not None
    assert group_tree(group)["Cycling"] == ["cycling_segments"]

    dock._indicator_clicked(theme.child(0), 0)

    assert qgis_iface.activeLayer() is not None
    assert results.layer_table(qgis_iface.activeLayer()) == "cycling_segments"
    assert qgis_iface.activeLayer().name() == "Cycling: streets by Level of Traffic Stress"
    assert not dock.report_button.isEnabled()  # no report.pdf in this folder
    (folder / "report.pdf").write_bytes(b"%PDF-1.4\n")
    dock._show_results_state()
    assert dock.report_button.isEnabled()


def test_a_rerun_replaces_the_previous_group(dock, tmp_path, qgis_new_project):
    folder = tmp_path / "Cap-d-Ail-06"
    make_diagnosis(str(folder))
    dock.show_results(str(folder))
    dock.show_results(str(folder))
    root = QgsProject.instance().layerTreeRoot()
    assert [g.name() for g in root.children()].count("Mobility diagnosis – Cap-d-Ail-06") == 1


def test_every_theme_is_offered_with_what_it_shows_and_publish_not_registered_is_disabled(dock):
    registry = QgsApplication.processingRegistry()
    assert list(dock.theme_checks) == list(theme_ids())
    for row in themes():
        check = dock.theme_checks[row.id]
        assert check.isEnabled()
        assert check.toolTip() == row.summary["en"]
    if registry.algorithmById(plan.PUBLISH_ALGORITHM) is None:
        assert not dock.publish_button.isEnabled()
        assert "not available" in dock.publish_button.toolTip()


def test_selected_polygon_becomes_a_territory_layer_file(dock, qgis_iface, tmp_path, qgis_new_project):
    from qgis.core import QgsVectorLayer

    layer = QgsVectorLayer(str(DEMO_PBF.parent / "monaco_boundary.geojson"), "boundary", "ogr")
    assert layer.isValid()
    QgsProject.instance().addMapLayer(layer)
    qgis_iface.setActiveLayer(layer)
    layer.selectAll()
    dock.mode_combo.setCurrentIndex(dock.mode_combo.findData("selection"))

    choice = dock.current_choice()

    assert choice.territory_text == ""
    ds = ogr.Open(choice.territory_layer)
    polygon = ds.GetLayer(0)
    assert polygon.GetFeatureCount() == layer.featureCount()
    feature = polygon.GetNextFeature()
    area = feature.GetGeometryRef().GetArea()
    assert 0.00005 < area < 0.001  # Monaco, about 2 km², in degrees²


@pytest.mark.slow
def test_workshop_mode_prepares_a_territory_then_runs_from_it_offline(dock, tmp_path, qgis_new_project):
    """ "Prepare for offline use" writes an offline kit (its territory GeoPackage, its sources' manifest, a
    zip); a run from it has no fetch step at all and the Overpass URL points nowhere, so any network use
    would fail the run."""
    dock.use_demo()
    dock.output_folder.setFilePath(str(tmp_path / "out"))
    kit = tmp_path / "cap-d-ail-kit"

    run = dock.prepare_to(str(kit))
    assert wait_until(lambda: not run.running, 180)

    prepared = kit / "territory.gpkg"
    assert (
        prepared.is_file() and (kit / "sources.json").is_file() and (tmp_path / "cap-d-ail-kit.zip").is_file()
    )
    assert "OpenStreetMap (kit)" in dock.sources_label.text()
    assert dock.source_combo.currentData() == plan.SOURCE_PREPARED
    assert dock.prepared_file.filePath() == str(prepared)
    assert not dock.territory_edit.isEnabled()  # the territory comes from the file

    from mobility_diagnosis.ui import settings_store

    settings_store.set_overpass_endpoints(["http://127.0.0.1:9/api/interpreter"])
    try:
        run = dock.start_run()
        assert plan.FETCH_ALGORITHM not in [step.algorithm_id for step in run.steps]
        assert wait_until(lambda: not run.running, 180)
    finally:
        settings_store.set_overpass_endpoints(settings_store.FALLBACK_ENDPOINTS)

    assert not run.cancelled
    group = QgsProject.instance().layerTreeRoot().findGroup("Mobility diagnosis – Cap-d'Ail (06032)")
    assert group is not None
    assert "territory" in {results.layer_table(node.layer()) for node in group.findLayers()}
    assert (tmp_path / "out" / "cap-d-ail-kit").is_dir()


def test_typing_and_picking_a_completion_inserts_the_name_with_its_departement(dock, plugin):
    from qgis.PyQt.QtCore import Qt
    from qgis.PyQt.QtTest import QTest
    from qgis.PyQt.QtWidgets import QApplication

    window = plugin.iface.mainWindow()
    window.show()
    QApplication.setActiveWindow(window)  # a completer popup only shows for the active window
    dock.territory_edit.clear()
    dock.territory_edit.setFocus()
    QTest.keyClicks(dock.territory_edit, "Cap-d")
    popup = dock.completer.popup()
    assert wait_until(popup.isVisible, 5)
    assert popup.model().index(0, 0).data() == "Cap-d'Ail (06, INSEE 06032)"

    QTest.keyClick(popup, Qt.Key.Key_Down)
    QTest.keyClick(popup, Qt.Key.Key_Return)

    assert dock.territory_edit.text() == "Cap-d'Ail (06)"


def test_the_demo_button_goes_offline_and_the_sources_line_says_so(dock, tmp_path):
    """Like ``make demo`` (SOURCES offline): the Demo button ticks "work offline", the line before Run
    says nothing will be downloaded, and the run's diagnose step gets SOURCES=2."""
    dock.offline_check.setChecked(False)
    assert not dock.sources_label.text().startswith(("Hors ligne", "Offline"))
    try:
        dock.demo_button.click()
        assert dock.offline_check.isChecked()
        line = dock.sources_label.text()
        assert line.splitlines()[0] in (plan.OFFLINE_LINE["fr"], plan.OFFLINE_LINE["en"])
        assert "(GTFS) (pas hors ligne)" in line or "(GTFS) (not offline)" in line
        steps = plan.build_steps(dock.current_choice(), str(tmp_path / "staging"))
        diagnose = [s for s in steps if "SOURCES" in s.parameters]
        assert diagnose and all(s.parameters["SOURCES"] == 2 for s in diagnose)
        assert dock.osm_file.filePath() == str(DEMO_PBF.parent / "cap_d_ail_2016.osm.pbf")
    finally:
        dock.offline_check.setChecked(False)  # leave the profile as it was for the other tests
        dock._save()


def test_the_demo_button_fills_in_the_demos_crash_files(dock, tmp_path):
    """The French demo's own 2020 crash files go to the CRASHES input and on to diagnose; Monaco's demo
    does not carry them over."""
    dock.use_demo()
    folder = plan.demo().inputs["CRASHES"]
    assert dock.source_inputs["CRASHES"].filePath() == folder
    params = plan.build_steps(dock.current_choice(), str(tmp_path), plan.DIAGNOSE_ALGORITHM)[0].parameters
    assert params["CRASHES"] == folder
    dock.use_demo("monaco")
    assert dock.source_inputs["CRASHES"].filePath() != folder


def test_the_monaco_demo_is_still_there(dock):
    dock.use_demo("monaco")
    assert dock.territory_edit.text() == "osm:relation/2220322"
    assert dock.osm_file.filePath() == str(DEMO_PBF)
    assert "Cap-d'Ail" in dock.demo_button.text()  # the button fills in the French commune


def test_the_map_canvas_extent_is_the_territory(dock, qgis_iface, tmp_path, qgis_new_project):
    """“Map canvas extent” hands the canvas rectangle and its CRS to TERRITORY_EXTENT; the territory prepared
    from it is that rectangle."""
    from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsRectangle

    canvas = qgis_iface.mapCanvas()
    mercator = QgsCoordinateReferenceSystem("EPSG:3857")
    canvas.setDestinationCrs(mercator)
    to_mercator = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:4326"), mercator, QgsProject.instance()
    )
    canvas.setExtent(to_mercator.transformBoundingBox(QgsRectangle(7.415, 43.728, 7.425, 43.735)))
    dock.mode_combo.setCurrentIndex(dock.mode_combo.findData("extent"))
    dock.source_combo.setCurrentIndex(dock.source_combo.findData(plan.SOURCE_OSM_FILE))
    dock.osm_file.setFilePath(str(DEMO_PBF))

    choice = dock.current_choice()
    assert choice.territory_layer is None and choice.territory_text == ""
    assert choice.territory_extent.crs().authid() == "EPSG:3857"
    assert choice.territory_extent == canvas.extent()
    assert not dock.territory_edit.isVisible()

    kit = tmp_path / "extent-kit"  # "Prepare for offline use" writes an offline kit
    run = dock.prepare_to(str(kit), choice)
    prepared = kit / "territory.gpkg"
    assert wait_until(lambda: not run.running, 120)
    assert not run.cancelled and prepared.is_file(), dock.status_label.text()
    ds = ogr.Open(str(prepared))  # kept: its layers die with it
    feature = ds.GetLayerByName("territory").GetNextFeature()
    assert feature.GetField("code") == "extent"
    to_lonlat = QgsCoordinateTransform(
        mercator, QgsCoordinateReferenceSystem("EPSG:4326"), QgsProject.instance()
    )
    west, south, east, north = (lambda r: (r.xMinimum(), r.yMinimum(), r.xMaximum(), r.yMaximum()))(
        to_lonlat.transformBoundingBox(canvas.extent())
    )
    assert f"{west:.4f}°\u00a0E {south:.4f}°\u00a0N" in feature.GetField("name")
    assert f"{east:.4f}°\u00a0E {north:.4f}°\u00a0N" in feature.GetField("name")


def test_source_inputs_are_kept_per_territory_and_reach_the_run(dock, tmp_path):
    """A file given for a source belongs to the territory it was given for; the run gets it under the
    source's diagnose parameter, and the line before Run says it will be used."""
    feed = tmp_path / "feed.zip"
    feed.write_bytes(b"PK")
    dock.territory_edit.setText("06032")
    dock.territory_edit.editingFinished.emit()
    dock.source_inputs["GTFS"].setFilePath(str(feed))
    dock._save()
    assert dock.current_choice().source_files["GTFS"] == str(feed)
    assert "Horaires de transport (GTFS) (fichier)" in dock.sources_label.text() or (
        "Transit timetables (GTFS) (file)" in dock.sources_label.text()
    )
    dock.territory_edit.setText("06012")
    dock.territory_edit.editingFinished.emit()
    assert dock.source_inputs["GTFS"].filePath() == ""
    dock.territory_edit.setText("06032")
    dock.territory_edit.editingFinished.emit()
    assert dock.source_inputs["GTFS"].filePath() == str(feed)
    dock.offline_check.setChecked(True)
    params = plan.build_steps(dock.current_choice(), str(tmp_path / "staging"))[0].parameters
    assert params["GTFS"] == str(feed) and params["SOURCES"] == 2
    dock.offline_check.setChecked(False)  # leave the profile as it was for the other tests
    dock.source_inputs["GTFS"].setFilePath("")
    dock._save()


def test_the_acceslibre_export_is_an_input_kept_per_territory(dock, tmp_path):
    """Acceslibre (a row of core.sources) has its input: online by default (placeholder), its export
    saved for the territory it was given for and shown as used in the line before Run."""
    export = tmp_path / "acceslibre-export.csv"
    export.write_text("id,name,longitude,latitude\n", encoding="utf-8")
    dock.territory_edit.setText("06032")
    dock.territory_edit.editingFinished.emit()
    widget = dock.source_inputs["ACCESLIBRE"]
    # the suite runs with the plugin set offline (tests/conftest.py): an empty input means nothing, not
    # « en ligne (par défaut) », and the line says "not offline" until a file is given
    assert widget.lineEdit().placeholderText() in ("aucun (hors ligne)", "none (offline)")
    assert "Acceslibre) (pas hors ligne)" in dock.sources_label.text() or (
        "Acceslibre) (not offline)" in dock.sources_label.text()
    )
    widget.setFilePath(str(export))
    dock._save()
    assert (
        "Acceslibre) (fichier)" in dock.sources_label.text()
        or "Acceslibre) (file)" in dock.sources_label.text()
    )
    dock.territory_edit.setText("06012")
    dock.territory_edit.editingFinished.emit()
    assert widget.filePath() == ""
    dock.territory_edit.setText("06032")
    dock.territory_edit.editingFinished.emit()
    assert widget.filePath() == str(export)
    params = plan.build_steps(dock.current_choice(), str(tmp_path / "staging"))[0].parameters
    assert params["ACCESLIBRE"] == str(export)
    widget.setFilePath("")  # leave the profile as it was for the other tests
    dock._save()


def test_loaded_results_open_on_one_theme_with_titled_layers(
    dock, tmp_path, monaco_territory, qgis_new_project
):
    """A real diagnosis (cycling and parking on Monaco) loads like the stored project opens: one theme group
    checked, the others loaded but unchecked, every layer named by its title."""
    import processing

    folder = tmp_path / "Monaco"
    folder.mkdir()
    for theme in ("parking", "cycling"):  # parking run first: the registry's order decides, not the run's
        processing.run(
            f"mobilitydiagnosis:{theme}",
            {"INPUT": monaco_territory, "OUTPUT": str(folder / "diagnosis.gpkg")},
        )

    name = dock.show_results(str(folder))

    group = QgsProject.instance().layerTreeRoot().findGroup(results.group_title(name))
    assert group is not None
    checked = {sub.name(): sub.itemVisibilityChecked() for sub in group.children()}
    assert checked == {"Cycling": True, "Parking": False, "Territory": True}
    assert group_tree(group)["Parking"] == ["bike_parking_gaps", "parking_supply"]  # loaded, ready to tick
    titles = {results.layer_table(node.layer()): node.layer().name() for node in group.findLayers()}
    assert titles["cycling_segments"] == "Cycling: streets by Level of Traffic Stress"
    assert titles["parking_supply"] == "Parking: supply"
    assert all(title != table for table, title in titles.items())  # titles, never table names

    # the theme the user asks for opens instead
    group = results.add_results([str(folder / "diagnosis.gpkg")], name, shown="parking")
    checked = {sub.name(): sub.itemVisibilityChecked() for sub in group.children()}
    assert checked == {"Cycling": False, "Parking": True, "Territory": True}
