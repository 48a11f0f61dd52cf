"""The installer's receipt: every file, folder, shortcut and registry key it created.

The uninstaller reads it back, so it is parsed as hostile input: anything unexpected (wrong type,
unknown key, relative path, `..`, too big) is a `ReceiptError`. A well-formed receipt may still name
places outside lockdown's own folders (edited by hand or by malware): `safety` refuses those.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, cast, get_args

from lockdown.errors import LockdownError

FORMAT = "lockdown-receipt"
FORMAT_VERSION = 1
MAX_BYTES = 32 * 1024 * 1024
"""A bundle has a few thousand files; a receipt this large was not written by the installer."""

Kind = Literal["file", "dir", "symlink", "shortcut", "parent_dir", "registry"]
"""`parent_dir` is a folder that did not exist and was created only to hold lockdown's folders
(e.g. ~/.local/share/applications in a fresh home): removed at uninstall only if empty."""
KINDS: tuple[str, ...] = get_args(Kind)


class ReceiptError(LockdownError):
    """The receipt cannot be trusted as written (malformed, hostile or unreadable)."""


@dataclass(frozen=True)
class Entry:
    """One thing the installer created; `path` is absolute (a registry key for kind `registry`)."""

    kind: Kind
    path: str


@dataclass(frozen=True)
class Receipt:
    """What an install created; `complete` stays False until the install finished."""

    app_version: str
    os: str
    install_dir: str
    complete: bool
    entries: tuple[Entry, ...] = field(default=())

    def paths(self, *kinds: Kind) -> list[Path]:
        """Paths of the entries of the given kinds (all file-system kinds when none is given)."""
        wanted = kinds or tuple(k for k in cast(tuple[Kind, ...], KINDS) if k != "registry")
        return [Path(e.path) for e in self.entries if e.kind in wanted]

    def registry_keys(self) -> list[str]:
        return [e.path for e in self.entries if e.kind == "registry"]

    def to_json(self) -> bytes:
        doc = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "app_version": self.app_version,
            "os": self.os,
            "install_dir": self.install_dir,
            "complete": self.complete,
            "entries": [{"kind": e.kind, "path": e.path} for e in self.entries],
        }
        return json.dumps(doc, indent=1, ensure_ascii=False).encode("utf-8") + b"\n"


def _is_clean_absolute(path: str) -> bool:
    """Absolute on this OS, and free of `.`/`..` components and NUL characters."""
    if not path or "\x00" in path or len(path) > 4096 or not Path(path).is_absolute():
        return False
    return not any(part in (".", "..") for part in path.replace("\\", "/").split("/"))


def _check_registry_key(key: str) -> bool:
    return (key.startswith("HKCU\\") and "\x00" not in key and len(key) <= 512
            and ".." not in key.split("\\"))


def _string(doc: dict[str, object], name: str, source: str) -> str:
    value = doc.get(name)
    if not isinstance(value, str):
        raise ReceiptError("receipt.not_string", source=source, name=name)
    return value


def parse_receipt(data: bytes, source: str) -> Receipt:
    """Parse and validate a receipt; raise ReceiptError naming `source` and what is wrong."""
    if len(data) > MAX_BYTES:
        raise ReceiptError("receipt.too_large", source=source, limit=MAX_BYTES)
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise ReceiptError("receipt.json", source=source, error=str(exc)) from None
    if not isinstance(doc, dict):
        raise ReceiptError("receipt.not_object", source=source)
    expected = {"format", "version", "app_version", "os", "install_dir", "complete", "entries"}
    if set(doc) != expected:
        odd = sorted(set(doc) ^ expected)
        raise ReceiptError("receipt.keys", source=source, keys=", ".join(odd))
    if doc["format"] != FORMAT or doc["version"] != FORMAT_VERSION:
        raise ReceiptError("receipt.version", source=source, version=FORMAT_VERSION)
    if not isinstance(doc["complete"], bool):
        raise ReceiptError("receipt.complete", source=source)
    install_dir = _string(doc, "install_dir", source)
    if not _is_clean_absolute(install_dir):
        raise ReceiptError("receipt.install_dir", source=source)
    raw_entries = doc["entries"]
    if not isinstance(raw_entries, list):
        raise ReceiptError("receipt.entries", source=source)
    entries: list[Entry] = []
    for i, raw in enumerate(raw_entries):
        if not isinstance(raw, dict) or set(raw) != {"kind", "path"}:
            raise ReceiptError("receipt.entry.shape", source=source, index=i)
        kind, path = raw["kind"], raw["path"]
        if kind not in KINDS or not isinstance(path, str):
            raise ReceiptError("receipt.entry.kind", source=source, index=i)
        ok = _check_registry_key(path) if kind == "registry" else _is_clean_absolute(path)
        if not ok:
            raise ReceiptError("receipt.entry.location", source=source, index=i, path=repr(path), kind=kind)
        entries.append(Entry(cast(Kind, kind), path))
    return Receipt(app_version=_string(doc, "app_version", source), os=_string(doc, "os", source),
                   install_dir=install_dir, complete=doc["complete"], entries=tuple(entries))


def read_receipt(path: Path) -> Receipt | None:
    """The receipt at `path`, None when there is none; ReceiptError when it cannot be trusted.

    A symbolic link is not followed: the receipt must be a plain file lockdown wrote itself.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise ReceiptError("receipt.unreadable", source=str(path), error=exc.strerror) from None
    with os.fdopen(fd, "rb") as fh:
        data = fh.read(MAX_BYTES + 1)
    return parse_receipt(data, str(path))


def write_receipt(path: Path, receipt: Receipt) -> None:
    """Write atomically (temporary file + rename) so a crash never leaves half a receipt."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".receipt-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(receipt.to_json())
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
