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

_NOT_CHECKED = "not checked: no exam server given"
_NOT_CHECKED_FIX = "run the check with the exam's configuration, or add --server URL"


@dataclass(frozen=True)
class NetworkFacts:
    """What was measured against one server (None where it could not be measured, with why)."""

    server: str | None
    latency_ms: float | None = None
    clock_offset_s: float | None = None
    error: str = ""
    download_kbps: float | None = None
    download_error: str = ""


def download_size(min_kbps: int) -> int:
    """Bytes to fetch so the test takes about DOWNLOAD_SECONDS_AT_MINIMUM at the exam's minimum speed."""
    wanted = int(min_kbps * 1000 / 8 * DOWNLOAD_SECONDS_AT_MINIMUM)
    return max(MIN_DOWNLOAD_BYTES, min(MAX_DOWNLOAD_BYTES, wanted))


def _server_time(body: bytes) -> float:
    try:
        value = json.loads(body)["time"]
    except (ValueError, KeyError, TypeError):
        raise NetworkError("the server's /api/time reply is not {\"time\": <seconds>}") from None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise NetworkError("the server's /api/time reply is not {\"time\": <seconds>}")
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
        return NetworkFacts(server, error=str(exc))
    assert best is not None
    size = download_size(needs.min_download_kbps)
    start = clock()
    try:
        body = get(f"/api/download?bytes={size}", size)
    except NetworkError as exc:
        return NetworkFacts(server, best[0] * 1000, best[1], download_error=str(exc))
    elapsed = max(clock() - start, 1e-6)
    if len(body) != size:
        return NetworkFacts(server, best[0] * 1000, best[1],
                            download_error=f"received {len(body)} bytes instead of {size}")
    return NetworkFacts(server, best[0] * 1000, best[1], download_kbps=len(body) * 8 / 1000 / elapsed)


def check_server(facts: NetworkFacts, needs: NetworkNeeds) -> Check:
    """The exam page and events need the server; a slow answer is a warning (the client retries)."""
    name = "server_reachable"
    if facts.server is None:
        return Check(name, "warn", _NOT_CHECKED, _NOT_CHECKED_FIX)
    if facts.latency_ms is None:
        return Check(name, "fail", f"exam server not reachable: {facts.error}",
                     "check the Internet connection (or the proxy/firewall) and the server address")
    detail = f"exam server answers in {facts.latency_ms:.0f} ms"
    if facts.latency_ms > needs.max_latency_ms:
        return Check(name, "warn", detail + f" (more than {needs.max_latency_ms} ms)",
                     "use a wired connection or move closer to the Wi-Fi access point")
    return Check(name, "pass", detail)


def check_download(facts: NetworkFacts, needs: NetworkNeeds) -> Check:
    """Below the exam's minimum download speed its pages may not load in time."""
    name = "download_speed"
    if facts.server is None:
        return Check(name, "warn", _NOT_CHECKED, _NOT_CHECKED_FIX)
    if facts.download_kbps is None:
        why = facts.download_error or facts.error or "not measured"
        return Check(name, "fail", f"download test failed: {why}",
                     "check the Internet connection, then run the check again")
    detail = f"{facts.download_kbps:,.0f} kbit/s (the exam needs {needs.min_download_kbps:,})"
    if facts.download_kbps < needs.min_download_kbps:
        return Check(name, "fail", detail,
                     "use a faster connection (wired, or closer to the Wi-Fi access point), "
                     "and stop downloads and videos during the exam")
    return Check(name, "pass", detail)


def check_clock_offset(facts: NetworkFacts, needs: NetworkNeeds) -> Check:
    """A wrong clock breaks HTTPS (past a day) and confuses exam timing; lockdown sends no clock time."""
    name = "clock_offset"
    if facts.server is None:
        return Check(name, "warn", _NOT_CHECKED, _NOT_CHECKED_FIX)
    if facts.clock_offset_s is None:
        return Check(name, "fail", f"server time not available: {facts.error or 'not measured'}",
                     "check the Internet connection, then run the check again")
    off = abs(facts.clock_offset_s)
    ahead = "behind" if facts.clock_offset_s > 0 else "ahead of"
    detail = f"this clock is {off:.1f} s {ahead} the server's"
    fix = "turn on automatic date and time (network time) in the system settings"
    if off > CLOCK_FAIL_S:
        return Check(name, "fail", detail, fix)
    if off > needs.max_clock_offset_s:
        return Check(name, "warn", detail + f" (more than {needs.max_clock_offset_s} s)", fix)
    return Check(name, "pass", detail)
