"""The real kiosk against a student's own X11 program that tries to hide, move or bury the exam window.

`lockdown run` as a fresh ordinary user on Xvfb + openbox, on the server stub's exam; a second
program of the same user (x11_attacker.py, python-xlib only) unmaps the kiosk window, reparents
it into a window of its own, sends it to another desktop, switches the desktop, sets it "below",
stacks a full-screen window over it and maps an override-redirect window over it. After each,
the exam must be back in front, mapped, full screen, in the window manager's frame, and stay
so; the server receives one event of each kind (its type only). An on-screen keyboard's window
over the exam (assistive technology) is left where it is.
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from Xlib import X, display

from tests.guard.xtools import continue_past_notice, wait_for, x
from tests.support.display import HEIGHT, WIDTH
from tests.support.stub import Stub
from tests.support.users import User, popen_as, user_python
from tests.ui.test_kiosk_e2e import KioskRun
from tests.ui.test_kiosk_faults import exam_config, exam_stub, stored_events

pytestmark = [pytest.mark.slow, pytest.mark.x11, pytest.mark.asuser, pytest.mark.timeout(300)]

__all__ = ["exam_config", "exam_stub"]  # fixtures used by name

ATTACKER = Path(__file__).with_name("x11_attacker.py")
ATTACKS = ("unmap", "reparent", "desktop", "switch", "below", "stack", "override")


@pytest.fixture
def attacker_dir() -> Iterator[Path]:
    """The attacking program where the test user can read it."""
    folder = Path(tempfile.mkdtemp(prefix="lockdown-attacker-", dir="/var/tmp"))
    folder.chmod(0o755)
    shutil.copy(ATTACKER, folder / ATTACKER.name)
    (folder / ATTACKER.name).chmod(0o644)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def kiosk(unprivileged_user: User, x_display: str, exam_config: Path, tmp_path: Path) -> Iterator[KioskRun]:
    run = KioskRun(unprivileged_user, x_display, exam_config, tmp_path)
    try:
        yield run
    finally:
        run.stop()


class Screen:
    """What the X server says about the exam window, asked plainly (python-xlib, from this test)."""

    def __init__(self, name: str) -> None:
        self.dpy = display.Display(name)
        self.root = self.dpy.screen().root
        self.mask = self.dpy.display.info.resource_id_mask

    def atom(self, name: str) -> int:
        return int(self.dpy.intern_atom(name))

    def cardinal(self, window: object, name: str) -> int | None:
        prop = window.get_full_property(self.atom(name), X.AnyPropertyType)  # type: ignore[attr-defined]
        return int(prop.value[0]) if prop is not None and len(prop.value) else None

    def top_level(self, window: object) -> object:
        while True:
            parent = window.query_tree().parent  # type: ignore[attr-defined]
            if parent.id == self.root.id:
                return window
            window = parent

    def problems(self, wid: int) -> list[str]:
        """Everything that keeps the exam window from being the one thing on the screen."""
        try:
            return self._problems(wid)
        except Exception as exc:  # a window vanished while it was looked at: ask again
            return [f"looking failed: {exc!r}"]

    def _problems(self, wid: int) -> list[str]:
        found = []
        window = self.dpy.create_resource_object("window", wid)
        if window.get_attributes().map_state != X.IsViewable:
            found.append("not mapped")
        frame = self.top_level(window)
        wm_check = self.cardinal(self.root, "_NET_SUPPORTING_WM_CHECK") or 0
        if frame.id != wid and frame.id & ~self.mask != wm_check & ~self.mask:  # type: ignore[attr-defined]
            found.append("not in a frame of the window manager")
        box = frame.get_geometry()  # type: ignore[attr-defined]
        if (box.x, box.y, box.width, box.height) != (0, 0, WIDTH, HEIGHT):
            found.append(f"not full screen: {box.x},{box.y} {box.width}x{box.height}")
        states = window.get_full_property(self.atom("_NET_WM_STATE"), X.AnyPropertyType)
        values = set(states.value) if states is not None else set()
        for bad in ("_NET_WM_STATE_HIDDEN", "_NET_WM_STATE_BELOW"):
            if self.atom(bad) in values:
                found.append(bad)
        if self.cardinal(self.root, "_NET_CURRENT_DESKTOP") != 0:
            found.append("another desktop is shown")
        if self.cardinal(window, "_NET_WM_DESKTOP") not in (0, 0xFFFFFFFF):
            found.append("on another desktop")
        children = self.root.query_tree().children
        ids = [c.id for c in children]
        if frame.id in ids:  # type: ignore[attr-defined]
            ours = wid & ~self.mask
            for other in children[ids.index(frame.id) + 1:]:  # type: ignore[attr-defined]
                a = other.get_attributes()
                g = other.get_geometry()
                if a.map_state != X.IsViewable or a.win_class != X.InputOutput or g.width * g.height < 100:
                    continue
                inner = [other, *other.query_tree().children]
                if any(w.id & ~self.mask not in (ours, wm_check & ~self.mask) for w in inner):
                    found.append(f"window {other.id:#x} of another program is above the exam")
        return found


def kiosk_window(kiosk: KioskRun) -> int | None:
    """The kiosk's full-screen top-level window (Qt may replace its native window)."""
    pid = str(kiosk.kiosk_process().pid)
    for w in x(kiosk.display, "xdotool", "search", "--pid", pid).split():
        if f"Geometry: {WIDTH}x{HEIGHT}" in kiosk.xdotool("getwindowgeometry", w):
            return int(w)
    return None


