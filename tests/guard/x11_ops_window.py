"""A stand-in kiosk for the X11 tests of lockdown.ui.lockdown_ops: a full-screen window with a text field.

Prints "ready <window id>", then one line per event ("event focus_lost"), and "text <typed>" when
asked with "text" on stdin; "revert" on stdin reverts the operations and exits.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QSocketNotifier, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from lockdown.session.operations import OperationSequence
from lockdown.ui.lockdown_ops import ClipboardClear, FocusKeeper, KeyboardGrab


def main() -> None:
    app = QApplication(sys.argv)
    window = QWidget(None, Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint)
    window.setWindowTitle("lockdown-ops-test")
    field = QLineEdit(window)
    QVBoxLayout(window).addWidget(field)

    def emit(line: str) -> None:
        print(line, flush=True)

    ops = OperationSequence([ClipboardClear(), KeyboardGrab(window),
                             FocusKeeper(window, lambda e: emit(f"event {e.wire}"))])

    def start() -> None:
        ops.perform()
        emit(f"ready {int(window.winId())}")

    def command() -> None:
        line = sys.stdin.readline().strip()
        if line == "text":
            emit(f"text {field.text()}")
        elif line in ("revert", ""):
            ops.revert()
            emit("reverted")
            app.quit()

    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
    notifier.activated.connect(command)
    window.showFullScreen()
    window.raise_()
    window.activateWindow()
    field.setFocus()
    QTimer.singleShot(300, start)
    app.exec()


if __name__ == "__main__":
    main()
