"""Start-up time and memory of lockdown, a minimal QtWebEngine window and `chromium --kiosk`.

Side by side in one run, on the same local page, each run as a fresh ordinary user on Xvfb + openbox:
- time from process start to the exam page loaded (the page's `load` event fetches /loaded from
  the bench's own loopback server, which notes the time);
- PSS of the whole process tree (psutil `memory_full_info().pss`, summed over the process and its
  children, so shared libraries count once), 2 s after the page loaded.
lockdown's notice is accepted at once, as a student would who does not read it: the bench watches
the X server and presses Enter the moment the notice has the keyboard focus.

    python bench/bench_startup.py [--runs 3] [--baseline REV]     (as root: it creates the test user)
    python bench/bench_startup.py --frozen [--runs 5] [--logs DIR]

Without --frozen, lockdown runs from source (`python -m lockdown run`). `--baseline REV` adds a row
for lockdown as of git revision REV (its lockdown/ exported to a folder put first on PYTHONPATH),
measured in the same interleaved runs. Both lockdown rows run from source without bytecode caches,
as the tests do, unless `--bytecode` compiles them first, as an installed wheel has them.

With --frozen, what a student runs: the PyInstaller build of this source (built, or reused from
tests/support/bundle.py's cache), signed with the repository's TEST key, which the tests' build
pins with `tools/build.py --release-pubkey`, installed for the test user with its own `lockdown-install`,
and started from the installed copy, so the self-check really hashes every file and finds it
valid. The minimal window then runs on a private copy of PySide6, as the release has its own,
so neither shares library pages with other Qt programs on the machine. The bench also prints the
time of each start-up step (lockdown's LOCKDOWN_DEBUG log) and one start with the bundle evicted
from the page cache (as the first start after an install may be).

Targets (issue 14, frozen): the installed release within 1.2x of the minimal window's time, PSS at
most its + 30 MB; the self-check's verdict before the student could have pressed Enter (~0.3 s
after the notice shows) on a warm cache, and the notice saying it is checking on a cold one.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import select
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
from typing import Any, NamedTuple

import psutil

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.frozen_release import Release, cpu_model, private_pyside  # noqa: E402
from tests.support.users import (  # noqa: E402
    User,
    create_user,
    delete_user,
    popen_as,
    user_python,
    user_source_tree,
)
from tools.xdisplay import start_display, stop_display  # noqa: E402

NOTICE_TITLE = "Before your exam"
STEPS = {
    "lockdown's code starts": "lockdown's code starts",
    "self-check started": "self-check started",
    "lockdown imported": "lockdown imported",
    "Qt imported": "Qt imported",
    "configuration loaded": "configuration loaded",
    "notice painted": "notice painted",
    "browser engine started": "browser engine started",
    "self-check verdict": "self-check: ",
    "notice accepted": "notice accepted",
    "kiosk opened": "kiosk opened",
    "exam page loaded": "exam page loaded",
}
"""Start-up steps as lockdown's debug log names them (the first line that contains the text)."""

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


def _window_name(d: Any, window: Any) -> str:
    """The title of `window` or of the first of its parents that has one."""
    while window:
        try:
            name = window.get_full_property(d.intern_atom("_NET_WM_NAME"), 0)
            if name is not None:
                return bytes(name.value).decode(errors="replace")
            legacy = window.get_wm_name()
            if legacy:
                return str(legacy)
            tree = window.query_tree()
        except Exception:  # the window went away meanwhile
            return ""
        window = tree.parent if tree.parent != tree.root else None
    return ""


def accept_notice(display: str, stop: threading.Event, shown: list[float]) -> None:
    """Press Enter the moment the notice has the keyboard focus (watching the X server, no polling
    of helper programs), again if it is still there 0.2 s later; `shown` gets the time it took focus."""
    from Xlib import XK, X
    from Xlib import display as xdisplay
    from Xlib.ext import xtest

    d = xdisplay.Display(display)
    d.screen().root.change_attributes(event_mask=X.SubstructureNotifyMask | X.FocusChangeMask)
    enter = d.keysym_to_keycode(XK.string_to_keysym("Return"))
    pressed = 0.0
    try:
        while not stop.is_set():
            focus = d.get_input_focus().focus
            on_notice = NOTICE_TITLE in _window_name(d, focus) if not isinstance(focus, int) else False
            now = time.monotonic()
            if on_notice and now - pressed > 0.2:
                if not shown:
                    shown.append(now)
                xtest.fake_input(d, X.KeyPress, enter)
                xtest.fake_input(d, X.KeyRelease, enter)
                d.sync()
                pressed = now
            elif not on_notice and pressed:
                return
            select.select([d], [], [], 0.002)
            while d.pending_events():
                d.next_event()
    finally:
        d.close()


