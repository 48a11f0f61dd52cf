"""Linux link and file handlers: mimeapps.list and the user MIME database, given back byte for byte.

The installer and uninstaller run here in-process on a throw-away home with the real
`update-mime-database` (shared-mime-info); expected files are written out literally and the
"before" snapshots are taken by the test itself (every path, and each file's SHA-256).
`tests/install/test_handlers_xdg_open.py` opens real links and files with xdg-open as a real user.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from lockdown.install.installer import Installer
from lockdown.install.receipt import read_receipt
from lockdown.install.uninstaller import Uninstaller, UninstallReport
from lockdown.paths import Paths
from lockdown.platform.linux.install import LinuxInstall
from tests.install.helpers import FakeSecrets, all_paths
from tests.support.words import english

pytestmark = pytest.mark.skipif(shutil.which("update-mime-database") is None,
                                reason="needs update-mime-database (Debian: shared-mime-info)")

STUDENT_PACKAGE = """<?xml version="1.0" encoding="UTF-8"?>
<mime-info xmlns="http://www.freedesktop.org/standards/shared-mime-info">
  <mime-type type="application/x-student-notes">
    <comment>Notes</comment>
    <glob pattern="*.notes"/>
  </mime-type>
</mime-info>
"""


def snapshot(root: Path) -> dict[str, str]:
    """Every file and folder below `root`: a file's SHA-256, "dir" for a folder."""
    found = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames:
            found[os.path.relpath(os.path.join(dirpath, name), root)] = "dir"
        for name in filenames:
            path = os.path.join(dirpath, name)
            found[os.path.relpath(path, root)] = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    return found


def install(paths: Paths, bundle: Path) -> list[str]:
    installer = Installer(paths, LinuxInstall(paths), lambda _folder: None)
    return [note.text("en") for note in installer.install(installer.plan(bundle)).notes]


def uninstall(paths: Paths) -> UninstallReport:
    return Uninstaller(paths, LinuxInstall(paths), FakeSecrets(), retry_pause=0).run()


def english_lines(report: UninstallReport) -> list[str]:
    """The report's lines as the English terminal prints them."""
    return [line.text("en") for line in report.lines()]


def student_mime_database(home: Path) -> Path:
    """A user MIME database as a desktop leaves it: one package, built by update-mime-database."""
    database = home / ".local/share/mime"
    (database / "packages").mkdir(parents=True)
    (database / "packages" / "notes.xml").write_text(STUDENT_PACKAGE)
    subprocess.run(["update-mime-database", str(database)], check=True, capture_output=True)
    return database


def test_a_fresh_home_gets_the_handlers_and_loses_every_trace_of_them(paths: Paths, bundle: Path,
                                                                      home: Path) -> None:
    assert install(paths, bundle) == []
    assert (home / ".config/mimeapps.list").read_text() == (
        "[Default Applications]\n"
        "x-scheme-handler/sebs=lockdown.desktop;\n"
        "x-scheme-handler/seb=lockdown.desktop;\n"
        "application/seb=lockdown.desktop;\n")
    entry = (home / ".local/share/applications/lockdown.desktop").read_text()
    assert "MimeType=x-scheme-handler/sebs;x-scheme-handler/seb;application/seb;\n" in entry
    assert f"Exec={home}/.local/share/lockdown/app/lockdown run %u\n" in entry  # no quotes: see FIELD_NOTES
    database = home / ".local/share/mime"
    assert "50:application/seb:*.seb" in (database / "globs2").read_text().splitlines()
    assert (database / "application" / "seb.xml").is_file()
    report = uninstall(paths)
    assert english_lines(report) == ["no trace left"]
    assert all_paths(home) == set()


