"""ASGI middleware: refuse oversize bodies before the app sees them, and record requests for tests."""

from __future__ import annotations

import base64
import json
import threading
from pathlib import Path
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_BODY = 256 * 1024
"""Largest request body accepted (an essay answer fits many times over)."""


async def _reply(send: Send, status: int, error: str) -> None:
    body = json.dumps({"error": error}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


class Recorder:
    """Appends one JSON line per request (method, path, headers, body) to a file, for the privacy tests."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._lock = threading.Lock()

    def write(self, scope: Scope, body: bytes) -> None:
        query = scope.get("query_string", b"").decode("latin-1")
        try:
            text: str | None = body.decode("utf-8")
            b64 = None
        except UnicodeDecodeError:
            text, b64 = None, base64.b64encode(body).decode()
        entry: dict[str, Any] = {
            "method": scope["method"],
            "path": scope.get("raw_path", scope["path"].encode()).decode("latin-1")
                    + (f"?{query}" if query else ""),
            "headers": [[k.decode("latin-1"), v.decode("latin-1")] for k, v in scope["headers"]],
            "body": text,
            "body_base64": b64,
        }
        line = json.dumps(entry, ensure_ascii=False) + "\n"
        with self._lock, self._path.open("a", encoding="utf-8") as f:
            f.write(line)
            f.flush()


class BodyGate:
    """Reads the whole body (at most `limit` bytes, else 413), records the request, then replays it."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY, recorder: Recorder | None = None) -> None:
        self.app = app
        self.limit = limit
        self.recorder = recorder

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope["headers"]:
            if name == b"content-length" and (not value.isdigit() or int(value) > self.limit):
                await _reply(send, 413, f"request body larger than {self.limit} bytes")
                return
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.limit:
                await _reply(send, 413, f"request body larger than {self.limit} bytes")
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        if self.recorder is not None:
            self.recorder.write(scope, body)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)
