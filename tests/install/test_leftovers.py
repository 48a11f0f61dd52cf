"""A folder lockdown cannot remove is said (what, where, why), recorded, and removed at the next start.

The undeletable folder is real: an ordinary user's session folder holding a folder without write
permission, so the file inside cannot be unlinked by its owner. Root ignores such permissions, so the
end-to-end tests run as a freshly created user; the record's own logic is tested in-process.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import pytest

from lockdown.leftovers import Leftover, LeftoversRemain, PendingRemovals, remove_folder
from lockdown.paths import SESSION_TMP_PREFIX
from lockdown.tracefree import remove_leftovers
from tests.install.helpers import all_paths
from tests.support.users import User, run_as, user_python

DEAD = f"{SESSION_TMP_PREFIX}999999999-"  # no process has this pid: an ended session's folder


def test_the_record_lists_what_stays_and_goes_with_the_folders_made_for_it(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    record = PendingRemovals(home / ".local" / "state" / "lockdown" / "pending-removals.json")
    left = Leftover(tmp_path / f"{DEAD}a", "Permission denied: x")
    record.add([left])
    data = json.loads(record.file.read_text(encoding="utf-8"))
    assert data["folders"] == [{"path": str(left.path), "reason": "Permission denied: x"}]
    assert data["created"] == [str(home / ".local"), str(home / ".local" / "state"),
                               str(home / ".local" / "state" / "lockdown")]
    record.add([left])  # the same folder twice is one entry
    assert record.folders() == [left.path]
    record.replace([])
    assert list(home.iterdir()) == []


def test_clearing_the_record_keeps_a_folder_that_now_holds_something_else(tmp_path: Path) -> None:
    state = tmp_path / "state"
    record = PendingRemovals(state / "lockdown" / "pending-removals.json")
    record.add([Leftover(tmp_path / f"{DEAD}a", "busy")])
    (state / "lockdown" / "journal.json").write_text("{}", encoding="utf-8")
    record.replace([])
    assert sorted(p.name for p in state.rglob("*")) == ["journal.json", "lockdown"]


def test_an_unreadable_record_is_said_and_replaced(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    record = PendingRemovals(tmp_path / "pending-removals.json")
    record.file.write_text("{not json", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        assert record.folders() == []
    assert "cannot be read" in caplog.text and str(record.file) in caplog.text
    record.replace([])
    assert not record.file.exists()


def test_a_recorded_folder_elsewhere_is_removed_at_the_next_start_and_a_foreign_path_never(
        tmp_path: Path) -> None:
    temp_now, temp_then = tmp_path / "tmp-now", tmp_path / "tmp-then"
    temp_now.mkdir()
    recorded = temp_then / f"{DEAD}x"
    (recorded / "cache").mkdir(parents=True)
    precious = tmp_path / "precious"  # a record is a plain file: a path in it is not trusted
    precious.mkdir()
    record = PendingRemovals(tmp_path / "state" / "pending-removals.json")
    record.add([Leftover(recorded, "Permission denied"), Leftover(precious, "?")])
    cleanup = remove_leftovers(temp_now, record)
    assert cleanup.removed == [recorded] and cleanup.left == []
    assert not recorded.exists() and precious.is_dir()
    assert not record.file.exists() and not (tmp_path / "state").exists()


def test_remove_folder_says_nothing_when_all_is_gone(tmp_path: Path) -> None:
    folder = tmp_path / "f"
    (folder / "a" / "b").mkdir(parents=True)
    (folder / "a" / "b" / "c.txt").write_text("x", encoding="utf-8")
    os.symlink(tmp_path, folder / "link")  # removed as a link, its target untouched
    assert remove_folder(folder) is None
    assert not folder.exists() and tmp_path.is_dir()
    assert remove_folder(folder) is None  # already gone


def test_the_message_says_what_where_and_why_in_both_languages() -> None:
    left = Leftover(Path("/tmp/lockdown-session-12-ab"), "Permission denied: /tmp/lockdown-session-12-ab/x")
    retry = LeftoversRemain([left], will_retry=True)
    assert retry.exit_code == 1 and str(retry) == retry.text("en")
    for lang, words in (("en", "will try again"), ("fr", "réessaiera")):
        text = retry.text(lang)  # type: ignore[arg-type]
        assert "/tmp/lockdown-session-12-ab " in text and "Permission denied" in text and words in text
        assert "\n" not in text
    told = LeftoversRemain([left], will_retry=False).text("fr")
    assert "réessaiera" not in told and "supprimer ce dossier vous-même" in told


# ---- as an ordinary user: real permissions ---------------------------------------------------

EXAM = r"""
import json, os, sys
from pathlib import Path
from lockdown.app import run_exam
from lockdown.integrity.selfcheck import SelfCheckResult

