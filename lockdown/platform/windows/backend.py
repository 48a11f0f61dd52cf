"""Windows: a low-level keyboard hook (pynput) and Win32 calls through ctypes, as an ordinary user.

Importable on any OS: `ctypes.windll`, `winreg` and pynput are touched only inside functions.
The logic (which keys, which affinity, which reason) is tested with fakes of `WinApi` and of the
pynput listener; `CtypesWinApi` is the only code that talks to Windows.
"""

from __future__ import annotations

import ctypes
import importlib
import os
from collections.abc import Callable, Mapping
from typing import Any, Protocol

import psutil

from lockdown.platform.base import (
    Desk,
    DisplayServer,
    KeyboardLock,
    OsName,
    StartSignal,
    Switch,
    VmCheck,
    VolumeControl,
)
from lockdown.platform.common import InterfacesLink, hypervisor_from_strings, own_process_name
from lockdown.platform.windows.keyboard import LayoutApi
from lockdown.platform.windows.power import PowerStatusApi
from lockdown.platform.windows.volume import EndpointApi
from lockdown.platform.windows.windows import UserApi
from lockdown.words import Phrase, phrase

# Win32 constants (winuser.h, winnt.h).
WM_KEYDOWN, WM_KEYUP, WM_SYSKEYDOWN, WM_SYSKEYUP = 0x0100, 0x0101, 0x0104, 0x0105
LLKHF_ALTDOWN = 0x20
VK_TAB, VK_ESCAPE, VK_F4 = 0x09, 0x1B, 0x73
VK_LWIN, VK_RWIN = 0x5B, 0x5C
VK_CONTROL, VK_LCONTROL, VK_RCONTROL = 0x11, 0xA2, 0xA3
SM_REMOTESESSION, SM_REMOTECONTROL = 0x1000, 0x2001
WDA_NONE, WDA_MONITOR, WDA_EXCLUDEFROMCAPTURE = 0x00, 0x01, 0x11
TOKEN_QUERY, TOKEN_ELEVATION_CLASS = 0x0008, 20

_DOWN = (WM_KEYDOWN, WM_SYSKEYDOWN)
_UP = (WM_KEYUP, WM_SYSKEYUP)
_CTRL = (VK_CONTROL, VK_LCONTROL, VK_RCONTROL)


class WinApi(Protocol):
    """The few Win32 facts and calls lockdown needs; faked in tests."""

    def token_elevated(self) -> bool | None:
        """TokenElevation of this process's token; None if it could not be read."""

    def is_user_an_admin(self) -> bool:
        """shell32 IsUserAnAdmin (true only when elevated under UAC)."""

    def system_metric(self, index: int) -> int:
        """user32 GetSystemMetrics."""

    def bios_strings(self) -> tuple[str, ...]:
        """Firmware maker and product from HKLM\\HARDWARE\\DESCRIPTION\\System\\BIOS (user-readable)."""

    def display_affinity(self, hwnd: int) -> int | None:
        """user32 GetWindowDisplayAffinity; None on failure."""

    def set_display_affinity(self, hwnd: int, affinity: int) -> bool:
        """user32 SetWindowDisplayAffinity; False on failure."""


class HookListener(Protocol):
    """The part of `pynput.keyboard.Listener` the shortcut blocker uses."""

    def start(self) -> None: ...
    def stop(self) -> None: ...
    def suppress_event(self) -> None: ...


EventFilter = Callable[[int, Any], object]
ListenerFactory = Callable[[EventFilter], HookListener]


class ShortcutFilter:
    """Decides, key event by key event, what the hook swallows.

    Swallowed: Alt+Tab, Alt+Esc, Ctrl+Esc (and Ctrl+Shift+Esc), Alt+F4 and both Windows keys;
    everything else (typing, Ctrl+C/V inside the exam, assistive-technology keys) goes through.
    Ctrl is tracked from the events the hook itself sees; Alt comes with each event's flags.
    """

    def __init__(self) -> None:
        self._ctrl = False

    def suppress(self, msg: int, vk: int, flags: int) -> bool:
        """True when the event must not reach any application or the shell."""
        if vk in _CTRL:
            self._ctrl = msg in _DOWN
            return False
        if msg not in _DOWN and msg not in _UP:
            return False
        alt = bool(flags & LLKHF_ALTDOWN)
        if vk in (VK_LWIN, VK_RWIN):
            return True
        if vk == VK_TAB or vk == VK_F4:
            return alt
        if vk == VK_ESCAPE:
            return alt or self._ctrl
        return False


