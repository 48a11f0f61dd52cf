"""The pre-exam checks screen: what was found, prohibited apps to close, a proctor's override.

It shows the findings `environment_decision` made from the configuration; it decides nothing
itself except checking the typed quit password (a human decides).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lockdown.guard.environment import Finding
from lockdown.guard.processes import RunningApp
from lockdown.i18n import Language
from lockdown.quitting import password_matches
from lockdown.words import say


def _plain(text: str) -> str:
    return text.replace("&", "")


class ChecksDialog(QDialog):
    """Accepted when the exam may start; `blocked` tells a refusal from a plain "leave"."""

    def __init__(self, lang: Language, findings: Sequence[Finding], screens_text: str | None,
                 running: Sequence[RunningApp], close: Callable[[Sequence[RunningApp]], list[RunningApp]],
                 hashed_password: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lockdown-checks")
        self.setWindowTitle(f"lockdown - {say(lang, 'checks.title')}")
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
        self._lang = lang
        self._close = close
        self._running = list(running)
        self._hashed = hashed_password
        hard = [f for f in findings if f.blocks and not f.overridable] + ([None] if screens_text else [])
        soft = [f for f in findings if f.blocks and f.overridable]
        self.blocked = bool(hard)
        layout = QVBoxLayout(self)

        def paragraph(text: str) -> None:
            label = QLabel(text)
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
            layout.addWidget(label)

        if hard or soft:
            paragraph(say(lang, "checks.blocked"))
        for f in findings:
            if f.blocks:
                paragraph("• " + f.message.text(lang))
        if screens_text:
            paragraph("• " + screens_text)
        notes = [f for f in findings if not f.blocks]
        if notes:
            paragraph(say(lang, "checks.warning"))
            for f in notes:
                paragraph("• " + f.message.text(lang))

        self.apps = QListWidget()
        self.apps.setAccessibleName(_plain(say(lang, "checks.close_apps")))
        self.close_button = QPushButton(say(lang, "checks.close_apps"))
        self.close_button.setAccessibleName(_plain(say(lang, "checks.close_apps")))
        self.close_button.clicked.connect(self._close_apps)
        if self._running:
            paragraph(say(lang, "checks.apps"))
            layout.addWidget(self.apps)
            layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignLeft)
            self._fill_apps()

        self.password: QLineEdit | None = None
        self.error = QLabel()
        self.error.setAccessibleDescription(say(lang, "message.a11y"))  # the name is the text
        if soft and not hard and hashed_password:
            paragraph(say(lang, "checks.override"))
            self.password = QLineEdit()
            self.password.setEchoMode(QLineEdit.EchoMode.Password)
            self.password.setAccessibleName(say(lang, "checks.password.a11y"))
            layout.addWidget(self.password)
        elif soft and not hashed_password:
            self.blocked = True
        layout.addWidget(self.error)

        buttons = QDialogButtonBox()
        role = QDialogButtonBox.ButtonRole
        self.start_button = buttons.addButton(say(lang, "checks.start"), role.AcceptRole)
        self.leave_button = buttons.addButton(say(lang, "checks.leave"), role.RejectRole)
        self.start_button.setAccessibleName(_plain(say(lang, "checks.start")))
        self.leave_button.setAccessibleName(_plain(say(lang, "checks.leave")))
        buttons.accepted.connect(self._start)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._update()

    def _fill_apps(self) -> None:
        self.apps.clear()
        for app in self._running:
            self.apps.addItem(f"{app.name} ({app.pid})")

    def _close_apps(self) -> None:
        self._running = self._close(self._running)
        self._fill_apps()
        self._update()

    def _update(self) -> None:
        can_start = not self.blocked and not self._running
        self.start_button.setEnabled(can_start)
        self.close_button.setEnabled(bool(self._running))
        (self.start_button if can_start else self.leave_button).setDefault(True)

    def _start(self) -> None:
        if self.password is not None and (self._hashed is None
                                          or not password_matches(self.password.text(), self._hashed)):
            self.password.clear()
            self.error.setText(say(self._lang, "quit.wrong"))
            return
        self.accept()
