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
from lockdown.words import Phrase, phrase

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
            return Check(name, "warn", phrase("check.os.libc_unknown", system=shown),
                         phrase("check.fix.mainstream_linux", glibc=_dotted(MIN_GLIBC)))
        glibc = _dotted(facts.version)
        if facts.version < MIN_GLIBC:
            return Check(name, "fail", phrase("check.os.glibc_old", system=shown, glibc=glibc),
                         phrase("check.fix.newer_glibc", glibc=_dotted(MIN_GLIBC)))
        return Check(name, "pass", phrase("check.os.linux", system=shown, glibc=glibc))
    if facts.family == "windows":
        build = facts.version[0] if facts.version else 0
        if build < MIN_WINDOWS_BUILD:
            return Check(name, "fail", phrase("check.os.windows_old", build=build),
                         phrase("check.fix.windows"))
        return Check(name, "pass", phrase("check.os.windows", version=facts.label, build=build))
    macos_fix = phrase("check.fix.macos", version=_dotted(RECOMMENDED_MACOS))
    if facts.version < MIN_MACOS:
        return Check(name, "fail", phrase("check.os.macos_old", version=facts.label), macos_fix)
    if facts.version < RECOMMENDED_MACOS:
        return Check(name, "warn", phrase("check.os.macos_unsupported", version=facts.label), macos_fix)
    return Check(name, "pass", phrase("check.os.macos", version=facts.label))


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