def watch_lines(kiosk: KioskRun) -> list[str]:
    """What the kiosk's debug log says about its window and the events it sent."""
    lines = kiosk.log.read_text(errors="replace").splitlines()
    return [line for line in lines if "window" in line or "event" in line or "Traceback" in line][-40:]


def enter(kiosk: KioskRun) -> None:
    """Continue past the notice (again only while it is still shown) until the kiosk shows."""
    kiosk.wait_window("Before your exam")

    def notice() -> list[str]:
        return kiosk.xdotool("search", "--onlyvisible", "--name", "Before your exam").split()

    continue_past_notice(notice, lambda: kiosk_window(kiosk) is not None, lambda w: kiosk.key(w, "Return"))
    # Qt replaces the kiosk's native window as the first page shows: a window seen a moment ago
    # may be gone already, and its successor comes
    assert wait_for(lambda: kiosk_window(kiosk) is not None, timeout=20), kiosk.output()


def test_another_program_cannot_hide_move_or_bury_the_exam(kiosk: KioskRun, exam_stub: Stub,
                                                           unprivileged_user: User, x_display: str,
                                                           attacker_dir: Path) -> None:
    enter(kiosk)
    screen = Screen(x_display)

    def problems() -> list[str]:
        wid = kiosk_window(kiosk)
        return screen.problems(wid) if wid is not None else ["no full-screen kiosk window"]

    assert wait_for(lambda: not problems(), timeout=20), problems()
    for attack in ATTACKS:
        wid = kiosk_window(kiosk)
        assert wid is not None
        program = popen_as(unprivileged_user, [str(user_python()), str(attacker_dir / ATTACKER.name),
                                               str(wid), attack],
                           env={"DISPLAY": x_display}, keyring=False, stdin=subprocess.PIPE,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            assert program.stdout is not None and program.stdout.readline() == b"done\n", \
                program.communicate(timeout=10)
            assert wait_for(lambda: not problems(), timeout=5), (attack, problems())
            # The window manager may still act on the attacker's last requests: once it has,
            # the exam must be back again and stay in front.
            time.sleep(0.5)
            assert wait_for(lambda: not problems(), timeout=5), (attack, problems())
            assert not wait_for(lambda: bool(problems()), timeout=1.0), (attack, problems())
        finally:
            program.communicate(b"\n", timeout=20)
    wid = kiosk_window(kiosk)
    helper = popen_as(unprivileged_user, [str(user_python()), str(attacker_dir / ATTACKER.name), str(wid),
                                          "assistive"],
                      env={"DISPLAY": x_display}, keyring=False, stdin=subprocess.PIPE,
                      stdout=subprocess.PIPE)
    try:
        assert helper.stdout is not None and helper.stdout.readline() == b"done\n"
        time.sleep(1.5)
        assert any("above the exam" in p for p in problems()), "an assistive program's window was lowered"
    finally:
        helper.communicate(b"\n", timeout=20)
    kinds = {"window_hidden", "window_moved", "window_covered"}
    assert wait_for(lambda: kinds <= {e["type"] for e in stored_events(exam_stub)}, timeout=30), \
        ([e["type"] for e in stored_events(exam_stub)], watch_lines(kiosk))
    kiosk.kiosk_process().send_signal(signal.SIGTERM)
    assert kiosk.wait_exit() == 0, kiosk.output()
