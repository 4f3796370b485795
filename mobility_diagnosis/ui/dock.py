"""The "Mobility diagnosis" dock: pick a territory and a data source, run, read the results.

Built in code (no compiled resources). It only builds parameters, starts algorithms as background
tasks (``run.StepsRun``) and shows what they made; every analysis lives in the algorithms.
"""

from __future__ import annotations

import os
from typing import Optional

from osgeo import ogr, osr
from qgis.core import (
    Qgis,
    QgsApplication,
    QgsProcessingUtils,
    QgsProject,
    QgsReferencedRectangle,
    QgsWkbTypes,
)
from qgis.gui import QgsDockWidget, QgsFileWidget, QgsMessageBar
from qgis.PyQt.QtCore import QLocale, Qt, QUrl
from qgis.PyQt.QtGui import QDesktopServices, QIcon
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.themes import themes
from ..i18n import tr, ui_language
from . import plan, results, settings_store
from .completer import CommuneCompleter
from .run import Step, StepsRun

RESOURCES = os.path.join(os.path.dirname(os.path.dirname(__file__)), "resources")
ICON_PATH = os.path.join(RESOURCES, "icons", "icon.svg")

MODE_TEXT, MODE_SELECTION, MODE_EXTENT = "text", "selection", "extent"
OSM_FILE_FILTER = "OSM (*.osm.pbf *.pbf *.osm *.osm.gz *.osm.bz2)"
GPKG_FILTER = "GeoPackage (*.gpkg)"
INDICATOR_LAYER_ROLE = Qt.ItemDataRole.UserRole + 1
NO_TERRITORY_KEY = "-"  # where the source files chosen before a territory is typed are kept


def theme_label(theme: str) -> str:
    return results.theme_title(theme)


