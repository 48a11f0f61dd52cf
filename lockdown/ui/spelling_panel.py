"""Spelling suggestions for a misspelled word the student right-clicks (or opens the menu key on).

The kiosk shows no context menu: Chromium's would offer "Inspect", "Save as", "Open in a new
window". When spell checking is on, the engine still says which word is under the pointer and
what its dictionary suggests; this panel shows those suggestions, and only those, as buttons over
the page next to the word. Choosing one replaces the word; Escape, or the focus going anywhere
else, closes it. A child of the kiosk rather than a menu: a pop-up window would take the
keyboard grab away from the kiosk when it closes.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QToolButton, QVBoxLayout, QWidget

from lockdown.i18n import Language
from lockdown.words import say

MAX_SUGGESTIONS = 6


class SpellingPanel(QFrame):
    """The suggestions for one word; `chosen` carries the one the student picked."""

    chosen = Signal(str)
    closed = Signal()

    def __init__(self, lang: Language, parent: QWidget) -> None:
        super().__init__(parent)
        self._lang = lang
        self.setObjectName("lockdown-spelling-panel")
        self.setAccessibleName(say(lang, "spelling.a11y"))
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self._layout = QVBoxLayout(self)
        self.buttons: list[QToolButton] = []
        self.hide()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    def offer(self, word: str, suggestions: list[str], at: QPoint) -> None:
        """Show the suggestions for `word` a line below `at`, where the student asked (in the
        parent's coordinates, kept inside it), the first one focused."""
        while self._layout.count():
            item = self._layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.buttons = []
        if not suggestions:
            none = QLabel(say(self._lang, "spelling.none", word=word), self)
            none.setTextFormat(Qt.TextFormat.PlainText)  # the page's text is never read as HTML
            none.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # so a reader reaches it, and Escape works
            self._layout.addWidget(none)
        for suggestion in suggestions[:MAX_SUGGESTIONS]:
            button = QToolButton(self)
            button.setText(suggestion.replace("&", "&&"))  # no accelerator from the dictionary's words
            button.setAccessibleName(say(self._lang, "spelling.replace", word=word, suggestion=suggestion))
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.clicked.connect(lambda _=False, s=suggestion: self._choose(s))
            self._layout.addWidget(button)
            self.buttons.append(button)
        self.adjustSize()
        at = at + QPoint(0, self.fontMetrics().height())  # the word stays in sight
        parent = self.parentWidget()
        if parent is not None:
            at = QPoint(max(0, min(at.x(), parent.width() - self.width())),
                        max(0, min(at.y(), parent.height() - self.height())))
        self.move(at)
        self.show()
        self.raise_()
        first = self.findChild(QWidget)
        if first is not None:
            first.setFocus(Qt.FocusReason.PopupFocusReason)

    def _choose(self, suggestion: str) -> None:
        self.dismiss()
        self.chosen.emit(suggestion)

    def dismiss(self) -> None:
        """Close the panel; the kiosk gives the focus back to the page."""
        if self.isVisible():
            self.hide()
            self.closed.emit()

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if self.isVisible() and (new is None or not self.isAncestorOf(new)) and new is not self:
            self.hide()  # the student went on elsewhere: the focus stays where it went

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.dismiss()
            return
        super().keyPressEvent(event)
