"""The composition root's order and exits, with a recording frontend (the real steps around it)."""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import psutil
import pytest

from lockdown.app import check_build, run_exam
from lockdown.config.model import ExamConfig
from lockdown.config.passwords import PasswordRequest
from lockdown.errors import (
    CheckFailed,
    ElevatedError,
    IntegrityError,
    IntegrityUnknown,
    PasswordNeeded,
    WrongPassword,
)
from lockdown.frontend import EndReason, Review, WindowOperation
from lockdown.guard.environment import Finding
from lockdown.guard.events import (
    BuildUnverified,
    Event,
    EventSink,
    ExamEnded,
    ExamStarted,
    FocusLost,
    QuitRequested,
)
from lockdown.guard.processes import RunningApp
from lockdown.i18n import Language
from lockdown.integrity.hashing import Progress
from lockdown.integrity.pending import PendingCheck
from lockdown.integrity.selfcheck import SelfCheckResult
from lockdown.platform import Desk, Switch, WindowKeyboardGrab
from lockdown.platform.fake import FakeBackend, FakeLink, FakePower, FakeVolume
from lockdown.sebkeys.jsapi import SebKeys
from lockdown.session.operations import Operation
from lockdown.taskbar import ExamTools
from lockdown.words import phrase
from tests.config.helpers import plist_xml
from tests.config.rncryptor import encrypted_seb

VALID = SelfCheckResult("valid", [], "d" * 64)
UNVERIFIABLE = SelfCheckResult("unverifiable", [phrase("integrity.from_source")])
INVALID = SelfCheckResult("invalid", [phrase("integrity.modified", path="lockdown/app.py",
                                             reason=phrase("integrity.reason.content"))])


class Op:
    def __init__(self, name: str, log: list[str], fail: bool = False) -> None:
        self.name = name
        self._log = log
        self._fail = fail

    def perform(self) -> None:
        if self._fail:
            raise RuntimeError("cannot")
        self._log.append(f"perform {self.name}")

    def revert(self) -> None:
        self._log.append(f"revert {self.name}")


class RecordingFrontend:
    """Answers like a student would and writes down every step, in order.

    The operations it is asked to make write to the same log; what the student is shown (the
    events) is kept apart, in `shown`.
    """

    def __init__(self, log: list[str], notice: bool = True, review: Review | None = None,
                 reason: EndReason = "quit_url", failing_op: WindowOperation | None = None) -> None:
        self.log = log
        self._notice = notice
        self._review = review
        self._reason = reason
        self._failing_op = failing_op
        self.findings: Sequence[Finding] = ()
        self.shown: list[Event] = []
        self.guard_ran = False
        self._events: EventSink | None = None

    def show_notice(self, check: PendingCheck) -> bool:
        self.log.append("notice")
        self.log.append("env XDG_CACHE_HOME=" + os.environ.get("XDG_CACHE_HOME", ""))
        return self._notice

    def screen_count(self) -> int:
        return 1

    def review_environment(self, findings: Sequence[Finding], screens_ok: bool,
                           running: Sequence[RunningApp],
                           close: Callable[[Sequence[RunningApp]], list[RunningApp]]) -> Review:
        self.findings = findings
        self.log.append("review")
        if self._review is not None:
            return self._review
        return "blocked" if any(f.blocks for f in findings) else "start"

    def open_kiosk(self, keys: SebKeys, tools: ExamTools) -> None:
        self.log.append("kiosk")
        self.tools = tools

    def window_operation(self, kind: WindowOperation, events: EventSink) -> Operation:
        if kind == "focus_keeper":
            self._events = events
        return Op(kind, self.log, fail=kind == self._failing_op)

    def kiosk_window_id(self) -> int:
        return 4242

    def show(self, event: Event) -> None:
        self.shown.append(event)

    def run_kiosk(self) -> EndReason:
        self.log.append("run")
        self.guard_ran = any(t.name == "lockdown-process-guard" for t in threading.enumerate())
        if self._events is not None:
            self._events(FocusLost())  # the focus keeper saw another window come to the front
        return self._reason

    def next_configuration(self) -> tuple[bytes, str] | None:
        return None

    def close(self) -> None:
        self.log.append("close")


