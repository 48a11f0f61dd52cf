"""X11: what another program of the same user does to the kiosk window, seen and undone at once.

Any client of the X server may unmap, reparent, restack or re-desktop any window, and Qt's own
`isVisible()`/`isFullScreen()` do not notice. `WindowWatch` keeps its own connection (from a
thread: python-xlib, no Qt), listens to the kiosk window (map, parent, `_NET_WM_STATE`,
`_NET_WM_DESKTOP`) and to the root window (its children, the current desktop), and after each
change (and every `CHECK_S` as a backup) compares the window with what an exam needs:

    hidden     unmapped, or `_NET_WM_STATE_HIDDEN`/`_BELOW`     -> mapped again, state restored
    moved      in another window than the window manager's      -> reparented back to the root
               frame, on another desktop, or the current           window, made sticky (shown on
               desktop switched away                               every desktop), desktop back
    covered    another client's window above it and over it     -> the kiosk is raised; a managed
               (managed, or override-redirect, which X11 cannot    window loses "above" and "full
               forbid)                                             screen" (iconified if it comes
                                                                   back), an override-redirect one
                                                                   is lowered under the kiosk

Each kind is reported once per change (`window_hidden`, `window_moved`, `window_covered`). A
window of lockdown's own (a dialog, a menu, a screen cover) is recognised by its X resource id,
which carries the id of the client that made it; windows of assistive technology (`spared`, by
X class or process name, as the process guard spares them) and of input methods are left alone.
The watch is armed only once the window has been seen mapped (or `ARM_AFTER_S` after it was
given), and waits `SETTLE_S` after a change, so Qt's own start-up and a window Qt replaces (it
does when QtWebEngine first shows a page; `follow()` gives the new id) are no attack.
"""

from __future__ import annotations

import logging
import os
import queue
import select
import threading
import time
from collections.abc import Callable, Collection
from typing import Any

import psutil

log = logging.getLogger(__name__)

CHECK_S = 0.25
SETTLE_S = 0.08
ARM_AFTER_S = 2.0
ALL_DESKTOPS = 0xFFFFFFFF
X_CURRENT_TIME = 0
ICONIC_STATE = 3

HIDDEN, MOVED, COVERED = "window_hidden", "window_moved", "window_covered"
INPUT_METHODS = ("ibus", "fcitx", "uim", "scim")
"""Input methods draw their candidate windows over the page the student types in: never covering."""


