"""Linux (X11 first): everything is read from /proc, /sys and the environment, as an ordinary user.

Under X11 the kiosk window grabs the keyboard itself (Qt, `XGrabKeyboard`), so there is no
system-wide shortcut blocker here; under Wayland nothing can; and X11 has no way to keep a
window out of screen captures.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import psutil

from lockdown.platform.base import (
    Desk,
    DisplayServer,
    KeyboardLock,
    OsName,
    StartSignal,
    Switch,
    VmCheck,
    VolumeControl,
    WindowKeyboardGrab,
)
from lockdown.platform.common import (
    display_server_from_env,
    first_running,
    hypervisor_from_strings,
    posix_elevation,
    remote_from_env,
    running_process_names,
)
from lockdown.platform.linux.x11_display import virtual_display as x11_virtual_display
from lockdown.words import Phrase, phrase

DisplayProbe = Callable[[str | None, Callable[[], set[str]]], Phrase | None]


@dataclass(frozen=True)
class Ran:
    """What a short command did: its exit status and output, or (status None) why it could not run."""

    status: int | None
    out: str = ""
    problem: Phrase | None = None


Runner = Callable[[Sequence[str]], Ran]

_TGID_OFFSET = 258
"""/proc's directory offset of PID 0: seeking to PID + 258 lists from PID on (see pids_after)."""
_COMM_LEN = 15
"""The kernel keeps the first 15 characters of a program's name."""

_DMI_FIELDS = ("sys_vendor", "product_name", "board_vendor", "bios_vendor")

# Servers that make the desktop itself remote (lower-case process name -> what the student is told).
_REMOTE_DISPLAY_SERVERS = {
    "xvnc": phrase("reason.remote.vnc_desktop"),
    "xtigervnc": phrase("reason.remote.vnc_desktop"),
    "xtightvnc": phrase("reason.remote.vnc_desktop"),
    "x0vncserver": phrase("reason.remote.vnc_sharing"),
    "x11vnc": phrase("reason.remote.vnc_sharing"),
    "xrdp": phrase("reason.remote.xrdp"),
    "x2goagent": phrase("reason.remote.x2go"),
    "nxagent": phrase("reason.remote.nx"),
}


class ProgramStarts:
    """Readable when a dynamically linked program starts: inotify on the C library this process
    was loaded with, which such a program opens as it starts, after the kernel gave it its name.

    An ordinary user can watch a file others open (the kernel's process events are root's only)
    and wait on it without any cost while nothing starts. Statically linked programs and those
    with their own C library (Flatpak, Snap) open nothing watched: the guard's slower regular
    look finds those.
    """

    _IN_OPEN = 0x20

    def __init__(self, fd: int) -> None:
        self._fd = fd

    @classmethod
    def watch(cls, maps: str) -> ProgramStarts | None:
        """Watch the C library named in `maps` (this process's /proc/self/maps), or None."""
        libc = next((line.split()[-1] for line in maps.splitlines()
                     if line.split() and os.path.basename(line.split()[-1]).startswith("libc.so")), None)
        if libc is None:
            return None
        import ctypes

        c = ctypes.CDLL(None, use_errno=True)
        fd = c.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC)
        if fd < 0:
            return None
        if c.inotify_add_watch(fd, os.fsencode(libc), cls._IN_OPEN) < 0:
            os.close(fd)
            return None
        return cls(fd)

    def fileno(self) -> int:
        return self._fd

    def drain(self) -> None:
        try:  # one read, as a rule: the kernel merges a file's repeated opens into one event
            while len(os.read(self._fd, 4096)) == 4096:
                pass
        except BlockingIOError:
            pass

    def close(self) -> None:
        os.close(self._fd)


def run_quiet(argv: Sequence[str]) -> Ran:
    """Run a short command and capture its output, whatever its exit status; never raises."""
    try:
        done = subprocess.run(list(argv), capture_output=True, text=True, timeout=5, check=False)
    except FileNotFoundError:
        return Ran(None, problem=phrase("reason.program.missing", program=argv[0]))
    except subprocess.TimeoutExpired:
        return Ran(None, problem=phrase("reason.program.silent", program=argv[0], seconds=5))
    except (OSError, subprocess.SubprocessError) as exc:
        return Ran(None, problem=phrase("reason.program.failed", program=argv[0], error=str(exc)))
    return Ran(done.returncode, done.stdout.strip())


