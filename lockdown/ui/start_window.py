"""The start window: what lockdown is, and the way into an exam, when it is opened without one.

A student who starts lockdown from the applications menu (no file, no link) gets this window
instead of a usage error: open the exam file or paste the link the institution gave, check the
computer before exam day, or read how to remove lockdown afterwards. Keyboard-only: every control
has a mnemonic and an accessible name, Enter opens the pasted link, Escape leaves.

On macOS a clicked `seb://` link or a double-clicked `.seb` file does not come on the command
line: Launch Services starts lockdown without one, then hands it the link or file as an Apple
event, which Qt delivers as a `QFileOpenEvent`. The window takes it as if it had been pasted or
chosen.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFileOpenEvent, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lockdown.i18n import Language
from lockdown.urls.seblinks import exam_link_problem
from lockdown.words import say

CheckRunner = Callable[[], str]
"""Runs the compatibility checks and returns their results as text (called in a thread)."""


class _Results(QObject):
    """Carries the checks' text from their thread into Qt's."""

    ready = Signal(str)


class _OpenedBySystem(QObject):
    """The link or file the system hands the running program (macOS Apple events)."""

    def __init__(self, take: Callable[[str], None], parent: QObject) -> None:
        super().__init__(parent)
        self._take = take

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.FileOpen or not isinstance(event, QFileOpenEvent):
            return False
        url = event.url()
        source = event.file() if url.isLocalFile() else url.toString()
        if source:
            self._take(source)
        return True


class StartWindow(QDialog):
    """Accepted with `source` (a file path or a link); rejected when the student leaves."""

    def __init__(self, lang: Language, run_checks: CheckRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lang = lang
        self._run_checks = run_checks
        self.source = ""
        self.setObjectName("lockdown-start")
        self.setWindowTitle(f"lockdown - {say(lang, 'start.title')}")
        self.setAccessibleName(say(lang, "start.title"))

        heading = QLabel(say(lang, "start.title"))
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        heading.setFont(font)
        intro = QLabel(say(lang, "start.intro"))
        intro.setWordWrap(True)

        self.open_file = QPushButton(say(lang, "start.open_file"))
        self.open_file.setAccessibleName(say(lang, "start.open_file.a11y"))
        self.open_file.clicked.connect(self._choose_file)
        link_label = QLabel(say(lang, "start.link"))
        self.link = QLineEdit()
        self.link.setAccessibleName(say(lang, "start.link.a11y"))
        self.link.setPlaceholderText("sebs://…")
        link_label.setBuddy(self.link)
        self.open_link = QPushButton(say(lang, "start.open_link"))
        self.open_link.setAccessibleName(say(lang, "start.open_link.a11y"))
        self.open_link.clicked.connect(self._take_link)
        self.link.returnPressed.connect(self._take_link)
        self.problem = QLabel("")
        self.problem.setWordWrap(True)
        self.problem.setAccessibleDescription(say(lang, "message.a11y"))

        self.check = QPushButton(say(lang, "start.check"))
        self.check.setAccessibleName(say(lang, "start.check.a11y"))
        self.check.clicked.connect(self._start_checks)
        self.results = QPlainTextEdit()
        self.results.setReadOnly(True)
        self.results.setAccessibleName(say(lang, "start.results.a11y"))
        self.results.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.results.setTabChangesFocus(True)
        self.results.hide()
        self._results = _Results(self)
        self._results.ready.connect(self._show_results)

        uninstall = QLabel(say(lang, "start.uninstall"))
        uninstall.setWordWrap(True)
        self.leave = QPushButton(say(lang, "start.leave"))
        self.leave.setAccessibleName(say(lang, "start.leave.a11y"))
        self.leave.clicked.connect(self.reject)
        for label in (heading, intro, uninstall):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
            label.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        link_row = QHBoxLayout()
        link_row.addWidget(self.link, 1)
        link_row.addWidget(self.open_link)
        bottom = QHBoxLayout()
        bottom.addWidget(self.check)
        bottom.addStretch(1)
        bottom.addWidget(self.leave)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addWidget(self.open_file)
        layout.addWidget(link_label)
        layout.addLayout(link_row)
        layout.addWidget(self.problem)
        layout.addWidget(self.results, 1)
        layout.addWidget(uninstall)
        layout.addLayout(bottom)
        for button in (self.open_file, self.open_link, self.check, self.leave):
            button.setAutoDefault(False)
        screen = QGuiApplication.primaryScreen().availableGeometry()
        self.resize(min(760, screen.width() - 40), min(560, screen.height() - 40))
        self.open_file.setFocus()

    def _choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, say(self._lang, "start.open_file.a11y"), "",
                                                    say(self._lang, "start.file_filter"))
        if path:
            self.source = path
            self.accept()

    def _take_opened(self, source: str) -> None:
        if "://" in source:  # a link: judged as a pasted one
            self.link.setText(source)
            self._take_link()
            return
        self.source = source
        self.accept()

    def _take_link(self) -> None:
        link = self.link.text().strip()
        problem = exam_link_problem(link)
        if problem is not None:
            self.problem.setText(say(self._lang, problem))
            self.link.setFocus()
            return
        self.source = link
        self.accept()

    def _start_checks(self) -> None:
        self.check.setEnabled(False)
        self.results.show()
        self.results.setPlainText(say(self._lang, "start.checking"))
        threading.Thread(target=lambda: self._results.ready.emit(self._run_checks()),
                         name="lockdown-start-checks", daemon=True).start()

    def _show_results(self, text: str) -> None:
        self.results.setPlainText(text)
        self.check.setEnabled(True)
        self.results.setFocus()

    def ask(self) -> str | None:
        """Show the window; the chosen file or link, or None when the student leaves."""
        frame = self.frameGeometry()
        frame.moveCenter(QGuiApplication.primaryScreen().availableGeometry().center())
        self.move(frame.topLeft())
        app = QGuiApplication.instance()
        opened = _OpenedBySystem(self._take_opened, self)
        if app is not None:
            app.installEventFilter(opened)
        try:
            return self.source if self.exec() == QDialog.DialogCode.Accepted else None
        finally:
            if app is not None:
                app.removeEventFilter(opened)
