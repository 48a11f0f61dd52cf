"""The programs an exam permits (SEB's `permittedProcesses`): started from the taskbar or with the
exam, allowed to take the front while they run, and closed at the end.

Only programs lockdown itself started are ever closed: one the student had open before keeps
running (the process guard leaves permitted programs alone in any case). Each is started in a
session of its own, so closing it closes what it started too. A program this computer does not
have (an entry written for Windows, `calc.exe`) gets no button.

An Operation: `perform()` starts the `autostart` ones, `revert()` closes every one still running.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path

import psutil

from lockdown.config.model import ProcessRule
from lockdown.platform.base import WindowControl

log = logging.getLogger(__name__)

CLOSE_GRACE_S = 3.0

Launcher = Callable[[list[str]], psutil.Popen]


def launch(argv: list[str]) -> psutil.Popen:
    """Start a program in a session of its own, its output discarded (it is not lockdown's log)."""
    return psutil.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                        stderr=subprocess.DEVNULL, start_new_session=True)


def program_path(rule: ProcessRule, which: Callable[[str], str | None] = shutil.which) -> str | None:
    """Where the rule's program is on this computer: its `path` (a folder or the program itself),
    else the executable's name looked up on PATH; None when it is not here."""
    if rule.path:
        given = Path(rule.path)
        for candidate in (given / rule.executable, given):
            if candidate.is_file() and os.access(candidate, os.X_OK):
                return str(candidate)
    return which(rule.executable)


class PermittedApps:
    """The permitted programs of one exam that this computer has, and those lockdown started."""

    name = "permitted_apps"

    def __init__(self, rules: Sequence[ProcessRule], windows: Callable[[], WindowControl | None],
                 start: Launcher = launch, which: Callable[[str], str | None] = shutil.which) -> None:
        found = [(r, program_path(r, which)) for r in rules if r.active and (r.in_taskbar or r.autostart)]
        self._programs = [(r, path) for r, path in found if path is not None]
        for r, path in found:
            if path is None:
                log.info("permitted program %r is not on this computer: no button", r.executable)
        self.rules: tuple[ProcessRule, ...] = tuple(r for r, _ in self._programs)
        self._windows = windows
        self._start = start
        self._started: dict[int, list[psutil.Popen]] = {}
        self._to_front: set[int] = set()
        """Programs started whose window has not been brought to the front yet."""

    def perform(self) -> None:
        for index, rule in enumerate(self.rules):
            if rule.autostart and not self.start(index):
                log.warning("the permitted program %r could not be started with the exam", rule.executable)

    def revert(self) -> None:
        """Close every program lockdown started that still runs, and what each started."""
        procs: list[psutil.Process] = []
        for started in self._started.values():
            for popen in started:
                procs += self._tree(popen)
        self._started.clear()
        for each in procs:
            try:
                each.terminate()
            except psutil.NoSuchProcess:
                continue
            except psutil.AccessDenied:
                log.warning("not allowed to close a permitted program (pid %d)", each.pid)
        _gone, alive = psutil.wait_procs(procs, timeout=CLOSE_GRACE_S)
        for left in alive:
            try:
                left.kill()
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                continue
        psutil.wait_procs(alive, timeout=1.0)

    @staticmethod
    def _tree(proc: psutil.Process) -> list[psutil.Process]:
        try:
            if not proc.is_running() or proc.status() == psutil.STATUS_ZOMBIE:
                proc.wait(0)  # collect it
                return []
            return [proc, *proc.children(recursive=True)]
        except (psutil.NoSuchProcess, psutil.TimeoutExpired):
            return []

    def start(self, index: int) -> bool:
        rule, path = self._programs[index]
        try:
            proc = self._start([path, *rule.arguments])
        except OSError as exc:
            log.warning("permitted program %r not started: %s", rule.executable, exc)
            return False
        self._started.setdefault(index, []).append(proc)
        self._to_front.add(index)
        log.info("started permitted program %r (pid %d)", rule.executable, proc.pid)
        return True

    def follow_up(self) -> None:
        """Called every second by the taskbar: a program just started comes to the front as soon
        as its window appears (the kiosk stays on top of windows the window manager places)."""
        windows = self._windows()
        for index in list(self._to_front):
            pids = self.pids(index)
            if not pids:
                self._to_front.discard(index)
            elif windows is not None and windows.bring_to_front(pids):
                self._to_front.discard(index)

    def pids(self, index: int | None = None) -> frozenset[int]:
        """The processes lockdown started (for one program, or all) and their children, running now."""
        lists = [self._started.get(index, [])] if index is not None else list(self._started.values())
        return frozenset(p.pid for started in lists for proc in started for p in self._tree(proc))

    def running(self, index: int) -> bool:
        return bool(self.pids(index))

    def show_or_start(self, index: int) -> bool:
        """The taskbar's button: bring a running one to the front, or start it; False if neither."""
        windows = self._windows()
        pids = self.pids(index)
        if pids and windows is not None and windows.bring_to_front(pids):
            return True
        if pids:
            return True  # it runs and has no window yet: follow_up() brings it when it has one
        return self.start(index)

    def has_front(self) -> bool:
        """Whether a program lockdown started has the front now: the kiosk lets it keep it."""
        windows = self._windows()
        if windows is None or not self._started:
            return False
        front = windows.front_process()
        return front is not None and front in self.pids()