class MobilityDiagnosisDock(QgsDockWidget):
    def __init__(self, iface, parent=None):
        super().__init__(tr("Mobility diagnosis"), parent)
        self.setObjectName("Mobility diagnosis dock")
        self.iface = iface
        self.run: Optional[StepsRun] = None
        self.result_group = None
        self.package_folder = ""
        self.diagnosis_gpkg = ""
        self._build()
        self._restore()
        self._update_source()
        self._update_mode()
        self._update_publish()
        self._show_results_state()

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 6, 6, 6)
        self.message_bar = QgsMessageBar()
        self.message_bar.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        layout.addWidget(self.message_bar)

        # Territory
        box = QGroupBox(tr("Territory"))
        form = QFormLayout(box)
        self.mode_combo = QComboBox()
        self.mode_combo.addItem(tr("Commune, INSEE code or OSM relation"), MODE_TEXT)
        self.mode_combo.addItem(tr("Selected polygon"), MODE_SELECTION)
        self.mode_combo.addItem(tr("Map canvas extent"), MODE_EXTENT)
        self.mode_combo.currentIndexChanged.connect(self._update_mode)
        form.addRow(tr("Choose by"), self.mode_combo)
        self.territory_edit = QLineEdit()
        self.territory_edit.setPlaceholderText(tr("e.g. Cap-d’Ail, 06032 or osm:relation/2220322"))
        self.territory_edit.setClearButtonEnabled(True)
        self.completer = CommuneCompleter(self.territory_edit)
        self.territory_label = QLabel(tr("Commune"))
        form.addRow(self.territory_label, self.territory_edit)
        layout.addWidget(box)

        # Data source
        box = QGroupBox(tr("Data source"))
        form = QFormLayout(box)
        self.source_combo = QComboBox()
        self.source_combo.addItem(tr("OpenStreetMap through Overpass (online)"), plan.SOURCE_OVERPASS)
        self.source_combo.addItem(tr("A local OSM file"), plan.SOURCE_OSM_FILE)
        self.source_combo.addItem(
            tr("A territory GeoPackage prepared earlier (offline)"), plan.SOURCE_PREPARED
        )
        self.source_combo.currentIndexChanged.connect(self._update_source)
        form.addRow(tr("Source"), self.source_combo)
        self.osm_file = QgsFileWidget()
        self.osm_file.setFilter(OSM_FILE_FILTER)
        self.osm_file.setDialogTitle(tr("Local OSM file"))
        self.osm_file_label = QLabel(tr("OSM file"))
        form.addRow(self.osm_file_label, self.osm_file)
        self.prepared_file = QgsFileWidget()
        self.prepared_file.setFilter(GPKG_FILTER)
        self.prepared_file.setDialogTitle(tr("Territory GeoPackage prepared earlier"))
        self.prepared_label = QLabel(tr("Territory GeoPackage"))
        form.addRow(self.prepared_label, self.prepared_file)
        row = QHBoxLayout()
        default_demo = plan.demo()
        self.demo_button = QPushButton(tr("Demo ({})").format(default_demo.label))
        self.demo_button.setToolTip(
            tr(
                "Fill in the bundled demo, the French commune of {}: works offline, in a few seconds, with the "
                "national files and the figures per 1,000 residents."
            ).format(default_demo.label)
        )
        self.demo_button.clicked.connect(self.use_demo)
        self.prepare_button = QPushButton(tr("Prepare for offline use…"))
        self.prepare_button.setToolTip(
            tr(
                "Fetch the territory’s data now and save it as a territory GeoPackage; a workshop can then run "
                "every theme from that file with no network."
            )
        )
        self.prepare_button.clicked.connect(self.prepare_offline)
        row.addWidget(self.demo_button)
        row.addWidget(self.prepare_button)
        form.addRow(row)
        layout.addWidget(box)
        self._build_sources(layout)

        # Themes
        box = QGroupBox(tr("Themes"))
        themes_layout = QVBoxLayout(box)
        self.theme_checks: dict[str, QCheckBox] = {}
        for row in themes():
            theme = row.id
            check = QCheckBox(theme_label(theme))
            check.setToolTip(row.text("summary", ui_language()))
            check.setChecked(True)
            self.theme_checks[theme] = check
            themes_layout.addWidget(check)
        layout.addWidget(box)

        # Output and run
        box = QGroupBox(tr("Output"))
        form = QFormLayout(box)
        self.output_folder = QgsFileWidget()
        self.output_folder.setStorageMode(QgsFileWidget.StorageMode.GetDirectory)
        self.output_folder.setDialogTitle(tr("Folder for the diagnosis"))
        self.output_folder.setToolTip(tr("Each territory gets its own sub-folder here."))
        form.addRow(tr("Folder"), self.output_folder)
        row = QHBoxLayout()
        self.run_button = QPushButton(QIcon(ICON_PATH), tr("Run"))
        self.run_button.setDefault(True)
        self.run_button.clicked.connect(self.start_run)
        self.cancel_button = QPushButton(tr("Cancel"))
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel_run)
        self.settings_button = QToolButton()
        self.settings_button.setIcon(QgsApplication.getThemeIcon("/mActionOptions.svg"))
        self.settings_button.setToolTip(tr("Settings"))
        self.settings_button.clicked.connect(self.open_settings)
        row.addWidget(self.run_button, 2)
        row.addWidget(self.cancel_button, 1)
        row.addWidget(self.settings_button)
        form.addRow(row)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.status_label = QLabel("")
        self.status_label.setWordWrap(True)
        form.addRow(self.progress)
        form.addRow(self.status_label)
        layout.addWidget(box)

        # Results
        box = QGroupBox(tr("Results"))
        results_layout = QVBoxLayout(box)
        self.indicator_tree = QTreeWidget()
        self.indicator_tree.setColumnCount(2)
        self.indicator_tree.setHeaderLabels([tr("Indicator"), tr("Value")])
        self.indicator_tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.indicator_tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.indicator_tree.header().setStretchLastSection(False)
        self.indicator_tree.setWordWrap(True)
        self.indicator_tree.setMinimumHeight(160)
        self.indicator_tree.itemClicked.connect(self._indicator_clicked)
        self.indicator_tree.setToolTip(tr("Click a figure to select the layer it comes from."))
        results_layout.addWidget(self.indicator_tree)
        row = QHBoxLayout()
        self.report_button = QPushButton(tr("Open the report"))
        self.report_button.clicked.connect(self.open_report)
        self.folder_button = QPushButton(tr("Open the folder"))
        self.folder_button.clicked.connect(self.open_folder)
        self.publish_button = QPushButton(tr("Publish…"))
        self.publish_button.clicked.connect(self.open_publish)
        row.addWidget(self.report_button)
        row.addWidget(self.folder_button)
        row.addWidget(self.publish_button)
        results_layout.addLayout(row)
        layout.addWidget(box, 1)

        for combo in (self.mode_combo, self.source_combo):  # long French items must not widen the dock
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(14)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        self.setWidget(scroll)

    def _build_sources(self, layout) -> None:
        """One input per source the themes read (a file; empty: the default shown), the offline switch and
        the line saying which sources a run will use (ui.plan.sources_line: diagnose's own rule)."""
        lang = ui_language()
        texts = plan.source_texts(lang)
        box = QGroupBox(texts["box"])
        form = QFormLayout(box)
        # each name above its input, on one line: wrapped beside a narrow input, the longer names (« Trajets en
        # covoiturage (registre de preuve de covoiturage) ») were cut at their foot in the scrolled panel
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.source_inputs: dict[str, QgsFileWidget] = {}
        for row in plan.dock_sources():
            widget = QgsFileWidget()
            if row.folder:  # a folder of files (the crash files)
                widget.setStorageMode(QgsFileWidget.StorageMode.GetDirectory)
            widget.setDialogTitle(row.text(lang))
            widget.lineEdit().setPlaceholderText(plan.source_default(row, lang))
            widget.setToolTip(plan.source_tooltip(row, lang))
            widget.fileChanged.connect(self._update_sources_line)
            label = QLabel(row.text(lang))
            label.setToolTip(widget.toolTip())
            form.addRow(label, widget)
            self.source_inputs[row.parameter] = widget
        self.offline_check = QCheckBox(texts["offline"])
        self.offline_check.setToolTip(texts["offline_tip"])
        self.offline_check.toggled.connect(self._update_sources_line)
        form.addRow(self.offline_check)
        self.sources_label = QLabel("")
        self.sources_label.setWordWrap(True)
        self.sources_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.sources_label)
        layout.addWidget(box)

    def _sources_key(self) -> str:
        """Source files are kept per territory: the folder name of what is typed (or of the prepared file)."""
        if self.source_combo.currentData() == plan.SOURCE_PREPARED:
            title = prepared_title(self.prepared_file.filePath())
        else:
            title = self.territory_edit.text().strip()
        return plan.folder_name(title) if title else NO_TERRITORY_KEY

    def _restore_sources(self) -> None:
        """The files given for the territory now chosen; those of the one left are kept under its name.
        Files chosen before any territory was typed go with the first one typed (when it has none saved)."""
        key = self._sources_key()
        previous = getattr(self, "_shown_sources_key", None)
        if previous == key:
            self._update_sources_line()
            return
        if previous is not None:
            self._save_sources(previous)
        self._shown_sources_key = key
        saved = {name: settings_store.dock_value(f"sources/{key}/{name}", "") for name in self.source_inputs}
        if not (previous == NO_TERRITORY_KEY and not any(saved.values())):
            for name, widget in self.source_inputs.items():
                widget.blockSignals(True)
                widget.setFilePath(saved[name])
                widget.blockSignals(False)
        self._update_sources_line()

    def _save_sources(self, key: Optional[str] = None) -> None:
        key = key or self._sources_key()
        for name, widget in self.source_inputs.items():
            settings_store.set_dock_value(f"sources/{key}/{name}", widget.filePath())
        settings_store.set_dock_value("sources_offline", self.offline_check.isChecked())

    def _update_sources_line(self, *_args) -> None:
        from ..qgis_io.settings import sources_offline
        from ..qgis_io.sources.resolve import read_kit

        source = self.source_combo.currentData()
        kit = read_kit(self.prepared_file.filePath()) if source == plan.SOURCE_PREPARED else None
        choice = plan.RunChoice(
            territory_text=self.territory_edit.text().strip(),
            source=source,
            themes=self.selected_themes(),
            source_files=self.source_files(),
            offline=self.offline_check.isChecked(),
        )
        code = (
            plan.territory_code(choice.territory_text) if self.mode_combo.currentData() == MODE_TEXT else ""
        )
        if kit is not None:
            code = kit_code(self.prepared_file.filePath())
        self.sources_label.setText(plan.sources_line(choice, code, sources_offline(), ui_language(), kit))
        offline = choice.offline or sources_offline()
        for row in plan.dock_sources():  # an empty input says what it means now: online, or nothing offline
            self.source_inputs[row.parameter].lineEdit().setPlaceholderText(
                plan.source_default(row, ui_language(), offline)
            )

    def source_files(self) -> dict[str, str]:
        return {name: widget.filePath().strip() for name, widget in self.source_inputs.items()}

    def _restore(self) -> None:
        default_output = os.path.join(os.path.expanduser("~"), tr("Mobility diagnosis"))
        self.output_folder.setFilePath(settings_store.dock_value("output_folder", default_output))
        self.territory_edit.setText(settings_store.dock_value("territory", ""))
        source = settings_store.dock_value("source", plan.SOURCE_OVERPASS)
        index = self.source_combo.findData(source)
        self.source_combo.setCurrentIndex(max(0, index))
        self.osm_file.setFilePath(settings_store.dock_value("osm_file", ""))
        self.prepared_file.setFilePath(settings_store.dock_value("prepared_gpkg", ""))
        self.offline_check.setChecked(settings_store.dock_value("sources_offline", False))
        self._restore_sources()
        self.territory_edit.editingFinished.connect(self._restore_sources)
        self.prepared_file.fileChanged.connect(self._restore_sources)
        self.mode_combo.currentIndexChanged.connect(self._update_sources_line)
        self.source_combo.currentIndexChanged.connect(self._restore_sources)
        for check in self.theme_checks.values():
            check.toggled.connect(self._update_sources_line)

    def _save(self) -> None:
        settings_store.set_dock_value("output_folder", self.output_folder.filePath())
        settings_store.set_dock_value("territory", self.territory_edit.text())
        settings_store.set_dock_value("source", self.source_combo.currentData())
        settings_store.set_dock_value("osm_file", self.osm_file.filePath())
        settings_store.set_dock_value("prepared_gpkg", self.prepared_file.filePath())
        self._save_sources()

    # ------------------------------------------------------------------ state
    def _update_mode(self) -> None:
        text_mode = self.mode_combo.currentData() == MODE_TEXT
        prepared = self.source_combo.currentData() == plan.SOURCE_PREPARED
        self.territory_edit.setVisible(text_mode)
        self.territory_label.setVisible(text_mode)
        self.mode_combo.setEnabled(not prepared)
        self.territory_edit.setEnabled(not prepared)

    def _update_source(self) -> None:
        source = self.source_combo.currentData()
        self.osm_file.setVisible(source == plan.SOURCE_OSM_FILE)
        self.osm_file_label.setVisible(source == plan.SOURCE_OSM_FILE)
        self.prepared_file.setVisible(source == plan.SOURCE_PREPARED)
        self.prepared_label.setVisible(source == plan.SOURCE_PREPARED)
        self.prepare_button.setEnabled(source != plan.SOURCE_PREPARED)
        self._update_mode()

    def _update_publish(self) -> None:
        self.publish_button.setVisible(True)
        self.publish_button.setEnabled(bool(self.package_folder))
        self.publish_button.setToolTip(tr("Publish the package to data.gouv.fr or another udata portal."))

    def _show_results_state(self) -> None:
        has_package = bool(self.package_folder) and os.path.isdir(self.package_folder)
        report = os.path.join(self.package_folder, "report.pdf") if has_package else ""
        self.report_button.setEnabled(bool(report) and os.path.isfile(report))
        self.report_button.setToolTip(
            ""
            if self.report_button.isEnabled()
            else tr("No report yet: the report comes with a full diagnosis.")
        )
        self.folder_button.setEnabled(has_package)
        self._update_publish()

    def _set_running(self, running: bool) -> None:
        for widget in (
            self.run_button,
            self.prepare_button,
            self.demo_button,
            self.mode_combo,
            self.source_combo,
            self.territory_edit,
            self.osm_file,
            self.prepared_file,
            self.output_folder,
            self.offline_check,
            *self.source_inputs.values(),
        ):
            widget.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        if not running:
            self._update_source()

    def showEvent(self, event):
        self._update_publish()
        super().showEvent(event)

    # ------------------------------------------------------------------ choices
    def use_demo(self, key: str = "") -> None:
        """Fill in a bundled demo (plan.demos(); the French commune by default), offline like ``make demo``
        (SOURCES offline): the demo runs the same with or without network, in a few seconds."""
        demo = plan.demo(key)
        self.mode_combo.setCurrentIndex(self.mode_combo.findData(MODE_TEXT))
        self.territory_edit.setText(demo.territory)
        self.source_combo.setCurrentIndex(self.source_combo.findData(plan.SOURCE_OSM_FILE))
        self.osm_file.setFilePath(demo.osm_file)
        self._restore_sources()  # the demo territory's own source files, if any were given
        self._use_demo_sources(demo)
        self.offline_check.setChecked(True)
        self._update_sources_line()

    def _use_demo_sources(self, demo: plan.Demo) -> None:
        """The demo's own source files (demos.json "inputs", e.g. its crash files) in the source inputs."""
        for name, path in plan.demo_source_files(demo, list(self.source_inputs)).items():
            self.source_inputs[name].setFilePath(path)

    def selected_themes(self) -> list[str]:
        return [t for t, check in self.theme_checks.items() if check.isChecked() and check.isEnabled()]

    def current_choice(self) -> plan.RunChoice:
        """The user's choices; a selection becomes a polygon file (TERRITORY_LAYER), the map canvas extent a
        rectangle with its CRS (TERRITORY_EXTENT)."""
        choice = plan.RunChoice(
            territory_text=self.territory_edit.text().strip(),
            source=self.source_combo.currentData(),
            osm_file=self.osm_file.filePath(),
            prepared_gpkg=self.prepared_file.filePath(),
            themes=self.selected_themes(),
            buffer_m=settings_store.default_buffer_m(),
            report_language=resolved_report_language(),
            source_files=self.source_files(),
            offline=self.offline_check.isChecked(),
        )
        if choice.source == plan.SOURCE_OVERPASS:
            endpoints = settings_store.overpass_endpoints()
            choice.overpass_url = endpoints[0] if endpoints else ""
        mode = self.mode_combo.currentData()
        if choice.source != plan.SOURCE_PREPARED and mode != MODE_TEXT:
            choice.territory_text = ""
            if mode == MODE_EXTENT:
                canvas = self.iface.mapCanvas()
                choice.territory_extent = QgsReferencedRectangle(
                    canvas.extent(), canvas.mapSettings().destinationCrs()
                )
            else:
                choice.territory_layer = self._polygon_file()
        return choice

    def territory_title(self, choice: plan.RunChoice) -> str:
        if choice.source == plan.SOURCE_PREPARED:
            return prepared_title(choice.prepared_gpkg)
        if choice.territory_layer:
            return tr("selected polygon")
        if choice.territory_extent is not None:
            return tr("map extent")
        return choice.territory_text

    def _polygon_file(self) -> Optional[str]:
        """Write the selected polygons to a temporary GeoPackage."""
        layer = self.iface.activeLayer()
        if (
            layer is None
            or not hasattr(layer, "selectedFeatures")
            or layer.geometryType() != QgsWkbTypes.GeometryType.PolygonGeometry
            or layer.selectedFeatureCount() == 0
        ):
            return None
        features = layer.selectedFeatures()
        geometries = [f.geometry() for f in features]
        attributes = dict(zip(features[0].fields().names(), features[0].attributes()))
        crs = layer.crs()
        path = QgsProcessingUtils.generateTempFilename("territory_polygon.gpkg")
        return write_polygons(path, geometries, attributes, crs.toWkt())

    # ------------------------------------------------------------------ running
    def _error(self, message: str) -> None:
        self.message_bar.clearWidgets()
        self.message_bar.pushMessage(tr("Mobility diagnosis"), message, Qgis.MessageLevel.Critical, 0)

    def _info(self, message: str, level=Qgis.MessageLevel.Success) -> None:
        self.message_bar.clearWidgets()
        self.message_bar.pushMessage(tr("Mobility diagnosis"), message, level, 8)

    def start_run(self) -> Optional[StepsRun]:
        if self.run is not None and self.run.running:
            return None
        self.message_bar.clearWidgets()
        choice = self.current_choice()
        if (
            choice.territory_layer is None
            and self.mode_combo.currentData() == MODE_SELECTION
            and (choice.source != plan.SOURCE_PREPARED)
        ):
            self._error(tr("Select one or more polygons in the active layer first, or type a commune."))
            return None
        problem = plan.check_choice(choice)
        if problem:
            self._error(problem)
            return None
        output = self.output_folder.filePath().strip()
        if not output:
            self._error(tr("Choose an output folder."))
            return None
        try:
            os.makedirs(output, exist_ok=True)
        except OSError as exc:
            self._error(
                tr("The output folder {} cannot be created: {}. Choose another folder.").format(output, exc)
            )
            return None
        title = self.territory_title(choice)
        name = plan.folder_name(title)
        final = os.path.join(output, name)
        staging = os.path.join(output, f".{name}.partial")
        steps = plan.build_steps(choice, staging)
        self._save()
        self._start(steps, staging, final, title, choice)
        return self.run

    def _start(self, steps: list[Step], staging, final, title: str, choice: Optional[plan.RunChoice]) -> None:
        self.run = StepsRun(steps, staging, final, parent=self)
        self.run.progressChanged.connect(lambda v: self.progress.setValue(int(v)))
        self.run.stepStarted.connect(
            lambda i, label: self.status_label.setText(
                tr("Step {} of {}: {} …").format(i + 1, len(steps), label)
            )
        )
        self.run.finished.connect(lambda ok, msg, res: self._finished(ok, msg, res, final, title, choice))
        self.progress.setValue(0)
        self._set_running(True)
        self.run.start()

    def cancel_run(self) -> None:
        if self.run is not None and self.run.running:
            self.status_label.setText(tr("Cancelling…"))
            self.run.cancel()

    def _finished(self, ok: bool, message: str, outputs: dict, final, title, choice) -> None:
        self._set_running(False)
        if not ok:
            self.progress.setValue(0)
            self.status_label.setText(message)
            if self.run is not None and self.run.cancelled:
                self._info(message, Qgis.MessageLevel.Info)
            else:
                self._error(message)
            return
        if final is None:  # "Prepare for offline use": the kit's territory file, its sources beside it
            path = outputs.get(plan.KIT_ALGORITHM, {}).get("TERRITORY_GPKG", "")
            self.source_combo.setCurrentIndex(self.source_combo.findData(plan.SOURCE_PREPARED))
            self.prepared_file.setFilePath(path)
            self._save()
            self.status_label.setText(tr("Saved {}. It can now be used offline.").format(path))
            self._info(tr("Territory saved for offline use: {}").format(path))
            return
        prepared = choice.prepared_gpkg if choice and choice.source == plan.SOURCE_PREPARED else ""
        name = self.show_results(final, prepared)
        self.status_label.setText(tr("Done: {}").format(final))
        self._info(tr("Diagnosis of {} done.").format(name or title))

    def show_results(self, folder: str, prepared_gpkg: str = "") -> str:
        """Add the package folder's layers to the project and fill the indicator panel."""
        self.package_folder = folder
        diagnosis = os.path.join(folder, plan.DIAGNOSIS_GPKG_NAME)
        territory = os.path.join(folder, plan.TERRITORY_GPKG_NAME)
        if not os.path.exists(territory):
            territory = prepared_gpkg
        self.diagnosis_gpkg = diagnosis if os.path.exists(diagnosis) else ""
        gpkgs = [p for p in (diagnosis, territory) if p and os.path.exists(p)]
        name = results.territory_name(*gpkgs) or os.path.basename(folder)
        self.result_group = results.add_results(gpkgs, name)
        self.fill_indicators(results.read_indicators(self.diagnosis_gpkg))
        self._show_results_state()
        return name

    def fill_indicators(self, rows: list[results.IndicatorRow]) -> None:
        self.indicator_tree.clear()
        locale = QLocale()
        themes: dict[str, QTreeWidgetItem] = {}
        for row in rows:
            parent = themes.get(row.theme)
            if parent is None:
                parent = QTreeWidgetItem([theme_label(row.theme), ""])
                font = parent.font(0)
                font.setBold(True)
                parent.setFont(0, font)
                parent.setData(0, INDICATOR_LAYER_ROLE, results.main_layer(row.theme) or "")
                self.indicator_tree.addTopLevelItem(parent)
                themes[row.theme] = parent
            item = QTreeWidgetItem(parent, [row.label, format_value(row.value, row.unit, locale)])
            item.setToolTip(0, row.label)
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setData(0, INDICATOR_LAYER_ROLE, results.layer_for_indicator(row) or "")
        if not rows:
            item = QTreeWidgetItem([tr("No indicators: no theme ran on this territory."), ""])
            self.indicator_tree.addTopLevelItem(item)
        self.indicator_tree.expandAll()

    def _indicator_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        layer_name = item.data(0, INDICATOR_LAYER_ROLE)
        layer = results.find_layer(self.result_group, layer_name) if layer_name else None
        if layer is None:
            return
        node = QgsProject.instance().layerTreeRoot().findLayer(layer.id())
        if node is not None:
            node.setItemVisibilityCheckedParentRecursive(True)
        self.iface.setActiveLayer(layer)

    # ------------------------------------------------------------------ other actions
    def prepare_offline(self) -> None:
        """Workshop mode: fetch now and keep the territory GeoPackage for offline runs."""
        if self.run is not None and self.run.running:
            return
        self.message_bar.clearWidgets()
        choice = self.current_choice()
        problem = plan.check_choice(choice)
        if problem:
            self._error(problem)
            return
        title = self.territory_title(choice)
        start = os.path.join(
            self.output_folder.filePath() or os.path.expanduser("~"), plan.folder_name(title) + "-kit"
        )
        path, _filter = QFileDialog.getSaveFileName(self, tr("Save the territory for offline use"), start, "")
        if not path:
            return
        self.prepare_to(path, choice)

    def prepare_to(self, folder: str, choice: Optional[plan.RunChoice] = None) -> StepsRun:
        """The offline kit (preparekit): one folder with the territory GeoPackage and every source."""
        choice = choice or self.current_choice()
        step = Step(
            plan.KIT_ALGORITHM, tr("Fetching the territory’s data"), plan.kit_parameters(choice, folder)
        )
        self._start([step], None, None, self.territory_title(choice), choice)
        return self.run

    def open_report(self) -> None:
        report = os.path.join(self.package_folder, "report.pdf")
        if os.path.isfile(report):
            QDesktopServices.openUrl(QUrl.fromLocalFile(report))

    def open_folder(self) -> None:
        if os.path.isdir(self.package_folder):
            QDesktopServices.openUrl(QUrl.fromLocalFile(self.package_folder))

    def open_publish(self) -> None:
        from .publish_dialog import PublishDialog

        PublishDialog(self.package_folder, self).exec()

    def open_settings(self) -> None:
        from .settings_dialog import SettingsDialog

        SettingsDialog(self).exec()

    def closeEvent(self, event):
        self._save()
        super().closeEvent(event)


