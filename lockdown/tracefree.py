"""Keep a Qt program from leaving accidental traces: its caches go to a folder removed on exit.

A bare QtWebEngine window run once leaves `~/.cache/<program>/` (Qt's shader and pipeline caches),
`~/.cache/fontconfig/`, `~/.cache/mesa_shader_cache/`, Chromium's temporary files and, without a
D-Bus session, `~/.dbus/session-bus/`. Deleting those later could remove files other programs
share, so instead, BEFORE Qt starts, this process's cache and temporary folders are pointed at one
per-session folder named `<paths.SESSION_TMP_PREFIX><pid>-<random>`, removed at the end. A folder
left by a killed process is removed by the next session (`remove_leftovers`) and by the
uninstaller (`Paths.session_temp_dirs()`). XDG_CONFIG_HOME and XDG_DATA_HOME are left alone: the
student's fonts, themes and accessibility settings are read from there. No Qt in this module.
Used by the installer and uninstaller windows and by the kiosk.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Iterator, MutableMapping
from contextlib import contextmanager
from pathlib import Path

import psutil

from lockdown.launch import is_debugging_switch
from lockdown.paths import SESSION_TMP_PREFIX

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


def remove_leftovers(temp_root: Path) -> list[Path]:
    """Remove session folders whose process is no longer running; return what was removed."""
    removed = []
    for folder in sorted(temp_root.glob(SESSION_TMP_PREFIX + "*")):
        pid = owner_pid(folder)
        if pid is not None and psutil.pid_exists(pid):
            continue
        if folder.is_dir() and not folder.is_symlink() and _mine(folder):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


class SessionTempDir:
    """Operation: create the session folder and point this process's caches at it; undo both."""

    name = "session-temp-dir"

    def __init__(self, environ: MutableMapping[str, str] | None = None,
                 temp_root: Path | None = None) -> None:
        self._environ = os.environ if environ is None else environ
        self._temp_root = Path(tempfile.gettempdir()) if temp_root is None else temp_root
        self._saved: dict[str, str | None] = {}
        self.folder: Path | None = None

    def perform(self) -> None:
        remove_leftovers(self._temp_root)
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
        for key, old in self._saved.items():
            if old is None:
                self._environ.pop(key, None)
            else:
                self._environ[key] = old
        self._saved = {}
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None


@contextmanager
def trace_free(temp_root: Path | None = None,
               environ: MutableMapping[str, str] | None = None) -> Iterator[Path]:
    """`with trace_free() as folder:` start Qt inside; the folder is gone afterwards."""
    session = SessionTempDir(environ, temp_root)
    session.perform()
    assert session.folder is not None
    try:
        yield session.folder
    finally:
        session.revert()
