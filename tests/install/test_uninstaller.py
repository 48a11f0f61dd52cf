"""The uninstaller removes everything lockdown may have written, refuses the rest, and says so."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lockdown.install.installer import Installer
from lockdown.install.receipt import Entry, read_receipt, write_receipt
from lockdown.install.uninstaller import Uninstaller, UninstallReport
from lockdown.paths import KEYRING_ENTRIES, SESSION_TMP_PREFIX, Paths
from lockdown.platform.linux.install import LinuxInstall
from tests.install.helpers import FakeSecrets, all_paths
from tests.support.words import english


def english_lines(report: UninstallReport) -> list[str]:
    """The report's lines as the English terminal prints them."""
    return [line.text("en") for line in report.lines()]


def _install(paths: Paths, bundle: Path) -> None:
    installer = Installer(paths, LinuxInstall(paths), lambda _folder: None)
    installer.install(installer.plan(bundle))


def _exam_was_run(paths: Paths, secrets: FakeSecrets) -> None:
    """What a kiosk run leaves: settings, caches, state, logs, keyring items, a killed session's folder."""
    for folder in (paths.config, paths.cache / "qtshadercache", paths.log):
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "x").write_bytes(b"x")
    paths.event_queue.write_bytes(b"encrypted")
    for service, user in KEYRING_ENTRIES:
        secrets.items[(service, user)] = "secret"
    killed = paths.temp_root / f"{SESSION_TMP_PREFIX}999999999-abc"
    (killed / "cache").mkdir(parents=True)


def _uninstaller(paths: Paths, secrets: FakeSecrets) -> Uninstaller:
    return Uninstaller(paths, LinuxInstall(paths), secrets, retry_pause=0)


@pytest.fixture
def users_own(home: Path) -> set[str]:
    """Files the student had before lockdown, including in folders lockdown also uses."""
    (home / "notes.txt").write_text("mine")
    (home / ".config" / "gtk-3.0").mkdir(parents=True)
    (home / ".config" / "gtk-3.0" / "settings.ini").write_text("[Settings]\n")
    return all_paths(home)


def test_install_exam_uninstall_leaves_exactly_what_was_there(
        paths: Paths, bundle: Path, home: Path, secrets: FakeSecrets, users_own: set[str]) -> None:
    _install(paths, bundle)
    _exam_was_run(paths, secrets)
    report = _uninstaller(paths, secrets).run()
    assert report.clean, english_lines(report)
    assert english_lines(report) == ["no trace left"]
    assert all_paths(home) == users_own
    assert secrets.items == {}
    assert os.listdir(paths.temp_root) == []


def test_receipt_pointing_outside_is_refused_and_the_file_survives(paths: Paths, bundle: Path, home: Path,
                                                                   secrets: FakeSecrets) -> None:
    _install(paths, bundle)
    victim = home / "thesis.txt"
    victim.write_text("do not delete")
    receipt = read_receipt(paths.receipt)
    assert receipt is not None
    hostile = receipt.__class__(receipt.app_version, receipt.os, receipt.install_dir, True,
                                (*receipt.entries, Entry("file", str(victim)), Entry("dir", str(home)),
                                 Entry("parent_dir", str(home / "Documents"))))
    write_receipt(paths.receipt, hostile)
    (home / "Documents").mkdir()
    report = _uninstaller(paths, secrets).run()
    assert victim.read_text() == "do not delete"
    assert (home / "Documents").is_dir()
    assert {p for p, _ in report.refused} == {str(victim), str(home), str(home / "Documents")}
    assert not report.remaining and not report.clean
    assert any(line.startswith(f"refused: {victim}: outside") for line in english_lines(report))
    assert not paths.install.exists() and not paths.data.exists()


def test_half_finished_install_is_removed(paths: Paths, bundle: Path, home: Path,
                                          secrets: FakeSecrets) -> None:
    def dies_after_first_check(folder: Path) -> None:
        if folder == paths.install:
            raise KeyboardInterrupt  # killed between copying and the second check
    installer = Installer(paths, LinuxInstall(paths), dies_after_first_check)
    with pytest.raises(KeyboardInterrupt):
        installer.install(installer.plan(bundle))
    receipt = read_receipt(paths.receipt)
    assert receipt is not None and not receipt.complete
    assert paths.install.exists() and not paths.shortcuts[0].exists()
    report = _uninstaller(paths, secrets).run()
    assert report.clean, english_lines(report)
    assert "did not finish" in english(report.notes[0])
    assert all_paths(home) == set()


