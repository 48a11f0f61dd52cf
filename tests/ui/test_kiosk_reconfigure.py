"""Reconfiguration links in a real kiosk (offscreen), against a loopback LMS that serves its
config.php only with the session cookie its quiz page set, as Moodle does."""

from __future__ import annotations

import hashlib
import json
import secrets
import tempfile
import threading
from collections.abc import Callable, Iterator
from http.cookies import SimpleCookie
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from lockdown.config.model import UrlFilter, UrlRule
from lockdown.platform.fake import FakeBackend
from lockdown.sebkeys.jsapi import SebKeys
from lockdown.taskbar import ExamTools
from lockdown.ui.entrance import QtEntrance
from lockdown.ui.frontend import QtFrontend
from lockdown.ui.kiosk import KioskWindow
from lockdown.ui.reconfiguration import ReconfigureDialog
from lockdown.urls.navigation import NavigationRules
from tests.ui.kiosk_helpers import KEYS, dispose, exam_config, js, open_kiosk
from tests.ui.test_accessibility import controls, name_of

pytestmark = pytest.mark.timeout(120)

SEB_BODY = (b'<?xml version="1.0"?><plist version="1.0"><dict><key>startURL</key>'
            b'<string>https://lms.example.org/mod/quiz/view.php?id=3</string></dict></plist>')
CONFIG = "/mod/quiz/accessrule/seb/config.php?cmid=3"
HUGE = "/mod/quiz/accessrule/seb/config.php?cmid=9"
SILENT = "/mod/quiz/accessrule/seb/config.php?cmid=10"  # answers nothing
HALTING = "/mod/quiz/accessrule/seb/config.php?cmid=11"  # sends the start of the file, then nothing


class Lms:
    """The quiz page sets MoodleSession (`/quiz`, and `/refused` which then sends the browser to
    the seb:// link; `/plain` does not); config.php serves the .seb to that session only, and
    sends anyone else to the login page (HTML)."""

    def __init__(self) -> None:
        self.session = secrets.token_hex(8)
        self.config_requests: list[str | None] = []  # the MoodleSession each config.php request carried
        self.pages: dict[str, tuple[str | None, str]] = {}  # path: its last MoodleSession, User-Agent
        self.closing = threading.Event()  # what stalls waits for it
        lms = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                headers: dict[str, str] = {"Content-Type": "text/html; charset=utf-8"}
                body = b"<title>Quiz</title><p>Question 1</p>"
                status = 200
                jar = SimpleCookie(self.headers.get("Cookie", ""))
                got = jar["MoodleSession"].value if "MoodleSession" in jar else None
                lms.pages[self.path] = (got, self.headers.get("User-Agent", ""))
                if self.path == SILENT:
                    lms.closing.wait()
                    return
                if self.path == HALTING:
                    self.send_response(200)
                    self.send_header("Content-Type", "application/seb")
                    self.send_header("Content-Length", str(len(SEB_BODY)))
                    self.end_headers()
                    self.wfile.write(SEB_BODY[:40])
                    self.wfile.flush()
                    lms.closing.wait()
                    return
                if self.path == HUGE:
                    headers = {"Content-Type": "application/seb"}
                    body = b"<" * (9 << 20)  # larger than any configuration (8 MiB)
                elif self.path == CONFIG:
                    lms.config_requests.append(got)
                    if got == lms.session:
                        headers = {"Content-Type": "application/seb",
                                   "Content-Disposition": "attachment; filename=config.seb"}
                        body = SEB_BODY
                    else:
                        status, headers, body = 303, {"Location": "/login"}, b""
                elif self.path == "/login":
                    body = b"<title>Log in</title><form><input name=username></form>"
                elif self.path in ("/quiz", "/refused"):
                    headers["Set-Cookie"] = f"MoodleSession={lms.session}; Path=/; HttpOnly"
                if self.path == "/refused":  # Moodle's quiz page to a browser with a wrong Config Key
                    body += f"<script>document.location.replace({json.dumps(lms.link)});</script>".encode()
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self.link = self.url.replace("http://", "seb://") + CONFIG
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.closing.set()
        self._server.shutdown()
        self._server.server_close()


