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

DisplayServer = Literal["x11", "wayland", "windows", "macos", "none"]

_DESKTOPS = {"x11": "X11", "windows": "Windows desktop", "macos": "macOS desktop"}
"""The display servers the kiosk can keep other windows out of, as shown."""

_NO_DISPLAY_FIX = "run the check from a graphical desktop session (not over SSH or a text console)"
_WAYLAND_FIX = "log out and choose an \"Xorg\" / \"X11\" session on the login screen"


def check_display_server(server: str, wayland: WaylandPolicy) -> Check:
    """The kiosk needs a desktop session it can keep other windows out of."""
    name = "display_server"
    label = _DESKTOPS.get(server)
    if label:
        return Check(name, "pass", label)
    if server == "wayland":
        if wayland == "limited":
            return Check(name, "warn", "Wayland: this exam accepts it with weaker lockdown", _WAYLAND_FIX)
        return Check(name, "fail", "Wayland: this exam requires an X11 session", _WAYLAND_FIX)
    return Check(name, "fail", "no graphical session found (no display)", _NO_DISPLAY_FIX)


@dataclass(frozen=True)
class ScreenProbe:
    """How many screens Qt sees, or why it could not tell (`count` None)."""

    count: int | None
    reason: str = ""


def check_screens(probe: ScreenProbe, allowed_max: int) -> Check:
    """More screens than the exam allows is a fail: the student must unplug one before the exam."""
    name = "screens"
    if probe.count is None:
        return Check(name, "fail", f"screens could not be counted: {probe.reason}", _NO_DISPLAY_FIX)
    if probe.count == 0:
        return Check(name, "fail", "no screen found", "connect a screen and log in to a desktop session")
    plural = "s" if probe.count > 1 else ""
    if probe.count > allowed_max:
        return Check(name, "fail", f"{probe.count} screen{plural} connected, the exam allows {allowed_max}",
                     f"unplug or switch off screens until no more than {allowed_max} are on")
    return Check(name, "pass", f"{probe.count} screen{plural} (the exam allows {allowed_max})")


def check_keyboard_blocking(server: str, wayland: WaylandPolicy) -> Check:
    """Whether the kiosk can stop Alt+Tab and friends from switching away on this platform."""
    name = "keyboard_blocking"
    how = {"x11": "X11 keyboard grab", "windows": "low-level keyboard hook",
           "macos": "presentation options (app switching and Force Quit disabled)"}
    if server in how:
        return Check(name, "pass", how[server])
    if server == "wayland":
        detail = "not possible under Wayland: an ordinary app cannot grab the keyboard"
        return Check(name, "warn" if wayland == "limited" else "fail", detail, _WAYLAND_FIX)
    return Check(name, "fail", "no graphical session, nothing to grab", _NO_DISPLAY_FIX)
