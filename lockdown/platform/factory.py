"""The one OS switch: the only place that reads `sys.platform` and picks an OS folder.

Everything else asks `get_platform()` (or `current_os()` when the OS's name is all it needs);
each OS folder imports cleanly on every OS, so any OS can be asked for, e.g. to compute the
Windows layout in a test on Linux.
"""

from __future__ import annotations

import sys

from lockdown.platform.base import OsName, Platform, PlatformBackend


def current_os(platform: str | None = None) -> OsName:
    """Map a `sys.platform` value to the three systems lockdown supports (BSDs count as linux)."""
    p = sys.platform if platform is None else platform
    if p.startswith("win"):
        return "windows"
    if p == "darwin":
        return "macos"
    return "linux"


def get_platform(os_name: OsName | None = None) -> Platform:
    """This OS (or `os_name`), from its folder."""
    name = os_name or current_os()
    if name == "windows":
        from lockdown.platform.windows import WindowsPlatform

        return WindowsPlatform()
    if name == "macos":
        from lockdown.platform.macos import MacPlatform

        return MacPlatform()
    from lockdown.platform.linux import LinuxPlatform

    return LinuxPlatform()


def get_backend(os_name: OsName | None = None) -> PlatformBackend:
    """The running session's OS calls for this OS (or `os_name`)."""
    return get_platform(os_name).backend()
