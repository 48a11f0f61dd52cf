"""A small requests-based HTTP helper every part that talks to a server reuses.

Every call has a timeout; transient failures (connection refused or reset, timeouts, 5xx, 429) are
retried with exponential backoff and jitter; replies are read with a size limit and parsed as a JSON
object, so a malformed, oversized or hostile reply becomes a `NetworkError`, never a crash.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import requests

from lockdown import APP_NAME, __version__
from lockdown.errors import NetworkError
from lockdown.urls.transport import InsecureUrl, check_transport

MAX_JSON_BYTES = 64 * 1024
"""No reply the exam server sends lockdown is bigger than this."""

USER_AGENT = f"{APP_NAME}/{__version__}"


class HttpStatusError(NetworkError):
    """The server answered with an HTTP error status; `status` says which."""

    def __init__(self, status: int, key: str, /, **values: object) -> None:
        self.status = status
        super().__init__(key, **values)


class BadReply(NetworkError):
    """The server answered, but with something unusable (too large): asking again would not help."""


@dataclass(frozen=True)
class RetryPolicy:
    """How hard to try: `attempts` in all, waiting base * 2**n (capped), times a random 0.5-1.5."""

    attempts: int = 4
    base_delay: float = 0.5
    max_delay: float = 8.0

    def delay(self, failures: int, rng: Callable[[], float] = random.random) -> float:
        """Wait before the next attempt after `failures` consecutive failures (jitter spreads clients)."""
        return min(self.max_delay, self.base_delay * 2.0 ** max(0, failures - 1)) * (0.5 + rng())


NO_RETRY = RetryPolicy(attempts=1)


def _is_transient(exc: NetworkError) -> bool:
    if isinstance(exc, HttpStatusError):
        return exc.status >= 500 or exc.status == 429
    return not isinstance(exc, BadReply)


def _error_text(resp: requests.Response, body: bytes) -> str:
    try:
        data = json.loads(body)
    except ValueError:
        return resp.reason or "error"
    if isinstance(data, dict) and isinstance(data.get("error"), str):
        return str(data["error"])[:200]
    return resp.reason or "error"


class HttpClient:
    """One server, one connection pool; `base_url` must be https:// (or http:// on loopback)."""

    def __init__(self, base_url: str, *, timeout: tuple[float, float] = (5.0, 15.0),
                 retry: RetryPolicy | None = None, max_json_bytes: int = MAX_JSON_BYTES,
                 sleep: Callable[[float], None] = time.sleep,
                 session: requests.Session | None = None) -> None:
        try:
            check_transport(base_url)
        except InsecureUrl as exc:
            raise NetworkError(exc.phrase.key, **exc.phrase.values) from None
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.retry = retry or RetryPolicy()
        self.max_json_bytes = max_json_bytes
        self._sleep = sleep
        self._session = session or requests.Session()
        self._session.trust_env = False  # no proxy from the environment sees the exam traffic
        self._session.headers.clear()
        self._session.headers.update({"User-Agent": USER_AGENT, "Accept": "application/json"})

    def close(self) -> None:
        self._session.close()

    def url(self, path: str) -> str:
        return self.base_url + path

    def _once(self, method: str, path: str, body: Mapping[str, object] | None,
              headers: Mapping[str, str] | None, limit: int) -> tuple[requests.Response, bytes]:
        data = None if body is None else json.dumps(body, separators=(",", ":")).encode()
        hdrs = dict(headers or {})
        if data is not None:
            hdrs["Content-Type"] = "application/json"
        try:
            resp = self._session.request(method, self.url(path), data=data, headers=hdrs,
                                         timeout=self.timeout, allow_redirects=False, stream=True)
            with resp:
                declared = resp.headers.get("Content-Length", "")
                if declared.isdigit() and int(declared) > limit:
                    raise BadReply("net.reply.declared_too_large", server=self.base_url, size=declared)
                chunks, size = [], 0
                for chunk in resp.iter_content(16 * 1024):
                    size += len(chunk)
                    if size > limit:
                        raise BadReply("net.reply.too_large", server=self.base_url, limit=limit)
                    chunks.append(chunk)
        except requests.RequestException as exc:
            raise NetworkError("net.unreachable", server=self.base_url, error=type(exc).__name__) from None
        content = b"".join(chunks)
        if not 200 <= resp.status_code < 300:
            reason = _error_text(resp, content)
            status = resp.status_code
            raise HttpStatusError(status, "net.status", url=self.base_url + path, code=status, reason=reason)
        return resp, content

    def request(self, method: str, path: str, *, json_body: Mapping[str, object] | None = None,
                headers: Mapping[str, str] | None = None, retry: RetryPolicy | None = None,
                limit: int | None = None) -> tuple[requests.Response, bytes]:
        """One call with retries on transient failures; raises `NetworkError` when out of attempts."""
        policy = retry or self.retry
        failures = 0
        while True:
            try:
                return self._once(method, path, json_body, headers, limit or self.max_json_bytes)
            except NetworkError as exc:
                failures += 1
                if failures >= policy.attempts or not _is_transient(exc):
                    raise
                self._sleep(policy.delay(failures))

    def json(self, method: str, path: str, *, json_body: Mapping[str, object] | None = None,
             headers: Mapping[str, str] | None = None, retry: RetryPolicy | None = None) -> dict[str, Any]:
        """A call whose reply must be a JSON object (an empty 204 reply gives {})."""
        resp, content = self.request(method, path, json_body=json_body, headers=headers, retry=retry)
        if resp.status_code == 204 and not content:
            return {}
        return parse_json_object(content, f"{self.base_url}{path}")

    def download(self, path: str, max_bytes: int, retry: RetryPolicy | None = None) -> tuple[int, float]:
        """Fetch a body of at most `max_bytes`; returns (bytes received, seconds taken) for speed tests."""
        start = time.monotonic()
        _, content = self.request("GET", path, retry=retry, limit=max_bytes)
        return len(content), time.monotonic() - start


def parse_json_object(content: bytes, source: str) -> dict[str, Any]:
    """Parse a reply that must be a JSON object; anything else is a `NetworkError` naming `source`."""
    try:
        data = json.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise NetworkError("net.reply.not_json", source=source) from None
    if not isinstance(data, dict):
        raise NetworkError("net.reply.not_object", source=source)
    return data
