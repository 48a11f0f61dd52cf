"""The Windows backend's logic, through fakes of its two seams (Win32 calls and the pynput hook)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from lockdown.platform import get_backend
from lockdown.platform.windows.backend import (
    LLKHF_ALTDOWN,
    SM_REMOTECONTROL,
    SM_REMOTESESSION,
    VK_ESCAPE,
    VK_F4,
    VK_LCONTROL,
    VK_LWIN,
    VK_RWIN,
    VK_TAB,
    WDA_EXCLUDEFROMCAPTURE,
    WDA_MONITOR,
    WDA_NONE,
    WM_KEYDOWN,
    WM_KEYUP,
    WM_SYSKEYDOWN,
    WM_SYSKEYUP,
    AffinityCaptureBlocker,
    HookShortcutBlocker,
    ShortcutFilter,
    WindowsBackend,
)
from tests.support.words import english

VK_A, VK_C, VK_V, VK_LMENU, VK_LSHIFT = 0x41, 0x43, 0x56, 0xA4, 0xA0


class FakeWinApi:
    """Win32 as a dictionary of answers; records every affinity set."""

    def __init__(self, token: bool | None = False, admin: bool = False,
                 metrics: dict[int, int] | None = None, bios: tuple[str, ...] = (),
                 affinity_ok: tuple[int, ...] = (WDA_EXCLUDEFROMCAPTURE, WDA_MONITOR, WDA_NONE)) -> None:
        self.token, self.admin, self.metrics, self.bios = token, admin, metrics or {}, bios
        self.affinity_ok = affinity_ok
        self.affinity: dict[int, int] = {}
        self.calls: list[tuple[int, int]] = []

    def token_elevated(self) -> bool | None:
        return self.token

    def is_user_an_admin(self) -> bool:
        return self.admin

    def system_metric(self, index: int) -> int:
        return self.metrics.get(index, 0)

    def bios_strings(self) -> tuple[str, ...]:
        return self.bios

    def display_affinity(self, hwnd: int) -> int | None:
        return self.affinity.get(hwnd, WDA_NONE)

    def set_display_affinity(self, hwnd: int, affinity: int) -> bool:
        self.calls.append((hwnd, affinity))
        if affinity not in self.affinity_ok:
            return False
        self.affinity[hwnd] = affinity
        return True


class Suppressed(Exception):
    """What the fake listener raises from suppress_event, as pynput's SuppressException does."""


@dataclass
class KbdData:
    vkCode: int  # the KBDLLHOOKSTRUCT field name
    flags: int = 0


class FakeListener:
    """pynput's listener reduced to what the hook uses: it feeds events to the filter."""

    def __init__(self, event_filter: Any) -> None:
        self.event_filter = event_filter
        self.running = False

    def start(self) -> None:
        self.running = True

    def stop(self) -> None:
        self.running = False

    def suppress_event(self) -> None:
        raise Suppressed

    def feed(self, msg: int, vk: int, flags: int = 0) -> bool:
        """True when the event was swallowed."""
        try:
            self.event_filter(msg, KbdData(vk, flags))
        except Suppressed:
            return True
        return False


def press(f: ShortcutFilter, vk: int, alt: bool = False) -> tuple[bool, bool]:
    flags = LLKHF_ALTDOWN if alt else 0
    down = f.suppress(WM_SYSKEYDOWN if alt else WM_KEYDOWN, vk, flags)
    up = f.suppress(WM_SYSKEYUP if alt else WM_KEYUP, vk, flags)
    return down, up


@pytest.mark.parametrize(("vk", "alt"), [(VK_TAB, True), (VK_ESCAPE, True), (VK_F4, True), (VK_LWIN, False),
                                         (VK_RWIN, False), (VK_LWIN, True)])
def test_switching_shortcuts_are_swallowed_down_and_up(vk: int, alt: bool) -> None:
    assert press(ShortcutFilter(), vk, alt) == (True, True)


@pytest.mark.parametrize(("vk", "alt"), [(VK_TAB, False), (VK_ESCAPE, False), (VK_F4, False), (VK_A, False),
                                         (VK_C, False), (VK_A, True), (VK_LMENU, True), (VK_LSHIFT, False)])
def test_ordinary_keys_go_through(vk: int, alt: bool) -> None:
    assert press(ShortcutFilter(), vk, alt) == (False, False)


