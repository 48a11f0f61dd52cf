"""Qt's accidental caches go to a per-session folder that is removed at the end."""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path

import pytest

from lockdown.paths import SESSION_TMP_PREFIX
from lockdown.tracefree import remove_leftovers, trace_free
from tests.install.helpers import all_paths
from tests.support.users import User, run_as, user_python


def test_caches_point_into_the_session_folder_and_everything_is_undone(tmp_path: Path) -> None:
    env = {"XDG_CACHE_HOME": "/home/s/.cache", "QTWEBENGINE_REMOTE_DEBUGGING": "9222"}
    with trace_free(tmp_path, env) as folder:
        assert folder.parent == tmp_path and folder.name.startswith(f"{SESSION_TMP_PREFIX}{os.getpid()}-")
        assert env["XDG_CACHE_HOME"] == str(folder / "cache")
        assert env["TMPDIR"] == str(folder / "tmp") and Path(env["TMPDIR"]).is_dir()
        assert env["DBUS_SESSION_BUS_ADDRESS"] == "disabled:"
        assert "QTWEBENGINE_REMOTE_DEBUGGING" not in env
    assert env == {"XDG_CACHE_HOME": "/home/s/.cache", "QTWEBENGINE_REMOTE_DEBUGGING": "9222"}
    assert list(tmp_path.iterdir()) == []


def test_leftover_of_a_dead_process_is_removed_a_live_one_kept(tmp_path: Path) -> None:
    dead = tmp_path / f"{SESSION_TMP_PREFIX}999999999-x"
    live = tmp_path / f"{SESSION_TMP_PREFIX}{os.getpid()}-x"
    other = tmp_path / "not-ours"
    for folder in (dead, live, other):
        folder.mkdir()
    assert remove_leftovers(tmp_path).removed == [dead]
    assert live.exists() and other.exists()


QT_PROGRAM = """
import sys
from contextlib import nullcontext
from lockdown.tracefree import trace_free
with trace_free() if sys.argv[1] == "trace-free" else nullcontext():
    from PySide6.QtGui import QFontDatabase
    from PySide6.QtWidgets import QApplication, QLabel
    app = QApplication([])
    label = QLabel("trace-free " + ", ".join(QFontDatabase.families()[:3]))
    label.show()
    app.processEvents()
    label.grab()
    app.quit()
    del label, app
"""


@pytest.mark.asuser
def test_a_real_qt_window_leaves_nothing_in_home_or_temp(unprivileged_user: User) -> None:
    """A user font makes fontconfig write its cache: ~/.cache/fontconfig without the helper."""
    home = unprivileged_user.home
    fonts = home / ".local" / "share" / "fonts"
    env = {"QT_QPA_PLATFORM": "offscreen"}

    def run(mode: str) -> None:
        result = run_as(unprivileged_user, [str(user_python()), "-c", QT_PROGRAM, mode], env=env,
                        keyring=False)
        assert result.returncode == 0, result.stderr

    run_as(unprivileged_user, ["mkdir", "-p", str(fonts)], keyring=False)
    run_as(unprivileged_user, ["cp", "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf", str(fonts)],
           keyring=False)
    before_home = all_paths(home)
    before_tmp = _users_tmp_files(unprivileged_user.uid)
    run("plain")
    assert (home / ".cache" / "fontconfig").is_dir()  # the trace this helper exists to avoid
    shutil.rmtree(home / ".cache")
    run("trace-free")
    assert all_paths(home) == before_home
    assert _users_tmp_files(unprivileged_user.uid) == before_tmp


def _users_tmp_files(uid: int) -> set[str]:
    found = set()
    for dirpath, dirnames, filenames in os.walk("/tmp"):
        for name in dirnames + filenames:
            path = os.path.join(dirpath, name)
            with contextlib.suppress(OSError):
                if os.lstat(path).st_uid == uid:
                    found.add(path)
    return found
