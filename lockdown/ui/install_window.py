"""The installer's and uninstaller's small windows: what happens where, a progress bar, a clear end.

They show, they do not decide: the work is done by `lockdown.install` in a worker thread, and its
progress and result come back as signals. Text in English and French.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping

from PySide6.QtCore import QThread, Signal
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
from lockdown.install.uninstaller import Uninstaller, UninstallReport

_TEXT: Mapping[str, Mapping[Language, str]] = {
    "install.title": {"en": "Install Lockdown", "fr": "Installer Lockdown"},
    "install.what": {
        "en": "Lockdown {version} will be installed for you only, in:\n{folder}\n\n"
              "Menu entries: {shortcuts}\nSpace needed: {size} MB",
        "fr": "Lockdown {version} sera installé pour vous seul, dans :\n{folder}\n\n"
              "Entrées de menu : {shortcuts}\nEspace nécessaire : {size} Mo"},
    "install.handlers": {
        "en": "It will open seb:// and sebs:// exam links and .seb files; uninstalling it gives back "
              "whatever opened them before.",
        "fr": "Il ouvrira les liens d'examen seb:// et sebs:// et les fichiers .seb ; sa désinstallation "
              "rend ce qui les ouvrait auparavant."},
    "install.notes": {"en": "Please note:", "fr": "À noter :"},
    "install.upgrade": {"en": "An existing copy will be repaired or upgraded.",
                        "fr": "La copie existante sera réparée ou mise à jour."},
    "install.rights": {"en": "No administrator rights needed.",
                       "fr": "Aucun droit d'administrateur nécessaire."},
    "install.go": {"en": "&Install", "fr": "&Installer"},
    "install.done": {
        "en": "Lockdown is installed. On exam day, open \u201cLockdown exam\u201d from your "
              "applications menu. To remove it, use \u201cUninstall Lockdown\u201d.",
        "fr": "Lockdown est installé. Le jour de l'examen, ouvrez \u00ab Lockdown exam \u00bb depuis "
              "le menu des applications. Pour le retirer, utilisez \u00ab Uninstall Lockdown \u00bb."},
    "install.failed": {"en": "The installation did not complete:\n{error}",
                       "fr": "L'installation n'a pas abouti :\n{error}"},
    "uninstall.title": {"en": "Uninstall Lockdown", "fr": "Désinstaller Lockdown"},
    "uninstall.what": {"en": "Lockdown and everything it wrote will be removed:",
                       "fr": "Lockdown et tout ce qu'il a écrit seront supprimés :"},
    "uninstall.nothing": {"en": "Nothing of Lockdown was found on this computer.",
                          "fr": "Rien de Lockdown n'a été trouvé sur cet ordinateur."},
    "uninstall.go": {"en": "&Remove", "fr": "&Supprimer"},
    "uninstall.clean": {"en": "Done: no trace of Lockdown is left on this computer.",
                        "fr": "Terminé : il ne reste aucune trace de Lockdown sur cet ordinateur."},
    "uninstall.left": {"en": "Done, but some things remain:",
                       "fr": "Terminé, mais certains éléments restent :"},
    "error.title": {"en": "Lockdown", "fr": "Lockdown"},
    "close": {"en": "&Close", "fr": "&Fermer"},
    "cancel": {"en": "&Cancel", "fr": "&Annuler"},
    "progress.a11y": {"en": "Progress", "fr": "Progression"},
}

_SCALE = 1000
"""The bar counts thousandths: byte counts of a large bundle overflow Qt's 32-bit ints."""


def tr(lang: Language, key: str, **values: object) -> str:
    return _TEXT[key][lang].format(**values)


def _app() -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    return QApplication(sys.argv[:1])


Job = Callable[[Callable[[int, int, str], None]], object]
Conclusion = Callable[[object], tuple[str, int]]
"""Turns a job's result into the closing sentence and the program's exit code."""


