"""What could not be removed is said, written down and tried again at the next start, never hidden.

A folder that `shutil.rmtree(ignore_errors=True)` fails to delete simply stays, and nobody learns of
it. Here `remove_folder()` returns a `Leftover` (what, and the first error met) whenever anything of
the folder remains. The kiosk's end adds its leftovers to a small record, `Paths.pending_removals`
(JSON in lockdown's own state folder), and raises `LeftoversRemain`, whose text says what and where
in the student's language. The next start tries every recorded folder again and forgets those that
are gone; when none is left, the record goes too, with the folders made only to hold it.
No Qt in this module.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from lockdown.errors import CheckFailed
from lockdown.i18n import Language
from lockdown.state_record import StateRecord
from lockdown.words import phrase

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Leftover:
    """A folder still on the machine after its removal, and why (the first error met)."""

    path: Path
    reason: str



class LeftoversRemain(CheckFailed):
    """Folders lockdown made could not be removed; `will_retry`: they are recorded for the next start."""

    def __init__(self, leftovers: Sequence[Leftover], will_retry: bool) -> None:
        self.leftovers = tuple(leftovers)
        self.will_retry = will_retry
        key = "leftovers.will_retry" if will_retry else "leftovers.remove_yourself"
        super().__init__("reason.list", items=[phrase(key, path=str(left.path), reason=left.reason)
                                               for left in self.leftovers])

    def text(self, lang: Language = "en") -> str:
        """One line for the student: each folder, where it is and why it stays."""
        return self.phrase.text(lang)


def _describe(exc: BaseException, where: str | None = None) -> str:
    """"Permission denied: /full/path" (the folder walk names files relative to their folder)."""
    if isinstance(exc, OSError) and exc.strerror:
        place = where or exc.filename
        return f"{exc.strerror}: {place}" if place else exc.strerror
    return str(exc) or type(exc).__name__


def remove_folder(path: Path) -> Leftover | None:
    """Delete a folder and everything in it; None when nothing of it is left, else what stays and why.

    Every file that can go goes (the deletion does not stop at the first error), links are removed as
    links, never followed.
    """
    errors: list[str] = []

    def note(where: str, exc: BaseException) -> None:
        if not isinstance(exc, FileNotFoundError) and not errors:
            errors.append(_describe(exc, where))

    if sys.version_info >= (3, 12):
        shutil.rmtree(path, onexc=lambda _func, where, exc: note(where, exc))
    else:
        def onerror(_func: object, where: str,
                    info: tuple[type[BaseException], BaseException, TracebackType | None]) -> None:
            note(where, info[1])

        shutil.rmtree(path, onerror=onerror)
    if not os.path.lexists(path):
        return None
    return Leftover(path, errors[0] if errors else "still present")


class PendingRemovals:
    """The record of folders to remove at the next start, kept at `Paths.pending_removals`.

    It lists only folders lockdown made (the caller checks each before removing it: the record is a
    plain file in the user's own folder). Clearing it also removes the folders made to hold it.
    """

    def __init__(self, file: Path) -> None:
        self.file = file
        self._record = StateRecord(file)

    def _read(self) -> list[Leftover]:
        try:
            data = self._record.read()
            if data is None:
                return []
            return [Leftover(Path(f["path"]), str(f["reason"])) for f in data["folders"]]
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.warning("the record of folders to remove, %s, cannot be read (%s): it is replaced",
                        self.file, _describe(exc))
            return []

    def folders(self) -> list[Path]:
        """The recorded folders, absolute paths only."""
        return [left.path for left in self._read() if left.path.is_absolute()]

    def add(self, leftovers: Sequence[Leftover]) -> None:
        """Record more folders (raises OSError when the record cannot be written)."""
        known = self._read()
        paths = {left.path for left in known}
        self.replace([*known, *(left for left in leftovers if left.path not in paths)])

    def replace(self, leftovers: Sequence[Leftover]) -> None:
        """What is still left after a retry; none: the record and the folders made for it go."""
        if not leftovers:
            self._record.clear()
            return
        self._record.write({"folders": [{"path": str(left.path), "reason": left.reason}
                                        for left in leftovers]})
