"""The receipt is read back as hostile input: anything unexpected is a ReceiptError, never a crash."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from lockdown.errors import EXIT_USAGE, LockdownError
from lockdown.install.changes import (
    REG_BINARY,
    REG_DWORD,
    REG_MULTI_SZ,
    REG_NONE,
    REG_SZ,
    DatabaseUndo,
    FileDigest,
    LineUndo,
    RegistryUndo,
    RegTree,
    RegValue,
)
from lockdown.install.receipt import (
    MAX_BYTES,
    Entry,
    Receipt,
    ReceiptError,
    parse_receipt,
    read_receipt,
    write_receipt,
)


def _doc(**changes: object) -> dict[str, object]:
    doc: dict[str, object] = {
        "format": "lockdown-receipt", "version": 1, "app_version": "0.1.0", "os": "linux",
        "install_dir": "/home/s/.local/share/lockdown/app", "complete": True,
        "entries": [{"kind": "file", "path": "/home/s/.local/share/lockdown/app/lockdown"}],
    }
    doc.update(changes)
    return doc


TREE = RegTree((RegValue("", REG_SZ, "URL:x"), RegValue("n", REG_DWORD, 7),
                 RegValue("b", REG_BINARY, b"\x00\xff"), RegValue("m", REG_MULTI_SZ, ("a", "b")),
                 RegValue("p", REG_NONE, b"")),
                (("shell", RegTree(subkeys=(("open", RegTree((RegValue("", REG_SZ, '"x.exe" "%1"'),))),))),))
CHANGES = (
    Entry("mime_default", "/home/s/.config/mimeapps.list",
          LineUndo("x-scheme-handler/seb", "x-scheme-handler/seb=other.desktop;\r",
                   "x-scheme-handler/seb=lockdown.desktop;other.desktop;", True, True, False, True)),
    Entry("mime_package", "/home/s/.local/share/mime/packages/lockdown-seb.xml",
          DatabaseUndo("/home/s/.local/share/mime", False,
                       (FileDigest("packages", None), FileDigest("packages/a.xml", "ab" * 32)))),
    Entry("registry_tree", "HKCU\\Software\\Classes\\sebs", RegistryUndo(TREE, RegTree())),
    Entry("registry_tree", "HKCU\\Software\\Classes\\seb", RegistryUndo(None, TREE)),
)


def test_written_receipt_reads_back_identical(tmp_path: Path) -> None:
    receipt = Receipt("0.1.0", "linux", str(tmp_path / "app"), False,
                      (Entry("parent_dir", str(tmp_path / "a")), Entry("file", str(tmp_path / "app" / "x")),
                       Entry("registry", "HKCU\\Software\\x"), *CHANGES))
    path = tmp_path / "data" / "receipt.json"
    write_receipt(path, receipt)
    assert read_receipt(path) == receipt
    assert [p.name for p in path.parent.iterdir()] == ["receipt.json"]  # no temporary file left
    back = read_receipt(path)
    assert back is not None and back.changes() == list(CHANGES)


def test_a_registry_tree_reads_the_same_whatever_the_order_it_was_listed_in() -> None:
    one, two = RegValue("b", REG_SZ, "1"), RegValue("A", REG_SZ, "2")
    a = RegTree((one, two), (("y", RegTree()), ("X", RegTree())))
    b = RegTree((two, one), (("X", RegTree()), ("y", RegTree())))
    assert a == b


def _change(kind: str, undo: object, path: str = "/home/s/.config/mimeapps.list") -> bytes:
    return json.dumps(_doc(entries=[{"kind": kind, "path": path, "undo": undo}])).encode()


LINE = {"key": "x-scheme-handler/sebs", "before": None, "after": "x-scheme-handler/sebs=lockdown.desktop;",
        "added_group": False, "added_separator": False, "added_newline": False, "created_file": True}
DATABASE = {"database": "/home/s/.local/share/mime", "created": False, "before": []}
TREE_JSON = {"values": [], "subkeys": {}}


def _deep(levels: int) -> dict[str, object]:
    tree: dict[str, object] = {"values": [], "subkeys": {}}
    for _ in range(levels):
        tree = {"values": [], "subkeys": {"k": tree}}
    return tree


def _value(kind: int, data: object) -> dict[str, object]:
    return {"before": None, "after": {"values": [{"name": "", "type": kind, "data": data}], "subkeys": {}}}


def test_missing_receipt_is_none(tmp_path: Path) -> None:
    assert read_receipt(tmp_path / "nope.json") is None


HOSTILE = {
    "not json": b"{nope",
    "not utf-8": b"\xff\xfe{}",
    "a list": b"[]",
    "deep nesting": b"[" * 100_000 + b"]" * 100_000,
    "unknown key": json.dumps(_doc(extra=1)).encode(),
    "missing key": json.dumps({k: v for k, v in _doc().items() if k != "entries"}).encode(),
    "other format": json.dumps(_doc(format="something")).encode(),
    "future version": json.dumps(_doc(version=2)).encode(),
    "complete not bool": json.dumps(_doc(complete="yes")).encode(),
    "entries not list": json.dumps(_doc(entries={"a": 1})).encode(),
    "relative path": json.dumps(_doc(entries=[{"kind": "file", "path": "x/y"}])).encode(),
    "dot-dot path": json.dumps(_doc(entries=[
        {"kind": "file", "path": "/home/s/.local/share/lockdown/../../.bashrc"}])).encode(),
    "NUL in path": json.dumps(_doc(entries=[{"kind": "file", "path": "/home/s/a\u0000b"}])).encode(),
    "unknown kind": json.dumps(_doc(entries=[{"kind": "device", "path": "/dev/sda"}])).encode(),
    "path not string": json.dumps(_doc(entries=[{"kind": "file", "path": 3}])).encode(),
    "extra entry key": json.dumps(_doc(entries=[{"kind": "file", "path": "/a", "mode": 1}])).encode(),
    "machine-wide registry key": json.dumps(_doc(entries=[{"kind": "registry",
                                                          "path": "HKLM\\Software\\x"}])).encode(),
    "relative install dir": json.dumps(_doc(install_dir="app")).encode(),
    "too large": b" " * (MAX_BYTES + 1),
    "change without its undo": json.dumps(_doc(entries=[{"kind": "mime_default", "path": "/a"}])).encode(),
    "plain entry with an undo": _change("file", LINE),
    "undo with an extra key": _change("mime_default", {**LINE, "extra": 1}),
    "line with a newline inside": _change("mime_default", {**LINE, "before": "x-scheme-handler/sebs=a\nrm"}),
    "line with a CR inside": _change("mime_default", {**LINE, "before": "x-scheme-handler/sebs=a\rb=c"}),
    "before names another type": _change("mime_default", {**LINE, "before": "text/html=evil.desktop;"}),
    "key not a MIME type": _change("mime_default", {**LINE, "key": "../x", "after": "../x=a;"}),
    "flag not bool": _change("mime_default", {**LINE, "created_file": 1}),
    "relative database": _change("mime_package", {**DATABASE, "database": "mime"}),
    "digest path with dot-dot": _change("mime_package", {**DATABASE, "before": [
        {"path": "packages/../../.bashrc", "sha256": None}]}),
    "absolute digest path": _change("mime_package", {**DATABASE, "before": [
        {"path": "/etc", "sha256": None}]}),
    "digest not hex": _change("mime_package", {**DATABASE, "before": [{"path": "a", "sha256": "zz" * 32}]}),
    "digest listed twice": _change("mime_package", {**DATABASE, "before": [
        {"path": "a", "sha256": None}, {"path": "a", "sha256": None}]}),
    "machine-wide key rewritten": _change("registry_tree", {"before": None, "after": TREE_JSON},
                                          "HKLM\\Software\\Classes\\sebs"),
    "tree too deep": _change("registry_tree", {"before": None, "after": _deep(40)}, "HKCU\\x"),
    "unknown value type": _change("registry_tree", _value(99, ""), "HKCU\\x"),
    "dword too large": _change("registry_tree", _value(REG_DWORD, 1 << 32), "HKCU\\x"),
    "dword that is a bool": _change("registry_tree", _value(REG_DWORD, True), "HKCU\\x"),
    "binary not hex": _change("registry_tree", _value(REG_BINARY, "xyz"), "HKCU\\x"),
    "text value not a string": _change("registry_tree", _value(REG_SZ, 3), "HKCU\\x"),
    "subkey name with a backslash": _change("registry_tree", {"before": None, "after": {
        "values": [], "subkeys": {"a\\b": TREE_JSON}}}, "HKCU\\x"),
    "value named twice": _change("registry_tree", {"before": None, "after": {"values": [
        {"name": "A", "type": REG_SZ, "data": ""}, {"name": "a", "type": REG_SZ, "data": ""}],
        "subkeys": {}}}, "HKCU\\x"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_receipt_is_a_typed_error(name: str) -> None:
    with pytest.raises(ReceiptError) as info:
        parse_receipt(HOSTILE[name], "receipt.json")
    assert isinstance(info.value, LockdownError) and info.value.exit_code == EXIT_USAGE
    assert str(info.value).startswith("receipt.json")


def test_receipt_that_is_a_link_is_not_followed(tmp_path: Path) -> None:
    real = tmp_path / "elsewhere.json"
    write_receipt(real, Receipt("0.1.0", "linux", str(tmp_path), True))
    link = tmp_path / "receipt.json"
    os.symlink(real, link)
    with pytest.raises(ReceiptError, match="cannot read"):
        read_receipt(link)
