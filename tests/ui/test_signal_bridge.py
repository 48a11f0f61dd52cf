"""SIGTERM while Qt runs: the exam ends from Qt's loop, never from wherever Python was interrupted.

A Python signal handler runs between any two Python lines, for instance inside a widget's `event()`
override; ending the exam there (closing dialogs and windows) left the bindings in an error state
and the kiosk's exit code wrong. Only a note may be taken there.
"""

from __future__ import annotations

import os
import signal
import time

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

from lockdown.ui.qtapp import SignalBridge, application


def _until(app: QApplication, done: list[str], seconds: float = 5.0) -> None:
    deadline = time.monotonic() + seconds
    while "ended" not in done and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)


def test_a_signal_inside_an_event_override_is_only_noted_there() -> None:
    app = application()
    seen: list[str] = []

    class Handler(QObject):
        def event(self, event: QEvent) -> bool:
            if event.type() == QEvent.Type.User:
                os.kill(os.getpid(), signal.SIGTERM)  # Python's handler runs before the next line
                seen.append("override went on")
                return True
            return super().event(event)

    handler = Handler()
    bridge = SignalBridge(lambda s: seen.append("noted"), lambda s: seen.append("ended"))
    try:
        app.sendEvent(handler, QEvent(QEvent.Type.User))
        _until(app, seen)
    finally:
        bridge.close()
    assert seen == ["noted", "override went on", "ended"]


def test_each_signal_ends_once_and_close_puts_the_old_handler_back() -> None:
    app = application()
    seen: list[str] = []
    before = signal.getsignal(signal.SIGTERM)
    bridge = SignalBridge(lambda s: seen.append("noted"), lambda s: seen.append(f"ended {s}"))
    try:
        os.kill(os.getpid(), signal.SIGINT)
        deadline = time.monotonic() + 5
        while not any(s.startswith("ended") for s in seen) and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.01)
        for _ in range(20):  # nothing more comes
            app.processEvents()
    finally:
        bridge.close()
    assert seen == ["noted", f"ended {int(signal.SIGINT)}"]
    assert signal.getsignal(signal.SIGTERM) == before
