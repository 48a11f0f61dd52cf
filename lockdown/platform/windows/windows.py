"""Windows: which program has the front, and bringing a permitted program's window there.

`GetForegroundWindow` + `GetWindowThreadProcessId` name the front program; a permitted one is
brought to the front by finding its visible top-level windows (`EnumWindows`), restoring one if
minimised, putting it above the kiosk (`SetWindowPos` HWND_TOPMOST, as the kiosk stays on top) and
`SetForegroundWindow`, which Windows allows while the kiosk, lockdown's window, has the front.
The calls are behind the small `UserApi` seam, so the logic is tested on any OS.
"""

from __future__ import annotations

import ctypes
from typing import Any, Protocol

SW_RESTORE = 9
HWND_TOPMOST = -1
SWP_NOMOVE_NOSIZE = 0x0001 | 0x0002


class UserApi(Protocol):
    """The user32 calls the window control needs."""

    def foreground_pid(self) -> int | None:
        """The process of the foreground window; None when there is none."""

    def top_level_windows(self) -> list[tuple[int, int, bool]]:
        """(window handle, process id, visible) of every top-level window."""

    def raise_window(self, hwnd: int) -> bool:
        """Restore, put above the topmost windows and give the foreground to `hwnd`."""


class CtypesUserApi:
    """The real user32 calls; used only on Windows."""

    @staticmethod
    def _user32() -> Any:
        return ctypes.windll.user32  # type: ignore[attr-defined]

    def foreground_pid(self) -> int | None:
        from ctypes import wintypes

        user32 = self._user32()
        hwnd = user32.GetForegroundWindow()
        if not hwnd:
            return None
        pid = wintypes.DWORD()
        user32.GetWindowThreadProcessId(hwnd, ctypes.byref(pid))
        return int(pid.value) or None

    def top_level_windows(self) -> list[tuple[int, int, bool]]:
        from ctypes import wintypes

        user32 = self._user32()
        found: list[tuple[int, int, bool]] = []

        @ctypes.WINFUNCTYPE(wintypes.BOOL, wintypes.HWND, wintypes.LPARAM)  # type: ignore[attr-defined,untyped-decorator]
        def each(hwnd: int, _param: int) -> bool:
            pid = wintypes.DWORD()
            user32.GetWindowThreadProcessId(hwnd, ctypes.byref(pid))
            found.append((int(hwnd), int(pid.value), bool(user32.IsWindowVisible(hwnd))))
            return True

        user32.EnumWindows(each, 0)
        return found

    def raise_window(self, hwnd: int) -> bool:
        user32 = self._user32()
        if user32.IsIconic(hwnd):
            user32.ShowWindow(hwnd, SW_RESTORE)
        user32.SetWindowPos(hwnd, HWND_TOPMOST, 0, 0, 0, 0, SWP_NOMOVE_NOSIZE)
        return bool(user32.SetForegroundWindow(hwnd))


class Win32Windows:
    """Implements `WindowControl`."""

    def __init__(self, api: UserApi | None = None) -> None:
        self._api: UserApi = api or CtypesUserApi()

    def front_process(self) -> int | None:
        return self._api.foreground_pid()

    def bring_to_front(self, pids: frozenset[int]) -> bool:
        for hwnd, pid, visible in self._api.top_level_windows():
            if visible and pid in pids:
                return self._api.raise_window(hwnd)
        return False
