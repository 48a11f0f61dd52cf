"""Checks on the system itself: OS version, processor, free memory and free disk space.

The thresholds follow what the kiosk needs: Qt 6 wheels (64-bit only; the OS versions they run
on, which each OS's folder in lockdown/platform/ knows) and QtWebEngine's appetite (a few hundred
MB of RAM, a ~500 MB install).
"""

from __future__ import annotations

from typing import Literal

from lockdown.compat.result import Check
from lockdown.platform import OsFacts, OsName, get_platform

MIB = 1024 * 1024
GIB = 1024 * MIB

MIN_AVAILABLE_MEMORY = 512 * MIB
RECOMMENDED_AVAILABLE_MEMORY = 1 * GIB
MIN_FREE_DISK = 700 * MIB
RECOMMENDED_FREE_DISK = 2 * GIB

Arch = Literal["x86_64", "arm64", "x86", "other"]
"""The processor families the privacy manifest allows in a report."""


def check_os(facts: OsFacts) -> Check:
    """Supported when Qt 6 and QtWebEngine run on this OS version (the OS's own rule)."""
    return get_platform(facts.family).system.check_os(facts)


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
    """Qt 6 ships 64-bit builds only; where it has no arm64 build (Windows) x86_64 runs emulated."""
    name = "arch"
    emulated = get_platform(family).system.arm64_emulated
    if arch == "x86_64" or (arch == "arm64" and not emulated):
        return Check(name, "pass", f"{arch} processor")
    if arch == "arm64":
        return Check(name, "warn", "arm64 processor: the x86_64 build runs under emulation here (slower)",
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
