"""The FastAPI application: exam pages and configurations, the lockdown API, admin views, releases.

No `from __future__ import annotations` here: FastAPI must see the dependency aliases defined
inside `create_app` as real objects, not as strings it cannot resolve.
"""

import asyncio
import json
import logging
import os
import secrets
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, PlainTextResponse, StreamingResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from lockdown import privacy
from server_stub import pages
from server_stub.admin import admin_identity, matrix, matrix_csv, matrix_html
from server_stub.configs import DemoAllowances, ExamConfigs, build_configs
from server_stub.idp import Tickets
from server_stub.middleware import BodyGate, Recorder
from server_stub.models import (
    REPORT_SCHEMA,
    AnswersRequest,
    EventReply,
    EventRequest,
    Problem,
    ReportReply,
    SessionReply,
    SessionRequest,
    TimeReply,
)
from server_stub.moodle import MoodleOptions, add_moodle
from server_stub.store import Store

log = logging.getLogger("server_stub")

MAX_DOWNLOAD = 16 * 1024 * 1024
CONFIG_KEY_HEADER = "X-SafeExamBrowser-ConfigKeyHash"
DAY = 86400.0


@dataclass(frozen=True)
class StubSettings:
    base_url: str
    admin_token: str
    db: str = ":memory:"
    release_dir: Path | None = None
    retention_days: float = 61.0
    record: Path | None = None
    allow: DemoAllowances = field(default_factory=DemoAllowances)
    moodle: MoodleOptions = field(default_factory=MoodleOptions)

    @property
    def retention_s(self) -> float:
        return self.retention_days * DAY


class ExamDenied(Exception):
    """A request for an exam page without a valid Config Key hash."""

    def __init__(self, api: bool) -> None:
        self.api = api


