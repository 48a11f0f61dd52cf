"""Every screen but the primary one is covered by a plain window saying where the exam is."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from lockdown.i18n import Language
from lockdown.words import say


def screen_count() -> int:
    """Screens connected now."""
    return len(QGuiApplication.screens())


class CoverWindow(QWidget):
    """A frameless, full-screen, on-top window with one sentence, on one secondary screen."""

    def __init__(self, screen: QScreen, lang: Language) -> None:
        super().__init__(None, Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint
                         | Qt.WindowType.WindowDoesNotAcceptFocus)
        self.setObjectName("lockdown-cover")
        label = QLabel(say(lang, "cover.text"))
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        self.setAccessibleName(say(lang, "cover.text"))
        QVBoxLayout(self).addWidget(label)
        self.setGeometry(screen.geometry())
        self.create()
        handle = self.windowHandle()
        if handle is not None:
            handle.setScreen(screen)


class ScreenCovers:
    """Operation: cover the secondary screens (and any plugged in later); uncover them on revert."""

    name = "screen-covers"

    def __init__(self, lang: Language, on_change: Callable[[], None] | None = None) -> None:
        self._lang = lang
        self._on_change = on_change
        self._covers: dict[QScreen, CoverWindow] = {}

    def perform(self) -> None:
        app = QGuiApplication.instance()
        assert isinstance(app, QGuiApplication)
        for screen in QGuiApplication.screens():
            self._cover(screen)
        app.screenAdded.connect(self._added)
        app.screenRemoved.connect(self._removed)

    def _cover(self, screen: QScreen) -> None:
        if screen is QGuiApplication.primaryScreen() or screen in self._covers:
            return
        cover = CoverWindow(screen, self._lang)
        cover.showFullScreen()
        self._covers[screen] = cover

    def _added(self, screen: QScreen) -> None:
        self._cover(screen)
        if self._on_change is not None:
            self._on_change()

    def _removed(self, screen: QScreen) -> None:
        cover = self._covers.pop(screen, None)
        if cover is not None:
            cover.close()
        if self._on_change is not None:
            self._on_change()

    @property
    def covered(self) -> int:
        return len(self._covers)

    def revert(self) -> None:
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.screenAdded.disconnect(self._added)
            app.screenRemoved.disconnect(self._removed)
        for cover in self._covers.values():
            cover.close()
            cover.deleteLater()
        self._covers = {}
