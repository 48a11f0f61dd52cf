"""What an OS must provide to install and uninstall lockdown for one user, behind one Protocol.

Each OS has its module (platform_linux, platform_windows, platform_macos); `get_install_platform`
is the only place that picks one. Windows and macOS parts that cannot run here take their system
calls (registry, shortcut writer, process start) as small injected objects, faked in tests.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from lockdown.install.receipt import Entry
from lockdown.paths import Paths

PROGRAMS = ("lockdown", "lockdown-install", "lockdown-uninstall")
"""The executables of the built bundle (build.spec)."""


class InstallPlatform(Protocol):
    """The per-OS steps of installing and uninstalling."""

    def executable(self, folder: Path, program: str) -> Path:
        """Where `program` (one of PROGRAMS) sits in a bundle or install folder."""

    def create_shortcuts(self, install_dir: Path, version: str, size_bytes: int) -> list[Entry]:
        """Create the menu entries (and, on Windows, the "Apps & features" entry); return them."""

    def registry_key_exists(self, key: str) -> bool:
        """True if a per-user registry key is present (always False where there is no registry)."""

    def remove_registry_key(self, key: str) -> bool:
        """Delete a per-user registry key and its values; True if it was there."""

    def relocate_uninstaller(self, argv: list[str], install_dir: Path, temp_dir: Path) -> bool:
        """Restart the uninstaller from a copy outside `install_dir` if it must (Windows cannot
        delete a running program); True means a copy now runs and this process should exit."""

    def schedule_self_delete(self, executable: Path, temp_dir: Path) -> None:
        """Arrange for the running uninstaller's own temporary copy to vanish after it exits."""


def get_install_platform(paths: Paths) -> InstallPlatform:
    """The implementation for the OS `paths` was computed for (the only OS switch here)."""
    if paths.os == "windows":
        from lockdown.install.platform_windows import WindowsInstall
        return WindowsInstall(paths)
    if paths.os == "macos":
        from lockdown.install.platform_macos import MacInstall
        return MacInstall(paths)
    from lockdown.install.platform_linux import LinuxInstall
    return LinuxInstall(paths)
