"""An optional single-sign-on identity provider on a second loopback host, shaped like CAS.

Moodle sends a student who has no session to `http://localhost:P2/idp/login?service=S`, where S is
Moodle's own `login/index.php?authCAS=CAS`; the identity provider asks for the password (once: it
keeps its own session cookie on its own host), then sends the browser back to `S&ticket=ST-...`.
Moodle redeems the ticket (one use, short-lived) and opens its session. Both sides run in the same
process, so the ticket is checked in memory rather than over CAS's back channel.

`localhost` and `127.0.0.1` are different hosts to a browser: each keeps its own cookies, and a
kiosk's URL filter must let both through.
"""

from __future__ import annotations

import hmac
import secrets
import time
from dataclasses import dataclass, field
from html import escape
from urllib.parse import parse_qs, urlencode

from fastapi import FastAPI, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.types import ASGIApp, Receive, Scope, Send

TEST_ACCOUNTS = {"student": "student-password"}
"""The only accounts the Moodle stand-in and its identity provider know (username: password)."""

TICKET_TTL_S = 120.0
IDP_COOKIE = "IdPSession"
_MAX_ENTRIES = 10_000


def password_ok(username: str, password: str) -> bool:
    expected = TEST_ACCOUNTS.get(username)
    return expected is not None and hmac.compare_digest(expected.encode(), password.encode())


@dataclass
class Tickets:
    """One-time service tickets the identity provider issues and Moodle redeems."""

    ttl_s: float = TICKET_TTL_S
    _issued: dict[str, tuple[str, str, float]] = field(default_factory=dict)

    def issue(self, username: str, service: str) -> str:
        if len(self._issued) >= _MAX_ENTRIES:
            self._issued.pop(next(iter(self._issued)))
        ticket = "ST-" + secrets.token_urlsafe(24)
        self._issued[ticket] = (username, service, time.monotonic() + self.ttl_s)
        return ticket

    def redeem(self, ticket: str, service: str) -> str | None:
        """The username, if `ticket` was issued for `service`, is unused and not expired."""
        entry = self._issued.pop(ticket, None)
        if entry is None:
            return None
        username, issued_for, expires = entry
        return username if issued_for == service and time.monotonic() < expires else None


def _with_ticket(service: str, ticket: str) -> str:
    return service + ("&" if "?" in service else "?") + urlencode({"ticket": ticket})


def _page(title: str, body: str, status: int = 200) -> HTMLResponse:
    html = (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{escape(title)}</title>\n</head>\n<body>\n<main>\n<h1>{escape(title)}</h1>\n{body}\n</main>\n</body>\n</html>\n")
    return HTMLResponse(html, status_code=status, headers={"Cache-Control": "no-store"})


def _login_form(service: str, error: str = "") -> HTMLResponse:
    notice = f'<p role="alert" id="loginerrormessage">{escape(error)}</p>\n' if error else ""
    return _page("Identity provider: sign in", f"""{notice}<form method="post" action="/idp/login"
 id="idp-login">
<input type="hidden" name="service" value="{escape(service)}">
<p><label for="username">Username</label> <input type="text" id="username" name="username"
 autocomplete="username"></p>
<p><label for="password">Password</label> <input type="password" id="password" name="password"
 autocomplete="current-password"></p>
<p><button type="submit" id="loginbtn">Sign in</button></p>
</form>""")


def create_idp_app(service_prefix: str, tickets: Tickets) -> FastAPI:
    """The identity provider; it serves tickets only for services under `service_prefix`."""
    app = FastAPI(title="lockdown server stub: identity provider", docs_url=None, redoc_url=None,
                  openapi_url=None)
    sessions: dict[str, str] = {}

    def known(service: str) -> bool:
        return service.startswith(service_prefix)

    def signed_in(request: Request) -> str | None:
        return sessions.get(request.cookies.get(IDP_COOKIE, ""))

    @app.get("/idp/login", response_class=HTMLResponse)
    async def login_page(request: Request, service: str = "") -> Response:
        if not known(service):
            return _page("Unknown service", "<p>This identity provider does not serve that site.</p>", 400)
        username = signed_in(request)
        if username is not None:  # single sign-on: no password asked a second time
            return RedirectResponse(_with_ticket(service, tickets.issue(username, service)), status_code=303)
        return _login_form(service)

    @app.post("/idp/login", response_class=HTMLResponse)
    async def login(request: Request) -> Response:
        form = parse_qs((await request.body()).decode("utf-8", "replace"))
        service = form.get("service", [""])[0]
        username = form.get("username", [""])[0].strip()
        if not known(service):
            return _page("Unknown service", "<p>This identity provider does not serve that site.</p>", 400)
        if not password_ok(username, form.get("password", [""])[0]):
            return _login_form(service, "Wrong username or password.")
        if len(sessions) >= _MAX_ENTRIES:
            sessions.pop(next(iter(sessions)))
        sid = secrets.token_urlsafe(24)
        sessions[sid] = username
        response = RedirectResponse(_with_ticket(service, tickets.issue(username, service)), status_code=303)
        response.set_cookie(IDP_COOKIE, sid, httponly=True, path="/")
        return response

    @app.get("/idp/logout", response_class=HTMLResponse)
    async def logout(request: Request) -> Response:
        sessions.pop(request.cookies.get(IDP_COOKIE, ""), None)
        response = _page("Signed out", "<p>You are signed out of the identity provider.</p>")
        response.delete_cookie(IDP_COOKIE, path="/")
        return response

    return app


class ByPort:
    """Sends each connection to the app of the local port it arrived on; the rest to `main`."""

    def __init__(self, main: ASGIApp, by_port: dict[int, ASGIApp]) -> None:
        self.main = main
        self.by_port = by_port

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        server = scope.get("server")
        app = self.by_port.get(server[1], self.main) if server else self.main
        await app(scope, receive, send)
