"""SHA-256 of many files at once: one thread per core, biggest files first.

hashlib releases the GIL while it hashes a buffer, so threads scale with cores. Files are read in
256 KiB pieces into one buffer per thread: the piece stays in the core's cache between the read
and the hash (bigger reads or `mmap` measured slower here, see bench/BENCHMARKS.md). A `HashJob`
runs in daemon threads, so it can start before its result is needed and never holds the process
at exit; its progress can be read from any thread, and `results(progress)` reports it from the
calling thread only, so a GUI can pass a callback that touches its own objects.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

Progress = Callable[[int, int], None]
"""Called with (bytes hashed so far, bytes to hash in total)."""

PIECE = 256 << 10
_REPORT_EVERY_S = 0.05
_OPEN_FLAGS = (os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
               | getattr(os, "O_NONBLOCK", 0))
"""No final symlink is followed, and a file swapped for a FIFO cannot make the open wait forever."""


class _Stopped(Exception):
    """The job was stopped while this file was being hashed."""


def _hash_file(path: Path, buf: bytearray, stop: threading.Event | None = None,
               counted: Callable[[int], None] | None = None) -> str:
    digest = hashlib.sha256()
    view = memoryview(buf)
    with os.fdopen(os.open(path, _OPEN_FLAGS), "rb", buffering=0) as f:
        while n := f.readinto(buf):
            digest.update(view[:n])
            if counted is not None:
                counted(n)
            if stop is not None and stop.is_set():
                raise _Stopped
    return digest.hexdigest()


def sha256_file(path: Path) -> str:
    """Hex SHA-256 of one file, without following a final symlink."""
    return _hash_file(path, bytearray(PIECE))


def default_workers() -> int:
    """One thread per core, at least two (reading and hashing overlap on a slow disk)."""
    return max(2, min(16, os.cpu_count() or 1))


class HashJob:
    """Hashes `root/<rel>` for every relative path in `sizes`, in daemon threads, biggest file first.

    `skip()` drops files not started yet (they turned out not to need a hash); `stop()` abandons
    the job (threads end after their current piece). An unreadable file maps to its OSError.
    """

    def __init__(self, root: Path, sizes: Mapping[str, int], workers: int | None = None) -> None:
        self._root = root
        self._sizes = dict(sizes)
        self._todo = sorted(self._sizes, key=lambda rel: (self._sizes[rel], rel))  # pop() takes the biggest
        self._lock = threading.Lock()
        self._finished = threading.Condition(self._lock)
        self._stop = threading.Event()
        self._total = sum(self._sizes.values())
        self._done_bytes = 0
        self._results: dict[str, str | OSError] = {}
        self._running = 0
        self._threads = [threading.Thread(target=self._work, name=f"lockdown-hash-{i}", daemon=True)
                         for i in range(max(1, min(workers or default_workers(), len(self._todo) or 1)))]

    def start(self) -> HashJob:
        self._running = len(self._threads)
        for thread in self._threads:
            thread.start()
        return self

    def _next(self) -> str | None:
        with self._lock:
            return self._todo.pop() if self._todo and not self._stop.is_set() else None

    def _count(self, n: int) -> None:
        with self._lock:
            self._done_bytes += n

    def _work(self) -> None:
        buf = bytearray(PIECE)
        counted = [0]  # by this thread

        def count(n: int) -> None:
            counted[0] += n
            self._count(n)

        try:
            while (rel := self._next()) is not None:
                result: str | OSError
                before = counted[0]
                try:
                    result = _hash_file(self._root / rel, buf, self._stop, count)
                except _Stopped:
                    return
                except OSError as exc:
                    result = exc
                with self._lock:
                    self._results[rel] = result
                    # a file shorter than listed (or unreadable) still ends its share of the total
                    self._done_bytes += max(0, self._sizes[rel] - (counted[0] - before))
        finally:
            with self._lock:
                self._running -= 1
                self._finished.notify_all()

    def skip(self, rels: Iterable[str]) -> None:
        """Do not hash these files if they were not started yet."""
        dropped = set(rels)
        with self._lock:
            kept = [rel for rel in self._todo if rel not in dropped]
            self._total -= sum(self._sizes[rel] for rel in self._todo if rel in dropped)
            self._todo = kept

    def stop(self) -> None:
        """Abandon the job: nothing more is read once each thread's current piece is hashed."""
        self._stop.set()

    def progress(self) -> tuple[int, int]:
        """(bytes hashed so far, bytes to hash in total); safe from any thread."""
        with self._lock:
            return min(self._done_bytes, self._total), self._total

    def done(self) -> bool:
        with self._lock:
            return self._running == 0

    def results(self, progress: Progress | None = None) -> dict[str, str | OSError]:
        """Wait for every file, calling `progress` from this thread meanwhile; digests by path."""
        with self._lock:
            while self._running:
                self._finished.wait(_REPORT_EVERY_S)
                if progress is not None and self._running:
                    self._lock.release()
                    try:
                        progress(*self.progress())
                    finally:
                        self._lock.acquire()
            results = dict(self._results)
        if progress is not None:
            progress(*self.progress())
        return results


def hash_files(root: Path, sizes: Mapping[str, int], progress: Progress | None = None,
               workers: int | None = None) -> dict[str, str | OSError]:
    """Hash `root/<rel>` for every relative path in `sizes`; an unreadable file maps to its OSError."""
    return HashJob(root, sizes, workers).start().results(progress)
