"""A stand-in OS for tests on any machine: every answer is set by the test, nothing touches the system.

`FakeBackend` answers the running session's questions (environment, processes, kiosk locks);
`FakeSwitch` records what the kiosk turned on and off. The real OS modules are tested through
fakes of their own API seams instead (Win32, AppKit, /proc).
"""

from __future__ import annotations

import psutil

from lockdown.platform.base import (
    DisplayServer,
    KeyboardLock,
    OsName,
    PlatformBackend,
    StartSignal,
    Switch,
    VmCheck,
    WindowKeyboardGrab,
)
from lockdown.platform.common import own_process_name
from lockdown.words import Phrase


class FakeSwitch(Switch):
    """A Switch that writes down each call; `fail` makes start() raise as a refused OS call would."""

    def __init__(self, fail: bool = False) -> None:
        self.calls: list[str] = []
        self._fail = fail

    def start(self) -> None:
        self.calls.append("start")
        if self._fail:
            raise OSError("the fake OS refused")

    def stop(self) -> None:
        self.calls.append("stop")


class FakeBackend(PlatformBackend):
    """A session with the facts given; by default an ordinary X11 desktop where no process is the
    student's own, so a guard under test closes nothing on the machine running the tests."""

    def __init__(self, os_name: OsName = "linux", display_server: DisplayServer = "x11",
                 elevated: Phrase | None = None, virtual_machine: Phrase | None = None,
                 remote_session: Phrase | None = None, keyboard_lock: KeyboardLock = None,
                 capture: Switch | None = None, own_pids: frozenset[int] = frozenset()) -> None:
        self.os_name: OsName = os_name
        self._display = display_server
        self._elevated = elevated
        self._vm = virtual_machine
        self._remote = remote_session
        self._keyboard = keyboard_lock
        self._capture = capture
        self._own = own_pids
        self.capture_windows: list[int] = []
        """The native window ids capture exclusion was asked for."""

    def display_server(self) -> DisplayServer:
        return self._display

    def elevated(self) -> Phrase | None:
        return self._elevated

    def virtual_machine(self) -> VmCheck:
        return VmCheck(self._vm, ("fake",))

    def remote_session(self) -> Phrase | None:
        return self._remote

    def shortcut_blocker(self) -> Switch | None:
        return None if isinstance(self._keyboard, WindowKeyboardGrab) else self._keyboard

    def keyboard_lock(self) -> KeyboardLock:
        return self._keyboard

    def capture_blocker(self, window_id: int) -> Switch | None:
        self.capture_windows.append(window_id)
        return self._capture

    def process_counter(self) -> int | None:
        return None  # the guard lists PIDs every interval

    def program_starts(self) -> StartSignal | None:
        return None  # the guard looks every interval

    def pids_after(self, pid: int) -> set[int] | None:
        return None  # the guard lists every process

    def own_process_name(self, pid: int) -> str | None:
        return own_process_name(pid, self.is_own_process)

    def is_own_process(self, proc: psutil.Process) -> bool:
        return proc.pid in self._own
