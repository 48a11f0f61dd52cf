"""End to end: the real kiosk tells the student which program it closed, as a fresh ordinary user.

On Xvfb + openbox, the exam runs as in `lockdown run` (tests/ui/kiosk_reader.py reads the kiosk's
message line through Qt's accessibility interface and prints it). The student presses Enter on
the notice; once the exam shows, a program named `zoom` (a copy of `sleep`) is started as the
same user: the guard closes it and the kiosk says so, naming it. SIGTERM then ends the exam with 0.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import signal
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.guard.xtools import continue_past_notice, press_enter_on, wait_for, x
from tests.support.display import screenshot
from tests.support.output import Tail
from tests.support.users import User, popen_as, started_under, user_python

pytestmark = [pytest.mark.slow, pytest.mark.x11, pytest.mark.asuser, pytest.mark.timeout(240)]

READER = Path(__file__).with_name("kiosk_reader.py")
PAGE = b"<!doctype html><title>Guard exam</title><body><h1>Exam</h1><input autofocus></body>"
SAID = "\u201czoom\u201d was closed: it is not allowed during this exam."


@pytest.fixture
def exam_site() -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(PAGE)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/exam/"
    server.shutdown()


@pytest.fixture
def shared_dir(exam_site: str) -> Iterator[Path]:
    """A folder the test user can read: the configuration, the reader and the prohibited program."""
    folder = Path(tempfile.mkdtemp(prefix="lockdown-e2e-message-", dir="/var/tmp"))
    folder.chmod(0o755)
    shutil.copy("/bin/sleep", folder / "zoom")
    shutil.copy(READER, folder / READER.name)
    (folder / READER.name).chmod(0o644)
    config = folder / "exam.json"
    config.write_text(json.dumps({"format": 1, "start_url": exam_site, "language": "en",
                                  "allow_unverified_build": True, "allow_virtual_machine": True}))
    config.chmod(0o644)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def lines_of(proc: subprocess.Popen[str]) -> queue.Queue[str]:
    lines: queue.Queue[str] = queue.Queue()

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.put(line.rstrip("\n"))

    threading.Thread(target=read, daemon=True).start()
    return lines


def expect(lines: queue.Queue[str], prefix: str, timeout: float) -> str:
    while True:
        line = lines.get(timeout=timeout)
        if line.startswith(prefix):
            return line[len(prefix):].strip()


def test_the_kiosk_names_the_program_it_closed(x_display: str, unprivileged_user: User,
                                               shared_dir: Path, tmp_path: Path) -> None:
    env = {"DISPLAY": x_display, "QT_QPA_PLATFORM": "xcb", "LANG": "en_US.UTF-8"}
    exam = popen_as(unprivileged_user, [str(user_python()), str(shared_dir / READER.name),
                                        str(shared_dir / "exam.json")],
                    env=env, keyring=False, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines = lines_of(exam)  # type: ignore[arg-type]
    errors = Tail(exam.stderr)
    zoom: subprocess.Popen[bytes] | None = None
    try:
        def notice() -> str:
            return x(x_display, "xdotool", "search", "--onlyvisible", "--name", "Before your exam")

        assert wait_for(lambda: bool(notice()), timeout=90), "no notice"
        def kiosk_said() -> bool:
            try:
                expect(lines, "kiosk", timeout=0.2)
                return True
            except queue.Empty:
                return False

        assert continue_past_notice(lambda: notice().split(), kiosk_said,
                                    lambda w: press_enter_on(x_display, w), wait=9), \
            f"the kiosk never showed: {errors.text()}"

        zoom = popen_as(unprivileged_user, [str(shared_dir / "zoom"), "120"], keyring=False,
                        source_tree=False)
        assert zoom.wait(15) != 0, "the prohibited program was not closed"
        assert expect(lines, "message", timeout=15) == SAID
        screenshot(x_display, tmp_path / "closed-message.png")

        reader = next(p for p, argv in started_under(exam) if READER.name in " ".join(argv))
        reader.send_signal(signal.SIGTERM)
        assert exam.wait(30) == 0, errors.text()
    finally:
        if zoom is not None and zoom.poll() is None:
            zoom.kill()
            zoom.wait()
        if exam.poll() is None:
            os.killpg(exam.pid, signal.SIGKILL)
            exam.wait()