def prepared_title(territory_gpkg: str) -> str:
    """A prepared file's name, or its kit folder's name (every kit's file is territory.gpkg)."""
    stem = os.path.splitext(os.path.basename(territory_gpkg))[0]
    if os.path.basename(territory_gpkg) == plan.TERRITORY_GPKG_NAME:
        return os.path.basename(os.path.dirname(os.path.abspath(territory_gpkg))) or stem
    return stem


def kit_code(territory_gpkg: str) -> str:
    """The territory code written in a prepared GeoPackage (its ``about`` table), or ""."""
    try:
        ds = ogr.Open(territory_gpkg)
        layer = ds.GetLayerByName("about") if ds is not None else None
        if layer is None:
            return ""
        layer.SetAttributeFilter("key = 'territory_code'")
        feature = layer.GetNextFeature()
        return str(feature.GetField("value") or "") if feature is not None else ""
    except RuntimeError:
        return ""


def resolved_report_language() -> str:
    """The settings' report language, "auto" meaning the QGIS locale."""
    from ..i18n import user_language

    language = settings_store.report_language()
    return user_language() if language == "auto" else language


def format_value(value: Optional[float], unit: str, locale: Optional[QLocale] = None) -> str:
    """'42,5 %' in French, '42.5 %' in English; a dash when the figure could not be computed."""
    if value is None:
        return "—"
    locale = locale or QLocale()
    decimals = 0 if abs(value) >= 100 or float(value).is_integer() else (1 if abs(value) >= 10 else 2)
    text = locale.toString(float(value), "f", decimals)
    if unit and unit != "count":
        text += "\u00a0" + unit
    return text


