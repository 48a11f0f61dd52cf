"""A yes/no question of the kiosk (reload the page? leave on the quit page?), keyboard-only.

Enter answers the safe way (stay, do not reload); the buttons are named for screen readers and
the question is the dialog's description, read when it opens.
"""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from lockdown.i18n import Language
from lockdown.ui.text import tr


class ConfirmDialog(QDialog):
    """Accepted by the OK button only; `prefix` names the texts: `<prefix>.title`, `.question`,
    `.ok`, `.cancel`."""

    def __init__(self, lang: Language, prefix: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"lockdown-{prefix}-dialog")
        self.setWindowTitle(tr(lang, f"{prefix}.title"))
        self.setModal(True)
        question = tr(lang, f"{prefix}.question")
        self.setAccessibleDescription(question)
        layout = QVBoxLayout(self)
        self.question = QLabel(question)
        self.question.setWordWrap(True)
        layout.addWidget(self.question)
        buttons = QDialogButtonBox()
        self.ok = buttons.addButton(tr(lang, f"{prefix}.ok"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel = buttons.addButton(tr(lang, f"{prefix}.cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.ok.setAccessibleName(tr(lang, f"{prefix}.ok").replace("&", ""))
        self.cancel.setAccessibleName(tr(lang, f"{prefix}.cancel").replace("&", ""))
        self.ok.setAutoDefault(False)  # a focused OK must not become what Enter presses
        self.cancel.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.cancel.setFocus()  # Enter and Space both answer the safe way
