"""Start-up time and memory of `lockdown run`, a minimal QtWebEngine window and `chromium --kiosk`.

Side by side in one run, on the same local page, each run as a fresh ordinary user on Xvfb + openbox:
- time from process start to the exam page loaded (the page's `load` event fetches /loaded from
  the bench's own loopback server, which notes the time);
- PSS of the whole process tree (psutil `memory_full_info().pss`, summed over the process and its
  children, so shared libraries count once), 2 s after the page loaded.
lockdown's notice is accepted at once with xdotool (Enter), as a student would; its time includes it.

    python bench/bench_startup.py [--runs 3] [--baseline REV]     (as root: it creates the test user)

`--baseline REV` adds a row for `lockdown run` from the git revision REV (its lockdown/ exported to
a folder put first on PYTHONPATH), measured in the same interleaved runs: before/after figures of
a change side by side. Both lockdown rows run from source without bytecode caches, as the tests do,
unless `--bytecode` compiles them first, as an installed wheel or a PyInstaller build has them
(~25 ms of start-up here; the minimal window is one 12-line file either way).

Target (issue 8): lockdown within 1.3x of the minimal window's time, PSS at most its + 40 MB.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.support.users import (  # noqa: E402
    User,
    create_user,
    delete_user,
    popen_as,
    user_python,
    user_source_tree,
)
from tools.xdisplay import start_display, stop_display  # noqa: E402

PAGE = b"""<!doctype html><html><head><meta charset="utf-8"><title>Bench exam</title></head>
<body><h1>Bench exam</h1><p>Some text, a form and a script, like a small exam page.</p>
<form><label>Answer <input name="a"></label><textarea rows="8" cols="60"></textarea></form>
<script>window.addEventListener("load", function () { fetch("/loaded?" + Date.now()); });</script>
</body></html>"""

MINIMAL = """import sys
from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QApplication
from PySide6.QtWebEngineWidgets import QWebEngineView