ORIGINAL = ("[Default Applications]\r\n"
            "text/html=firefox.desktop;\r\n"
            "x-scheme-handler/seb=safeexambrowser.desktop;\r\n"
            "\r\n"
            "[Added Associations]\r\n"
            "image/png=gimp.desktop;")


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="needs desktop-file-utils")
def test_the_desktop_entries_pass_desktop_file_validate(paths: Paths, bundle: Path, home: Path) -> None:
    install(paths, bundle)
    r = subprocess.run(["desktop-file-validate", *map(str, paths.shortcuts)], capture_output=True, text=True)
    # Debian 12's desktop-file-utils 0.26 predates version 1.5 of the specification; nothing else is said
    said = [line for line in r.stdout.splitlines() if 'value "1.5" for key "Version"' not in line]
    assert said == [], r.stdout


def test_an_existing_mimeapps_list_is_given_back_byte_for_byte(paths: Paths, bundle: Path,
                                                               home: Path) -> None:
    mimeapps = home / ".config/mimeapps.list"
    mimeapps.parent.mkdir()
    mimeapps.write_bytes(ORIGINAL.encode())
    mimeapps.chmod(0o600)
    install(paths, bundle)
    assert mimeapps.read_bytes().decode() == (
        "[Default Applications]\r\n"
        "text/html=firefox.desktop;\r\n"
        "x-scheme-handler/seb=lockdown.desktop;safeexambrowser.desktop;\n"
        "x-scheme-handler/sebs=lockdown.desktop;\n"
        "application/seb=lockdown.desktop;\n"
        "\r\n"
        "[Added Associations]\r\n"
        "image/png=gimp.desktop;\n")
    assert uninstall(paths).clean
    assert mimeapps.read_bytes() == ORIGINAL.encode()
    assert mimeapps.stat().st_mode & 0o777 == 0o600
    assert all_paths(home) == {".config", ".config/mimeapps.list"}


def test_installing_again_keeps_what_was_there_before_the_first_install(paths: Paths, bundle: Path,
                                                                        home: Path) -> None:
    mimeapps = home / ".config/mimeapps.list"
    mimeapps.parent.mkdir()
    mimeapps.write_text(ORIGINAL)
    database = student_mime_database(home)
    before = snapshot(home)
    install(paths, bundle)
    install(paths, bundle)  # a repair: lockdown's lines and package are already there
    receipt = read_receipt(paths.receipt)
    assert receipt is not None
    assert [e.kind for e in receipt.changes()] == ["mime_package"] + ["mime_default"] * 3
    assert uninstall(paths).clean
    assert snapshot(home) == before
    assert (database / "packages" / "notes.xml").read_text() == STUDENT_PACKAGE


def test_an_existing_mime_database_is_rebuilt_to_the_same_bytes(paths: Paths, bundle: Path,
                                                                home: Path) -> None:
    database = student_mime_database(home)
    before = snapshot(database)
    install(paths, bundle)
    assert "50:application/seb:*.seb" in (database / "globs2").read_text().splitlines()
    assert "application/x-student-notes" in (database / "types").read_text().split()
    report = uninstall(paths)
    assert report.clean, english_lines(report)
    assert snapshot(database) == before


def test_a_mime_database_its_packages_do_not_build_is_not_touched(paths: Paths, bundle: Path,
                                                                  home: Path) -> None:
    database = student_mime_database(home)
    (database / "packages" / "later.xml").write_text(STUDENT_PACKAGE.replace("notes", "later"))  # not rebuilt
    before = snapshot(database)
    notes = install(paths, bundle)
    assert notes == [f"the .seb file type is not registered: your MIME database {database} is not what its "
                     "packages build, so it could not be given back byte for byte after lockdown's type is "
                     "removed; seb:// and sebs:// links still open lockdown"]
    assert snapshot(database) == before
    assert uninstall(paths).clean
    assert snapshot(database) == before


def test_a_database_lockdown_created_stays_rebuilt_when_another_program_added_a_package(
        paths: Paths, bundle: Path, home: Path) -> None:
    install(paths, bundle)
    database = home / ".local/share/mime"
    (database / "packages" / "notes.xml").write_text(STUDENT_PACKAGE)
    report = uninstall(paths)
    assert report.clean, english_lines(report)
    kept = f"note: {database}: kept, rebuilt without lockdown's type: it now also holds notes.xml"
    assert kept in english_lines(report)
    assert "application/seb" not in (database / "types").read_text().split()
    assert "application/x-student-notes" in (database / "types").read_text().split()


