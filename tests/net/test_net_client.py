"""ExamClient against the real stub, through outages, resets, bad replies and a slow link.

Whatever happens, after recovery every event has arrived exactly once.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
import requests

from lockdown import privacy
from lockdown.net.client import ConnectionStatus
from lockdown.paths import KEYRING_SESSION_TOKEN
from lockdown.secrets import MemorySecrets
from tests.net.clients import FileSecrets, delivered, make_client, posted
from tests.net.proxies import ChaosHttpProxy, TcpProxy
from tests.support.stub import REPO, Stub


def test_events_are_delivered_once_and_the_token_is_deleted_at_the_end(stub: Stub, tmp_path: Path) -> None:
    secrets = MemorySecrets()
    statuses: list[ConnectionStatus] = []
    client = make_client(stub, tmp_path, secrets=secrets, statuses=statuses)
    client.open_session()
    token = secrets.get(KEYRING_SESSION_TOKEN)
    assert token
    ids = [client.event(t, i) for i, t in enumerate(("exam_started", "focus_lost", "exam_ended"))]
    assert client.flush(10)
    assert client.close_session() == 0
    assert secrets.get(KEYRING_SESSION_TOKEN) is None
    assert delivered(stub) == Counter(ids)
    assert statuses == [ConnectionStatus.ONLINE]
    r = requests.post(stub.url + "/api/events", json={"event_id": ids[0], "type": "focus_lost", "t": 1},
                      headers={"Authorization": f"Bearer {token}"}, timeout=10)
    assert r.status_code == 401  # the session is closed on the server too
    assert not (tmp_path / "queue.bin").exists()


def test_an_event_outside_the_manifest_cannot_even_be_queued(stub: Stub, tmp_path: Path) -> None:
    client = make_client(stub, tmp_path)
    with pytest.raises(privacy.PrivacyViolation):
        client.event("window_title:Firefox", 3)
    with pytest.raises(privacy.PrivacyViolation):
        client.event("focus_lost", -1)
    assert client.pending == 0


def run_outage(stub: Stub, tmp_path: Path, pause: float) -> None:
    statuses: list[ConnectionStatus] = []
    client = make_client(stub, tmp_path, statuses=statuses)
    client.open_session()
    ids = [client.event("exam_started", 0), client.event("focus_lost", 5)]
    assert client.flush(10)
    stub.stop()
    down_at = time.monotonic()
    ids += [client.event("focus_lost", 10), client.event("screen_count_changed", 12)]
    while time.monotonic() - down_at < pause:
        time.sleep(min(1.0, pause / 3))
        ids.append(client.event("focus_lost", 15 + len(ids)))
    assert not client.flush(0.5)
    assert statuses[-1] in (ConnectionStatus.RETRYING, ConnectionStatus.OFFLINE)
    assert ConnectionStatus.OFFLINE in statuses  # several failures in a row: the banner says offline
    stub.start()
    assert client.flush(30), f"{client.pending} events still queued"
    assert client.close_session() == 0
    assert statuses[-1] == ConnectionStatus.ONLINE
    assert delivered(stub) == Counter(ids)


def test_server_down_for_a_few_seconds_then_back(stub: Stub, tmp_path: Path) -> None:
    run_outage(stub, tmp_path, pause=3.0)


def test_connection_resets_lose_no_event_and_duplicate_none(stub: Stub, tmp_path: Path) -> None:
    proxy = TcpProxy(stub.port)
    try:
        client = make_client(stub, tmp_path, url=proxy.url)
        client.open_session()
        proxy.reset_next(4)
        ids = [client.event("focus_lost", i) for i in range(6)]
        assert client.flush(20)
        client.close_session()
    finally:
        proxy.close()
    assert proxy.resets_done == 4
    assert delivered(stub) == Counter(ids)
    assert posted(stub) > len(ids)  # replies were lost after the server stored: resends were deduplicated


def test_5xx_malformed_and_oversized_replies_lose_no_event(stub: Stub, tmp_path: Path) -> None:
    proxy = ChaosHttpProxy(stub.url)
    try:
        client = make_client(stub, tmp_path, url=proxy.url)
        client.open_session()
        proxy.faults.extend(["503", "malformed", "oversized", "not_object", "deep", "503"])
        ids = [client.event("focus_lost", i) for i in range(5)]
        assert client.flush(20)
        client.close_session()
    finally:
        proxy.close()
    assert not proxy.faults
    assert delivered(stub) == Counter(ids)
    assert posted(stub) >= len(ids) + 5


def test_slow_link_at_64_kbit_s(stub: Stub, tmp_path: Path) -> None:
    proxy = TcpProxy(stub.port, bytes_per_second=64_000 / 8)
    try:
        client = make_client(stub, tmp_path, url=proxy.url)
        start = time.monotonic()
        client.open_session()
        ids = [client.event("focus_lost", i) for i in range(15)]
        assert client.flush(60)
        elapsed = time.monotonic() - start
        client.close_session()
    finally:
        proxy.close()
    assert delivered(stub) == Counter(ids)
    api = [r for r in stub.requests() if r["path"] in ("/api/session", "/api/events")]
    sent = sum(len(r["body"] or "") + sum(len(k) + len(v) + 4 for k, v in r["headers"]) for r in api)
    assert elapsed >= sent / 8000  # the link really was throttled


CHILD = """
import sys
from pathlib import Path
from tests.net.clients import FileSecrets, make_client
from tests.support.stub import REPO, Stub
stub = Stub(workdir=Path(sys.argv[1]), admin_token="", url=sys.argv[2])
client = make_client(stub, Path(sys.argv[3]), secrets=FileSecrets(Path(sys.argv[3]) / "secrets.json"))
client.open_session()
print("open", flush=True)
sys.stdin.readline()  # the parent stops the server
for i in range(3):
    print(client.event("focus_lost", i), flush=True)
