"""Prohibited apps against real processes: copies of `sleep` named like the apps they stand for."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import psutil
import pytest

from lockdown.config.model import ExamConfig, ProcessRule
from lockdown.guard.applists import ASSISTIVE, PROHIBITED, names_for
from lockdown.guard.events import Event, GuardFailed, ProhibitedAppClosed
from lockdown.guard.processes import (
    FAILED_TICKS,
    AppPolicy,
    ProcessGuard,
    ProhibitedScan,
    close_processes,
    normalize,
    running_prohibited,
)
from lockdown.platform import OsName
from lockdown.platform.linux import LinuxBackend
from tests.guard.scoped import DescendantsOnly

Spawn = Callable[..., subprocess.Popen[bytes]]
SCOPE = DescendantsOnly()

CONFIG = ExamConfig(source="exam.json", format="native", start_url="https://exam.example/")
POLICY = AppPolicy(CONFIG, SCOPE)


@pytest.fixture
def bins() -> Iterator[Path]:
    """Copies of sleep named like apps, in a folder other users can run from too."""
    folder = Path(tempfile.mkdtemp(prefix="lockdown-guard-bin-", dir="/var/tmp"))
    folder.chmod(0o755)
    for name in ("anydesk", "orca", "mycheat", "notprohibited", "firefox-esr"):
        shutil.copy("/bin/sleep", folder / name)
    yield folder
    shutil.rmtree(folder)


@pytest.fixture
def spawn() -> Iterator[Spawn]:
    started: list[subprocess.Popen[bytes]] = []

    def start(*argv: str) -> subprocess.Popen[bytes]:
        started.append(subprocess.Popen(list(argv)))
        return started[-1]

    yield start
    for p in started:
        if p.poll() is None:
            p.kill()
        p.wait()


def wait_until(predicate: Callable[[], bool], timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return predicate()


def test_names_are_compared_without_path_case_or_exe() -> None:
    assert normalize(r"C:\Program Files\AnyDesk\AnyDesk.exe") == "anydesk"
    assert normalize("/usr/bin/Firefox") == "firefox"


def test_assistive_technology_is_never_in_the_prohibited_set_even_when_configured() -> None:
    cfg = ExamConfig(source="x", format="native", start_url="https://e/",
                     prohibited_processes=(ProcessRule("orca"), ProcessRule("NVDA.exe"),
                                           ProcessRule("mycheat")))
    policy = AppPolicy(cfg, LinuxBackend())
    assert "mycheat" in policy.prohibited
    assert not {"orca", "nvda"} & policy.prohibited
    systems: tuple[OsName, ...] = ("linux", "windows", "macos")
    for os_name in systems:
        assert not names_for(PROHIBITED, os_name) & names_for(ASSISTIVE, os_name)


def test_permitted_and_inactive_rules_take_names_off_the_list() -> None:
    cfg = ExamConfig(source="x", format="native", start_url="https://e/",
                     prohibited_processes=(ProcessRule("mycheat", active=False),),
                     permitted_processes=(ProcessRule("firefox"), ProcessRule("zoom", active=False)))
    policy = AppPolicy(cfg, LinuxBackend())
    assert "firefox" not in policy.prohibited and "mycheat" not in policy.prohibited
    assert "zoom" in policy.prohibited


def test_running_prohibited_lists_the_apps_but_not_assistive_technology(bins: Path, spawn: Spawn) -> None:
    anydesk = spawn(str(bins / "anydesk"), "30")
    spawn(str(bins / "orca"), "30")
    spawn(str(bins / "notprohibited"), "30")
    assert wait_until(lambda: psutil.Process(anydesk.pid).name() == "anydesk")
    found = running_prohibited(CONFIG, SCOPE)
    names = [a.name for a in found]
    assert "anydesk" in names
    assert "orca" not in names and "notprohibited" not in names
    assert any(a.pid == anydesk.pid for a in found)


def test_configured_names_are_found_and_permitted_ones_are_not(bins: Path, spawn: Spawn) -> None:
    spawn(str(bins / "mycheat"), "30")
    spawn(str(bins / "anydesk"), "30")
    time.sleep(0.1)
    cfg = ExamConfig(source="x", format="native", start_url="https://e/",
                     prohibited_processes=(ProcessRule("MyCheat.exe"),),
                     permitted_processes=(ProcessRule("anydesk"),))
    names = {a.name for a in running_prohibited(cfg, SCOPE)}
    assert "mycheat" in names and "anydesk" not in names


def test_close_processes_asks_then_forces(bins: Path, spawn: Spawn) -> None:
    polite = spawn(str(bins / "anydesk"), "30")
    # `trap "" TERM` is inherited through exec: this one ignores the polite request.
    stubborn = spawn("sh", "-c", f"trap '' TERM; exec {bins / 'firefox-esr'} 30")
    both = {polite.pid, stubborn.pid}
    assert wait_until(lambda: {a.pid for a in running_prohibited(CONFIG, SCOPE)} >= both)
    apps = [a for a in running_prohibited(CONFIG, SCOPE) if a.pid in (polite.pid, stubborn.pid)]
    started = time.monotonic()
    left = close_processes(apps, timeout=0.5)
    assert left == []
    # psutil reaps its own children, so their exit status is gone: check they are gone, and that
    # the stubborn one (which ignores SIGTERM) took the full polite wait before it was forced.
    assert not psutil.pid_exists(polite.pid) and not psutil.pid_exists(stubborn.pid)
    assert time.monotonic() - started >= 0.5


def test_the_guard_closes_a_new_prohibited_app_and_counts_it_once(bins: Path, spawn: Spawn) -> None:
    events: list[Event] = []
    guard = ProcessGuard(POLICY, events=events.append)
    orca_before = spawn(str(bins / "orca"), "30")
    guard.perform()
    try:
        app = spawn(str(bins / "anydesk"), "30")
        orca = spawn(str(bins / "orca"), "30")
        other = spawn(str(bins / "notprohibited"), "30")
        assert app.wait(3) == -15
        time.sleep(0.3)
        assert orca.poll() is None and orca_before.poll() is None and other.poll() is None
        assert events == [ProhibitedAppClosed("anydesk")]
    finally:
        guard.revert()


def test_the_guard_catches_a_program_that_a_shell_becomes_a_little_later(bins: Path, spawn: Spawn) -> None:
    events: list[Event] = []
    guard = ProcessGuard(POLICY, events=events.append, sweep_interval=None)
    guard.perform()
    try:
        late = spawn("sh", "-c", f"sleep 0.6; exec {bins / 'anydesk'} 30")
        assert late.wait(4) == -15
        assert events == [ProhibitedAppClosed("anydesk")]
    finally:
        guard.revert()


def test_a_program_that_changes_long_after_it_started_is_left_to_the_slow_sweep(bins: Path,
                                                                               spawn: Spawn) -> None:
    late = f"sleep 1.3; exec {bins / 'anydesk'} 30"
    without = ProcessGuard(POLICY, events=lambda e: None, sweep_interval=None)
    without.perform()
    try:
        missed = spawn("sh", "-c", late)
        time.sleep(2.5)
        assert missed.poll() is None  # past its second look, the fast path no longer sees it
    finally:
        without.revert()
        missed.kill()
        missed.wait()
    events: list[Event] = []
    guard = ProcessGuard(POLICY, events=events.append, sweep_interval=0.5)
    guard.perform()
    try:
        caught = spawn("sh", "-c", late)
        assert caught.wait(4) == -15
        assert events == [ProhibitedAppClosed("anydesk")]
    finally:
        guard.revert()


def test_the_guard_forces_a_program_that_ignores_the_request(bins: Path, spawn: Spawn) -> None:
    guard = ProcessGuard(POLICY, events=lambda e: None, grace=0.3)
    guard.perform()
    try:
        stubborn = spawn("sh", "-c", f"trap '' TERM; exec {bins / 'anydesk'} 30")
        assert stubborn.wait(4) == -9
    finally:
        guard.revert()


def test_another_users_prohibited_app_is_left_alone(bins: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("starting a process as another user needs root")
    events: list[Event] = []
    guard = ProcessGuard(POLICY, events=events.append)
    guard.perform()
    other = subprocess.Popen(["runuser", "-u", "nobody", "--", str(bins / "anydesk"), "30"])
    try:
        assert wait_until(lambda: any(c.name() == "anydesk" for c in psutil.Process(other.pid).children())
                          or psutil.Process(other.pid).name() == "anydesk")
        time.sleep(0.5)
        assert other.poll() is None
        assert events == []
    finally:
        guard.revert()
        subprocess.run(["pkill", "-KILL", "-u", "nobody", "-x", "anydesk"], check=False)
        other.kill()
        other.wait()


class Failing(DescendantsOnly):
    """The real backend, whose process counter fails the next `fail(n)` times: each a failed tick."""

    def __init__(self) -> None:
        super().__init__()
        self._left = 0
        self._lock = threading.Lock()

    def fail(self, times: int) -> None:
        with self._lock:
            self._left = times

    @property
    def left(self) -> int:
        with self._lock:
            return self._left

    def process_counter(self) -> int | None:
        with self._lock:
            if self._left > 0:
                self._left -= 1
                raise OSError("/proc/loadavg: Input/output error")
        return super().process_counter()


def test_a_guard_that_keeps_failing_reports_it_once_and_again_only_after_it_worked(
        bins: Path, spawn: Spawn) -> None:
    backend = Failing()
    events: list[Event] = []
    idle = 0.05  # a tick every 50 ms when nothing starts, not every 250: the same count, sooner
    guard = ProcessGuard(AppPolicy(CONFIG, backend), events=events.append, idle_interval=idle)
    guard.perform()
    try:
        backend.fail(FAILED_TICKS - 1)  # a bad patch that passes: nobody is told
        assert wait_until(lambda: backend.left == 0, timeout=30)
        time.sleep(0.5)
        assert events == []

        backend.fail(10**6)
        assert wait_until(lambda: events == [GuardFailed("process_guard")], timeout=30)
        time.sleep(FAILED_TICKS * idle * 2)  # still failing: still one report
        assert events == [GuardFailed("process_guard")]

        backend.fail(0)  # it works again: programs are closed again
        app = spawn(str(bins / "anydesk"), "30")
        assert app.wait(10) == -15
        assert events == [GuardFailed("process_guard"), ProhibitedAppClosed("anydesk")]

        backend.fail(10**6)  # a new run of failures is a new report
        assert wait_until(lambda: len(events) == 3, timeout=30)
        assert events[2] == GuardFailed("process_guard")
    finally:
        backend.fail(0)
        guard.revert()


def test_revert_stops_the_watcher(bins: Path, spawn: Spawn) -> None:
    guard = ProcessGuard(POLICY, events=lambda e: None)
    guard.perform()
    guard.revert()
    assert not any(t.name == "lockdown-process-guard" for t in threading.enumerate())
    app = spawn(str(bins / "anydesk"), "30")
    time.sleep(0.3)
    assert app.poll() is None


def test_the_documented_lists_are_the_ones_in_the_code() -> None:
    doc = (Path(__file__).resolve().parents[2] / "docs" / "LOCKDOWN.md").read_text()
    for table in (PROHIBITED, ASSISTIVE):
        for group, per_os in table.items():
            row = next((line for line in doc.splitlines() if line.startswith(f"| {group} |")), None)
            assert row is not None, group
            for names in per_os.values():
                for name in names:
                    assert f"`{name}`" in row, (group, name)


def test_refresh_lists_programs_started_after_the_sweep_and_drops_ended_ones(bins: Path,
                                                                             spawn: Spawn) -> None:
    early = spawn(str(bins / "anydesk"), "30")
    assert wait_until(lambda: psutil.Process(early.pid).name() == "anydesk")
    scan = ProhibitedScan(POLICY)  # the sweep made while the notice is read
    assert [a.pid for a in scan.apps] == [early.pid]
    late = spawn(str(bins / "firefox-esr"), "30")
    assert wait_until(lambda: psutil.Process(late.pid).name() == "firefox-esr")
    early.kill()
    early.wait()
    after = scan.refresh()  # when the checks screen is shown
    assert [a.pid for a in after] == [late.pid]


class ScriptedCounter(DescendantsOnly):
    """The real backend, with a counter and a listing from a script: what _Arrivals is asked."""

    def __init__(self, counters: list[int], listings: list[set[int]]) -> None:
        super().__init__()
        self._counters = counters
        self._listings = listings
        self.asked: list[int] = []

    def process_counter(self) -> int | None:
        return self._counters.pop(0)

    def pids_after(self, pid: int) -> set[int] | None:
        self.asked.append(pid)
        return self._listings.pop(0)


def test_arrivals_list_from_two_looks_back_so_a_late_pid_is_not_missed() -> None:
    from lockdown.guard.processes import _Arrivals

    far = 10**8  # numbers no real process has
    backend = ScriptedCounter([10, 10, 12, 15, 15, 17],
                              [{far + 1}, {far + 1, far + 2}, {far + 2, far + 3}])
    arrivals = _Arrivals(backend)
    assert arrivals.look() == set()  # the counter stood still: nothing listed
    assert arrivals.look() == {far + 1}
    assert arrivals.look() == {far + 2}  # handed out before the last look, listed only now
    assert arrivals.look() == set()
    assert arrivals.look() == {far + 3}
    assert backend.asked == [10, 10, 12]  # each listing starts at the counter two looks back


def test_the_guard_closes_a_prohibited_app_while_the_machine_starts_many_others(bins: Path,
                                                                                spawn: Spawn) -> None:
    events: list[Event] = []
    guard = ProcessGuard(POLICY, events=events.append)
    guard.perform()
    busy = subprocess.Popen(["sh", "-c", "i=0; while [ $i -lt 400 ]; do /bin/true; i=$((i+1)); done"])
    try:
        app = spawn(str(bins / "anydesk"), "30")
        assert app.wait(5) == -15
        assert events == [ProhibitedAppClosed("anydesk")]
    finally:
        busy.wait()
        guard.revert()


class CountedLooks(DescendantsOnly):
    """The test backend, counting the guard's looks (each reads the process counter once)."""

    def __init__(self) -> None:
        super().__init__()
        self.looks = 0

    def process_counter(self) -> int | None:
        self.looks += 1
        return super().process_counter()


@pytest.mark.parametrize("gap", [0.0, 0.1])
def test_a_machine_that_starts_programs_without_a_pause_gets_at_most_one_look_per_gap(
        bins: Path, spawn: Spawn, gap: float) -> None:
    backend = CountedLooks()
    events: list[Event] = []
    guard = ProcessGuard(AppPolicy(CONFIG, backend), events=events.append, sweep_interval=None, gap=gap)
    guard.perform()
    busy = subprocess.Popen(["sh", "-c", "while :; do /bin/true; done"])
    try:
        time.sleep(0.3)  # past the start of the loop
        before, started = backend.looks, time.monotonic()
        time.sleep(1.0)
        looks, seconds = backend.looks - before, time.monotonic() - started
        app = spawn(str(bins / "anydesk"), "30")  # still closed, within the gap and a look
        assert app.wait(5) == -15 and events == [ProhibitedAppClosed("anydesk")]
    finally:
        busy.kill()
        busy.wait()
        guard.revert()
    if gap:
        assert looks <= seconds / gap + 2, looks
    else:  # without the gap, every start is a look: what the gap bounds
        assert looks > 3 * seconds / 0.1, looks