@pytest.fixture
def config_file(tmp_path: Path) -> Callable[..., str]:
    def write(**fields: Any) -> str:
        doc = {"format": 1, "start_url": "https://exam.example.org/", **fields}
        path = tmp_path / "exam.json"
        path.write_text(json.dumps(doc))
        return str(path)
    return write


def run(source: str, frontend: RecordingFrontend, backend: FakeBackend | None = None,
        build: SelfCheckResult = VALID, check: Callable[[Progress], SelfCheckResult] | None = None) -> int:
    def factory(config: ExamConfig, lang: Language) -> RecordingFrontend:
        frontend.log.append(f"frontend {lang}")
        return frontend
    x11 = FakeBackend(keyboard_lock=WindowKeyboardGrab())
    return run_exam(source, factory, backend or x11, check or (lambda _progress: build))


def gated(build: SelfCheckResult, log: list[str]) -> tuple[Callable[[Progress], SelfCheckResult],
                                                             threading.Event]:
    """A self-check that gives its verdict only once the returned event is set (a slow disk)."""
    release = threading.Event()

    def check(progress: Progress) -> SelfCheckResult:
        progress(0, 100)
        assert release.wait(30), "the exam never let the self-check finish"
        log.append(f"verdict {build.status}")
        return build
    return check, release


def test_every_step_in_order_and_every_exit_reverts(config_file) -> None:  # type: ignore[no-untyped-def]
    log: list[str] = []
    before = os.environ.get("XDG_CACHE_HOME")
    assert run(config_file(language="fr"), RecordingFrontend(log)) == 0
    assert [line for line in log if not line.startswith("env")] == [
        "frontend fr", "notice", "review", "kiosk",
        "perform screen_covers", "perform clipboard_keep", "perform keyboard_grab", "perform focus_keeper",
        "perform window_watch",
        "run",
        "revert window_watch",
        "revert focus_keeper", "revert keyboard_grab", "revert clipboard_keep", "revert screen_covers",
        "close"]
    cache = next(line for line in log if line.startswith("env"))
    assert "lockdown-session-" in cache  # Qt's caches pointed at the session folder...
    assert os.environ.get("XDG_CACHE_HOME") == before  # ...and the environment put back
    assert not Path(cache.split("=", 1)[1]).exists()


def test_cancel_on_the_notice_changes_nothing(config_file) -> None:  # type: ignore[no-untyped-def]
    log: list[str] = []
    assert run(config_file(), RecordingFrontend(log, notice=False)) == 0
    assert not [line for line in log if line.startswith(("perform", "kiosk", "run"))]


def test_an_invalid_build_stops_before_anything_is_locked_or_sent(config_file) -> None:  # type: ignore[no-untyped-def]
    log: list[str] = []
    with pytest.raises(IntegrityError) as err:
        run(config_file(allow_unverified_build=True), RecordingFrontend(log), build=INVALID)
    assert err.value.exit_code == 1 and "modified: lockdown/app.py (content differs)" in str(err.value)
    # The verdict may come before the notice (then nothing shows) or while it is read: either way
    # the environment is not reviewed, no kiosk opens and nothing is locked.
    assert [line for line in log if not line.startswith("env")] in ([], ["frontend en", "notice", "close"])


class ReleasingFrontend(RecordingFrontend):
    """A student who continues while the self-check is still running; the disk then catches up."""

    def __init__(self, log: list[str], release: threading.Event) -> None:
        super().__init__(log)
        self._release = release

    def show_notice(self, check: PendingCheck) -> bool:
        self.log.append(f"notice (check done: {check.done()})")
        self._release.set()
        return True


