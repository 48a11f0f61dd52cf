"""The real kiosk against the real server stub when the network fails (issue 3's faults, issue 8's item 6).

`lockdown run` as a fresh ordinary user under Xvfb + openbox, on the stub's sample exam:
(a) the server stops in the middle of the exam and comes back: the kiosk keeps running and keeps
    the student's answer (the stub receives it after recovery), the banner appears while the
    server is away and goes after it returns, and every event the kiosk sent arrived exactly once;
(b) the exam page cannot load (the server is down at the start): lockdown's own "connection lost"
    page is shown, never Chromium's, and the page loads by itself once the server is back; and,
    in-process (offscreen), a server that resets every connection: the offline page, retries at
    growing delays, and the page once the server answers again.
Screenshots of each stage are kept in the test's tmp folder.
"""

from __future__ import annotations

import json
import os
import socket
import struct
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from PySide6.QtGui import QImage

from tests.support.stub import HARNESS, Stub, start_stub
from tests.support.users import User
from tests.ui.kiosk_helpers import exam_config as loopback_config
from tests.ui.kiosk_helpers import open_kiosk
from tests.ui.test_kiosk_e2e import KioskRun, distinct_colours, share

BANNER = (0xFF, 0xFF, 0xDC)
"""Qt's tool-tip background, the banner's colour (the exam page has none of it)."""
QT_WINDOW = (0xEF, 0xEF, 0xEF)
"""Qt's plain window background: lockdown's offline page (a Qt widget, not a web page)."""
ANSWER_FIELD = (632, 667)
"""Question 3's text field on the sample exam at 1280x800 (from a screenshot of the page)."""


@pytest.fixture
def exam_stub(tmp_path: Path) -> Iterator[Stub]:
    stub = start_stub(tmp_path, extra_args=["--allow-unverified-build", "--allow-virtual-machine"])
    try:
        yield stub
    finally:
        stub.stop()


@pytest.fixture
def exam_config(exam_stub: Stub, unprivileged_user: User) -> Path:
    """The stub's own configuration, byte for byte (same Config Key), saved where the user can read it."""
    reply = requests.get(exam_stub.url + "/exam/config.json", headers=HARNESS, timeout=10)
    reply.raise_for_status()
    path = unprivileged_user.home / "exam.json"
    path.write_bytes(reply.content)  # unchanged: the page checks the hash of this very configuration
    os.chown(path, unprivileged_user.uid, unprivileged_user.gid)
    return path


@pytest.fixture
def kiosk(unprivileged_user: User, x_display: str, exam_config: Path, tmp_path: Path) -> Iterator[KioskRun]:
    run = KioskRun(unprivileged_user, x_display, exam_config, tmp_path)
    try:
        yield run
    finally:
        run.stop()


def banner_share(image: QImage) -> float:
    """How much of the top strip (where the banner sits) has the banner's colour."""
    hits = total = 0
    for y in range(1, 11, 2):  # the banner is one line of text, about 14 px high
        for x in range(0, image.width(), 8):
            c = image.pixelColor(x, y)
            total += 1
            hits += (c.red(), c.green(), c.blue()) == BANNER
    return hits / total


def saved_answers(stub: Stub) -> list[str]:
    """The q3 answers the exam page autosaved, in order."""
    return [json.loads(r["body"])["answers"].get("q3", "") for r in stub.requests()
            if r["method"] == "POST" and r["path"] == "/exam/api/save"]


def wait_for(predicate: object, timeout: float, what: str, kiosk: KioskRun) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return
        assert kiosk.proc.poll() is None, f"lockdown ended: {kiosk.output()}"
        time.sleep(0.25)
    raise AssertionError(f"timed out waiting for {what}: {kiosk.output()}")


