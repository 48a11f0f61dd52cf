"""Checks shared by several OS modules: pure functions of the environment and of vendor strings."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import psutil

from lockdown.platform.base import DisplayServer

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

# Environment variables set by remote-login tools -> the name shown to the student.
_REMOTE_ENV: tuple[tuple[str, str], ...] = (
    ("SSH_CONNECTION", "SSH connection"),
    ("SSH_CLIENT", "SSH connection"),
    ("SSH_TTY", "SSH connection"),
    ("XRDP_SESSION", "xrdp remote desktop"),
    ("XRDP_SOCKET_PATH", "xrdp remote desktop"),
    ("X2GO_SESSION", "X2Go remote desktop"),
    ("X2GO_AGENT_PID", "X2Go remote desktop"),
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


def remote_from_env(env: Mapping[str, str]) -> str | None:
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
                    env: Mapping[str, str] | None = None) -> str | None:
    """Why a POSIX process counts as elevated (effective user id 0, or an elevation tool), or None.

    `login_uid` is the user who logged in to the session (Linux audit login uid), used only to
    explain that root rights were obtained from an ordinary user's session.
    """
    tool = next((v for v in ELEVATION_TOOL_VARIABLES if (env or {}).get(v)), None)
    if tool:
        return f"started through an elevation tool ({tool} is set)"
    if euid != 0:
        return None
    if login_uid not in (None, 0, 0xFFFFFFFF):
        return f"running as root (user id 0), started from the session of user id {login_uid}"
    return "running as root (user id 0)"


def running_process_names() -> set[str]:
    """Lower-case names of the running processes; used locally for a check, never sent."""
    names: set[str] = set()
    for proc in psutil.process_iter(["name"]):
        name = proc.info.get("name")
        if name:
            names.add(str(name).lower())
    return names


def first_running(candidates: Mapping[str, str],
                  names: Callable[[], set[str]] = running_process_names) -> str | None:
    """The shown name of the first candidate process (lower-case name -> shown name) running."""
    running = names()
    for proc_name, shown in candidates.items():
        if proc_name in running:
            return shown
    return None


def own_process_name(pid: int, is_own: Callable[[psutil.Process], bool]) -> str | None:
    """`PlatformBackend.own_process_name` through psutil, where the OS has nothing cheaper."""
    try:
        proc = psutil.Process(pid)
        return proc.name() if is_own(proc) else None
    except psutil.Error:
        return None
