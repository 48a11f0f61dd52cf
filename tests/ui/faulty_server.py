"""A loopback web server that fails in one chosen way until it is healed, for the kiosk's fault tests.

Raw sockets, not http.server: the faults are below HTTP (a reset, a close, silence) or in the
middle of a reply, which a well-behaved server library never produces.
"""

from __future__ import annotations

import socket
import ssl
import struct
import threading
from typing import Literal

Fault = Literal["reset_before_reply", "reset_after_headers", "close_without_reply", "refuse",
                "stop_answering", "stop_mid_body", "status_503", "status_404"]

EXAM_TITLE = "Exam home"
EXAM_PAGE = f"<title>{EXAM_TITLE}</title><p>The exam is back.</p>".encode()
_PARTIAL = b"<title>Half a page</title><p>Question 1"


class FaultyServer:
    """Fails every request (or only those for `only_path`) with `fault` until `heal()`.

    `paths` lists the requests that reached it (the favicon's included); stalled connections are
    held open until `close()`. "refuse" keeps the port bound but not listening, so nobody else can take it and
    every connection is refused until `heal()` starts listening.
    """

    def __init__(self, fault: Fault | None, page: bytes = EXAM_PAGE, only_path: str | None = None,
                 tls: ssl.SSLContext | None = None) -> None:
        self.fault = fault
        self.page = page
        self.only_path = only_path
        self.healed = False
        self.paths: list[str] = []
        self._tls = tls
        self._held: list[socket.socket] = []
        self._closed = threading.Event()
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.url = f"{'https' if tls else 'http'}://127.0.0.1:{self.port}/"
        if fault != "refuse":
            self._listen()

    @property
    def requests(self) -> int:
        return len(self.paths)

    def heal(self) -> None:
        self.healed = True
        if self.fault == "refuse":
            self._listen()

    def close(self) -> None:
        self._closed.set()
        self.sock.close()
        for conn in self._held:
            conn.close()

    def _listen(self) -> None:
        self.sock.listen(16)
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _answer(self, conn: socket.socket) -> None:
        try:
            if self._tls is not None:
                conn = self._tls.wrap_socket(conn, server_side=True)
            request = conn.recv(65536)
        except OSError:  # the browser gave up on the handshake (a certificate it does not trust)
            conn.close()
            return
        if not request:
            conn.close()
            return
        path = request.split(b" ", 2)[1].decode() if request.count(b" ") >= 2 else "/"
        self.paths.append(path)
        fault = None if self.healed or (self.only_path and path != self.only_path) else self.fault
        try:
            self._reply(conn, fault)
        except OSError:
            conn.close()

    def _reply(self, conn: socket.socket, fault: Fault | None) -> None:
        if fault == "reset_before_reply":
            _reset(conn)
        elif fault == "close_without_reply":
            conn.close()
        elif fault == "reset_after_headers":
            conn.sendall(_head(200, 4096))
            self._closed.wait(0.2)  # let the headers arrive on their own
            _reset(conn)
        elif fault == "stop_answering":
            self._held.append(conn)
        elif fault == "stop_mid_body":
            conn.sendall(_head(200, 4096) + _PARTIAL)
            self._held.append(conn)
        elif fault in ("status_503", "status_404"):
            body = b"<title>Server says no</title><p>Try later.</p>"
            conn.sendall(_head(int(fault[-3:]), len(body)) + body)
            conn.close()
        else:
            conn.sendall(_head(200, len(self.page)) + self.page)
            conn.close()


def _head(status: int, length: int) -> bytes:
    return (f"HTTP/1.1 {status} X\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {length}\r\n"
            "Cache-Control: no-store\r\nConnection: close\r\n\r\n").encode()


def _reset(conn: socket.socket) -> None:
    """Close with a TCP RST instead of a FIN (SO_LINGER with a zero timeout)."""
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    conn.close()
