"""The exam client: a pseudonymous session, events delivered exactly once, and a status for the banner.

`event()` never blocks and never fails because of the network: the event goes to the encrypted
queue and a background thread delivers it, retrying with backoff while the server is away. The
server de-duplicates on `event_id`, so an event whose reply was lost is sent again and still counts
once. Everything sent is built by `privacy.build_payload`.
"""

from __future__ import annotations

import enum
import logging
import re
import threading
import time
import uuid
from collections.abc import Callable

from lockdown import privacy
from lockdown.errors import NetworkError
from lockdown.net.http import NO_RETRY, HttpClient, HttpStatusError, RetryPolicy
from lockdown.net.queue import EventQueue
from lockdown.paths import KEYRING_SESSION_TOKEN, Paths, get_paths
from lockdown.secrets import KeyringSecrets, MemorySecrets, SecretStore, SecretsUnavailable

log = logging.getLogger(__name__)


class ConnectionStatus(enum.Enum):
    """What the kiosk's banner says about the exam server."""

    ONLINE = "online"
    RETRYING = "retrying"
    OFFLINE = "offline"


StatusCallback = Callable[[ConnectionStatus], None]

TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{16,128}")
"""A session token travels in a header: anything else from the server is refused, not sent back."""

BACKGROUND_RETRY = RetryPolicy(attempts=1, base_delay=0.5, max_delay=10.0)
"""Delays between the sender's attempts while the server is away (it never gives up)."""

HEARTBEAT_S = 10.0
"""After this long without any exchange, ask the server its time (no data sent), so the banner
also tells the student about an outage during a quiet stretch of the exam."""


class SessionToken:
    """The session token: in the keyring, so a run that crashed resumes its session, and in memory
    once the keyring fails (its D-Bus session gone, locked again): the exam goes on, and only that
    resume is lost."""

    def __init__(self, secrets: SecretStore) -> None:
        self._secrets: SecretStore | None = secrets
        self._memory: str | None = None

    def get(self) -> str | None:
        if self._secrets is not None:
            try:
                return self._secrets.get(KEYRING_SESSION_TOKEN)
            except SecretsUnavailable as exc:
                self._lost(exc)
        return self._memory

    def keep(self, token: str) -> None:
        self._memory = token
        if self._secrets is not None:
            try:
                self._secrets.set(KEYRING_SESSION_TOKEN, token)
            except SecretsUnavailable as exc:
                self._lost(exc)

    def forget(self) -> None:
        self._memory = None
        if self._secrets is not None:
            try:
                self._secrets.delete(KEYRING_SESSION_TOKEN)
            except SecretsUnavailable as exc:
                self._lost(exc)

    def _lost(self, exc: SecretsUnavailable) -> None:
        log.warning("%s: the session token is kept in memory from now on", exc)
        self._secrets = None


