"""Every location lockdown may write, every keyring entry and every shortcut, in one place.

The kiosk, the installer and the uninstaller all ask this module, so the uninstaller can find
everything the program could have left behind. `lockdown paths` prints it.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from lockdown import APP_NAME
from lockdown.osname import OsName, current_os

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

    @property
    def receipt(self) -> Path:
        """The installer's list of what it created; kept outside the bundle it describes."""
        return self.data / "receipt.json"

    @property
    def pending_removals(self) -> Path:
        """Folders an earlier run could not remove, tried again at the next start (lockdown.leftovers)."""
        return self.state / "pending-removals.json"

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
            "session_temp": str(self.temp_root / (SESSION_TMP_PREFIX + "*")),
            "shortcuts": [str(s) for s in self.shortcuts],
            "registry_keys": list(self.registry_keys),
            "keyring": [f"{svc}/{user}" for svc, user in KEYRING_ENTRIES],
        }


def _linux(home: Path, env: Mapping[str, str]) -> Paths:
    # platformdirs reads XDG_* and HOME from the process environment itself.
    dirs = platformdirs.unix.Unix(APP_NAME, appauthor=False)
    data = Path(dirs.user_data_dir)
    state = Path(dirs.user_state_dir)
    apps = data.parent / "applications"
    return Paths(
        os="linux",
        home=home,
        data=data,
        config=Path(dirs.user_config_dir),
        cache=Path(dirs.user_cache_dir),
        state=state,
        log=state / "log",
        install=data / "app",
        shortcuts=(apps / "lockdown.desktop", apps / "lockdown-uninstall.desktop"),
        temp_root=Path(tempfile.gettempdir()),
    )


def _windows(home: Path, env: Mapping[str, str]) -> Paths:
    # platformdirs asks the Windows shell API; these are the same folders read from the
    # environment so the layout can be computed (and tested) on any OS.
    local = Path(env.get("LOCALAPPDATA") or home / "AppData" / "Local")
    roaming = Path(env.get("APPDATA") or home / "AppData" / "Roaming")
    base = local / APP_NAME
    menu = roaming / "Microsoft" / "Windows" / "Start Menu" / "Programs" / "Lockdown"
    return Paths(
        os="windows",
        home=home,
        data=base,
        config=base,
        cache=base / "Cache",
        state=base,
        log=base / "Logs",
        install=local / "Programs" / APP_NAME,
        shortcuts=(menu / "Lockdown exam.lnk", menu / "Uninstall Lockdown.lnk", menu),
        temp_root=Path(env.get("TEMP") or local / "Temp"),
        registry_keys=(r"HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\lockdown",),
    )


def _macos(home: Path, env: Mapping[str, str]) -> Paths:
    lib = home / "Library"
    support = lib / "Application Support" / APP_NAME
    return Paths(
        os="macos",
        home=home,
        data=support,
        config=support,
        cache=lib / "Caches" / APP_NAME,
        state=support,
        log=lib / "Logs" / APP_NAME,
        install=home / "Applications" / "Lockdown.app",
        shortcuts=(),
        temp_root=Path(env.get("TMPDIR") or tempfile.gettempdir()),
    )


def get_paths(os_name: OsName | None = None, home: Path | None = None,
              env: Mapping[str, str] | None = None) -> Paths:
    """The locations for this user; `os_name`, `home` and `env` are injectable for tests."""
    name = os_name or current_os()
    environ = os.environ if env is None else env
    home_dir = home or Path.home()
    if name == "windows":
        return _windows(home_dir, environ)
    if name == "macos":
        return _macos(home_dir, environ)
    return _linux(home_dir, environ)
