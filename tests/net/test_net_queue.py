"""The offline event queue: encrypted at rest, survives a restart, bounded, never left in clear."""

from __future__ import annotations

import uuid
from pathlib import Path

from lockdown.net.queue import MAGIC, EventQueue
from lockdown.paths import KEYRING_QUEUE_KEY
from lockdown.secrets import MemorySecrets


def ev(t: int = 1) -> dict[str, object]:
    return {"event_id": str(uuid.uuid4()), "type": "focus_lost", "t": t}


def test_queue_file_is_encrypted_and_survives_a_restart(tmp_path: Path) -> None:
    secrets, path = MemorySecrets(), tmp_path / "state" / "queue.bin"
    q = EventQueue(path, secrets)
    events = [ev(i) for i in range(3)]
    for e in events:
        q.push(e)
    blob = path.read_bytes()
    assert blob.startswith(MAGIC)
    for e in events:
        assert str(e["event_id"]).encode() not in blob
    assert b"focus_lost" not in blob
    assert path.stat().st_mode & 0o077 == 0
    assert secrets.get(KEYRING_QUEUE_KEY)
    assert EventQueue(path, secrets).pending() == events


def test_delivered_events_leave_and_an_empty_queue_leaves_no_file(tmp_path: Path) -> None:
    secrets, path = MemorySecrets(), tmp_path / "queue.bin"
    q = EventQueue(path, secrets)
    a, b = ev(), ev()
    q.push(a)
    q.push(b)
    q.remove(a["event_id"])
    assert EventQueue(path, secrets).pending() == [b]
    q.remove(b["event_id"])
    assert len(q) == 0 and not path.exists()
    assert list(tmp_path.iterdir()) == []


def test_without_its_key_or_when_tampered_the_file_is_discarded(tmp_path: Path) -> None:
    path = tmp_path / "queue.bin"
    EventQueue(path, MemorySecrets()).push(ev())
    assert EventQueue(path, MemorySecrets()).pending() == []  # another keyring: no key
    assert not path.exists()

    secrets = MemorySecrets()
    EventQueue(path, secrets).push(ev())
    blob = bytearray(path.read_bytes())
    blob[-1] ^= 1
    path.write_bytes(bytes(blob))
    assert EventQueue(path, secrets).pending() == []
    assert not path.exists()


def test_bounded_queue_drops_the_oldest(tmp_path: Path) -> None:
    q = EventQueue(tmp_path / "q.bin", MemorySecrets(), max_events=3)
    events = [ev(i) for i in range(5)]
    for e in events:
        q.push(e)
    assert q.pending() == events[2:] and q.dropped == 2


def test_without_a_keyring_nothing_is_written(tmp_path: Path) -> None:
    q = EventQueue(tmp_path / "q.bin", None)
    q.push(ev())
    assert not q.persistent and len(q) == 1
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_folder_keeps_the_exam_going_in_memory(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("")
    q = EventQueue(blocker / "q.bin", MemorySecrets())
    q.push(ev())
    assert len(q) == 1 and not q.persistent


def test_a_keyring_whose_session_bus_went_away_is_unavailable_not_a_crash(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The sender thread must see SecretsUnavailable, not the D-Bus library's own OSError."""
    import keyring
    import pytest
    from keyring.backend import KeyringBackend

    from lockdown.secrets import KeyringSecrets, SecretsUnavailable

    class BusGone(KeyringBackend):
        priority = 1  # type: ignore[assignment]

        def get_password(self, service: str, username: str) -> str | None:
            raise FileNotFoundError(2, "No such file or directory")

        def set_password(self, service: str, username: str, password: str) -> None:
            raise FileNotFoundError(2, "No such file or directory")

        def delete_password(self, service: str, username: str) -> None:
            raise FileNotFoundError(2, "No such file or directory")

    monkeypatch.setattr(keyring, "get_keyring", lambda: BusGone())
    secrets = KeyringSecrets()
    for call in (lambda: secrets.get("x"), lambda: secrets.set("x", "y"), lambda: secrets.delete("x")):
        with pytest.raises(SecretsUnavailable):
            call()


def test_a_queue_left_by_a_crash_waits_for_a_keyring_that_does_not_answer_yet(tmp_path: Path) -> None:
    from lockdown.secrets import SecretsUnavailable

    class Unanswering(MemorySecrets):
        def get(self, name: str) -> str | None:
            raise SecretsUnavailable("secrets.unreadable", error="the D-Bus session is gone")

    path = tmp_path / "queue.bin"
    secrets = MemorySecrets()
    crashed = EventQueue(path, secrets)
    left = ev()
    crashed.push(left)
    blob = path.read_bytes()
    meanwhile = EventQueue(path, Unanswering())  # the next run, while the keyring is away
    assert len(meanwhile) == 0 and not meanwhile.persistent
    meanwhile.push(ev())  # its own events stay in memory: the earlier file is not overwritten
    assert path.read_bytes() == blob
    assert EventQueue(path, secrets).pending() == [left]  # a later run with the keyring reads it
