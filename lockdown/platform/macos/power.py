"""macOS: the battery from `pmset -g batt`, which any user may run.

Its output names the power source, then one line per battery:

    Now drawing from 'AC Power'
     -InternalBattery-0 (id=4653155)	87%; charging; 0:41 remaining present: true

A Mac without a battery lists none. The command is behind a seam, so the parsing is tested on
any OS.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable

from lockdown.platform.base import BatteryState

_BATTERY = re.compile(r"-InternalBattery-\d+.*?\t(\d+)%;\s*([^;]+);")


def pmset_batt() -> str:
    """`pmset -g batt`'s output; "" when it cannot be run."""
    try:
        done = subprocess.run(["pmset", "-g", "batt"], capture_output=True, text=True, timeout=5, check=False)
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout if done.returncode == 0 else ""


def battery_from_pmset(text: str) -> BatteryState | None:
    """The first internal battery of `pmset -g batt`'s output, or None."""
    found = _BATTERY.search(text)
    if found is None:
        return None
    on_mains = "'AC Power'" in text or found.group(2).strip() in ("charging", "charged", "finishing charge")
    return BatteryState(min(100, int(found.group(1))), on_mains)


class PmsetPower:
    """Implements `PowerSource`; `read` is the seam for tests."""

    def __init__(self, read: Callable[[], str] = pmset_batt) -> None:
        self._read = read

    def battery(self) -> BatteryState | None:
        return battery_from_pmset(self._read())
