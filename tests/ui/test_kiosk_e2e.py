"""End to end: `lockdown run` as a fresh ordinary user on Xvfb + openbox, driven with xdotool.

The notice, Enter, the kiosk covering the screen with the page rendered (screenshots checked),
the window title, and each way out (quit URL, quit password, SIGTERM, Cancel) ending with exit 0,
nothing left in the user's home and no session folder left in /tmp.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import psutil
import pytest
from PySide6.QtGui import QImage

from tests.support.display import HEIGHT, WIDTH, screenshot
from tests.support.users import User, popen_as, started_under, user_python

pytestmark = [pytest.mark.slow, pytest.mark.x11, pytest.mark.asuser, pytest.mark.timeout(240)]

PAGE_BLUE = (0x2A, 0x7A, 0xE2)
EXAM_PAGE = """<!doctype html><title>Exam home</title>
<body style="margin:0;background:#2a7ae2">
<a href="/done" style="position:absolute;left:100px;top:100px;width:300px;height:100px;
 background:#ffcc00;display:block;font-size:30px">Finish</a></body>"""
PASSWORD = "proctor"


@pytest.fixture
def exam_site(tmp_path: Path) -> Iterator[str]:
    """The exam page on 127.0.0.1 (served by this test process; the user's kiosk connects to it)."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(EXAM_PAGE)

    class Handler(SimpleHTTPRequestHandler):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, directory=str(site), **kwargs)  # type: ignore[arg-type]

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def exam_config(exam_site: str, unprivileged_user: User) -> Path:
    config = {"format": 1, "start_url": exam_site + "/index.html", "quit_url": exam_site + "/done",
              "allow_unverified_build": True, "allow_virtual_machine": True, "language": "en",
              "window_title_suffix": "E2E",
              "hashed_quit_password": hashlib.sha256(PASSWORD.encode()).hexdigest()}
    path = unprivileged_user.home / "exam.json"
    path.write_text(json.dumps(config))
    os.chown(path, unprivileged_user.uid, unprivileged_user.gid)
    return path


class KioskRun:
    """One `lockdown run` as the user, and the xdotool moves a student would make."""

    def __init__(self, user: User, display: str, config: Path, shots: Path) -> None:
        self.user = user
        self.display = display
        self.shots = shots
        self.env = dict(os.environ, DISPLAY=display)
        self.log = shots / "kiosk.log"
        with self.log.open("wb") as log:  # a file, not a pipe: the keyring daemon outlives the kiosk
            self.proc = popen_as(user, [str(user_python()), "-m", "lockdown", "run", str(config)],
                                 env={"DISPLAY": display, "LOCKDOWN_DEBUG": "1"},  # steps, for failures
                                 stdout=log, stderr=subprocess.STDOUT)

    def xdotool(self, *args: str) -> str:
        return subprocess.run(["xdotool", *args], env=self.env, capture_output=True, text=True,
                              timeout=30).stdout.strip()

    def wait_window(self, name: str, timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.xdotool("search", "--onlyvisible", "--name", name)
            if found:
                return found.split()[0]
            assert self.proc.poll() is None, f"lockdown ended early: {self.output()}"
            time.sleep(0.2)
        raise AssertionError(f"no window named {name!r}: {self.output()}")

    def wait_active_title(self, title: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.xdotool("getactivewindow", "getwindowname") == title:
                return
            time.sleep(0.2)
        raise AssertionError(f"active window is {self.xdotool('getactivewindow', 'getwindowname')!r}")

    def key(self, window: str, *keys: str) -> None:
        self.xdotool("windowactivate", "--sync", window)
        self.xdotool("key", "--clearmodifiers", *keys)

    def shot(self, name: str) -> QImage:
        path = screenshot(self.display, self.shots / f"{name}.png")
        image = QImage(str(path))
        assert (image.width(), image.height()) == (WIDTH, HEIGHT)
        return image

    def kiosk_process(self) -> psutil.Process:
        for child, argv in started_under(self.proc):
            if argv[:4] == [str(user_python()), "-m", "lockdown", "run"]:
                return child
        raise AssertionError("no lockdown process")

    def wait_exit(self, timeout: float = 30) -> int:
        self.proc.wait(timeout)
        return self.proc.returncode

    def output(self) -> str:
        lines = self.log.read_text(errors="replace").splitlines()
        noise = ("vulkan", "Vulkan", "GPU vendor", "DRI3", "dbus/bus.cc")
        return "\n".join(line for line in lines if not any(n in line for n in noise))[-6000:]

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(10)


def share(image: QImage, rgb: tuple[int, int, int], step: int = 16) -> float:
    """Fraction of sampled pixels of exactly this colour."""
    hits = total = 0
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            c = image.pixelColor(x, y)
            total += 1
            hits += (c.red(), c.green(), c.blue()) == rgb
    return hits / total


def distinct_colours(image: QImage, step: int = 8) -> int:
    return len({image.pixel(x, y) for y in range(0, image.height(), step)
                for x in range(0, image.width(), step)})


def assert_no_trace(user: User) -> None:
    assert list(user.home.iterdir()) == [user.home / "exam.json"], list(user.home.rglob("*"))
    leftovers = [p for p in Path("/tmp").glob("lockdown-session-*") if p.stat().st_uid == user.uid]
    assert leftovers == []


@pytest.fixture
def kiosk(unprivileged_user: User, x_display: str, exam_config: Path, tmp_path: Path) -> Iterator[KioskRun]:
    run = KioskRun(unprivileged_user, x_display, exam_config, tmp_path)
    try:
        yield run
    finally:
        run.stop()


def enter_exam(kiosk: KioskRun) -> None:
    notice = kiosk.wait_window("Before your exam")
    time.sleep(0.5)
    image = kiosk.shot("notice")
    assert distinct_colours(image) > 8, "the notice screenshot is blank"
    kiosk.key(notice, "Return")  # Continue is the default button
    try:
        kiosk.wait_active_title("Exam home - E2E", timeout=10)
    except AssertionError:
        # On a display that has just started, a key sent while the window is still being
        # mapped can land nowhere; a student would press Enter again.
        if kiosk.xdotool("search", "--onlyvisible", "--name", "Before your exam"):
            kiosk.key(notice, "Return")
        kiosk.wait_active_title("Exam home - E2E")
    time.sleep(1.0)


def test_notice_then_full_screen_kiosk_then_sigterm_within_2s(kiosk: KioskRun,
                                                              unprivileged_user: User) -> None:
    enter_exam(kiosk)
    geometry = kiosk.xdotool("getactivewindow", "getwindowgeometry")
    assert f"Geometry: {WIDTH}x{HEIGHT}" in geometry
    image = kiosk.shot("kiosk")
    assert share(image, PAGE_BLUE) > 0.8, "the exam page does not cover the screen"
    process = kiosk.kiosk_process()
    started = time.monotonic()
    process.send_signal(signal.SIGTERM)
    process.wait(5)
    assert time.monotonic() - started < 2.0
    assert kiosk.wait_exit() == 0, kiosk.output()
    assert_no_trace(unprivileged_user)


def test_quit_url_ends_the_exam_with_exit_0(kiosk: KioskRun, unprivileged_user: User) -> None:
    enter_exam(kiosk)
    kiosk.xdotool("mousemove", "--sync", "250", "150")
    kiosk.xdotool("click", "1")
    assert kiosk.wait_exit() == 0, kiosk.output()
    assert_no_trace(unprivileged_user)


def test_quit_password_ends_the_exam_only_when_right(kiosk: KioskRun, unprivileged_user: User) -> None:
    enter_exam(kiosk)
    kiosk.xdotool("key", "ctrl+q")
    dialog = kiosk.wait_window("Leave the exam")
    kiosk.xdotool("type", "--delay", "20", "wrong")
    kiosk.key(dialog, "Return")
    time.sleep(1.0)
    assert kiosk.proc.poll() is None, "a wrong password ended the exam"
    kiosk.shot("quit-dialog")
    kiosk.xdotool("type", "--delay", "20", PASSWORD)
    kiosk.xdotool("key", "Return")
    assert kiosk.wait_exit() == 0, kiosk.output()
    assert_no_trace(unprivileged_user)


def test_cancel_on_the_notice_changes_nothing(kiosk: KioskRun, unprivileged_user: User) -> None:
    notice = kiosk.wait_window("Before your exam")
    kiosk.key(notice, "Escape")
    assert kiosk.wait_exit() == 0, kiosk.output()
    assert not kiosk.xdotool("search", "--onlyvisible", "--name", "Exam home")
    assert_no_trace(unprivileged_user)


def test_demo_shows_the_notice_then_the_sample_exam_and_stops_its_server(
        unprivileged_user: User, x_display: str, tmp_path: Path) -> None:
    log = tmp_path / "demo.log"
    with log.open("wb") as out:
        proc = popen_as(unprivileged_user, [str(user_python()), "-m", "lockdown", "demo"],
                        env={"DISPLAY": x_display}, stdout=out, stderr=subprocess.STDOUT)
    run = KioskRun.__new__(KioskRun)
    run.user, run.display, run.shots, run.log, run.proc = unprivileged_user, x_display, tmp_path, log, proc
    run.env = dict(os.environ, DISPLAY=x_display)
    try:
        notice = run.wait_window("Before your exam", timeout=60)
        run.key(notice, "Return")
        run.wait_active_title("Sample exam")
        run.xdotool("key", "ctrl+q")
        dialog = run.wait_window("Leave the exam")
        run.key(dialog, "alt+l")  # Leave (Enter would go back to the exam: the safe default)
        assert run.wait_exit() == 0, run.output()
        stubs = [p for p in psutil.process_iter(["username", "cmdline"])
                 if p.info["username"] == unprivileged_user.name
                 and "server_stub" in (p.info["cmdline"] or [])]
        assert stubs == []
    finally:
        run.stop()
