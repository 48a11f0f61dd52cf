"""Every location lockdown may write, every keyring entry and every shortcut, in one place.

The kiosk, the installer and the uninstaller all ask this module, so the uninstaller can find
everything the program could have left behind. `lockdown paths` prints it. Each OS's base
folders come from its folder in lockdown/platform/ (`Platform.folders`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from lockdown import APP_NAME
from lockdown.platform import OsName, get_platform

KEYRING_SERVICE = APP_NAME
"""Service name of every keyring item lockdown creates."""

KEYRING_QUEUE_KEY = "event-queue-key"
"""Keyring user name of the key that encrypts the offline event queue."""

KEYRING_SESSION_TOKEN = "session-token"  # noqa: S105 (an entry name, not a secret)
"""Keyring user name of the pseudonymous exam-session token (deleted at the end of each exam)."""

KEYRING_ENTRIES: tuple[tuple[str, str], ...] = (
    (KEYRING_SERVICE, KEYRING_QUEUE_KEY),
    (KEYRING_SERVICE, KEYRING_SESSION_TOKEN),
)

SESSION_TMP_PREFIX = f"{APP_NAME}-session-"
"""Prefix of the per-session temporary folder that holds Qt's caches during an exam."""


@dataclass(frozen=True)
class Paths:
    """Where lockdown writes, for one user on one OS."""

    os: OsName
    home: Path
    data: Path
    config: Path
    cache: Path
    state: Path
    log: Path
    install: Path
    shortcuts: tuple[Path, ...]
    temp_root: Path
    registry_keys: tuple[str, ...] = ()
    mimeapps: Path | None = None
    """The freedesktop file naming the default program for link schemes and file types, where
    lockdown adds lines (undone line by line at uninstall)."""
    mime_database: Path | None = None
    """The user's freedesktop MIME database, where lockdown adds the `.seb` file type."""
    handler_keys: tuple[str, ...] = ()
    """Registry keys under HKCU\\Software\\Classes that make lockdown open links and files."""

    @property
    def receipt(self) -> Path:
        """The installer's list of what it created; kept outside the bundle it describes."""
        return self.data / "receipt.json"

    @property
    def pending_removals(self) -> Path:
        """Folders an earlier run could not remove, tried again at the next start (lockdown.leftovers)."""
        return self.state / "pending-removals.json"

    @property
    def volume_record(self) -> Path:
        """The volume as it was before an exam changed it, until it is put back (lockdown.sound)."""
        return self.state / "volume-before-exam.json"

    @property
    def event_queue(self) -> Path:
        """The encrypted offline queue of exam events."""
        return self.state / "event-queue.bin"

    def owned_roots(self) -> tuple[Path, ...]:
        """Folders that belong to lockdown as a whole: the uninstaller may delete only inside these."""
        roots = [self.install, self.data, self.config, self.cache, self.state, self.log]
        seen: list[Path] = []
        for r in roots:
            if r not in seen:
                seen.append(r)
        return tuple(seen)

    def owned_files(self) -> tuple[Path, ...]:
        """Single files outside the owned roots that lockdown creates (shortcuts)."""
        return self.shortcuts

    def session_temp_dirs(self) -> list[Path]:
        """Per-session temporary folders left by a kiosk that was killed."""
        try:
            return sorted(self.temp_root.glob(SESSION_TMP_PREFIX + "*"))
        except OSError:
            return []

    def as_dict(self) -> dict[str, object]:
        """A JSON-friendly view, for `lockdown paths --json` and the uninstaller's report."""
        return {
            "os": self.os,
            "install": str(self.install),
            "data": str(self.data),
            "config": str(self.config),
            "cache": str(self.cache),
            "state": str(self.state),
            "log": str(self.log),
            "receipt": str(self.receipt),
            "event_queue": str(self.event_queue),
            "pending_removals": str(self.pending_removals),
            "volume_record": str(self.volume_record),
            "session_temp": str(self.temp_root / (SESSION_TMP_PREFIX + "*")),
            "shortcuts": [str(s) for s in self.shortcuts],
            "registry_keys": list(self.registry_keys),
            "mimeapps": None if self.mimeapps is None else str(self.mimeapps),
            "mime_database": None if self.mime_database is None else str(self.mime_database),
            "handler_keys": list(self.handler_keys),
            "keyring": [f"{svc}/{user}" for svc, user in KEYRING_ENTRIES],
        }


def get_paths(os_name: OsName | None = None, home: Path | None = None,
              env: Mapping[str, str] | None = None) -> Paths:
    """The locations for this user, laid out by the OS's folder; `os_name`, `home` and `env` are
    injectable for tests."""
    environ = os.environ if env is None else env
    return get_platform(os_name).folders(home or Path.home(), environ)
