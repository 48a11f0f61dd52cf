"""The bounded queue of exam events not yet delivered, kept encrypted on disk so it survives a crash.

The file (paths.event_queue) is AES-256-GCM encrypted with a key kept in the OS keyring; it is
rewritten atomically after every change and deleted as soon as it is empty. Each event keeps the
random `event_id` it was created with, so a resend after a crash or a lost reply counts once on the
server.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import json
import logging
import os
import threading
from collections.abc import Mapping
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from lockdown.paths import KEYRING_QUEUE_KEY
from lockdown.secrets import SecretStore, SecretsUnavailable

log = logging.getLogger(__name__)

MAGIC = b"LDQ1"
"""File header; also authenticated, so a file of another format or version is rejected."""
MAX_EVENTS = 5000

Event = dict[str, object]


class EventQueue:
    """First in, first out; when full the oldest event is dropped (and counted) to keep the newest."""

    def __init__(self, path: Path | None, secrets: SecretStore | None, max_events: int = MAX_EVENTS) -> None:
        """`path` None (or no `secrets`) keeps the queue in memory only: nothing is written in clear."""
        self._path = path if secrets is not None else None
        self._secrets = secrets
        self._max = max_events
        self._lock = threading.Lock()
        self._events: list[Event] = self._load()
        self.dropped = 0

    @property
    def persistent(self) -> bool:
        return self._path is not None

    def __len__(self) -> int:
        with self._lock:
            return len(self._events)

    def pending(self) -> list[Event]:
        """A copy of the queued events, oldest first."""
        with self._lock:
            return [dict(e) for e in self._events]

    def push(self, event: Mapping[str, object]) -> None:
        with self._lock:
            self._events.append(dict(event))
            while len(self._events) > self._max:
                self._events.pop(0)
                self.dropped += 1
            self._save()

    def remove(self, event_id: object) -> None:
        """Forget an event once the server has acknowledged it."""
        with self._lock:
            kept = [e for e in self._events if e.get("event_id") != event_id]
            if len(kept) != len(self._events):
                self._events = kept
                self._save()

    # storage
    def _key(self, create: bool) -> bytes | None:
        assert self._secrets is not None
        text = self._secrets.get(KEYRING_QUEUE_KEY)
        if text:
            try:
                key = base64.urlsafe_b64decode(text)
            except (binascii.Error, ValueError):
                key = b""
            if len(key) == 32:
                return key
        if not create:
            return None
        key = AESGCM.generate_key(bit_length=256)
        self._secrets.set(KEYRING_QUEUE_KEY, base64.urlsafe_b64encode(key).decode())
        return key

    def _load(self) -> list[Event]:
        if self._path is None or not self._path.exists():
            return []
        try:
            key = self._key(create=False)
        except SecretsUnavailable as exc:
            # The keyring may answer at the next run: the file is kept for it, untouched.
            log.warning("event queue of an earlier run left for the next one: %s", exc)
            self._path = None
            return []
        try:
            blob = self._path.read_bytes()
            if key is None or not blob.startswith(MAGIC) or len(blob) < len(MAGIC) + 12:
                raise ValueError("no key or not a queue file")
            nonce = blob[len(MAGIC):len(MAGIC) + 12]
            plain = AESGCM(key).decrypt(nonce, blob[len(MAGIC) + 12:], MAGIC)
            data = json.loads(plain)
            if not isinstance(data, list) or not all(isinstance(e, dict) for e in data):
                raise ValueError("not a list of events")
            return data
        except (OSError, ValueError, InvalidTag) as exc:
            # Without its key the file can never be read again: remove it rather than keep junk.
            log.warning("discarding unreadable event queue %s: %s", self._path, type(exc).__name__)
            self._path.unlink(missing_ok=True)
            return []

    def _save(self) -> None:
        if self._path is None:
            return
        try:
            self._write(self._path)
        except (OSError, SecretsUnavailable) as exc:
            # The exam goes on: keep the events in memory rather than fail or write them in clear.
            log.warning("event queue kept in memory only: %s", exc)
            with contextlib.suppress(OSError):
                self._path.unlink(missing_ok=True)
            self._path = None

    def _write(self, path: Path) -> None:
        if not self._events:
            path.unlink(missing_ok=True)
            return
        key = self._key(create=True)
        assert key is not None
        nonce = os.urandom(12)
        plain = json.dumps(self._events, separators=(",", ":")).encode()
        blob = MAGIC + nonce + AESGCM(key).encrypt(nonce, plain, MAGIC)
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        tmp = path.with_name(path.name + ".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(blob)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
