"""A real X display without a screen: Xvfb with the openbox window manager.

Used by the demo on a machine without a screen, the benchmarks and the end-to-end tests. The
display accepts local clients of any user (`-ac`), so a kiosk run by an ordinary user can
connect. Xvfb picks a free display number itself.
"""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

WIDTH, HEIGHT = 1280, 800


def _wait(predicate: object, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return
        time.sleep(0.05)
    raise RuntimeError(f"timed out waiting for {what}")


def _start_xvfb(width: int, height: int) -> tuple[int, subprocess.Popen[bytes]] | None:
    # -displayfd: Xvfb picks a free display number itself (it also sees numbers held by servers
    # whose files in /tmp are gone) and writes it to the pipe once it accepts clients.
    read_end, write_end = os.pipe()
    # -r: no key repeat. A key is always pressed and released at once here; a release the server
    # reads late (a loaded machine) must not become a dozen Enters for the next window.
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-screen", "0",
                             f"{width}x{height}x24", "-nolisten", "tcp", "-ac", "-r"],
                            pass_fds=(write_end,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_end)
    number = b""
    try:
        deadline = time.monotonic() + 30
        while not number.endswith(b"\n") and time.monotonic() < deadline:
            ready, _, _ = select.select([read_end], [], [], 0.5)
            if ready:
                chunk = os.read(read_end, 16)
                if not chunk:
                    break
                number += chunk
    finally:
        os.close(read_end)
    if xvfb.poll() is None and number.strip().isdigit():
        n = int(number)
        probe = subprocess.run(["xdpyinfo"], env=dict(os.environ, DISPLAY=f":{n}"), capture_output=True,
                               timeout=10)
        if probe.returncode == 0:
            return n, xvfb
    xvfb.kill()
    xvfb.wait()
    return None


def _start_openbox(display: str) -> tuple[subprocess.Popen[bytes] | None, str]:
    env = dict(os.environ, DISPLAY=display)
    log = tempfile.TemporaryFile()
    wm = subprocess.Popen(["openbox"], env=env, stdout=log, stderr=log)

    def ready() -> bool:
        if wm.poll() is not None:
            return True
        r = subprocess.run(["xprop", "-root", "_NET_SUPPORTING_WM_CHECK"], env=env,
                           capture_output=True, text=True, timeout=10)
        return "window id" in r.stdout

    try:
        _wait(ready, 30, "openbox")
    except RuntimeError:
        pass
    if wm.poll() is None and ready():
        return wm, ""
    wm.kill()
    wm.wait()
    log.seek(0)
    return None, log.read().decode(errors="replace").strip()


def start_display(width: int = WIDTH, height: int = HEIGHT,
                  window_manager: bool = True) -> tuple[str, list[subprocess.Popen[bytes]]]:
    """Start Xvfb (and openbox); return the DISPLAY string and the processes to stop."""
    for name in ("Xvfb", "openbox", "xdotool", "xprop", "xdpyinfo"):
        if shutil.which(name) is None:
            raise RuntimeError(f"{name} is not installed (the README's test command installs it)")
    problems: list[str] = []
    for _attempt in range(4):
        started = _start_xvfb(width, height)
        if started is None:
            problems.append("Xvfb did not accept clients")
            continue
        n, xvfb = started
        if not window_manager:
            return f":{n}", [xvfb]
        wm, output = _start_openbox(f":{n}")
        if wm is not None:
            return f":{n}", [xvfb, wm]
        problems.append(f"openbox did not start on :{n}: {output or 'no output'}")
        stop_display([xvfb])
    raise RuntimeError("no X display: " + "; ".join(problems))


def stop_display(procs: list[subprocess.Popen[bytes]]) -> None:
    for p in reversed(procs):
        p.terminate()
        try:
            p.wait(5)
        except subprocess.TimeoutExpired:
            p.kill()


def screenshot(display: str, path: Path) -> Path:
    """Save the whole screen as PNG (ImageMagick's `import`)."""
    subprocess.run(["import", "-display", display, "-window", "root", str(path)], check=True,
                   capture_output=True, timeout=30)
    return path
