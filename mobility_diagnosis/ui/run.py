"""Run Processing algorithms from the dock as background tasks, one after the other.

Each step is a ``QgsProcessingAlgRunnerTask`` in QGIS's task manager, so the window never freezes and
the task shows in the status bar too. Steps write into a staging folder next to the final one; the
folder takes its final name only when every step succeeded, so a cancel or an error leaves no
partial output (and a previous result of the same territory stays untouched).
"""

from __future__ import annotations

import os
import shutil
import uuid
from dataclasses import dataclass, field
from typing import Callable, Optional

from qgis.core import (
    QgsApplication,
    QgsProcessingAlgRunnerTask,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProject,
)
from qgis.PyQt.QtCore import QObject, pyqtSignal

from ..i18n import tr


@dataclass
class Step:
    algorithm_id: str
    label: str  # what the user sees while it runs
    # parameters; a callable gets the previous steps' results (for chained outputs)
    parameters: dict | Callable[[dict], dict] = field(default_factory=dict)


class RecordingFeedback(QgsProcessingFeedback):
    """Keeps the algorithm's error and warning messages so that the dock can show them."""

    def __init__(self):
        super().__init__()
        self.errors: list[str] = []
        self.log: list[str] = []

    def reportError(self, error, fatalError=False):  # noqa: N803 (Qt signature)
        self.errors.append(error)
        super().reportError(error, fatalError)

    def pushWarning(self, warning):
        self.log.append(warning)
        super().pushWarning(warning)

    def pushInfo(self, info):
        self.log.append(info)
        super().pushInfo(info)


class StepsRun(QObject):
    """Runs steps in order; ``finished(ok, message, results)`` comes once, on the main thread."""

    progressChanged = pyqtSignal(float)  # noqa: N815 (Qt signal names) 0-100 over every step
    stepStarted = pyqtSignal(int, str)  # noqa: N815
    finished = pyqtSignal(bool, str, dict)

    def __init__(
        self, steps: list[Step], staging: Optional[str] = None, final: Optional[str] = None, parent=None
    ):
        super().__init__(parent)
        self.steps = steps
        self.staging = staging
        self.final = final
        self.results: dict = {}
        self.cancelled = False
        self.task: Optional[QgsProcessingAlgRunnerTask] = None
        self._index = -1
        self._keep: list = []  # alg, context, feedback of the running step (Python must keep them alive)
        self._done = False
        self.log: list[str] = []  # the algorithms' messages, for a dialog to show

    @property
    def running(self) -> bool:
        return self._index >= 0 and not self._done

    def start(self) -> None:
        if self.staging:
            shutil.rmtree(self.staging, ignore_errors=True)
            os.makedirs(self.staging, exist_ok=True)
        self._next()

    def cancel(self) -> None:
        self.cancelled = True
        if self.task is not None:
            self.task.cancel()
        elif not self._done:
            self._finish(False, tr("Cancelled: nothing was written."))

    def _next(self) -> None:
        if self.cancelled:
            self._finish(False, tr("Cancelled: nothing was written."))
            return
        self._index += 1
        if self._index >= len(self.steps):
            self._commit()
            return
        step = self.steps[self._index]
        alg = QgsApplication.processingRegistry().createAlgorithmById(step.algorithm_id)
        if alg is None:
            self._finish(
                False,
                tr(
                    "The algorithm {} is not available. Check that the plugin is enabled and up to date."
                ).format(step.algorithm_id),
            )
            return
        parameters = step.parameters(self.results) if callable(step.parameters) else dict(step.parameters)
        context = QgsProcessingContext()
        context.setProject(QgsProject.instance())
        feedback = RecordingFeedback()
        task = QgsProcessingAlgRunnerTask(alg, parameters, context, feedback)
        feedback.progressChanged.connect(self._on_progress)
        task.executed.connect(self._on_executed)
        self._keep = [alg, context, feedback, task]
        self.task = task
        self.stepStarted.emit(self._index, step.label)
        QgsApplication.taskManager().addTask(task)

    def _on_progress(self, value: float) -> None:
        if self._done or self._index < 0:
            return
        total = max(1, len(self.steps))
        self.progressChanged.emit(100.0 * (self._index + max(0.0, min(value, 100.0)) / 100.0) / total)

    def _on_executed(self, ok: bool, results: dict) -> None:
        feedback = self._keep[2] if len(self._keep) > 2 else None
        self.task = None
        if feedback is not None:
            self.log.extend(feedback.log)
        if self.cancelled:
            self._finish(False, tr("Cancelled: nothing was written."))
            return
        if not ok:
            errors = [e for e in (feedback.errors if feedback else []) if e.strip()]
            message = (
                errors[-1]
                if errors
                else tr("The step “{}” failed; see the Processing log.").format(self.steps[self._index].label)
            )
            self._finish(False, message)
            return
        self.results[self.steps[self._index].algorithm_id] = dict(results)
        self._next()

    def _commit(self) -> None:
        """Give the staging folder its final name (a previous result with that name is replaced)."""
        if self.staging and self.final:
            old = None
            try:
                if os.path.exists(self.final):
                    old = f"{self.final}.old-{uuid.uuid4().hex[:8]}"
                    os.replace(self.final, old)
                os.replace(self.staging, self.final)
            except OSError as exc:
                if old and not os.path.exists(self.final):
                    os.replace(old, self.final)
                self._finish(
                    False,
                    tr(
                        "The results could not be moved to {}: {}. Close files open from that folder and run again."
                    ).format(self.final, exc),
                )
                return
            if old:
                shutil.rmtree(old, ignore_errors=True)
            self.results = _rebase(self.results, self.staging, self.final)
        self._finish(True, "")

    def _finish(self, ok: bool, message: str) -> None:
        if self._done:
            return
        self._done = True
        if not ok and self.staging:
            shutil.rmtree(self.staging, ignore_errors=True)
        if ok:
            self.progressChanged.emit(100.0)
        self.finished.emit(ok, message, self.results)


def _rebase(value, old: str, new: str):
    """Output paths point into the staging folder while running; after the rename, into the final one."""
    if isinstance(value, dict):
        return {k: _rebase(v, old, new) for k, v in value.items()}
    if isinstance(value, str) and value.startswith(old):
        return new + value[len(old) :]
    return value
