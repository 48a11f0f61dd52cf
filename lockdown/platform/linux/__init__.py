"""Linux: the session's facts from /proc, /sys and the environment (backend), the X11 keyboard
decision, the XDG folders (folders), two desktop entries (install), what `lockdown check` reads
(system)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from lockdown.paths import Paths
from lockdown.platform.base import FileSystem, InstallSteps, OsName, PlatformBackend, SystemFacts
from lockdown.platform.common import PosixFiles
from lockdown.platform.linux.backend import LinuxBackend
from lockdown.platform.linux.folders import folders
from lockdown.platform.linux.system import LinuxSystem


class LinuxPlatform:
    """Everything lockdown needs from Linux (BSDs included); nothing is touched until asked."""

    name: OsName = "linux"
    system: SystemFacts = LinuxSystem()
    files: FileSystem = PosixFiles()
    self_check_in_child = True

    def backend(self) -> PlatformBackend:
        return LinuxBackend()

    def folders(self, home: Path, env: Mapping[str, str]) -> Paths:
        return folders(home, env)

    def install_steps(self, paths: Paths) -> InstallSteps:
        from lockdown.platform.linux.install import LinuxInstall  # the installer's, not an exam's

        return LinuxInstall(paths)


__all__ = ["LinuxBackend", "LinuxPlatform", "LinuxSystem"]
