"""macOS: the bundle goes to ~/Applications (Finder and Launchpad list it); no menu entries.

Links and files need no install step: the bundle's Info.plist declares the seb and sebs schemes
and the .seb type (`bundle_info`), and Launch Services reads it from the installed bundle.
A running program can be deleted on macOS, so the uninstaller needs no copy of itself.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from lockdown.install.receipt import Entry
from lockdown.paths import Paths
from lockdown.words import Phrase, phrase


class MacInstall:
    """Nothing beyond copying the bundle: the folder itself is what the user sees."""

    def __init__(self, paths: Paths) -> None:
        self._paths = paths

    def executable(self, folder: Path, program: str) -> Path:
        return folder / program

    def create_shortcuts(self, install_dir: Path, version: str, size_bytes: int) -> list[Entry]:
        return []

    def create_handlers(self, install_dir: Path, previous: Sequence[Entry],
                        record: Callable[[Entry], None]) -> tuple[list[Entry], list[Phrase]]:
        return [], []

    def refuse_change(self, entry: Entry) -> Phrase | None:
        return phrase("uninstall.refused.change")  # the bundle's Info.plist needs no change to undo

    def describe_change(self, entry: Entry) -> str:
        return "uninstall.why.change"

    def undo_change(self, entry: Entry) -> list[Phrase]:
        return []

    def change_remains(self, entry: Entry) -> bool:
        return False

    def handler_traces(self) -> list[tuple[str, str]]:
        return []

    def registry_key_exists(self, key: str) -> bool:
        return False

    def remove_registry_key(self, key: str) -> bool:
        return False

    def relocate_uninstaller(self, argv: list[str], install_dir: Path, temp_dir: Path) -> bool:
        return False

    def schedule_self_delete(self, executable: Path, temp_dir: Path) -> None:
        """Nothing: the program's files were unlinked while it ran, which macOS allows."""
