"""Linux: the battery from /sys/class/power_supply, readable by any user.

Each supply is a folder with a `type` ("Battery", "Mains", "USB"...). A battery of the computer
itself has no `scope` or scope "System"; a mouse's or a headset's battery says "Device" and is
left out. Several batteries count together, weighted by their energy when the kernel gives it.
"""

from __future__ import annotations

from pathlib import Path

from lockdown.platform.base import BatteryState

_ON_MAINS = {"charging", "full", "not charging"}
"""A battery `status` that means the charger is plugged in."""


def _read(path: Path) -> str:
    try:
        return path.read_text(errors="replace").strip()
    except OSError:
        return ""


def _number(path: Path) -> int | None:
    text = _read(path)
    return int(text) if text.lstrip("-").isdigit() else None


class SysfsPower:
    """Implements `PowerSource` from a `power_supply` folder (a copy of it in the tests)."""

    def __init__(self, folder: Path = Path("/sys/class/power_supply")) -> None:
        self._folder = folder

    def battery(self) -> BatteryState | None:
        try:
            supplies = sorted(self._folder.iterdir())
        except OSError:
            return None
        batteries = [s for s in supplies if _read(s / "type") == "Battery"
                     and _read(s / "scope") in ("", "System") and _read(s / "present") != "0"]
        if not batteries:
            return None
        weighted: list[tuple[int, int]] = []  # (percent, weight)
        for battery in batteries:
            percent = _number(battery / "capacity")
            now = _number(battery / "energy_now") or _number(battery / "charge_now")
            full = _number(battery / "energy_full") or _number(battery / "charge_full")
            if percent is None and now is not None and full:
                percent = round(100 * now / full)
            if percent is not None:
                weighted.append((max(0, min(100, percent)), full or 1))
        if not weighted:
            return None
        total = sum(w for _, w in weighted)
        percent = round(sum(p * w for p, w in weighted) / total)
        mains = any(_read(s / "type") in ("Mains", "USB", "USB_C") and _read(s / "online") == "1"
                    for s in supplies)
        charging = mains or any(_read(b / "status").lower() in _ON_MAINS for b in batteries)
        return BatteryState(percent, charging)