def test_the_notice_shows_while_the_build_is_checked_and_the_exam_waits_for_the_verdict(
        config_file) -> None:  # type: ignore[no-untyped-def]
    log: list[str] = []
    check, release = gated(VALID, log)
    assert run(config_file(), ReleasingFrontend(log, release), check=check) == 0
    steps = [line for line in log if not line.startswith(("env", "frontend", "perform", "revert"))]
    assert steps == ["notice (check done: False)", "verdict valid", "review", "kiosk", "run", "close"]


def test_an_invalid_verdict_after_the_notice_stops_before_the_checks(config_file) -> None:  # type: ignore[no-untyped-def]
    log: list[str] = []
    check, release = gated(INVALID, log)
    with pytest.raises(IntegrityError):
        run(config_file(allow_unverified_build=True), ReleasingFrontend(log, release), check=check)
    assert [line for line in log if not line.startswith(("env", "frontend"))] == [
        "notice (check done: False)", "verdict invalid", "close"]


def test_an_unverifiable_build_runs_only_when_the_exam_allows_it(config_file) -> None:  # type: ignore[no-untyped-def]
    log: list[str] = []
    with pytest.raises(IntegrityUnknown):
        run(config_file(), RecordingFrontend(log), build=UNVERIFIABLE)
    assert log == []
    assert run(config_file(allow_unverified_build=True), RecordingFrontend(log), build=UNVERIFIABLE) == 0
    assert "run" in log


def test_check_build_keeps_could_not_check_apart_from_invalid() -> None:
    config = ExamConfig(source="t", format="native", start_url="https://e.org/", allow_unverified_build=True)
    check_build(VALID, config)
    check_build(UNVERIFIABLE, config)
    with pytest.raises(IntegrityError):
        check_build(INVALID, config)


def test_elevated_is_refused_before_the_notice(config_file) -> None:  # type: ignore[no-untyped-def]
    log: list[str] = []
    with pytest.raises(ElevatedError):
        run(config_file(), RecordingFrontend(log), backend=FakeBackend(elevated=True))
    assert log == []


def test_a_blocking_finding_stops_with_exit_1_and_nothing_locked(config_file) -> None:  # type: ignore[no-untyped-def]
    log: list[str] = []
    with pytest.raises(CheckFailed) as err:
        qemu = phrase("reason.vm.named", name="QEMU")
        run(config_file(), RecordingFrontend(log), backend=FakeBackend(virtual_machine=qemu))
    assert err.value.exit_code == 1 and "virtual machine" in str(err.value)
    assert "kiosk" not in log and not [line for line in log if line.startswith("perform")]


def test_the_configuration_can_allow_what_would_block(config_file) -> None:  # type: ignore[no-untyped-def]
    log: list[str] = []
    frontend = RecordingFrontend(log)
    backend = FakeBackend(virtual_machine=phrase("reason.vm.named", name="QEMU"))
    assert run(config_file(allow_virtual_machine=True), frontend, backend=backend) == 0
    assert [f.check for f in frontend.findings] == ["virtual_machine"] and "run" in log


def test_a_failing_operation_undoes_the_ones_before_it(config_file) -> None:  # type: ignore[no-untyped-def]
    log: list[str] = []
    before = os.environ.get("XDG_CACHE_HOME")
    with pytest.raises(CheckFailed) as err:
        run(config_file(), RecordingFrontend(log, failing_op="keyboard_grab"))
    assert err.value.exit_code == 1 and "keyboard_lock" in str(err.value)
    assert log[-5:] == ["perform screen_covers", "perform clipboard_keep",
                        "revert clipboard_keep", "revert screen_covers", "close"]
    assert "run" not in log
    assert os.environ.get("XDG_CACHE_HOME") == before  # the session folder was undone too


def test_an_invalid_build_fetches_not_even_the_configuration() -> None:
    """The self-check comes first: a modified build sends no request at all, not even for the config,
    however long the verdict takes."""
    import http.server

    requests_seen: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requests_seen.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        log: list[str] = []
        check, release = gated(INVALID, log)
        threading.Timer(0.5, lambda: (log.append(f"requests while checking: {requests_seen}"),
                                      release.set())).start()
        with pytest.raises(IntegrityError):
            run(f"http://127.0.0.1:{server.server_port}/exam.json", RecordingFrontend(log), check=check)
        assert requests_seen == []
        assert log == ["requests while checking: []", "verdict invalid"]
    finally:
        server.shutdown()