class Nothing:
    def __init__(self, name): self.name = name
    def perform(self): pass
    def revert(self): pass

class Student:
    # Sits the exam; with "lock", the exam's session folder gets a file its owner cannot delete.
    def __init__(self, mode): self.mode = mode
    def show_notice(self, check): return self.mode == "lock"
    def screen_count(self): return 1
    def review_environment(self, findings, screens_ok, running, close): return "start"
    def open_kiosk(self, keys, tools): pass
    def window_operation(self, kind, events): return Nothing(kind)
    def kiosk_window_id(self): return 0
    def show(self, event): pass
    def run_kiosk(self):
        locked = Path(os.environ["XDG_CACHE_HOME"]) / "locked"
        locked.mkdir()
        (locked / "shader.bin").write_bytes(b"x")
        locked.chmod(0o500)
        print(json.dumps({"folder": str(locked.parent.parent), "locked": str(locked)}), flush=True)
        return "quit_url"
    def close(self): pass

sys.exit(run_exam(sys.argv[2], lambda config, lang: Student(sys.argv[1]), None,
                  lambda _progress: SelfCheckResult("valid", [], "d" * 64)))
"""


def _exam(user: User, mode: str, config: Path, tmpdir: Path | None = None) -> tuple[int, str, str]:
    env = {"QT_QPA_PLATFORM": "offscreen"}
    if tmpdir is not None:
        env["TMPDIR"] = str(tmpdir)
    result = run_as(user, [str(user_python()), "-c", EXAM, mode, str(config)], env=env, keyring=False)
    return result.returncode, result.stdout, result.stderr


@pytest.mark.asuser
def test_the_exam_says_what_it_could_not_remove_and_the_next_start_removes_it(
        unprivileged_user: User) -> None:
    user = unprivileged_user
    config = user.home / "exam.json"
    run_as(user, ["sh", "-c", f"mkdir {user.home}/tmp-then && echo '{{\"format\": 1, \"start_url\": "
                  f"\"https://exam.example.org/\", \"language\": \"fr\"}}' > {config}"], keyring=False)
    before = all_paths(user.home)

    code, out, err = _exam(user, "lock", config, tmpdir=user.home / "tmp-then")
    assert code == 0, err  # the exam itself ended well
    folder, locked = (Path(json.loads(out)[k]) for k in ("folder", "locked"))
    told = [line for line in err.splitlines() if line.startswith("lockdown: ")]
    assert told == [f"lockdown: impossible de supprimer {folder} (Permission denied: {locked / 'shader.bin'})"
                    " ; lockdown réessaiera à son prochain démarrage, ou vous pouvez supprimer ce dossier "
                    "vous-même"], err
    assert folder.is_dir()
    record = user.home / ".local" / "state" / "lockdown" / "pending-removals.json"
    assert [f["path"] for f in json.loads(record.read_text(encoding="utf-8"))["folders"]] == [str(folder)]

    # The next start, with another temporary folder: only the record knows; still locked, it says so.
    code, _out, err = _exam(user, "cancel", config)
    assert code == 0 and f"impossible de supprimer {folder} " in err, err
    assert folder.is_dir() and record.is_file()

    locked.chmod(0o700)  # now it can go
    code, _out, err = _exam(user, "cancel", config)
    assert code == 0 and "impossible" not in err, err
    assert not folder.exists() and not record.exists()
    assert all_paths(user.home) == before  # the record's folders went with it


@pytest.mark.asuser
def test_the_uninstaller_reports_a_folder_it_cannot_remove_then_removes_it(unprivileged_user: User) -> None:
    user = unprivileged_user
    config = user.home / "exam.json"
    run_as(user, ["sh", "-c", f"mkdir {user.home}/tmp-then && echo '{{\"format\": 1, \"start_url\": "
                  f"\"https://exam.example.org/\"}}' > {config}"], keyring=False)
    code, out, err = _exam(user, "lock", config, tmpdir=user.home / "tmp-then")
    folder, locked = (Path(json.loads(out)[k]) for k in ("folder", "locked"))
    assert code == 0 and "will try again" in err, err

    uninstall = [str(user_python()), "-m", "lockdown", "uninstall", "--quiet"]
    result = run_as(user, uninstall)
    assert result.returncode == 1, result.stdout + result.stderr
    assert (f"remains: {folder} (temporary folder of an exam session): could not be removed (Permission "
            f"denied: {locked / 'shader.bin'})") in result.stderr, result.stderr
    assert folder.is_dir()

    locked.chmod(0o700)
    result = run_as(user, uninstall)
    assert result.returncode == 0 and "no trace left" in result.stdout, result.stdout + result.stderr
    assert not folder.exists()