def _problem(status: int, error: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": error}, status_code=status, headers=headers)


def _describe(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors()[:5]:
        loc = ".".join(str(p) for p in err.get("loc", ()) if p != "body") or "body"
        parts.append(f"{loc}: {err.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


def create_app(settings: StubSettings, tickets: Tickets | None = None) -> FastAPI:
    """The stub's app; `tickets` are shared with the identity provider when Moodle logs in through it."""
    store = Store(settings.db)
    configs: ExamConfigs = build_configs(settings.base_url, settings.allow)

    def purge() -> None:
        n = store.purge_events(time.time() - settings.retention_s)
        if n:
            log.info("purged %d events older than %s days", n, settings.retention_days)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        purge()

        async def periodic() -> None:
            interval = min(3600.0, max(0.5, settings.retention_s / 4))
            while True:
                await asyncio.sleep(interval)
                purge()

        task = asyncio.create_task(periodic())
        yield
        task.cancel()
        store.close()

    app = FastAPI(title="lockdown server stub", version="1", lifespan=lifespan,
                  docs_url=None, redoc_url=None)
    app.state.store = store
    app.add_middleware(BodyGate, recorder=Recorder(settings.record) if settings.record else None)

    # errors: always a 4xx with one clear line, never a traceback
    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        return _problem(400, _describe(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        return _problem(exc.status_code, str(exc.detail), getattr(exc, "headers", None))

    @app.exception_handler(ExamDenied)
    async def denied(_: Request, exc: ExamDenied) -> Response:
        if exc.api:
            return _problem(403, "open this exam with lockdown")
        return HTMLResponse(pages.denied_page(), status_code=403,
                            headers={"Content-Security-Policy": pages.CSP})

    @app.exception_handler(Exception)
    async def crashed(_: Request, exc: Exception) -> JSONResponse:
        log.error("internal error: %s: %s", type(exc).__name__, exc)
        return _problem(500, "internal error")

    # dependencies
    def exam_page(request: Request,
                  config_key_hash: Annotated[str | None, Header(alias=CONFIG_KEY_HEADER)] = None) -> None:
        if not configs.header_ok(str(request.url), config_key_hash):
            raise ExamDenied(api=False)

    def exam_api(request: Request,
                 config_key_hash: Annotated[str | None, Header(alias=CONFIG_KEY_HEADER)] = None) -> None:
        if not configs.header_ok(str(request.url), config_key_hash):
            raise ExamDenied(api=True)

    def bearer(authorization: Annotated[str | None, Header()] = None) -> str:
        scheme, _, token = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise HTTPException(401, "missing session token (Authorization: Bearer <token>)")
        return token.strip()

    def admin(request: Request, authorization: Annotated[str | None, Header()] = None) -> Iterator[str]:
        who = admin_identity(authorization, settings.admin_token)
        if who is None:
            raise HTTPException(401, "admin token required (Authorization: Bearer <admin token>)",
                                headers={"WWW-Authenticate": 'Basic realm="lockdown admin"'})
        query = f"?{request.url.query}" if request.url.query else ""
        store.log_access(who, f"{request.method} {request.url.path}{query}")
        yield who

    Admin = Annotated[str, Depends(admin)]
    Token = Annotated[str, Depends(bearer)]
    errors: dict[int | str, dict[str, Any]] = {
        code: {"model": Problem} for code in (400, 401, 403, 404, 409, 413)}

    # exam configuration and pages
    @app.get("/", response_class=HTMLResponse)
    def index() -> str:
        return ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
                '<title>lockdown server stub</title></head><body><h1>lockdown server stub</h1><ul>'
                '<li><a href="/exam/config.json">exam configuration (native)</a></li>'
                '<li><a href="/exam/config.seb">exam configuration (SEB)</a></li>'
                '<li><a href="/admin/matrix">compatibility matrix (admins)</a></li>'
                '<li><a href="/mod/quiz/view.php?id=2">Moodle quiz, SEB configured manually</a></li>'
                '<li><a href="/mod/quiz/view.php?id=3">Moodle quiz, SEB client configuration</a></li>'
                '</ul></body></html>')

    @app.get("/exam/config.json")
    def config_json() -> Response:
        return Response(configs.native_json, media_type="application/json")

    @app.get("/exam/config.seb")
    def config_seb() -> Response:
        return Response(configs.seb_plist, media_type="application/seb",
                        headers={"Content-Disposition": 'attachment; filename="exam.seb"'})

    html_headers = {"Content-Security-Policy": pages.CSP, "Cache-Control": "no-store",
                    "X-Content-Type-Options": "nosniff"}

    @app.get("/exam/", response_class=HTMLResponse, dependencies=[Depends(exam_page)], responses=errors)
    def exam(lang: Annotated[str | None, Query(pattern="^(en|fr)$")] = None,
             accept_language: Annotated[str | None, Header()] = None) -> HTMLResponse:
        page = pages.exam_page(pages.pick_lang(lang, accept_language), uuid.uuid4().hex)
        return HTMLResponse(page, headers=html_headers)

    @app.get("/exam/done", response_class=HTMLResponse, dependencies=[Depends(exam_page)], responses=errors)
    def done(lang: Annotated[str | None, Query(pattern="^(en|fr)$")] = None,
             accept_language: Annotated[str | None, Header()] = None) -> HTMLResponse:
        return HTMLResponse(pages.done_page(pages.pick_lang(lang, accept_language)), headers=html_headers)

    @app.get("/exam/exam.js", dependencies=[Depends(exam_page)], responses=errors)
    def exam_js() -> Response:
        return Response(pages.EXAM_JS, media_type="text/javascript", headers=html_headers)

    @app.get("/exam/exam.css", dependencies=[Depends(exam_page)], responses=errors)
    def exam_css() -> Response:
        return Response(pages.EXAM_CSS, media_type="text/css", headers=html_headers)

    def save(body: AnswersRequest, submitted: bool) -> dict[str, bool]:
        if not store.save_answers(body.attempt, json.dumps(body.answers), submitted):
            raise HTTPException(409, "this attempt was already submitted")
        return {"saved": True, "submitted": submitted}

    @app.post("/exam/api/save", dependencies=[Depends(exam_api)], responses=errors)
    def autosave(body: AnswersRequest) -> dict[str, bool]:
        return save(body, submitted=False)

    @app.post("/exam/api/submit", dependencies=[Depends(exam_api)], responses=errors)
    def submit(body: AnswersRequest) -> dict[str, bool]:
        return save(body, submitted=True)

    # the lockdown API
    @app.post("/api/session", status_code=201, responses=errors)
    def open_session(body: SessionRequest) -> SessionReply:
        if body.config_key not in configs.keys:
            raise HTTPException(403, "no exam on this server uses this configuration")
        token = secrets.token_urlsafe(32)
        pseudonym = "s-" + secrets.token_hex(6)
        store.create_session(token, pseudonym, body.config_key)
        return SessionReply(token=token, session=pseudonym)

    def open_session_of(token: str) -> str:
        row = store.session(token)
        if row is None or row.closed:
            raise HTTPException(401, "unknown or closed session token")
        return row.pseudonym

    @app.delete("/api/session", status_code=204, responses=errors)
    def close_session(token: Token) -> Response:
        open_session_of(token)
        store.close_session(token)
        return Response(status_code=204)

    @app.post("/api/events", status_code=201, responses=errors)
    def add_event(body: EventRequest, token: Token, response: Response) -> EventReply:
        pseudonym = open_session_of(token)
        stored = store.add_event(pseudonym, body.event_id, body.type, body.t)
        if not stored:
            response.status_code = 200
        return EventReply(stored=stored, duplicate=not stored)

    @app.get("/api/time")
    def server_time() -> TimeReply:
        return TimeReply(time=time.time())

    @app.get("/api/download", responses=errors)
    def download(n: Annotated[int, Query(alias="bytes", ge=1, le=MAX_DOWNLOAD)]) -> StreamingResponse:
        block = os.urandom(64 * 1024)

        def chunks() -> Iterator[bytes]:
            left = n
            while left > 0:
                yield block[:left]
                left -= len(block)

        return StreamingResponse(chunks(), media_type="application/octet-stream",
                                 headers={"Content-Length": str(n), "Cache-Control": "no-store"})

    @app.post("/api/compat-reports", status_code=201, responses=errors,
              openapi_extra={"requestBody": {"required": True,
                                             "content": {"application/json": {"schema": REPORT_SCHEMA}}}})
    async def add_report(request: Request, response: Response) -> ReportReply:
        try:
            data = json.loads(await request.body())
        except (ValueError, RecursionError):
            raise HTTPException(400, "body is not valid JSON") from None
        if not isinstance(data, dict):
            raise HTTPException(400, "body must be a JSON object")
        try:
            payload = privacy.build_payload("compat_report", data)
        except privacy.PrivacyViolation as exc:
            raise HTTPException(400, str(exc)) from None
        fields = {k: str(v) for k, v in payload.items() if not k.startswith("check.")}
        missing = [f for f in REPORT_SCHEMA["required"] if f not in fields]
        if missing:
            raise HTTPException(400, f"missing field(s): {', '.join(missing)}")
        if any(not isinstance(v, str) for v in payload.values()):
            raise HTTPException(400, "every field must be a string")
        checks = {k[len("check."):]: str(v) for k, v in payload.items() if k.startswith("check.")}
        stored = store.add_report(fields["report_id"], fields, checks)
        if not stored:
            response.status_code = 200
        return ReportReply(stored=stored, duplicate=not stored)

    # admins
    @app.get("/admin/matrix", response_class=HTMLResponse, responses=errors)
    def matrix_page(_: Admin) -> str:
        return matrix_html(matrix(store.check_counts(), store.report_totals()))

    @app.get("/admin/matrix.json", responses=errors)
    def matrix_json(_: Admin) -> dict[str, Any]:
        return matrix(store.check_counts(), store.report_totals())

    @app.get("/admin/matrix.csv", response_class=PlainTextResponse, responses=errors)
    def matrix_csv_view(_: Admin) -> PlainTextResponse:
        return PlainTextResponse(matrix_csv(matrix(store.check_counts(), store.report_totals())),
                                 media_type="text/csv")

    @app.get("/api/admin/events", responses=errors)
    def admin_events(_: Admin) -> dict[str, Any]:
        purge()
        return {"retention_days": settings.retention_days, "events": store.events()}

    @app.get("/api/admin/access-log", responses=errors)
    def admin_access_log(_: Admin) -> dict[str, Any]:
        return {"entries": store.access_log()}

    # the published release
    def release_file(name: str, media_type: str) -> FileResponse:
        path = settings.release_dir / name if settings.release_dir else None
        if path is None or not path.is_file():
            raise HTTPException(404, f"no {name} published on this server")
        return FileResponse(path, media_type=media_type)

    @app.get("/release/manifest.json", responses=errors)
    def release_manifest() -> FileResponse:
        return release_file("manifest.json", "application/json")

    @app.get("/release/manifest.sig", responses=errors)
    def release_signature() -> FileResponse:
        return release_file("manifest.sig", "application/octet-stream")

    add_moodle(app, settings.base_url, settings.moodle, tickets)
    return app
