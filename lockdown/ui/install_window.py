"""The installer's and uninstaller's small windows: what happens where, a progress bar, a clear end.

They show, they do not decide: the work is done by `lockdown.install` in a worker thread, and its
progress and result come back as signals, said here in the student's language (`lockdown.words`).
"""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Callable

from PySide6.QtCore import QThread, Signal, SignalInstance
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lockdown import __version__
from lockdown.errors import LockdownError
from lockdown.i18n import Language
from lockdown.install.installer import Installer, InstallReport, Plan
from lockdown.install.uninstaller import NO_TRACE, Uninstaller, UninstallReport
from lockdown.words import Phrase, say

_SCALE = 1000
"""The bar counts thousandths: byte counts of a large bundle overflow Qt's 32-bit ints."""


def _app() -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    return QApplication(sys.argv[:1])


def _emit(signal: SignalInstance, *args: object) -> None:
    """`signal.emit(*args)`, giving back the reference PySide6 6.12.0 takes from True at each emit.

    requirements/ pins 6.11.3 and pyproject.toml excludes 6.12.0; this keeps the install window
    safe with a later 6.12 that still has the fault.

    Its abi3 build returns None, True and False without a reference of their own, which only
    CPython 3.12 and later (where they are immortal) can afford: on 3.11 every emit lowers True's
    count by one (every void call, such as setText, None's), and a few thousand abort the process
    ("deallocating True or False"). A reference too many costs nothing: True is never freed.
    """
    said = signal.emit(*args)  # type: ignore[func-returns-value]  # the stubs say None; it is True
    ctypes.pythonapi.Py_IncRef(ctypes.py_object(said))


Job = Callable[[Callable[[int, int, Phrase], None]], object]
Conclusion = Callable[[object], tuple[str, int]]
"""Turns a job's result into the closing sentence and the program's exit code."""


