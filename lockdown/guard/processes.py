"""Prohibited apps: listed before the exam (with consent to close them) and closed when they start.

Only the student's own processes are ever touched, assistive technology never is, and nothing
about a process leaves the machine: the names are shown to the student, and of the guard's
`ProhibitedAppClosed(name)` event only its type is sent. One `AppPolicy` per exam is shared by
the checks before it (`ProhibitedScan`) and the guard during it (`ProcessGuard`). The watcher
looks only at processes started since its last look (a full psutil sweep costs ~8 ms of CPU; see
`_Arrivals` for how they are found), plus a slow full pass that catches a program that replaces
itself (exec) long after it started.
"""

from __future__ import annotations

import logging
import os
import select
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field

import psutil

from lockdown.config.model import ExamConfig
from lockdown.guard.applists import ASSISTIVE, PROHIBITED, names_for
from lockdown.guard.events import EventSink, GuardFailed, ProhibitedAppClosed
from lockdown.platform import ProcessFacts, StartSignal, get_backend

log = logging.getLogger(__name__)

FAILED_TICKS = 20
"""Consecutive failed ticks (2 s at the usual interval) after which the guard reports it failed."""

__all__ = ["ASSISTIVE", "PROHIBITED", "AppPolicy", "EventSink", "ProcessGuard", "ProhibitedScan",
           "RunningApp", "close_processes", "normalize", "running_prohibited"]


def normalize(name: str) -> str:
    """Compare names as the lists hold them: base name, lower case, without ".exe"."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1].strip().lower()
    return base.removesuffix(".exe")


@dataclass(frozen=True)
class RunningApp:
    """A running prohibited program; its name is shown to the student only, never sent."""

    pid: int
    name: str
    process: psutil.Process = field(compare=False, repr=False)


class AppPolicy:
    """Which of the student's processes count as prohibited for one exam on this OS."""

    def __init__(self, config: ExamConfig, backend: ProcessFacts) -> None:
        self.backend = backend
        assistive = frozenset().union(*(names_for(ASSISTIVE, o) for o in ("linux", "windows", "macos")))
        extra = {normalize(r.executable) for r in config.prohibited_processes if r.active}
        permitted = {normalize(r.executable) for r in config.permitted_processes if r.active}
        self.assistive: frozenset[str] = assistive
        self.prohibited: frozenset[str] = frozenset(
            (names_for(PROHIBITED, backend.os_name) | extra) - permitted - assistive)
        self._me = os.getpid()

    def is_candidate(self, proc: psutil.Process) -> bool:
        """Whether the process is the student's own and not lockdown itself."""
        try:
            return proc.pid != self._me and self.backend.is_own_process(proc)
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            return False

    def prohibits(self, *names: str | None) -> bool:
        """Whether these names of one process (name, executable) make it prohibited."""
        found = {normalize(n) for n in names if n}
        return bool(found & self.prohibited) and not found & self.assistive

    def inspect(self, proc: psutil.Process, thorough: bool = True) -> RunningApp | None:
        """The process as a RunningApp when it is the student's own and prohibited, else None.

        `thorough` also reads the executable's name (a program may rename its process); the
        watcher's fast path skips that read and leaves it to its slow sweep.
        """
        try:
            shown = proc.name()
            exe = None
            if thorough:
                try:
                    exe = proc.exe()
                except (psutil.AccessDenied, psutil.ZombieProcess, OSError):
                    exe = None
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            return None
        if not self.prohibits(shown, exe) or not self.is_candidate(proc):
            return None
        return RunningApp(proc.pid, shown, proc)


def running_prohibited(config: ExamConfig, backend: ProcessFacts | None = None) -> list[RunningApp]:
    """The student's prohibited programs running now, by name (shown to the student, never sent)."""
    return ProhibitedScan(AppPolicy(config, backend or get_backend())).apps


def _by_name(apps: Iterable[RunningApp]) -> list[RunningApp]:
    return sorted(apps, key=lambda a: (a.name.lower(), a.pid))


class ProhibitedScan:
    """One full sweep for prohibited programs, which `refresh()` brings up to date cheaply.

    The sweep can run in a thread while the notice is read; `refresh()` afterwards drops the
    programs that ended and inspects only the PIDs created since, so the checks screen still lists
    what runs when it is shown, without a second full sweep.
    """

    def __init__(self, policy: AppPolicy) -> None:
        self._policy = policy
        self._seen: set[int] = set()
        found: list[RunningApp] = []
        for proc in psutil.process_iter():
            self._seen.add(proc.pid)
            app = self._policy.inspect(proc)
            if app is not None:
                found.append(app)
        self.apps = _by_name(found)

    def refresh(self) -> list[RunningApp]:
        """The programs found still running, plus prohibited ones started since the sweep."""
        current = set(psutil.pids())
        kept = [a for a in self.apps if a.pid in current and a.process.is_running()]
        for pid in current - self._seen:
            try:
                app = self._policy.inspect(psutil.Process(pid))
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                continue
            if app is not None:
                kept.append(app)
        self._seen = current
        self.apps = _by_name(kept)
        return self.apps


