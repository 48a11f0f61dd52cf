"""The road in, driven through run_exam with scripted windows: the start window, the sign-in step
against a real loopback LMS that answers a stranger with its login page, one exam at a time."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from lockdown.app import run_exam
from lockdown.config.model import ExamConfig
from lockdown.errors import SignInRequired, UsageError
from lockdown.i18n import Language
from lockdown.platform import WindowKeyboardGrab
from lockdown.platform.fake import FakeBackend
from lockdown.session.one_exam import ExamAlreadyRunning
from tests.config.helpers import plist_xml
from tests.ui.test_app_sequence import VALID, RecordingFrontend

REPO = Path(__file__).resolve().parents[2]
SEB = plist_xml("<key>startURL</key><string>https://lms.example.org/mod/quiz/view.php?id=2</string>"
                "<key>lockdownLanguage</key><string>fr</string>")


class ScriptedEntrance:
    """The student's answers in the start and sign-in windows, written down in the log."""

    def __init__(self, log: list[str], source: str | None = None,
                 served: tuple[bytes, str] | None = None) -> None:
        self.log = log
        self._source = source
        self._served = served

    def choose_source(self) -> str | None:
        self.log.append("start window")
        return self._source

    def sign_in(self, url: str) -> tuple[bytes, str] | None:
        self.log.append(f"sign in {url}")
        return self._served

    def close(self) -> None:
        self.log.append("entrance closed")


@pytest.fixture
def lms() -> Iterator[str]:
    """config.php answers a stranger with a redirect to the LMS's login page, as Moodle does."""
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path.startswith("/mod/quiz/accessrule/seb/config.php"):
                self.send_response(303)
                self.send_header("Location", "/login/index.php")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            body = b"<html><form>log in</form></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _run(source: str | None, log: list[str], entrance: ScriptedEntrance | None) -> int:
    frontend = RecordingFrontend(log)

    def factory(config: ExamConfig, lang: Language) -> RecordingFrontend:
        log.append(f"frontend {lang} {config.start_url}")
        return frontend

    return run_exam(source, factory, FakeBackend(keyboard_lock=WindowKeyboardGrab()), lambda _progress: VALID,
                    entrance=entrance)


def test_a_link_behind_a_login_opens_the_sign_in_step_then_the_exam(lms: str, tmp_path: Path) -> None:
    log: list[str] = []
    config_php = "/mod/quiz/accessrule/seb/config.php?cmid=2"
    served = (SEB, f"http://{lms}{config_php}")
    assert _run(f"seb://{lms}{config_php}", log, ScriptedEntrance(log, served=served)) == 0
    steps = [line for line in log if not line.startswith(("env", "perform", "revert"))]
    assert steps[:3] == [f"sign in http://{lms}{config_php}",
                         "frontend fr https://lms.example.org/mod/quiz/view.php?id=2", "notice"]
    assert steps[-2:] == ["close", "entrance closed"]  # the sign-in session is freed after the kiosk


def test_leaving_the_sign_in_window_changes_nothing(lms: str) -> None:
    log: list[str] = []
    config_php = "/mod/quiz/accessrule/seb/config.php?cmid=2"
    assert _run(f"http://{lms}{config_php}", log, ScriptedEntrance(log, served=None)) == 0
    assert log == [f"sign in http://{lms}{config_php}", "entrance closed"]


def test_without_windows_a_login_page_is_one_line_error(lms: str) -> None:
    with pytest.raises(SignInRequired, match=r"sign-in page|web page"):
        _run(f"http://{lms}/mod/quiz/accessrule/seb/config.php?cmid=2", [], None)


def test_no_file_or_link_shows_the_start_window(tmp_path: Path) -> None:
    exam = tmp_path / "exam.seb"
    exam.write_bytes(SEB)
    log: list[str] = []
    assert _run(None, log, ScriptedEntrance(log, source=str(exam))) == 0
    assert log[0] == "start window" and "notice" in log
    log.clear()
    assert _run(None, log, ScriptedEntrance(log, source=None)) == 0  # the student left
    assert log == ["start window", "entrance closed"]
    with pytest.raises(UsageError, match="no exam configuration given"):
        _run(None, [], None)


HOLDER = """
import sys, tempfile, time
from pathlib import Path
from lockdown.session.one_exam import OneExam
folder = Path(tempfile.mkdtemp(prefix=f"lockdown-session-{__import__('os').getpid()}-"))
OneExam(folder).perform()
print("holding", flush=True)
time.sleep(60)
"""


def test_a_second_exam_is_refused_before_anything_is_shown(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr(tempfile, "tempdir", None)  # the session folders go to tmp_path
    exam = tmp_path / "exam.seb"
    exam.write_bytes(SEB)
    first = subprocess.Popen([sys.executable, "-c", HOLDER], cwd=REPO, stdout=subprocess.PIPE, text=True,
                             env={**os.environ, "PYTHONPATH": str(REPO)})
    try:
        assert first.stdout is not None and first.stdout.readline().strip() == "holding"
        log: list[str] = []
        with pytest.raises(ExamAlreadyRunning, match=f"process {first.pid}"):
            _run(str(exam), log, None)
        assert not [line for line in log if line.startswith(("frontend", "notice"))]
    finally:
        first.kill()
        first.wait()
