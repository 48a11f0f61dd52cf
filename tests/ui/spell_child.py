"""The real kiosk, through the front end `lockdown run` uses, reporting what its spell checker
says of a word the student right-clicks (Chromium's context-menu data), the suggestions the
kiosk's panel shows for it, and the text once the student chose CHOICE there.

Usage: python tests/ui/spell_child.py CONFIG CHOICE  (Qt offscreen). The page must have an editable
element `#t` holding the word in a `<span id="w">`. Prints one JSON line: the misspelled word
under the pointer ("" when the checker found none), its suggestions, the panel's buttons (None
without a panel) and the element's text afterwards.
"""

from __future__ import annotations

import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if os.geteuid() == 0:
    os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from lockdown.config import load_config
from lockdown.platform.fake import FakeBackend
from lockdown.taskbar import ExamTools
from lockdown.ui.frontend import QtFrontend
from lockdown.ui.kiosk import KioskWindow
from tests.ui.kiosk_helpers import KEYS

WHERE = ("var t = document.getElementById('t'); t.focus();"
         "var r = document.getElementById('w').getBoundingClientRect();"
         "JSON.stringify([r.left + 3, r.top + r.height / 2])")


def main(source: str, choice: str) -> int:
    config = load_config(source)
    ui = QtFrontend(config, config.language or "en")
    ui.open_kiosk(KEYS, ExamTools(FakeBackend(), config))
    kiosk = next(w for w in QApplication.topLevelWidgets() if isinstance(w, KioskWindow))
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    result: dict[str, object] = {}
    steps: list[str] = []

    def tick() -> None:
        if not steps and kiosk.page.title() == "Exam":
            steps.append("focus")
            kiosk.page.runJavaScript(WHERE, 0, lambda at: steps.append(at))
        elif len(steps) == 2 and steps[1]:
            at = json.loads(steps[1])
            steps.append("clicked")
            QTimer.singleShot(1500, lambda: right_click(at))  # the checker runs once the text has focus

    def right_click(at: list[float]) -> None:
        QTest.mouseClick(kiosk.view.focusProxy(), Qt.MouseButton.RightButton,
                         Qt.KeyboardModifier.NoModifier, QPoint(int(at[0]), int(at[1])))
        QTimer.singleShot(1500, read)

    def read() -> None:
        request = kiosk.view.lastContextMenuRequest()
        result["misspelled"] = request.misspelledWord() if request is not None else None
        result["suggestions"] = request.spellCheckerSuggestions() if request is not None else []
        panel = kiosk.spelling
        shown = panel is not None and panel.isVisible()
        result["panel"] = [b.text() for b in panel.buttons] if shown and panel is not None else None
        chosen = [b for b in panel.buttons if b.text() == choice] if shown and panel is not None else []
        if chosen:
            QTest.mouseClick(chosen[0], Qt.MouseButton.LeftButton)
        QTimer.singleShot(1000, lambda: kiosk.page.runJavaScript(
            "document.getElementById('t').textContent", 0, done))

    def done(text: str) -> None:
        result["text"] = text
        app.exit(0)

    timer = QTimer(interval=200)
    timer.timeout.connect(tick)
    timer.start()
    QTimer.singleShot(60000, lambda: app.exit(0))
    app.exec()
    print(json.dumps(result), flush=True)
    ui.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