class LinuxBackend:
    """The Linux backend; `root`, `env`, `run`, `euid`, `process_names` and `display_probe` are seams
    for tests."""

    os_name: OsName = "linux"

    def __init__(self, env: Mapping[str, str] | None = None, root: Path = Path("/"),
                 run: Runner = run_quiet, euid: int | None = None,
                 process_names: Callable[[], set[str]] = running_process_names,
                 display_probe: DisplayProbe = x11_virtual_display) -> None:
        self._env = os.environ if env is None else env
        self._root = root
        self._run = run
        self._euid = os.geteuid() if euid is None else euid
        self._process_names = process_names
        self._uid = os.getuid()
        self._display_probe = display_probe
        self._loadavg: int | None = None
        self._proc_dir: int | None = None
        self._seek_works: bool | None = None

    def _read(self, relative: str) -> str:
        try:
            return (self._root / relative).read_text(errors="replace")
        except OSError:
            return ""

    def display_server(self) -> DisplayServer:
        return display_server_from_env(self._env)

    def virtual_display(self) -> Phrase | None:
        """Why the X display is not this machine's screen (nested, virtual, VNC), or None."""
        if self.display_server() != "x11":
            return None
        return self._display_probe(self._env.get("DISPLAY"), self._process_names)

    def elevated(self) -> Phrase | None:
        login = self._read("proc/self/loginuid").strip()
        reason = posix_elevation(self._euid, int(login) if login.isdigit() else None, self._env)
        if reason:
            return reason
        for line in self._read("proc/self/status").splitlines():
            if line.startswith("CapEff:") and int(line.split()[1], 16) != 0:
                return phrase("reason.elevated.capabilities", capabilities=line.split()[1])
        return None

    def _read_or_why(self, relative: str) -> str | OSError:
        try:
            return (self._root / relative).read_text(errors="replace")
        except OSError as exc:
            return exc

    def virtual_machine(self) -> VmCheck:
        """systemd-detect-virt, then the firmware strings, then the processor's hypervisor flag.

        A source that cannot be consulted is named in `problems`, never taken for "no virtual machine".
        """
        checked: list[str] = []
        problems: list[Phrase] = []
        ran = self._run(["systemd-detect-virt", "--vm"])
        if ran.status == 0 and ran.out and ran.out != "none":
            return VmCheck(phrase("reason.vm.systemd", name=ran.out), ("systemd-detect-virt",))
        if ran.out == "none":  # it looked (and exits 1 when it finds nothing)
            checked.append("systemd-detect-virt")
        else:
            problems.append(ran.problem or phrase("reason.program.exit", program="systemd-detect-virt",
                                                   status=ran.status))
        firmware = {f: self._read_or_why(f"sys/class/dmi/id/{f}") for f in _DMI_FIELDS}
        readable = [text.strip() for text in firmware.values() if isinstance(text, str)]
        if readable:
            named = hypervisor_from_strings(*readable)
            if named:
                return VmCheck(phrase("reason.vm.named", name=named), (*checked, "firmware strings"))
            checked.append("firmware strings")
        else:
            why = next(e for e in firmware.values() if isinstance(e, OSError))
            problems.append(phrase("reason.vm.firmware_unreadable", error=why.strerror or str(why)))
        cpuinfo = self._read_or_why("proc/cpuinfo")
        if isinstance(cpuinfo, OSError):
            problems.append(phrase("reason.vm.cpuinfo_unreadable", error=cpuinfo.strerror or str(cpuinfo)))
            return VmCheck(None, tuple(checked), tuple(problems))
        flags = [line.split() for line in cpuinfo.splitlines() if line.startswith("flags")]
        if any("hypervisor" in line for line in flags):
            return VmCheck(phrase("reason.vm.cpu_flag"), (*checked, "processor flags"))
        if flags:
            checked.append("processor flags")
        else:
            problems.append(phrase("reason.vm.no_cpu_flags"))
        return VmCheck(None, tuple(checked), tuple(problems))

    def remote_session(self) -> Phrase | None:
        return remote_from_env(self._env) or first_running(_REMOTE_DISPLAY_SERVERS, self._process_names)

    def shortcut_blocker(self) -> Switch | None:
        return None  # the kiosk window grabs the keyboard: see keyboard_lock()

    def keyboard_lock(self) -> KeyboardLock:
        # Under Wayland an ordinary app cannot grab the keyboard (the exam chose limited lockdown).
        return WindowKeyboardGrab() if self.display_server() == "x11" else None

    def capture_blocker(self, window_id: int) -> Switch | None:
        return None  # X11 lets any client read the screen; nothing an app can do about it

    def process_counter(self) -> int | None:
        # The last field of /proc/loadavg is the most recently created PID. Re-reading an open
        # descriptor costs ~0.03 ms here, listing /proc ~0.4 ms. The descriptor dies with the process.
        try:
            if self._loadavg is None:
                self._loadavg = os.open(self._root / "proc/loadavg", os.O_RDONLY)
            fields = os.pread(self._loadavg, 128, 0).split()
        except OSError:
            return None
        return int(fields[-1]) if fields and fields[-1].isdigit() else None

    def program_starts(self) -> StartSignal | None:
        return ProgramStarts.watch(self._read("proc/self/maps"))

    def pids_after(self, pid: int) -> set[int] | None:
        # /proc lists processes, never threads, in increasing PID order from a directory offset of
        # PID + 258 (TGID_OFFSET in the kernel's fs/proc/base.c; 257 before Linux 3.17): seeking
        # there lists `pid` (on older kernels, from the next one) and the processes past it in one
        # call, and older ones with higher numbers from before the numbers wrapped. Checked once
        # on this process's own PID; where it does not hold, None (the guard lists every process).
        try:
            if self._proc_dir is None:
                self._proc_dir = os.open(self._root / "proc", os.O_RDONLY | os.O_DIRECTORY)
            if self._seek_works is None:
                self._seek_works = os.getpid() in self._listed_after(os.getpid() - 1)
            return self._listed_after(pid) if self._seek_works else None
        except OSError:
            return None

    def _listed_after(self, pid: int) -> set[int]:
        assert self._proc_dir is not None
        os.lseek(self._proc_dir, pid + _TGID_OFFSET, os.SEEK_SET)
        return {int(e.name) for e in os.scandir(self._proc_dir) if e.name.isdigit()}

    def own_process_name(self, pid: int) -> str | None:
        # One stat tells another user's process apart (its folder is theirs). This user's and
        # root's folders need the status read: a process that made itself non-dumpable shows as
        # root's. That read gives the real user, the thread group (a thread is not a process)
        # and the name, which the kernel cuts at 15 characters; psutil then reads the full one.
        folder = self._root / "proc" / str(pid)
        try:
            if os.stat(folder).st_uid not in (self._uid, 0):
                return None
            fd = os.open(folder / "status", os.O_RDONLY)
            try:
                head = os.read(fd, 1024)
            finally:
                os.close(fd)
        except OSError:
            return None
        fields = dict(line.split(b":", 1) for line in head.splitlines() if b":" in line)
        uid, tgid = fields.get(b"Uid", b"").split(), fields.get(b"Tgid", b"").strip()
        if not uid or int(uid[0]) != self._uid or tgid != str(pid).encode():
            return None
        name = fields.get(b"Name", b"").strip().decode(errors="replace")
        if len(name) < _COMM_LEN:
            return name
        try:
            return psutil.Process(pid).name()
        except psutil.Error:
            return name

    def is_own_process(self, proc: psutil.Process) -> bool:
        try:
            return proc.uids().real == os.getuid()
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            return False

    def volume_control(self) -> VolumeControl | None:
        """The session's sound server through pactl, when it answers."""
        from lockdown.platform.linux import volume

        return volume.PactlVolume(self._run) if volume.available(self._run) else None

    def desk(self) -> Desk:
        """Battery (/sys), network and Wi-Fi (NetworkManager), XKB layouts and windows (X11),
        volume (pactl)."""
        from lockdown.platform.linux.keyboard import CtypesXkb, XkbLayouts
        from lockdown.platform.linux.network import NetworkManager, NetworkManagerLink, NetworkManagerWifi
        from lockdown.platform.linux.power import SysfsPower
        from lockdown.platform.linux.windows import EwmhWindows

        missing: list[Phrase] = []
        layouts = windows = None
        if self.display_server() == "x11":
            api = CtypesXkb.open()
            layouts = XkbLayouts(api) if api is not None else None
            windows = EwmhWindows.open()
            if api is None or windows is None:
                missing.append(phrase("desk.missing.x11"))
        else:
            missing.append(phrase("desk.missing.wayland"))
        sound = self.volume_control()
        if sound is None:
            missing.append(phrase("desk.missing.pactl"))
        manager = NetworkManager()
        return Desk(power=SysfsPower(self._root / "sys/class/power_supply"),
                    network=NetworkManagerLink(manager), keyboard_layouts=layouts, volume=sound,
                    wifi=NetworkManagerWifi(manager), windows=windows, missing=tuple(missing))
