"""Linux (freedesktop): two .desktop entries in ~/.local/share/applications, no registry.

A running program can be deleted on Linux, so the uninstaller needs no copy of itself. No desktop
database or MIME cache is updated: those are shared files that would outlive the uninstall.
"""

from __future__ import annotations

import os
from pathlib import Path

from lockdown.i18n import LANGUAGES
from lockdown.install.receipt import Entry
from lockdown.paths import Paths
from lockdown.words import Phrase, phrase


def exec_quote(path: Path) -> str:
    """Quote a path for a desktop entry's Exec key (Desktop Entry Specification, "Exec key")."""
    text = str(path)
    for ch in ("\\", '"', "`", "$"):
        text = text.replace(ch, "\\" + ch)
    # the value is also a string value, in which a backslash must itself be escaped
    return '"' + text.replace("\\", "\\\\") + '"'


def desktop_entry(name: str, comment: Phrase, exec_line: str) -> str:
    """A desktop entry whose comment is in every language lockdown speaks (`Comment[fr]=`)."""
    comments = f"Comment={comment.text('en')}\n" + "".join(
        f"Comment[{lang}]={comment.text(lang)}\n" for lang in LANGUAGES if lang != "en")
    return ("[Desktop Entry]\nType=Application\nVersion=1.5\n"
            f"Name={name}\n{comments}Exec={exec_line}\n"
            "Terminal=false\nCategories=Education;\nStartupNotify=false\n")


class LinuxInstall:
    """Desktop entries "Lockdown exam" and "Uninstall Lockdown" for the current user."""

    def __init__(self, paths: Paths) -> None:
        self._paths = paths

    def executable(self, folder: Path, program: str) -> Path:
        return folder / program

    def create_shortcuts(self, install_dir: Path, version: str, size_bytes: int) -> list[Entry]:
        exam, uninstall = self._paths.shortcuts[0], self._paths.shortcuts[1]
        contents = {
            exam: desktop_entry("Lockdown exam", phrase("install.shortcut.exam"),
                                exec_quote(install_dir / "lockdown") + " run %u"),
            uninstall: desktop_entry("Uninstall Lockdown", phrase("install.shortcut.uninstall"),
                                     exec_quote(install_dir / "lockdown-uninstall") + " --gui"),
        }
        entries = []
        for path, text in contents.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.tmp")
            tmp.write_text(text, encoding="utf-8")
            os.chmod(tmp, 0o700)  # some desktops launch only executable entries from the user's folder
            os.replace(tmp, path)
            entries.append(Entry("shortcut", str(path)))
        return entries

    def registry_key_exists(self, key: str) -> bool:
        return False

    def remove_registry_key(self, key: str) -> bool:
        return False

    def relocate_uninstaller(self, argv: list[str], install_dir: Path, temp_dir: Path) -> bool:
        return False

    def schedule_self_delete(self, executable: Path, temp_dir: Path) -> None:
        """Nothing: the program's files were unlinked while it ran, which Linux allows."""
