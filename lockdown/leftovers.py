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

import contextlib
import json
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
from lockdown.words import phrase

log = logging.getLogger(__name__)

RECORD_FORMAT = 1


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
    plain file in the user's own folder). `created` remembers the folders made to hold the record, so
    that clearing it leaves nothing either.
    """

    def __init__(self, file: Path) -> None:
        self.file = file

    def _read(self) -> tuple[list[Leftover], list[Path]]:
        try:
            data = json.loads(self.file.read_text(encoding="utf-8"))
            folders = [Leftover(Path(f["path"]), str(f["reason"])) for f in data["folders"]]
            created = [Path(p) for p in data.get("created", [])]
        except FileNotFoundError:
            return [], []
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.warning("the record of folders to remove, %s, cannot be read (%s): it is replaced",
                        self.file, _describe(exc))
            return [], []
        return folders, created

    def folders(self) -> list[Path]:
        """The recorded folders, absolute paths only."""
        return [left.path for left in self._read()[0] if left.path.is_absolute()]

    def add(self, leftovers: Sequence[Leftover]) -> None:
        """Record more folders (raises OSError when the record cannot be written)."""
        known, created = self._read()
        paths = {left.path for left in known}
        self._write([*known, *(left for left in leftovers if left.path not in paths)], created)

    def replace(self, leftovers: Sequence[Leftover]) -> None:
        """What is still left after a retry; none: the record and the folders made for it go."""
        _known, created = self._read()
        self._write(list(leftovers), created)

    def _write(self, leftovers: list[Leftover], created: list[Path]) -> None:
        if not leftovers:
            self._clear(created)
            return
        for folder in reversed(self.file.parents):
            if not os.path.lexists(folder):
                folder.mkdir(mode=0o700)
                created.append(folder)
        data = {"format": RECORD_FORMAT, "created": [str(p) for p in created],
                "folders": [{"path": str(left.path), "reason": left.reason} for left in leftovers]}
        part = self.file.with_name(self.file.name + ".part")
        part.write_text(json.dumps(data, indent=1), encoding="utf-8")
        os.replace(part, self.file)

    def _clear(self, created: list[Path]) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.file.unlink()
        for folder in sorted(created, key=lambda p: len(p.parts), reverse=True):
            try:
                folder.rmdir()
            except FileNotFoundError:
                pass
            except OSError:
                break  # it holds something else now (lockdown's state, the user's files): it stays