@pytest.fixture
def lms() -> Iterator[Lms]:
    site = Lms()
    try:
        yield site
    finally:
        site.close()


@pytest.fixture
def session_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where the kiosk's temporary files go during an exam (TMPDIR is the session folder's)."""
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr(tempfile, "tempdir", None)
    return tmp_path


def quiz_kiosk(qtbot: QtBot, lms: Lms, path: str = "/quiz", **changes: Any) -> KioskWindow:
    """The quiz page in a kiosk; its URL filter allows the quiz and the login page, not config.php."""
    rules = (UrlRule("allow", lms.url + "/quiz*"), UrlRule("allow", lms.url + "/plain*"),
             UrlRule("allow", lms.url + "/login*"))
    config = exam_config(lms.url + path, url_filter=UrlFilter(enabled=True, rules=rules), **changes)
    return open_kiosk(qtbot, config, lang=config.language or "en")


Answer = Callable[..., list[str]]


@pytest.fixture
def answer() -> Iterator[Answer]:
    """`answer(key, modifier)`: press `key` in the reconfiguration dialog once it shows (it runs
    modally); the list it returns gets, once answered, the dialog's title, the names a screen
    reader reads for its buttons, and any of its controls that has no name."""
    timers: list[QTimer] = []

    def start(key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> list[str]:
        seen: list[str] = []
        answered: list[ReconfigureDialog] = []
        timer = QTimer()
        timer.setInterval(50)

        def poll() -> None:
            if answered:  # pressed: again until that dialog is gone (a key sent too early is lost)
                if not isValid(answered[0]) or not answered[0].isVisible():
                    timer.stop()
                    return
                dialog = answered[0]
            else:
                shown = [w for w in QApplication.topLevelWidgets()
                         if isinstance(w, ReconfigureDialog) and w.isVisible() and w.isActiveWindow()]
                if not shown:
                    return
                dialog = shown[0]
                answered.append(dialog)
                unnamed = [type(w).__name__ for w in controls(dialog) if not name_of(w)]
                seen.extend([dialog.windowTitle(), name_of(dialog.open_button), name_of(dialog.stay_button),
                             *unnamed])
            QTest.keyClick(dialog, key, modifier)

        timer.timeout.connect(poll)
        timer.start()
        timers.append(timer)
        return seen

    yield start
    for timer in timers:
        timer.stop()


def moodle_redirect(qtbot: QtBot, kiosk: KioskWindow, link: str) -> None:
    """What Moodle's page does for a browser whose Config Key it does not accept."""
    js(qtbot, kiosk, f"document.location.replace({link!r}); true")


def test_without_reconfiguration_the_link_is_refused_and_the_exam_stays(qtbot: QtBot, lms: Lms) -> None:
    kiosk = quiz_kiosk(qtbot, lms)
    moodle_redirect(qtbot, kiosk, lms.link)
    qtbot.waitUntil(kiosk.message.isVisible, timeout=15000)
    assert kiosk.message.text() == "This exam does not allow opening another exam configuration."
    qtbot.wait(500)
    assert kiosk.page.url().toString() == lms.url + "/quiz"
    assert lms.config_requests == [] and kiosk.next_configuration is None


def test_a_link_the_pattern_does_not_match_is_refused(qtbot: QtBot, lms: Lms) -> None:
    kiosk = quiz_kiosk(qtbot, lms, allow_reconfiguration=True,
                       reconfiguration_url="sebs://lms.example.org/*")
    moodle_redirect(qtbot, kiosk, lms.link)
    qtbot.waitUntil(kiosk.message.isVisible, timeout=15000)
    assert "does not allow opening another exam configuration" in kiosk.message.text()
    assert lms.config_requests == []


