"""What is on disk under an install folder: regular files and symlinks, never following a link.

Both sides of the comparison use this walk: the build writes the manifest from it, and the check
finds extra files with it. Folders themselves are not listed (an empty folder carries no code).
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

MANIFEST_NAME = "manifest.json"
SIGNATURE_NAME = "manifest.sig"
_NOT_LISTED = {MANIFEST_NAME, SIGNATURE_NAME}
"""Top-level files that describe the bundle and so cannot be listed in it."""


@dataclass(frozen=True)
class Node:
    """One entry on disk: a regular file (size, permission bits), a symlink (target) or something else."""

    kind: str
    """"file", "link" or "other" (device, socket, fifo: never part of a build)."""
    size: int = 0
    mode: int = 0
    target: str = ""


def scan(root: Path) -> dict[str, Node]:
    """Every file and link below `root`, keyed by its POSIX relative path, without following links."""
    found: dict[str, Node] = {}
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        here = Path(dirpath)
        rel_dir = here.relative_to(root).as_posix()
        prefix = "" if rel_dir == "." else rel_dir + "/"
        linked_dirs = [d for d in dirnames if (here / d).is_symlink()]
        for name in sorted(filenames + linked_dirs):
            rel = prefix + name
            if not prefix and name in _NOT_LISTED:
                continue
            st = os.lstat(here / name)
            if stat.S_ISLNK(st.st_mode):
                found[rel] = Node("link", target=os.readlink(here / name))
            elif stat.S_ISREG(st.st_mode):
                found[rel] = Node("file", size=st.st_size, mode=stat.S_IMODE(st.st_mode))
            else:
                found[rel] = Node("other")
        dirnames[:] = [d for d in dirnames if d not in linked_dirs]
    return found
