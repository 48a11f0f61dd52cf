"""A student's own program on the X clipboard: `python x11_clipboard.py offer TEXT` or `... read`.

offer: owns CLIPBOARD and PRIMARY with TEXT and serves it to anyone; prints "offered", then
"lost <SELECTION>" whenever another client takes one; ends at a line on stdin.
read: asks the owner of each selection for UTF8_STRING and prints {"CLIPBOARD": ..., "PRIMARY": ...}
as JSON (null when refused, no owner, or no answer within 2 s).
"""

from __future__ import annotations

import json
import select
import sys
import threading
import time

from Xlib import X, Xatom, display
from Xlib.protocol import event

SELECTIONS = ("CLIPBOARD", "PRIMARY")


def offer(text: str) -> None:
    dpy = display.Display()
    win = dpy.screen().root.create_window(0, 0, 1, 1, 0, X.CopyFromParent, X.InputOnly, X.CopyFromParent)
    atoms = {n: dpy.intern_atom(n) for n in (*SELECTIONS, "TARGETS", "UTF8_STRING")}
    for name in SELECTIONS:
        win.set_selection_owner(atoms[name], X.CurrentTime)
    dpy.sync()
    print("offered", flush=True)
    done = threading.Event()
    threading.Thread(target=lambda: (sys.stdin.readline(), done.set()), daemon=True).start()
    while not done.is_set():
        if not select.select([dpy.fileno()], [], [], 0.2)[0] and not dpy.pending_events():
            continue
        while dpy.pending_events():
            ev = dpy.next_event()
            if ev.type == X.SelectionClear:
                print("lost", dpy.get_atom_name(ev.atom), flush=True)
            elif ev.type == X.SelectionRequest:
                prop = ev.property
                if ev.target == atoms["TARGETS"]:
                    ev.requestor.change_property(prop, Xatom.ATOM, 32, [atoms["UTF8_STRING"], Xatom.STRING])
                else:
                    ev.requestor.change_property(prop, ev.target, 8, text.encode())
                ev.requestor.send_event(event.SelectionNotify(time=ev.time, requestor=ev.requestor,
                                                              selection=ev.selection, target=ev.target,
                                                              property=prop), event_mask=0)
                dpy.flush()


def read() -> None:
    dpy = display.Display()
    win = dpy.screen().root.create_window(0, 0, 1, 1, 0, X.CopyFromParent, X.InputOnly, X.CopyFromParent)
    utf8, prop = dpy.intern_atom("UTF8_STRING"), dpy.intern_atom("STUDENT_PASTE")
    found: dict[str, str | None] = {}
    for name in SELECTIONS:
        win.convert_selection(dpy.intern_atom(name), utf8, prop, X.CurrentTime)
        dpy.flush()
        found[name] = None
        deadline = time.monotonic() + 2
        while time.monotonic() < deadline:
            if not dpy.pending_events():
                select.select([dpy.fileno()], [], [], 0.1)
                continue
            ev = dpy.next_event()
            if ev.type == X.SelectionNotify:
                if ev.property != X.NONE:
                    value = win.get_full_property(prop, X.AnyPropertyType)
                    found[name] = value.value.decode() if value is not None else None
                break
    print(json.dumps(found), flush=True)


if __name__ == "__main__":
    offer(sys.argv[2]) if sys.argv[1] == "offer" else read()
