"""The receipt is read back as hostile input: anything unexpected is a ReceiptError, never a crash."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from lockdown.errors import EXIT_USAGE, LockdownError
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


def test_written_receipt_reads_back_identical(tmp_path: Path) -> None:
    receipt = Receipt("0.1.0", "linux", str(tmp_path / "app"), False,
                      (Entry("parent_dir", str(tmp_path / "a")), Entry("file", str(tmp_path / "app" / "x")),
                       Entry("registry", "HKCU\\Software\\x")))
    path = tmp_path / "data" / "receipt.json"
    write_receipt(path, receipt)
    assert read_receipt(path) == receipt
    assert [p.name for p in path.parent.iterdir()] == ["receipt.json"]  # no temporary file left


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
