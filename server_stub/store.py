"""The stub's state in SQLite: sessions, events, compatibility reports and the admins' access log.

One connection guarded by a lock: FastAPI runs plain endpoints in a thread pool, and the stub's load
is a handful of students, so serialising writes keeps it simple and correct.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass

_SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    token_hash TEXT PRIMARY KEY,
    pseudonym TEXT NOT NULL,
    config_key TEXT NOT NULL,
    created_at REAL NOT NULL,
    closed_at REAL
);
CREATE TABLE IF NOT EXISTS events (
    event_id TEXT PRIMARY KEY,
    pseudonym TEXT NOT NULL,
    type TEXT NOT NULL,
    t INTEGER NOT NULL,
    received_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS reports (
    report_id TEXT PRIMARY KEY,
    os_family TEXT NOT NULL,
    os_version TEXT NOT NULL,
    arch TEXT NOT NULL,
    qt_version TEXT NOT NULL,
    lockdown_version TEXT NOT NULL,
    received_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS report_checks (
    report_id TEXT NOT NULL REFERENCES reports(report_id),
    name TEXT NOT NULL,
    status TEXT NOT NULL,
    PRIMARY KEY (report_id, name)
);
CREATE TABLE IF NOT EXISTS answers (
    attempt TEXT PRIMARY KEY,
    answers TEXT NOT NULL,
    submitted INTEGER NOT NULL DEFAULT 0,
    updated_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS access_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    who TEXT NOT NULL,
    at REAL NOT NULL,
    what TEXT NOT NULL
);
"""


def token_hash(token: str) -> str:
    """Sessions are looked up by the hash of their token, so the database never holds a usable token."""
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class SessionRow:
    pseudonym: str
    config_key: str
    closed: bool


class Store:
    """All reads and writes of the stub's database."""

    def __init__(self, path: str) -> None:
        self._lock = threading.Lock()
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.row_factory = sqlite3.Row
        if path != ":memory:":
            self._db.execute("PRAGMA journal_mode=WAL")
        self._db.executescript(_SCHEMA)

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def close(self) -> None:
        with self._lock:
            self._db.close()

    # sessions
    def create_session(self, token: str, pseudonym: str, config_key: str) -> None:
        with self._tx() as db:
            db.execute("INSERT INTO sessions VALUES (?, ?, ?, ?, NULL)",
                       (token_hash(token), pseudonym, config_key, time.time()))

    def session(self, token: str) -> SessionRow | None:
        with self._lock:
            row = self._db.execute("SELECT pseudonym, config_key, closed_at FROM sessions WHERE token_hash=?",
                                   (token_hash(token),)).fetchone()
        if row is None:
            return None
        return SessionRow(row["pseudonym"], row["config_key"], row["closed_at"] is not None)

    def close_session(self, token: str) -> None:
        with self._tx() as db:
            db.execute("UPDATE sessions SET closed_at=? WHERE token_hash=? AND closed_at IS NULL",
                       (time.time(), token_hash(token)))

    # events
    def add_event(self, pseudonym: str, event_id: str, type_: str, t: int) -> bool:
        """Store one event; False when this event_id was already stored (a resend)."""
        with self._tx() as db:
            cur = db.execute("INSERT OR IGNORE INTO events VALUES (?, ?, ?, ?, ?)",
                             (event_id, pseudonym, type_, t, time.time()))
            return cur.rowcount == 1

    def events(self) -> list[dict[str, object]]:
        with self._lock:
            rows = self._db.execute(
                "SELECT event_id, pseudonym AS session, type, t, received_at FROM events "
                "ORDER BY received_at, rowid").fetchall()
        return [dict(r) for r in rows]

    def purge_events(self, older_than: float) -> int:
        """Delete events received before `older_than` (epoch seconds); returns how many."""
        with self._tx() as db:
            return db.execute("DELETE FROM events WHERE received_at < ?", (older_than,)).rowcount

    # compatibility reports
    def add_report(self, report_id: str, fields: Mapping[str, str], checks: Mapping[str, str]) -> bool:
        """Store one report; False when this report_id was already stored."""
        with self._tx() as db:
            cur = db.execute(
                "INSERT OR IGNORE INTO reports VALUES (?, ?, ?, ?, ?, ?, ?)",
                (report_id, fields["os_family"], fields["os_version"], fields["arch"],
                 fields["qt_version"], fields["lockdown_version"], time.time()))
            if cur.rowcount != 1:
                return False
            db.executemany("INSERT INTO report_checks VALUES (?, ?, ?)",
                           [(report_id, name, status) for name, status in checks.items()])
            return True

    def check_counts(self) -> list[tuple[str, str, str, str, int]]:
        """(os_family, os_version, check, status, count) over every stored report."""
        with self._lock:
            rows = self._db.execute(
                "SELECT r.os_family, r.os_version, c.name, c.status, COUNT(*) FROM reports r "
                "JOIN report_checks c ON c.report_id = r.report_id "
                "GROUP BY r.os_family, r.os_version, c.name, c.status "
                "ORDER BY r.os_family, r.os_version, c.name").fetchall()
        return [(r[0], r[1], r[2], r[3], int(r[4])) for r in rows]

    def report_totals(self) -> dict[tuple[str, str], int]:
        with self._lock:
            rows = self._db.execute(
                "SELECT os_family, os_version, COUNT(*) FROM reports GROUP BY os_family, os_version"
            ).fetchall()
        return {(r[0], r[1]): int(r[2]) for r in rows}

    # exam answers (the exam platform's own data, not lockdown's)
    def save_answers(self, attempt: str, answers_json: str, submitted: bool) -> bool:
        """Save an attempt's answers; False when the attempt was already submitted (read-only)."""
        with self._tx() as db:
            row = db.execute("SELECT submitted FROM answers WHERE attempt=?", (attempt,)).fetchone()
            if row is not None and row["submitted"]:
                return False
            db.execute("INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?)",
                       (attempt, answers_json, int(submitted), time.time()))
            return True

    def answers(self, attempt: str) -> tuple[str, bool] | None:
        with self._lock:
            row = self._db.execute("SELECT answers, submitted FROM answers WHERE attempt=?",
                                   (attempt,)).fetchone()
        return None if row is None else (row["answers"], bool(row["submitted"]))

    # access log
    def log_access(self, who: str, what: str) -> None:
        with self._tx() as db:
            db.execute("INSERT INTO access_log (who, at, what) VALUES (?, ?, ?)", (who, time.time(), what))

    def access_log(self) -> list[dict[str, object]]:
        with self._lock:
            rows = self._db.execute("SELECT who, at, what FROM access_log ORDER BY id").fetchall()
        return [dict(r) for r in rows]
