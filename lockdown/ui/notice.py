"""The notice shown before anything is locked: what lockdown does, watches and sends.

The content is the privacy manifest itself (`lockdown.privacy.render_markdown`), so the notice can
never say less than what is sent. Continue is the default button (Enter accepts); Cancel or Escape
leaves with nothing changed. Every control has an accessible name; Tab moves between them.

The self-check of the build runs while the notice is read. A student who continues before it has
finished sees how far it is, and the exam goes on by itself once it is done; a check faster than
the student is never shown.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout, QWidget

from lockdown.i18n import Language
from lockdown.integrity.pending import PendingCheck
from lockdown.privacy import render_markdown
from lockdown.words import say

log = logging.getLogger(__name__)


def _plain(text: str) -> str:
    return text.replace("&", "")


class NoticeDialog(QDialog):
    """Accepted (Continue) or rejected (Cancel, Escape); nothing is changed before it is accepted."""

    def __init__(self, lang: Language, exam_url: str, check: PendingCheck | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lang = lang
        self._check = check
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

        self.checking = QLabel()
        self.checking.setObjectName("lockdown-notice-checking")
        self.checking.setTextFormat(Qt.TextFormat.PlainText)
        self.checking.setAccessibleName(say(lang, "notice.checking.a11y"))
        self.checking.hide()
        self._poll = QTimer(self)
        self._poll.setInterval(15)  # the exam goes on within a frame of the verdict
        self._poll.timeout.connect(self._show_check)

        layout = QVBoxLayout(self)
        for w in (heading, intro, exam):
            layout.addWidget(w)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.checking)
        layout.addWidget(buttons)
        for w in (heading, intro, exam):
            w.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
            w.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
        screen = QGuiApplication.primaryScreen().availableGeometry()
        self.resize(min(900, screen.width() - 40), min(720, screen.height() - 40))
        self.continue_button.setFocus()

    def accept(self) -> None:
        """Continue: at once when the self-check is done, else as soon as it is, showing how far it is."""
        if self._check is None or self._check.done():
            self._poll.stop()
            super().accept()
            return
        # The button stays enabled while the check runs: disabled, it would hand the keyboard
        # focus, and so the next Enter, to Cancel. Pressed again meanwhile, it does nothing.
        if self._poll.isActive():
            return
        log.debug("continued before the self-check finished: showing its progress")
        self.checking.show()
        self._show_check()
        self._poll.start()

    def _show_check(self) -> None:
        if self._check is None or self._check.done():
            self.accept()
            return
        done, total = self._check.progress()
        self.checking.setText(say(self._lang, "notice.checking", percent=100 * done // total if total else 0))

    def ask(self) -> bool:
        """Show the notice modally, centred on the primary screen; True if the student continues."""
        frame = self.frameGeometry()
        frame.moveCenter(QGuiApplication.primaryScreen().availableGeometry().center())
        self.move(frame.topLeft())
        return self.exec() == QDialog.DialogCode.Accepted
