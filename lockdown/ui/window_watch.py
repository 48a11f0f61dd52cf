"""Operation: the kiosk window's X11 state is watched and restored (lockdown.platform.linux.x11_window).

The watch runs in its own thread on its own X connection; this side only tells it the window's
id, again whenever Qt replaces the native window (QtWebEngine's first page makes it do so; the
`WinIdChange` event did not always arrive in trials, so the id is also compared every 250 ms),
and stops it at the end.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

from lockdown.guard.applists import ASSISTIVE, names_for
from lockdown.guard.events import Event, EventSink, WindowCovered, WindowHidden, WindowMoved
from lockdown.platform.linux.x11_window import COVERED, HIDDEN, MOVED, WindowWatch

ID_POLL_MS = 250


class _WinIdChanges(QObject):
    """Gives the watch the window's native id whenever it changes."""

    def __init__(self, window: QWidget, watch: WindowWatch) -> None:
        super().__init__(window)
        self._window = window
        self._watch = watch
        self._id = int(window.winId())
        self._poll = QTimer(self, interval=ID_POLL_MS)
        self._poll.timeout.connect(self.check)
        self._poll.start()

    def check(self) -> None:
        current = int(self._window.winId())
        if current != self._id:
            self._id = current
            self._watch.follow(current)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.WinIdChange:
            self.check()
        return False

    def stop(self) -> None:
        self._poll.stop()


_EVENTS: dict[str, type[Event]] = {HIDDEN: WindowHidden, MOVED: WindowMoved, COVERED: WindowCovered}


class WindowStateWatch:
    """X11: another program of the student's cannot hide, move or bury the kiosk window."""

    name = "window_state_watch"

    def __init__(self, window: QWidget, events: EventSink,
                 permitted: Callable[[], Collection[int]] = frozenset) -> None:
        self._window = window
        self._events = events
        self._permitted = permitted
        self._watch: WindowWatch | None = None
        self._filter: _WinIdChanges | None = None

    def perform(self) -> None:
        self._watch = WindowWatch(int(self._window.winId()), self._report,
                                  spared=names_for(ASSISTIVE, "linux"), spared_pids=self._permitted)
        self._filter = _WinIdChanges(self._window, self._watch)
        self._window.installEventFilter(self._filter)
        self._watch.start()

    def _report(self, kind: str) -> None:
        """From the watch's thread: one of `x11_window`'s kinds, as the event it stands for."""
        self._events(_EVENTS[kind]())

    def revert(self) -> None:
        if self._filter is not None:
            self._filter.stop()
            self._window.removeEventFilter(self._filter)
            self._filter = None
        if self._watch is not None:
            self._watch.stop()
            self._watch = None
