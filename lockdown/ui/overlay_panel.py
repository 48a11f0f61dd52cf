"""A small panel of buttons over the exam page: the Wi-Fi list, the spelling suggestions.

A child of the kiosk rather than a menu: a pop-up window would take the keyboard grab away from
the kiosk when it closes. Each panel fills itself, then `present()` shows it where asked, kept
inside the kiosk, with the first entry focused; Escape closes it (`closed`).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget


class OverlayPanel(QFrame):
    """The frame, its column of entries, and how it shows and closes."""

    closed = Signal()

    def __init__(self, name: str, spoken: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setAccessibleName(spoken)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self._layout = QVBoxLayout(self)
        self.hide()

    def clear(self) -> None:
        """Remove the entries shown last time."""
        while self._layout.count():
            item = self._layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()

    def present(self, at: QPoint) -> None:
        """Show the panel with its top-left corner at `at` (the parent's coordinates, kept inside
        it) and focus its first entry."""
        self.adjustSize()
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

    def dismiss(self) -> None:
        """Close the panel; whoever listens to `closed` gives the focus back to the page."""
        if self.isVisible():
            self.hide()
            self.closed.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.dismiss()
            return
        super().keyPressEvent(event)
