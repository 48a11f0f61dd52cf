"""A whole demo exam in the real kiosk against the recording server stub: every request checked.

In-process (offscreen Qt): the notice is accepted, an answer typed and the exam submitted; the
submit page sends the kiosk to the quit URL, which ends it. The platform backend and the build
check are the only stand-ins (this test runs as root, from source).
"""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from lockdown.app import run_exam
from lockdown.platform.fake import FakeBackend
from lockdown.ui.kiosk import KioskWindow
from lockdown.ui.notice import NoticeDialog
from tests.support.privacy_check import assert_requests_private
from tests.ui.test_app_sequence import VALID

pytestmark = [pytest.mark.slow, pytest.mark.timeout(120)]


def test_a_whole_demo_exam_sends_only_what_the_manifest_lists(qapp, stub) -> None:  # type: ignore[no-untyped-def]
    steps: list[str] = []

    def drive() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, NoticeDialog) and widget.isVisible() and "notice" not in steps:
                steps.append("notice")
                widget.continue_button.click()
            exam_shown = (isinstance(widget, KioskWindow) and widget.isVisible()  # closed: page freed
                          and "Sample exam" in widget.page.title())
            if exam_shown and "answered" not in steps:
                assert isinstance(widget, KioskWindow)
                steps.append("answered")
                widget.page.runJavaScript(
                    "document.getElementById('q3').value = 'Ottawa';"
                    "document.getElementById('q3').dispatchEvent(new Event('input', {bubbles: true}));"
                    "setTimeout(function () { document.getElementById('submit').click(); }, 1500);", 0)

    timer = QTimer()
    timer.timeout.connect(drive)
    timer.start(100)
    try:
        code = run_exam(stub.url + "/exam/config.json", backend=FakeBackend(), check=lambda _progress: VALID)
    finally:
        timer.stop()
    assert code == 0
    assert steps == ["notice", "answered"]
    requests = stub.requests()
    paths = [(r["method"], r["path"].split("?")[0]) for r in requests]
    assert ("GET", "/exam/") in paths and ("POST", "/exam/api/submit") in paths
    assert ("POST", "/api/session") in paths and ("DELETE", "/api/session") in paths
    events = [json.loads(r["body"])["type"] for r in requests if r["path"] == "/api/events"]
    assert "exam_started" in events and "exam_ended" in events
    assert_requests_private(requests)
