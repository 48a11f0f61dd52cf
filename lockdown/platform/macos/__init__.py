"""macOS: presentation options, window sharing type and session facts through PyObjC and sysctl
(backend), the user's Library (folders), a bundle in ~/Applications and nothing else (install),
what `lockdown check` reads (system).

Every module imports on any OS: PyObjC (installed only on macOS) is imported inside functions.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from lockdown.paths import Paths
from lockdown.platform.base import FileSystem, InstallSteps, OsName, PlatformBackend, SystemFacts
from lockdown.platform.common import PosixFiles
from lockdown.platform.macos.backend import MacBackend
from lockdown.platform.macos.folders import folders
from lockdown.platform.macos.install import MacInstall
from lockdown.platform.macos.system import MacSystem


class MacPlatform:
    """Everything lockdown needs from macOS; nothing is touched until asked."""

    name: OsName = "macos"
    system: SystemFacts = MacSystem()
    files: FileSystem = PosixFiles()
    self_check_in_child = False

    def backend(self) -> PlatformBackend:
        return MacBackend()

    def folders(self, home: Path, env: Mapping[str, str]) -> Paths:
        return folders(home, env)

    def install_steps(self, paths: Paths) -> InstallSteps:
        return MacInstall(paths)


__all__ = ["MacBackend", "MacInstall", "MacPlatform", "MacSystem"]
