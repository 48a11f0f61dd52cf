"""lockdown.net.http: HTTPS rules, timeouts, retries with backoff, and hostile replies made harmless."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest

from lockdown.errors import NetworkError
from lockdown.net.http import NO_RETRY, BadReply, HttpClient, HttpStatusError, RetryPolicy
from tests.net.proxies import FAULTS, ChaosHttpProxy
from tests.support.stub import Stub


@pytest.fixture
def chaos(stub: Stub) -> Iterator[ChaosHttpProxy]:
    proxy = ChaosHttpProxy(stub.url)
    yield proxy
    proxy.close()


@pytest.mark.parametrize("url", ["http://example.org", "http://10.0.0.1:8080", "ftp://127.0.0.1/", "file:///etc"])
def test_plain_http_is_refused_except_on_loopback(url: str) -> None:
    with pytest.raises(NetworkError):
        HttpClient(url)


@pytest.mark.parametrize("url", ["https://exam.example.org", "http://127.0.0.1:9", "http://localhost:9",
                                 "http://[::1]:9"])
def test_https_and_loopback_are_accepted(url: str) -> None:
    HttpClient(url).close()


def test_backoff_grows_exponentially_with_jitter_and_a_cap() -> None:
    p = RetryPolicy(attempts=10, base_delay=0.5, max_delay=4.0)
    assert [p.delay(n, rng=lambda: 0.5) for n in (1, 2, 3, 4, 5)] == [0.5, 1.0, 2.0, 4.0, 4.0]
    assert p.delay(2, rng=lambda: 0.0) == 0.5 and p.delay(2, rng=lambda: 1.0) == 1.5
    samples = {p.delay(3) for _ in range(50)}
    assert len(samples) > 40 and all(1.0 <= s <= 3.0 for s in samples)


def test_5xx_is_retried_with_backoff_then_succeeds(chaos: ChaosHttpProxy) -> None:
    chaos.faults.extend(["503", "503"])
    sleeps: list[float] = []
    client = HttpClient(chaos.url, retry=RetryPolicy(attempts=4, base_delay=0.2), sleep=sleeps.append)
    assert "time" in client.json("GET", "/api/time")
    assert [f for _, _, f in chaos.served] == ["503", "503", "ok"]
    assert len(sleeps) == 2 and 0.1 <= sleeps[0] <= 0.3 and 0.2 <= sleeps[1] <= 0.6


def test_retries_stop_after_the_last_attempt(chaos: ChaosHttpProxy) -> None:
    chaos.faults.extend(["503"] * 5)
    client = HttpClient(chaos.url, retry=RetryPolicy(attempts=3), sleep=lambda _: None)
    with pytest.raises(HttpStatusError) as err:
        client.json("GET", "/api/time")
    assert err.value.status == 503 and "maintenance" in str(err.value)
    assert len(chaos.served) == 3


def test_client_errors_are_not_retried(chaos: ChaosHttpProxy) -> None:
    client = HttpClient(chaos.url, sleep=lambda _: None)
    with pytest.raises(HttpStatusError) as err:
        client.json("POST", "/api/session", json_body={"config_key": "nope"})
    assert err.value.status == 400 and "config_key" in str(err.value)
    assert len(chaos.served) == 1


@pytest.mark.parametrize("fault", [f for f in FAULTS if f != "503"])
def test_hostile_replies_become_network_errors(chaos: ChaosHttpProxy, fault: str) -> None:
    chaos.faults.append(fault)
    client = HttpClient(chaos.url, retry=NO_RETRY)
    with pytest.raises(NetworkError):
        client.json("GET", "/api/time")


def test_oversized_reply_is_cut_and_not_asked_again(chaos: ChaosHttpProxy) -> None:
    chaos.faults.append("oversized")
    with pytest.raises(BadReply, match=r"too large|larger"):
        HttpClient(chaos.url, max_json_bytes=1000, sleep=lambda _: None).json("GET", "/api/time")
    assert len(chaos.served) == 1


def test_refused_connection_is_a_network_error() -> None:
    with socket.create_server(("127.0.0.1", 0)) as s:
        port = s.getsockname()[1]
    with pytest.raises(NetworkError, match="cannot reach"):
        HttpClient(f"http://127.0.0.1:{port}", retry=NO_RETRY).json("GET", "/api/time")


def test_a_server_that_never_answers_times_out() -> None:
    silent = socket.create_server(("127.0.0.1", 0))
    accepted: list[socket.socket] = []
    threading.Thread(target=lambda: accepted.append(silent.accept()[0]), daemon=True).start()
    client = HttpClient(f"http://127.0.0.1:{silent.getsockname()[1]}", timeout=(1.0, 0.5), retry=NO_RETRY)
    start = time.monotonic()
    with pytest.raises(NetworkError):
        client.json("GET", "/api/time")
    assert time.monotonic() - start < 5
    silent.close()


def test_download_reports_size_and_refuses_more_than_asked(stub: Stub) -> None:
    client = HttpClient(stub.url)
    size, seconds = client.download("/api/download?bytes=200000", max_bytes=200_000)
    assert size == 200_000 and seconds > 0
    with pytest.raises(NetworkError):
        client.download("/api/download?bytes=200001", max_bytes=200_000)


def test_requests_carry_only_lockdowns_user_agent(stub: Stub) -> None:
    HttpClient(stub.url).json("GET", "/api/time")
    headers = dict(stub.requests()[-1]["headers"])
    assert headers["user-agent"].startswith("lockdown/")
    assert set(headers) <= {"host", "user-agent", "accept", "accept-encoding", "connection"}