class _Worker(QThread):
    """Runs one job off the GUI thread; reports progress, then a result or an error's text."""

    progressed = Signal(int, str)
    succeeded = Signal(object)
    failed = Signal(str)

    def __init__(self, job: Job) -> None:
        super().__init__()
        self._job = job

    def _progress(self, done: int, total: int, what: str) -> None:
        self.progressed.emit(done * _SCALE // total if total else _SCALE, what)

    def run(self) -> None:
        try:
            self.succeeded.emit(self._job(self._progress))
        except LockdownError as exc:
            self.failed.emit(str(exc))
        except OSError as exc:
            self.failed.emit(f"{exc.filename or ''} {exc.strerror or exc}".strip())


class TaskWindow(QDialog):
    """Explanation, a progress bar, one action button and Close; the end is stated in words."""

    def __init__(self, lang: Language, title: str, intro: str, action: str, job: Job,
                 conclude: Conclusion, failure: str, parent: QWidget | None = None) -> None:
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
        self.bar.setAccessibleName(tr(lang, "progress.a11y"))
        layout.addWidget(self.bar)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.buttons = QDialogButtonBox()
        self.action: QPushButton = self.buttons.addButton(action, QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button: QPushButton = self.buttons.addButton(tr(lang, "cancel"),
                                                                QDialogButtonBox.ButtonRole.RejectRole)
        self.action.clicked.connect(self.start)
        self.close_button.clicked.connect(self.reject)
        layout.addWidget(self.buttons)
        self.worker = _Worker(job)
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
        self.close_button.setText(tr(self.lang, "close"))
        self.close_button.setEnabled(True)
        self.close_button.clicked.disconnect()
        self.close_button.clicked.connect(self.accept)
        self.close_button.setFocus()
        self.adjustSize()

    def _on_success(self, result: object) -> None:
        self.bar.setValue(_SCALE)
        self._finish(*self._conclude(result))

    def _on_failure(self, message: str) -> None:
        self._finish(self._failure.format(error=message), 1)


def install_window(lang: Language, installer: Installer, plan: Plan) -> TaskWindow:
    """What will be installed where, then the install with its progress."""
    intro = tr(lang, "install.what", version=__version__, folder=plan.install_dir,
               shortcuts=", ".join(p.name for p in plan.shortcuts) or "-",
               size=max(1, plan.total_bytes // 1_000_000))
    intro += "\n" + tr(lang, "install.handlers")
    if plan.upgrade:
        intro += "\n" + tr(lang, "install.upgrade")
    intro += "\n\n" + tr(lang, "install.rights")

    def conclude(report: object) -> tuple[str, int]:
        assert isinstance(report, InstallReport)
        notes = [tr(lang, "install.notes"), *(f"\u2022 {n}" for n in report.notes)] if report.notes else []
        return "\n\n".join([tr(lang, "install.done"), "\n".join(notes)]).strip(), 0

    return TaskWindow(lang, tr(lang, "install.title"), intro, tr(lang, "install.go"),
                      lambda progress: installer.install(plan, progress), conclude,
                      _TEXT["install.failed"][lang])


def uninstall_window(lang: Language, uninstaller: Uninstaller) -> TaskWindow:
    """What will be removed, then the removal and the final check."""
    plan = uninstaller.dry_run()
    lines = [f"\u2022 {item.label()}" for item in plan.items if item.kind != "parent_dir"]
    intro = "\n".join([tr(lang, "uninstall.what"), *lines]) if lines else tr(lang, "uninstall.nothing")

    def conclude(report: object) -> tuple[str, int]:
        assert isinstance(report, UninstallReport)
        if report.clean:
            return tr(lang, "uninstall.clean"), 0
        return "\n".join([tr(lang, "uninstall.left"), *report.lines()]), 1

    return TaskWindow(lang, tr(lang, "uninstall.title"), intro, tr(lang, "uninstall.go"),
                      uninstaller.run, conclude, "{error}")


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


def show_error(lang: Language, message: str) -> None:
    """A started-by-double-click program has no terminal: say why it stops in a window."""
    _app()
    QMessageBox.critical(None, tr(lang, "error.title"), message)


__all__ = ["TaskWindow", "install_window", "run_install", "run_uninstall", "show_error", "uninstall_window"]