def steps_of(log: Path, started_wall: float) -> dict[str, float]:
    """Seconds from the launch to each start-up step, from lockdown's LOCKDOWN_DEBUG stderr."""
    found: dict[str, float] = {}
    for line in log.read_text(errors="replace").splitlines():
        stamp, _, text = line.partition(" ")
        try:
            at = float(stamp) - started_wall
        except ValueError:
            continue
        for step, marker in STEPS.items():
            if step not in found and marker in text:
                found[step] = at
        if "showing its progress" in text:
            found.setdefault("progress shown", at)
    return found


class Run(NamedTuple):
    seconds: float
    pss_mb: float
    uss_mb: float
    steps: dict[str, float]
    notice_focused: float | None


def measure(name: str, argv: list[str], match: Callable[[list[str]], bool], user: User, display: str,
            page: Page, log: Path, notice: bool = False, env: dict[str, str] | None = None,
            source_tree: bool = True) -> Run:
    """One run: seconds to page loaded, memory, and lockdown's steps (all from the launch)."""
    page.loaded.clear()
    stop = threading.Event()
    shown: list[float] = []
    started_wall, started = time.time(), time.monotonic()
    with log.open("wb") as out:
        proc = popen_as(user, argv, env={"DISPLAY": display, "LOCKDOWN_DEBUG": "1", **(env or {})},
                        keyring=False, source_tree=source_tree, stdout=out, stderr=subprocess.STDOUT)
    clicker = threading.Thread(target=accept_notice, args=(display, stop, shown), daemon=True)
    if notice:
        clicker.start()
    try:
        deadline = started + 60
        while not page.loaded and time.monotonic() < deadline:
            time.sleep(0.002)
        if not page.loaded:
            tree = [f"{c.pid} {c.status()} {' '.join(c.cmdline())[:80]}"
                    for c in psutil.Process(proc.pid).children(recursive=True)]
            tail = "\n".join(tree) + "\n" + log.read_text(errors="replace")[-1500:]
            raise RuntimeError(f"{name}: the page never loaded; its output ends with:\n{tail}")
        seconds = page.loaded[0] - started
        time.sleep(2.0)
        pss, uss = tree_memory(find(proc, match))
        return Run(seconds, pss / 2**20, uss / 2**20, steps_of(log, started_wall),
                   shown[0] - started if shown else None)
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


Case = tuple[str, list[str], Callable[[list[str]], bool], bool, dict[str, str], bool]
"""(row name, argv, how to find its main process, has a notice, extra environment, source tree)."""


