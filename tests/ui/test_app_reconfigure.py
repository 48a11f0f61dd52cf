"""A reconfiguration link in the kiosk, through run_exam with scripted windows: the exam's own
operations are undone back to one_exam, the next configuration is read, and the next exam runs
from its notice on, in the same session."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import pytest

from lockdown.app import run_exam
from lockdown.config.model import ExamConfig
from lockdown.errors import ConfigError
from lockdown.frontend import EndReason
from lockdown.i18n import Language
from lockdown.integrity.pending import PendingCheck
from tests.config.helpers import plist_xml
from tests.config.rncryptor import encrypted_seb
from tests.ui.test_app_road_in import ScriptedEntrance
from tests.ui.test_app_sequence import VALID, CachePrompt, RecordingFrontend, WindowsLikeBackend

NEXT_URL = "https://lms.example.org/mod/quiz/accessrule/seb/config.php?cmid=3"
NEXT = plist_xml("<key>startURL</key><string>https://lms.example.org/mod/quiz/view.php?id=3</string>")

EXAM_OPERATIONS = ["interface", "exam_server", "screen_covers", "clipboard", "keyboard_lock",
                   "focus_keeper", "process_guard", "capture_protection", "sound",
                   "keyboard_layout"]


class ReconfiguringFrontend(RecordingFrontend):
    """Ends its kiosk with "reconfigure" and hands back `served`, as the kiosk does after a
    `seb(s)://` link the student agreed to open; it notes whether the exam's mark was there."""

    def __init__(self, log: list[str], served: tuple[bytes, str]) -> None:
        super().__init__(log)
        self._served = served

    def show_notice(self, check: PendingCheck) -> bool:
        mark = Path(os.environ["XDG_CACHE_HOME"]).parent / "exam-running"
        self.log.append(f"mark {'there' if mark.exists() else 'missing'}")
        return super().show_notice(check)

    def run_kiosk(self) -> EndReason:
        super().run_kiosk()
        return "reconfigure"

    def next_configuration(self) -> tuple[bytes, str] | None:
        return self._served


def _exam_file(tmp_path: Path) -> str:
    path = tmp_path / "exam.json"
    path.write_text(json.dumps({"format": 1, "start_url": "https://lms.example.org/mod/quiz/view.php?id=2",
                                "allow_reconfiguration": True, "language": "fr"}))
    return str(path)


def _run(source: str, log: list[str], served: tuple[bytes, str], **options: object) -> int:
    """The first exam ends with the reconfiguration link, the next one with its quit URL."""
    frontends = [ReconfiguringFrontend(log, served), RecordingFrontend(log)]

    def factory(config: ExamConfig, lang: Language) -> RecordingFrontend:
        log.append(f"frontend {lang} {config.start_url}")
        return frontends.pop(0)

    return run_exam(source, factory, WindowsLikeBackend(log), lambda _progress: VALID, **options)  # type: ignore[arg-type]


def test_the_exam_is_reverted_back_to_one_exam_and_the_next_one_runs_from_its_notice(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="lockdown.session.operations")
    log: list[str] = []
    assert _run(_exam_file(tmp_path), log, (NEXT, NEXT_URL)) == 0
    messages = [r.getMessage() for r in caplog.records if r.name == "lockdown.session.operations"]
    assert messages == (
        [f"performed {name}"
         for name in ["session-temp-dir", "launch_environment", "one_exam", *EXAM_OPERATIONS]]
        + [f"reverted {name}" for name in EXAM_OPERATIONS[::-1]]
        + [f"performed {name}" for name in EXAM_OPERATIONS]
        + [f"reverted {name}" for name in [*EXAM_OPERATIONS[::-1], "one_exam", "launch_environment",
                                                           "session-temp-dir"]])
    steps = [line for line in log if line.startswith(("frontend", "mark", "notice", "run", "close"))]
    assert steps == [
        "frontend fr https://lms.example.org/mod/quiz/view.php?id=2", "mark there", "notice", "run", "close",
        # the next exam sets no language: the system's (the tests run in English), not the first exam's
        "frontend en https://lms.example.org/mod/quiz/view.php?id=3", "notice", "run", "close"]
    caches = {line for line in log if line.startswith("env")}
    assert len(caches) == 1  # both exams in the same session folder...
    assert not Path(caches.pop().split("=", 1)[1]).exists()  # ...removed at the end


def test_the_entrance_and_its_browser_session_stay_until_the_last_exam_ends(tmp_path: Path) -> None:
    log: list[str] = []
    assert _run(_exam_file(tmp_path), log, (NEXT, NEXT_URL), entrance=ScriptedEntrance(log)) == 0
    closes = [line for line in log if line in ("close", "entrance closed")]
    assert closes == ["close", "close", "entrance closed"]


def test_an_encrypted_next_configuration_asks_for_its_password(tmp_path: Path) -> None:
    log: list[str] = []
    prompt = CachePrompt("s3cret")
    xml = plist_xml("<key>startURL</key><string>https://lms.example.org/mod/quiz/view.php?id=3</string>")
    assert _run(_exam_file(tmp_path), log, (encrypted_seb(xml, "s3cret"), NEXT_URL), passwords=prompt) == 0
    assert len(prompt.caches) == 1 and "lockdown-session-" in prompt.caches[0]  # asked once, in the session
    assert "frontend en https://lms.example.org/mod/quiz/view.php?id=3" in log


def test_a_next_configuration_that_is_not_one_ends_in_one_line_with_everything_undone(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="lockdown.session.operations")
    log: list[str] = []
    with pytest.raises(ConfigError) as err:
        _run(_exam_file(tmp_path), log, (b"<html>sign in</html>", NEXT_URL))
    assert err.value.exit_code == 2 and NEXT_URL in str(err.value)
    reverted = [r.getMessage() for r in caplog.records if r.getMessage().startswith("reverted")]
    assert reverted[-3:] == ["reverted one_exam", "reverted launch_environment", "reverted session-temp-dir"]
    assert [line for line in log if line == "notice"] == ["notice"]  # no second exam