def _pynput_listener(event_filter: EventFilter) -> HookListener:
    from pynput import keyboard  # only here: pynput starts platform machinery on import

    listener: HookListener = keyboard.Listener(win32_event_filter=event_filter, suppress=False)
    return listener


class HookShortcutBlocker:
    """A pynput low-level keyboard hook (WH_KEYBOARD_LL) that swallows the switching shortcuts.

    Needs no privilege; the hook ends with `stop()` or with the process.
    """

    def __init__(self, listener_factory: ListenerFactory = _pynput_listener) -> None:
        self._factory = listener_factory
        self._filter = ShortcutFilter()
        self._listener: HookListener | None = None

    def _on_event(self, msg: int, data: Any) -> object:
        if self._filter.suppress(msg, int(data.vkCode), int(data.flags)) and self._listener is not None:
            self._listener.suppress_event()  # raises inside pynput: the hook returns 1
        return True

    def start(self) -> None:
        self._listener = self._factory(self._on_event)
        self._listener.start()

    def stop(self) -> None:
        if self._listener is not None:
            self._listener.stop()
            self._listener = None


class AffinityCaptureBlocker:
    """SetWindowDisplayAffinity: the window is left out of screenshots, recordings and sharing.

    WDA_EXCLUDEFROMCAPTURE needs Windows 10 2004; before that WDA_MONITOR shows the window black.
    """

    def __init__(self, api: WinApi, hwnd: int) -> None:
        self._api = api
        self._hwnd = hwnd
        self._previous = WDA_NONE

    def start(self) -> None:
        self._previous = self._api.display_affinity(self._hwnd) or WDA_NONE
        for affinity in (WDA_EXCLUDEFROMCAPTURE, WDA_MONITOR):
            if self._api.set_display_affinity(self._hwnd, affinity):
                return
        raise OSError("SetWindowDisplayAffinity failed for the exam window")

    def stop(self) -> None:
        if not self._api.set_display_affinity(self._hwnd, self._previous):
            raise OSError("SetWindowDisplayAffinity could not restore the exam window")


class CtypesWinApi:
    """The real Win32 calls; used only on Windows."""

    @staticmethod
    def _dll(name: str) -> Any:
        return getattr(ctypes.windll, name)  # type: ignore[attr-defined]

    def token_elevated(self) -> bool | None:
        from ctypes import wintypes

        advapi32, kernel32 = self._dll("advapi32"), self._dll("kernel32")
        token = wintypes.HANDLE()
        if not advapi32.OpenProcessToken(kernel32.GetCurrentProcess(), TOKEN_QUERY, ctypes.byref(token)):
            return None
        try:
            elevation, size = wintypes.DWORD(), wintypes.DWORD()
            if not advapi32.GetTokenInformation(token, TOKEN_ELEVATION_CLASS, ctypes.byref(elevation),
                                                ctypes.sizeof(elevation), ctypes.byref(size)):
                return None
            return bool(elevation.value)
        finally:
            kernel32.CloseHandle(token)

    def is_user_an_admin(self) -> bool:
        return bool(self._dll("shell32").IsUserAnAdmin())

    def system_metric(self, index: int) -> int:
        return int(self._dll("user32").GetSystemMetrics(index))

    def bios_strings(self) -> tuple[str, ...]:
        winreg = importlib.import_module("winreg")
        values: list[str] = []
        try:
            with winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, r"HARDWARE\DESCRIPTION\System\BIOS") as key:
                for name in ("SystemManufacturer", "SystemProductName", "BaseBoardManufacturer"):
                    try:
                        values.append(str(winreg.QueryValueEx(key, name)[0]))
                    except OSError:
                        continue
        except OSError:
            return ()
        return tuple(values)

    def display_affinity(self, hwnd: int) -> int | None:
        from ctypes import wintypes

        value = wintypes.DWORD()
        if not self._dll("user32").GetWindowDisplayAffinity(wintypes.HWND(hwnd), ctypes.byref(value)):
            return None
        return int(value.value)

    def set_display_affinity(self, hwnd: int, affinity: int) -> bool:
        from ctypes import wintypes

        user32 = self._dll("user32")
        return bool(user32.SetWindowDisplayAffinity(wintypes.HWND(hwnd), wintypes.DWORD(affinity)))