app = QApplication(sys.argv)
view = QWebEngineView()
view.load(QUrl(sys.argv[1]))
view.showFullScreen()
sys.exit(app.exec())
"""


class Page:
    """The loopback page; records when /loaded was fetched."""

    def __init__(self) -> None:
        self.loaded: list[float] = []
        page = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                if self.path.startswith("/loaded"):
                    page.loaded.append(time.monotonic())
                body = PAGE if self.path == "/" else b""
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


def tree_memory(root: psutil.Process) -> tuple[int, int]:
    """(PSS, USS) of the process tree. PSS also moves with what else runs: another QtWebEngine
    program on the machine shares, and so halves, the libraries' pages; USS (pages no other
    process has) does not, so it shows a change in the program itself more steadily."""
    pss = uss = 0
    for p in [root, *root.children(recursive=True)]:
        try:
            info = p.memory_full_info()
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
        pss += info.pss
        uss += info.uss
    return pss, uss


def find(proc: subprocess.Popen[bytes], match: Callable[[list[str]], bool],
         timeout: float = 30) -> psutil.Process:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for child in psutil.Process(proc.pid).children(recursive=True):
            try:
                if match(child.cmdline()):
                    return child
            except psutil.NoSuchProcess:
                continue
        time.sleep(0.01)
    raise RuntimeError("process not found")


def end_user_processes(user: User) -> None:
    """Chromium leaves helpers behind its process group; the next run must start from nothing."""
    mine = [p for p in psutil.process_iter(["username"]) if p.info["username"] == user.name]
    for p in mine:
        try:
            p.kill()
        except psutil.NoSuchProcess:
            pass
    psutil.wait_procs(mine, timeout=5)


def accept_notice(display: str, stop: threading.Event) -> None:
    """Press Enter on the notice as soon as it shows, again if a key press came too early."""
    env = dict(os.environ, DISPLAY=display)
    seen = False
    while not stop.is_set():
        found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "Before your exam"],
                               env=env, capture_output=True, text=True).stdout.split()
        if found:
            seen = True
            subprocess.run(["xdotool", "windowactivate", "--sync", found[0], "key", "Return"], env=env,
                           capture_output=True)
            time.sleep(0.2)
        elif seen:
            return
        else:
            time.sleep(0.02)


def measure(name: str, argv: list[str], match: Callable[[list[str]], bool], user: User, display: str,
            page: Page, log: Path, notice: bool = False,
            env: dict[str, str] | None = None) -> tuple[float, float, float]:
    """(seconds to page loaded, PSS MB, USS MB) of one run."""
    page.loaded.clear()
    stop = threading.Event()
    started = time.monotonic()
    with log.open("wb") as out:
        proc = popen_as(user, argv, env={"DISPLAY": display, **(env or {})}, keyring=False, stdout=out,
                        stderr=subprocess.STDOUT)
    clicker = threading.Thread(target=accept_notice, args=(display, stop), daemon=True)
    if notice:
        clicker.start()
    try:
        deadline = started + 60
        while not page.loaded and time.monotonic() < deadline:
            time.sleep(0.005)
        if not page.loaded:
            tree = [f"{c.pid} {c.status()} {' '.join(c.cmdline())[:80]}"
                    for c in psutil.Process(proc.pid).children(recursive=True)]
            tail = "\n".join(tree) + "\n" + log.read_text(errors="replace")[-1500:]
            raise RuntimeError(f"{name}: the page never loaded; its output ends with:\n{tail}")
        seconds = page.loaded[0] - started
        time.sleep(2.0)
        pss, uss = tree_memory(find(proc, match))
        return seconds, pss / 2**20, uss / 2**20
    finally:
        stop.set()
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        end_user_processes(user)


def compile_tree(tree: Path) -> None:
    """Bytecode for every module under `tree`, readable by the test user."""
    compileall.compile_dir(str(tree), quiet=1)
    make_readable(tree)


def make_readable(tree: Path) -> None:
    for root, dirs, files in os.walk(tree):
        for d in dirs:
            os.chmod(os.path.join(root, d), 0o755)
        for f in files:
            os.chmod(os.path.join(root, f), 0o644)


def export_revision(rev: str, work: Path, bytecode: bool) -> Path:
    """lockdown/ as of git revision `rev`, in a world-readable folder under `work`."""
    dest = work / "baseline"
    dest.mkdir(mode=0o755)
    archive = subprocess.run(["git", "-C", str(REPO), "archive", rev, "lockdown"], check=True,
                             capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
    if bytecode:
        compileall.compile_dir(str(dest), quiet=1)
    make_readable(dest)
    return dest


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--baseline", metavar="REV", help="also run lockdown as of this git revision")
    parser.add_argument("--bytecode", action="store_true", help="compile lockdown's sources first")
    args = parser.parse_args()
    chromium = shutil.which("chromium")
    page = Page()
    display, procs = start_display()
    user = create_user()
    work = Path(tempfile.mkdtemp(prefix="lockdown-bench-", dir="/var/tmp"))
    work.chmod(0o755)
    try:
        config = work / "exam.json"
        config.write_text(json.dumps({"format": 1, "start_url": page.url + "/", "language": "en",
                                      "allow_unverified_build": True, "allow_virtual_machine": True,
                                      "allow_remote_session": True}))
        minimal = work / "minimal.py"
        minimal.write_text(MINIMAL)
        for f in (config, minimal):
            f.chmod(0o644)
        py = str(user_python())
        if args.bytecode:
            compile_tree(user_source_tree())
        Case = tuple[str, list[str], Callable[[list[str]], bool], bool, dict[str, str]]
        cases: list[Case] = [
            ("lockdown run", [py, "-m", "lockdown", "run", str(config)],
             lambda c: c[:4] == [py, "-m", "lockdown", "run"], True, {}),
            ("minimal QtWebEngine", [py, str(minimal), page.url + "/"],
             lambda c: c[:2] == [py, str(minimal)], False, {}),
        ]
        if args.baseline:
            cases.insert(1, (f"lockdown @{args.baseline}", [py, "-m", "lockdown", "run", str(config)],
                             lambda c: c[:4] == [py, "-m", "lockdown", "run"], True,
                             {"PYTHONPATH": str(export_revision(args.baseline, work, args.bytecode))}))
        if chromium:
            profile = f"/tmp/lockdown-bench-chromium-{user.name}"
            cases.append(("chromium --kiosk",
                          [chromium, "--kiosk", "--no-first-run", "--no-default-browser-check",
                           "--password-store=basic", f"--user-data-dir={profile}", page.url + "/"],
                          lambda c: bool(c) and c[0].endswith("chromium") and "--type" not in " ".join(c),
                          False, {}))
        results: dict[str, list[tuple[float, float, float]]] = {name: [] for name, *_ in cases}
        loads = [os.getloadavg()[0]]
        for n in range(args.runs):
            for i, (name, argv, match, notice, env) in enumerate(cases):  # interleaved: load hits all alike
                log = work / f"case{i}-{n}.log"
                results[name].append(measure(name, argv, match, user, display, page, log, notice, env))
            loads.append(os.getloadavg()[0])
        print(f"{'':24} {'start-up to page loaded (s)':>28} {'PSS of process tree (MB)':>26} {'USS (MB)':>9}")
        base_t = base_m = 0.0
        for name, runs in results.items():
            t = statistics.median(r[0] for r in runs)
            m = statistics.median(r[1] for r in runs)
            u = statistics.median(r[2] for r in runs)
            if name == "minimal QtWebEngine":
                base_t, base_m = t, m
            print(f"{name:24} {t:28.2f} {m:26.0f} {u:9.0f}")
        print(f"\n1-minute load average during the runs: {min(loads):.2f} to {max(loads):.2f} "
              f"({os.cpu_count()} cores)")
        lockdown_t = statistics.median(r[0] for r in results["lockdown run"])
        lockdown_m = statistics.median(r[1] for r in results["lockdown run"])
        print(f"\nmedian of {args.runs} runs each; lockdown/minimal time ratio {lockdown_t / base_t:.2f} "
              f"(target <= 1.3), PSS difference {lockdown_m - base_m:+.0f} MB (target <= +40)")
        if not chromium:
            print("chromium not installed (apt-get install -y chromium): no reference row")
    finally:
        delete_user(user)
        stop_display(procs)
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
