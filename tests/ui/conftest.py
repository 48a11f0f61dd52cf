"""Kiosk tests: Qt offscreen (QtWebEngine without sandbox as root) and loopback web servers."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if hasattr(os, "geteuid") and os.geteuid() == 0:
    os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from PySide6.QtWebEngineWidgets import QWebEngineView  # noqa: F401  # before QApplication

Page = tuple[int, dict[str, str], bytes]


@dataclass
class LoopbackSite:
    """A web server on 127.0.0.1 serving `pages` (path -> status, headers, body), recording requests."""

    pages: dict[str, Page] = field(default_factory=dict)
    received: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    url: str = ""

    def add(self, path: str, html: str, status: int = 200, headers: dict[str, str] | None = None) -> str:
        hdrs = {"Content-Type": "text/html; charset=utf-8", **(headers or {})}
        self.pages[path] = (status, hdrs, html.encode())
        return self.url + path

    def paths(self) -> list[str]:
        return [p for p, _ in self.received]

    def headers_for(self, path: str) -> list[dict[str, str]]:
        return [h for p, h in self.received if p == path]


def _handler(site: LoopbackSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _serve(self) -> None:
            site.received.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
            status, headers, body = site.pages.get(self.path.split("?")[0],
                                                   (404, {"Content-Type": "text/plain"}, b"not found"))
            self.send_response(status)
            for k, v in headers.items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        do_GET = do_POST = do_HEAD = _serve

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@pytest.fixture
def serve() -> Iterator[Callable[[], LoopbackSite]]:
    """Start loopback sites on demand (each on its own port: a different origin)."""
    servers: list[ThreadingHTTPServer] = []

    def start() -> LoopbackSite:
        site = LoopbackSite()
        server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
        site.url = f"http://127.0.0.1:{server.server_address[1]}"
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return site

    yield start
    for s in servers:
        s.shutdown()
        s.server_close()


from tests.support.stub import stub  # noqa: E402

__all__ = ["stub"]
