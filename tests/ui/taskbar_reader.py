"""The real exam (`run_exam`, the Qt front end, this computer's Linux backend), its taskbar read
like a screen reader reads it.

Run as an ordinary user on Xvfb by test_taskbar_e2e.py. Usage:
    taskbar_reader.py CONFIG [POWER_SUPPLY_FOLDER]
With a folder, the Linux backend reads the battery from there instead of /sys/class/power_supply
(a fake battery behind the platform interface); everything else is this computer's: the X
server's keyboard layouts, the window manager, the processes. Every 200 ms it prints one JSON
line with what the bar says (accessible names), where its items are on the screen, whether
the kiosk is the active window, the message line, the value of the page's `#answer` field and
the id of the page's element that has the keyboard focus, the page's address and CSS width, and
the question a dialog of the kiosk asks, with its buttons.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, QTimer
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QWidget

from lockdown.app import qt_frontend, run_exam
from lockdown.config import ExamConfig
from lockdown.frontend import Frontend
from lockdown.i18n import Language
from lockdown.platform.base import Desk
from lockdown.platform.linux import LinuxBackend
from lockdown.platform.linux.power import SysfsPower


class Backend(LinuxBackend):
    def __init__(self, power_supply: Path | None) -> None:
        super().__init__()
        self._power_supply = power_supply

    def desk(self) -> Desk:
        desk = super().desk()
        if self._power_supply is None:
            return desk
        return dataclasses.replace(desk, power=SysfsPower(self._power_supply))


def name_of(widget: QWidget) -> str:
    iface = QAccessible.queryAccessibleInterface(widget)
    return iface.text(QAccessible.Text.Name) if iface is not None else ""


def where(widget: QWidget | None) -> list[int] | None:
    if widget is None or not widget.isVisible():
        return None
    top_left = widget.mapToGlobal(QPoint(0, 0))
    return [top_left.x(), top_left.y(), widget.width(), widget.height()]


def page_rect(kiosk: Any, rect: list[float] | None) -> list[int] | None:
    """A rectangle of the page (device pixels from its top left) on the screen."""
    if rect is None:
        return None
    origin = kiosk.view.mapToGlobal(QPoint(0, 0))
    return [origin.x() + int(rect[0]), origin.y() + int(rect[1]), int(rect[2]), int(rect[3])]


def main() -> int:
    # lockdown's own debug messages on stderr: a test that fails says which step the exam reached
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr,
                        format="%(relativeCreated)d %(threadName)s %(name)s: %(message)s")
    logging.getLogger("lockdown").setLevel(logging.DEBUG)
    answer: dict[str, Any] = {"value": None}

    def read() -> None:
        from lockdown.ui.kiosk import KioskWindow

        for widget in QApplication.topLevelWidgets():
            if not (isinstance(widget, KioskWindow) and widget.isVisible() and widget.page.title()):
                continue
            bar = widget.taskbar
            widget.page.runJavaScript("JSON.stringify([document.getElementById('answer') ? "
                                      "document.getElementById('answer').value : null, "
                                      "document.activeElement ? document.activeElement.id : null, "
                                      "document.hasFocus(), window.innerWidth, (function () {"
                                      "var f = document.getElementById('finish'); if (!f) return null;"
                                      "var r = f.getBoundingClientRect(); var z = window.devicePixelRatio;"
                                      "return [r.left * z, r.top * z, r.width * z, r.height * z]; })()])", 0,
                                      lambda value: answer.__setitem__("value", json.loads(value)))
            state: dict[str, Any] = {
                "kiosk": where(widget), "active": widget.isActiveWindow(),
                "message": name_of(widget.message) if widget.message.isVisible() else None,
                "answer": answer["value"][0] if answer["value"] else None,
                "focus": answer["value"][1] if answer["value"] and answer["value"][2] else None,
                "width": answer["value"][3] if answer["value"] else None,
                "finish": page_rect(widget, answer["value"][4]) if answer["value"] else None,
                "url": widget.page.url().toString(),
            }
            if bar is not None:
                state["bar"] = where(bar)
                for item in ("clock", "battery", "network", "layout_button", "reload", "zoom_in", "quit"):
                    w = getattr(bar, item)
                    state[item] = {"name": name_of(w), "text": w.text(), "at": where(w)} if w is not None \
                        and w.isVisible() else None
                state["apps"] = [{"name": name_of(b), "at": where(b)} for b in bar.app_buttons]
            dialog = QApplication.activeModalWidget()
            if dialog is not None and dialog.isVisible():
                state["dialog"] = {"name": dialog.objectName(), "question": dialog.accessibleDescription(),
                                   "ok": where(getattr(dialog, "ok", None)),
                                   "cancel": where(getattr(dialog, "cancel", None))}
            print(json.dumps(state), flush=True)

    timers: list[QTimer] = []

    def frontend(config: ExamConfig, lang: Language) -> Frontend:
        ui = qt_frontend(config, lang)
        timer = QTimer()
        timer.timeout.connect(read)
        timer.start(200)
        timers.append(timer)
        return ui

    folder = Path(sys.argv[2]) if len(sys.argv) > 2 else None
    return run_exam(sys.argv[1], frontend, backend=Backend(folder))


if __name__ == "__main__":
    sys.exit(main())
