"""The Qt application object and orderly handling of SIGTERM / SIGINT while Qt's loop runs.

Python runs signal handlers only when the interpreter gets control; inside Qt's C++ event loop it
does not. `signal.set_wakeup_fd` writes the signal's number to a socket when a signal arrives, and a
QSocketNotifier wakes the loop, which reads it and ends the exam from there. The Python handler
itself only takes note: it runs between any two Python lines, including inside a Qt virtual method
a widget overrides (an event handler), where closing windows or raising leaves Qt and its bindings
in an error state ("Error calling Python override of ...").
"""

from __future__ import annotations

import signal
import socket
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QSocketNotifier
from PySide6.QtWebEngineCore import QWebEngineProfile  # noqa: F401  # must load before QApplication
from PySide6.QtWidgets import QApplication

from lockdown import APP_NAME

HANDLED_SIGNALS = tuple(s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGINT", None),
                                    getattr(signal, "SIGHUP", None)) if s is not None)


def return_freed_memory() -> None:
    """Give the memory freed since start-up (the notice, the engine starter) back to the system.

    glibc keeps freed heap pages in the process, where they count in its memory use for the whole
    exam (~5-8 MB here). `malloc_trim` is a glibc extension; other C libraries do not have it and
    need nothing, so its absence is not an error.
    """
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("c")
    try:
        trim = ctypes.CDLL(name).malloc_trim if name else None
    except (OSError, AttributeError):
        trim = None
    if trim is not None:
        trim(0)


def application() -> QApplication:
    """The one QApplication, named "lockdown" so nothing Qt writes carries the interpreter's name."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setOrganizationName("")
    app = QApplication([APP_NAME])
    app.setApplicationName(APP_NAME)
    app.setDesktopFileName(APP_NAME)
    app.setQuitOnLastWindowClosed(False)
    return app


class SignalBridge:
    """Tells `noted(signum)` as soon as SIGTERM, SIGINT or SIGHUP arrives and calls `on_signal(signum)`
    from Qt's loop, once per signal; `close()` puts the previous handlers back.

    `noted` must only record (set a flag): it runs wherever Python happens to be. `on_signal` may
    close windows and end the exam.
    """

    def __init__(self, noted: Callable[[int], None], on_signal: Callable[[int], None]) -> None:
        self._noted = noted
        self._on_signal = on_signal
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self._writer.setblocking(False)
        self._old_fd = signal.set_wakeup_fd(self._writer.fileno())
        self._old_handlers = {s: signal.signal(s, self._handle) for s in HANDLED_SIGNALS}
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read)
        self._notifier.activated.connect(self._drain)

    def _handle(self, signum: int, _frame: object) -> None:
        self._noted(signum)

    def _drain(self) -> None:
        received = b""
        try:
            while chunk := self._reader.recv(64):
                received += chunk
        except (BlockingIOError, InterruptedError):
            pass
        for signum in received:
            if signum in HANDLED_SIGNALS:  # `noted` has run already: Python ran it on entering here
                self._on_signal(signum)

    def close(self) -> None:
        self._notifier.setEnabled(False)
        for s, old in self._old_handlers.items():
            signal.signal(s, old)
        signal.set_wakeup_fd(self._old_fd)
        self._reader.close()
        self._writer.close()
