"""The Ctrl+Q dialog: the quit password (or a confirmation), keyboard-only and screen-reader friendly."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from lockdown.i18n import Language
from lockdown.quitting import password_matches
from lockdown.words import say


def _plain(text: str) -> str:
    return text.replace("&", "")


class QuitDialog(QDialog):
    """Accepted only with the right password (when `hashed` is set) or on confirmation."""

    def __init__(self, lang: Language, hashed: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lang = lang
        self._hashed = hashed
        self.setWindowTitle(say(lang, "quit.title"))
        self.setModal(True)
        layout = QVBoxLayout(self)
        self.password: QLineEdit | None = None
        self.error = QLabel()
        self.error.setAccessibleDescription(say(lang, "message.a11y"))  # the name is the text
        if hashed:
            label = QLabel(say(lang, "quit.password"))
            self.password = QLineEdit()
            self.password.setEchoMode(QLineEdit.EchoMode.Password)
            self.password.setAccessibleName(_plain(say(lang, "quit.password")).rstrip(" :"))
            label.setBuddy(self.password)
            layout.addWidget(label)
            layout.addWidget(self.password)
        else:
            layout.addWidget(QLabel(say(lang, "quit.confirm")))
        layout.addWidget(self.error)
        buttons = QDialogButtonBox()
        ok = buttons.addButton(say(lang, "quit.ok"), QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = buttons.addButton(say(lang, "quit.cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        ok.setAccessibleName(_plain(say(lang, "quit.ok")))
        cancel.setAccessibleName(_plain(say(lang, "quit.cancel")))
        # With a password, Enter submits it; without one, Enter goes back to the exam (safe default).
        (ok if hashed else cancel).setDefault(True)
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _check(self) -> None:
        if self._hashed and self.password is not None:
            if not password_matches(self.password.text(), self._hashed):
                self.password.clear()
                self.error.setText(say(self._lang, "quit.wrong"))
                self.password.setFocus()
                return
        self.accept()
