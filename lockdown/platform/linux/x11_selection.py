"""X11: during the exam, the clipboard and the primary selection belong to lockdown alone.

Any X client may read the selection owner's data, or become the owner. So lockdown owns both
selections (`CLIPBOARD`, `PRIMARY`) from a connection of its own for the whole exam and keeps
what the exam copied in memory (`keep()`, given by the kiosk when the page copies or selects).
It answers only the kiosk's own connection (recognised by the client part of the requesting
window's id) with that text; every other program is answered with nothing. When another
program takes a selection, lockdown takes it back at once, so what it offered never reaches the
page; when the kiosk takes one (the exam copied), lockdown takes it back as soon as the text is
handed over, within `HANDOVER_S` at most. `stop()` lets both go and forgets the text. Text only
(UTF-8 or Latin-1), up to what one X request carries (`MAX_BYTES`); no Qt here.
"""

from __future__ import annotations

import logging
import os
import select
import threading
import time
from typing import Any

log = logging.getLogger(__name__)

SELECTIONS = ("CLIPBOARD", "PRIMARY")
HANDOVER_S = 0.5
"""How long the kiosk may hold a selection it took before lockdown takes it back anyway."""
MAX_BYTES = 200_000
"""Above this the text would need the INCR protocol; lockdown then offers nothing."""
_UTF8_TARGETS = ("UTF8_STRING", "text/plain;charset=utf-8", "TEXT")
_LATIN1_TARGETS = ("STRING", "text/plain")


class SelectionKeeper:
    """Owns CLIPBOARD and PRIMARY; serves `keep()`'s text to the kiosk's client only."""

    def __init__(self, kiosk_window_id: int, display: str | None = None) -> None:
        from Xlib import X
        from Xlib import display as xdisplay

        self._dpy: Any = xdisplay.Display(display)
        self._mask = int(self._dpy.display.info.resource_id_mask)
        self._kiosk_client = kiosk_window_id & ~self._mask
        screen = self._dpy.screen()
        self._window: Any = screen.root.create_window(-10, -10, 1, 1, 0, X.CopyFromParent, X.InputOnly,
                                                      X.CopyFromParent)
        self._atoms = {name: self._dpy.intern_atom(name) for name in
                       (*SELECTIONS, "TARGETS", "ATOM", *_UTF8_TARGETS, *_LATIN1_TARGETS)}
        self._names = {atom: name for name, atom in self._atoms.items()}
        self._kept: dict[str, str] = {}
        self._handover: dict[str, float] = {}
        self._lock = threading.Lock()
        self._taken_back = 0
        self._wake_r, self._wake_w = os.pipe()
        self._stop = False
        self._thread = threading.Thread(target=self._run, name="lockdown-selections", daemon=True)

    @property
    def taken_back(self) -> int:
        """How often another program took a selection and lockdown took it back."""
        return self._taken_back

    def start(self) -> None:
        for name in SELECTIONS:
            self._own(name)
        self._dpy.flush()
        self._thread.start()

    def keep(self, selection: str, text: str) -> None:
        """The exam copied (CLIPBOARD) or selected (PRIMARY) `text`: offer it to the kiosk only."""
        with self._lock:
            self._kept[selection] = text
            self._handover[selection] = 0.0  # taken back at once
        self._wake()

    def stop(self) -> None:
        """Forget the text, let both selections go (nobody owns them), close the connection."""
        self._stop = True
        self._wake()
        self._thread.join(5)
        with self._lock:
            self._kept.clear()
        from Xlib import X
        from Xlib.protocol import request

        for name in SELECTIONS:
            if self._dpy.get_selection_owner(self._atoms[name]) == self._window:
                request.SetSelectionOwner(display=self._dpy.display, window=X.NONE,
                                          selection=self._atoms[name], time=X.CurrentTime)
        self._dpy.sync()
        self._dpy.close()
        os.close(self._wake_r)
        os.close(self._wake_w)

    def _wake(self) -> None:
        try:
            os.write(self._wake_w, b"x")
        except OSError:
            pass

    def _own(self, name: str) -> None:
        from Xlib import X

        self._window.set_selection_owner(self._atoms[name], X.CurrentTime)

    def _run(self) -> None:
        from Xlib import X, error

        fd = self._dpy.fileno()
        while not self._stop:
            try:
                # python-xlib reads events into its own queue while it waits for a reply: ask it
                # first, or a request already read would wait for the next byte on the socket.
                if not self._dpy.pending_events():
                    readable, _, _ = select.select([fd, self._wake_r], [], [], self._timeout())
                    if self._wake_r in readable:
                        os.read(self._wake_r, 64)
                while self._dpy.pending_events() and not self._stop:
                    ev = self._dpy.next_event()
                    if ev.type == X.SelectionClear:
                        self._cleared(self._names.get(ev.atom, "CLIPBOARD"))
                    elif ev.type == X.SelectionRequest:
                        self._answer(ev)
                self._take_back_due()
                self._dpy.flush()
            except (error.XError, error.ConnectionClosedError) as exc:
                log.debug("selection keeper: %s", exc)
                if isinstance(exc, error.ConnectionClosedError):
                    return

    def _timeout(self) -> float:
        with self._lock:
            due = min(self._handover.values(), default=None)
        return 1.0 if due is None else max(0.0, min(1.0, due - time.monotonic()))

    def _cleared(self, name: str) -> None:
        """Another client owns `name` now: take it back, at once unless it is the kiosk itself.

        The kiosk took it because the exam copied or selected: its text comes through `keep()`
        first. Taken back before, Qt would ask lockdown for the text from the very Python call
        that hands it over, holding the interpreter this thread needs to answer.
        """
        owner = self._dpy.get_selection_owner(self._atoms[name])
        owner_id = int(getattr(owner, "id", owner) or 0)
        self._taken_back += 1
        with self._lock:
            if owner_id and owner_id & ~self._mask == self._kiosk_client:
                self._handover.setdefault(name, time.monotonic() + HANDOVER_S)
                return
        self._own(name)

    def _take_back_due(self) -> None:
        now = time.monotonic()
        with self._lock:
            due = [name for name, at in self._handover.items() if at <= now]
            for name in due:
                del self._handover[name]
        for name in due:
            self._own(name)

    def _answer(self, ev: Any) -> None:
        """Write the text for the kiosk's own client; refuse everyone else (property None)."""
        from Xlib import X, Xatom
        from Xlib.protocol import event

        target = self._names.get(ev.target, "")
        prop = ev.property or ev.target  # a very old client names no property
        with self._lock:
            text = self._kept.get(self._names.get(ev.selection, ""))
        ours = ev.requestor.id & ~self._mask == self._kiosk_client
        if not ours or text is None:
            prop = X.NONE
        elif target == "TARGETS":
            offered = [self._atoms[t] for t in ("TARGETS", *_UTF8_TARGETS, *_LATIN1_TARGETS)]
            ev.requestor.change_property(prop, Xatom.ATOM, 32, offered)
        elif target in _UTF8_TARGETS or target in _LATIN1_TARGETS:
            data = text.encode("utf-8" if target in _UTF8_TARGETS else "latin-1", errors="replace")
            if len(data) > MAX_BYTES:
                prop = X.NONE
            else:
                kind = self._atoms["UTF8_STRING"] if target == "TEXT" else ev.target
                ev.requestor.change_property(prop, kind, 8, data)
        else:
            prop = X.NONE
        reply = event.SelectionNotify(time=ev.time, requestor=ev.requestor, selection=ev.selection,
                                      target=ev.target, property=prop)
        ev.requestor.send_event(reply, event_mask=0)
