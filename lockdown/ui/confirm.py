"""A yes/no question of the kiosk (reload the page? leave on the quit page?), keyboard-only.

Enter answers the safe way (stay, do not reload); the buttons are named for screen readers and
the question is the dialog's description, read when it opens.
"""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from lockdown.i18n import Language
from lockdown.words import say

TEXTS = {"reload": ("reload.title", "reload.question", "reload.ok", "reload.cancel"),
         "quiturl": ("quiturl.title", "quiturl.question", "quiturl.ok", "quiturl.cancel")}
"""Each question's title, question, OK and Cancel texts."""


class ConfirmDialog(QDialog):
    """Accepted by the OK button only; `prefix` names the question (its texts: `TEXTS`)."""

    def __init__(self, lang: Language, prefix: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title, question_key, ok, cancel = TEXTS[prefix]
        self.setObjectName(f"lockdown-{prefix}-dialog")
        self.setWindowTitle(say(lang, title))
        self.setModal(True)
        question = say(lang, question_key)
        self.setAccessibleDescription(question)
        layout = QVBoxLayout(self)
        self.question = QLabel(question)
        self.question.setWordWrap(True)
        layout.addWidget(self.question)
        buttons = QDialogButtonBox()
        self.ok = buttons.addButton(say(lang, ok), QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel = buttons.addButton(say(lang, cancel), QDialogButtonBox.ButtonRole.RejectRole)
        self.ok.setAccessibleName(say(lang, ok).replace("&", ""))
        self.cancel.setAccessibleName(say(lang, cancel).replace("&", ""))
        self.ok.setAutoDefault(False)  # a focused OK must not become what Enter presses
        self.cancel.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.cancel.setFocus()  # Enter and Space both answer the safe way
