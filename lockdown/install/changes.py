"""Changes the installer makes to things lockdown shares with other programs, with what undoes them.

Link and file handlers live in places that are not lockdown's alone: a line of the freedesktop
`mimeapps.list`, a package in the user's MIME database, a key under HKCU\\Software\\Classes. The
installer records each change in the receipt *before* making it, with what was there before, so
that the uninstaller can put that back exactly. These records are read back from the receipt as
hostile input: `from_json` accepts only what `to_json` writes, within size limits, and raises
UndoInvalid (the receipt turns it into a ReceiptError) for anything else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lockdown.words import Phrase, PhraseError, phrase

MAX_LINE = 4096
MAX_DIGESTS = 10_000
MAX_TREE_NODES = 1_000
MAX_TREE_DEPTH = 16
MAX_KEY_NAME = 255
MAX_VALUE_NAME = 16_383
MAX_VALUE_DATA = 1 << 20

_MIME_TYPE = re.compile(r"[a-z0-9][a-z0-9.+-]*/[a-zA-Z0-9][a-zA-Z0-9.+-]*")
_SHA256 = re.compile(r"[0-9a-f]{64}")

# Registry value types (winreg's REG_* numbers), and the Python type each one's data has.
REG_NONE, REG_SZ, REG_EXPAND_SZ, REG_BINARY, REG_DWORD, REG_MULTI_SZ, REG_QWORD = 0, 1, 2, 3, 4, 7, 11
_TEXT_TYPES = frozenset({REG_SZ, REG_EXPAND_SZ})
_NUMBER_BITS = {REG_DWORD: 32, REG_QWORD: 64}
_KNOWN_TYPES = frozenset(range(12))
"""REG_NONE (0) to REG_QWORD (11); types without a text or number form are kept as bytes."""


class UndoInvalid(PhraseError):
    """A change record that is not what `to_json` writes; the phrase says what is wrong with it."""


def _exact(doc: object, keys: set[str], what: Phrase) -> dict[str, object]:
    if not isinstance(doc, dict) or set(doc) != keys:
        raise UndoInvalid("receipt.undo.object", what=what, keys=", ".join(sorted(keys)))
    return doc


def _line(value: object, name: str) -> str:
    """One line as `str.splitlines` sees it; only its end may be a line break other than '\\n'
    (a file with CRLF endings keeps its '\\r')."""
    if (not isinstance(value, str) or len(value) > MAX_LINE or "\n" in value or "\x00" in value
            or len(value.splitlines(keepends=True)) > 1):
        raise UndoInvalid("receipt.undo.line", name=name)
    return value


def _flag(value: object, name: str) -> bool:
    if not isinstance(value, bool):
        raise UndoInvalid("receipt.undo.flag", name=name)
    return value


@dataclass(frozen=True)
class LineUndo:
    """A `key=value` line lockdown set in a shared text file (the default program for a type).

    `before` is the line as it was (None: there was none); the flags say what else was added to
    hold the line, so undoing every change of the file, last first, gives back its bytes.
    """

    key: str
    before: str | None
    after: str
    added_group: bool = False
    added_separator: bool = False
    added_newline: bool = False
    created_file: bool = False

    def to_json(self) -> dict[str, object]:
        return {"key": self.key, "before": self.before, "after": self.after,
                "added_group": self.added_group, "added_separator": self.added_separator,
                "added_newline": self.added_newline, "created_file": self.created_file}

    @classmethod
    def from_json(cls, doc: object) -> LineUndo:
        d = _exact(doc, {"key", "before", "after", "added_group", "added_separator", "added_newline",
                         "created_file"}, phrase("receipt.undo.what.line"))
        key = _line(d["key"], "key")
        if not _MIME_TYPE.fullmatch(key):
            raise UndoInvalid("receipt.undo.mime_type")
        after = _line(d["after"], "after")
        before = None if d["before"] is None else _line(d["before"], "before")
        for line in (after, before):
            if line is not None and line.split("=", 1)[0].strip() != key:
                raise UndoInvalid("receipt.undo.line_for", key=key)
        return cls(key, before, after, _flag(d["added_group"], "added_group"),
                   _flag(d["added_separator"], "added_separator"),
                   _flag(d["added_newline"], "added_newline"), _flag(d["created_file"], "created_file"))


@dataclass(frozen=True)
class FileDigest:
    """One entry of a folder as it was: its path inside the folder, SHA-256 (None for a folder)."""

    path: str
    sha256: str | None


def _relative(path: object) -> str:
    if (not isinstance(path, str) or not path or len(path) > MAX_LINE or "\x00" in path
            or path.startswith("/") or "\\" in path
            or any(part in ("", ".", "..") for part in path.split("/"))):
        raise UndoInvalid("receipt.undo.digest_path")
    return path


@dataclass(frozen=True)
class DatabaseUndo:
    """A package lockdown added to a database built from every program's packages.

    `created`: the database folder did not exist (the uninstaller removes it whole when no other
    package is left in it). Otherwise `before` lists every file and folder of the database as it
    was, which the rebuilt database must match once lockdown's package is gone.
    """

    database: str
    created: bool
    before: tuple[FileDigest, ...] = ()

    def to_json(self) -> dict[str, object]:
        return {"database": self.database, "created": self.created,
                "before": [{"path": d.path, "sha256": d.sha256} for d in self.before]}

    @classmethod
    def from_json(cls, doc: object) -> DatabaseUndo:
        d = _exact(doc, {"database", "created", "before"}, phrase("receipt.undo.what.database"))
        database, raw = d["database"], d["before"]
        if not isinstance(database, str):
            raise UndoInvalid("receipt.undo.database")
        if not isinstance(raw, list) or len(raw) > MAX_DIGESTS:
            raise UndoInvalid("receipt.undo.digests", limit=MAX_DIGESTS)
        digests = []
        for item in raw:
            e = _exact(item, {"path", "sha256"}, phrase("receipt.undo.what.digest"))
            sha = e["sha256"]
            if sha is not None and not (isinstance(sha, str) and _SHA256.fullmatch(sha)):
                raise UndoInvalid("receipt.undo.sha256")
            digests.append(FileDigest(_relative(e["path"]), sha))
        if len({d.path for d in digests}) != len(digests):
            raise UndoInvalid("receipt.undo.digest_twice")
        return cls(database, _flag(d["created"], "created"), tuple(digests))


RegData = str | int | tuple[str, ...] | bytes


@dataclass(frozen=True)
class RegValue:
    """One registry value: its name ("" for the key's default value), REG_* type and data."""

    name: str
    type: int
    data: RegData


def _sort_key(name: str) -> str:
    return name.lower()  # registry names are compared without regard to case


@dataclass(frozen=True)
class RegTree:
    """A registry key's values and subkeys, kept in one order so that two reads compare equal."""

    values: tuple[RegValue, ...] = ()
    subkeys: tuple[tuple[str, RegTree], ...] = field(default=())

    def __post_init__(self) -> None:
        object.__setattr__(self, "values", tuple(sorted(self.values, key=lambda v: _sort_key(v.name))))
        object.__setattr__(self, "subkeys", tuple(sorted(self.subkeys, key=lambda s: _sort_key(s[0]))))

    def texts(self) -> list[str]:
        """Every value name and text value in the tree (to tell whether it still names lockdown)."""
        out = [v.name for v in self.values] + [v.data for v in self.values if isinstance(v.data, str)]
        for _name, sub in self.subkeys:
            out += sub.texts()
        return out

    def to_json(self) -> dict[str, object]:
        return {"values": [{"name": v.name, "type": v.type, "data": _data_json(v.data)} for v in self.values],
                "subkeys": {name: sub.to_json() for name, sub in self.subkeys}}

    @classmethod
    def from_json(cls, doc: object) -> RegTree:
        budget = [MAX_TREE_NODES]
        return _tree(doc, 0, budget)


def _data_json(data: RegData) -> object:
    if isinstance(data, bytes):
        return data.hex()
    if isinstance(data, tuple):
        return list(data)
    return data


def _value(doc: object) -> RegValue:
    d = _exact(doc, {"name", "type", "data"}, phrase("receipt.undo.what.value"))
    name, kind, data = d["name"], d["type"], d["data"]
    if not isinstance(name, str) or len(name) > MAX_VALUE_NAME or "\x00" in name:
        raise UndoInvalid("receipt.undo.value_name")
    if not isinstance(kind, int) or isinstance(kind, bool) or kind not in _KNOWN_TYPES:
        raise UndoInvalid("receipt.undo.value_type", highest=max(_KNOWN_TYPES))
    if kind in _TEXT_TYPES:
        if not isinstance(data, str) or len(data) > MAX_VALUE_DATA or "\x00" in data:
            raise UndoInvalid("receipt.undo.value_text")
        return RegValue(name, kind, data)
    if kind in _NUMBER_BITS:
        if not isinstance(data, int) or isinstance(data, bool) or not 0 <= data < 1 << _NUMBER_BITS[kind]:
            raise UndoInvalid("receipt.undo.value_number")
        return RegValue(name, kind, data)
    if kind == REG_MULTI_SZ:
        if (not isinstance(data, list) or len(data) > MAX_TREE_NODES
                or not all(isinstance(s, str) and "\x00" not in s for s in data)):
            raise UndoInvalid("receipt.undo.value_strings")
        return RegValue(name, kind, tuple(data))
    if not isinstance(data, str) or len(data) > 2 * MAX_VALUE_DATA:
        raise UndoInvalid("receipt.undo.value_binary")
    try:
        return RegValue(name, kind, bytes.fromhex(data))
    except ValueError:
        raise UndoInvalid("receipt.undo.value_binary") from None


def _tree(doc: object, depth: int, budget: list[int]) -> RegTree:
    if depth > MAX_TREE_DEPTH:
        raise UndoInvalid("receipt.undo.tree_depth", limit=MAX_TREE_DEPTH)
    d = _exact(doc, {"values", "subkeys"}, phrase("receipt.undo.what.key"))
    raw_values, raw_subkeys = d["values"], d["subkeys"]
    if not isinstance(raw_values, list) or not isinstance(raw_subkeys, dict):
        raise UndoInvalid("receipt.undo.key_shape")
    budget[0] -= 1 + len(raw_values)
    if budget[0] < 0:
        raise UndoInvalid("receipt.undo.tree_size", limit=MAX_TREE_NODES)
    values = [_value(v) for v in raw_values]
    if len({_sort_key(v.name) for v in values}) != len(values):
        raise UndoInvalid("receipt.undo.value_twice")
    subkeys = []
    for name, sub in raw_subkeys.items():
        if not name or len(name) > MAX_KEY_NAME or "\\" in name or "\x00" in name:
            raise UndoInvalid("receipt.undo.subkey_name", limit=MAX_KEY_NAME)
        subkeys.append((name, _tree(sub, depth + 1, budget)))
    if len({_sort_key(n) for n, _ in subkeys}) != len(subkeys):
        raise UndoInvalid("receipt.undo.subkey_twice")
    return RegTree(tuple(values), tuple(subkeys))


@dataclass(frozen=True)
class RegistryUndo:
    """A registry key lockdown wrote whole: `before` is the tree it replaced (None: there was none)."""

    before: RegTree | None
    after: RegTree

    def to_json(self) -> dict[str, object]:
        before = None if self.before is None else self.before.to_json()
        return {"before": before, "after": self.after.to_json()}

    @classmethod
    def from_json(cls, doc: object) -> RegistryUndo:
        d = _exact(doc, {"before", "after"}, phrase("receipt.undo.what.registry"))
        before = None if d["before"] is None else RegTree.from_json(d["before"])
        return cls(before, RegTree.from_json(d["after"]))


Undo = LineUndo | DatabaseUndo | RegistryUndo


class ChangeLeft(PhraseError):
    """A change the uninstaller leaves as it is (changed by the student since); the phrase says why."""
