"""What lockdown asks of the operating system, as one interface each OS module implements.

Only `lockdown.platform.get_backend()` chooses an implementation. The guards, the environment
checks and the kiosk's operations talk to this interface, so their logic runs (and is tested) on
any OS; the Windows and macOS modules are tested here through fakes of their small API seams.
"""

from __future__ import annotations

from typing import Literal, Protocol

import psutil

from lockdown.osname import OsName
from lockdown.words import Phrase

DisplayServer = Literal["x11", "wayland", "windows", "macos", "none"]


class Switch(Protocol):
    """A change that lasts from `start()` to `stop()` and dies with the process anyway."""

    def start(self) -> None:
        """Turn the change on; raise if it cannot be made."""

    def stop(self) -> None:
        """Turn it off again; safe to call once after a successful start()."""


class PlatformBackend(Protocol):
    """The OS-specific part of lockdown; every method is cheap and works without privileges."""

    os_name: OsName

    def display_server(self) -> DisplayServer:
        """Which display system the kiosk will run on ("none" when there is no screen)."""

    def elevated(self) -> Phrase | None:
        """Why this process has administrator or root rights, or None when it has not."""

    def virtual_machine(self) -> Phrase | None:
        """What suggests this is a virtual machine (e.g. "QEMU"), or None."""

    def remote_session(self) -> Phrase | None:
        """What suggests the session is used remotely (e.g. an SSH connection), or None."""

    def shortcut_blocker(self) -> Switch | None:
        """The system-wide shortcut block, or None when the toolkit grabs the keyboard (X11)."""

    def capture_blocker(self, window_id: int) -> Switch | None:
        """Keeps the window out of screenshots and screen sharing; None where that is impossible."""

    def process_counter(self) -> int | None:
        """A number that changes whenever a process is created, if the OS offers one cheaply.

        The process guard lists PIDs only when it changed; None means "list every time".
        """

    def is_own_process(self, proc: psutil.Process) -> bool:
        """Whether `proc` belongs to the user running lockdown (only those may be closed)."""
