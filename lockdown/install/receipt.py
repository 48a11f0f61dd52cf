"""The installer's receipt: every file, folder, shortcut and registry key it created, and every
change it made to something shared with other programs (link and file handlers), with its undo.

The uninstaller reads it back, so it is parsed as hostile input: anything unexpected (wrong type,
unknown key, relative path, `..`, too big) is a `ReceiptError`. A well-formed receipt may still name
places outside lockdown's own folders (edited by hand or by malware): `safety` refuses those, and
the OS's install steps refuse a change to anything but the handlers lockdown sets.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, cast, get_args

from lockdown.errors import LockdownError
from lockdown.install.changes import DatabaseUndo, LineUndo, RegistryUndo, Undo, UndoInvalid
from lockdown.words import phrase

FORMAT = "lockdown-receipt"
FORMAT_VERSION = 1
MAX_BYTES = 32 * 1024 * 1024
"""A bundle has a few thousand files; a receipt this large was not written by the installer."""

Kind = Literal["file", "dir", "symlink", "shortcut", "parent_dir", "registry",
               "mime_default", "mime_package", "registry_tree"]
"""`parent_dir` is a folder that did not exist and was created only to hold lockdown's folders
(e.g. ~/.local/share/applications in a fresh home): removed at uninstall only if empty.
The last three are changes with an undo (`lockdown.install.changes`): a default-application line
of a `mimeapps.list` (path: that file), a package in a user MIME database (path: the package
file), a registry key written whole under HKCU (path: the key)."""
KINDS: tuple[str, ...] = get_args(Kind)
CHANGE_KINDS: dict[str, type[LineUndo] | type[DatabaseUndo] | type[RegistryUndo]] = {
    "mime_default": LineUndo, "mime_package": DatabaseUndo, "registry_tree": RegistryUndo}
"""The kinds that carry an undo, and its record."""


class ReceiptError(LockdownError):
    """The receipt cannot be trusted as written (malformed, hostile or unreadable)."""


@dataclass(frozen=True)
class Entry:
    """One thing the installer created or changed; `path` is absolute (a registry key for kinds
    `registry` and `registry_tree`); `undo` is set for the change kinds, and only for them."""

    kind: Kind
    path: str
    undo: Undo | None = None

    def to_json(self) -> dict[str, object]:
        doc: dict[str, object] = {"kind": self.kind, "path": self.path}
        if self.undo is not None:
            doc["undo"] = self.undo.to_json()
        return doc


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
        wanted = kinds or ("file", "dir", "symlink", "shortcut", "parent_dir")
        return [Path(e.path) for e in self.entries if e.kind in wanted]

    def registry_keys(self) -> list[str]:
        return [e.path for e in self.entries if e.kind == "registry"]

    def changes(self) -> list[Entry]:
        """The changes to shared places, in the order they were made."""
        return [e for e in self.entries if e.kind in CHANGE_KINDS]

    def to_json(self) -> bytes:
        doc = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "app_version": self.app_version,
            "os": self.os,
            "install_dir": self.install_dir,
            "complete": self.complete,
            "entries": [e.to_json() for e in self.entries],
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
        entries.append(_entry(raw, source, i))
    return Receipt(app_version=_string(doc, "app_version", source), os=_string(doc, "os", source),
                   install_dir=install_dir, complete=doc["complete"], entries=tuple(entries))


def _entry(raw: object, source: str, index: int) -> Entry:
    kind = raw.get("kind") if isinstance(raw, dict) else None
    change = kind in CHANGE_KINDS
    keys = {"kind", "path", "undo"} if change else {"kind", "path"}
    if not isinstance(raw, dict) or set(raw) != keys:
        shape = "receipt.entry.shape.change" if change else "receipt.entry.shape"
        raise ReceiptError(shape, source=source, index=index)
    path = raw["path"]
    if kind not in KINDS or not isinstance(path, str):
        raise ReceiptError("receipt.entry.kind", source=source, index=index)
    ok = _check_registry_key(path) if kind in ("registry", "registry_tree") else _is_clean_absolute(path)
    if not ok:
        raise ReceiptError("receipt.entry.location", source=source, index=index, path=repr(path), kind=kind)
    undo: Undo | None = None
    if change:
        try:
            undo = CHANGE_KINDS[kind].from_json(raw["undo"])
        except UndoInvalid as exc:
            raise ReceiptError("receipt.entry.undo", source=source, index=index, problem=exc.phrase) from None
        if isinstance(undo, DatabaseUndo) and not _is_clean_absolute(undo.database):
            raise ReceiptError("receipt.entry.undo", source=source, index=index,
                               problem=phrase("receipt.undo.database_path"))
    return Entry(cast(Kind, kind), path, undo)


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
