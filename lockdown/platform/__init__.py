"""Platform backends behind one interface (`base.PlatformBackend`); `get_backend()` is the only switch."""

from __future__ import annotations

from lockdown.osname import OsName, current_os
from lockdown.platform.base import DisplayServer, PlatformBackend, StartSignal, Switch


def get_backend(os_name: OsName | None = None) -> PlatformBackend:
    """The backend for this OS (or for `os_name`); each module imports cleanly everywhere."""
    name = os_name or current_os()
    if name == "windows":
        from lockdown.platform.windows import WindowsBackend

        return WindowsBackend()
    if name == "macos":
        from lockdown.platform.macos import MacBackend

        return MacBackend()
    from lockdown.platform.linux import LinuxBackend

    return LinuxBackend()


__all__ = ["DisplayServer", "PlatformBackend", "StartSignal", "Switch", "get_backend"]