class CachePrompt:
    """Gives one password and writes down where Qt's caches would go while it is asked."""

    tries = 1

    def __init__(self, password: str) -> None:
        self.password = password
        self.caches: list[str] = []

    def __call__(self, request: PasswordRequest) -> str | None:
        self.caches.append(os.environ.get("XDG_CACHE_HOME", ""))
        return self.password


def _encrypted_exam(tmp_path: Path) -> str:
    xml = plist_xml("<key>startURL</key><string>https://exam.example.org/</string>"
                    "<key>lockdownLanguage</key><string>fr</string>")
    path = tmp_path / "exam.seb"
    path.write_bytes(encrypted_seb(xml, "s3cret"))
    return str(path)


def test_an_encrypted_exam_is_asked_for_inside_the_session_folder(tmp_path: Path) -> None:
    log: list[str] = []
    prompt = CachePrompt("s3cret")
    assert run_exam(_encrypted_exam(tmp_path), lambda config, lang: (log.append(f"frontend {lang}"),
                                                                     RecordingFrontend(log))[1],
                    FakeBackend(), lambda _progress: VALID, passwords=prompt) == 0
    assert "lockdown-session-" in prompt.caches[0]  # a password dialog's caches are removed at the end too
    assert not Path(prompt.caches[0]).exists()
    assert log[0] == "frontend fr"  # the decrypted settings decide the language
    assert "run" in log


def test_a_missing_or_wrong_password_stops_before_anything_is_shown(tmp_path: Path) -> None:
    log: list[str] = []
    before = os.environ.get("XDG_CACHE_HOME")
    with pytest.raises(PasswordNeeded):
        run(_encrypted_exam(tmp_path), RecordingFrontend(log))
    with pytest.raises(WrongPassword):
        run_exam(_encrypted_exam(tmp_path), lambda c, lang: RecordingFrontend(log), FakeBackend(),
                 lambda _progress: VALID, passwords=CachePrompt("nope"))
    assert log == [] and os.environ.get("XDG_CACHE_HOME") == before


class RecordingSwitch:
    """A backend Switch (a hook, a window's capture setting) that writes to the log."""

    def __init__(self, what: str, log: list[str]) -> None:
        self._what = what
        self._log = log

    def start(self) -> None:
        self._log.append(f"start {self._what}")

    def stop(self) -> None:
        self._log.append(f"stop {self._what}")


class WindowsLikeBackend(FakeBackend):
    """A backend with a system-wide shortcut block and capture protection, as on Windows."""

    def __init__(self, log: list[str]) -> None:
        super().__init__(os_name="windows", display_server="windows",
                         keyboard_lock=RecordingSwitch("shortcut block", log))
        self._log = log

    def capture_blocker(self, window_id: int) -> Switch | None:
        return RecordingSwitch(f"capture protection of window {window_id}", self._log)


def WaylandBackend() -> FakeBackend:  # a backend, named like the others
    return FakeBackend(display_server="wayland", keyboard_lock=None)


def test_the_exam_is_one_list_performed_in_order_and_reverted_last_first(
        config_file, caplog) -> None:  # type: ignore[no-untyped-def]
    caplog.set_level(logging.DEBUG, logger="lockdown.session.operations")
    log: list[str] = []
    frontend = RecordingFrontend(log)
    assert run(config_file(), frontend, backend=WindowsLikeBackend(log)) == 0
    order = ["session-temp-dir", "launch_environment", "one_exam", "interface", "exam_server",
             "screen_covers", "clipboard", "keyboard_lock", "focus_keeper", "process_guard",
             "capture_protection", "sound", "keyboard_layout"]
    messages = [r.getMessage() for r in caplog.records if r.name == "lockdown.session.operations"]
    assert [m.removeprefix("performed ") for m in messages if m.startswith("performed ")] == order
    assert [m.removeprefix("reverted ") for m in messages if m.startswith("reverted ")] == order[::-1]
    assert [line for line in log if not line.startswith("env")] == [
        "frontend en", "notice", "review", "kiosk",
        "perform screen_covers", "perform clipboard_clear", "start shortcut block", "perform focus_keeper",
        "start capture protection of window 4242",
        "run",
        "stop capture protection of window 4242", "revert focus_keeper", "stop shortcut block",
        "revert clipboard_clear", "revert screen_covers",
        "close"]
    assert frontend.guard_ran  # the process guard watched while the kiosk ran...
    assert not any(t.name == "lockdown-process-guard" for t in threading.enumerate())  # ...and no longer


