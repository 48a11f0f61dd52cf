"""The composition root's order and exits, with a recording frontend (the real steps around it)."""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import psutil
import pytest

from lockdown.app import check_build, run_exam
from lockdown.config.model import ExamConfig
from lockdown.errors import CheckFailed, ElevatedError, IntegrityError, IntegrityUnknown
from lockdown.frontend import EndReason, Review
from lockdown.guard.environment import Finding
from lockdown.guard.events import EventSink
from lockdown.guard.processes import RunningApp
from lockdown.i18n import Language
from lockdown.integrity.hashing import Progress
from lockdown.integrity.pending import PendingCheck
from lockdown.integrity.selfcheck import SelfCheckResult
from lockdown.platform import DisplayServer, StartSignal, Switch
from lockdown.sebkeys.jsapi import SebKeys
from lockdown.session.operations import Operation

VALID = SelfCheckResult("valid", [], "d" * 64)
UNVERIFIABLE = SelfCheckResult("unverifiable", ["running from source"])
INVALID = SelfCheckResult("invalid", ["lockdown/app.py: hash differs"])


class FakeBackend:
    os_name = "linux"

    def __init__(self, elevated: str | None = None, vm: str | None = None) -> None:
        self._elevated = elevated
        self._vm = vm

    def display_server(self) -> DisplayServer:
        return "x11"

    def elevated(self) -> str | None:
        return self._elevated

    def virtual_machine(self) -> str | None:
        return self._vm

    def remote_session(self) -> str | None:
        return None

    def shortcut_blocker(self) -> Switch | None:
        return None

    def capture_blocker(self, window_id: int) -> Switch | None:
        return None

    def process_counter(self) -> int | None:
        return None

    def program_starts(self) -> StartSignal | None:
        return None

    def pids_after(self, pid: int) -> set[int] | None:
        return None

    def own_process_name(self, pid: int) -> str | None:
        return None

    def is_own_process(self, proc: psutil.Process) -> bool:
        return False


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
    """Answers like a student would and writes down every step, in order."""

    def __init__(self, log: list[str], notice: bool = True, review: Review | None = None,
                 reason: EndReason = "quit_url", failing_op: bool = False) -> None:
        self.log = log
        self._notice = notice
        self._review = review
        self._reason = reason
        self._failing_op = failing_op
        self.findings: Sequence[Finding] = ()

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

    def open_kiosk(self, keys: SebKeys, events: EventSink) -> None:
        self.log.append("kiosk")

    def kiosk_operations(self, events: EventSink, backend: Any) -> list[Operation]:
        return [Op("covers", self.log), Op("keyboard", self.log, fail=self._failing_op),
                Op("focus", self.log)]

    def connection_changed(self, online: bool) -> None:
        self.log.append(f"online={online}")

    def run_kiosk(self) -> EndReason:
        self.log.append("run")
        return self._reason

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
    return run_exam(source, factory, backend or FakeBackend(), check or (lambda _progress: build))


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
        "perform covers", "perform keyboard", "perform focus", "run",
        "revert focus", "revert keyboard", "revert covers", "close"]
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
    assert err.value.exit_code == 1 and "hash differs" in str(err.value)
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
        run(config_file(), RecordingFrontend(log), backend=FakeBackend(elevated="uid 0"))
    assert log == []


def test_a_blocking_finding_stops_with_exit_1_and_nothing_locked(config_file) -> None:  # type: ignore[no-untyped-def]
    log: list[str] = []
    with pytest.raises(CheckFailed) as err:
        run(config_file(), RecordingFrontend(log), backend=FakeBackend(vm="QEMU"))
    assert err.value.exit_code == 1 and "virtual machine" in str(err.value)
    assert "kiosk" not in log and not [line for line in log if line.startswith("perform")]


def test_the_configuration_can_allow_what_would_block(config_file) -> None:  # type: ignore[no-untyped-def]
    log: list[str] = []
    frontend = RecordingFrontend(log)
    assert run(config_file(allow_virtual_machine=True), frontend, backend=FakeBackend(vm="QEMU")) == 0
    assert [f.check for f in frontend.findings] == ["virtual_machine"] and "run" in log


def test_a_failing_operation_undoes_the_ones_before_it(config_file) -> None:  # type: ignore[no-untyped-def]
    log: list[str] = []
    with pytest.raises(CheckFailed):
        run(config_file(), RecordingFrontend(log, failing_op=True))
    assert log[-3:] == ["perform covers", "revert covers", "close"]
    assert "run" not in log


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
