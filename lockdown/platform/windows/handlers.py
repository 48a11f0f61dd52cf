"""seb:// and sebs:// links and .seb files opened by lockdown, for one Windows user, undone exactly.

Per-user classes live in HKCU\\Software\\Classes (they take precedence over the machine's, and need
no elevation): a key per link scheme (`URL Protocol`, `shell\\open\\command`), the `.seb` extension
pointing at lockdown's ProgId (content type `application/seb`) and that ProgId. Each key is
written whole. When one is already there (another program's per-user handler), its whole tree is
recorded in the receipt before it is replaced, the installer says so, and the uninstaller writes
it back; a key changed since the install is left as it is (and reported while it still names
lockdown's program). Explorer keeps which program opens what in a cache: after a key is written
or undone, the shell is told (`SHChangeNotify(SHCNE_ASSOCCHANGED)`), so a link or a double-click
takes the new handler at once rather than after the next sign-in.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

from lockdown.install.changes import REG_NONE, REG_SZ, ChangeLeft, RegistryUndo, RegTree, RegValue
from lockdown.install.receipt import Entry
from lockdown.paths import Paths
from lockdown.platform.windows.folders import CLASSES, PROG_ID
from lockdown.words import Phrase, phrase

CONTENT_TYPE = "application/seb"


class TreeRegistry(Protocol):
    """Whole keys of HKEY_CURRENT_USER, read and written with every value and subkey."""

    def delete(self, key: str) -> bool:
        """Delete the key with its subkeys and values; True if it was there."""
    def read_tree(self, key: str) -> RegTree | None:
        """The key's values and subkeys, all the way down; None when there is no such key."""
    def write_tree(self, key: str, tree: RegTree) -> None:
        """Create the key (and its subkeys) with exactly these values."""


def _text(value: str) -> RegTree:
    return RegTree((RegValue("", REG_SZ, value),))


def _opens_with(command: str, icon: str) -> tuple[tuple[str, RegTree], ...]:
    open_key = RegTree(subkeys=(("command", _text(command)),))
    return (("DefaultIcon", _text(icon)), ("shell", RegTree(subkeys=(("open", open_key),))))


def handler_trees(exe: Path) -> dict[str, RegTree]:
    """The keys to write, by name below HKCU\\Software\\Classes, for the installed `lockdown.exe`."""
    command, icon = f'"{exe}" run "%1"', f'"{exe}",0'
    trees = {scheme: RegTree((RegValue("", REG_SZ, f"URL:SEB exam link ({scheme})"),
                              RegValue("URL Protocol", REG_SZ, "")), _opens_with(command, icon))
             for scheme in ("sebs", "seb")}
    trees[".seb"] = RegTree((RegValue("", REG_SZ, PROG_ID), RegValue("Content Type", REG_SZ, CONTENT_TYPE)),
                            (("OpenWithProgids", RegTree((RegValue(PROG_ID, REG_NONE, b""),))),))
    trees[PROG_ID] = RegTree((RegValue("", REG_SZ, "SEB exam configuration"),), _opens_with(command, icon))
    return trees


Record = Callable[[Entry], None]
Notify = Callable[[], None]
"""Tells the shell that the per-user file and link associations changed."""


class ClassesHandlers:
    """The HKCU\\Software\\Classes keys of one user's lockdown."""

    def __init__(self, paths: Paths, registry: TreeRegistry, exe: Path, associations_changed: Notify) -> None:
        self._keys = paths.handler_keys
        self._registry = registry
        self._exe = exe
        self._associations_changed = associations_changed

    def create(self, previous: Sequence[Entry], record: Record) -> tuple[list[Entry], list[Phrase]]:
        entries: list[Entry] = []
        notes: list[Phrase] = []
        wrote = False
        earlier = {e.path: e.undo for e in previous
                   if isinstance(e.undo, RegistryUndo) and self.refuse(e) is None}
        for name, tree in handler_trees(self._exe).items():
            key = CLASSES + name
            current = self._registry.read_tree(key)
            undo = earlier.get(key)
            if isinstance(undo, RegistryUndo) and current == undo.after:
                before = undo.before  # still lockdown's: what was there before the first install
            elif current == tree:
                continue  # exactly lockdown's already, with no record of what it replaced
            else:
                before = current
                if current is not None:
                    notes.append(_replaced(key, current))
            entry = Entry("registry_tree", key, RegistryUndo(before, tree))
            record(entry)
            if current != tree:
                if current is not None:
                    self._registry.delete(key)
                self._registry.write_tree(key, tree)
                wrote = True
            entries.append(entry)
        if wrote:
            self._associations_changed()
        return entries, notes

    def refuse(self, entry: Entry) -> Phrase | None:
        if entry.kind == "registry_tree" and isinstance(entry.undo, RegistryUndo):
            return None if entry.path in self._keys else phrase("uninstall.refused.registry")
        return phrase("uninstall.refused.change")

    def describe(self, entry: Entry) -> str:
        """What the key is, as a message key."""
        return _describe(entry.path)

    def traces(self) -> list[tuple[str, str]]:
        """The keys that name lockdown's program, wherever they came from."""
        found = []
        for key in self._keys:
            tree = self._registry.read_tree(key)
            if tree is not None and self._names_lockdown(tree):
                found.append((key, _describe(key)))
        return found

    def undo(self, entry: Entry) -> list[Phrase]:
        undo = entry.undo
        if not isinstance(undo, RegistryUndo):
            raise ChangeLeft("uninstall.refused.change")
        current = self._registry.read_tree(entry.path)
        if current is None:  # removed since, or an install cut between removing and writing
            if undo.before is None:
                return []
            self._registry.write_tree(entry.path, undo.before)
            self._associations_changed()
            return [phrase("uninstall.note.key_put_back", key=entry.path)]
        if current != undo.after:
            raise ChangeLeft("uninstall.unchanged.changed")
        self._registry.delete(entry.path)
        if undo.before is not None:
            self._registry.write_tree(entry.path, undo.before)
        self._associations_changed()
        return []

    def remains(self, entry: Entry) -> bool:
        """lockdown's tree is still there, or a tree that is neither what was there nor free of
        lockdown's program and ProgId."""
        undo = entry.undo
        current = self._registry.read_tree(entry.path)
        if current is None or not isinstance(undo, RegistryUndo) or current == undo.before:
            return False
        return current == undo.after or self._names_lockdown(current)

    def _names_lockdown(self, tree: RegTree) -> bool:
        """The tree names lockdown's program or its ProgId (in a value or a value's name)."""
        return any(str(self._exe) in text or PROG_ID in text for text in tree.texts())


_DESCRIPTIONS = {"sebs": "uninstall.why.handler.sebs", "seb": "uninstall.why.handler.seb",
                 ".seb": "uninstall.why.seb_type"}


def _describe(key: str) -> str:
    """What a handler key is, as a message key."""
    return _DESCRIPTIONS.get(key[len(CLASSES):], "uninstall.why.seb_program")


def _replaced(key: str, tree: RegTree) -> Phrase:
    """The note saying another program's handler is replaced, naming its open command if it has one."""
    node: RegTree | None = tree
    for part in ("shell", "open", "command"):
        node = next((sub for name, sub in node.subkeys if name.lower() == part), None) if node else None
    texts = [v.data for v in node.values if v.name == "" and isinstance(v.data, str)] if node else []
    if not texts:
        return phrase("install.note.replaced.no_command", key=key)
    return phrase("install.note.replaced", key=key, command=texts[0])
