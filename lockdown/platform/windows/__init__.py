"""Windows: the keyboard hook, capture exclusion and session facts through Win32 (backend), the
per-user folders (folders), Start-menu shortcuts and the HKCU uninstall entry (install), files
without an executable bit (files), what `lockdown check` reads (system).

Every module imports on any OS: `ctypes.windll`, `winreg` and pynput are touched only inside
functions, so the logic is tested elsewhere through fakes of its API seams.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from lockdown.paths import Paths
from lockdown.platform.base import FileSystem, InstallSteps, OsName, PlatformBackend, SystemFacts
from lockdown.platform.windows.backend import WindowsBackend
from lockdown.platform.windows.files import WindowsFiles
from lockdown.platform.windows.folders import folders
from lockdown.platform.windows.install import WindowsInstall
from lockdown.platform.windows.system import WindowsSystem


class WindowsPlatform:
    """Everything lockdown needs from Windows; nothing is touched until asked."""

    name: OsName = "windows"
    system: SystemFacts = WindowsSystem()
    files: FileSystem = WindowsFiles()
    self_check_in_child = False

    def backend(self) -> PlatformBackend:
        return WindowsBackend()

    def folders(self, home: Path, env: Mapping[str, str]) -> Paths:
        return folders(home, env)

    def install_steps(self, paths: Paths) -> InstallSteps:
        return WindowsInstall(paths)


__all__ = ["WindowsBackend", "WindowsInstall", "WindowsPlatform", "WindowsSystem"]
