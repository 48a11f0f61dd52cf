"""The one place that reads `sys.platform`: everything else asks `current_os()`."""

from __future__ import annotations

import sys
from typing import Literal

OsName = Literal["linux", "windows", "macos"]


def current_os(platform: str | None = None) -> OsName:
    """Map a `sys.platform` value to the three systems lockdown supports (BSDs count as linux)."""
    p = sys.platform if platform is None else platform
    if p.startswith("win"):
        return "windows"
    if p == "darwin":
        return "macos"
    return "linux"
