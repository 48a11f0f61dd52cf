"""Checks on the system itself: OS version, processor, free memory and free disk space.

The thresholds follow what the kiosk needs: Qt 6 wheels (64-bit only, glibc 2.28 on Linux,
Windows 10 1809, recent macOS) and QtWebEngine's appetite (a few hundred MB of RAM, a ~500 MB
install).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from lockdown.compat.result import Check
from lockdown.osname import OsName

MIB = 1024 * 1024
GIB = 1024 * MIB

MIN_GLIBC = (2, 28)
MIN_WINDOWS_BUILD = 17763
"""Windows 10 1809, the oldest Windows Qt 6 supports."""
MIN_MACOS = (12,)
RECOMMENDED_MACOS = (13,)

MIN_AVAILABLE_MEMORY = 512 * MIB
RECOMMENDED_AVAILABLE_MEMORY = 1 * GIB
MIN_FREE_DISK = 700 * MIB
RECOMMENDED_FREE_DISK = 2 * GIB

Arch = Literal["x86_64", "arm64", "x86", "other"]
"""The processor families the privacy manifest allows in a report."""


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


def _dotted(v: tuple[int, ...]) -> str:
    return ".".join(str(n) for n in v)


def check_os(facts: OsFacts) -> Check:
    """Supported when Qt 6 and QtWebEngine run on this OS version."""
    name = "os"
    shown = f"{facts.family} {facts.label}".strip()
    if facts.family == "linux":
        if not facts.version:
            return Check(name, "warn", f"{shown}: C library version unknown (not glibc?)",
                         "use a mainstream distribution (Debian, Ubuntu, Fedora...) with glibc "
                         f"{_dotted(MIN_GLIBC)} or newer")
        if facts.version < MIN_GLIBC:
            return Check(name, "fail", f"{shown}: glibc {_dotted(facts.version)} is too old",
                         f"upgrade to a distribution with glibc {_dotted(MIN_GLIBC)} or newer")
        return Check(name, "pass", f"{shown} (glibc {_dotted(facts.version)})")
    if facts.family == "windows":
        build = facts.version[0] if facts.version else 0
        if build < MIN_WINDOWS_BUILD:
            return Check(name, "fail", f"Windows build {build} is too old",
                         "update to Windows 10 version 1809 or later, or Windows 11")
        return Check(name, "pass", f"Windows {facts.label} (build {build})")
    if facts.version < MIN_MACOS:
        return Check(name, "fail", f"macOS {facts.label} is too old",
                     f"update macOS to version {_dotted(RECOMMENDED_MACOS)} or later")
    if facts.version < RECOMMENDED_MACOS:
        return Check(name, "warn", f"macOS {facts.label} is no longer supported by recent Qt releases",
                     f"update macOS to version {_dotted(RECOMMENDED_MACOS)} or later")
    return Check(name, "pass", f"macOS {facts.label}")


def normalise_arch(machine: str) -> Arch:
    """Map `platform.machine()` spellings to the four values the privacy manifest allows."""
    m = machine.lower()
    if m in ("x86_64", "amd64", "x64"):
        return "x86_64"
    if m in ("arm64", "aarch64", "armv8l"):
        return "arm64"
    if m in ("i386", "i486", "i586", "i686", "x86"):
        return "x86"
    return "other"


def check_arch(arch: Arch, family: OsName) -> Check:
    """Qt 6 ships 64-bit builds only; Windows on ARM runs the x86_64 build under emulation."""
    name = "arch"
    if arch == "x86_64" or (arch == "arm64" and family != "windows"):
        return Check(name, "pass", f"{arch} processor")
    if arch == "arm64":
        return Check(name, "warn", "arm64 processor: Windows runs the x86_64 build under emulation (slower)",
                     "try a practice exam on this machine well before the real one")
    if arch == "x86":
        return Check(name, "fail", "32-bit processor or system: Qt 6 runs on 64-bit systems only",
                     "use a 64-bit machine and system")
    return Check(name, "fail", "unsupported processor family",
                 "use a machine with an x86_64 (Intel/AMD) or arm64 processor")


def _size(n: int) -> str:
    return f"{n / GIB:.1f} GB" if n >= GIB else f"{n // MIB} MB"


def check_memory(available: int, total: int) -> Check:
    """The exam browser needs a few hundred MB free; less and the page may crash mid-exam."""
    name = "memory"
    detail = f"{_size(available)} available of {_size(total)}"
    if available < MIN_AVAILABLE_MEMORY:
        return Check(name, "fail", detail + f" (at least {_size(MIN_AVAILABLE_MEMORY)} needed)",
                     "close other programs, or restart the machine before the exam")
    if available < RECOMMENDED_AVAILABLE_MEMORY:
        return Check(name, "warn", detail + f" ({_size(RECOMMENDED_AVAILABLE_MEMORY)} recommended)",
                     "close other programs before the exam")
    return Check(name, "pass", detail)


def check_disk(free: int) -> Check:
    """Free space on the disk that holds lockdown's files (install, caches during the exam)."""
    name = "disk"
    detail = f"{_size(free)} free where lockdown installs"
    if free < MIN_FREE_DISK:
        return Check(name, "fail", detail + f" (at least {_size(MIN_FREE_DISK)} needed)",
                     "free some disk space (empty the bin, remove large downloads)")
    if free < RECOMMENDED_FREE_DISK:
        return Check(name, "warn", detail + f" ({_size(RECOMMENDED_FREE_DISK)} recommended)",
                     "free some disk space before the exam")
    return Check(name, "pass", detail)
