"""The kiosk's keyboard grab, focus keeper and clipboard operations on a real X server with openbox.

A stand-in window (x11_ops_window.py) runs the real operations; the test plays the student
with xdotool: switching shortcuts, a new xterm, minimising. Then the operations are reverted and
the keyboard and focus must be free again.
"""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.guard.xtools import active_window, geometry, wait_for, windows_of_class, x
from tests.support.display import HEIGHT, WIDTH

pytestmark = [pytest.mark.x11, pytest.mark.slow]

HELPER = Path(__file__).with_name("x11_ops_window.py")
REPO = Path(__file__).resolve().parents[2]


class Helper:
    def __init__(self, display: str) -> None:
        env = {**os.environ, "DISPLAY": display, "PYTHONPATH": str(REPO)}
        env.pop("QT_QPA_PLATFORM", None)
        env["QT_QPA_PLATFORM"] = "xcb"
        self.proc = subprocess.Popen([sys.executable, str(HELPER)], env=env, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True)
        self.lines: queue.Queue[str] = queue.Queue()
        self.events: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            line = line.strip()
            if line.startswith("event "):
                self.events.append(line.split(" ", 1)[1])
            else:
                self.lines.put(line)

    def expect(self, prefix: str, timeout: float = 20) -> str:
        while True:
            line = self.lines.get(timeout=timeout)
            if line.startswith(prefix):
                return line[len(prefix):].strip()

    def send(self, command: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()


@pytest.fixture
def helper(x_display: str) -> Iterator[Helper]:
    h = Helper(x_display)
    yield h
    if h.proc.poll() is None:
        h.proc.kill()
    h.proc.wait()


def test_the_kiosk_keeps_the_keyboard_and_the_front_and_lets_go_on_revert(
        x_display: str, helper: Helper, tmp_path: Path) -> None:
    wid = int(helper.expect("ready"))
    assert wait_for(lambda: active_window(x_display) == wid)

    for keys in ("alt+Tab", "super", "super+d", "ctrl+alt+t", "alt+F4"):
        x(x_display, "xdotool", "key", keys)
    x(x_display, "xdotool", "type", "exam")
    env = {"DISPLAY": x_display, "PATH": "/usr/bin:/bin", "SHELL": "/bin/sh", "HOME": str(tmp_path)}
    term = subprocess.Popen(["xterm", "-class", "GuardXterm"], env=env, cwd=tmp_path)
    try:
        assert wait_for(lambda: bool(windows_of_class(x_display, "GuardXterm")))
        term_window = windows_of_class(x_display, "GuardXterm")[0]
        x(x_display, "xdotool", "windowactivate", str(term_window))
        # The window manager may hand the xterm the focus for an instant; the kiosk takes it back.
        assert wait_for(lambda: active_window(x_display) == wid, timeout=2)
        assert not wait_for(lambda: active_window(x_display) != wid, timeout=1.0)
        assert geometry(x_display, wid) == (0, 0, WIDTH, HEIGHT)
        helper.send("text")
        assert helper.expect("text").endswith("exam")  # the page still gets ordinary keys

        x(x_display, "xdotool", "windowminimize", str(wid))
        assert wait_for(lambda: active_window(x_display) == wid, timeout=3)
        assert geometry(x_display, wid) == (0, 0, WIDTH, HEIGHT)
        assert "focus_lost" in helper.events

        helper.send("revert")
        helper.expect("reverted")
        helper.proc.wait(10)
        x(x_display, "xdotool", "windowactivate", "--sync", str(term_window))
        assert wait_for(lambda: active_window(x_display) == term_window)
        marker = tmp_path / "typed"
        x(x_display, "xdotool", "type", "--window", str(term_window), f"echo free > {marker}\n")
        assert wait_for(lambda: marker.exists() and marker.read_text().strip() == "free")
    finally:
        term.kill()
        term.wait()
