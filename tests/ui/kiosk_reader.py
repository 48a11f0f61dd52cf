"""The real exam (`run_exam`, the Qt front end, this computer's backend), read like a screen reader.

Run as an ordinary user on Xvfb by test_guard_message_e2e.py. This script changes nothing of the
exam: it hands `run_exam` the ordinary Qt front end, only watching its windows from Qt's event
loop, and prints "kiosk" once the exam page shows, then "message <text>" whenever the kiosk's
message line changes, the text read through Qt's accessibility interface (what a screen reader
is told), as the in-process accessibility tests read it.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication

from lockdown.app import qt_frontend, run_exam
from lockdown.config import ExamConfig
from lockdown.frontend import Frontend
from lockdown.i18n import Language


def main() -> int:
    timers: list[QTimer] = []
    said: dict[str, str] = {}

    def read() -> None:
        from lockdown.ui.kiosk import KioskWindow

        for widget in QApplication.topLevelWidgets():
            if not (isinstance(widget, KioskWindow) and widget.isVisible()):
                continue
            if "kiosk" not in said and widget.page.title():
                said["kiosk"] = widget.page.title()
                print("kiosk", flush=True)
            iface = QAccessible.queryAccessibleInterface(widget.message)
            text = iface.text(QAccessible.Text.Name) if iface is not None else ""
            if widget.message.isVisible() and text != said.get("message"):
                said["message"] = text
                print(f"message {text}", flush=True)

    def frontend(config: ExamConfig, lang: Language) -> Frontend:
        ui = qt_frontend(config, lang)  # the QApplication exists from here
        timer = QTimer()
        timer.timeout.connect(read)
        timer.start(100)
        timers.append(timer)
        return ui

    return run_exam(sys.argv[1], frontend)


if __name__ == "__main__":
    sys.exit(main())