def test_x11_grabs_the_keyboard_in_the_kiosk_and_wayland_has_no_keyboard_lock(
        config_file) -> None:  # type: ignore[no-untyped-def]
    log: list[str] = []
    assert run(config_file(), RecordingFrontend(log)) == 0  # X11: no shortcut block, the window grabs
    assert "perform keyboard_grab" in log and "revert keyboard_grab" in log
    log.clear()
    assert run(config_file(wayland="limited"), RecordingFrontend(log), backend=WaylandBackend()) == 0
    assert "run" in log and not [line for line in log if "keyboard" in line or "shortcut" in line]


def test_the_student_is_shown_each_event_of_the_exam(config_file) -> None:  # type: ignore[no-untyped-def]
    frontend = RecordingFrontend([])
    assert run(config_file(), frontend) == 0
    assert frontend.shown == [ExamStarted(), FocusLost(), ExamEnded()]
    frontend = RecordingFrontend([], reason="quit_shortcut")
    assert run(config_file(allow_unverified_build=True), frontend, build=UNVERIFIABLE) == 0
    assert frontend.shown == [ExamStarted(), BuildUnverified(), FocusLost(), QuitRequested(), ExamEnded()]


def test_the_sound_is_set_for_the_exam_and_put_back_at_the_end(config_file) -> None:  # type: ignore[no-untyped-def]
    volume = FakeVolume(level=70, muted=False)
    backend = FakeBackend(keyboard_lock=WindowKeyboardGrab(),
                          desk=Desk(power=FakePower(), network=FakeLink(), volume=volume))
    seen: list[tuple[int, bool]] = []

    class Listening(RecordingFrontend):
        def run_kiosk(self) -> EndReason:
            seen.append((volume.level, volume.muted))
            return super().run_kiosk()

    assert run(config_file(audio={"mute": True, "volume": 30}), Listening([]), backend=backend) == 0
    assert seen == [(30, True)]  # during the exam
    assert (volume.level, volume.muted) == (70, False)  # as it was before
    assert volume.calls == [("level", 30), ("muted", True), ("level", 70), ("muted", False)]


def test_the_sound_is_left_alone_when_the_exam_does_not_touch_it(config_file) -> None:  # type: ignore[no-untyped-def]
    volume = FakeVolume(level=70)
    backend = FakeBackend(keyboard_lock=WindowKeyboardGrab(),
                          desk=Desk(power=FakePower(), network=FakeLink(), volume=volume))
    assert run(config_file(), RecordingFrontend([]), backend=backend) == 0
    assert volume.calls == []


def test_a_permitted_program_that_starts_with_the_exam_is_closed_at_its_end(
        config_file, tmp_path) -> None:  # type: ignore[no-untyped-def]
    running: list[frozenset[int]] = []

    class Listening(RecordingFrontend):
        def run_kiosk(self) -> EndReason:
            assert self.tools.apps is not None
            running.append(self.tools.apps.pids())
            return super().run_kiosk()

    config = config_file(permitted_processes=[
        {"executable": "sleep", "title": "Sleeper", "arguments": ["120"], "autostart": True}])
    assert run(config, Listening([])) == 0
    (pids,) = running
    assert len(pids) == 1
    (pid,) = pids
    assert not psutil.pid_exists(pid) or psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