def close_processes(apps: Iterable[RunningApp], timeout: float = 3.0) -> list[RunningApp]:
    """Ask each program to quit, then force those still running after `timeout` seconds.

    Returns the ones that could not be closed. Call only with the student's consent.
    """
    pending = list(apps)
    procs: list[psutil.Process] = []
    for app in pending:
        try:
            app.process.terminate()  # psutil refuses if the PID was reused meanwhile
            procs.append(app.process)
        except psutil.NoSuchProcess:
            continue
        except psutil.AccessDenied:
            log.warning("not allowed to close %s", app.pid)
    _gone, alive = psutil.wait_procs(procs, timeout=timeout)
    for proc in alive:
        try:
            proc.kill()
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    _gone, alive = psutil.wait_procs(alive, timeout=1.0)
    still = {p.pid for p in alive}
    return [a for a in pending if a.pid in still]


@dataclass
class _Young:
    """A PID seen recently, looked at again once or twice: a fork becomes its program a moment later."""

    proc: psutil.Process
    name: str
    checks: list[float]


class _Arrivals:
    """The processes started since the last look, found without listing all of them where the OS allows.

    Nothing is listed while the backend's counter stands still (it moves whenever a process or
    thread is created). Where the OS lists the processes numbered past a PID (Linux), a look lists
    only those past the counter's value two looks back (a PID handed out just before a look may
    not be listed yet): the cost follows what was started, not how many processes run. Elsewhere,
    and when the numbers wrap, every PID is listed and compared with the last list.
    """

    def __init__(self, backend: ProcessFacts) -> None:
        self._backend = backend
        self._counter = backend.process_counter()  # before the PIDs: a process started in between
        self._floor = self._counter                # moves the counter and is looked at
        self._seen = set(psutil.pids())

    def look(self) -> set[int]:
        latest = self._backend.process_counter()
        if latest is not None and latest == self._counter:
            return set()
        floor, counter = self._floor, self._counter
        self._floor, self._counter = counter, latest
        listed = None
        if latest is not None and floor is not None and counter is not None:
            if latest < counter:  # wrapped: the new ones are past the old counter or below the new one
                current = set(psutil.pids())
                new = {pid for pid in current if pid > floor or pid <= latest} - self._seen
                self._seen, self._floor = current, 0  # the next look lists from the start again
                return new
            listed = self._backend.pids_after(floor)
        current = listed if listed is not None else set(psutil.pids())
        new = current - self._seen
        self._seen = current
        return new