class ExamClient:
    """One exam's connection to its server; create it, `open_session()`, send events, `close_session()`."""

    def __init__(self, server_url: str, config_key: str, *, secrets: SecretStore, queue: EventQueue,
                 http: HttpClient | None = None, backoff: RetryPolicy = BACKGROUND_RETRY,
                 offline_after: int = 3, heartbeat: float = HEARTBEAT_S) -> None:
        self._http = http or HttpClient(server_url)
        self._session_payload = privacy.build_payload("session", {"config_key": config_key})
        self._token_store = SessionToken(secrets)
        self._queue = queue
        self._backoff = backoff
        self._offline_after = offline_after
        self._heartbeat = heartbeat
        self._last_contact = time.monotonic()
        self._callbacks: list[StatusCallback] = []
        self._status: ConnectionStatus | None = None
        self._failures = 0
        self._cond = threading.Condition()
        self._wake = False
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @classmethod
    def for_exam(cls, server_url: str, config_key: str, paths: Paths | None = None) -> ExamClient:
        """The production wiring: OS keyring and the encrypted queue file, or memory when no keyring."""
        p = paths or get_paths()
        secrets: SecretStore
        try:
            secrets = KeyringSecrets()
            persistent = True
        except SecretsUnavailable as exc:
            log.warning("%s: undelivered events will not survive a crash", exc)
            secrets, persistent = MemorySecrets(), False
        queue = EventQueue(p.event_queue if persistent else None, secrets)
        return cls(server_url, config_key, secrets=secrets, queue=queue)

    # status
    def on_status(self, callback: StatusCallback) -> None:
        """Call `callback` (from the sender thread) whenever the connection status changes."""
        self._callbacks.append(callback)

    @property
    def status(self) -> ConnectionStatus | None:
        return self._status

    @property
    def pending(self) -> int:
        return len(self._queue)

    def _set_status(self, status: ConnectionStatus) -> None:
        if status == self._status:
            return
        self._status = status
        for cb in list(self._callbacks):
            try:
                cb(status)
            except Exception:  # a broken banner must not stop event delivery
                log.exception("status callback failed")

    def _succeeded(self) -> None:
        self._failures = 0
        self._last_contact = time.monotonic()
        self._set_status(ConnectionStatus.ONLINE)

    def _failed(self, exc: NetworkError) -> float:
        self._failures += 1
        log.info("exam server: %s", exc)
        offline = self._failures >= self._offline_after
        self._set_status(ConnectionStatus.OFFLINE if offline else ConnectionStatus.RETRYING)
        return self._backoff.delay(self._failures)

    # session
    def _token(self) -> str | None:
        return self._token_store.get()

    def _new_session(self, retry: RetryPolicy | None) -> str:
        reply = self._http.json("POST", "/api/session", json_body=self._session_payload, retry=retry)
        token = reply.get("token")
        if not isinstance(token, str) or not TOKEN_RE.fullmatch(token):
            raise NetworkError("net.no_token", server=self._http.base_url)
        self._token_store.keep(token)
        return token

    def open_session(self) -> None:
        """Get a session token (or reuse the one a crashed run left) and start delivering events.

        Raises `NetworkError` when the server cannot be reached; delivery keeps trying in the
        background, so the exam can go on and the events arrive once the server is back.
        """
        try:
            if self._token() is None:
                # one attempt: the kiosk is waiting to show the exam, and the sender thread
                # keeps trying in the background anyway
                self._new_session(retry=NO_RETRY)
            self._succeeded()
        except NetworkError as exc:
            self._failed(exc)
            raise
        finally:
            self._start()

    def _start(self) -> None:
        if self._thread is None:
            self._stop.clear()
            self._thread = threading.Thread(target=self._run, name="lockdown-events", daemon=True)
            self._thread.start()

    # events
    def event(self, type_: str, t: int) -> str:
        """Queue one event (type from privacy.EVENT_TYPES, `t` seconds since the exam started).

        Returns its random event_id.
        """
        event_id = str(uuid.uuid4())
        self._queue.push(privacy.build_payload("event", {"event_id": event_id, "type": type_, "t": t}))
        with self._cond:
            self._wake = True
            self._cond.notify_all()
        return event_id

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until every queued event is delivered; False if some are still queued after `timeout`."""
        deadline = time.monotonic() + timeout
        with self._cond:
            self._wake = True
            self._cond.notify_all()
            while len(self._queue) and self._thread is not None:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self._cond.wait(min(left, 0.1))
        return len(self._queue) == 0

    def _sleep(self, seconds: float) -> None:
        """Wait between attempts; only stopping cuts it short, so new events do not defeat the backoff."""
        self._stop.wait(seconds)

    def _deliver_one(self, token: str, event: dict[str, object]) -> str | None:
        """Send one event; returns the token to use next (None when the session must be reopened)."""
        try:
            self._http.json("POST", "/api/events", json_body=event,
                            headers={"Authorization": f"Bearer {token}"}, retry=NO_RETRY)
        except HttpStatusError as exc:
            if exc.status == 401:
                self._token_store.forget()
                return None
            if 400 <= exc.status < 500 and exc.status not in (408, 429):
                log.error("event refused by the server, dropped: %s", exc)
                self._queue.remove(event["event_id"])
                return token
            raise
        self._queue.remove(event["event_id"])
        return token

    def _heartbeat_due(self) -> bool:
        return self._heartbeat > 0 and time.monotonic() - self._last_contact >= self._heartbeat

    def _run(self) -> None:
        while not self._stop.is_set():
            with self._cond:
                while (not self._wake and not len(self._queue) and not self._stop.is_set()
                       and not self._heartbeat_due()):
                    self._cond.wait(min(1.0, self._heartbeat) if self._heartbeat > 0 else 1.0)
                self._wake = False
            if self._stop.is_set():
                return
            try:
                if not len(self._queue):
                    self._http.json("GET", "/api/time", retry=NO_RETRY)  # heartbeat: no data sent
                    self._succeeded()
                    continue
                token = self._token() or self._new_session(retry=NO_RETRY)
                for event in self._queue.pending():
                    if self._stop.is_set():
                        return
                    next_token = self._deliver_one(token, event)
                    if next_token is None:
                        break
                    token = next_token
                    self._succeeded()
            except NetworkError as exc:
                self._sleep(self._failed(exc))
            with self._cond:
                self._cond.notify_all()

    def close_session(self, timeout: float = 10.0) -> int:
        """Deliver what can be delivered, end the session on the server, delete the token.

        Returns how many events are still undelivered (they stay in the encrypted queue).
        """
        self.flush(timeout)
        self._stop.set()
        with self._cond:
            self._cond.notify_all()
        if self._thread is not None:
            self._thread.join(timeout=5.0)
            self._thread = None
        token = self._token()
        if token is not None:
            try:
                self._http.json("DELETE", "/api/session", headers={"Authorization": f"Bearer {token}"},
                                retry=RetryPolicy(attempts=2, base_delay=0.2, max_delay=1.0))
            except NetworkError as exc:
                log.info("could not end the session on the server: %s", exc)
            self._token_store.forget()
        self._http.close()
        return len(self._queue)
