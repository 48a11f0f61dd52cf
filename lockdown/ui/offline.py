"""lockdown's own "connection lost" page: shown instead of Chromium's, retries with backoff."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from lockdown.i18n import Language
from lockdown.retry import Backoff
from lockdown.words import say


class OfflinePage(QWidget):
    """Says the work is kept, counts down to the next try, and lets the student retry at once."""

    retry = Signal()

    def __init__(self, lang: Language, backoff: Backoff | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lang = lang
        self._backoff = backoff or Backoff()
        self._remaining = 0
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._count_down)

        title = QLabel(say(lang, "offline.title"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        body = QLabel(say(lang, "offline.body"))
        body.setWordWrap(True)
        self.countdown = QLabel()
        self.countdown.setAccessibleDescription(say(lang, "offline.title"))
        self.button = QPushButton(say(lang, "offline.retry"))
        self.button.setAccessibleName(say(lang, "offline.retry").replace("&", ""))
        self.button.clicked.connect(self._retry_now)
        for label in (title, body, self.countdown):
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)

        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for w in (title, body, self.countdown):
            layout.addWidget(w)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        layout.setContentsMargins(48, 24, 48, 24)
        self.setAccessibleName(say(lang, "offline.title"))

    def failed(self) -> None:
        """A try failed: wait for the next delay, then ask for a retry."""
        self._remaining = max(1, round(self._backoff.next_delay()))
        self._show_remaining()
        self._tick.start()

    def succeeded(self) -> None:
        """The page loaded: stop counting and start from short delays next time."""
        self._tick.stop()
        self._backoff.reset()

    def _count_down(self) -> None:
        self._remaining -= 1
        if self._remaining <= 0:
            self._tick.stop()
            self.retry.emit()
        else:
            self._show_remaining()

    def _retry_now(self) -> None:
        self._tick.stop()
        self.retry.emit()

    def _show_remaining(self) -> None:
        self.countdown.setText(say(self._lang, "offline.retrying", seconds=self._remaining))
