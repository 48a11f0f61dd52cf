"""Checks shared by several OS modules: pure functions of the environment and of vendor strings."""

from __future__ import annotations

import ipaddress
import shutil
import socket
from collections.abc import Callable, Mapping
from typing import Any

import psutil

from lockdown.platform.base import DisplayServer
from lockdown.words import Phrase, phrase

# Lower-case fragment of a firmware vendor or product name -> the name shown to the student.
_HYPERVISOR_VENDORS: tuple[tuple[str, str], ...] = (
    ("qemu", "QEMU"),
    ("kvm", "KVM"),
    ("vmware", "VMware"),
    ("virtualbox", "VirtualBox"),
    ("innotek", "VirtualBox"),
    ("xen", "Xen"),
    ("parallels", "Parallels"),
    ("bochs", "Bochs"),
    ("bhyve", "bhyve"),
    ("amazon ec2", "Amazon EC2"),
    ("google compute engine", "Google Compute Engine"),
    ("openstack", "OpenStack"),
)

# Environment variables set by remote-login tools -> what the student is told.
_REMOTE_ENV: tuple[tuple[str, Phrase], ...] = (
    ("SSH_CONNECTION", phrase("reason.remote.ssh")),
    ("SSH_CLIENT", phrase("reason.remote.ssh")),
    ("SSH_TTY", phrase("reason.remote.ssh")),
    ("XRDP_SESSION", phrase("reason.remote.xrdp")),
    ("XRDP_SOCKET_PATH", phrase("reason.remote.xrdp")),
    ("X2GO_SESSION", phrase("reason.remote.x2go")),
    ("X2GO_AGENT_PID", phrase("reason.remote.x2go")),
)


def hypervisor_from_strings(*names: str) -> str | None:
    """The hypervisor named by firmware strings (vendor, product...), or None."""
    joined = " ".join(names).lower()
    for fragment, shown in _HYPERVISOR_VENDORS:
        if fragment in joined:
            return shown
    if "microsoft corporation" in joined and "virtual machine" in joined:
        return "Hyper-V"
    return None


def remote_from_env(env: Mapping[str, str]) -> Phrase | None:
    """The remote-login tool whose variables are set in `env`, or None."""
    for var, shown in _REMOTE_ENV:
        if env.get(var):
            return shown
    return None


def display_server_from_env(env: Mapping[str, str]) -> DisplayServer:
    """X11, Wayland or none, from the variables a desktop session sets.

    A Wayland session wins over DISPLAY: an X11 app there runs under XWayland, where a keyboard
    grab only covers other XWayland clients.
    """
    if env.get("XDG_SESSION_TYPE", "").lower() == "wayland" or env.get("WAYLAND_DISPLAY"):
        return "wayland"
    if env.get("DISPLAY"):
        return "x11"
    return "none"


ELEVATION_TOOL_VARIABLES = ("SUDO_UID", "PKEXEC_UID", "DOAS_USER")
"""Set by the tools that run a program with another user's rights; lockdown refuses them all."""


def posix_elevation(euid: int, login_uid: int | None = None,
                    env: Mapping[str, str] | None = None) -> Phrase | None:
    """Why a POSIX process counts as elevated (effective user id 0, or an elevation tool), or None.

    `login_uid` is the user who logged in to the session (Linux audit login uid), used only to
    explain that root rights were obtained from an ordinary user's session.
    """
    tool = next((v for v in ELEVATION_TOOL_VARIABLES if (env or {}).get(v)), None)
    if tool:
        return phrase("reason.elevated.tool", variable=tool)
    if euid != 0:
        return None
    if login_uid not in (None, 0, 0xFFFFFFFF):
        return phrase("reason.elevated.root_from_user", uid=login_uid)
    return phrase("reason.elevated.root")


def running_process_names() -> set[str]:
    """Lower-case names of the running processes; used locally for a check, never sent."""
    names: set[str] = set()
    for proc in psutil.process_iter(["name"]):
        name = proc.info.get("name")
        if name:
            names.add(str(name).lower())
    return names


def first_running(candidates: Mapping[str, Phrase],
                  names: Callable[[], set[str]] = running_process_names) -> Phrase | None:
    """What to tell of the first candidate process (lower-case name -> reason) running."""
    running = names()
    for proc_name, shown in candidates.items():
        if proc_name in running:
            return shown
    return None


class PosixFiles:
    """Linux and macOS files: an executable bit, and `rmtree` working on descriptors when it can."""

    keeps_executable_bit = True

    def removes_trees_without_following_links(self) -> bool:
        return shutil.rmtree.avoids_symlink_attacks


def _usable(address: str) -> bool:
    """An address that reaches beyond this computer: not loopback, not link-local (fe80::, 169.254)."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    return not (ip.is_loopback or ip.is_link_local or ip.is_unspecified)


class InterfacesLink:
    """Implements `NetworkLink` from the interfaces: connected when one that is up has a usable
    address. What every OS tells an ordinary user (psutil); it cannot tell a captive portal or a
    network without Internet from a good one, which the exam server's banner does."""

    def __init__(self, stats: Callable[[], Mapping[str, Any]] = psutil.net_if_stats,
                 addresses: Callable[[], Mapping[str, list[Any]]] = psutil.net_if_addrs) -> None:
        self._stats = stats
        self._addresses = addresses

    def connected(self) -> bool | None:
        try:
            stats = self._stats()
            addresses = self._addresses()
        except (OSError, RuntimeError):
            return None
        for name, stat in stats.items():
            if not stat.isup:
                continue
            for address in addresses.get(name, []):
                if address.family in (socket.AF_INET, socket.AF_INET6) and _usable(address.address):
                    return True
        return False
def own_process_name(pid: int, is_own: Callable[[psutil.Process], bool]) -> str | None:
    """`PlatformBackend.own_process_name` through psutil, where the OS has nothing cheaper."""
    try:
        proc = psutil.Process(pid)
        return proc.name() if is_own(proc) else None
    except psutil.Error:
        return None
