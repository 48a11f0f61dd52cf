"""Linux (X11 first): everything is read from /proc, /sys and the environment, as an ordinary user.

The keyboard is grabbed by the kiosk window itself (Qt, X11 `XGrabKeyboard`), so there is no
shortcut blocker here; and X11 has no way to keep a window out of screen captures.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import psutil

from lockdown.osname import OsName
from lockdown.platform.base import DisplayServer, Switch
from lockdown.platform.common import (
    display_server_from_env,
    first_running,
    hypervisor_from_strings,
    posix_elevation,
    remote_from_env,
    running_process_names,
)
from lockdown.platform.x11_display import virtual_display as x11_virtual_display

Runner = Callable[[Sequence[str]], str | None]
DisplayProbe = Callable[[str | None, Callable[[], set[str]]], str | None]

_DMI_FIELDS = ("sys_vendor", "product_name", "board_vendor", "bios_vendor")

# Servers that make the desktop itself remote (lower-case process name -> shown name).
_REMOTE_DISPLAY_SERVERS = {
    "xvnc": "VNC remote desktop",
    "xtigervnc": "VNC remote desktop",
    "xtightvnc": "VNC remote desktop",
    "x0vncserver": "VNC screen sharing",
    "x11vnc": "VNC screen sharing",
    "xrdp": "xrdp remote desktop",
    "x2goagent": "X2Go remote desktop",
    "nxagent": "NX remote desktop",
}


def run_quiet(argv: Sequence[str]) -> str | None:
    """stdout of a successful short command, or None (missing program, failure, timeout)."""
    try:
        done = subprocess.run(list(argv), capture_output=True, text=True, timeout=5, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


class LinuxBackend:
    """The Linux backend; `root`, `env`, `run`, `euid` and `process_names` are seams for tests."""

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
        self._display_probe = display_probe
        self._loadavg: int | None = None

    def _read(self, relative: str) -> str:
        try:
            return (self._root / relative).read_text(errors="replace")
        except OSError:
            return ""

    def display_server(self) -> DisplayServer:
        return display_server_from_env(self._env)

    def elevated(self) -> str | None:
        login = self._read("proc/self/loginuid").strip()
        reason = posix_elevation(self._euid, int(login) if login.isdigit() else None, self._env)
        if reason:
            return reason
        for line in self._read("proc/self/status").splitlines():
            if line.startswith("CapEff:") and int(line.split()[1], 16) != 0:
                return f"running with extra privileges (capabilities {line.split()[1]})"
        return None

    def virtual_machine(self) -> str | None:
        detected = self._run(["systemd-detect-virt", "--vm"])
        if detected and detected != "none":
            return f"{detected} (systemd-detect-virt)"
        firmware = [self._read(f"sys/class/dmi/id/{f}").strip() for f in _DMI_FIELDS]
        named = hypervisor_from_strings(*firmware)
        if named:
            return named
        for line in self._read("proc/cpuinfo").splitlines():
            if line.startswith("flags") and "hypervisor" in line.split():
                return "the processor reports a hypervisor"
        return None

    def virtual_display(self) -> str | None:
        """Why the X display is not this machine's screen (nested, virtual, VNC), or None."""
        if self.display_server() != "x11":
            return None
        return self._display_probe(self._env.get("DISPLAY"), self._process_names)

    def remote_session(self) -> str | None:
        return remote_from_env(self._env) or first_running(_REMOTE_DISPLAY_SERVERS, self._process_names)

    def shortcut_blocker(self) -> Switch | None:
        return None  # the kiosk window grabs the keyboard (lockdown.ui.lockdown_ops.KeyboardGrab)

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

    def is_own_process(self, proc: psutil.Process) -> bool:
        try:
            return proc.uids().real == os.getuid()
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            return False