def test_a_line_the_student_changed_since_stays_and_is_reported(paths: Paths, bundle: Path,
                                                                home: Path) -> None:
    install(paths, bundle)
    mimeapps = home / ".config/mimeapps.list"
    text = mimeapps.read_text()
    mimeapps.write_text(text.replace("x-scheme-handler/seb=lockdown.desktop;",
                                     "x-scheme-handler/seb=lockdown.desktop;mine.desktop;")
                        .replace("application/seb=lockdown.desktop;", "application/seb=mine.desktop;"))
    report = uninstall(paths)
    assert mimeapps.read_text() == ("[Default Applications]\n"
                                    "x-scheme-handler/seb=lockdown.desktop;mine.desktop;\n"
                                    "application/seb=mine.desktop;\n")
    assert english_lines(report) == [
        f"note: {mimeapps}: the line for application/seb was changed since the install: left as it is",
        f"remains: {mimeapps} (default application for x-scheme-handler/seb): the line for "
        "x-scheme-handler/seb was changed since the install and still names lockdown.desktop: left as it is"]
    assert not report.clean


def test_a_symbolic_link_as_mimeapps_list_is_not_followed(paths: Paths, bundle: Path, home: Path,
                                                          tmp_path: Path) -> None:
    dotfiles = tmp_path / "dotfiles-mimeapps.list"
    dotfiles.write_bytes(ORIGINAL.encode())
    (home / ".config").mkdir()
    (home / ".config/mimeapps.list").symlink_to(dotfiles)
    notes = install(paths, bundle)
    assert notes == [f"{home}/.config/mimeapps.list is not changed (it is a symbolic link or not a plain "
                     "file): lockdown is not made the default for seb:// and sebs:// links"]
    assert dotfiles.read_bytes() == ORIGINAL.encode()
    assert uninstall(paths).clean
    assert dotfiles.read_bytes() == ORIGINAL.encode()


def test_without_update_mime_database_only_the_links_are_handled(paths: Paths, bundle: Path, home: Path,
                                                                 tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    notes = install(paths, bundle)
    assert notes == ["the .seb file type is not registered: update-mime-database is not installed (Debian: "
                     "shared-mime-info); seb:// and sebs:// links still open lockdown"]
    assert not (home / ".local/share/mime").exists()
    assert "x-scheme-handler/sebs=lockdown.desktop;" in (home / ".config/mimeapps.list").read_text()
    assert uninstall(paths).clean
    assert all_paths(home) == set()


def test_a_receipt_change_aimed_at_another_file_is_refused(paths: Paths, bundle: Path, home: Path) -> None:
    install(paths, bundle)
    bashrc = home / ".bashrc"
    bashrc.write_text("x-scheme-handler/seb=lockdown.desktop;\n")
    doc = json.loads(paths.receipt.read_text())
    line = next(e for e in doc["entries"] if e["kind"] == "mime_default")
    package = next(e for e in doc["entries"] if e["kind"] == "mime_package")
    doc["entries"] += [
        {**line, "path": str(bashrc), "undo": {**line["undo"], "before": "x-scheme-handler/sebs=evil"}},
        {**package, "undo": {**package["undo"], "database": str(home)}},
    ]
    paths.receipt.write_text(json.dumps(doc))
    report = uninstall(paths)
    assert bashrc.read_text() == "x-scheme-handler/seb=lockdown.desktop;\n"
    assert [(path, english(why)) for path, why in report.refused] == [
        (str(bashrc), f"not lockdown's mimeapps.list ({home}/.config/mimeapps.list)"),
        (package["path"], f"not lockdown's package in the user MIME database ({package['path']})")]
    assert all_paths(home) == {".bashrc"}
