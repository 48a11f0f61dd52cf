"""The kiosk's lockdown operations on the Qt side: keyboard, focus, clipboard, capture.

Each is an Operation (perform/revert) taking the kiosk window; `build_kiosk_operations()` lists
them in start-up order for `OperationSequence`. Everything here dies with the process: an X11
keyboard grab ends with the connection, a hook or presentation option with the process.
Event filters sit on the window itself, never on the application (an app-wide Python filter
crashed `app.exec()` in a trial).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QClipboard, QGuiApplication, QWindow
from PySide6.QtWidgets import QApplication, QWidget

from lockdown.config.model import ExamConfig
from lockdown.guard.events import EventSink
from lockdown.guard.processes import ProcessGuard
from lockdown.platform import PlatformBackend, Switch
from lockdown.session.operations import Operation

log = logging.getLogger(__name__)

FOCUS_LOST = "focus_lost"
REGRAB_MS = 100
FOCUS_POLL_MS = 250


class _WindowEvents(QObject):
    """Calls `react` for the listed event types of one window; never filters anything out."""

    def __init__(self, window: QWidget, types: set[QEvent.Type], react: Callable[[], None]) -> None:
        super().__init__(window)
        self._window = window
        self._types = types
        self._react = react

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() in self._types:
            self._react()
        return False

    def install(self) -> None:
        self._window.installEventFilter(self)

    def remove(self) -> None:
        self._window.removeEventFilter(self)


class KeyboardGrab:
    """X11: the kiosk window grabs the keyboard, so the window manager gets no shortcut.

    `QWindow.setKeyboardGrabEnabled` is used, not `QWidget.grabKeyboard`: the latter sends every
    key to the top-level widget and the exam page receives none. X drops the grab when the window
    is unmapped (minimised, hidden) or when another client holds a grab, so it is taken again on
    every show/activation and retried every 100 ms until it succeeds.
    """

    name = "keyboard_grab"

    def __init__(self, window: QWidget) -> None:
        self._window = window
        self._active = False
        self._retry = QTimer(window, interval=REGRAB_MS)
        self._retry.timeout.connect(self._grab)
        self._events = _WindowEvents(window, {QEvent.Type.Show, QEvent.Type.WindowActivate,
                                              QEvent.Type.WindowStateChange}, self._grab)

    @property
    def grabbed(self) -> bool:
        """Whether the last attempt succeeded (a retry is pending otherwise)."""
        return self._active and not self._retry.isActive()

    def _handle(self) -> QWindow | None:
        # Asked every time: Qt replaces the native window (QtWebEngine's first page load does),
        # and a kept reference would point at a deleted object.
        return self._window.windowHandle()

    def _grab(self) -> None:
        handle = self._handle()
        if not self._active or handle is None:
            return
        if handle.setKeyboardGrabEnabled(True):
            self._retry.stop()
        elif not self._retry.isActive():
            log.info("keyboard grab refused for now; retrying every %d ms", REGRAB_MS)
            self._retry.start()

    def perform(self) -> None:
        if self._handle() is None:
            raise RuntimeError("the kiosk window must be shown before the keyboard is grabbed")
        self._active = True
        self._events.install()
        self._grab()

    def revert(self) -> None:
        self._active = False
        self._events.remove()
        self._retry.stop()
        handle = self._handle()
        if handle is not None:
            handle.setKeyboardGrabEnabled(False)


class SwitchOperation:
    """A backend `Switch` as an Operation."""

    name = "switch"

    def __init__(self, switch: Switch) -> None:
        self._switch = switch

    def perform(self) -> None:
        self._switch.start()

    def revert(self) -> None:
        self._switch.stop()


class ShortcutBlock(SwitchOperation):
    """The backend's system-wide shortcut block: the Windows hook, the macOS presentation options."""

    name = "shortcut_block"

    @classmethod
    def for_backend(cls, backend: PlatformBackend) -> ShortcutBlock | None:
        """None where the kiosk window grabs the keyboard itself (X11)."""
        blocker = backend.shortcut_blocker()
        return cls(blocker) if blocker is not None else None


class CaptureExclusion(SwitchOperation):
    """Keeps the kiosk out of screenshots and screen sharing (Windows affinity, macOS sharing type)."""

    name = "capture_exclusion"

    @classmethod
    def for_window(cls, window: QWidget, backend: PlatformBackend) -> CaptureExclusion | None:
        """None where the OS offers no such thing (X11)."""
        blocker = backend.capture_blocker(int(window.winId()))
        return cls(blocker) if blocker is not None else None


def _gui_app() -> QGuiApplication:
    app = QGuiApplication.instance()
    if not isinstance(app, QGuiApplication):
        raise RuntimeError("the kiosk operations need a running Qt GUI application")
    return app


