"""“Publish…”: send a package folder to a udata portal through ``mobilitydiagnosis:publish``.

The API key stays in the QGIS authentication database (an authentication configuration chosen here);
the dialog never sees it. The run is a background task like the dock's.
"""

from __future__ import annotations

from qgis.core import Qgis
from qgis.gui import QgsAuthConfigSelect, QgsFileWidget, QgsMessageBar
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QVBoxLayout,
)

from ..i18n import tr
from .plan import PUBLISH_ALGORITHM
from .run import Step, StepsRun

PORTALS = (
    ("https://demo.data.gouv.fr", "demo.data.gouv.fr"),
    ("https://www.data.gouv.fr", "data.gouv.fr"),
)


class PublishDialog(QDialog):
    def __init__(self, package_folder: str = "", parent=None):
        super().__init__(parent)
        self.setObjectName("MobilityDiagnosisPublish")
        self.setWindowTitle(tr("Publish the diagnosis"))
        self.run = None
        layout = QVBoxLayout(self)
        self.message_bar = QgsMessageBar()
        layout.addWidget(self.message_bar)
        intro = QLabel(
            tr(
                "Publishes the package (data, report, documentation) as a dataset on a udata portal. Try the demo "
                "portal first. The API key is read from the QGIS authentication configuration you choose."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.folder = QgsFileWidget()
        self.folder.setStorageMode(QgsFileWidget.StorageMode.GetDirectory)
        self.folder.setFilePath(package_folder)
        form.addRow(tr("Package folder"), self.folder)
        self.portal = QComboBox()
        self.portal.setEditable(True)
        for url, label in PORTALS:
            self.portal.addItem(label, url)
        form.addRow(tr("Portal"), self.portal)
        self.auth = QgsAuthConfigSelect(self)
        form.addRow(tr("API key (authentication)"), self.auth)
        self.dataset = QLineEdit()
        self.dataset.setPlaceholderText(tr("empty: a new dataset"))
        form.addRow(tr("Existing dataset (id or slug)"), self.dataset)
        self.dry_run = QCheckBox(tr("Dry run: list what would be sent, send nothing"))
        self.dry_run.setChecked(True)
        form.addRow(self.dry_run)
        layout.addLayout(form)
        self.log = QPlainTextEdit()
        self.log.setReadOnly(True)
        self.log.setMaximumHeight(140)
        self.log.setVisible(False)
        layout.addWidget(self.log)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        layout.addWidget(self.progress)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.publish_button = self.buttons.addButton(tr("Publish"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.rejected.connect(self._close)
        self.buttons.accepted.connect(self.publish)
        layout.addWidget(self.buttons)

    def parameters(self) -> dict:
        text = self.portal.currentText().strip()
        index = self.portal.findText(text)
        url = self.portal.itemData(index) if index >= 0 else text  # a typed URL is used as it is
        params = {"PACKAGE_FOLDER": self.folder.filePath(), "PORTAL_URL": url}
        if self.auth.configId():
            params["AUTHCFG"] = self.auth.configId()
        if self.dataset.text().strip():
            params["DATASET"] = self.dataset.text().strip()
        params["DRY_RUN"] = self.dry_run.isChecked()
        return params

    def publish(self) -> None:
        if self.run is not None and self.run.running:
            return
        self.message_bar.clearWidgets()
        self.run = StepsRun([Step(PUBLISH_ALGORITHM, tr("Publishing"), self.parameters())], parent=self)
        self.run.progressChanged.connect(lambda v: self.progress.setValue(int(v)))
        self.run.finished.connect(self._finished)
        self.publish_button.setEnabled(False)
        self.run.start()

    def _finished(self, ok: bool, message: str, results: dict) -> None:
        self.publish_button.setEnabled(True)
        if self.run is not None and self.run.log:
            self.log.setPlainText("\n".join(self.run.log))
            self.log.setVisible(True)
        if ok:
            outputs = results.get(PUBLISH_ALGORITHM, {})
            where = next((v for k, v in outputs.items() if "URL" in k.upper() and isinstance(v, str)), "")
            self.message_bar.pushMessage(tr("Published. {}").format(where), Qgis.MessageLevel.Success, 0)
        else:
            self.message_bar.pushMessage(message, Qgis.MessageLevel.Critical, 0)

    def _close(self) -> None:
        if self.run is not None and self.run.running:
            self.run.cancel()
        self.reject()