def test_ctrl_esc_and_ctrl_shift_esc_are_swallowed_but_ctrl_c_is_not() -> None:
    f = ShortcutFilter()
    assert f.suppress(WM_KEYDOWN, VK_LCONTROL, 0) is False
    assert f.suppress(WM_KEYDOWN, VK_C, 0) is False
    assert f.suppress(WM_KEYDOWN, VK_LSHIFT, 0) is False
    assert f.suppress(WM_KEYDOWN, VK_ESCAPE, 0) is True
    assert f.suppress(WM_KEYUP, VK_ESCAPE, 0) is True
    assert f.suppress(WM_KEYUP, VK_LCONTROL, 0) is False
    assert f.suppress(WM_KEYDOWN, VK_ESCAPE, 0) is False  # Ctrl released: Esc works again


def test_the_hook_suppresses_through_pynput_and_stops() -> None:
    made: list[FakeListener] = []

    def factory(event_filter: Any) -> FakeListener:
        made.append(FakeListener(event_filter))
        return made[-1]

    blocker = HookShortcutBlocker(factory)
    blocker.start()
    listener = made[0]
    assert listener.running
    assert listener.feed(WM_SYSKEYDOWN, VK_TAB, LLKHF_ALTDOWN) is True
    assert listener.feed(WM_KEYDOWN, VK_A) is False
    blocker.stop()
    assert not listener.running


def test_backend_hands_out_the_hook_as_its_shortcut_blocker() -> None:
    made: list[FakeListener] = []

    def factory(event_filter: Any) -> FakeListener:
        made.append(FakeListener(event_filter))
        return made[-1]

    b = WindowsBackend(api=FakeWinApi(), env={}, listener_factory=factory)
    blocker = b.shortcut_blocker()
    assert blocker is not None
    blocker.start()
    assert made and made[0].feed(WM_KEYDOWN, VK_LWIN) is True
    blocker.stop()


def test_capture_exclusion_sets_then_restores_the_affinity() -> None:
    api = FakeWinApi()
    blocker = WindowsBackend(api=api, env={}).capture_blocker(0x1234)
    assert blocker is not None
    blocker.start()
    assert api.affinity[0x1234] == WDA_EXCLUDEFROMCAPTURE
    blocker.stop()
    assert api.affinity[0x1234] == WDA_NONE


def test_capture_exclusion_falls_back_to_a_black_window_on_older_windows() -> None:
    api = FakeWinApi(affinity_ok=(WDA_MONITOR, WDA_NONE))
    blocker = AffinityCaptureBlocker(api, 7)
    blocker.start()
    assert api.calls == [(7, WDA_EXCLUDEFROMCAPTURE), (7, WDA_MONITOR)]
    assert api.affinity[7] == WDA_MONITOR


def test_capture_exclusion_fails_loudly_when_windows_refuses() -> None:
    with pytest.raises(OSError, match="SetWindowDisplayAffinity"):
        AffinityCaptureBlocker(FakeWinApi(affinity_ok=()), 7).start()


@pytest.mark.parametrize(("token", "admin", "elevated"), [(True, False, True), (False, True, False),
                                                          (None, True, True), (None, False, False)])
def test_elevation_reads_the_token_then_falls_back_to_isuseranadmin(token: bool | None, admin: bool,
                                                                   elevated: bool) -> None:
    reason = english(WindowsBackend(api=FakeWinApi(token=token, admin=admin), env={}).elevated())
    assert (reason == "running as an elevated administrator") is elevated
    assert (reason is None) is not elevated


def test_virtual_machine_from_the_bios_registry_strings() -> None:
    vbox = FakeWinApi(bios=("innotek GmbH", "VirtualBox"))
    assert english(WindowsBackend(api=vbox, env={}).virtual_machine().found) == "VirtualBox"
    dell = FakeWinApi(bios=("Dell Inc.", "Latitude 5420"))
    assert WindowsBackend(api=dell, env={}).virtual_machine().state == "none"
    unread = WindowsBackend(api=FakeWinApi(bios=()), env={}).virtual_machine()
    assert unread.state == "unknown" and "registry" in str(english(unread.problems[0]))


@pytest.mark.parametrize(("metrics", "env", "expected"), [
    ({SM_REMOTESESSION: 1}, {}, "Remote Desktop session"),
    ({}, {"SESSIONNAME": "RDP-Tcp#3"}, "Remote Desktop session"),
    ({SM_REMOTECONTROL: 1}, {"SESSIONNAME": "Console"}, "the session is being controlled remotely"),
    ({}, {"SESSIONNAME": "Console"}, None),
])
def test_remote_session_from_system_metrics(metrics: dict[int, int], env: dict[str, str],
                                            expected: str | None) -> None:
    assert english(WindowsBackend(api=FakeWinApi(metrics=metrics), env=env).remote_session()) == expected


def test_factory_builds_the_windows_backend_on_linux_without_touching_windll() -> None:
    b = get_backend("windows")
    assert isinstance(b, WindowsBackend)
    assert b.display_server() == "windows"
