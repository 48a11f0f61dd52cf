"""Permitted programs: found on this computer or not, started, brought to the front, closed at
the end (only those lockdown started), with real processes."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import psutil

from lockdown.config.model import ProcessRule
from lockdown.guard.permitted import PermittedApps, program_path
from tests.guard.xtools import wait_for


class Windows:
    """The window manager's answers, as the test sets them."""

    def __init__(self) -> None:
        self.front: int | None = None
        self.raised: list[frozenset[int]] = []
        self.have_window = True

    def front_process(self) -> int | None:
        return self.front

    def bring_to_front(self, pids: frozenset[int]) -> bool:
        self.raised.append(pids)
        return self.have_window


def alive(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def test_a_program_is_found_by_its_path_or_on_path(tmp_path: Path) -> None:
    tool = tmp_path / "calc"
    tool.write_text("#!/bin/sh\n")
    tool.chmod(0o755)
    assert program_path(ProcessRule("calc", path=str(tmp_path))) == str(tool)
    assert program_path(ProcessRule("calc", path=str(tool))) == str(tool)
    assert program_path(ProcessRule("sleep")) is not None  # on PATH
    assert program_path(ProcessRule("calc.exe", path="C:\\Windows\\System32")) is None  # another OS's
    (tmp_path / "plain").write_text("")  # not executable
    assert program_path(ProcessRule("plain", path=str(tmp_path))) is None


def test_only_programs_this_computer_has_get_a_button() -> None:
    apps = PermittedApps([ProcessRule("sleep", title="Sleep"), ProcessRule("calc.exe"),
                          ProcessRule("sleep", active=False), ProcessRule("sleep", in_taskbar=False)],
                         lambda: None)
    assert [r.title for r in apps.rules] == ["Sleep"]


def test_started_brought_to_the_front_and_closed_at_the_end() -> None:
    windows = Windows()
    apps = PermittedApps([ProcessRule("sleep", arguments=("120",))], lambda: windows)
    before = psutil.Process().children(recursive=True)
    assert apps.show_or_start(0)  # not running: started
    (pid,) = apps.pids(0)
    # between fork and exec the child still has the test's command line
    assert wait_for(lambda: psutil.Process(pid).cmdline()[-1:] == ["120"])
    assert os.getsid(pid) == pid  # a session of its own
    apps.follow_up()  # its window appears: the front
    assert windows.raised == [frozenset({pid})]
    windows.front = pid
    assert apps.has_front()
    windows.front = os.getpid()
    assert not apps.has_front()
    assert apps.show_or_start(0) and apps.pids(0) == frozenset({pid})  # running: shown, not started twice
    apps.revert()
    assert not alive(pid)
    assert psutil.Process().children(recursive=True) == before


def test_what_the_program_started_is_closed_too(tmp_path: Path) -> None:
    script = tmp_path / "launcher"
    script.write_text("#!/bin/sh\nsleep 120 &\nwait\n")
    script.chmod(0o755)
    apps = PermittedApps([ProcessRule("launcher", path=str(tmp_path))], lambda: None)
    apps.start(0)
    deadline = time.monotonic() + 10
    while len(apps.pids(0)) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    pids = apps.pids(0)
    assert len(pids) == 2
    apps.revert()
    assert not [p for p in pids if alive(p)]


def test_a_program_the_student_had_open_before_is_not_closed() -> None:
    theirs = subprocess.Popen(["sleep", "120"])
    try:
        apps = PermittedApps([ProcessRule("sleep", autostart=True, arguments=("121",))], lambda: None)
        apps.perform()
        (ours,) = apps.pids()
        apps.revert()
        assert theirs.poll() is None
        assert not alive(ours)
    finally:
        theirs.kill()
        theirs.wait()


def test_a_program_that_cannot_start_is_said_so() -> None:
    def refuse(argv: list[str]) -> psutil.Popen:
        raise PermissionError(13, "Permission denied", argv[0])

    apps = PermittedApps([ProcessRule("sleep")], lambda: None, start=refuse)
    assert not apps.show_or_start(0)
    apps.revert()
