"""The notice shown before anything is locked: what lockdown does, watches and sends.

The content is the privacy manifest itself (`lockdown.privacy.render_markdown`), so the notice can
never say less than what is sent. Continue is the default button (Enter accepts); Cancel or Escape
leaves with nothing changed. Every control has an accessible name; Tab moves between them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout, QWidget

from lockdown.i18n import Language
from lockdown.privacy import render_markdown
from lockdown.words import say


def _plain(text: str) -> str:
    return text.replace("&", "")


class NoticeDialog(QDialog):
    """Accepted (Continue) or rejected (Cancel, Escape); nothing is changed before it is accepted."""

    def __init__(self, lang: Language, exam_url: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lockdown-notice")
        self.setWindowTitle(f"lockdown - {say(lang, 'notice.title')}")
        self.setAccessibleName(say(lang, "notice.title"))
        heading = QLabel(say(lang, "notice.title"))
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        heading.setFont(font)
        intro = QLabel(say(lang, "notice.intro"))
        intro.setWordWrap(True)
        exam = QLabel(say(lang, "notice.exam", url=exam_url))
        exam.setTextFormat(Qt.TextFormat.PlainText)
        exam.setWordWrap(True)
        self.body = QTextBrowser()
        self.body.setObjectName("lockdown-notice-body")
        self.body.setMarkdown(render_markdown(lang))
        self.body.setOpenLinks(False)
        self.body.setTabChangesFocus(True)
        self.body.setAccessibleName(say(lang, "notice.body.a11y"))
        self.body.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        buttons = QDialogButtonBox()
        self.continue_button = buttons.addButton(say(lang, "notice.continue"),
                                                 QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = buttons.addButton(say(lang, "notice.cancel"),
                                               QDialogButtonBox.ButtonRole.RejectRole)
        self.continue_button.setAccessibleName(say(lang, "notice.continue.a11y"))
        self.cancel_button.setAccessibleName(say(lang, "notice.cancel.a11y"))
        self.continue_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        for w in (heading, intro, exam):
            layout.addWidget(w)
        layout.addWidget(self.body, 1)
        layout.addWidget(buttons)
        for w in (heading, intro, exam):
            w.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
            w.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
        screen = QGuiApplication.primaryScreen().availableGeometry()
        self.resize(min(900, screen.width() - 40), min(720, screen.height() - 40))
        self.continue_button.setFocus()

    def ask(self) -> bool:
        """Show the notice modally, centred on the primary screen; True if the student continues."""
        frame = self.frameGeometry()
        frame.moveCenter(QGuiApplication.primaryScreen().availableGeometry().center())
        self.move(frame.topLeft())
        return self.exec() == QDialog.DialogCode.Accepted
