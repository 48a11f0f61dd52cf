"""Checks on the system itself: OS version, processor, free memory and free disk space.

The thresholds follow what the kiosk needs: Qt 6 wheels (64-bit only; the OS versions they run
on, which each OS's folder in lockdown/platform/ knows) and QtWebEngine's appetite (a few hundred
MB of RAM, a ~500 MB install).
"""

from __future__ import annotations

from typing import Literal

from lockdown.compat.result import Check
from lockdown.platform import OsFacts, OsName, get_platform
from lockdown.words import Phrase, phrase

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
        return Check(name, "pass", phrase("check.arch.ok", arch=arch))
    if arch == "arm64":
        return Check(name, "warn", phrase("check.arch.windows_arm"), phrase("check.fix.practice_exam"))
    if arch == "x86":
        return Check(name, "fail", phrase("check.arch.32bit"), phrase("check.fix.64bit"))
    return Check(name, "fail", phrase("check.arch.unknown"), phrase("check.fix.processor"))


def _size(n: int) -> Phrase:
    return phrase("unit.gb", value=n / GIB) if n >= GIB else phrase("unit.mb", value=n // MIB)


def check_memory(available: int, total: int) -> Check:
    """The exam browser needs a few hundred MB free; less and the page may crash mid-exam."""
    name = "memory"
    free, of = _size(available), _size(total)
    if available < MIN_AVAILABLE_MEMORY:
        return Check(name, "fail", phrase("check.memory.too_little", free=free, total=of,
                                          needed=_size(MIN_AVAILABLE_MEMORY)),
                     phrase("check.fix.memory_restart"))
    if available < RECOMMENDED_AVAILABLE_MEMORY:
        return Check(name, "warn", phrase("check.memory.low", free=free, total=of,
                                          recommended=_size(RECOMMENDED_AVAILABLE_MEMORY)),
                     phrase("check.fix.memory"))
    return Check(name, "pass", phrase("check.memory.ok", free=free, total=of))


def check_disk(free: int) -> Check:
    """Free space on the disk that holds lockdown's files (install, caches during the exam)."""
    name = "disk"
    size = _size(free)
    if free < MIN_FREE_DISK:
        return Check(name, "fail", phrase("check.disk.too_little", free=size, needed=_size(MIN_FREE_DISK)),
                     phrase("check.fix.disk_bin"))
    if free < RECOMMENDED_FREE_DISK:
        return Check(name, "warn",
                     phrase("check.disk.low", free=size, recommended=_size(RECOMMENDED_FREE_DISK)),
                     phrase("check.fix.disk"))
    return Check(name, "pass", phrase("check.disk.ok", free=size))
