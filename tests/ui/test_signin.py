"""The sign-in window against a real two-host LMS on loopback: login, single sign-on, the .seb download."""

from __future__ import annotations

import secrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.cookies import SimpleCookie
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from lockdown.ui.signin import SignInWindow, sign_in_profile

SEB_BODY = (b'<?xml version="1.0"?><plist version="1.0"><dict><key>startURL</key>'
            b'<string>x</string></dict></plist>')
CONFIG_PATH = "/mod/quiz/accessrule/seb/config.php?cmid=3"


class Lms:
    """An LMS on 127.0.0.1 whose login happens at an identity provider on `localhost` (another host).

    config.php without the session cookie redirects to /login, which sends the browser to the
    identity provider; its form posts the credentials there, and it redirects back with a one-time
    ticket that the LMS turns into its session cookie. Then config.php serves the .seb.
    """

    def __init__(self) -> None:
        self.sessions: set[str] = set()
        self.tickets: set[str] = set()
        self.downloads = 0
        self.idp_logins: list[tuple[str, str]] = []
        self._servers: list[ThreadingHTTPServer] = []
        self.lms = self._start("127.0.0.1", self._lms)
        self.idp = self._start("localhost", self._idp)

    def _start(self, host: str, route: object) -> str:
        lms = self

        class Handler(BaseHTTPRequestHandler):
            def _serve(self) -> None:
                status, headers, body = route(self)  # type: ignore[operator]
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = _serve

            def log_message(self, format: str, *args: object) -> None:
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        lms._servers.append(server)
        return f"http://{host}:{server.server_address[1]}"

    def _cookie(self, handler: BaseHTTPRequestHandler) -> str | None:
        jar = SimpleCookie(handler.headers.get("Cookie", ""))
        return jar["MoodleSession"].value if "MoodleSession" in jar else None

    def _lms(self, h: BaseHTTPRequestHandler) -> tuple[int, dict[str, str], bytes]:
        parts = urlsplit(h.path)
        if parts.path == "/mod/quiz/accessrule/seb/config.php":
            if self._cookie(h) not in self.sessions:
                return 303, {"Location": "/login"}, b""
            self.downloads += 1
            return 200, {"Content-Type": "application/seb",
                         "Content-Disposition": "attachment; filename=config.seb"}, SEB_BODY
        if parts.path == "/login":
            back = quote(self.lms + "/sso?return=" + quote(CONFIG_PATH, safe=""), safe="")
            return 303, {"Location": f"{self.idp}/idp?return={back}"}, b""
        if parts.path == "/sso":
            query = parse_qs(parts.query)
            ticket = query.get("ticket", [""])[0]
            if ticket not in self.tickets:
                return 403, {"Content-Type": "text/plain"}, b"bad ticket"
            self.tickets.discard(ticket)
            session = secrets.token_hex(8)
            self.sessions.add(session)
            return 303, {"Location": query["return"][0],
                         "Set-Cookie": f"MoodleSession={session}; Path=/; HttpOnly"}, b""
        return 404, {"Content-Type": "text/plain"}, b"not found"

    def _idp(self, h: BaseHTTPRequestHandler) -> tuple[int, dict[str, str], bytes]:
        parts = urlsplit(h.path)
        back = parse_qs(parts.query).get("return", [""])[0]
        if h.command == "POST":
            length = int(h.headers.get("Content-Length", "0"))
            form = parse_qs(h.rfile.read(length).decode())
            self.idp_logins.append((form["username"][0], form["password"][0]))
            ticket = secrets.token_hex(8)
            self.tickets.add(ticket)
            sep = "&" if "?" in back else "?"
            return 303, {"Location": f"{back}{sep}ticket={ticket}"}, b""
        page = (f'<html><body><form method="post" action="/idp?return={quote(back, safe="")}">'
                '<input name="username" id="username"><input name="password" id="password" type="password">'
                '<button id="go" type="submit">Sign in</button></form></body></html>')
        return 200, {"Content-Type": "text/html"}, page.encode()

    def close(self) -> None:
        for server in self._servers:
            server.shutdown()
            server.server_close()


@pytest.fixture
def lms() -> Iterator[Lms]:
    site = Lms()
    try:
        yield site
    finally:
        site.close()


