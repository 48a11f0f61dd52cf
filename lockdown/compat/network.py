"""Checks against the exam server: reachable and how fast it answers, download speed, clock offset.

Measured with plain GETs on the server's `/api/time` and `/api/download?bytes=N`; nothing is sent
but the request itself. The thresholds come from the exam configuration (`network`).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass

from lockdown.compat.result import Check
from lockdown.config.model import NetworkNeeds
from lockdown.errors import NetworkError
from lockdown.words import Phrase, phrase

Get = Callable[[str, int], bytes]
"""GET a path on the exam server (with the client's timeouts), at most N bytes; NetworkError on failure."""

TIME_SAMPLES = 3
MIN_DOWNLOAD_BYTES = 64 * 1024
MAX_DOWNLOAD_BYTES = 4 * 1024 * 1024
DOWNLOAD_SECONDS_AT_MINIMUM = 4.0
"""The download test is sized to last about this long on a connection at the exam's minimum."""
TIME_REPLY_LIMIT = 4096
CLOCK_FAIL_S = 24 * 3600
"""Past a day, HTTPS certificates may look expired or not yet valid."""

_NOT_CHECKED = phrase("check.server.not_checked")
_NOT_CHECKED_FIX = phrase("check.fix.give_server")
_NOT_MEASURED = phrase("check.server.not_measured")


@dataclass(frozen=True)
class NetworkFacts:
    """What was measured against one server (None where it could not be measured, with why)."""

    server: str | None
    latency_ms: float | None = None
    clock_offset_s: float | None = None
    error: Phrase | None = None
    download_kbps: float | None = None
    download_error: Phrase | None = None


def download_size(min_kbps: int) -> int:
    """Bytes to fetch so the test takes about DOWNLOAD_SECONDS_AT_MINIMUM at the exam's minimum speed."""
    wanted = int(min_kbps * 1000 / 8 * DOWNLOAD_SECONDS_AT_MINIMUM)
    return max(MIN_DOWNLOAD_BYTES, min(MAX_DOWNLOAD_BYTES, wanted))


def _server_time(body: bytes) -> float:
    try:
        value = json.loads(body)["time"]
    except (ValueError, KeyError, TypeError):
        raise NetworkError("check.server.bad_time") from None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise NetworkError("check.server.bad_time")
    return float(value)


def measure(server: str, needs: NetworkNeeds, get: Get,
            wall: Callable[[], float] = time.time,
            clock: Callable[[], float] = time.perf_counter) -> NetworkFacts:
    """Latency and clock offset from the fastest of a few /api/time round trips, then a download.

    `server` only labels the facts: `get` already talks to it.
    """
    best: tuple[float, float] | None = None  # (round trip s, offset s)
    try:
        for _ in range(TIME_SAMPLES):
            start_wall, start = wall(), clock()
            server_now = _server_time(get("/api/time", TIME_REPLY_LIMIT))
            rtt = clock() - start
            offset = server_now - (start_wall + rtt / 2)
            if best is None or rtt < best[0]:
                best = (rtt, offset)
    except NetworkError as exc:
        return NetworkFacts(server, error=exc.phrase)
    assert best is not None
    size = download_size(needs.min_download_kbps)
    start = clock()
    try:
        body = get(f"/api/download?bytes={size}", size)
    except NetworkError as exc:
        return NetworkFacts(server, best[0] * 1000, best[1], download_error=exc.phrase)
    elapsed = max(clock() - start, 1e-6)
    if len(body) != size:
        return NetworkFacts(server, best[0] * 1000, best[1],
                            download_error=phrase("check.download.short", received=len(body), size=size))
    return NetworkFacts(server, best[0] * 1000, best[1], download_kbps=len(body) * 8 / 1000 / elapsed)


def check_server(facts: NetworkFacts, needs: NetworkNeeds) -> Check:
    """The exam page and events need the server; a slow answer is a warning (the client retries)."""
    name = "server_reachable"
    if facts.server is None:
        return Check(name, "warn", _NOT_CHECKED, _NOT_CHECKED_FIX)
    if facts.latency_ms is None:
        return Check(name, "fail", phrase("check.server.unreachable", error=facts.error or _NOT_MEASURED),
                     phrase("check.fix.connection_and_address"))
    if facts.latency_ms > needs.max_latency_ms:
        return Check(name, "warn",
                     phrase("check.server.slow", ms=facts.latency_ms, limit=needs.max_latency_ms),
                     phrase("check.fix.wired"))
    return Check(name, "pass", phrase("check.server.answers", ms=facts.latency_ms))


def check_download(facts: NetworkFacts, needs: NetworkNeeds) -> Check:
    """Below the exam's minimum download speed its pages may not load in time."""
    name = "download_speed"
    if facts.server is None:
        return Check(name, "warn", _NOT_CHECKED, _NOT_CHECKED_FIX)
    if facts.download_kbps is None:
        why = facts.download_error or facts.error or _NOT_MEASURED
        return Check(name, "fail", phrase("check.download.failed", error=why), phrase("check.fix.connection"))
    detail = phrase("check.download.speed", kbps=facts.download_kbps, needed=needs.min_download_kbps)
    if facts.download_kbps < needs.min_download_kbps:
        return Check(name, "fail", detail, phrase("check.fix.faster_connection"))
    return Check(name, "pass", detail)


def check_clock_offset(facts: NetworkFacts, needs: NetworkNeeds) -> Check:
    """A wrong clock breaks HTTPS (past a day) and confuses exam timing; lockdown sends no clock time."""
    name = "clock_offset"
    if facts.server is None:
        return Check(name, "warn", _NOT_CHECKED, _NOT_CHECKED_FIX)
    if facts.clock_offset_s is None:
        return Check(name, "fail", phrase("check.clock.unavailable", error=facts.error or _NOT_MEASURED),
                     phrase("check.fix.connection"))
    off = abs(facts.clock_offset_s)
    behind = facts.clock_offset_s > 0
    detail = phrase("check.clock.behind" if behind else "check.clock.ahead", seconds=off)
    fix = phrase("check.fix.network_time")
    if off > CLOCK_FAIL_S:
        return Check(name, "fail", detail, fix)
    if off > needs.max_clock_offset_s:
        over = "check.clock.behind_over" if behind else "check.clock.ahead_over"
        return Check(name, "warn", phrase(over, seconds=off, limit=needs.max_clock_offset_s), fix)
    return Check(name, "pass", detail)
