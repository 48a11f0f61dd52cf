"""Latency, download speed and clock offset: measured through an injected fetcher, then judged."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from lockdown.compat.network import (
    CLOCK_FAIL_S,
    MAX_DOWNLOAD_BYTES,
    MIN_DOWNLOAD_BYTES,
    NetworkFacts,
    check_clock_offset,
    check_download,
    check_server,
    download_size,
    measure,
)
from lockdown.config.model import NetworkNeeds
from lockdown.errors import NetworkError
from tests.support.words import english

NEEDS = NetworkNeeds(min_download_kbps=1000, max_latency_ms=200, max_clock_offset_s=60)


class FakeServer:
    """Answers /api/time and /api/download on a fake clock that advances by `rtt` per request."""

    def __init__(self, server_offset: float, rtts: list[float], download_s: float,
                 short_by: int = 0) -> None:
        self.now = 1_000_000.0
        self.server_offset = server_offset
        self.rtts: Iterator[float] = iter(rtts)
        self.download_s = download_s
        self.short_by = short_by
        self.paths: list[str] = []

    def wall(self) -> float:
        return self.now

    def get(self, path: str, limit: int) -> bytes:
        self.paths.append(path)
        if path == "/api/time":
            rtt = next(self.rtts)
            self.now += rtt / 2
            body = json.dumps({"time": self.now + self.server_offset}).encode()
            self.now += rtt / 2
            return body
        size = int(path.split("bytes=")[1])
        assert size <= limit
        self.now += self.download_s
        return b"x" * (size - self.short_by)


def test_latency_and_offset_come_from_the_fastest_round_trip() -> None:
    fake = FakeServer(server_offset=-30.0, rtts=[0.5, 0.05, 0.3], download_s=1.0)
    facts = measure("https://exam.example", NEEDS, fake.get, wall=fake.wall, clock=fake.wall)
    assert facts.latency_ms == pytest.approx(50)
    assert facts.clock_offset_s == pytest.approx(-30.0)
    assert fake.paths[:3] == ["/api/time"] * 3


def test_download_speed_is_bytes_over_time() -> None:
    fake = FakeServer(0.0, [0.01] * 3, download_s=2.0)
    facts = measure("https://exam.example", NEEDS, fake.get, wall=fake.wall, clock=fake.wall)
    size = download_size(NEEDS.min_download_kbps)
    assert fake.paths[-1] == f"/api/download?bytes={size}"
    assert facts.download_kbps == pytest.approx(size * 8 / 1000 / 2.0)


def test_a_short_download_is_an_error_not_a_speed() -> None:
    fake = FakeServer(0.0, [0.01] * 3, download_s=0.1, short_by=10)
    facts = measure("https://exam.example", NEEDS, fake.get, wall=fake.wall, clock=fake.wall)
    assert facts.download_kbps is None and "instead of" in english(facts.download_error)
    assert check_download(facts, NEEDS).status == "fail"


def test_an_unreachable_server_fails_all_three_checks() -> None:
    def get(path: str, limit: int) -> bytes:
        raise NetworkError("net.unreachable", server="https://exam.example", error="ConnectionError")
    facts = measure("https://exam.example", NEEDS, get)
    for check in (check_server(facts, NEEDS), check_download(facts, NEEDS), check_clock_offset(facts, NEEDS)):
        assert check.status == "fail"
        assert check.fix
    assert "cannot reach" in english(check_server(facts, NEEDS).detail)


@pytest.mark.parametrize("body", [b"not json", b"[]", b'{"time": "noon"}', b'{"time": true}', b"{}"])
def test_a_hostile_time_reply_is_a_failed_check_not_a_crash(body: bytes) -> None:
    facts = measure("https://exam.example", NEEDS, lambda path, limit: body)
    assert facts.latency_ms is None
    assert check_server(facts, NEEDS).status == "fail"


def test_download_size_lasts_a_few_seconds_at_the_minimum_speed() -> None:
    assert download_size(256) == 128_000
    assert download_size(1) == MIN_DOWNLOAD_BYTES
    assert download_size(10**9) == MAX_DOWNLOAD_BYTES


@pytest.mark.parametrize(("latency", "status"), [(20.0, "pass"), (200.0, "pass"), (450.0, "warn")])
def test_latency_over_the_exams_limit_warns(latency: float, status: str) -> None:
    assert check_server(NetworkFacts("s", latency_ms=latency, clock_offset_s=0), NEEDS).status == status


@pytest.mark.parametrize(("kbps", "status"), [(5000.0, "pass"), (1000.0, "pass"), (999.0, "fail")])
def test_download_below_the_exams_minimum_fails(kbps: float, status: str) -> None:
    check = check_download(NetworkFacts("s", 10, 0, download_kbps=kbps), NEEDS)
    assert check.status == status
    assert "1,000" in english(check.detail)


@pytest.mark.parametrize(("offset", "status", "word"), [
    (2.0, "pass", "behind"), (-59.0, "pass", "ahead of"), (300.0, "warn", "behind"),
    (-(CLOCK_FAIL_S + 1), "fail", "ahead of"),
])
def test_clock_offset(offset: float, status: str, word: str) -> None:
    check = check_clock_offset(NetworkFacts("s", 10, offset), NEEDS)
    assert check.status == status
    assert word in english(check.detail)


def test_without_a_server_the_network_checks_say_they_did_not_run() -> None:
    facts = NetworkFacts(None)
    for check in (check_server(facts, NEEDS), check_download(facts, NEEDS), check_clock_offset(facts, NEEDS)):
        assert check.status == "warn"
        assert "not checked" in english(check.detail) and "--server" in english(check.fix)
