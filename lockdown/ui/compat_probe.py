"""The Qt side of the screen and browser-engine checks, run only in a child process.

`lockdown check` never loads Qt itself: Qt aborts the whole process when it cannot open a display,
so the parent (probes.py) starts `lockdown check --probe screens|render` and reads one JSON line
(a failed render says why with a code the parent turns into words: see `RENDER_FAILURES`).
PySide6 is imported inside the functions, so importing this module does not load Qt.
"""

from __future__ import annotations

import json
import sys
from typing import Any

RENDER_TIMEOUT_MS = 30_000

# A local page: no network, a red background and a value computed by script, both read back.
TEST_PAGE = ("data:text/html,<html><body style='margin:0;background:%23ff0000'>"
             "<p id=r></p><script>document.getElementById('r').textContent=String(6*7)</script>"
             "</body></html>")
EXPECTED_TEXT = "42"


def count_screens() -> dict[str, Any]:
    """Screens Qt sees on the real platform plugin (never offscreen, which always has one)."""
    from PySide6.QtCore import qVersion
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication([sys.argv[0]])
    screens = app.screens()
    return {"count": len(screens), "platform": app.platformName(), "qt_version": qVersion()}


def render_test_page() -> dict[str, Any]:
    """Load TEST_PAGE in an off-the-record QtWebEngine view and check what it shows."""
    from PySide6.QtCore import Qt, QTimer, QUrl, qVersion
    from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile
    from PySide6.QtWebEngineWidgets import QWebEngineView
    from PySide6.QtWidgets import QApplication

    app = QApplication([sys.argv[0]])
    result: dict[str, Any] = {"ok": False, "qt_version": qVersion(), "reason": "timeout"}
    profile = QWebEngineProfile(app)  # no storage name: off the record, nothing written to disk
    view = QWebEngineView()
    page = QWebEnginePage(profile, view)
    view.setPage(page)
    view.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)  # rendered, never seen
    view.resize(320, 200)

    def read_back(text: object) -> None:
        color = view.grab().toImage().pixelColor(10, 10)
        red = color.red() > 200 and color.green() < 60 and color.blue() < 60
        if text != EXPECTED_TEXT:
            result["reason"] = "script"
        elif not red:
            result["reason"] = "not_drawn"
        else:
            result.update(ok=True, reason="")
        app.quit()

    def finished(ok: bool) -> None:
        if not ok:
            result["reason"] = "load_failed"
            app.quit()
            return
        # Give the compositor a moment to draw the first frame before reading pixels back.
        QTimer.singleShot(300, lambda: page.runJavaScript(
            "document.getElementById('r').textContent", 0, read_back))

    view.loadFinished.connect(finished)
    view.load(QUrl(TEST_PAGE))
    QTimer.singleShot(RENDER_TIMEOUT_MS, app.quit)
    view.show()
    app.exec()
    return result


def main(kind: str) -> int:
    """Run one probe and print its result as one JSON line on stdout."""
    probe = {"screens": count_screens, "render": render_test_page}[kind]
    print(json.dumps(probe()), flush=True)
    return 0
