"""Build an ExamClient for tests: fast backoff, a queue in the test's folder, in-memory secrets."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from lockdown.net.client import ConnectionStatus, ExamClient
from lockdown.net.http import HttpClient, RetryPolicy
from lockdown.net.queue import EventQueue
from lockdown.secrets import MemorySecrets, SecretStore
from tests.server.helpers import native_key
from tests.support.stub import Stub

FAST = RetryPolicy(attempts=1, base_delay=0.1, max_delay=0.5)
QUICK = RetryPolicy(attempts=3, base_delay=0.1)


def make_client(stub: Stub, tmp_path: Path, url: str | None = None, secrets: SecretStore | None = None,
                statuses: list[ConnectionStatus] | None = None, heartbeat: float = 0) -> ExamClient:
    secrets = secrets or MemorySecrets()
    base = url or stub.url
    client = ExamClient(base, native_key(stub), secrets=secrets,
                        queue=EventQueue(tmp_path / "queue.bin", secrets),
                        http=HttpClient(base, timeout=(1.0, 3.0), retry=QUICK),
                        backoff=FAST, heartbeat=heartbeat)
    if statuses is not None:
        client.on_status(statuses.append)
    return client


class FileSecrets:
    """A SecretStore in a JSON file, so a test's killed child and its successor share secrets.

    Only for tests: the real store is the OS keyring (see test_net_keyring.py).
    """

    def __init__(self, path: Path) -> None:
        self.path = path

    def _all(self) -> dict[str, str]:
        return json.loads(self.path.read_text()) if self.path.exists() else {}

    def get(self, name: str) -> str | None:
        return self._all().get(name)

    def set(self, name: str, value: str) -> None:
        self.path.write_text(json.dumps({**self._all(), name: value}))

    def delete(self, name: str) -> None:
        items = self._all()
        items.pop(name, None)
        self.path.write_text(json.dumps(items))


def delivered(stub: Stub) -> Counter[str]:
    """How many times the server stored each event_id."""
    return Counter(str(e["event_id"]) for e in stub.admin_get("/api/admin/events").json()["events"])


def posted(stub: Stub) -> int:
    return sum(1 for r in stub.requests() if (r["method"], r["path"]) == ("POST", "/api/events"))
