"""The stub playing Moodle: log in, the quiz page guarded by the Safe Exam Browser rule, config.php,
and the AJAX web service SEB's JavaScript route calls.

Paths and behaviour follow Moodle 4.x (see moodle_quiz.py for the rule itself):
- `/login/index.php` (form: logintoken, username, password; or `?ticket=` back from the identity
  provider), then `?testsession=USERID`, then the page the student first asked for (wantsurl);
  `/login/logout.php?sesskey=...`. The session cookie is `MoodleSession` (HttpOnly, path /).
- `/mod/quiz/view.php?id=N` and `/mod/quiz/accessrule/seb/config.php?cmid=N` redirect (303) to the
  login page without a session, as require_login does, and remember where the student was going.
- `POST /lib/ajax/service.php?sesskey=...` with `[{"index":0,"methodname":...,"args":{...}}]`
  answers `[{"error":false,"data":...}]` or `[{"error":true,"exception":{...}}]` (HTTP 200 both).
- An access granted once is remembered for the session (set_session_access), until the attempt ends.
Moodle's fatal error pages answer 404; so do the stand-in's.
"""

from __future__ import annotations

import hmac
import json
import re
import secrets
from dataclasses import dataclass, field
from email.utils import formatdate
from typing import Any
from urllib.parse import parse_qs, quote, urlencode

from fastapi import FastAPI, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse

from server_stub import moodle_pages as pages
from server_stub.configs import DemoAllowances
from server_stub.idp import TEST_ACCOUNTS, Tickets, password_ok
from server_stub.moodle_quiz import (
    CONFIG_KEY_HEADER,
    REQUEST_HASH_HEADER,
    Quiz,
    build_quizzes,
    fullme,
    prevent_access,
    view_url,
)

SESSION_COOKIE = "MoodleSession"
VALIDATE_KEYS = "quizaccess_seb_validate_quiz_keys"
USER_IDS = {name: 3 + i for i, name in enumerate(TEST_ACCOUNTS)}
"""Moodle's first accounts are guest (1) and admin (2); the test accounts follow."""
MAX_ANSWER = 20_000
_MAX_SESSIONS = 10_000
_ALPHANUMEXT = re.compile(r"[A-Za-z0-9_-]*")
_INT = re.compile(r"-?[0-9]+")


@dataclass(frozen=True)
class MoodleOptions:
    """Site settings of the stand-in.

    `idp_url`: log in through the identity provider at this URL (single sign-on) instead of the form.
    `autoreconfigure`: quizaccess_seb's "Auto-configure SEB" (on by default in Moodle).
    `allowed_beks`: allowed Browser Exam Keys of quiz 3 (none: Moodle checks none).
    """

    idp_url: str | None = None
    autoreconfigure: bool = True
    allowed_beks: tuple[str, ...] = ()
    allow: DemoAllowances = field(default_factory=DemoAllowances)
    """The demo allowances, added to quiz 2's configuration (never what Moodle writes)."""


@dataclass
class Session:
    sesskey: str = field(default_factory=lambda: secrets.token_hex(5))
    user: str | None = None
    wantsurl: str | None = None
    logintoken: str = ""
    seb_access: set[int] = field(default_factory=set)
    answers: dict[int, str] = field(default_factory=dict)


class Sessions:
    """Moodle sessions in memory, found by the MoodleSession cookie."""

    def __init__(self) -> None:
        self._by_id: dict[str, Session] = {}

    def of(self, request: Request) -> tuple[str, Session | None]:
        sid = request.cookies.get(SESSION_COOKIE, "")
        return sid, self._by_id.get(sid)

    def new(self) -> tuple[str, Session]:
        if len(self._by_id) >= _MAX_SESSIONS:
            self._by_id.pop(next(iter(self._by_id)))
        sid = secrets.token_urlsafe(20)
        self._by_id[sid] = Session()
        return sid, self._by_id[sid]

    def drop(self, sid: str) -> None:
        self._by_id.pop(sid, None)