def enter_sample_exam(kiosk: KioskRun) -> None:
    notice = kiosk.wait_window("Before your exam")
    time.sleep(0.5)
    kiosk.key(notice, "Return")
    try:
        kiosk.wait_active_title("Sample exam", timeout=15)
    except AssertionError:
        if kiosk.xdotool("search", "--onlyvisible", "--name", "Before your exam"):
            kiosk.key(notice, "Return")
        kiosk.wait_active_title("Sample exam")
    time.sleep(1.0)


def type_answer(kiosk: KioskRun, text: str) -> None:
    """Click into question 3's field and type like a student."""
    kiosk.xdotool("mousemove", "--sync", *map(str, ANSWER_FIELD))
    kiosk.xdotool("click", "1")
    time.sleep(0.3)
    kiosk.xdotool("key", "End")
    kiosk.xdotool("type", "--delay", "30", text)


def stored_events(stub: Stub) -> list[dict[str, object]]:
    reply = stub.admin_get("/api/admin/events")
    reply.raise_for_status()
    events: list[dict[str, object]] = reply.json()["events"]
    return events


def sent_event_ids(stub: Stub) -> set[str]:
    """Every event_id the kiosk sent that reached the server (retries included)."""
    return {json.loads(r["body"])["event_id"] for r in stub.requests()
            if r["method"] == "POST" and r["path"] == "/api/events"}


def leave(kiosk: KioskRun) -> int:
    kiosk.xdotool("key", "ctrl+q")
    dialog = kiosk.wait_window("Leave the exam")
    kiosk.key(dialog, "alt+l")
    return kiosk.wait_exit(60)


