"""What lockdown asks of an operating system: one small interface per concern.

Each OS folder (linux/, windows/, macos/) implements them, and `lockdown.platform.get_platform()`
is the only place that chooses an OS. The guards, the environment checks, the kiosk's operations,
the installer, `lockdown paths` and `lockdown check` talk to these interfaces, so their logic runs
(and is tested) on any OS; the Windows and macOS code is tested through fakes of its small API
seams, and `lockdown.platform.fake` stands in for a whole OS.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol

if TYPE_CHECKING:
    import psutil

    from lockdown.compat.result import Check
    from lockdown.install.receipt import Entry
    from lockdown.paths import Paths

from lockdown.words import Phrase

OsName = Literal["linux", "windows", "macos"]
"""The systems lockdown supports (BSDs count as linux)."""

DisplayServer = Literal["x11", "wayland", "windows", "macos", "none"]
VmState = Literal["found", "none", "unknown"]


@dataclass(frozen=True)
class VmCheck:
    """The virtual-machine check's answer, keeping "could not check" apart from "none found".

    `found`: what suggests a virtual machine (e.g. "QEMU"), None when nothing does. `checked`: the
    names of the sources that could be consulted; when there is none, nothing was checked at all.
    `problems`: each source that could not be consulted, and why.
    """

    found: Phrase | None = None
    checked: tuple[str, ...] = ()
    problems: tuple[Phrase, ...] = ()

    @property
    def state(self) -> VmState:
        if self.found is not None:
            return "found"
        return "none" if self.checked else "unknown"


class Switch(Protocol):
    """A change that lasts from `start()` to `stop()` and dies with the process anyway."""

    def start(self) -> None:
        """Turn the change on; raise if it cannot be made."""

    def stop(self) -> None:
        """Turn it off again; safe to call once after a successful start()."""


@dataclass(frozen=True)
class WindowKeyboardGrab:
    """The kiosk window itself must grab the keyboard; the toolkit does that (X11's XGrabKeyboard)."""


class StartSignal(Protocol):
    """A file descriptor that becomes readable soon after a program starts anywhere on the machine."""

    def fileno(self) -> int:
        """The descriptor to wait on (select)."""

    def drain(self) -> None:
        """Read what is pending, so the next wait blocks until the next start."""

    def close(self) -> None:
        """Stop watching."""


KeyboardLock = Switch | WindowKeyboardGrab | None
"""How an OS keeps the switching shortcuts away: a system-wide switch, the window's own grab, or nothing."""


class SessionFacts(Protocol):
    """What the environment checks ask about the running session; cheap, no privilege needed."""

    def display_server(self) -> DisplayServer:
        """Which display system the kiosk will run on ("none" when there is no screen)."""

    def elevated(self) -> Phrase | None:
        """Why this process has administrator or root rights, or None when it has not."""

    def virtual_machine(self) -> VmCheck:
        """What suggests this is a virtual machine, that nothing does, or why it could not be checked."""

    def remote_session(self) -> Phrase | None:
        """What suggests the session is used remotely (e.g. an SSH connection), or None."""


class ProcessFacts(Protocol):
    """What the process guard needs to find the student's prohibited programs quickly."""

    os_name: OsName

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


class KioskLocks(Protocol):
    """The OS side of the kiosk's operations; the Qt side (lockdown.ui) only carries them out."""

    def shortcut_blocker(self) -> Switch | None:
        """The system-wide block of the switching shortcuts, where the OS offers one."""

    def keyboard_lock(self) -> KeyboardLock:
        """Which keyboard lock the kiosk uses here: the decision belongs to the OS, not to the UI."""

    def capture_blocker(self, window_id: int) -> Switch | None:
        """Keeps the window (its native id) out of screenshots and screen sharing; None where impossible."""


@dataclass(frozen=True)
class BatteryState:
    """One reading of the computer's battery (all its batteries together)."""

    percent: int
    charging: bool
    """On mains power (charging, or full and plugged in)."""


class PowerSource(Protocol):
    """The battery the taskbar shows, read again every few seconds; cheap and never raises."""

    def battery(self) -> BatteryState | None:
        """The battery now; None when the computer has none (a desktop) or it cannot be read."""


class NetworkLink(Protocol):
    """Whether the computer is on a network at all (the exam server's reachability is the client's)."""

    def connected(self) -> bool | None:
        """True or False; None when this OS cannot tell. Cheap and never raises."""


@dataclass(frozen=True)
class WifiNetwork:
    """A Wi-Fi network in range that this computer already knows (it has saved its settings)."""

    name: str
    strength: int
    """0-100."""
    active: bool


class WifiControl(Protocol):
    """Reconnecting to a known Wi-Fi network, where the OS lets an ordinary user do it."""

    def networks(self) -> list[WifiNetwork]:
        """The known networks in range, strongest first; [] when none (or it cannot be read)."""

    def connect(self, name: str) -> None:
        """Ask the OS to connect to the known network `name`; raises OSError when it refuses."""


class KeyboardLayouts(Protocol):
    """The keyboard layouts the user already has, and which one is in use; only those are offered."""

    def layouts(self) -> tuple[str, ...]:
        """The layouts as the system names them ("us", "fr", "de(neo)"), in the system's order."""

    def current(self) -> int:
        """The index in `layouts()` of the layout in use."""

    def select(self, index: int) -> None:
        """Switch to the layout at `index`; raises OSError when the system refuses."""


@dataclass(frozen=True)
class VolumeState:
    """The system's output volume."""

    level: int
    """0-100."""
    muted: bool


class VolumeControl(Protocol):
    """The system's output volume: a change to the machine, so the exam undoes what it set."""

    def state(self) -> VolumeState:
        """The volume now; raises OSError when it cannot be read."""

    def set_level(self, level: int) -> None:
        """Set the volume (0-100); raises OSError when the system refuses."""

    def set_muted(self, muted: bool) -> None:
        """Mute or unmute; raises OSError when the system refuses."""


class WindowControl(Protocol):
    """Which program has the front, and bringing a permitted program's window there.

    So a program the exam permits (a calculator) can be used: the focus keeper lets it keep the
    front while it runs, and the taskbar brings it back above the kiosk.
    """

    def front_process(self) -> int | None:
        """The process id of the window that has the keyboard focus; None when unknown."""

    def bring_to_front(self, pids: frozenset[int]) -> bool:
        """Raise and focus a window of one of these processes, above the kiosk; False if none."""


@dataclass(frozen=True)
class Desk:
    """What the student has at hand in the exam's taskbar, as this OS offers it.

    A part is None where the OS has nothing an ordinary user may use; `missing` says why, one
    line per absent part, for the logs and `lockdown check`.
    """

    power: PowerSource
    network: NetworkLink
    keyboard_layouts: KeyboardLayouts | None = None
    volume: VolumeControl | None = None
    wifi: WifiControl | None = None
    windows: WindowControl | None = None
    missing: tuple[Phrase, ...] = ()


class DeskSources(Protocol):
    """The OS side of the taskbar: battery, network, keyboard layouts, volume, Wi-Fi, windows."""

    def desk(self) -> Desk:
        """This session's taskbar sources; built when the kiosk opens (it may open a connection)."""

    def volume_control(self) -> VolumeControl | None:
        """The output volume where an ordinary user may set it, else None; asked at every start (an
        exam that was killed may have left it changed), so it opens nothing else."""


class PlatformBackend(SessionFacts, ProcessFacts, KioskLocks, DeskSources, Protocol):
    """The running session's OS calls: one object, so the seams for tests are set in one place."""


class InstallSteps(Protocol):
    """The OS's part of installing and uninstalling for one user (menu entries, registry, self-removal)."""

    def executable(self, folder: Path, program: str) -> Path:
        """Where `program` ("lockdown", "lockdown-install", "lockdown-uninstall") sits in a bundle."""

    def create_shortcuts(self, install_dir: Path, version: str, size_bytes: int) -> list[Entry]:
        """Create the menu entries (and, on Windows, the "Apps & features" entry); return them."""

    def create_handlers(self, install_dir: Path, previous: Sequence[Entry],
                        record: Callable[[Entry], None]) -> tuple[list[Entry], list[Phrase]]:
        """Make the installed lockdown open seb:// and sebs:// links and .seb files for this user.

        Each change is handed to `record` before it is made, so the receipt holds its undo first.
        `previous`: the changes an earlier install recorded; those still in effect are kept (their
        undo knows what was there before lockdown). Returns the changes in effect, in the order
        made, and notes for the student (what was not done, what another program had set).
        """

    def refuse_change(self, entry: Entry) -> Phrase | None:
        """Why the uninstaller must not act on this receipt change (not a place or value lockdown
        sets on this OS), or None."""

    def describe_change(self, entry: Entry) -> str:
        """What the change is, for the uninstaller's report: a message key (`uninstall.why.*`)."""

    def undo_change(self, entry: Entry) -> list[Phrase]:
        """Put back what the change replaced; notes for the report. Raises
        `lockdown.install.changes.ChangeLeft` when it is left as it is (changed since, and why)."""

    def change_remains(self, entry: Entry) -> bool:
        """Whether anything of lockdown's change is still there (the uninstaller's last look)."""

    def handler_traces(self) -> list[tuple[str, str]]:
        """lockdown's handlers found on the machine now, as (where, what `describe_change` says):
        the uninstaller reports those no receipt entry accounts for (a lost or damaged receipt)."""

    def registry_key_exists(self, key: str) -> bool:
        """True if a per-user registry key is present (always False where there is no registry)."""

    def remove_registry_key(self, key: str) -> bool:
        """Delete a per-user registry key and its values; True if it was there."""

    def relocate_uninstaller(self, argv: list[str], install_dir: Path, temp_dir: Path) -> bool:
        """Restart the uninstaller from a copy outside `install_dir` if it must (Windows cannot
        delete a running program); True means a copy now runs and this process should exit."""

    def schedule_self_delete(self, executable: Path, temp_dir: Path) -> None:
        """Arrange for the running uninstaller's own temporary copy to vanish after it exits."""


@dataclass(frozen=True)
class OsFacts:
    """What the OS check judges.

    `label` is the anonymous version shown and reported ("debian 12", "11", "14.4");
    `version` the numbers the support rule compares: the glibc version on Linux, the build
    number on Windows, the product version on macOS.
    """

    family: OsName
    label: str
    version: tuple[int, ...]


class SystemFacts(Protocol):
    """What `lockdown check` reads of this OS and what this OS must offer to run the kiosk."""

    arm64_emulated: bool
    """An arm64 machine runs the x86_64 build under emulation (no native Qt 6 build for it)."""

    def os_facts(self) -> OsFacts:
        """This machine's OS version, read from the standard library."""

    def check_os(self, facts: OsFacts) -> Check:
        """Supported when Qt 6 and QtWebEngine run on this OS version."""

    def has_display(self, env: Mapping[str, str]) -> bool:
        """Whether a desktop session is there for Qt to open windows on."""


class FileSystem(Protocol):
    """How this OS's files behave where the integrity check and the uninstaller depend on it."""

    keeps_executable_bit: bool
    """Files carry an "executable" permission, which the integrity check compares with the manifest."""

    def removes_trees_without_following_links(self) -> bool:
        """Whether `shutil.rmtree` here deletes the links it meets instead of entering them."""


class Platform(Protocol):
    """One OS: everything lockdown needs from it, one concern per member."""

    name: OsName
    system: SystemFacts
    files: FileSystem
    self_check_in_child: bool
    """The build's self-check may run in a forked child process at start-up (Linux); elsewhere it
    runs in threads (fork is unsafe once macOS frameworks are loaded; Windows has none)."""

    def backend(self) -> PlatformBackend:
        """The running session's calls: environment, processes, kiosk locks (built on demand)."""

    def folders(self, home: Path, env: Mapping[str, str]) -> Paths:
        """Where lockdown writes for the user whose home is `home`; `env` as that user's session has it."""

    def install_steps(self, paths: Paths) -> InstallSteps:
        """The OS's part of installing and uninstalling into `paths`."""