class ProcessGuard:
    """Operation: a watcher thread that closes prohibited programs started during the exam.

    It looks at the processes started since its last look (`_Arrivals`), by name, leaving other
    users' aside at the cost of one stat each: at once when the backend signals a program start
    (Linux: any dynamically linked program opening the C library; the starts that came while it
    looked are taken together), and every `idle_interval` seconds otherwise, for what no signal
    shows; where there is no signal, every `interval` seconds. Starts that come within `gap`
    seconds of the last look wait for the next one, all together: on a machine that starts
    programs without a pause the guard still looks at most once per `gap`, and a prohibited
    program is reached within `gap` plus one look. A new process of
    the student's is looked at again at the next program start, after one interval and after a
    second, in case it was caught between fork and exec. Every `sweep_interval` seconds all
    processes are checked by name and executable, which catches a later exec or a renamed
    process. A program it closes is asked to quit and forced after `grace` seconds. `events` is
    called from the watcher thread: each closed program as `ProhibitedAppClosed(name)`, and
    `GuardFailed` once when `FAILED_TICKS` ticks in a row failed (the guard keeps trying, and
    reports again only after it worked in between).
    """

    name = "process_guard"

    def __init__(self, policy: AppPolicy, events: EventSink, interval: float = 0.05,
                 sweep_interval: float | None = 30.0, grace: float = 1.0,
                 idle_interval: float = 0.25, gap: float = 0.04) -> None:
        self._backend = policy.backend
        self._policy = policy
        self._events = events
        self._interval = interval
        self._idle_interval = idle_interval
        self._gap = gap
        self._last_look = 0.0
        self._starts: StartSignal | None = None
        self._wake: tuple[int, int] | None = None
        self._waiting: select.poll | None = None  # the start signal and the wake pipe
        self._pausing: select.poll | None = None  # the wake pipe alone
        self._recheck = (interval, 1.0)
        self._sweep_interval = sweep_interval
        self._grace = grace
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def perform(self) -> None:
        self._stop.clear()
        self._starts = self._backend.program_starts()  # before the PIDs: a program started in
        arrivals = _Arrivals(self._backend)            # between signals, and is new
        if self._starts is not None:
            self._wake = os.pipe()  # revert() writes to it: the watcher's wait ends at once
            self._waiting, self._pausing = select.poll(), select.poll()
            for fd in (self._starts.fileno(), self._wake[0]):
                self._waiting.register(fd, select.POLLIN)
            self._pausing.register(self._wake[0], select.POLLIN)
        self._thread = threading.Thread(target=self._run, args=(arrivals,),
                                        name="lockdown-process-guard", daemon=True)
        self._thread.start()

    def revert(self) -> None:
        self._stop.set()
        if self._wake is not None:
            os.write(self._wake[1], b"x")
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
        if self._starts is not None:
            self._starts.close()
            self._starts = None
        if self._wake is not None:
            for fd in self._wake:
                os.close(fd)
            self._wake = None
        self._waiting = self._pausing = None

    def _sleep(self, pending: bool) -> tuple[bool, bool]:
        """Wait for the next look; (stop now, a program started)."""
        if self._starts is None or self._waiting is None or self._pausing is None:
            return self._stop.wait(self._interval), False
        timeout = self._interval if pending else self._idle_interval
        ready = self._waiting.poll(timeout * 1000)
        if self._stop.is_set():
            return True, False
        if not any(fd == self._starts.fileno() for fd, _ in ready):
            return False, False
        rest = self._last_look + self._gap - time.monotonic()
        if rest > 0:  # the starts of this pause are drained and looked at together after it
            self._pausing.poll(rest * 1000)
            if self._stop.is_set():
                return True, False
        self._starts.drain()
        return False, True

    def _run(self, arrivals: _Arrivals) -> None:
        young: dict[int, _Young] = {}
        closing: list[tuple[psutil.Process, float]] = []
        next_sweep = time.monotonic() + (self._sweep_interval or 0)
        failures = 0
        while True:
            stop, started = self._sleep(bool(young or closing))
            if stop:
                return
            try:
                now = self._last_look = time.monotonic()
                new = arrivals.look()
                if new:
                    self._look_at_new(new, young, closing, now)
                if young:
                    self._look_again(young, closing, now, started)
                if self._sweep_interval is not None and now >= next_sweep:
                    next_sweep = now + self._sweep_interval
                    self._sweep(closing, now)
                if closing:
                    self._finish_closing(closing, now)
            except Exception:  # the guard must outlive a bad tick; a run of them is reported
                failures += 1
                if failures == 1:
                    log.exception("process guard tick failed")
                if failures == FAILED_TICKS:
                    log.error("process guard failed %d times in a row", failures)
                    self._events(GuardFailed("process_guard"))
            else:
                if failures >= FAILED_TICKS:
                    log.warning("process guard works again after %d failed ticks", failures)
                failures = 0

    def _look_at_new(self, pids: set[int], young: dict[int, _Young],
                     closing: list[tuple[psutil.Process, float]], now: float) -> None:
        for pid in pids:
            name = self._backend.own_process_name(pid)  # None: another user's, or gone already
            if name is None:
                continue
            try:
                proc = psutil.Process(pid)
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                continue
            if self._policy.prohibits(name) and self._policy.is_candidate(proc):
                self._close(proc, name, now, closing)
            elif self._policy.is_candidate(proc):  # only the student's own are looked at again
                young[pid] = _Young(proc, name, [now + d for d in self._recheck])

    def _look_again(self, young: dict[int, _Young], closing: list[tuple[psutil.Process, float]],
                    now: float, started: bool = False) -> None:
        for pid, y in list(young.items()):
            if now >= y.checks[0]:
                y.checks.pop(0)
                if not y.checks:
                    del young[pid]
            elif not started:  # a program start may be one of these becoming its program: look now
                continue
            try:
                name = y.proc.name()
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                young.pop(pid, None)
                continue
            if name != y.name and self._policy.prohibits(name) and self._policy.is_candidate(y.proc):
                young.pop(pid, None)
                self._close(y.proc, name, now, closing)

    def _sweep(self, closing: list[tuple[psutil.Process, float]], now: float) -> None:
        for proc in psutil.process_iter(["name", "exe"]):
            info = proc.info
            if self._policy.prohibits(info.get("name"), info.get("exe")) and self._policy.is_candidate(proc):
                self._close(proc, info.get("name") or str(proc.pid), now, closing)

    def _close(self, proc: psutil.Process, name: str, now: float,
               closing: list[tuple[psutil.Process, float]]) -> None:
        if any(p.pid == proc.pid for p, _ in closing):
            return
        try:
            if proc.status() == psutil.STATUS_ZOMBIE:
                return  # it has ended already; only its parent has not collected it yet
            proc.terminate()
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            return
        closing.append((proc, now + self._grace))
        self._events(ProhibitedAppClosed(name))

    @staticmethod
    def _finish_closing(closing: list[tuple[psutil.Process, float]], now: float) -> None:
        for item in list(closing):
            proc, deadline = item
            try:
                if not proc.is_running() or proc.status() == psutil.STATUS_ZOMBIE:
                    closing.remove(item)
                elif now >= deadline:
                    proc.kill()
                    closing.remove(item)
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                closing.remove(item)
