"""What `lockdown check` reads of Windows, and the oldest Windows Qt 6 supports (10 version 1809)."""

from __future__ import annotations

import platform
from collections.abc import Mapping

from lockdown.compat.result import Check
from lockdown.platform.base import OsFacts
from lockdown.words import phrase

MIN_WINDOWS_BUILD = 17763
"""Windows 10 1809, the oldest Windows Qt 6 supports."""
WINDOWS_11_BUILD = 22000
"""Windows 11 still reports release "10"; its builds start here."""


class WindowsSystem:
    """The release shown as the student knows it ("10", "11") and the build number compared."""

    arm64_emulated = True

    def os_facts(self) -> OsFacts:
        build = int(platform.version().split(".")[-1] or 0) if platform.version() else 0
        major = platform.release() or "10"
        label = "11" if major == "10" and build >= WINDOWS_11_BUILD else major
        return OsFacts("windows", label, (build,))

    def check_os(self, facts: OsFacts) -> Check:
        name = "os"
        build = facts.version[0] if facts.version else 0
        if build < MIN_WINDOWS_BUILD:
            return Check(name, "fail", phrase("check.os.windows_old", build=build),
                         phrase("check.fix.windows"))
        return Check(name, "pass", phrase("check.os.windows", version=facts.label, build=build))

    def has_display(self, env: Mapping[str, str]) -> bool:
        return True  # a Windows session always has its desktop
