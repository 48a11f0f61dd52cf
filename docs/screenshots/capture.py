"""Regenerate the README screenshots: `python docs/screenshots/capture.py en|fr OUTDIR` (as root, offscreen).

Runs the real stub and the real kiosk in this process (offscreen Qt, no sandbox), saves the notice
and the exam page as the student sees them, with its taskbar (a laptop's battery and two keyboard
layouts, from the platform's fakes), then ends the exam through the quit path.
Shrink for the docs with: convert X.png -resize '640x>' -strip -colors 64 PNG8:X.png
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["QTWEBENGINE_DISABLE_SANDBOX"] = "1"

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from lockdown.app import run_exam  # noqa: E402
from lockdown.platform.base import BatteryState, Desk  # noqa: E402
from lockdown.platform.fake import FakeLayouts, FakeLink, FakePower  # noqa: E402
from lockdown.ui.kiosk import KioskWindow  # noqa: E402
from lockdown.ui.notice import NoticeDialog  # noqa: E402
from lockdown.ui.qtapp import application  # noqa: E402
from tests.support.stub import start_stub  # noqa: E402
from tests.ui.test_app_sequence import VALID, FakeBackend  # noqa: E402


def main(lang: str, out: Path) -> int:
    application()
    stub = start_stub(Path(tempfile.mkdtemp()))
    done: set[str] = set()

    def notice(w: NoticeDialog) -> None:
        w.grab().save(str(out / f"notice-{lang}.png"))
        w.continue_button.click()

    def kiosk(w: KioskWindow) -> None:
        w.page.runJavaScript("document.getElementById('q3').value = 'Ottawa';"
                             "document.getElementById('q1-b').checked = true;", 0)
        QTimer.singleShot(500, lambda: (w.grab().save(str(out / f"kiosk-{lang}.png")), w.end("quit_url")))

    def drive() -> None:
        for w in QApplication.topLevelWidgets():
            if isinstance(w, NoticeDialog) and w.isVisible() and "notice" not in done:
                done.add("notice")
                QTimer.singleShot(800, lambda w=w: notice(w))
            if isinstance(w, KioskWindow) and w.page.title() and "kiosk" not in done:
                done.add("kiosk")
                QTimer.singleShot(2000, lambda w=w: kiosk(w))

    timer = QTimer()
    timer.timeout.connect(drive)
    timer.start(100)
    os.environ["LANG"] = "fr_FR.UTF-8" if lang == "fr" else "en_US.UTF-8"
    try:
        laptop = Desk(power=FakePower(BatteryState(76, charging=False)), network=FakeLink(),
                      keyboard_layouts=FakeLayouts(("fr", "us") if lang == "fr" else ("us", "fr")))
        return run_exam(stub.url + "/exam/config.json", backend=FakeBackend(desk=laptop), check=lambda: VALID)
    finally:
        stub.stop()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], Path(sys.argv[2])))
