"""A student's own program against the kiosk window: `python x11_attacker.py WINDOW ATTACK`.

Run as the same user as the kiosk, with nothing but python-xlib: any X client may do this to
any window. ATTACK is one of unmap, reparent, desktop, switch, below, hidden, stack, override, or assistive
(an override-redirect window of class "onboard", which lockdown must leave alone).
Windows it makes stay until it is told to end (a line on stdin, or end of input), as a real
program's would; it prints "done" once the attack is made.
"""

from __future__ import annotations

import sys

from Xlib import X, display
from Xlib.protocol import event


def main() -> None:
    dpy = display.Display()
    root = dpy.screen().root
    target = dpy.create_resource_object("window", int(sys.argv[1]))
    attack = sys.argv[2]

    def message(window: object, atom: str, data: list[int]) -> None:
        ev = event.ClientMessage(window=window, client_type=dpy.intern_atom(atom),
                                 data=(32, (data + [0] * 5)[:5]))
        root.send_event(ev, event_mask=X.SubstructureRedirectMask | X.SubstructureNotifyMask)

    def window(override: bool) -> object:
        w = root.create_window(0, 0, 1280, 800, 0, X.CopyFromParent, X.InputOutput, X.CopyFromParent,
                               override_redirect=override, background_pixel=dpy.screen().white_pixel)
        w.set_wm_name("student-window")
        w.map()
        dpy.sync()
        return w

    if attack == "unmap":
        target.unmap()
    elif attack == "reparent":
        target.reparent(window(False), 0, 0)
    elif attack == "desktop":
        message(target, "_NET_WM_DESKTOP", [1, 2])
    elif attack == "switch":
        message(root, "_NET_CURRENT_DESKTOP", [2, X.CurrentTime])
    elif attack in ("below", "hidden"):
        message(target, "_NET_WM_STATE", [1, dpy.intern_atom(f"_NET_WM_STATE_{attack.upper()}"), 0, 2])
    elif attack == "stack":
        w = window(False)
        message(w, "_NET_WM_STATE", [1, dpy.intern_atom("_NET_WM_STATE_ABOVE"),
                                     dpy.intern_atom("_NET_WM_STATE_FULLSCREEN"), 2])
        message(w, "_NET_ACTIVE_WINDOW", [2, X.CurrentTime, 0])
        w.configure(stack_mode=X.Above)
    elif attack == "override":
        w = window(True)
        w.configure(stack_mode=X.Above)
    elif attack == "assistive":  # an on-screen keyboard's window over the exam: it must stay
        w = window(True)
        w.set_wm_class("onboard", "Onboard")
        w.configure(stack_mode=X.Above)
    else:
        raise SystemExit(f"unknown attack {attack!r}")
    dpy.sync()
    print("done", flush=True)
    sys.stdin.readline()


if __name__ == "__main__":
    main()