def _html(body: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(body, status_code=status, headers={"Cache-Control": "no-store"})


def _error(message: str) -> HTMLResponse:
    return _html(pages.message_page("Error", message), 404)


def _redirect(url: str, sid: str | None = None) -> RedirectResponse:
    """Moodle's redirect(): 303 See Other, optionally (re)setting the session cookie."""
    response = RedirectResponse(url, status_code=303)
    if sid is not None:
        response.set_cookie(SESSION_COOKIE, sid, httponly=True, path="/", samesite=None)
    return response


def _form(body: bytes) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True).items()}


def _ws_error(wwwroot: str, message: str, errorcode: str, module: str = "moodle") -> dict[str, Any]:
    """An external function's failure as service.php sends it (get_exception_info, no debugging)."""
    return {"error": True, "exception": {
        "message": message, "errorcode": errorcode, "link": wwwroot + "/",
        "moreinfourl": f"https://docs.moodle.org/en/error/{module}/{errorcode}"}}


def add_moodle(app: FastAPI, wwwroot: str, options: MoodleOptions, tickets: Tickets | None) -> None:
    """Add the Moodle stand-in's pages to `app`, the site whose wwwroot is `wwwroot`."""
    if options.idp_url and tickets is None:
        raise ValueError("single sign-on needs the identity provider's tickets")
    quizzes = build_quizzes(wwwroot, options.allowed_beks, options.allow)
    sessions = Sessions()
    netloc = wwwroot.split("://", 1)[1]
    login_url = f"{wwwroot}/login/index.php"
    cas_service = f"{login_url}?authCAS=CAS"

    def me(request: Request) -> str:
        raw = request.scope.get("raw_path") or quote(request.scope["path"]).encode()
        return fullme(wwwroot, raw, request.scope.get("query_string", b""))

    def wrong_host(request: Request) -> Response | None:
        """Moodle sends a request for another host name than wwwroot's to wwwroot."""
        return None if request.headers.get("host") == netloc else _redirect(wwwroot + "/")

    def require_login(request: Request) -> tuple[Session | None, Response | None]:
        sid, session = sessions.of(request)
        if session is not None and session.user is not None:
            return session, None
        if session is None:
            sid, session = sessions.new()
        session.wantsurl = me(request)
        return None, _redirect(login_url, sid)

    def complete_login(old_sid: str, old: Session | None, username: str) -> Response:
        """A new session id on login (no fixation), then Moodle's cookie test redirect."""
        sessions.drop(old_sid)
        sid, session = sessions.new()
        session.user = username
        session.wantsurl = old.wantsurl if old else None
        return _redirect(f"{login_url}?testsession={USER_IDS[username]}", sid)

    def login_form(sid: str, session: Session, error: str = "") -> Response:
        session.logintoken = secrets.token_urlsafe(24)
        response = _html(pages.login_page(session.logintoken, error))
        response.set_cookie(SESSION_COOKIE, sid, httponly=True, path="/", samesite=None)
        return response

    @app.get("/login/index.php", response_class=HTMLResponse)
    async def login_page(request: Request, ticket: str | None = None,
                         testsession: int | None = None) -> Response:
        if (moved := wrong_host(request)) is not None:
            return moved
        sid, session = sessions.of(request)
        if ticket is not None:
            username = tickets.redeem(ticket, cas_service) if tickets is not None else None
            if username is None:
                return _html(pages.message_page(
                    "Login failed", "The identity provider's ticket is unknown, used or expired."), 403)
            return complete_login(sid, session, username)
        if testsession is not None:
            if session is not None and session.user is not None and USER_IDS[session.user] == testsession:
                target, session.wantsurl = session.wantsurl or wwwroot + "/", None
                return _redirect(target)
            return _html(pages.message_page("Log in", "Cookies must be enabled in your browser"))
        if session is not None and session.user is not None:
            return _html(pages.message_page(
                "Log in", f"You are already logged in as {session.user}, you need to log out before "
                          "logging in as different user.",
                (f"/login/logout.php?sesskey={session.sesskey}", "Log out")))
        if options.idp_url:
            return _redirect(f"{options.idp_url}/idp/login?" + urlencode({"service": cas_service}))
        if session is None:
            sid, session = sessions.new()
        return login_form(sid, session)

    @app.post("/login/index.php", response_class=HTMLResponse)
    async def login(request: Request) -> Response:
        if (moved := wrong_host(request)) is not None:
            return moved
        form = _form(await request.body())
        sid, session = sessions.of(request)
        if session is None:
            sid, session = sessions.new()
        token_ok = bool(session.logintoken) and hmac.compare_digest(
            session.logintoken.encode(), form.get("logintoken", "").encode())
        username = form.get("username", "").strip().lower()
        if not token_ok or not password_ok(username, form.get("password", "")):
            return login_form(sid, session, pages.INVALID_LOGIN)
        return complete_login(sid, session, username)

    @app.get("/login/logout.php", response_class=HTMLResponse)
    async def logout(request: Request, sesskey: str = "") -> Response:
        if (moved := wrong_host(request)) is not None:
            return moved
        sid, session = sessions.of(request)
        if session is None or session.user is None:
            return _redirect(wwwroot + "/")
        if not hmac.compare_digest(session.sesskey.encode(), sesskey.encode()):
            return _html(pages.message_page("Log out", "Do you really want to log out?",
                                            (f"/login/logout.php?sesskey={session.sesskey}", "Continue")))
        sessions.drop(sid)
        response = _redirect(wwwroot + "/")
        response.delete_cookie(SESSION_COOKIE, path="/")
        return response

    def quiz_or_error(cmid: int) -> Quiz | Response:
        quiz = quizzes.get(cmid)
        return quiz if quiz is not None else _error("Invalid course module ID")

    @app.get("/mod/quiz/view.php", response_class=HTMLResponse)
    async def quiz_view(request: Request, id: int) -> Response:
        if (moved := wrong_host(request)) is not None:
            return moved
        quiz = quiz_or_error(id)
        if isinstance(quiz, Response):
            return quiz
        session, to_login = require_login(request)
        if session is None:
            assert to_login is not None
            return to_login
        verdict = prevent_access(quiz, me(request), request.headers, quiz.cmid in session.seb_access,
                                 options.autoreconfigure)
        if verdict.allowed:
            session.seb_access.add(quiz.cmid)
            return _html(pages.quiz_attempt(quiz, session.sesskey, session.answers.get(quiz.cmid)))
        using_seb = "SEB" in request.headers.get("user-agent", "")
        return _html(pages.quiz_prevented(quiz, verdict, wwwroot, session.sesskey, options.autoreconfigure,
                                          using_seb))

    @app.get("/mod/quiz/accessrule/seb/config.php")
    async def seb_config(request: Request, cmid: int) -> Response:
        if (moved := wrong_host(request)) is not None:
            return moved
        quiz = quiz_or_error(cmid)
        if isinstance(quiz, Response):
            return quiz
        session, to_login = require_login(request)
        if session is None:
            assert to_login is not None
            return to_login
        if quiz.config is None:
            return _error(f"No SEB config could be found for quiz with cmid: {quiz.cmid}")
        return Response(quiz.config, media_type="application/seb", headers={
            "Cache-Control": "private, max-age=1, no-transform",
            "Expires": formatdate(usegmt=True), "Pragma": "no-cache",
            "Content-Disposition": "attachment; filename=config.seb"})

    @app.post("/mod/quiz/processattempt.php", response_class=HTMLResponse)
    async def process_attempt(request: Request) -> Response:
        if (moved := wrong_host(request)) is not None:
            return moved
        form = _form(await request.body())
        quiz = quizzes.get(int(form["cmid"])) if _INT.fullmatch(form.get("cmid", "")) else None
        if quiz is None:
            return _error("Invalid course module ID")
        session, to_login = require_login(request)
        if session is None:
            assert to_login is not None
            return to_login
        if not hmac.compare_digest(session.sesskey.encode(), form.get("sesskey", "").encode()):
            return _error("Your session has most likely timed out. Please log in again.")
        if quiz.cmid in session.seb_access:
            session.answers[quiz.cmid] = form.get("answer", "")[:MAX_ANSWER]
        return _redirect(view_url(wwwroot, quiz.cmid))

    @app.get("/exit-seb", response_class=HTMLResponse)
    async def exit_seb(request: Request, cmid: int = 0) -> Response:
        """The quizzes' quit link: SEB quits on reaching it; the attempt is over for the session."""
        if (moved := wrong_host(request)) is not None:
            return moved
        _, session = sessions.of(request)
        if session is not None:
            session.seb_access.discard(cmid)
        return _html(pages.message_page("Attempt finished", "You may now close Safe Exam Browser."))

    def validate_quiz_keys(args: Any, request: Request) -> dict[str, Any]:
        """quizaccess_seb\\external\\validate_quiz_keys::execute, parameters checked as Moodle does."""
        invalid = _ws_error(wwwroot, "Invalid parameter value detected", "invalidparameter", "debug")
        if not isinstance(args, dict) or not {"cmid", "url"} <= args.keys() \
                or not args.keys() <= {"cmid", "url", "configkey", "browserexamkey"}:
            return invalid
        cmid, url = args["cmid"], args["url"]
        if isinstance(cmid, bool) or not isinstance(cmid, int | str) or not _INT.fullmatch(str(cmid)):
            return invalid
        keys = [args.get("configkey"), args.get("browserexamkey")]
        if not isinstance(url, str) or not all(
                k is None or (isinstance(k, str) and _ALPHANUMEXT.fullmatch(k)) for k in keys):
            return invalid
        quiz = quizzes.get(int(cmid))
        if quiz is None:
            return _ws_error(wwwroot, "Can't find data record in database table course_modules.",
                             "invalidrecord")
        if not any(keys):
            return invalid
        configkey = keys[0] or request.headers.get(CONFIG_KEY_HEADER, "").strip() or None
        browserexamkey = keys[1] or request.headers.get(REQUEST_HASH_HEADER, "").strip() or None
        result = {"configkey": quiz.config_key_ok(url, configkey),
                  "browserexamkey": quiz.browser_exam_key_ok(url, browserexamkey)}
        _, session = sessions.of(request)
        if session is not None and all(result.values()):
            session.seb_access.add(quiz.cmid)
        return {"error": False, "data": result}

    @app.post("/lib/ajax/service.php")
    async def ajax_service(request: Request, sesskey: str = "") -> Response:
        if (moved := wrong_host(request)) is not None:
            return moved
        try:
            calls = json.loads(await request.body())
        except (ValueError, RecursionError):
            calls = None
        if not isinstance(calls, list) or not all(isinstance(c, dict) for c in calls):
            return JSONResponse({"error": "Coding error detected, it must be fixed by a programmer: "
                                          "Invalid json in request", "errorcode": "codingerror"})
        _, session = sessions.of(request)
        replies: dict[int, dict[str, Any]] = {}
        for call in calls:
            index = call.get("index", 0)
            index = int(index) if isinstance(index, int | str) and _INT.fullmatch(str(index)) else 0
            if call.get("methodname") != VALIDATE_KEYS:
                reply = _ws_error(wwwroot, "Can't find data record in database table external_functions.",
                                  "invalidrecord")
            elif session is None or session.user is None:
                reply = _ws_error(wwwroot, "Web service is not available (the session has been logged out "
                                           "or has expired)", "servicerequireslogin", "webservice")
            elif not hmac.compare_digest(session.sesskey.encode(), sesskey.encode()):
                reply = _ws_error(wwwroot, "Your session has most likely timed out. Please log in again.",
                                  "invalidsesskey")
            else:
                reply = validate_quiz_keys(call.get("args"), request)
            replies[index] = reply
            if reply["error"]:
                break  # Moodle stops at the first failure of a request that carries a session
        # PHP's json_encode: a list when the indexes are 0..n-1 in order, otherwise an object
        as_list = list(replies) == list(range(len(replies)))
        return JSONResponse(list(replies.values()) if as_list else {str(k): v for k, v in replies.items()})
