"""Spelling suggestions for a misspelled word the student right-clicks (or opens the menu key on).

The kiosk shows no context menu: Chromium's would offer "Inspect", "Save as", "Open in a new
window". When spell checking is on, the engine still says which word is under the pointer and
what its dictionary suggests; this panel shows those suggestions, and only those, as buttons over
the page next to the word. Choosing one replaces the word; Escape, or the focus going anywhere
else, closes it (an `OverlayPanel`, as the Wi-Fi list).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtWidgets import QApplication, QLabel, QToolButton, QWidget

from lockdown.i18n import Language
from lockdown.ui.overlay_panel import OverlayPanel
from lockdown.words import say

MAX_SUGGESTIONS = 6


class SpellingPanel(OverlayPanel):
    """The suggestions for one word; `chosen` carries the one the student picked."""

    chosen = Signal(str)

    def __init__(self, lang: Language, parent: QWidget) -> None:
        super().__init__("lockdown-spelling-panel", say(lang, "spelling.a11y"), parent)
        self._lang = lang
        self.buttons: list[QToolButton] = []
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    def offer(self, word: str, suggestions: list[str], at: QPoint) -> None:
        """Show the suggestions for `word` a line below `at`, where the student asked (in the
        parent's coordinates), the first one focused."""
        self.clear()
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
        self.present(at + QPoint(0, self.fontMetrics().height()))  # the word stays in sight

    def _choose(self, suggestion: str) -> None:
        self.dismiss()
        self.chosen.emit(suggestion)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if self.isVisible() and (new is None or not self.isAncestorOf(new)) and new is not self:
            self.hide()  # the student went on elsewhere: the focus stays where it went
