"""X11: which program has the front, and bringing a permitted program's window above the kiosk.

Through the window manager's standard (EWMH) properties and requests, as a taskbar does:
`_NET_ACTIVE_WINDOW` names the focused window, `_NET_WM_PID` its process; a window is raised by
asking the window manager for `_NET_WM_STATE_ABOVE` (the kiosk itself stays on top) and then
`_NET_ACTIVE_WINDOW`, sent as a pager would (source 2), which window managers honour without
their focus-stealing prevention. python-xlib (already a dependency of pynput on Linux) is
imported only when asked; its connection is the kiosk's own and dies with it.
"""

from __future__ import annotations

import logging
from typing import Any

log = logging.getLogger(__name__)

_SOURCE_PAGER = 2
_STATE_ADD = 1


class EwmhWindows:
    """Implements `WindowControl` on the X server of `DISPLAY`."""

    def __init__(self, display: Any) -> None:
        self._d = display
        self._root = display.screen().root
        self._atoms: dict[str, int] = {}

    @classmethod
    def open(cls) -> EwmhWindows | None:
        """None without python-xlib or an X server."""
        try:
            from Xlib import display
        except ImportError:
            return None
        try:
            return cls(display.Display())
        except Exception as exc:  # Xlib raises its own errors for a missing or refused display
            log.info("no X connection for the window control: %s", exc)
            return None

    def _atom(self, name: str) -> int:
        if name not in self._atoms:
            self._atoms[name] = self._d.intern_atom(name)
        return self._atoms[name]

    def _property(self, window: Any, name: str) -> list[int]:
        from Xlib import X

        try:
            value = window.get_full_property(self._atom(name), X.AnyPropertyType)
        except Exception:  # the window went away meanwhile
            return []
        return list(value.value) if value is not None else []

    def _window(self, wid: int) -> Any:
        return self._d.create_resource_object("window", wid)

    def front_process(self) -> int | None:
        active = self._property(self._root, "_NET_ACTIVE_WINDOW")
        if not active or not active[0]:
            return None
        pid = self._property(self._window(active[0]), "_NET_WM_PID")
        return int(pid[0]) if pid else None

    def _send(self, window: Any, kind: str, data: list[int]) -> None:
        from Xlib import X
        from Xlib.protocol import event

        message = event.ClientMessage(window=window, client_type=self._atom(kind), data=(32, data))
        self._root.send_event(message, event_mask=X.SubstructureRedirectMask | X.SubstructureNotifyMask)

    def bring_to_front(self, pids: frozenset[int]) -> bool:
        from Xlib import X

        for wid in reversed(self._property(self._root, "_NET_CLIENT_LIST_STACKING")
                            or self._property(self._root, "_NET_CLIENT_LIST")):
            window = self._window(wid)
            pid = self._property(window, "_NET_WM_PID")
            if pid and pid[0] in pids:
                self._send(window, "_NET_WM_STATE", [_STATE_ADD, self._atom("_NET_WM_STATE_ABOVE"), 0,
                                                     _SOURCE_PAGER, 0])
                self._send(window, "_NET_ACTIVE_WINDOW", [_SOURCE_PAGER, X.CurrentTime, 0, 0, 0])
                self._d.flush()
                return True
        return False