def test_agreeing_downloads_the_configuration_with_the_session_and_ends_the_kiosk(
        qtbot: QtBot, lms: Lms, session_folder: Path, answer: Answer) -> None:
    kiosk = quiz_kiosk(qtbot, lms, allow_reconfiguration=True,
                       reconfiguration_url=lms.link.replace("config.php?cmid=3", "*"))
    seen = answer(Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)  # "&Open the new exam"
    with qtbot.waitSignal(kiosk.finished, timeout=30000) as ended:
        moodle_redirect(qtbot, kiosk, lms.link)
    assert ended.args == ["reconfigure"]
    assert seen == ["Open another exam?", "Open the new exam", "Stay in this exam"]
    assert kiosk.next_configuration == (SEB_BODY, lms.url + CONFIG)
    assert lms.config_requests == [lms.session]  # the quiz page's cookie went with the download
    assert list(session_folder.iterdir()) == []  # read, then deleted at once


def test_staying_keeps_the_exam_and_the_next_link_asks_again(qtbot: QtBot, lms: Lms,
                                                             answer: Answer) -> None:
    kiosk = quiz_kiosk(qtbot, lms, allow_reconfiguration=True)
    seen = answer(Qt.Key.Key_Return)  # Enter: the default button is Stay
    js(qtbot, kiosk, f"window.open({lms.link!r}); true")  # a new-window request asks too
    qtbot.waitUntil(lambda: bool(seen), timeout=15000)
    qtbot.wait(500)
    assert seen == ["Open another exam?", "Open the new exam", "Stay in this exam"]
    assert lms.config_requests == [] and kiosk.page.url().toString() == lms.url + "/quiz"
    again = answer(Qt.Key.Key_Escape)
    moodle_redirect(qtbot, kiosk, lms.link)
    qtbot.waitUntil(lambda: bool(again), timeout=15000)
    qtbot.wait(500)
    assert lms.config_requests == [] and kiosk.next_configuration is None


def test_a_login_page_instead_of_the_configuration_is_told_and_the_exam_stays(
        qtbot: QtBot, lms: Lms, session_folder: Path, answer: Answer) -> None:
    kiosk = quiz_kiosk(qtbot, lms, path="/plain", allow_reconfiguration=True, language="fr")
    assert kiosk.page.url().toString() == lms.url + "/plain"
    seen = answer(Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)  # "&Ouvrir le nouvel examen"
    ended: list[str] = []
    kiosk.finished.connect(ended.append)
    moodle_redirect(qtbot, kiosk, lms.link)
    qtbot.waitUntil(lambda: "page web" in kiosk.message.text(), timeout=30000)
    assert seen == ["Ouvrir un autre examen ?", "Ouvrir le nouvel examen", "Rester dans cet examen"]
    assert lms.config_requests == [None]  # no session: config.php sent its login page
    qtbot.wait(500)
    assert ended == [] and kiosk.page.url().toString() == lms.url + "/plain"
    assert list(session_folder.iterdir()) == []


def test_a_download_larger_than_a_configuration_is_stopped_and_the_exam_stays(
        qtbot: QtBot, lms: Lms, session_folder: Path, answer: Answer) -> None:
    kiosk = quiz_kiosk(qtbot, lms, allow_reconfiguration=True)
    answer(Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)
    ended: list[str] = []
    kiosk.finished.connect(ended.append)
    moodle_redirect(qtbot, kiosk, lms.url.replace("http://", "seb://") + HUGE)
    qtbot.waitUntil(lambda: "could not be received" in kiosk.message.text(), timeout=30000)
    assert ended == [] and kiosk.next_configuration is None
    assert list(session_folder.iterdir()) == []


