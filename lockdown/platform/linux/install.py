"""Linux (freedesktop): two .desktop entries in ~/.local/share/applications, link and file handlers
(`handlers`), no registry.

A running program can be deleted on Linux, so the uninstaller needs no copy of itself. No desktop
database (`mimeinfo.cache`) is written: that shared cache would outlive the uninstall.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

from lockdown.i18n import LANGUAGES
from lockdown.install.receipt import Entry
from lockdown.paths import Paths
from lockdown.platform.linux.handlers import FreedesktopHandlers, mime_types_key
from lockdown.words import Phrase, phrase

RESERVED = frozenset(" \t\n\"'\\><~|&;$*?#()`")
"""Characters that oblige an Exec argument to be quoted (Desktop Entry Specification, "Exec key")."""


def exec_quote(path: Path) -> str:
    """A path as one argument of a desktop entry's Exec key; quoted only when the specification
    requires it, because xdg-open's generic mode splits Exec on spaces and cannot run a quoted
    program path (so a path with a space works only where a desktop parses Exec itself)."""
    text = str(path).replace("%", "%%")  # a literal % is written %% in Exec, quoted or not
    if not any(ch in RESERVED for ch in text):
        return text
    for ch in ("\\", '"', "`", "$"):
        text = text.replace(ch, "\\" + ch)
    # the value is also a string value, in which a backslash must itself be escaped
    return '"' + text.replace("\\", "\\\\") + '"'


def desktop_entry(name: str, comment: Phrase, exec_line: str, mime_types: str | None = None) -> str:
    """A desktop entry whose comment is in every language lockdown speaks (`Comment[fr]=`)."""
    comments = f"Comment={comment.text('en')}\n" + "".join(
        f"Comment[{lang}]={comment.text(lang)}\n" for lang in LANGUAGES if lang != "en")
    handles = f"MimeType={mime_types}\n" if mime_types else ""
    return ("[Desktop Entry]\nType=Application\nVersion=1.5\n"
            f"Name={name}\n{comments}Exec={exec_line}\n{handles}"
            "Terminal=false\nCategories=Education;\nStartupNotify=false\n")


class LinuxInstall:
    """Desktop entries "Lockdown exam" and "Uninstall Lockdown", and the exam entry as the handler of
    seb:// and sebs:// links and .seb files, for the current user."""

    def __init__(self, paths: Paths) -> None:
        self._paths = paths
        self._handlers = FreedesktopHandlers(paths)

    def executable(self, folder: Path, program: str) -> Path:
        return folder / program

    def create_shortcuts(self, install_dir: Path, version: str, size_bytes: int) -> list[Entry]:
        exam, uninstall = self._paths.shortcuts[0], self._paths.shortcuts[1]
        contents = {
            exam: desktop_entry("Lockdown exam", phrase("install.shortcut.exam"),
                                exec_quote(install_dir / "lockdown") + " run %u", mime_types_key()),
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

    def create_handlers(self, install_dir: Path, previous: Sequence[Entry],
                        record: Callable[[Entry], None]) -> tuple[list[Entry], list[Phrase]]:
        return self._handlers.create(previous, record)

    def refuse_change(self, entry: Entry) -> Phrase | None:
        return self._handlers.refuse(entry)

    def describe_change(self, entry: Entry) -> str:
        return self._handlers.describe(entry)

    def undo_change(self, entry: Entry) -> list[Phrase]:
        return self._handlers.undo(entry)

    def change_remains(self, entry: Entry) -> bool:
        return self._handlers.remains(entry)

    def handler_traces(self) -> list[tuple[str, str]]:
        return self._handlers.traces()

    def registry_key_exists(self, key: str) -> bool:
        return False

    def remove_registry_key(self, key: str) -> bool:
        return False

    def relocate_uninstaller(self, argv: list[str], install_dir: Path, temp_dir: Path) -> bool:
        return False

    def schedule_self_delete(self, executable: Path, temp_dir: Path) -> None:
        """Nothing: the program's files were unlinked while it ran, which Linux allows."""
