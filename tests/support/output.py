"""The end of what a program started by a test writes, read as it comes.

A kiosk's stderr carries Chromium's own warnings; left unread in a pipe, it fills (64 KiB) and the
kiosk stops at its next write, which a test then sees as a kiosk that never got further.
"""

from __future__ import annotations

import collections
import threading
from typing import IO


class Tail:
    """Reads `stream` to its end in a thread, keeping the last `lines`; `text()` says what it kept."""

    def __init__(self, stream: IO[str] | IO[bytes] | None, lines: int = 60) -> None:
        self._kept: collections.deque[str] = collections.deque(maxlen=lines)
        if stream is not None:
            threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream: IO[str] | IO[bytes]) -> None:
        for line in stream:
            self._kept.append(line.decode(errors="replace") if isinstance(line, bytes) else line)

    def text(self, limit: int = 3000) -> str:
        return "".join(self._kept)[-limit:]
