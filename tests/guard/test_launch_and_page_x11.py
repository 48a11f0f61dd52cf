"""The real kiosk started the way a student might start it, and a page that tries every side channel.

`lockdown run` as a fresh ordinary user on Xvfb + openbox. The environment asks for the exam in a
VNC server, remote debugging in Chromium's one-dash spelling, another plugin folder and a proxy of
the student's; the exam page then tries what the request interceptor does not see: a preconnect,
WebRTC (STUN over UDP, TURN over TCP) and shared and service workers from a frame lockdown's
script does not reach, WebSockets, and the high-entropy client hints. Hosts outside the policy
are real listeners on 127.0.0.1 that record anything that reaches them. With a proxy in the
configuration, that proxy and no other carries the exam's traffic. With `launch_overrides:
"refuse"` (and, whatever the configuration, with a preloaded library) lockdown stops with one line.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import psutil
import pytest

from tests.guard.xtools import continue_past_notice, wait_for, x
from tests.support.display import HEIGHT, WIDTH
from tests.support.users import User, popen_as, run_as, started_under, user_python

pytestmark = [pytest.mark.slow, pytest.mark.asuser, pytest.mark.timeout(300)]

GIF = (b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,"
       b"\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;")

PAGE = """<!doctype html><html><head><title>Side channels</title>
<link rel="preconnect" href="http://127.0.0.1:{tcp}/"></head><body><h1>Exam</h1>
<img src="http://probe.invalid/probe.gif">
<script>
(async () => {{
  const out = {{}};
  const pause = ms => new Promise(r => setTimeout(r, ms));
  try {{
    const v = await navigator.userAgentData.getHighEntropyValues(
      ["platformVersion", "architecture", "bitness", "model", "fullVersionList"]);
    out.hints = {{platformVersion: v.platformVersion, architecture: v.architecture, bitness: v.bitness,
                  model: v.model, fullVersionList: v.fullVersionList}};
  }} catch (e) {{ out.hints = "error " + e; }}
  out.page = {{rtc: typeof RTCPeerConnection, sw: typeof navigator.serviceWorker,
               shared: typeof SharedWorker}};
  const frame = document.createElement("iframe");  // no src: lockdown's script does not reach it
  document.body.appendChild(frame);
  const w = frame.contentWindow;
  out.frame = {{rtc: typeof w.RTCPeerConnection, shared: typeof w.SharedWorker}};
  try {{
    const pc = new w.RTCPeerConnection({{iceServers: [
      {{urls: "stun:127.0.0.1:{udp}"}},
      {{urls: "turn:127.0.0.1:{tcp}?transport=tcp", username: "u", credential: "p"}}]}});
    pc.createDataChannel("d");
    await pc.setLocalDescription(await pc.createOffer());
    out.webrtc = "made";
  }} catch (e) {{ out.webrtc = "refused"; }}
  try {{ await w.navigator.serviceWorker.register("/worker.js"); out.service = "registered"; }}
  catch (e) {{ out.service = "refused"; }}
  try {{ new w.SharedWorker("/worker.js"); out.shared = "made"; }} catch (e) {{ out.shared = "refused"; }}
  new Worker("/worker.js");
  try {{ new WebSocket("ws://127.0.0.1:{tcp}/page"); }} catch (e) {{}}
  await pause(4000);
  await fetch("/report", {{method: "POST", body: JSON.stringify(out)}});
}})();
</script></body></html>"""

WORKER = """try {{ new WebSocket("ws://127.0.0.1:{tcp}/worker"); }} catch (e) {{}}
fetch("http://127.0.0.1:{tcp}/worker-fetch").catch(() => 0);"""


@dataclass
class Listeners:
    """A TCP and a UDP port outside the policy; everything that reaches them is kept."""

    tcp: socket.socket = field(default_factory=socket.socket)
    udp: socket.socket = field(default_factory=lambda: socket.socket(socket.AF_INET, socket.SOCK_DGRAM))
    seen: list[tuple[str, bytes]] = field(default_factory=list)

    def start(self) -> Listeners:
        self.tcp.bind(("127.0.0.1", 0))
        self.tcp.listen(20)
        self.udp.bind(("127.0.0.1", 0))
        threading.Thread(target=self._accept, daemon=True).start()
        threading.Thread(target=self._receive, daemon=True).start()
        return self

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.tcp.accept()
            except OSError:
                return
            conn.settimeout(2)
            try:
                data = conn.recv(200)
            except OSError:
                data = b""
            self.seen.append(("tcp", data))
            conn.close()

    def _receive(self) -> None:
        while True:
            try:
                data, _ = self.udp.recvfrom(2048)
            except OSError:
                return
            self.seen.append(("udp", data[:20]))

    def close(self) -> None:
        self.tcp.close()
        self.udp.close()


class Site:
    """An HTTP server: the exam site, or a proxy (it then records the absolute URLs asked of it)."""

    def __init__(self, pages: dict[str, tuple[str, bytes]] | None = None) -> None:
        self.pages = pages or {}
        self.asked: list[str] = []
        self.reports: list[dict[str, object]] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                site.asked.append(self.path)
                kind, body = site.pages.get(self.path.split("?")[0], ("image/gif", GIF))
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                site.reports.append(json.loads(self.rfile.read(length) or b"{}"))
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def outside() -> Iterator[Listeners]:
    listeners = Listeners().start()
    yield listeners
    listeners.close()


@pytest.fixture
def sites(outside: Listeners) -> Iterator[tuple[Site, Site, Site]]:
    """The exam site, the student's proxy (from the environment) and the exam's proxy."""
    ports = {"tcp": outside.tcp.getsockname()[1], "udp": outside.udp.getsockname()[1]}
    exam = Site({"/": ("text/html", PAGE.format(**ports).encode()),
                 "/worker.js": ("text/javascript", WORKER.format(**ports).encode())})
    student_proxy, exam_proxy = Site(), Site()
    yield exam, student_proxy, exam_proxy
    for s in (exam, student_proxy, exam_proxy):
        s.close()


def write_config(user: User, **settings: object) -> Path:
    path = user.home / "exam.json"
    path.write_text(json.dumps({"format": 1, "allow_unverified_build": True, "allow_virtual_machine": True,
                                "language": "en", **settings}))
    os.chown(path, user.uid, user.gid)
    return path


def filtered(exam: Site, **settings: object) -> dict[str, object]:
    """The exam's origin and the probe host allowed, nothing else."""
    return {"start_url": exam.url + "/", "url_filter": {"enabled": True, "rules": [
        {"action": "allow", "expression": f"127.0.0.1:{exam.port}/*"},
        {"action": "allow", "expression": "probe.invalid/*"}]}, **settings}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def listening(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


class Kiosk:
    """`lockdown run` as the user in a given environment, past the notice, until SIGTERM."""

    def __init__(self, user: User, display: str, config: Path, env: dict[str, str], log: Path) -> None:
        self.display = display
        self.log = log
        with log.open("wb") as out:
            self.proc = popen_as(user, [str(user_python()), "-m", "lockdown", "run", str(config)],
                                 env={"DISPLAY": display, **env}, keyring=False, stdout=out,
                                 stderr=subprocess.STDOUT)

    def windows(self) -> list[str]:
        return x(self.display, "xdotool", "search", "--onlyvisible", "--name", ".").split()

    def full_screen(self) -> str | None:
        for w in self.windows():
            if f"Geometry: {WIDTH}x{HEIGHT}" in x(self.display, "xdotool", "getwindowgeometry", w):
                return w
        return None

    def named(self, title: str) -> list[str]:
        return x(self.display, "xdotool", "search", "--onlyvisible", "--name", title).split()

    def wait_notice(self) -> str:
        found: list[str] = []

        def shown() -> bool:  # the id seen is the one returned: asked twice, the second could miss it
            found[:] = self.named("Before your exam")
            return bool(found)

        assert wait_for(shown, timeout=60), self.output()
        return found[0]

    def enter(self) -> str:
        """Continue past the notice (again only while it is still shown); the full-screen window."""
        notice = self.wait_notice()
        found: list[str] = []

        def full_screen() -> bool:  # the id seen is the one returned: Qt replaces the kiosk's
            window = self.full_screen()  # native window as the first page shows
            found[:] = [window] if window else []
            return bool(found)

        def press(_shown: str) -> None:  # to the window that has the keyboard (XTEST)
            x(self.display, "xdotool", "windowactivate", "--sync", notice)
            x(self.display, "xdotool", "key", "Return")

        continue_past_notice(lambda: self.named("Before your exam"), full_screen, press)
        assert wait_for(full_screen, timeout=20), self.output()  # now, not a moment ago
        return found[0]

    def output(self) -> str:
        return self.log.read_text(errors="replace")[-3000:]

    def end(self) -> int:
        """SIGTERM to lockdown itself: the exam ends in order; its exit code."""
        try:
            for child, argv in started_under(self.proc):
                if "lockdown" in argv:
                    with contextlib.suppress(psutil.NoSuchProcess):
                        child.send_signal(signal.SIGTERM)
            return self.proc.wait(30)
        finally:  # never left running: its keyboard grab would hold the display for the next tests
            if self.proc.poll() is None:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(10)


def test_a_hostile_start_is_ignored_and_the_page_reaches_nothing_outside_the_policy(
        x_display: str, unprivileged_user: User, sites: tuple[Site, Site, Site], outside: Listeners,
        tmp_path: Path) -> None:
    exam, student_proxy, _ = sites
    debugging = free_port()
    env = {"QT_QPA_PLATFORM": "vnc", "QTWEBENGINE_CHROMIUM_FLAGS": f"-remote-debugging-port={debugging}",
           "QT_PLUGIN_PATH": str(unprivileged_user.home), "http_proxy": student_proxy.url,
           "https_proxy": student_proxy.url, "all_proxy": student_proxy.url}
    kiosk = Kiosk(unprivileged_user, x_display, write_config(unprivileged_user, **filtered(exam)), env,
                  tmp_path / "kiosk.log")
    try:
        kiosk.enter()  # on this screen: the VNC platform was not used
        assert wait_for(lambda: bool(exam.reports), timeout=40), (exam.asked, kiosk.output())
        report = exam.reports[0]
        assert not listening(debugging), "remote debugging is open"
        assert report["hints"] == {"platformVersion": "", "architecture": "", "bitness": "", "model": "",
                                   "fullVersionList": []}
        assert report["page"] == {"rtc": "undefined", "sw": "undefined", "shared": "undefined"}
        assert report["frame"]["shared"] == "undefined"  # type: ignore[index]
        assert report["service"] == "refused" and report["shared"] == "refused"
        time.sleep(2)
        assert outside.seen == [], "something reached a host outside the policy"
        assert student_proxy.asked == [], "the student's proxy carried the exam's traffic"
        assert "/probe.gif" not in exam.asked
    finally:
        code = kiosk.end()
    assert code == 0, kiosk.output()


def test_the_configured_proxy_and_no_other_carries_the_exams_traffic(
        x_display: str, unprivileged_user: User, sites: tuple[Site, Site, Site], tmp_path: Path) -> None:
    exam, student_proxy, exam_proxy = sites
    config = write_config(unprivileged_user, **filtered(exam, proxy=exam_proxy.url))
    kiosk = Kiosk(unprivileged_user, x_display, config, {"http_proxy": student_proxy.url},
                  tmp_path / "kiosk.log")
    try:
        kiosk.enter()
        assert wait_for(lambda: "http://probe.invalid/probe.gif" in exam_proxy.asked, timeout=40), \
            (exam_proxy.asked, kiosk.output())
        assert student_proxy.asked == []
    finally:
        code = kiosk.end()
    assert code == 0, kiosk.output()


@pytest.mark.parametrize("variable, value, policy, shown", [
    ("QTWEBENGINE_CHROMIUM_FLAGS", "-remote-debugging-port=9222", "refuse", "remote debugging"),
    ("QT_QPA_PLATFORM", "vnc", "refuse", "QT_QPA_PLATFORM=vnc"),
    ("https_proxy", "http://127.0.0.1:3128", "refuse", "https_proxy"),
    ("LD_PRELOAD", "/nonexistent/hook.so", "ignore", "LD_PRELOAD"),
])
def test_refused_starts_end_with_one_line_and_exit_2(unprivileged_user: User, variable: str, value: str,
                                                      policy: str, shown: str) -> None:
    config = write_config(unprivileged_user, start_url="https://exam.example.org/", launch_overrides=policy)
    done = run_as(unprivileged_user, [str(user_python()), "-m", "lockdown", "run", str(config)],
                  env={"DISPLAY": ":0", variable: value}, keyring=False, timeout=60)
    lines = [line for line in done.stderr.splitlines() if "ld.so" not in line]  # the loader's own warning
    assert done.returncode == 2, done.stderr
    assert len(lines) == 1 and shown in lines[0] and "start it without them" in lines[0], done.stderr


def test_a_display_that_is_not_the_screen_is_explained_and_the_exam_decides(
        x_display: str, unprivileged_user: User, sites: tuple[Site, Site, Site], tmp_path: Path) -> None:
    """This very Xvfb is such a display: refused by the configuration, the checks say so."""
    exam, _, _ = sites
    config = write_config(unprivileged_user, start_url=exam.url + "/", allow_virtual_display=False)
    kiosk = Kiosk(unprivileged_user, x_display, config, {}, tmp_path / "kiosk.log")
    title = "lockdown - Before the exam starts"
    try:
        notice = kiosk.wait_notice()
        for _attempt in range(10):
            x(x_display, "xdotool", "windowactivate", "--sync", notice)
            x(x_display, "xdotool", "key", "Return")
            if wait_for(lambda: bool(kiosk.named(title)), timeout=6):
                break
        assert kiosk.named(title), kiosk.output()
        assert kiosk.full_screen() is None and exam.asked == [], "the exam started anyway"
    finally:
        kiosk.end()