class FocusKeeper:
    """Brings the kiosk back, full screen and active, as soon as it loses focus or is minimised.

    A dialog of lockdown's own (the quit password) may take the focus; another app may not.
    Each loss is reported once as "focus_lost". A 250 ms check backs up the window's events.
    """

    name = "focus_keeper"

    def __init__(self, window: QWidget, events: EventSink) -> None:
        self._window = window
        self._sink = events
        self._was_active = False
        self._lost = False
        self._poll = QTimer(window, interval=FOCUS_POLL_MS)
        self._poll.timeout.connect(self.check)
        self._events = _WindowEvents(window, {QEvent.Type.WindowDeactivate, QEvent.Type.WindowStateChange,
                                              QEvent.Type.Hide}, self._soon)

    def _soon(self) -> None:
        QTimer.singleShot(0, self.check)  # let Qt settle which window is active first

    def _app_state(self, state: Qt.ApplicationState) -> None:
        if state != Qt.ApplicationState.ApplicationActive:
            self._soon()

    def lost(self) -> bool:
        """Whether the kiosk is not in front: minimised, hidden, not full screen, no window of ours active."""
        w = self._window
        return (w.isMinimized() or not w.isVisible() or not w.isFullScreen()
                or QApplication.activeWindow() is None)

    def check(self) -> None:
        """Restore the kiosk if it lost the front; count the loss once."""
        if not self.lost():
            self._was_active = self._was_active or self._window.isActiveWindow()
            self._lost = False
            return
        if self._was_active and not self._lost:
            self._sink(FOCUS_LOST)
        self._lost = self._was_active
        self.restore()

    def restore(self) -> None:
        """Full screen, on top, active; an open dialog of ours stays in front of it."""
        w = self._window
        w.showFullScreen()
        w.raise_()
        w.activateWindow()
        modal = QApplication.activeModalWidget()
        if modal is not None and modal is not w:
            modal.raise_()
            modal.activateWindow()

    def perform(self) -> None:
        self._events.install()
        _gui_app().applicationStateChanged.connect(self._app_state)
        self._poll.start()

    def revert(self) -> None:
        self._poll.stop()
        _gui_app().applicationStateChanged.disconnect(self._app_state)
        self._events.remove()


class ClipboardClear:
    """Clipboard emptied at the start, at the end, and whenever lockdown gains or loses the focus.

    So copy and paste work inside the exam, nothing copied before comes in and nothing copied in
    the exam goes out. Its content is never read.
    """

    name = "clipboard_clear"

    def __init__(self) -> None:
        self._connected = False

    @staticmethod
    def clear() -> None:
        clipboard = QGuiApplication.clipboard()
        clipboard.clear(QClipboard.Mode.Clipboard)
        if clipboard.supportsSelection():
            clipboard.clear(QClipboard.Mode.Selection)

    def _app_state(self, state: Qt.ApplicationState) -> None:
        if state in (Qt.ApplicationState.ApplicationActive, Qt.ApplicationState.ApplicationInactive):
            self.clear()

    def perform(self) -> None:
        self.clear()
        _gui_app().applicationStateChanged.connect(self._app_state)
        self._connected = True

    def revert(self) -> None:
        if self._connected:
            _gui_app().applicationStateChanged.disconnect(self._app_state)
            self._connected = False
        self.clear()


def _x11_clipboard(window: QWidget) -> Operation:
    """X11: lockdown owns both selections (it also replaces emptying them: Qt's clear() from Python
    would ask the owner, lockdown's own thread, while holding the interpreter)."""
    from lockdown.ui.clipboard_keep import ClipboardKeeper  # python-xlib only on X11

    return ClipboardKeeper(window)


def build_kiosk_operations(window: QWidget, config: ExamConfig, events: EventSink,
                           backend: PlatformBackend) -> list[Operation]:
    """The lockdown operations for this kiosk window, in start-up order.

    Perform them after the window is shown full screen (the keyboard grab needs a mapped window)
    and revert them before it closes. `events` is also called from the process guard's thread.
    Under Wayland there is no keyboard grab (the configuration chose limited lockdown).
    """
    # Lockdown's own X connections only where Qt itself talks to an X server (not offscreen).
    x11 = backend.display_server() == "x11" and QGuiApplication.platformName() == "xcb"
    ops: list[Operation] = [_x11_clipboard(window) if x11 else ClipboardClear()]
    blocker = ShortcutBlock.for_backend(backend)
    if blocker is not None:
        ops.append(blocker)
    elif backend.display_server() == "x11":
        ops.append(KeyboardGrab(window))
    ops.append(FocusKeeper(window, events))
    if x11:
        from lockdown.ui.window_watch import WindowStateWatch  # python-xlib only on X11

        ops.append(WindowStateWatch(window, events))
    ops.append(ProcessGuard(config, events, backend))
    capture = CaptureExclusion.for_window(window, backend)
    if capture is not None:
        ops.append(capture)
    return ops