def write_polygons(path: str, geometries: list, attributes: dict, crs_wkt: str) -> Optional[str]:
    """A one-layer polygon GeoPackage (TERRITORY_LAYER) with the first feature's name and code."""
    polygons = [g for g in geometries if g is not None and not g.isEmpty()]
    if not polygons:
        return None
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(path)
    srs = osr.SpatialReference()
    srs.ImportFromWkt(crs_wkt)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    layer = ds.CreateLayer("territory", srs, ogr.wkbMultiPolygon)
    keep = {k: v for k, v in attributes.items() if k in _NAME_CODE_FIELDS and v not in (None, "")}
    for key in keep:
        layer.CreateField(ogr.FieldDefn(key, ogr.OFTString))
    for geometry in polygons:
        feature = ogr.Feature(layer.GetLayerDefn())
        feature.SetGeometry(ogr.ForceToMultiPolygon(ogr.CreateGeometryFromWkb(bytes(geometry.asWkb()))))
        for key, value in keep.items():
            feature.SetField(key, str(value))
        layer.CreateFeature(feature)
    ds = None
    return path


_NAME_CODE_FIELDS = {
    "code",
    "insee",
    "code_insee",
    "INSEE_COM",
    "ref:INSEE",
    "name",
    "nom",
    "NOM",
    "NOM_COM",
}
