"""End to end: the real kiosk (`lockdown run`), run by a fresh ordinary user on Xvfb + openbox.

The test plays a student trying to get out: switching shortcuts, a terminal, a prohibited program
(a copy of `sleep` named `anydesk`) next to an assistive one (named `orca`). Then the kiosk is
killed with SIGKILL: the terminal must take the focus and the keyboard, nothing left behind.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import psutil
import pytest

from tests.guard.xtools import (
    active_window,
    continue_past_notice,
    geometry,
    press_enter_on,
    wait_for,
    windows_of_class,
    x,
)
from tests.support.display import HEIGHT, WIDTH, screenshot
from tests.support.output import Tail
from tests.support.users import User, popen_as, user_python

pytestmark = [pytest.mark.slow, pytest.mark.x11, pytest.mark.asuser]

PAGE = b"""<!doctype html><html><head><title>Guard exam</title></head>
<body><h1>Exam</h1><input id="answer" autofocus></body></html>"""


@pytest.fixture
def exam_site() -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(PAGE)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/exam/"
    server.shutdown()


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A folder the test user can read: the configuration and the stand-in programs."""
    folder = Path(tempfile.mkdtemp(prefix="lockdown-e2e-guard-", dir="/var/tmp"))
    folder.chmod(0o755)
    for name in ("anydesk", "orca"):
        shutil.copy("/bin/sleep", folder / name)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def kiosk_process(wrapper: subprocess.Popen[bytes]) -> psutil.Process | None:
    try:
        for p in psutil.Process(wrapper.pid).children(recursive=True):
            if "lockdown" in " ".join(p.cmdline()):
                return p
    except psutil.NoSuchProcess:
        return None
    return None


def user_processes(user: User) -> list[str]:
    names = []
    for p in psutil.process_iter(["name", "uids"]):
        if p.info["uids"] and p.info["uids"].real == user.uid:
            names.append(p.info["name"])
    return names


def test_kiosk_keeps_a_student_in_and_lets_go_when_killed(x_display: str, unprivileged_user: User,
                                                          exam_site: str, shared_dir: Path,
                                                          tmp_path: Path) -> None:
    config = shared_dir / "exam.json"
    config.write_text(json.dumps({"format": 1, "start_url": exam_site, "allow_unverified_build": True,
                                  "allow_virtual_machine": True}))
    config.chmod(0o644)
    env = {"DISPLAY": x_display, "QT_QPA_PLATFORM": "xcb", "LANG": "en_US.UTF-8"}
    kiosk = popen_as(unprivileged_user, [str(user_python()), "-m", "lockdown", "run", str(config)],
                     env=env, keyring=False, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    errors, _ = Tail(kiosk.stderr), Tail(kiosk.stdout)
    helpers: list[subprocess.Popen[bytes]] = []
    try:
        assert wait_for(lambda: kiosk_process(kiosk) is not None, timeout=20)
        proc = kiosk_process(kiosk)
        assert proc is not None

        def windows() -> list[int]:
            return [int(w) for w in x(x_display, "xdotool", "search", "--onlyvisible", "--pid",
                                      str(proc.pid)).split()]

        def kiosk_window() -> int | None:
            for w in windows():
                if geometry(x_display, w) == (0, 0, WIDTH, HEIGHT):
                    return w
            return None

        # The notice comes first: the student continues with Enter (its default button). The
        # dialog may take a moment to accept keys on a loaded machine, so Enter is repeated.
        assert wait_for(lambda: bool(windows()), timeout=60), errors.text()
        continue_past_notice(lambda: [str(w) for w in windows()], lambda: kiosk_window() is not None,
                             lambda w: press_enter_on(x_display, w), tries=12, wait=5)
        if not wait_for(lambda: kiosk_window() is not None, timeout=20):
            screenshot(x_display, tmp_path / "no-kiosk.png")
            pytest.fail(f"the kiosk never went full screen; windows {windows()}, screen in {tmp_path}")
        # Qt replaces the kiosk's native window as the first page shows: the one that is active now
        def active_kiosk() -> bool:
            wid = kiosk_window()
            return wid is not None and active_window(x_display) == wid

        assert wait_for(active_kiosk, timeout=20)
        wid = kiosk_window()
        assert wid is not None

        for keys in ("alt+Tab", "super", "super+d", "ctrl+alt+t"):
            x(x_display, "xdotool", "key", keys)
        term_env = {"DISPLAY": x_display, "PATH": "/usr/bin:/bin", "SHELL": "/bin/sh", "HOME": str(tmp_path)}
        helpers.append(subprocess.Popen(["xterm", "-class", "GuardXterm"], env=term_env, cwd=tmp_path))
        assert wait_for(lambda: bool(windows_of_class(x_display, "GuardXterm")), timeout=20)
        term_window = windows_of_class(x_display, "GuardXterm")[0]
        x(x_display, "xdotool", "windowactivate", str(term_window))

        orca = popen_as(unprivileged_user, [str(shared_dir / "orca"), "120"], keyring=False,
                        source_tree=False)
        anydesk = popen_as(unprivileged_user, [str(shared_dir / "anydesk"), "120"], keyring=False,
                           source_tree=False)
        helpers += [orca, anydesk]
        assert anydesk.wait(10) != 0, "the prohibited program was not closed"

        assert wait_for(lambda: active_window(x_display) == wid, timeout=3)
        assert not wait_for(lambda: active_window(x_display) != wid, timeout=1.0)
        assert geometry(x_display, wid) == (0, 0, WIDTH, HEIGHT)
        screenshot(x_display, tmp_path / "kiosk.png")
        assert orca.poll() is None, "assistive technology was closed"
        assert "orca" in user_processes(unprivileged_user)

        proc.send_signal(signal.SIGKILL)
        kiosk.wait(20)
        assert wait_for(lambda: kiosk_window() is None, timeout=10)

        x(x_display, "xdotool", "windowactivate", "--sync", str(term_window))
        assert wait_for(lambda: active_window(x_display) == term_window, timeout=5)
        marker = tmp_path / "typed"
        x(x_display, "xdotool", "type", "--window", str(term_window), f"echo free > {marker}\n")
        assert wait_for(lambda: marker.exists() and marker.read_text().strip() == "free", timeout=10), \
            "the keyboard is not free after the kiosk was killed"
        assert wait_for(lambda: set(user_processes(unprivileged_user)) <= {"orca"}, timeout=15), \
            user_processes(unprivileged_user)
    finally:
        for h in helpers:
            if h.poll() is None:
                h.kill()
            h.wait()
        if kiosk.poll() is None:
            os.killpg(kiosk.pid, signal.SIGKILL)
            kiosk.wait()
