"""Operation: on X11 the exam's clipboard stays in the exam (lockdown.platform.linux.x11_selection).

When the page copies or the student selects text, Qt becomes the selection's owner for a moment;
this side hands the text to the keeper, which takes the selection back at once and then serves
it to the kiosk alone. Nothing is read from the clipboard that the exam did not put there, and
never from Python while Qt is not the owner: Qt would then ask the keeper over X and wait, holding
the interpreter the keeper's thread needs to answer.
"""

from __future__ import annotations

from PySide6.QtGui import QClipboard, QGuiApplication
from PySide6.QtWidgets import QWidget

from lockdown.platform.linux.x11_selection import SelectionKeeper

_Mode = QClipboard.Mode


class ClipboardKeeper:
    """X11: both selections are lockdown's for the whole exam; other programs get nothing."""

    name = "clipboard_keeper"

    def __init__(self, window: QWidget) -> None:
        self._window = window
        self._keeper: SelectionKeeper | None = None

    def _copied(self, mode: QClipboard.Mode) -> None:
        clipboard = QGuiApplication.clipboard()
        owns = clipboard.ownsClipboard() if mode == _Mode.Clipboard else clipboard.ownsSelection()
        if owns and self._keeper is not None:  # the exam put it there: Qt answers from memory
            self._keeper.keep("CLIPBOARD" if mode == _Mode.Clipboard else "PRIMARY", clipboard.text(mode))

    def _clipboard_changed(self) -> None:
        self._copied(_Mode.Clipboard)

    def _selection_changed(self) -> None:
        self._copied(_Mode.Selection)

    def perform(self) -> None:
        self._keeper = SelectionKeeper(int(self._window.winId()))
        clipboard = QGuiApplication.clipboard()
        clipboard.dataChanged.connect(self._clipboard_changed)
        clipboard.selectionChanged.connect(self._selection_changed)
        self._keeper.start()

    def revert(self) -> None:
        clipboard = QGuiApplication.clipboard()
        clipboard.dataChanged.disconnect(self._clipboard_changed)
        clipboard.selectionChanged.disconnect(self._selection_changed)
        if self._keeper is not None:
            self._keeper.stop()
            self._keeper = None
