"""Windows: the battery from `GetSystemPowerStatus`, which any user may call.

The call is behind the small `PowerStatusApi` seam, so the reading logic is tested on any OS.
"""

from __future__ import annotations

from typing import Protocol

from lockdown.platform.base import BatteryState

NO_SYSTEM_BATTERY = 128
"""`BatteryFlag` bit: this computer has no battery."""
UNKNOWN = 255
AC_ONLINE = 1


class PowerStatusApi(Protocol):
    def power_status(self) -> tuple[int, int, int] | None:
        """(ACLineStatus, BatteryFlag, BatteryLifePercent) of SYSTEM_POWER_STATUS; None on failure."""


class CtypesPowerStatus:
    """kernel32's GetSystemPowerStatus through ctypes (loaded when first called)."""

    def power_status(self) -> tuple[int, int, int] | None:
        import ctypes
        from ctypes import wintypes

        class SystemPowerStatus(ctypes.Structure):
            _fields_ = [("ACLineStatus", wintypes.BYTE), ("BatteryFlag", wintypes.BYTE),
                        ("BatteryLifePercent", wintypes.BYTE), ("SystemStatusFlag", wintypes.BYTE),
                        ("BatteryLifeTime", wintypes.DWORD), ("BatteryFullLifeTime", wintypes.DWORD)]

        status = SystemPowerStatus()
        kernel32 = ctypes.WinDLL("kernel32")  # type: ignore[attr-defined]
        if not kernel32.GetSystemPowerStatus(ctypes.byref(status)):
            return None
        return (status.ACLineStatus & 0xFF, status.BatteryFlag & 0xFF, status.BatteryLifePercent & 0xFF)


class WindowsPower:
    """Implements `PowerSource`."""

    def __init__(self, api: PowerStatusApi | None = None) -> None:
        self._api: PowerStatusApi = api or CtypesPowerStatus()

    def battery(self) -> BatteryState | None:
        status = self._api.power_status()
        if status is None:
            return None
        ac_line, flag, percent = status
        if flag == UNKNOWN or flag & NO_SYSTEM_BATTERY or percent == UNKNOWN:
            return None
        return BatteryState(min(100, percent), ac_line == AC_ONLINE)
