"""Plugin settings: Overpass servers, download cache, default buffer and speeds, report language."""

from __future__ import annotations

from qgis.gui import QgsFileWidget
from qgis.PyQt.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ..i18n import tr
from . import settings_store as store


class SettingsDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("MobilityDiagnosisSettings")
        self.setWindowTitle(tr("Mobility diagnosis settings"))
        layout = QVBoxLayout(self)

        box = QGroupBox(tr("OpenStreetMap download (Overpass API)"))
        form = QFormLayout(box)
        self.endpoints = QPlainTextEdit()
        self.endpoints.setToolTip(
            tr("One interpreter URL per line, tried in this order (never in parallel).")
        )
        self.endpoints.setFixedHeight(80)
        form.addRow(tr("Servers"), self.endpoints)
        self.cache_folder = QgsFileWidget()
        self.cache_folder.setStorageMode(QgsFileWidget.StorageMode.GetDirectory)
        self.cache_folder.setToolTip(tr("Empty: a folder in the QGIS profile."))
        form.addRow(tr("Cache folder"), self.cache_folder)
        self.max_age = QDoubleSpinBox()
        self.max_age.setRange(0, 365)
        self.max_age.setDecimals(1)
        self.max_age.setSuffix(tr(" days"))
        self.max_age.setToolTip(tr("A download younger than this is reused; 0 always downloads again."))
        form.addRow(tr("Keep downloads for"), self.max_age)
        self.max_area = QDoubleSpinBox()
        self.max_area.setRange(0, 100000)
        self.max_area.setDecimals(0)
        self.max_area.setSuffix(tr(" km²"))
        self.max_area.setToolTip(
            tr(
                "Larger territories are refused online (a local OSM extract is kinder to the servers); 0: no limit."
            )
        )
        form.addRow(tr("Largest territory online"), self.max_area)
        self.retries = QSpinBox()
        self.retries.setRange(0, 10)
        self.retries.setToolTip(
            tr("How many times a busy server is asked again before the next one is tried.")
        )
        form.addRow(tr("Retries per server"), self.retries)
        row = QHBoxLayout()
        self.clear_button = QPushButton(tr("Clear cache"))
        self.clear_button.clicked.connect(self.clear_cache)
        self.cache_status = QLabel("")
        row.addWidget(self.clear_button)
        row.addWidget(self.cache_status, 1)
        form.addRow(row)
        layout.addWidget(box)

        box = QGroupBox(tr("Analysis defaults"))
        form = QFormLayout(box)
        self.buffer = QDoubleSpinBox()
        self.buffer.setRange(0, 5000)
        self.buffer.setDecimals(0)
        self.buffer.setSingleStep(100)
        self.buffer.setSuffix(tr(" m"))
        self.buffer.setToolTip(
            tr("Data is fetched this far beyond the territory, so that trips crossing the edge count.")
        )
        form.addRow(tr("Buffer around the territory"), self.buffer)
        self.speeds = QTableWidget(len(store.ROAD_CLASSES), 2)
        self.speeds.setHorizontalHeaderLabels(
            [tr("Road class (OSM highway=*)"), tr("Speed when untagged (km/h)")]
        )
        self.speeds.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.speeds.verticalHeader().setVisible(False)
        self.speeds.setToolTip(tr("Used only where OSM has no maxspeed tag. 0: the built-in French default."))
        self.speed_boxes = {}
        for row_index, (road_class, default) in enumerate(store.ROAD_CLASSES):
            item = QTableWidgetItem(road_class)
            item.setToolTip(tr("Built-in default: {} km/h").format(int(default)))
            self.speeds.setItem(row_index, 0, item)
            spin = QDoubleSpinBox()
            spin.setRange(0, 130)
            spin.setDecimals(0)
            spin.setSpecialValueText(tr("default ({} km/h)").format(int(default)))
            self.speeds.setCellWidget(row_index, 1, spin)
            self.speed_boxes[road_class] = spin
        self.speeds.setMinimumHeight(200)
        form.addRow(self.speeds)
        self.language = QComboBox()
        self.language.addItem(tr("Same as QGIS"), "auto")
        self.language.addItem("English", "en")
        self.language.addItem("Français", "fr")
        form.addRow(tr("Report language"), self.language)
        layout.addWidget(box)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).clicked.connect(self.restore_defaults)
        layout.addWidget(buttons)
        self.load()

    def load(self) -> None:
        self.endpoints.setPlainText("\n".join(store.overpass_endpoints()))
        folder = store.cache_folder()
        self.cache_folder.setFilePath("" if folder == store.default_cache_folder() else folder)
        self.max_age.setValue(store.cache_max_age_days())
        self.max_area.setValue(store.max_area_km2())
        self.retries.setValue(store.overpass_retries())
        self.buffer.setValue(store.default_buffer_m())
        overrides = store.speed_overrides()
        for road_class, spin in self.speed_boxes.items():
            spin.setValue(overrides.get(road_class, 0))
        self.language.setCurrentIndex(max(0, self.language.findData(store.report_language())))

    def restore_defaults(self) -> None:
        self.endpoints.setPlainText("\n".join(store.FALLBACK_ENDPOINTS))
        self.cache_folder.setFilePath("")
        self.max_age.setValue(store.DEFAULT_CACHE_MAX_AGE_DAYS)
        self.max_area.setValue(store.DEFAULT_MAX_AREA_KM2)
        self.retries.setValue(store.DEFAULT_RETRIES)
        self.buffer.setValue(store.DEFAULT_BUFFER_M)
        for spin in self.speed_boxes.values():
            spin.setValue(0)
        self.language.setCurrentIndex(0)

    def save(self) -> None:
        store.set_overpass_endpoints(self.endpoints.toPlainText().splitlines())
        store.set_cache_folder(self.cache_folder.filePath().strip() or None)
        store.set_cache_max_age_days(self.max_age.value())
        store.set_max_area_km2(self.max_area.value())
        store.set_overpass_retries(self.retries.value())
        store.set_default_buffer_m(self.buffer.value())
        store.set_speed_overrides({k: spin.value() for k, spin in self.speed_boxes.items()})
        store.set_report_language(self.language.currentData())

    def accept(self) -> None:
        self.save()
        super().accept()

    def clear_cache(self) -> None:
        try:
            removed = store.clear_cache()
        except OSError as exc:
            self.cache_status.setText(tr("The cache could not be cleared: {}").format(exc))
            return
        self.cache_status.setText(tr("{} downloads removed.").format(removed))
