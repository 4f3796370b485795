"""Completion of commune names and INSEE codes from the bundled commune list (offline)."""

from __future__ import annotations

from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QStandardItem, QStandardItemModel
from qgis.PyQt.QtWidgets import QCompleter, QLineEdit

from ..qgis_io.osm.territory_resolver import commune_index

MIN_PREFIX = 2


def insertion_text(commune, typed: str) -> str:
    """What goes into the field: the code when the user typed digits, else the name with its département
    (unambiguous, and what a planner would write)."""
    if typed.strip()[:2].isdigit() or typed.strip()[:2].upper() in ("2A", "2B"):
        return commune.code
    return f"{commune.name} ({commune.departement})"


class CommuneCompleter(QCompleter):
    """Proposes "Cap-d'Ail (06, INSEE 06032)" for "Cap-d", "cap d" or "0603"; largest communes first."""

    def __init__(self, line_edit: QLineEdit):
        super().__init__(line_edit)
        self._model = QStandardItemModel(self)
        self.setModel(self._model)
        self.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setMaxVisibleItems(12)
        self.setWidget(line_edit)
        self._line_edit = line_edit
        line_edit.textEdited.connect(self.update_for)
        self.activated.connect(self._insert)  # its default overload is activated(str), in Qt 5 and 6

    def update_for(self, text: str) -> None:
        self._model.clear()
        if len(text.strip()) < MIN_PREFIX or text.strip().lower().startswith(("osm:", "relation")):
            self.popup().hide()
            return
        for commune in commune_index().completions(text, limit=20):
            item = QStandardItem(commune.label())
            item.setData(insertion_text(commune, text), Qt.ItemDataRole.UserRole)
            self._model.appendRow(item)
        if self._model.rowCount():
            self.complete()
        else:
            self.popup().hide()

    def labels(self) -> list[str]:
        return [self._model.item(i).text() for i in range(self._model.rowCount())]

    def insertion_for(self, label: str) -> str:
        for i in range(self._model.rowCount()):
            item = self._model.item(i)
            if item.text() == label:
                return item.data(Qt.ItemDataRole.UserRole)
        return label

    def _insert(self, label: str) -> None:
        self._line_edit.setText(self.insertion_for(label))

    def pathFromIndex(self, index) -> str:
        """QCompleter writes this into the line edit when the user picks an entry."""
        value = index.data(Qt.ItemDataRole.UserRole)
        return value if value else super().pathFromIndex(index)