print("queued", flush=True)
sys.stdin.readline()  # killed here
"""


def test_a_killed_kiosk_delivers_its_queue_at_the_next_start(stub: Stub, tmp_path: Path) -> None:
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(stub.workdir), stub.url, str(tmp_path)],
                             cwd=REPO, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert child.stdin and child.stdout
    assert child.stdout.readline().strip() == "open"
    stub.stop()
    child.stdin.write("go\n")
    child.stdin.flush()
    ids = [child.stdout.readline().strip() for _ in range(3)]
    assert child.stdout.readline().strip() == "queued"
    os.kill(child.pid, signal.SIGKILL)
    child.wait(10)
    assert (tmp_path / "queue.bin").exists()
    stub.start()
    successor = make_client(stub, tmp_path, secrets=FileSecrets(tmp_path / "secrets.json"))
    successor.open_session()
    assert successor.flush(10)
    successor.close_session()
    assert delivered(stub) == Counter(ids)
    sessions = [r for r in stub.requests() if r["path"] == "/api/session" and r["method"] == "POST"]
    assert len(sessions) == 1  # the killed run's session was reused
    assert not (tmp_path / "queue.bin").exists()


def test_offline_at_start_the_exam_goes_on_and_events_follow(stub: Stub, tmp_path: Path) -> None:
    from lockdown.errors import NetworkError

    client = make_client(stub, tmp_path)
    stub.stop()
    with pytest.raises(NetworkError):
        client.open_session()
    ids = [client.event("exam_started", 0)]
    stub.start()
    assert client.flush(20)
    client.close_session()
    assert delivered(stub) == Counter(ids)


def test_a_quiet_outage_still_reaches_the_banner_and_recovery_too(stub: Stub, tmp_path: Path) -> None:
    """No event to send: the heartbeat alone tells the student the server went away and came back."""
    statuses: list[ConnectionStatus] = []
    client = make_client(stub, tmp_path, statuses=statuses, heartbeat=0.3)
    client.open_session()
    try:
        assert statuses == [ConnectionStatus.ONLINE]
        stub.stop()
        deadline = time.monotonic() + 20
        while ConnectionStatus.OFFLINE not in statuses and time.monotonic() < deadline:
            time.sleep(0.1)
        assert ConnectionStatus.OFFLINE in statuses
        stub.start()
        deadline = time.monotonic() + 20
        while statuses[-1] != ConnectionStatus.ONLINE and time.monotonic() < deadline:
            time.sleep(0.1)
        assert statuses[-1] == ConnectionStatus.ONLINE
        pings = [r for r in stub.requests() if r["path"] == "/api/time"]
        assert pings and all(not r.get("body") for r in pings)
    finally:
        client.close_session(timeout=2)


class KeyringGoneAfter:
    """A keyring backend that answers `calls` times, then fails as one whose D-Bus session went
    away (the OSError jeepney raises)."""

    def __init__(self, calls: int) -> None:
        self.left = calls
        self.stored: dict[str, str] = {}

    def _answer(self) -> None:
        if self.left <= 0:
            raise FileNotFoundError(2, "No such file or directory")
        self.left -= 1

    def get_password(self, service: str, username: str) -> str | None:
        self._answer()
        return self.stored.get(username)

    def set_password(self, service: str, username: str, password: str) -> None:
        self._answer()
        self.stored[username] = password

    def delete_password(self, service: str, username: str) -> None:
        self._answer()
        self.stored.pop(username, None)


@pytest.mark.parametrize("answered", [0, 1, 2, 4])
def test_a_keyring_that_stops_answering_loses_no_event_and_ends_the_session(
        stub: Stub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answered: int) -> None:
    """Whenever the keyring goes away (before the session, after reading, after keeping the
    token, at the end), the exam's events still arrive and the session still ends on the server."""
    import keyring

    from lockdown.secrets import KeyringSecrets

    backend = KeyringGoneAfter(answered)
    monkeypatch.setattr(keyring, "get_keyring", lambda: backend)
    client = make_client(stub, tmp_path, secrets=KeyringSecrets())
    client.open_session()
    ids = [client.event("focus_lost", i) for i in range(3)]
    assert client.flush(20)
    assert client.close_session() == 0
    assert delivered(stub) == Counter(ids)
    ended = [r for r in stub.requests() if r["method"] == "DELETE" and r["path"] == "/api/session"]
    assert len(ended) == 1
