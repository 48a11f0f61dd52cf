"""What `lockdown check` reads of macOS, and the versions recent Qt releases support."""

from __future__ import annotations

import platform
from collections.abc import Mapping

from lockdown.compat.result import Check
from lockdown.platform.base import OsFacts
from lockdown.words import phrase

MIN_MACOS = (12,)
RECOMMENDED_MACOS = (13,)


def _dotted(v: tuple[int, ...]) -> str:
    return ".".join(str(n) for n in v)


class MacSystem:
    """The product version, major and minor only."""

    arm64_emulated = False

    def os_facts(self) -> OsFacts:
        numbers = tuple(int(p) for p in platform.mac_ver()[0].split(".")[:2] if p.isdigit())
        return OsFacts("macos", _dotted(numbers), numbers)

    def check_os(self, facts: OsFacts) -> Check:
        name = "os"
        fix = phrase("check.fix.macos", version=_dotted(RECOMMENDED_MACOS))
        if facts.version < MIN_MACOS:
            return Check(name, "fail", phrase("check.os.macos_old", version=facts.label), fix)
        if facts.version < RECOMMENDED_MACOS:
            return Check(name, "warn", phrase("check.os.macos_unsupported", version=facts.label), fix)
        return Check(name, "pass", phrase("check.os.macos", version=facts.label))

    def has_display(self, env: Mapping[str, str]) -> bool:
        return True  # a macOS login session always has its desktop
