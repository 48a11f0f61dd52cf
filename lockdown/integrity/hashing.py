"""SHA-256 of many files at once: one thread per core, biggest files first.

hashlib releases the GIL while it hashes large buffers, so threads scale with cores; progress is
reported from the calling thread only, so a GUI can pass a callback that touches its own objects.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

Progress = Callable[[int, int], None]
"""Called with (bytes hashed so far, bytes to hash in total)."""

_CHUNK = 1 << 20


def sha256_file(path: Path) -> str:
    """Hex SHA-256 of one file, read in 1 MiB chunks without following a final symlink."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    with os.fdopen(fd, "rb", buffering=0) as f:
        digest = hashlib.sha256()
        buf = bytearray(_CHUNK)
        view = memoryview(buf)
        while n := f.readinto(buf):
            digest.update(view[:n])
    return digest.hexdigest()


def default_workers() -> int:
    """One thread per core, at least two (reading and hashing overlap on a slow disk)."""
    return max(2, min(16, os.cpu_count() or 1))


def hash_files(root: Path, sizes: Mapping[str, int], progress: Progress | None = None,
               workers: int | None = None) -> dict[str, str | OSError]:
    """Hash `root/<rel>` for every relative path in `sizes`; an unreadable file maps to its OSError."""
    total = sum(sizes.values())
    done = 0
    results: dict[str, str | OSError] = {}
    order: Iterable[str] = sorted(sizes, key=lambda rel: (-sizes[rel], rel))
    with ThreadPoolExecutor(max_workers=workers or default_workers()) as pool:
        futures = {pool.submit(sha256_file, root / rel): rel for rel in order}
        for future in as_completed(futures):
            rel = futures[future]
            try:
                results[rel] = future.result()
            except OSError as exc:
                results[rel] = exc
            done += sizes[rel]
            if progress is not None:
                progress(done, total)
    return results
