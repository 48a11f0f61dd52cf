"""X11: whether the display the kiosk would use is the machine's own screen.

A student can start lockdown inside a nested X server (Xephyr, Xnest), a virtual framebuffer
(Xvfb) or a VNC server (Xvnc), shown in a window of the real desktop, which then stays free. The
X server tells: a VNC server has the `VNC-EXTENSION`; a nested or virtual server's RandR outputs
are not connectors (a real card names them eDP, HDMI, DP, VGA...: Xvfb names its only one
`screen`, Xvnc `VNC-0` or `DUMMY0`); Xnest has no RandR at all. Failing those, a running nested
or VNC server (Xephyr, Xnest, Xvnc...) is named. Asked once, while the notice is read (a few
milliseconds); nothing of it is sent anywhere.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from lockdown.platform.common import running_process_names
from lockdown.words import Phrase, phrase

_SERVER_NAMES: Mapping[str, str] = {
    "xephyr": "reason.display.xephyr",
    "xnest": "reason.display.xnest",
    "xvnc": "reason.display.xvnc",
    "xtigervnc": "reason.display.tigervnc",
    "xtightvnc": "reason.display.tightvnc",
    "xpra": "reason.display.xpra",
}
"""Process names of nested and VNC servers, and the message key that names each."""
_VIRTUAL_OUTPUTS = re.compile(r"(screen|default|vnc-?\d*|dummy\d*|none)", re.IGNORECASE)


def judge(extensions: list[str], outputs: list[str] | None) -> Phrase | None:
    """What the X server's own answers say it is, or None for a server with real screens.

    `outputs` is None when the server has no RandR extension.
    """
    if any(e.upper().startswith("VNC") for e in extensions):
        return phrase("reason.display.vnc_extension")
    if outputs is None:
        return phrase("reason.display.no_outputs")
    if outputs and all(_VIRTUAL_OUTPUTS.fullmatch(name) for name in outputs):
        return phrase("reason.display.virtual_outputs", outputs=", ".join(outputs))
    return None


def _outputs(dpy: object) -> list[str] | None:
    from Xlib.ext import randr

    if not dpy.has_extension("RANDR"):  # type: ignore[attr-defined]
        return None
    root = dpy.screen().root  # type: ignore[attr-defined]
    resources = randr.get_screen_resources(root)
    return [str(randr.get_output_info(root, o, resources.config_timestamp).name) for o in resources.outputs]


def virtual_display(display: str | None = None,
                    process_names: Callable[[], set[str]] = running_process_names) -> Phrase | None:
    """Why this X display is not the machine's screen, or None (also when it cannot be asked)."""
    from Xlib import display as xdisplay
    from Xlib import error

    try:
        dpy = xdisplay.Display(display)
    except (error.DisplayError, error.ConnectionClosedError, OSError, OverflowError):
        return None  # python-xlib's socket errors, or a display number no TCP port can have
    try:
        found = judge(list(dpy.list_extensions()), _outputs(dpy))
    except error.XError:
        found = None
    finally:
        dpy.close()
    if found:
        return found
    running = process_names()
    return next((phrase(key) for name, key in _SERVER_NAMES.items() if name in running), None)
