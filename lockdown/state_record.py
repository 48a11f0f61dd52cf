"""A small JSON record in lockdown's own state folder, gone with the folders made for it.

Two things must survive a crash: the folders a run could not remove (`lockdown.leftovers`) and
the volume an exam changed (`lockdown.sound`). Each is written down in one file until it is dealt
with. The file remembers which of its parent folders it had to make, so that clearing it leaves
nothing of lockdown where there was nothing before. No Qt in this module.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import Any

RECORD_FORMAT = 1

_CREATED = "created"
"""The folders made to hold the record, kept in the record itself."""


class StateRecord:
    """One JSON object at `file`; its keys are the caller's, but for "format" and "created"."""

    def __init__(self, file: Path) -> None:
        self.file = file

    def read(self) -> dict[str, Any] | None:
        """The record, or None when there is none; raises ValueError (or OSError) when it is
        unreadable or not one of lockdown's."""
        try:
            data = json.loads(self.file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        if not isinstance(data, dict) or data.get("format") != RECORD_FORMAT:
            raise ValueError("not a record this version of lockdown wrote")
        return data

    def _created(self) -> list[Path]:
        try:
            data = self.read()
        except (OSError, ValueError):
            return []
        made = data.get(_CREATED, []) if data is not None else []
        return [Path(p) for p in made if isinstance(p, str)] if isinstance(made, list) else []

    def write(self, fields: dict[str, Any]) -> None:
        """Replace the record with `fields` (written whole or not at all); raises OSError."""
        created = self._created()
        for folder in reversed(self.file.parents):
            if not os.path.lexists(folder):
                folder.mkdir(mode=0o700)
                created.append(folder)
        data = {**fields, "format": RECORD_FORMAT, _CREATED: [str(p) for p in created]}
        part = self.file.with_name(self.file.name + ".part")
        part.write_text(json.dumps(data, indent=1), encoding="utf-8")
        os.replace(part, self.file)

    def clear(self) -> None:
        """Remove the record, then the folders made for it that hold nothing else."""
        created = self._created()
        with contextlib.suppress(FileNotFoundError):
            self.file.unlink()
        for folder in sorted(created, key=lambda p: len(p.parts), reverse=True):
            try:
                folder.rmdir()
            except FileNotFoundError:
                pass
            except OSError:
                break  # it holds something else now (lockdown's state, the user's files): it stays