def _flush() -> None:
    for _ in range(3):
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QApplication.processEvents()


@contextmanager
def signin_window(lang: str, url: str) -> Iterator[tuple[SignInWindow, QWebEngineProfile]]:
    """The window shown on `url`; afterwards its pages are freed, then the profile (Qt's order)."""
    profile, interceptor = sign_in_profile()
    window = SignInWindow(lang, url, profile)  # type: ignore[arg-type]
    window.show()
    try:
        yield window, profile
    finally:
        window.close()
        window.page.deleteLater()
        window.deleteLater()
        _flush()
        profile.deleteLater()
        _flush()
        del interceptor


def _page_has(qtbot: QtBot, window: SignInWindow, element_id: str) -> None:
    """Wait until the page shown holds the element (polled: the load may be over already)."""
    found: list[bool] = []

    def ask() -> bool:
        window.page.runJavaScript(f"document.getElementById('{element_id}') !== null", 0,
                                  lambda ok: found.append(bool(ok)))
        qtbot.wait(200)
        return any(found)

    qtbot.waitUntil(ask, timeout=30000)


def _type_in(qtbot: QtBot, window: SignInWindow, script: str) -> None:
    _page_has(qtbot, window, "username")
    assert "/idp" in window.page.url().toString()
    window.page.runJavaScript(script, 0)


@pytest.mark.timeout(120)
def test_single_sign_on_through_another_host_then_the_seb_comes_from_the_download(
        qtbot: QtBot, lms: Lms, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path))  # where the session folder would be
    link = lms.lms.replace("http://", "seb://") + CONFIG_PATH
    with signin_window("en", link) as (window, _profile):
        _type_in(qtbot, window, "document.getElementById('username').value='student';"
                                "document.getElementById('password').value='s3cret';"
                                "document.getElementById('go').click();")
        with qtbot.waitSignal(window.accepted, timeout=30000):
            pass
        assert window.data == SEB_BODY
        assert window.url == lms.lms + CONFIG_PATH
        assert lms.idp_logins == [("student", "s3cret")] and lms.downloads == 1
        assert list(tmp_path.iterdir()) == []  # the downloaded file was read and deleted


@pytest.mark.timeout(120)
def test_the_session_carries_over_to_a_page_of_the_same_profile(qtbot: QtBot, lms: Lms) -> None:
    """What the kiosk relies on: the LMS cookie set during sign-in is sent by the next page."""
    with signin_window("fr", lms.lms + CONFIG_PATH) as (window, profile):
        _type_in(qtbot, window, "document.getElementById('username').value='s';"
                                "document.getElementById('password').value='p';"
                                "document.getElementById('go').click();")
        with qtbot.waitSignal(window.accepted, timeout=30000):
            pass
        downloads_before = lms.downloads
        page = QWebEnginePage(profile)
        done: list[bool] = []
        profile.downloadRequested.connect(lambda d: (done.append(True), d.cancel()))
        page.load(lms.lms + CONFIG_PATH)
        qtbot.waitUntil(lambda: bool(done), timeout=30000)  # served the .seb again, not the login
        assert lms.downloads == downloads_before + 1
        page.deleteLater()


@pytest.mark.timeout(60)
def test_other_downloads_are_refused_and_plain_http_elsewhere_is_not_opened(
        qtbot: QtBot, serve) -> None:  # type: ignore[no-untyped-def]
    site = serve()
    site.add("/file.pdf", "%PDF-1.4", headers={"Content-Type": "application/pdf",
                                                "Content-Disposition": "attachment; filename=a.pdf"})
    site.add("/", '<a id="out" href="http://example.org/">out</a>'
                  f'<a id="pdf" href="{site.url}/file.pdf">pdf</a>')
    with signin_window("en", site.url + "/") as (window, _profile):
        _page_has(qtbot, window, "pdf")
        window.page.runJavaScript("document.getElementById('pdf').click()", 0)
        qtbot.waitUntil(lambda: "configuration" in window.status.text(), timeout=20000)
        assert window.data is None and window.isVisible()
        window.page.runJavaScript("document.getElementById('out').click()", 0)
        qtbot.waitUntil(lambda: "https" in window.status.text(), timeout=20000)
        assert "example.org" not in window.page.url().toString()
