"""How the student (or a proctor) may leave the exam with Ctrl+Q: pure rules, no Qt."""

from __future__ import annotations

import hashlib
import hmac
from enum import Enum

from lockdown.config.model import ExamConfig


class QuitMode(Enum):
    """What Ctrl+Q does for this exam."""

    PASSWORD = "password"  # noqa: S105  # the name of a mode, not a password
    """Ask for the quit password (SEB's hashedQuitPassword)."""
    CONFIRM = "confirm"
    """Quitting is allowed without a password: ask for confirmation."""
    DISABLED = "disabled"
    """Only the quit URL ends the exam; Ctrl+Q explains that."""


def quit_mode(config: ExamConfig) -> QuitMode:
    """A configured password always works (a proctor's way out); otherwise allow_quit decides."""
    if config.hashed_quit_password:
        return QuitMode.PASSWORD
    return QuitMode.CONFIRM if config.allow_quit else QuitMode.DISABLED


def password_matches(entered: str, hashed: str) -> bool:
    """SHA-256 hex of what was typed against the configured hash, compared in constant time."""
    digest = hashlib.sha256(entered.encode("utf-8")).hexdigest()
    return hmac.compare_digest(digest, hashed.strip().lower())
