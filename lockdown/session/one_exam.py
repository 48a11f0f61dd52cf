"""One exam at a time: a second launch while an exam runs is refused with a clear message.

A student may click the LMS's link twice, or double-click the `.seb` while the first launch is
still starting. Two kiosks would fight over the keyboard and the screen, so the second one stops
before it changes anything. The mark is a file inside this exam's own session folder (the one
`tracefree.SessionTempDir` makes and removes), named with the process id: nothing is written
anywhere else, and a mark left by a killed process goes with its folder at the next start.
"""

from __future__ import annotations

import os
from pathlib import Path

import psutil

from lockdown.errors import LockdownError
from lockdown.paths import SESSION_TMP_PREFIX
from lockdown.tracefree import owner_pid

MARK = "exam-running"
"""The file in a session folder that says this process sits an exam."""


class ExamAlreadyRunning(LockdownError):
    """Another lockdown of this user already holds an exam open."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        super().__init__("run.already_running", pid=pid)


def _owned(folder: Path) -> bool:
    getuid = getattr(os, "getuid", None)
    try:
        return getuid is None or folder.lstat().st_uid == getuid()
    except OSError:
        return False


def _marked_at(folder: Path, pid: int) -> tuple[int, int] | None:
    """When `pid` marked `folder` (the mark's time, then the pid to break a tie); None if not live."""
    try:
        when = (folder / MARK).stat().st_mtime_ns
    except OSError:
        return None
    if not psutil.pid_exists(pid):
        return None  # its process is gone: the folder is a leftover, not an exam
    return when, pid


def running_exams(temp_root: Path, me: int | None = None) -> list[tuple[tuple[int, int], int]]:
    """(when marked, pid) of this user's live lockdown exams, first marked first (`me` excluded)."""
    me = os.getpid() if me is None else me
    found: list[tuple[tuple[int, int], int]] = []
    for folder in temp_root.glob(SESSION_TMP_PREFIX + "*"):
        pid = owner_pid(folder)
        if pid is None or pid == me or not _owned(folder):
            continue
        when = _marked_at(folder, pid)
        if when is not None:
            found.append((when, pid))
    return sorted(found)


class OneExam:
    """Operation: mark this process's session folder as sitting an exam, unless one already runs.

    The mark is written first and the others looked for afterwards, so two launches at the same
    instant cannot both go on: each sees the other, and only the one that marked first goes on.
    """

    name = "one_exam"

    def __init__(self, folder: Path) -> None:
        self._folder = folder

    def perform(self) -> None:
        mark = self._folder / MARK
        mark.write_text(str(os.getpid()), encoding="ascii")
        mine = (mark.stat().st_mtime_ns, os.getpid())
        others = running_exams(self._folder.parent)
        if others and others[0][0] < mine:
            mark.unlink()
            raise ExamAlreadyRunning(others[0][1])

    def revert(self) -> None:
        (self._folder / MARK).unlink(missing_ok=True)