class WindowsBackend:
    """The Windows backend; `api`, `env` and `listener_factory` are seams for tests."""

    os_name: OsName = "windows"

    def __init__(self, api: WinApi | None = None, env: Mapping[str, str] | None = None,
                 listener_factory: ListenerFactory = _pynput_listener,
                 power_api: PowerStatusApi | None = None, user_api: UserApi | None = None,
                 layout_api: LayoutApi | None = None, endpoint_api: EndpointApi | None = None) -> None:
        self._api: WinApi = api or CtypesWinApi()
        self._power_api = power_api
        self._user_api = user_api
        self._layout_api = layout_api
        self._endpoint_api = endpoint_api
        self._env = os.environ if env is None else env
        self._listener_factory = listener_factory
        self._me: str | None = None

    def display_server(self) -> DisplayServer:
        return "windows"

    def elevated(self) -> Phrase | None:
        elevated = self._api.token_elevated()
        if elevated is None:
            elevated = self._api.is_user_an_admin()
        return phrase("reason.elevated.windows_admin") if elevated else None

    def virtual_machine(self) -> VmCheck:
        strings = self._api.bios_strings()
        if not any(strings):
            return VmCheck(problems=(phrase("reason.vm.bios_unreadable"),))
        named = hypervisor_from_strings(*strings)
        return VmCheck(phrase("reason.vm.named", name=named) if named else None, ("BIOS strings",))

    def remote_session(self) -> Phrase | None:
        rdp_name = self._env.get("SESSIONNAME", "").upper().startswith("RDP-")
        if self._api.system_metric(SM_REMOTESESSION) or rdp_name:
            return phrase("reason.remote.windows_rdp")
        if self._api.system_metric(SM_REMOTECONTROL):
            return phrase("reason.remote.windows_control")
        return None

    def shortcut_blocker(self) -> Switch | None:
        return HookShortcutBlocker(self._listener_factory)

    def keyboard_lock(self) -> KeyboardLock:
        return self.shortcut_blocker()

    def capture_blocker(self, window_id: int) -> Switch | None:
        return AffinityCaptureBlocker(self._api, window_id)

    def process_counter(self) -> int | None:
        return None  # no cheap creation counter on Windows: the guard lists PIDs every interval

    def program_starts(self) -> StartSignal | None:
        return None  # nothing an ordinary user can wait on: the guard looks every interval

    def pids_after(self, pid: int) -> set[int] | None:
        return None  # no listing from a PID on Windows

    def own_process_name(self, pid: int) -> str | None:
        return own_process_name(pid, self.is_own_process)

    def is_own_process(self, proc: psutil.Process) -> bool:
        try:
            if self._me is None:
                self._me = psutil.Process().username().lower()
            return proc.username().lower() == self._me
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            return False

    def volume_control(self) -> VolumeControl | None:
        """The default output's volume through Core Audio, when there is one."""
        from lockdown.platform.windows.volume import CoreAudioEndpoint, available

        return available(self._endpoint_api or CoreAudioEndpoint())

    def desk(self) -> Desk:
        """The battery, the front window, the user's keyboard layouts, the volume (Core Audio); the
        network from the interfaces. Wi-Fi is not offered on Windows yet."""
        from lockdown.platform.windows.keyboard import CtypesLayoutApi, WindowsLayouts
        from lockdown.platform.windows.power import WindowsPower
        from lockdown.platform.windows.windows import Win32Windows

        sound = self.volume_control()
        missing = [phrase("desk.missing.wifi", os="Windows")]
        if sound is None:
            missing.insert(0, phrase("desk.missing.coreaudio"))
        return Desk(power=WindowsPower(self._power_api), network=InterfacesLink(),
                    keyboard_layouts=WindowsLayouts(self._layout_api or CtypesLayoutApi()),
                    volume=sound, windows=Win32Windows(self._user_api), missing=tuple(missing))
