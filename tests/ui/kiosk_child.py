"""A real kiosk window in a process of its own, reporting its offline page and loads as JSON lines.

For faults a test cannot inject inside its own process: `test_kiosk_load_failures` runs this in a
private mount namespace whose /etc/hosts the test controls, to make a name start resolving.
Usage: python tests/ui/kiosk_child.py START_URL SECONDS  (Qt offscreen; exits after SECONDS).
"""

from __future__ import annotations

import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if os.geteuid() == 0:
    os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")

from PySide6.QtCore import QTimer
from PySide6.QtWebEngineWidgets import QWebEngineView  # noqa: F401  # before QApplication
from PySide6.QtWidgets import QApplication

from lockdown.ui.kiosk import KioskWindow
from lockdown.urls.navigation import NavigationRules
from lockdown.urls.policy import UrlPolicy
from tests.ui.kiosk_helpers import KEYS, exam_config


def report(**fields: object) -> None:
    print(json.dumps(fields), flush=True)


def main(start_url: str, seconds: float) -> int:
    app = QApplication([])
    config = exam_config(start_url)
    kiosk = KioskWindow(config, NavigationRules(UrlPolicy(config).allows, start_url, None), KEYS, "en")
    kiosk.page.connection_failed.connect(
        lambda url: report(failed=url, countdown=kiosk.offline.countdown.text()))
    kiosk.page.load_succeeded.connect(lambda: report(loaded=kiosk.page.url().toString(),
                                                     title=kiosk.page.title(),
                                                     view=kiosk.stack.currentWidget() is kiosk.view))
    kiosk.resize(800, 600)
    kiosk.show()
    kiosk.open_exam()
    QTimer.singleShot(round(seconds * 1000), app.quit)
    app.exec()
    kiosk.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], float(sys.argv[2])))