def test_unreadable_receipt_still_removes_every_owned_location(paths: Paths, bundle: Path, home: Path,
                                                               secrets: FakeSecrets) -> None:
    _install(paths, bundle)
    paths.receipt.write_text(json.dumps({"format": "evil"}))
    report = _uninstaller(paths, secrets).run()
    assert "receipt was not used" in english(report.notes[0])
    assert not paths.data.exists() and not any(p.exists() for p in paths.shortcuts)
    # the link and file handlers cannot be given back without the receipt's record: said, not hidden
    left = "the receipt does not say what was there before it: left as it is"
    expected = [f"remains: {paths.mimeapps} (default application for {t}): {left}"
                for t in ("x-scheme-handler/sebs", "x-scheme-handler/seb", "application/seb")]
    if shutil.which("update-mime-database") and paths.mime_database:
        package = paths.mime_database / "packages" / "lockdown-seb.xml"
        expected.append(f"remains: {package} (the .seb file type, in the user MIME database): {left}")
    assert [line for line in english_lines(report) if not line.startswith("note:")] == expected


def test_without_any_receipt_runtime_traces_are_removed(paths: Paths, home: Path,
                                                        secrets: FakeSecrets) -> None:
    _exam_was_run(paths, secrets)  # e.g. run from source, never installed
    report = _uninstaller(paths, secrets).run()
    assert report.clean
    assert not paths.config.exists() and not paths.cache.exists() and not paths.state.exists()
    assert secrets.items == {}


def test_dry_run_lists_what_is_there_and_removes_nothing(paths: Paths, bundle: Path, home: Path,
                                                         secrets: FakeSecrets) -> None:
    _install(paths, bundle)
    _exam_was_run(paths, secrets)
    before = all_paths(home)
    plan = _uninstaller(paths, secrets).dry_run()
    assert all_paths(home) == before
    targets = {item.target for item in plan.items}
    assert {str(paths.install), str(paths.config), str(paths.cache), str(paths.state),
            *map(str, paths.shortcuts)} <= targets
    assert {f"{s}/{u}" for s, u in KEYRING_ENTRIES} <= targets
    assert str(paths.receipt) not in targets  # inside data, which is listed as a whole


def test_locked_keyring_is_reported_as_remaining_with_the_reason(paths: Paths, bundle: Path,
                                                                 secrets: FakeSecrets) -> None:
    _install(paths, bundle)
    secrets.unavailable = True
    report = _uninstaller(paths, secrets).run()
    assert not report.clean
    reasons = {item.target: english(why) for item, why in report.remaining}
    assert reasons == {f"{s}/{u}": "the keyring could not be asked: the system keyring cannot be read: "
                                   "the keyring is locked" for s, u in KEYRING_ENTRIES}
    assert "no trace left" not in english_lines(report)


def test_session_folder_of_a_running_exam_is_left_and_reported(paths: Paths, secrets: FakeSecrets) -> None:
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        busy = paths.temp_root / f"{SESSION_TMP_PREFIX}{sleeper.pid}-abc"
        busy.mkdir()
        report = _uninstaller(paths, secrets).run()
        assert busy.is_dir()
        assert [(item.target, "running lockdown process" in str(english(why)))
                for item, why in report.remaining] == [
            (str(busy), True)]
    finally:
        sleeper.kill()
        sleeper.wait()


def test_own_session_folder_is_left_for_exit(paths: Paths, secrets: FakeSecrets) -> None:
    mine = paths.temp_root / f"{SESSION_TMP_PREFIX}{os.getpid()}-abc"
    mine.mkdir()
    report = _uninstaller(paths, secrets).run()
    assert report.clean and mine.is_dir()


def test_other_users_session_folders_are_not_ours_to_report(paths: Paths, secrets: FakeSecrets) -> None:
    theirs = paths.temp_root / f"{SESSION_TMP_PREFIX}999999999-theirs"
    theirs.mkdir()
    os.chown(theirs, 65534, 65534)  # nobody (the tests run as root)
    report = _uninstaller(paths, secrets).run()
    assert report.clean, english_lines(report)
    assert theirs.is_dir()
