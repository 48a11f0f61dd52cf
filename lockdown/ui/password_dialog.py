"""The settings-password dialog of an encrypted `.seb` file, shown before anything is changed.

One dialog per try: lockdown.config.passwords counts the tries and checks the password, the dialog
only asks. Open is the default button (Enter submits); Leave or Escape closes it and the exam does
not start. Keyboard-only and screen-reader friendly: every control has an accessible name, and the
"wrong password" message is also the field's description, so it is read when the focus lands there.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from lockdown.config.passwords import PasswordRequest
from lockdown.i18n import Language
from lockdown.ui.qtapp import application
from lockdown.words import say


def _plain(text: str) -> str:
    return text.replace("&", "")


def wrong_password_text(lang: Language, request: PasswordRequest) -> str:
    """Empty on the first try; after a wrong one, how many tries are left."""
    if request.attempt == 0:
        return ""
    if request.tries_left <= 1:
        return say(lang, "password.wrong_last")
    return say(lang, "password.wrong", count=request.tries_left)


class PasswordDialog(QDialog):
    """Accepted with the typed password (Open, Enter) or rejected (Leave, Escape)."""

    def __init__(self, lang: Language, request: PasswordRequest, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lockdown-password")
        self.setWindowTitle(f"lockdown - {say(lang, 'password.title')}")
        self.setAccessibleName(say(lang, "password.title"))
        self.setModal(True)
        intro = QLabel(say(lang, "password.intro"))
        intro.setWordWrap(True)
        label = QLabel(say(lang, "password.label"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(_plain(say(lang, "password.label")).rstrip(" :"))
        label.setBuddy(self.password)
        self.error = QLabel(wrong_password_text(lang, request))
        self.error.setWordWrap(True)
        self.error.setAccessibleDescription(say(lang, "message.a11y"))  # the name is the text
        self.error.setVisible(bool(self.error.text()))
        self.password.setAccessibleDescription(self.error.text())
        buttons = QDialogButtonBox()
        self.open_button = buttons.addButton(say(lang, "password.open"),
                                             QDialogButtonBox.ButtonRole.AcceptRole)
        self.leave_button = buttons.addButton(say(lang, "password.leave"),
                                              QDialogButtonBox.ButtonRole.RejectRole)
        self.open_button.setAccessibleName(_plain(say(lang, "password.open")))
        self.leave_button.setAccessibleName(say(lang, "password.leave.a11y"))
        self.open_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        for w in (intro, label, self.password, self.error, buttons):
            layout.addWidget(w)
        for w in (intro, self.error):
            w.setTextFormat(Qt.TextFormat.PlainText)
        for w in (intro, label, self.error):
            w.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
        self.password.setFocus()

    def ask(self) -> str | None:
        """Show it modally, centred on the primary screen; the password, or None if the student leaves."""
        self.adjustSize()
        frame = self.frameGeometry()
        frame.moveCenter(QGuiApplication.primaryScreen().availableGeometry().center())
        self.move(frame.topLeft())
        accepted = self.exec() == QDialog.DialogCode.Accepted
        typed = self.password.text()
        self.password.clear()
        return typed if accepted else None


def ask_password(request: PasswordRequest, lang: Language) -> str | None:
    """One try: the password the student types, or None when they leave."""
    application()
    dialog = PasswordDialog(lang, request)
    try:
        return dialog.ask()
    finally:
        dialog.deleteLater()
