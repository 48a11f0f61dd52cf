"""What differs inside two frozen programs: the parts of their archive, down to each Python module.

Two builds that should be identical name a whole executable as different; the reason is one of
the parts PyInstaller appends to its loader (the run-time scripts, the archive of Python modules,
each module in it). `differing_parts(a, b)` lists those parts, so a build that is not reproducible
says which module made it so. Uses PyInstaller's own archive readers (a build requirement).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

PYZ_TYPE = "z"
"""The type code of the module archive inside a PyInstaller program."""


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def parts(program: Path) -> dict[str, str]:
    """Each part of a frozen program and the SHA-256 of its content: "loader" (what precedes the
    archive), "pkg:NAME" for the archive's entries, "module:NAME" for each module in the module archive."""
    from PyInstaller.archive.readers import CArchiveReader

    pkg = CArchiveReader(str(program))
    found = {"loader": _digest(program.read_bytes()[:pkg._start_offset])}
    for name, entry in pkg.toc.items():
        typecode = entry[-1]
        found[f"pkg:{name}"] = _digest(pkg.extract(name))
        if typecode == PYZ_TYPE:
            pyz = pkg.open_embedded_archive(name)
            for module in pyz.toc:
                found[f"module:{module}"] = _digest(pyz.extract(module, raw=True) or b"")  # None: namespace
    return found


def differing_parts(first: Path, second: Path) -> list[str]:
    """The parts whose content differs, or that only one program has; the whole file when it is
    not a frozen program at all."""
    try:
        a, b = parts(first), parts(second)
    except Exception as exc:  # not an archive PyInstaller can read: say so, plainly
        return [f"(not readable as a frozen program: {exc})"]
    return sorted(name for name in set(a) | set(b) if a.get(name) != b.get(name))
