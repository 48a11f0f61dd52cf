"""Small X11 helpers for the guard's end-to-end tests (xdotool, xwininfo)."""

from __future__ import annotations

import re
import subprocess
import time
from collections.abc import Callable


def x(display: str, *argv: str) -> str:
    done = subprocess.run(list(argv), env={"DISPLAY": display, "PATH": "/usr/bin:/bin"}, capture_output=True,
                          text=True, timeout=30)
    return done.stdout.strip()


def active_window(display: str) -> int | None:
    out = x(display, "xdotool", "getactivewindow")
    return int(out) if out.isdigit() else None


def geometry(display: str, window: int) -> tuple[int, int, int, int]:
    """x, y, width, height of a window, from xwininfo; all zero once the window is gone."""
    info = x(display, "xwininfo", "-id", str(window))
    pattern = r"(Absolute upper-left X|Absolute upper-left Y|Width|Height):\s+(-?\d+)"
    found = {k: int(v) for k, v in re.findall(pattern, info)}
    if len(found) < 4:  # the window vanished between the search and this question
        return (0, 0, 0, 0)
    return (found["Absolute upper-left X"], found["Absolute upper-left Y"], found["Width"], found["Height"])


def wait_for(predicate: Callable[[], bool], timeout: float = 10.0, step: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return predicate()


def press_enter_on(display: str, window: str) -> None:
    """Enter sent to `window` itself (XSendEvent), after asking the window manager to activate it."""
    x(display, "xdotool", "windowactivate", "--sync", window)
    x(display, "xdotool", "key", "--window", window, "Return")


def continue_past_notice(notice: Callable[[], list[str]], entered: Callable[[], bool],
                         press: Callable[[str], None], tries: int = 10, wait: float = 6.0) -> bool:
    """Enter on the notice until `entered()`; whether it was.

    On a loaded machine the first Enter may come before the dialog takes keys; the notice is
    unmapped for a moment now and then as the browser engine starts, and an Enter sent then is lost.
    So the notice counts as accepted only when `entered()` says so, and Enter is pressed again only
    while the notice (the ids `notice()` gives) is still shown: one queued while lockdown is busy
    after it would go to the exam page.
    """
    for _attempt in range(tries):
        shown = notice()
        if shown:
            press(shown[0])
        if wait_for(entered, timeout=wait):
            return True
    return False


def windows_of_class(display: str, klass: str) -> list[int]:
    """Visible top-level (window-manager managed) windows of an X class."""
    found = [int(w) for w in x(display, "xdotool", "search", "--onlyvisible", "--class", klass).split()]
    return [w for w in found if "WM_STATE(WM_STATE)" in x(display, "xprop", "-id", str(w), "WM_STATE")]


def xkb_group(display: str) -> int:
    """The keyboard group (layout number) the X server has in use, read as any X client sees it:
    XKB puts it in bits 13 and 14 of the core input state (the XKB protocol, "Core protocol
    compatibility")."""
    from Xlib import display as xdisplay

    d = xdisplay.Display(display)
    try:
        return (d.screen().root.query_pointer().mask >> 13) & 3
    finally:
        d.close()
