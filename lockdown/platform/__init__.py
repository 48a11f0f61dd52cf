"""Everything OS-specific, one folder per OS (linux/, windows/, macos/), behind the interfaces of
`base`; `factory.get_platform()` is the only OS switch. No Qt here, and nothing from lockdown.ui."""

from __future__ import annotations

from lockdown.platform.base import (
    BatteryState,
    Desk,
    DeskSources,
    DisplayServer,
    FileSystem,
    InstallSteps,
    KeyboardLayouts,
    KeyboardLock,
    KioskLocks,
    NetworkLink,
    OsFacts,
    OsName,
    Platform,
    PlatformBackend,
    PowerSource,
    ProcessFacts,
    SessionFacts,
    StartSignal,
    Switch,
    SystemFacts,
    VmCheck,
    VolumeControl,
    VolumeState,
    WifiControl,
    WifiNetwork,
    WindowControl,
    WindowKeyboardGrab,
)
from lockdown.platform.factory import current_os, get_backend, get_platform

__all__ = ["BatteryState", "Desk", "DeskSources", "DisplayServer", "FileSystem", "InstallSteps",
           "KeyboardLayouts", "KeyboardLock", "KioskLocks", "NetworkLink", "OsFacts", "OsName", "Platform",
           "PlatformBackend", "PowerSource", "ProcessFacts", "SessionFacts", "StartSignal", "Switch",
           "SystemFacts", "VmCheck", "VolumeControl", "VolumeState", "WifiControl", "WifiNetwork",
           "WindowControl", "WindowKeyboardGrab", "current_os", "get_backend", "get_platform"]