def print_steps(runs: list[Run]) -> None:
    """Median time of each start-up step, from the launch, and the notice as the bench saw it."""
    print("\nsteps of the lockdown row (median s from the launch; the debug log's own clock):")
    for step in [*STEPS, "progress shown"]:
        times = [r.steps[step] for r in runs if step in r.steps]
        if times:
            print(f"  {step:26} {statistics.median(times):6.3f}   ({len(times)}/{len(runs)} runs)")
    focused = [r.notice_focused for r in runs if r.notice_focused is not None]
    if focused:
        print(f"  {'notice had the focus':26} {statistics.median(focused):6.3f}   (Enter pressed then)")
    late = [r.steps["self-check verdict"] - r.steps["notice painted"] for r in runs
            if "self-check verdict" in r.steps and "notice painted" in r.steps]
    if late:
        print(f"  verdict after the notice was painted: median {statistics.median(late):+.3f} s, "
              f"max {max(late):+.3f} s (target: before ~+0.3 s)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--frozen", action="store_true",
                        help="measure the built, signed, installed release instead of the source")
    parser.add_argument("--baseline", metavar="REV", help="also run lockdown as of this git revision")
    parser.add_argument("--bytecode", action="store_true", help="compile lockdown's sources first")
    parser.add_argument("--logs", type=Path, metavar="DIR",
                        help="keep every run's output (lockdown's debug log) in DIR")
    args = parser.parse_args()
    chromium = shutil.which("chromium")
    page = Page()
    display, procs = start_display()
    user = create_user()
    work = Path(tempfile.mkdtemp(prefix="lockdown-bench-", dir="/var/tmp"))
    work.chmod(0o755)
    loads = [os.getloadavg()]
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
        release: Release | None = None
        if args.frozen:
            release = Release(work, user)
            exe = str(release.program)
            lockdown: Case = ("installed release", [exe, "run", str(config)],
                              lambda c: c[:2] == [exe, "run"], True, {}, False)
            bare_env = {"PYTHONPATH": str(private_pyside(work))}
        else:
            if args.bytecode:
                compile_tree(user_source_tree())
            lockdown = ("lockdown run", [py, "-m", "lockdown", "run", str(config)],
                        lambda c: c[:4] == [py, "-m", "lockdown", "run"], True, {}, True)
            bare_env = {}
        cases: list[Case] = [
            lockdown,
            ("minimal QtWebEngine", [py, str(minimal), page.url + "/"],
             lambda c: c[:2] == [py, str(minimal)], False, bare_env, not args.frozen),
        ]
        if args.baseline:
            cases.insert(1, (f"lockdown @{args.baseline}", [py, "-m", "lockdown", "run", str(config)],
                             lambda c: c[:4] == [py, "-m", "lockdown", "run"], True,
                             {"PYTHONPATH": str(export_revision(args.baseline, work, args.bytecode))}, True))
        if chromium:
            profile = f"/tmp/lockdown-bench-chromium-{user.name}"
            cases.append(("chromium --kiosk",
                          [chromium, "--kiosk", "--no-first-run", "--no-default-browser-check",
                           "--password-store=basic", f"--user-data-dir={profile}", page.url + "/"],
                          lambda c: bool(c) and c[0].endswith("chromium") and "--type" not in " ".join(c),
                          False, {}, True))
        results: dict[str, list[Run]] = {name: [] for name, *_ in cases}
        for n in range(args.runs):
            for i, (name, argv, match, notice, env, tree) in enumerate(cases):  # interleaved
                log = work / f"case{i}-{n}.log"
                results[name].append(measure(name, argv, match, user, display, page, log, notice, env, tree))
            loads.append(os.getloadavg())
        cold: Run | None = None
        evicted = 0
        if release is not None:
            evicted = release.evict_from_page_cache()
            name, argv, match, notice, env, tree = lockdown
            cold = measure(name, argv, match, user, display, page, work / "cold.log", notice, env, tree)
            loads.append(os.getloadavg())

        print(f"machine: {cpu_model()}, {os.cpu_count()} cores, "
              f"{psutil.virtual_memory().total / 2**30:.0f} GiB; kernel {os.uname().release}")
        if release is not None:
            print(f"release: {release.cache} ({release.size_mb:.0f} MB in {release.files} files; "
                  f"build or reuse {release.build_s:.0f} s), signed with the TEST key pinned by "
                  f"--release-pubkey, installed for {user.name} in {release.install_s:.1f} s")
        print(f"\n{'':24} {'start-up to page loaded (s)':>28} {'PSS of process tree (MB)':>26} "
              f"{'USS (MB)':>9}")
        medians: dict[str, tuple[float, float]] = {}
        for name, runs in results.items():
            t = statistics.median(r.seconds for r in runs)
            m = statistics.median(r.pss_mb for r in runs)
            u = statistics.median(r.uss_mb for r in runs)
            medians[name] = (t, m)
            spread = " ".join(f"{r.seconds:.2f}" for r in runs)
            print(f"{name:24} {t:28.2f} {m:26.0f} {u:9.0f}   [{spread}]")
        print_steps(results[lockdown[0]])
        if cold is not None:
            painted = cold.steps.get("notice painted", -1.0)
            verdict = cold.steps.get("self-check verdict", -1.0)
            print(f"\ncold cache ({evicted} MB of the install evicted from the page cache first): page "
                  f"loaded at {cold.seconds:.2f} s; notice painted at {painted:.3f} s, verdict at "
                  f"{verdict:.3f} s; the notice showed the check's progress: "
                  f"{'yes' if 'progress shown' in cold.steps else 'no'}")
        one = [la[0] for la in loads]
        print(f"\n1-minute load average: {one[0]:.2f} before, {min(one):.2f} to {max(one):.2f} during "
              f"the runs ({os.cpu_count()} cores; other sessions share this machine)")
        lockdown_t, lockdown_m = medians[lockdown[0]]
        base_t, base_m = medians["minimal QtWebEngine"]
        target_t, target_m = (1.2, 30) if args.frozen else (1.3, 40)
        print(f"\nmedian of {args.runs} interleaved runs each; {lockdown[0]}/minimal time ratio "
              f"{lockdown_t / base_t:.2f} (target <= {target_t}), PSS difference "
              f"{lockdown_m - base_m:+.0f} MB (target <= +{target_m})")
        if not chromium:
            print("chromium not installed (apt-get install -y chromium): no reference row")
    finally:
        if args.logs is not None:
            args.logs.mkdir(parents=True, exist_ok=True)
            for log in work.glob("*.log"):
                shutil.copy(log, args.logs / log.name)
        delete_user(user)
        stop_display(procs)
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
