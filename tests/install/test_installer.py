"""The installer checks the bundle first, copies it for this user, records everything, repairs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from lockdown.errors import IntegrityError, UsageError
from lockdown.install.installer import Installer, InstallError
from lockdown.install.receipt import read_receipt
from lockdown.paths import Paths
from lockdown.platform.linux.install import LinuxInstall, exec_quote
from tests.install.helpers import all_paths, make_bundle


class RecordingVerifier:
    """Stands for the signed-manifest check; remembers what existed when it was asked."""

    def __init__(self, paths: Paths, fail_on: Path | None = None) -> None:
        self.paths = paths
        self.fail_on = fail_on
        self.calls: list[tuple[Path, bool]] = []

    def __call__(self, folder: Path) -> None:
        self.calls.append((folder, self.paths.install.exists()))
        if folder == self.fail_on:
            raise IntegrityError("install.bundle.mismatch", folder=str(folder), problems=[])


def _installer(paths: Paths, verifier: RecordingVerifier) -> Installer:
    return Installer(paths, LinuxInstall(paths), verifier, version="9.9")


def test_install_copies_the_bundle_and_records_every_file(paths: Paths, bundle: Path, home: Path) -> None:
    verifier = RecordingVerifier(paths)
    installer = _installer(paths, verifier)
    report = installer.install(installer.plan(bundle))
    assert all_paths(paths.install) == all_paths(bundle)
    assert os.readlink(paths.install / "_internal/lib/libfoo.so") == "libfoo.so.1"
    assert os.access(paths.install / "lockdown", os.X_OK)
    receipt = read_receipt(paths.receipt)
    assert receipt is not None and receipt.complete and receipt.app_version == "9.9"
    recorded = {Path(e.path) for e in receipt.entries}
    for rel in all_paths(bundle):
        assert paths.install / rel in recorded
    assert set(report.shortcuts) <= recorded and report.shortcuts == list(paths.shortcuts)
    # a fresh home: every folder created above lockdown's own is recorded, to be removed if empty
    parents = set(receipt.paths("parent_dir"))
    assert {home / ".local", home / ".local/share", home / ".local/share/applications",
            home / ".config", home / ".cache", home / ".local/state"} <= parents
    assert all(home in p.parents for p in parents)


def test_bundle_is_checked_before_anything_is_copied_and_again_after(paths: Paths, bundle: Path) -> None:
    verifier = RecordingVerifier(paths)
    installer = _installer(paths, verifier)
    installer.install(installer.plan(bundle))
    assert verifier.calls == [(bundle, False), (paths.install, True)]


def test_bundle_that_fails_its_manifest_is_not_installed(paths: Paths, bundle: Path, home: Path) -> None:
    installer = _installer(paths, RecordingVerifier(paths, fail_on=bundle))
    with pytest.raises(IntegrityError):
        installer.install(installer.plan(bundle))
    assert all_paths(home) == set()


def test_desktop_entries_name_the_installed_programs(paths: Paths, bundle: Path) -> None:
    installer = _installer(paths, RecordingVerifier(paths))
    installer.install(installer.plan(bundle))
    exam, uninstall = (p.read_text() for p in paths.shortcuts)
    assert "Name=Lockdown exam\n" in exam
    assert f"Exec={exec_quote(paths.install / 'lockdown')} run %u\n" in exam
    assert "Name=Uninstall Lockdown\n" in uninstall
    assert f"Exec={exec_quote(paths.install / 'lockdown-uninstall')} --gui\n" in uninstall


def test_exec_quoting_follows_the_desktop_entry_spec() -> None:
    assert exec_quote(Path("/home/a b/x")) == '"/home/a b/x"'
    assert exec_quote(Path('/h/"q"$`')) == '"/h/\\\\"q\\\\"\\\\$\\\\`"'
    # no reserved character: left unquoted, which xdg-open's generic mode needs to run the program
    assert exec_quote(Path("/home/élève/.local/share/lockdown/app/lockdown")) == (
        "/home/élève/.local/share/lockdown/app/lockdown")
    assert exec_quote(Path("/home/100%/x")) == "/home/100%%/x"
    assert exec_quote(Path("/home/a b/100%")) == '"/home/a b/100%%"'


def test_running_again_repairs_a_damaged_install(paths: Paths, bundle: Path) -> None:
    installer = _installer(paths, RecordingVerifier(paths))
    installer.install(installer.plan(bundle))
    (paths.install / "lockdown").write_text("tampered")
    (paths.install / "_internal/lib/libfoo.so.1").unlink()
    (paths.install / "_internal/junk").mkdir()
    (paths.install / "_internal/junk/x.so").write_text("left by someone")
    paths.shortcuts[1].unlink()
    report = installer.install(installer.plan(bundle))
    assert all_paths(paths.install) == all_paths(bundle)
    assert (paths.install / "lockdown").read_bytes() == (bundle / "lockdown").read_bytes()
    assert report.removed_stale == 1 and paths.shortcuts[1].exists()


def test_a_repair_keeps_the_record_of_the_folders_the_first_install_made(paths: Paths, bundle: Path,
                                                                         home: Path) -> None:
    installer = _installer(paths, RecordingVerifier(paths))
    installer.install(installer.plan(bundle))
    installer.install(installer.plan(bundle))
    receipt = read_receipt(paths.receipt)
    assert receipt is not None
    assert {home / ".local/share/applications", home / ".config"} <= set(receipt.paths("parent_dir"))


def test_upgrade_drops_files_the_new_version_no_longer_has(paths: Paths, tmp_path: Path) -> None:
    old = make_bundle(tmp_path / "old", extra={"_internal/old_only.py": b"old"})
    new = make_bundle(tmp_path / "new", extra={"_internal/new_only.py": b"new"})
    installer = _installer(paths, RecordingVerifier(paths))
    installer.install(installer.plan(old))
    plan = installer.plan(new)
    assert plan.upgrade
    installer.install(plan)
    assert all_paths(paths.install) == all_paths(new)
    receipt = read_receipt(paths.receipt)
    assert receipt is not None
    assert paths.install / "_internal/old_only.py" not in receipt.paths()


def test_bundle_with_a_link_out_of_it_is_refused(paths: Paths, bundle: Path) -> None:
    os.symlink("/etc/passwd", bundle / "_internal" / "evil")
    with pytest.raises(InstallError, match="leads out"):
        _installer(paths, RecordingVerifier(paths)).plan(bundle)


def test_installing_from_the_installed_copy_is_a_usage_error(paths: Paths, bundle: Path) -> None:
    installer = _installer(paths, RecordingVerifier(paths))
    installer.install(installer.plan(bundle))
    with pytest.raises(UsageError, match="installed copy"):
        installer.plan(paths.install)


def test_folder_without_programs_is_not_a_bundle(paths: Paths, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(UsageError, match="not a lockdown bundle"):
        _installer(paths, RecordingVerifier(paths)).plan(tmp_path / "empty")
