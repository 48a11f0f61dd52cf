"""What lockdown asks of the operating system, as one interface each OS module implements.

Only `lockdown.platform.get_backend()` chooses an implementation. The guards, the environment
checks and the kiosk's operations talk to this interface, so their logic runs (and is tested) on
any OS; the Windows and macOS modules are tested here through fakes of their small API seams.
"""

from __future__ import annotations

from typing import Literal, Protocol

import psutil

from lockdown.osname import OsName

DisplayServer = Literal["x11", "wayland", "windows", "macos", "none"]


class Switch(Protocol):
    """A change that lasts from `start()` to `stop()` and dies with the process anyway."""

    def start(self) -> None:
        """Turn the change on; raise if it cannot be made."""

    def stop(self) -> None:
        """Turn it off again; safe to call once after a successful start()."""


class StartSignal(Protocol):
    """A file descriptor that becomes readable soon after a program starts anywhere on the machine."""

    def fileno(self) -> int:
        """The descriptor to wait on (select)."""

    def drain(self) -> None:
        """Read what is pending, so the next wait blocks until the next start."""

    def close(self) -> None:
        """Stop watching."""


class PlatformBackend(Protocol):
    """The OS-specific part of lockdown; every method is cheap and works without privileges."""

    os_name: OsName

    def display_server(self) -> DisplayServer:
        """Which display system the kiosk will run on ("none" when there is no screen)."""

    def elevated(self) -> str | None:
        """Why this process has administrator or root rights, or None when it has not."""

    def virtual_machine(self) -> str | None:
        """What suggests this is a virtual machine (e.g. "QEMU"), or None."""

    def remote_session(self) -> str | None:
        """What suggests the session is used remotely (e.g. "SSH connection"), or None."""

    def shortcut_blocker(self) -> Switch | None:
        """The system-wide shortcut block, or None when the toolkit grabs the keyboard (X11)."""

    def capture_blocker(self, window_id: int) -> Switch | None:
        """Keeps the window out of screenshots and screen sharing; None where that is impossible."""

    def process_counter(self) -> int | None:
        """A number that changes whenever a process is created, if the OS offers one cheaply.

        The process guard lists PIDs only when it changed; None means "list every time".
        """

    def program_starts(self) -> StartSignal | None:
        """A signal for program starts, where the OS gives one to an ordinary user; None means the
        guard looks every interval."""

    def pids_after(self, pid: int) -> set[int] | None:
        """The running processes numbered past `pid` (and older ones with higher numbers), if the
        OS can list just those; None means "list them all". With `process_counter()`, the guard
        finds the processes started since its last look without listing the others."""

    def own_process_name(self, pid: int) -> str | None:
        """The name of process `pid` when it may be this user's, else None (another user's, or
        gone): cheap, since the guard asks it about every new process on the machine."""

    def is_own_process(self, proc: psutil.Process) -> bool:
        """Whether `proc` belongs to the user running lockdown (only those may be closed)."""
