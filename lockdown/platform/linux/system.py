"""What `lockdown check` reads of Linux, and the oldest Linux Qt 6's wheels run on (glibc 2.28)."""

from __future__ import annotations

import platform
from collections.abc import Mapping

from lockdown.compat.result import Check
from lockdown.platform.base import OsFacts
from lockdown.words import phrase

MIN_GLIBC = (2, 28)


def _dotted(v: tuple[int, ...]) -> str:
    return ".".join(str(n) for n in v)


class LinuxSystem:
    """The distribution's name and version, and the C library the Qt wheels need."""

    arm64_emulated = False

    def os_facts(self) -> OsFacts:
        try:
            release = platform.freedesktop_os_release()
            label = f"{release.get('ID', 'linux')} {release.get('VERSION_ID', '')}".strip()
        except OSError:
            label = "linux"
        lib, version = platform.libc_ver()
        glibc = tuple(int(p) for p in version.split(".") if p.isdigit()) if lib == "glibc" else ()
        return OsFacts("linux", label, glibc)

    def check_os(self, facts: OsFacts) -> Check:
        name = "os"
        shown = f"{facts.family} {facts.label}".strip()
        if not facts.version:
            return Check(name, "warn", phrase("check.os.libc_unknown", system=shown),
                         phrase("check.fix.mainstream_linux", glibc=_dotted(MIN_GLIBC)))
        glibc = _dotted(facts.version)
        if facts.version < MIN_GLIBC:
            return Check(name, "fail", phrase("check.os.glibc_old", system=shown, glibc=glibc),
                         phrase("check.fix.newer_glibc", glibc=_dotted(MIN_GLIBC)))
        return Check(name, "pass", phrase("check.os.linux", system=shown, glibc=glibc))

    def has_display(self, env: Mapping[str, str]) -> bool:
        """A desktop session sets DISPLAY (X11) or WAYLAND_DISPLAY; a text console or SSH sets neither."""
        return bool(env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))
