"""A Linux backend that only counts this test's own descendants as the student's processes.

Tests run on a shared machine as root, where every root process is "own": without this scope a
guard under test could close another session's process named like a prohibited app.
"""

from __future__ import annotations

import os

import psutil

from lockdown.platform.linux import LinuxBackend


class DescendantsOnly(LinuxBackend):
    """The real ownership check, narrowed to processes started (directly or not) by this one."""

    def is_own_process(self, proc: psutil.Process) -> bool:
        if not super().is_own_process(proc):
            return False
        try:
            return any(p.pid == os.getpid() for p in proc.parents())
        except psutil.Error:
            return False
