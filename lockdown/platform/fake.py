"""A stand-in OS for tests on any machine: every answer is set by the test, nothing touches the system.

`FakeBackend` answers the running session's questions (environment, processes, kiosk locks,
the taskbar's sources); `FakeSwitch` records what the kiosk turned on and off; the `Fake...`
taskbar sources hold what the test sets and record what they were asked to change. The real OS
modules are tested through fakes of their own API seams instead (Win32, AppKit, /proc).
"""

from __future__ import annotations

import psutil

from lockdown.platform.base import (
    BatteryState,
    Desk,
    DisplayServer,
    KeyboardLock,
    OsName,
    PlatformBackend,
    StartSignal,
    Switch,
    VmCheck,
    VolumeControl,
    VolumeState,
    WifiNetwork,
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


class FakePower:
    """A battery the test sets (`state`); None: no battery."""

    def __init__(self, state: BatteryState | None = None) -> None:
        self.state = state

    def battery(self) -> BatteryState | None:
        return self.state


class FakeLink:
    """A network link the test sets (`state`)."""

    def __init__(self, state: bool | None = True) -> None:
        self.state = state

    def connected(self) -> bool | None:
        return self.state


class FakeLayouts:
    """Keyboard layouts the test names; `selected` records each switch."""

    def __init__(self, names: tuple[str, ...] = ("us", "fr"), current: int = 0) -> None:
        self.names = names
        self.index = current
        self.selected: list[int] = []

    def layouts(self) -> tuple[str, ...]:
        return self.names

    def current(self) -> int:
        return self.index

    def select(self, index: int) -> None:
        self.selected.append(index)
        self.index = index


class FakeVolume:
    """A volume the test sets; `calls` records each change; `fail` makes changes raise."""

    def __init__(self, level: int = 50, muted: bool = False, fail: bool = False) -> None:
        self.level = level
        self.muted = muted
        self.fail = fail
        self.calls: list[tuple[str, int | bool]] = []

    def state(self) -> VolumeState:
        return VolumeState(self.level, self.muted)

    def set_level(self, level: int) -> None:
        self.calls.append(("level", level))
        if self.fail:
            raise OSError("the fake sound server refused")
        self.level = level

    def set_muted(self, muted: bool) -> None:
        self.calls.append(("muted", muted))
        if self.fail:
            raise OSError("the fake sound server refused")
        self.muted = muted


class FakeWifi:
    """Known networks in range the test lists; `connected_to` records each connection asked for."""

    def __init__(self, networks: list[WifiNetwork] | None = None) -> None:
        self.known = networks or []
        self.connected_to: list[str] = []

    def networks(self) -> list[WifiNetwork]:
        return list(self.known)

    def connect(self, name: str) -> None:
        self.connected_to.append(name)


class FakeBackend(PlatformBackend):
    """A session with the facts given; by default an ordinary X11 desktop where no process is the
    student's own, so a guard under test closes nothing on the machine running the tests."""

    def __init__(self, os_name: OsName = "linux", display_server: DisplayServer = "x11",
                 elevated: Phrase | None = None, virtual_machine: Phrase | None = None,
                 remote_session: Phrase | None = None, keyboard_lock: KeyboardLock = None,
                 capture: Switch | None = None, own_pids: frozenset[int] = frozenset(),
                 desk: Desk | None = None) -> None:
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
        self._desk = desk or Desk(power=FakePower(), network=FakeLink())

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

    def desk(self) -> Desk:
        return self._desk

    def volume_control(self) -> VolumeControl | None:
        return self._desk.volume
