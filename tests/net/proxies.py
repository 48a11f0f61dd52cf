"""Small network troublemakers between the client and the real stub: resets, throttling, bad replies."""

from __future__ import annotations

import http.server
import socket
import struct
import threading
import time
from collections import deque
from collections.abc import Iterable

import requests


class TcpProxy:
    """Forwards 127.0.0.1:<port> to the stub; can reset connections and throttle both directions."""

    def __init__(self, upstream_port: int, bytes_per_second: float | None = None) -> None:
        self.upstream_port = upstream_port
        self.bytes_per_second = bytes_per_second
        self.resets_left = 0
        self.resets_done = 0
        self._live: set[socket.socket] = set()
        self.connections = 0
        self._lock = threading.Lock()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def reset_next(self, n: int) -> None:
        """Reset (TCP RST) the open connections now, then the next `n` ones.

        A reset connection first forwards the client's request and waits for the stub's reply, then
        drops it: the server has the data, the client never hears back.
        """
        with self._lock:
            self.resets_left = n
            live, self._live = list(self._live), set()
        for sock in live:
            _rst(sock)

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            with self._lock:
                self.connections += 1
                reset = self.resets_left > 0
                if reset:
                    self.resets_left -= 1
                    self.resets_done += 1
            threading.Thread(target=self._serve, args=(client, reset), daemon=True).start()

    def _serve(self, client: socket.socket, reset: bool) -> None:
        try:
            upstream = socket.create_connection(("127.0.0.1", self.upstream_port), timeout=5)
        except OSError:
            _rst(client)
            return
        if reset:
            try:
                client.settimeout(5)
                upstream.sendall(client.recv(65536))
                upstream.recv(65536)
            except OSError:
                pass
            upstream.close()
            _rst(client)
            return
        upstream.settimeout(None)
        with self._lock:
            self._live.add(client)
        threading.Thread(target=self._pipe, args=(client, upstream), daemon=True).start()
        self._pipe(upstream, client)

    def _pipe(self, src: socket.socket, dst: socket.socket) -> None:
        try:
            while True:
                data = src.recv(1024 if self.bytes_per_second else 65536)
                if not data:
                    break
                if self.bytes_per_second:
                    for i in range(0, len(data), 256):
                        piece = data[i:i + 256]
                        time.sleep(len(piece) / self.bytes_per_second)
                        dst.sendall(piece)
                else:
                    dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                s.close()

    def close(self) -> None:
        self._closed = True
        self._listener.close()


def _rst(sock: socket.socket) -> None:
    """Close with a TCP reset (linger 0), as a flaky middlebox would."""
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    except OSError:
        pass
    sock.close()


class _QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that hangs up on a bad reply is the point of the test, not an error."""


FAULTS = ("503", "malformed", "oversized", "not_object", "deep")


class ChaosHttpProxy:
    """An HTTP front for the stub that forwards each request, then may replace the reply with a bad one.

    The request always reaches the stub first, so a lost or garbled reply means the client must
    resend an event the server already has: the case the server's de-duplication exists for.
    """

    def __init__(self, upstream: str, faults: Iterable[str] = ()) -> None:
        self.upstream = upstream
        self.faults: deque[str] = deque(faults)
        self.served: list[tuple[str, str, str]] = []
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def _forward(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "connection")}
                r = requests.request(self.command, proxy.upstream + self.path, data=body, headers=headers,
                                     timeout=10, allow_redirects=False)
                fault = proxy.faults.popleft() if proxy.faults else None
                proxy.served.append((self.command, self.path, fault or "ok"))
                status, content, ctype = r.status_code, r.content, r.headers.get("Content-Type", "")
                if fault == "503":
                    status, content, ctype = 503, b'{"error": "maintenance"}', "application/json"
                elif fault == "malformed":
                    content, ctype = b'{"stored": tru', "application/json"
                elif fault == "oversized":
                    content, ctype = b'{"pad": "' + b"x" * (1024 * 1024) + b'"}', "application/json"
                elif fault == "not_object":
                    content, ctype = b"[1, 2, 3]", "application/json"
                elif fault == "deep":
                    content, ctype = b"[" * 30_000 + b"]" * 30_000, "application/json"
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(content)))
                self.end_headers()
                self.wfile.write(content)

            do_GET = do_POST = do_DELETE = _forward

        self._server = _QuietServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
