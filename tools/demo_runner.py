"""Run `lockdown demo` where a plain `lockdown demo` cannot: as root, or on a machine without a screen.

lockdown refuses to run elevated, so when started by root the demo runs as the unprivileged
`nobody` user with a temporary home, a temporary copy of the sources and its own keyring. Without
a screen it runs on a virtual one (Xvfb + openbox), presses Enter on the notice, saves screenshots
of the notice and the exam page, and ends the exam with SIGTERM. Everything temporary is removed.
"""

from __future__ import annotations

import argparse
import os
import pwd
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tools.xdisplay import screenshot, start_display, stop_display  # noqa: E402


def _window_named(display: str, pattern: str, timeout: float) -> bool:
    env = dict(os.environ, DISPLAY=display)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        r = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", pattern], env=env,
                           capture_output=True, text=True)
        if r.stdout.strip():
            return True
        time.sleep(0.3)
    return False


def _copy_sources(dest: Path) -> None:
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for pkg in ("lockdown", "server_stub"):
        shutil.copytree(REPO / pkg, dest / pkg, ignore=ignore)
    for root, dirs, files in os.walk(dest):
        for d in dirs:
            os.chmod(os.path.join(root, d), 0o755)  # noqa: S103 (read by the demo user)
        for f in files:
            os.chmod(os.path.join(root, f), 0o644)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shots", type=Path, default=Path.cwd() / "demo-screenshots",
                        help="folder for the screenshots (headless runs)")
    parser.add_argument("--seconds", type=float, default=8, help="how long to show the exam (headless)")
    args = parser.parse_args()

    procs: list[subprocess.Popen[bytes]] = []
    display = os.environ.get("DISPLAY", "")
    headless = not display
    if headless:
        display, procs = start_display()
        print(f"demo: virtual screen {display} (1280x800) with openbox")
    work = Path(tempfile.mkdtemp(prefix="lockdown-demo-"))
    work.chmod(0o755)
    python = Path(os.environ.get("LOCKDOWN_VENV", "/opt/lockdown-venv")) / "bin" / "python"
    env = {"DISPLAY": display, "PATH": "/usr/local/bin:/usr/bin:/bin",
           "LANG": os.environ.get("LANG", "C.UTF-8"), "PYTHONDONTWRITEBYTECODE": "1"}
    cmd = [str(python), "-m", "lockdown", "demo"]
    if os.geteuid() == 0:
        nobody = pwd.getpwnam("nobody")
        home = work / "home"
        home.mkdir(mode=0o700)
        os.chown(home, nobody.pw_uid, nobody.pw_gid)
        src = work / "src"
        _copy_sources(src)
        keyring = work / "keyring"
        keyring.mkdir(mode=0o700)
        os.chown(keyring, nobody.pw_uid, nobody.pw_gid)
        env.update(HOME=str(home), USER="nobody", LOGNAME="nobody", PYTHONPATH=str(src))
        script = (f'printf demo | XDG_DATA_HOME="{keyring}" gnome-keyring-daemon --unlock '
                  '--components=secrets >/dev/null 2>&1; exec "$@"')
        cmd = ["runuser", "-u", "nobody", "--", "env", "-i", *[f"{k}={v}" for k, v in env.items()],
               "dbus-run-session", "--", "sh", "-c", script, "sh", *cmd]
        print("demo: lockdown refuses to run as root, so it runs as the unprivileged user 'nobody'")
        run_env = None
    else:
        run_env = dict(os.environ, **env)
    kiosk = subprocess.Popen(cmd, env=run_env, cwd=work, start_new_session=True)
    code = 0
    try:
        if not headless:
            return kiosk.wait()
        args.shots.mkdir(parents=True, exist_ok=True)
        xenv = dict(os.environ, DISPLAY=display)
        if not _window_named(display, "lockdown|Lockdown", 60):
            print("demo: the notice did not appear", file=sys.stderr)
            return 1
        time.sleep(1.5)
        print(f"demo: notice -> {screenshot(display, args.shots / 'notice.png')}")
        subprocess.run(["xdotool", "key", "Return"], env=xenv, check=False)
        time.sleep(args.seconds)
        print(f"demo: exam page -> {screenshot(display, args.shots / 'exam.png')}")
        # SIGTERM to lockdown itself, as a proctor's tool would: it ends the exam in order and
        # exits 0 (the session bus and keyring around it stop after it).
        lockdown = [p for p in psutil.Process(kiosk.pid).children(recursive=True)
                    if p.cmdline()[1:4] == ["-m", "lockdown", "demo"]]
        for proc in lockdown:
            proc.send_signal(signal.SIGTERM)
        code = kiosk.wait(20)
        print(f"demo: the exam ended on SIGTERM with exit code {code}")
    finally:
        if kiosk.poll() is None:
            os.killpg(kiosk.pid, signal.SIGKILL)
            kiosk.wait()
        stop_display(procs)
        shutil.rmtree(work, ignore_errors=True)
    return code


if __name__ == "__main__":
    sys.exit(main())