def server_outage(kiosk: KioskRun, exam_stub: Stub, outage_s: float) -> None:
    enter_sample_exam(kiosk)
    before = kiosk.shot("1-exam")
    assert banner_share(before) < 0.2, "a banner shows while the server is up"
    type_answer(kiosk, "Ottawa")
    wait_for(lambda: "Ottawa" in saved_answers(exam_stub), 20, "the first autosave", kiosk)
    wait_for(lambda: {"exam_started"} <= {e["type"] for e in stored_events(exam_stub)}, 20,
             "exam_started", kiosk)

    exam_stub.stop()
    stopped = time.monotonic()
    type_answer(kiosk, " Ontario")  # typed while the server is away: must not be lost
    # Something to report while the server is away: another window takes the focus for a moment.
    xterm = subprocess.Popen(["xterm", "-e", "sleep", "3"], env=dict(os.environ, DISPLAY=kiosk.display),
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(lambda: banner_share(kiosk.shot("2-outage")) > 0.5, outage_s - 1,
                 "the connection-lost banner", kiosk)
        xterm.wait(10)  # let it map and take the focus for a moment (the kiosk counts focus_lost)
    finally:
        xterm.kill()
        xterm.wait()
    kiosk.wait_active_title("Sample exam", timeout=10)  # the exam page, not an error page
    time.sleep(max(0.0, outage_s - (time.monotonic() - stopped)))
    during = kiosk.shot("3-outage-end")
    assert banner_share(during) > 0.5, "the banner went away while the server was still down"
    assert kiosk.proc.poll() is None

    exam_stub.start()
    wait_for(lambda: "Ottawa Ontario" in saved_answers(exam_stub), 30,
             "the answer typed during the outage to reach the server", kiosk)
    wait_for(lambda: "connection_restored" in {e["type"] for e in stored_events(exam_stub)}, 40,
             "connection_restored", kiosk)
    kiosk.shot("4-back")
    wait_for(lambda: banner_share(kiosk.shot("5-banner-gone")) < 0.2, 15, "the banner to go", kiosk)
    assert kiosk.xdotool("getactivewindow", "getwindowname") == "Sample exam"

    assert leave(kiosk) == 0, kiosk.output()
    events = stored_events(exam_stub)
    ids = [str(e["event_id"]) for e in events]
    assert len(ids) == len(set(ids)), "an event was stored twice"
    assert set(ids) == sent_event_ids(exam_stub), "an event that reached the server was not stored"
    types = [e["type"] for e in events]
    for expected in ("exam_started", "connection_lost", "connection_restored", "exam_ended"):
        assert types.count(expected) == 1, types
    # the xterm in front: the focus keeper or the window watch brings the exam back, whichever is first
    assert {"focus_lost", "window_covered", "prohibited_app_closed"} & set(types), types


@pytest.mark.slow
@pytest.mark.x11
@pytest.mark.asuser
@pytest.mark.timeout(400)
def test_server_stops_for_30s_mid_exam_and_the_kiosk_carries_on(kiosk: KioskRun, exam_stub: Stub) -> None:
    server_outage(kiosk, exam_stub, outage_s=30)


@pytest.mark.slow
@pytest.mark.x11
@pytest.mark.asuser
@pytest.mark.timeout(300)
def test_page_that_cannot_load_shows_lockdowns_page_and_retries(kiosk: KioskRun, exam_stub: Stub) -> None:
    exam_stub.stop()
    notice = kiosk.wait_window("Before your exam")
    time.sleep(0.5)
    kiosk.key(notice, "Return")
    wait_for(lambda: not kiosk.xdotool("search", "--onlyvisible", "--name", "Before your exam"), 20,
             "the notice to close", kiosk)
    # The start-up first tries to open the exam session (a few seconds while the server is down).
    wait_for(lambda: distinct_colours(kiosk.shot("1-offline")) > 3, 20, "the offline page", kiosk)
    time.sleep(1)
    image = kiosk.shot("1-offline")
    assert banner_share(image) > 0.5, "no connection-lost banner"
    assert share(image, QT_WINDOW) > 0.8, "not lockdown's offline page (Chromium's would be white)"
    title = kiosk.xdotool("getactivewindow", "getwindowname")
    assert "Sample exam" not in title and "127.0.0.1" not in title, title
    time.sleep(4)
    kiosk.shot("2-offline-later")
    exam_stub.start()
    kiosk.wait_active_title("Sample exam", timeout=40)  # loaded by itself: backoff retries
    time.sleep(1)
    kiosk.shot("3-loaded")
    gets = [r for r in exam_stub.requests() if r["method"] == "GET" and r["path"].startswith("/exam/")]
    assert gets, "the page never reached the server"
    assert leave(kiosk) == 0, kiosk.output()


class ResettingServer:
    """Accepts connections on 127.0.0.1 and resets them (RST) until `heal()`; then serves one page."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}/"
        self.healed = False
        self.resets = 0
        threading.Thread(target=self._serve, daemon=True).start()

    def heal(self) -> None:
        self.healed = True

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                if not self.healed:
                    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    self.resets += 1
                    continue
                conn.recv(65536)
                body = b"<title>Exam home</title><p>back</p>"
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n"
                             b"Content-Length: %d\r\n\r\n%s" % (len(body), body))

    def close(self) -> None:
        self.sock.close()


@pytest.mark.timeout(150)
def test_reset_connections_show_the_offline_page_and_retry_with_growing_delays(qtbot) -> None:  # type: ignore[no-untyped-def]
    server = ResettingServer()
    try:
        kiosk = open_kiosk(qtbot, loopback_config(server.url), wait=False)
        countdowns: list[str] = []
        kiosk.page.connection_failed.connect(lambda _url: countdowns.append(kiosk.offline.countdown.text()))
        kiosk.open_exam()
        qtbot.waitUntil(lambda: len(countdowns) >= 3, timeout=45000)  # 1+2+4 s, on a busy machine
        assert kiosk.stack.currentWidget() is kiosk.offline
        assert countdowns[:3] == ["Next try in 1 s.", "Next try in 2 s.", "Next try in 4 s."]
        assert server.resets >= 3
        server.heal()
        qtbot.waitUntil(lambda: kiosk.stack.currentWidget() is kiosk.view, timeout=45000)
        qtbot.waitUntil(lambda: kiosk.page.title() == "Exam home", timeout=15000)
        assert kiosk.page.url().toString() == server.url
    finally:
        server.close()
