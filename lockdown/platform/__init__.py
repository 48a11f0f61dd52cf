"""Everything OS-specific, one folder per OS (linux/, windows/, macos/), behind the interfaces of
`base`; `factory.get_platform()` is the only OS switch. No Qt here, and nothing from lockdown.ui."""

from __future__ import annotations

from lockdown.platform.base import (
    DisplayServer,
    FileSystem,
    InstallSteps,
    KeyboardLock,
    KioskLocks,
    OsFacts,
    OsName,
    Platform,
    PlatformBackend,
    ProcessFacts,
    SessionFacts,
    StartSignal,
    Switch,
    SystemFacts,
    VmCheck,
    WindowKeyboardGrab,
)
from lockdown.platform.factory import current_os, get_backend, get_platform

__all__ = ["DisplayServer", "FileSystem", "InstallSteps", "KeyboardLock", "KioskLocks", "OsFacts",
           "OsName", "Platform", "PlatformBackend", "ProcessFacts", "SessionFacts", "StartSignal",
           "Switch", "SystemFacts", "VmCheck", "WindowKeyboardGrab", "current_os", "get_backend",
           "get_platform"]
