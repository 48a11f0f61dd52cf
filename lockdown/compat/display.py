"""Checks on the screen side: display server, screens against the exam's limit, keyboard blocking.

What each display server allows is measured (docs/LOCKDOWN.md): X11 lets the kiosk grab the
keyboard, Windows has a low-level keyboard hook, macOS has presentation options, and under Wayland
an ordinary app can neither grab keys globally nor stay on top.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from lockdown.compat.result import Check
from lockdown.config.model import WaylandPolicy
from lockdown.words import Phrase, phrase

DisplayServer = Literal["x11", "wayland", "windows", "macos", "none"]

_DESKTOPS = {"x11": phrase("check.display.x11"), "windows": phrase("check.display.windows"),
             "macos": phrase("check.display.macos")}
"""The display servers the kiosk can keep other windows out of, as shown."""

_NO_DISPLAY_FIX = phrase("check.fix.desktop_session")
_WAYLAND_FIX = phrase("check.fix.x11_session")


def check_display_server(server: str, wayland: WaylandPolicy) -> Check:
    """The kiosk needs a desktop session it can keep other windows out of."""
    name = "display_server"
    label = _DESKTOPS.get(server)
    if label:
        return Check(name, "pass", label)
    if server == "wayland":
        if wayland == "limited":
            return Check(name, "warn", phrase("check.display.wayland_limited"), _WAYLAND_FIX)
        return Check(name, "fail", phrase("check.display.wayland_refused"), _WAYLAND_FIX)
    return Check(name, "fail", phrase("check.display.none"), _NO_DISPLAY_FIX)


@dataclass(frozen=True)
class ScreenProbe:
    """How many screens Qt sees, or why it could not tell (`count` None)."""

    count: int | None
    reason: Phrase | None = None


def check_screens(probe: ScreenProbe, allowed_max: int) -> Check:
    """More screens than the exam allows is a fail: the student must unplug one before the exam."""
    name = "screens"
    if probe.count is None:
        return Check(name, "fail", phrase("check.screens.uncounted", reason=probe.reason), _NO_DISPLAY_FIX)
    if probe.count == 0:
        return Check(name, "fail", phrase("check.screens.none"), phrase("check.fix.connect_screen"))
    if probe.count > allowed_max:
        key = "check.screens.too_many" if probe.count > 1 else "check.screens.too_many_one"
        return Check(name, "fail", phrase(key, count=probe.count, allowed=allowed_max),
                     phrase("check.fix.unplug_screens", allowed=allowed_max))
    key = "check.screens.ok" if probe.count > 1 else "check.screens.ok_one"
    return Check(name, "pass", phrase(key, count=probe.count, allowed=allowed_max))


def check_keyboard_blocking(server: str, wayland: WaylandPolicy) -> Check:
    """Whether the kiosk can stop Alt+Tab and friends from switching away on this platform."""
    name = "keyboard_blocking"
    how = {"x11": "check.keyboard.x11", "windows": "check.keyboard.windows", "macos": "check.keyboard.macos"}
    if server in how:
        return Check(name, "pass", phrase(how[server]))
    if server == "wayland":
        return Check(name, "warn" if wayland == "limited" else "fail", phrase("check.keyboard.wayland"),
                     _WAYLAND_FIX)
    return Check(name, "fail", phrase("check.keyboard.none"), _NO_DISPLAY_FIX)
