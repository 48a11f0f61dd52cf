"""Keep a Qt program from leaving accidental traces: its caches go to a folder removed on exit.

A bare QtWebEngine window run once leaves `~/.cache/<program>/` (Qt's shader and pipeline caches),
`~/.cache/fontconfig/`, `~/.cache/mesa_shader_cache/`, Chromium's temporary files and, without a
D-Bus session, `~/.dbus/session-bus/`. Deleting those later could remove files other programs
share, so instead, BEFORE Qt starts, this process's cache and temporary folders are pointed at one
per-session folder named `<paths.SESSION_TMP_PREFIX><pid>-<random>`, removed at the end. A folder
left by a killed process is removed by the next session (`remove_leftovers`) and by the
uninstaller (`Paths.session_temp_dirs()`). One that cannot be removed is never passed over in
silence: the end raises `leftovers.LeftoversRemain` and records it in `Paths.pending_removals`,
and the next session tries it again (`lockdown.leftovers`). XDG_CONFIG_HOME and XDG_DATA_HOME are
left alone: the student's fonts, themes and accessibility settings are read from there. No Qt in
this module.
Used by the installer and uninstaller windows and by the kiosk.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
from collections.abc import Iterator, MutableMapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import psutil

from lockdown.launch import is_debugging_switch
from lockdown.leftovers import Leftover, LeftoversRemain, PendingRemovals, remove_folder
from lockdown.paths import SESSION_TMP_PREFIX

log = logging.getLogger(__name__)

_DEBUG_VARIABLES = ("QTWEBENGINE_REMOTE_DEBUGGING",)
"""Variables that would open Chromium's developer tools to anyone on the machine."""


def session_environment(folder: Path, environ: MutableMapping[str, str]) -> dict[str, str | None]:
    """The variables to set (None: to remove) so caches and temporary files land in `folder`."""
    cache = folder / "cache"
    tmp = str(folder / "tmp")
    changes: dict[str, str | None] = {
        "XDG_CACHE_HOME": str(cache),  # fontconfig, Mesa, Qt's cache location, QtWebEngine's cache
        "MESA_SHADER_CACHE_DIR": str(cache / "mesa"),
        "MESA_SHADER_CACHE_DISABLE": "true",
        "MESA_GLSL_CACHE_DISABLE": "true",
        "QML_DISABLE_DISK_CACHE": "1",
        "QSG_RHI_DISABLE_DISK_CACHE": "1",
        "__GL_SHADER_DISK_CACHE": "0",
        "TMPDIR": tmp,  # Qt's and Chromium's temporary files; TMP/TEMP on Windows
        "TMP": tmp,
        "TEMP": tmp,
        "PYTHONDONTWRITEBYTECODE": "1",  # no __pycache__ from any Python this process starts
    }
    for name in _DEBUG_VARIABLES:
        changes[name] = None
    flags = environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
    kept = [f for f in flags.split() if not (f.startswith("-") and is_debugging_switch(f.lstrip("-")))]
    if kept != flags.split():
        changes["QTWEBENGINE_CHROMIUM_FLAGS"] = " ".join(kept)
    if not environ.get("DBUS_SESSION_BUS_ADDRESS"):
        # No session bus: no screen reader to talk to either, and libdbus would otherwise
        # "autolaunch" one and leave ~/.dbus behind.
        changes["DBUS_SESSION_BUS_ADDRESS"] = "disabled:"
    return changes


def owner_pid(folder: Path) -> int | None:
    """The PID encoded in a session folder's name (`lockdown-session-<pid>-<random>`)."""
    head = folder.name[len(SESSION_TMP_PREFIX):].split("-", 1)[0]
    return int(head) if head.isdigit() else None


def _mine(folder: Path) -> bool:
    """On systems with user ids, only our own folders (a shared /tmp holds other users' too)."""
    getuid = getattr(os, "getuid", None)
    return getuid is None or folder.lstat().st_uid == getuid()


@dataclass
class Cleanup:
    """What a start removed of earlier sessions' folders, and what it still could not remove."""

    removed: list[Path] = field(default_factory=list)
    left: list[Leftover] = field(default_factory=list)


def _in_use(folder: Path) -> bool:
    """A session folder whose lockdown process is still running."""
    pid = owner_pid(folder)
    return pid is not None and psutil.pid_exists(pid)