class WindowWatch:
    """Watches one top-level window; `report(kind)` is called from the watch's thread."""

    def __init__(self, window_id: int, report: Callable[[str], None], display: str | None = None,
                 spared: frozenset[str] = frozenset(),
                 spared_pids: Callable[[], Collection[int]] = frozenset) -> None:
        from Xlib import display as xdisplay  # only on X11: the module imports everywhere

        self._dpy: Any = xdisplay.Display(display)
        self._report = report
        self._spared = spared
        self._spared_pids = spared_pids
        """The programs lockdown itself started for the exam (permitted tools): they may be in front."""
        self._lock = threading.Lock()
        self._target = window_id
        self._watched = 0
        self._armed = False
        self._since = time.monotonic()
        self._due = 0.0
        self._home_desktop: int | None = None
        self._reported: set[str] = set()
        self._lowered: set[int] = set()
        self._wake_r, self._wake_w = os.pipe()
        self._stop = False
        self._thread = threading.Thread(target=self._run, name="lockdown-window-watch", daemon=True)
        self._outbox: queue.SimpleQueue[str | None] = queue.SimpleQueue()
        self._reporter = threading.Thread(target=self._send, name="lockdown-window-events", daemon=True)
        self._atoms = {name: self._dpy.intern_atom(name) for name in (
            "_NET_WM_STATE", "_NET_WM_STATE_HIDDEN", "_NET_WM_STATE_BELOW", "_NET_WM_STATE_ABOVE",
            "_NET_WM_STATE_FULLSCREEN", "_NET_WM_DESKTOP", "_NET_CURRENT_DESKTOP", "_NET_ACTIVE_WINDOW",
            "_NET_SUPPORTING_WM_CHECK", "WM_CHANGE_STATE", "_NET_WM_PID")}
        self._root: Any = self._dpy.screen().root
        self._mask = int(self._dpy.display.info.resource_id_mask)
        self._wm_owner = self._owner_of_wm()

    # Public, from any thread -----------------------------------------------------------------

    def start(self) -> None:
        from Xlib import X

        self._root.change_attributes(event_mask=X.SubstructureNotifyMask | X.PropertyChangeMask)
        self._dpy.flush()
        self._reporter.start()
        self._thread.start()

    def follow(self, window_id: int) -> None:
        """The toolkit replaced the kiosk's native window: watch the new one."""
        with self._lock:
            self._target = window_id
        self._wake()

    def stop(self) -> None:
        self._stop = True
        self._wake()
        self._thread.join(5)
        self._outbox.put(None)
        self._reporter.join(5)
        os.close(self._wake_r)
        os.close(self._wake_w)
        self._dpy.close()

    # The watch's threads ---------------------------------------------------------------------

    def _send(self) -> None:
        """Reports from a thread of their own: the sink may wait (disk, keyring), the watch may not."""
        while (kind := self._outbox.get()) is not None:
            self._report(kind)

    def _wake(self) -> None:
        try:
            os.write(self._wake_w, b"x")
        except OSError:
            pass

    def _run(self) -> None:
        from Xlib import X, error

        fd = self._dpy.fileno()
        while not self._stop:
            timeout = max(0.0, min(CHECK_S, self._due - time.monotonic())) if self._due else CHECK_S
            try:
                if not self._dpy.pending_events():  # events read while waiting for a reply wait here
                    readable, _, _ = select.select([fd, self._wake_r], [], [], timeout)
                    if self._wake_r in readable:
                        os.read(self._wake_r, 64)
                if self._stop:
                    break
                while self._dpy.pending_events():
                    ev = self._dpy.next_event()
                    if ev.type == X.ReparentNotify and ev.window.id == self._watched:
                        self._due = time.monotonic()  # Qt never does this: X destroys the window
                    else:                              # with a parent whose client exits
                        self._due = self._due or time.monotonic() + SETTLE_S
                self._retarget()
                if not self._due or time.monotonic() >= self._due:
                    self._due = 0.0
                    self._check()
            except (error.XError, error.ConnectionClosedError) as exc:
                log.debug("window watch: %s", exc)  # the window went away meanwhile; asked again later
                if isinstance(exc, error.ConnectionClosedError):
                    return

    def _retarget(self) -> None:
        from Xlib import X

        with self._lock:
            target = self._target
        if target == self._watched:
            return
        self._watched, self._armed, self._since = target, False, time.monotonic()
        self._reported.clear()
        window = self._window()
        window.change_attributes(event_mask=X.StructureNotifyMask | X.PropertyChangeMask)
        self._dpy.flush()

    def _window(self) -> Any:
        return self._dpy.create_resource_object("window", self._watched)

    def _owner(self, window_id: int) -> int:
        return window_id & ~self._mask

    def _owner_of_wm(self) -> int | None:
        from Xlib import X

        prop = self._root.get_full_property(self._atoms["_NET_SUPPORTING_WM_CHECK"], X.AnyPropertyType)
        return self._owner(int(prop.value[0])) if prop is not None and len(prop.value) else None

    def _cardinal(self, window: Any, atom: str) -> int | None:
        from Xlib import X

        prop = window.get_full_property(self._atoms[atom], X.AnyPropertyType)
        return int(prop.value[0]) if prop is not None and len(prop.value) else None

    def _states(self, window: Any) -> set[int]:
        from Xlib import X

        prop = window.get_full_property(self._atoms["_NET_WM_STATE"], X.AnyPropertyType)
        return {int(v) for v in prop.value} if prop is not None else set()

    def _client_message(self, window: Any, atom: str, data: list[int]) -> None:
        from Xlib import X
        from Xlib.protocol import event

        message = event.ClientMessage(window=window, client_type=self._atoms[atom],
                                      data=(32, (data + [0] * 5)[:5]))
        self._root.send_event(message, event_mask=X.SubstructureRedirectMask | X.SubstructureNotifyMask)

    def _check(self) -> None:
        """Compare the window with what an exam needs; restore and report what differs."""
        from Xlib import X

        window = self._window()
        viewable = window.get_attributes().map_state == X.IsViewable
        if not self._armed:
            if viewable or time.monotonic() - self._since > ARM_AFTER_S:
                self._armed = True
                if self._home_desktop is None:  # the desktop the exam began on, not a later one
                    self._home_desktop = self._cardinal(self._root, "_NET_CURRENT_DESKTOP")
                self._client_message(window, "_NET_WM_DESKTOP", [ALL_DESKTOPS, 2])
                self._dpy.flush()
            if not viewable:
                return
        found = {kind for kind in (self._moved(window), self._hidden(window, viewable),
                                   self._covered(window)) if kind}
        for kind in sorted(found - self._reported):
            self._outbox.put(kind)
        self._reported = found
        self._dpy.flush()

    def _moved(self, window: Any) -> str | None:
        """Back in a window manager's frame, on every desktop, on the desktop the exam began on."""
        kind = None
        parent = window.query_tree().parent
        if parent.id != self._root.id and self._owner(parent.id) != self._wm_owner:
            window.reparent(self._root, 0, 0)
            window.map()
            kind = MOVED
        desktop = self._cardinal(window, "_NET_WM_DESKTOP")
        current = self._cardinal(self._root, "_NET_CURRENT_DESKTOP")
        if desktop is not None and desktop != ALL_DESKTOPS:
            self._client_message(window, "_NET_WM_DESKTOP", [ALL_DESKTOPS, 2])
            if desktop != current:  # on the current one only: managed anew after being hidden
                kind = MOVED
        if self._home_desktop is not None and current is not None and current != self._home_desktop:
            self._client_message(self._root, "_NET_CURRENT_DESKTOP", [self._home_desktop, X_CURRENT_TIME])
            kind = MOVED
        return kind

    def _hidden(self, window: Any, viewable: bool) -> str | None:
        """Mapped, full screen and above, neither hidden nor below."""
        states = self._states(window)
        wrong = {self._atoms["_NET_WM_STATE_HIDDEN"], self._atoms["_NET_WM_STATE_BELOW"]} & states
        if viewable and not wrong:
            return None
        if wrong:
            self._client_message(window, "_NET_WM_STATE", [0, *sorted(wrong)[:2], 2])
        if not viewable:
            window.map()
        self._client_message(window, "_NET_WM_STATE", [1, self._atoms["_NET_WM_STATE_FULLSCREEN"],
                                                       self._atoms["_NET_WM_STATE_ABOVE"], 2])
        self._client_message(window, "_NET_ACTIVE_WINDOW", [2, X_CURRENT_TIME, 0])
        return HIDDEN

    def _top_level(self, window: Any) -> Any:
        """The root's child that holds `window` (the window manager's frame, or itself)."""
        while True:
            parent = window.query_tree().parent
            if parent.id == self._root.id or parent.id == 0:
                return window
            window = parent

    def _foreign(self, window: Any, ours: int, depth: int = 3) -> Any | None:
        """`window`, or the window inside it, of a client other than lockdown and the WM; or None."""
        owner = self._owner(window.id)
        if owner not in (ours, self._wm_owner):
            return window
        if depth == 0 or owner == ours:
            return None
        for child in window.query_tree().children:
            found = self._foreign(child, ours, depth - 1)
            if found is not None:
                return found
        return None

    def _is_spared(self, client: Any) -> bool:
        """An input method's or assistive program's window (by X class or process name) may stay."""
        names: set[str] = set()
        wm_class = client.get_wm_class()
        if wm_class:
            names.update(n.lower() for n in wm_class)
        pid = self._cardinal(client, "_NET_WM_PID")
        if pid and pid in self._spared_pids():
            return True
        if pid:
            try:
                names.add(psutil.Process(pid).name().lower())
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                pass
        return any(n in self._spared or n.startswith(INPUT_METHODS) for n in names)

    def _covered(self, window: Any) -> str | None:
        """Nothing of another client's is drawn above the kiosk where the kiosk is."""
        from Xlib import X

        frame = self._top_level(window)
        children = self._root.query_tree().children
        ids = [c.id for c in children]
        if frame.id not in ids:
            return None
        box = frame.get_geometry()
        ours = self._owner(window.id)
        covering = []
        for other in children[ids.index(frame.id) + 1:]:
            attributes = other.get_attributes()
            if attributes.map_state != X.IsViewable or attributes.win_class != X.InputOutput:
                continue
            g = other.get_geometry()
            overlaps = (g.x < box.x + box.width and box.x < g.x + g.width
                        and g.y < box.y + box.height and box.y < g.y + g.height)
            client = self._foreign(other, ours) if overlaps else None
            if client is not None and not self._is_spared(client):
                covering.append((other, client, bool(attributes.override_redirect)))
        if not covering:
            return None
        for other, client, unmanaged in covering:
            if unmanaged:
                other.configure(stack_mode=X.Below)  # X11 lets nobody forbid it: under the exam it goes
                continue
            # A managed window: no longer above or full screen; iconified if it comes back.
            self._client_message(client, "_NET_WM_STATE", [0, self._atoms["_NET_WM_STATE_ABOVE"],
                                                           self._atoms["_NET_WM_STATE_FULLSCREEN"], 2])
            if client.id in self._lowered:
                self._client_message(client, "WM_CHANGE_STATE", [ICONIC_STATE])
            self._lowered.add(client.id)
        frame.configure(stack_mode=X.Above)
        self._client_message(window, "_NET_ACTIVE_WINDOW", [2, X_CURRENT_TIME, 0])
        return COVERED