def test_the_next_kiosk_keeps_the_run_s_session_with_its_own_keys_and_user_agent(qtbot: QtBot,
                                                                              lms: Lms) -> None:
    """Without a sign-in, the first kiosk's browser session is the run's (the entrance holds it):
    the exam opened next still has the LMS's cookie, and nothing else of the first exam."""
    entrance = QtEntrance("en")

    def kiosk_on(path: str, keys: SebKeys, **changes: Any) -> KioskWindow:
        config = exam_config(lms.url + path, **changes)
        kiosk = KioskWindow(config, NavigationRules(lambda url: True, config.start_url, None), keys, "en",
                            profile=entrance.session())
        with qtbot.waitSignal(kiosk.page.loadFinished, timeout=20000):
            kiosk.open_exam()
        return kiosk

    try:
        assert entrance.session() is entrance.session()
        dispose(kiosk_on("/quiz", KEYS))  # the quiz page sets the session cookie
        following = SebKeys(config_key="d" * 64, browser_exam_key="e" * 64)
        assert lms.pages["/quiz"][0] is None
        # the same page again: the first exam's script for it must not be what the page gets
        second = kiosk_on("/quiz", following, user_agent_suffix=" NextExam/2")
        try:
            cookie, agent = lms.pages["/quiz"]
            assert cookie == lms.session
            assert agent.endswith(" NextExam/2") and "lockdown/" not in agent  # the suffix once, the new one
            read = "[SafeExamBrowser.security.configKey, SafeExamBrowser.security.browserExamKey]"
            url = lms.url + "/quiz"
            assert js(qtbot, second, read) == [hashlib.sha256((url + "d" * 64).encode()).hexdigest(),
                                               hashlib.sha256((url + "e" * 64).encode()).hexdigest()]
        finally:
            dispose(second)
    finally:
        entrance.close()


def test_moodle_s_refusal_page_ends_the_front_end_with_the_next_configuration(
        qtbot: QtBot, lms: Lms, session_folder: Path, answer: Answer) -> None:
    """Through the real front end, as `lockdown run` makes it: the page redirects itself to the
    seb:// link, the student agrees, and the next exam's kiosk is still signed in."""
    entrance = QtEntrance("en")
    try:
        first = exam_config(lms.url + "/refused", allow_reconfiguration=True)
        ui: QtFrontend = entrance.frontend(first, "en")
        try:
            answer(Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)
            ui.open_kiosk(KEYS, ExamTools(FakeBackend(), first))
            assert ui.run_kiosk() == "reconfigure"
            assert ui.next_configuration() == (SEB_BODY, lms.url + CONFIG)
        finally:
            ui.close()
        assert lms.config_requests == [lms.session]
        plain = exam_config(lms.url + "/plain")
        ui = entrance.frontend(plain, "en")
        try:
            ui.open_kiosk(KEYS, ExamTools(FakeBackend(), plain))
            qtbot.waitUntil(lambda: "/plain" in lms.pages, timeout=20000)
            assert lms.pages["/plain"][0] == lms.session
            assert ui.next_configuration() is None
        finally:
            ui.close()
    finally:
        entrance.close()


@pytest.mark.parametrize("path", [SILENT, HALTING])
def test_a_configuration_that_does_not_arrive_in_time_is_given_up_and_the_exam_stays(
        qtbot: QtBot, lms: Lms, session_folder: Path, answer: Answer, monkeypatch: pytest.MonkeyPatch,
        path: str) -> None:
    from lockdown.ui import reconfiguration

    monkeypatch.setattr(reconfiguration, "FETCH_TIMEOUT_S", 2.0)
    kiosk = quiz_kiosk(qtbot, lms, allow_reconfiguration=True)
    answer(Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)
    ended: list[str] = []
    kiosk.finished.connect(ended.append)
    moodle_redirect(qtbot, kiosk, lms.url.replace("http://", "seb://") + path)
    qtbot.waitUntil(lambda: "did not arrive in time" in kiosk.message.text(), timeout=30000)
    assert path in lms.pages  # it was asked for
    assert ended == [] and kiosk.next_configuration is None
    assert kiosk.page.url().toString() == lms.url + "/quiz"
    qtbot.waitUntil(lambda: list(session_folder.iterdir()) == [], timeout=5000)
    again = answer(Qt.Key.Key_Escape)  # the student can be asked again: nothing is left running
    moodle_redirect(qtbot, kiosk, lms.link)
    qtbot.waitUntil(lambda: bool(again), timeout=15000)