def _removable_session_folder(folder: Path) -> bool:
    """Ours, a real folder with a session folder's name, and its process is gone."""
    if not folder.is_absolute() or not folder.name.startswith(SESSION_TMP_PREFIX) or _in_use(folder):
        return False
    try:
        return folder.is_dir() and not folder.is_symlink() and _mine(folder)
    except OSError:
        return False


def remove_leftovers(temp_root: Path, pending: PendingRemovals | None = None) -> Cleanup:
    """Remove the session folders of processes no longer running, in `temp_root` and in the record.

    What still cannot be removed is kept in the record (when there is one) and returned.
    """
    candidates = sorted(temp_root.glob(SESSION_TMP_PREFIX + "*"))
    recorded = pending.folders() if pending is not None else []
    candidates += [f for f in recorded if f not in candidates]
    cleanup = Cleanup()
    for folder in candidates:
        if not _removable_session_folder(folder):
            continue
        left = remove_folder(folder)
        if left is None:
            cleanup.removed.append(folder)
            log.info("removed %s, left by an earlier session", folder)
        else:
            cleanup.left.append(left)
    if pending is not None:
        in_use = [Leftover(f, "in use") for f in recorded
                  if f.name.startswith(SESSION_TMP_PREFIX) and _in_use(f) and os.path.lexists(f)]
        try:
            pending.replace([*cleanup.left, *in_use])
        except OSError as exc:
            log.warning("the record %s cannot be updated: %s", pending.file, exc)
    return cleanup


class SessionTempDir:
    """Operation: create the session folder and point this process's caches at it; undo both.

    `pending`: the record of folders to try again at the next start; without one (the uninstaller,
    after which nothing starts again) a folder that stays is only reported.
    """

    name = "session-temp-dir"

    def __init__(self, environ: MutableMapping[str, str] | None = None,
                 temp_root: Path | None = None, pending: PendingRemovals | None = None) -> None:
        self._environ = os.environ if environ is None else environ
        self._temp_root = Path(tempfile.gettempdir()) if temp_root is None else temp_root
        self._pending = pending
        self._saved: dict[str, str | None] = {}
        self.folder: Path | None = None
        self.earlier = Cleanup()
        """What this start did with earlier sessions' folders (`left`: still there, to report)."""

    def perform(self) -> None:
        self.earlier = remove_leftovers(self._temp_root, self._pending)
        self.folder = Path(tempfile.mkdtemp(prefix=f"{SESSION_TMP_PREFIX}{os.getpid()}-",
                                            dir=self._temp_root))
        (self.folder / "cache").mkdir()
        (self.folder / "tmp").mkdir()
        sys.dont_write_bytecode = True
        for key, value in session_environment(self.folder, self._environ).items():
            self._saved[key] = self._environ.get(key)
            if value is None:
                self._environ.pop(key, None)
            else:
                self._environ[key] = value

    def revert(self) -> None:
        """Restore the variables, remove the folder; raise LeftoversRemain if anything of it stays."""
        for key, old in self._saved.items():
            if old is None:
                self._environ.pop(key, None)
            else:
                self._environ[key] = old
        self._saved = {}
        if self.folder is None:
            return
        left = remove_folder(self.folder)
        self.folder = None
        if left is None:
            return
        recorded = False
        if self._pending is None:
            log.warning("session folder %s could not be removed (%s); not recorded", left.path, left.reason)
        else:
            try:
                self._pending.add([left])
                recorded = True
                log.warning("session folder %s could not be removed (%s); recorded in %s for the next start",
                            left.path, left.reason, self._pending.file)
            except OSError as exc:
                log.warning("session folder %s could not be removed (%s); the record %s cannot be "
                            "written (%s)", left.path, left.reason, self._pending.file, exc)
        raise LeftoversRemain([left], will_retry=recorded)


@contextmanager
def trace_free(temp_root: Path | None = None,
               environ: MutableMapping[str, str] | None = None,
               pending: PendingRemovals | None = None) -> Iterator[Path]:
    """`with trace_free() as folder:` start Qt inside; the folder is gone afterwards, or
    LeftoversRemain says what stays (recorded in `pending` for the next start, when given)."""
    session = SessionTempDir(environ, temp_root, pending)
    session.perform()
    assert session.folder is not None
    try:
        yield session.folder
    finally:
        session.revert()