class _Worker(QThread):
    """Runs one job off the GUI thread; reports progress, then a result or an error's text."""

    progressed = Signal(int, str)
    succeeded = Signal(object)
    failed = Signal(str)

    def __init__(self, job: Job, lang: Language) -> None:
        super().__init__()
        self._job = job
        self._lang = lang

    def _progress(self, done: int, total: int, what: Phrase) -> None:
        _emit(self.progressed, done * _SCALE // total if total else _SCALE, what.text(self._lang))

    def run(self) -> None:
        try:
            _emit(self.succeeded, self._job(self._progress))
        except LockdownError as exc:
            _emit(self.failed, exc.phrase.text(self._lang))
        except OSError as exc:
            _emit(self.failed, f"{exc.filename or ''} {exc.strerror or exc}".strip())


class TaskWindow(QDialog):
    """Explanation, a progress bar, one action button and Close; the end is stated in words."""

    def __init__(self, lang: Language, title: str, intro: str, action: str, job: Job,
                 conclude: Conclusion, failure: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.exit_code = 1
        self._conclude = conclude
        self._failure = failure
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        self.intro = QLabel(intro)
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.bar = QProgressBar()
        self.bar.setRange(0, _SCALE)
        self.bar.setAccessibleName(say(lang, "task.progress.a11y"))
        layout.addWidget(self.bar)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.buttons = QDialogButtonBox()
        self.action: QPushButton = self.buttons.addButton(action, QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button: QPushButton = self.buttons.addButton(say(lang, "task.cancel"),
                                                                QDialogButtonBox.ButtonRole.RejectRole)
        self.action.clicked.connect(self.start)
        self.close_button.clicked.connect(self.reject)
        layout.addWidget(self.buttons)
        self.worker = _Worker(job, lang)
        self.worker.progressed.connect(self._on_progress)
        self.worker.succeeded.connect(self._on_success)
        self.worker.failed.connect(self._on_failure)
        self.action.setFocus()

    def start(self) -> None:
        self.action.setEnabled(False)
        self.close_button.setEnabled(False)
        self.worker.start()

    def _on_progress(self, value: int, what: str) -> None:
        self.bar.setValue(value)
        self.status.setText(what)

    def _finish(self, text: str, exit_code: int) -> None:
        """State the end in words; only Close remains."""
        self.worker.wait()
        self.exit_code = exit_code
        self.status.setText(text)
        self.action.hide()
        self.close_button.setText(say(self.lang, "task.close"))
        self.close_button.setEnabled(True)
        self.close_button.clicked.disconnect()
        self.close_button.clicked.connect(self.accept)
        self.close_button.setFocus()
        self.adjustSize()

    def _on_success(self, result: object) -> None:
        self.bar.setValue(_SCALE)
        self._finish(*self._conclude(result))

    def _on_failure(self, message: str) -> None:
        """`failure`, the key of a sentence with an {error}, frames the error's text (None: bare)."""
        self._finish(say(self.lang, self._failure, error=message) if self._failure else message, 1)


def install_window(lang: Language, installer: Installer, plan: Plan) -> TaskWindow:
    """What will be installed where, then the install with its progress."""
    intro = say(lang, "install.what", version=__version__, folder=plan.install_dir,
                shortcuts=", ".join(p.name for p in plan.shortcuts) or "-",
                size=max(1, plan.total_bytes // 1_000_000))
    intro += "\n" + say(lang, "install.handlers")
    if plan.upgrade:
        intro += "\n" + say(lang, "install.upgrade")
    intro += "\n\n" + say(lang, "install.rights")

    def conclude(report: object) -> tuple[str, int]:
        assert isinstance(report, InstallReport)
        done = say(lang, "install.done")
        if not report.notes:
            return done, 0
        notes = [say(lang, "install.notes"), *(f"\u2022 {note.text(lang)}" for note in report.notes)]
        return done + "\n\n" + "\n".join(notes), 0

    return TaskWindow(lang, say(lang, "install.title"), intro, say(lang, "install.go"),
                      lambda progress: installer.install(plan, progress), conclude,
                      "install.window_failed")


def uninstall_window(lang: Language, uninstaller: Uninstaller) -> TaskWindow:
    """What will be removed, then the removal and the final check."""
    plan = uninstaller.dry_run()
    lines = [f"\u2022 {item.label().text(lang)}" for item in plan.items if item.kind != "parent_dir"]
    intro = "\n".join([say(lang, "uninstall.what"), *lines]) if lines else say(lang, "uninstall.nothing")

    def conclude(report: object) -> tuple[str, int]:
        assert isinstance(report, UninstallReport)
        if report.clean:  # what was left as the student had changed it is still said (the notes)
            return "\n".join([say(lang, "uninstall.clean"),
                              *(line.text(lang) for line in report.lines() if line != NO_TRACE)]), 0
        return "\n".join([say(lang, "uninstall.left"), *(line.text(lang) for line in report.lines())]), 1

    return TaskWindow(lang, say(lang, "uninstall.title"), intro, say(lang, "uninstall.go"),
                      uninstaller.run, conclude, None)


def _show(window: TaskWindow) -> int:
    app = _app()
    window.show()
    app.exec()
    window.worker.wait()
    return window.exit_code


def run_install(lang: Language, installer: Installer, plan: Plan) -> int:
    """Show the installer window until it is closed; 0 when the install completed."""
    _app()
    return _show(install_window(lang, installer, plan))


def run_uninstall(lang: Language, uninstaller: Uninstaller) -> int:
    """Show the uninstaller window until it is closed; 0 when no trace is left."""
    _app()
    return _show(uninstall_window(lang, uninstaller))


def show_error(lang: Language, message: Phrase) -> None:
    """A started-by-double-click program has no terminal: say why it stops in a window."""
    _app()
    QMessageBox.critical(None, say(lang, "task.error.title"), message.text(lang))


__all__ = ["TaskWindow", "install_window", "run_install", "run_uninstall", "show_error", "uninstall_window"]
