"""The manifest format: canonical writing, strict reading, unsafe paths refused before any disk access."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from lockdown.integrity.manifest import (
    FileEntry,
    LinkEntry,
    ManifestError,
    describe_tree,
    document_digest,
    dump_manifest,
    parse_manifest,
)
from tests.integrity.conftest import INFO, make_tree


def _doc(tmp_path: Path) -> dict[str, Any]:
    root = make_tree(tmp_path / "t")
    return json.loads(dump_manifest("lockdown", "0.1.0", "abc", INFO, describe_tree(root)))


def _bytes(doc: dict[str, Any], redigest: bool = True) -> bytes:
    if redigest:
        doc["digest"] = document_digest(doc)
    return json.dumps(doc).encode()


def test_written_manifest_reads_back_with_every_entry(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "t")
    data = dump_manifest("lockdown", "0.1.0", "abc", INFO, describe_tree(root))
    m = parse_manifest(data)
    entries = m.by_path()
    assert set(entries) == {"lockdown", "_internal/lib/libfoo.so.1", "_internal/base_library.zip",
                            "_internal/libfoo.so.1"}
    assert entries["_internal/libfoo.so.1"] == LinkEntry("_internal/libfoo.so.1", "lib/libfoo.so.1")
    prog = entries["lockdown"]
    assert isinstance(prog, FileEntry) and prog.mode == 0o755 and prog.size == 1200
    assert (m.app_version, m.source_commit, m.build) == ("0.1.0", "abc", INFO)


def test_writing_is_canonical_whatever_the_entry_order(tmp_path: Path) -> None:
    entries = describe_tree(make_tree(tmp_path / "t"))
    a = dump_manifest("lockdown", "0.1.0", "abc", INFO, entries)
    b = dump_manifest("lockdown", "0.1.0", "abc", INFO, list(reversed(entries)))
    assert a == b


def test_manifest_files_in_the_folder_are_not_listed(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "t")
    (root / "manifest.json").write_text("{}")
    (root / "manifest.sig").write_bytes(b"x")
    assert "manifest.json" not in {e.path for e in describe_tree(root)}


@pytest.mark.parametrize("path, cause", [
    ("/etc/passwd", "absolute"),
    ("C:/Windows/system32/evil.dll", "absolute"),
    ("../outside.so", "climbs out"),
    ("_internal/../../outside.so", "climbs out"),
    ("_internal//x", "canonical"),
    ("./x", "canonical"),
    ("a\\b", "backslash"),
    ("", "empty"),
])
def test_unsafe_paths_are_refused(tmp_path: Path, path: str, cause: str) -> None:
    doc = _doc(tmp_path)
    doc["files"][0]["path"] = path
    with pytest.raises(ManifestError, match=cause):
        parse_manifest(_bytes(doc))


@pytest.mark.parametrize("target", ["/usr/lib/libc.so.6", "../../../etc/passwd"])
def test_links_pointing_outside_are_refused(tmp_path: Path, target: str) -> None:
    doc = _doc(tmp_path)
    doc["files"].append({"path": "_internal/evil.so", "link": target})
    with pytest.raises(ManifestError, match=r"absolute|climbs out"):
        parse_manifest(_bytes(doc))


def test_duplicate_entries_are_refused(tmp_path: Path) -> None:
    doc = _doc(tmp_path)
    doc["files"].append(dict(doc["files"][0]))
    with pytest.raises(ManifestError, match="listed twice"):
        parse_manifest(_bytes(doc))


def test_entries_differing_only_in_case_are_refused(tmp_path: Path) -> None:
    doc = _doc(tmp_path)
    twin = dict(doc["files"][-1])
    twin["path"] = twin["path"].upper()
    doc["files"].append(twin)
    with pytest.raises(ManifestError, match="listed twice"):
        parse_manifest(_bytes(doc))


def test_a_file_cannot_also_be_a_folder(tmp_path: Path) -> None:
    doc = _doc(tmp_path)
    doc["files"].append({"path": "lockdown/inner", "size": 1, "mode": "0644", "sha256": "0" * 64})
    with pytest.raises(ManifestError, match="holds"):
        parse_manifest(_bytes(doc))


@pytest.mark.parametrize("field, value", [
    ("size", "12"), ("size", True), ("size", -1), ("mode", 493), ("mode", "0999"),
    ("sha256", "ABC"), ("sha256", "0" * 63), ("path", 5),
])
def test_bad_types_are_refused(tmp_path: Path, field: str, value: object) -> None:
    doc = _doc(tmp_path)
    entry = next(e for e in doc["files"] if "sha256" in e)
    entry[field] = value
    with pytest.raises(ManifestError):
        parse_manifest(_bytes(doc))


@pytest.mark.parametrize("mutate", [
    lambda d: d.update(extra=1),
    lambda d: d.pop("build"),
    lambda d: d.update(format=2),
    lambda d: d.update(files={}),
    lambda d: d["files"][0].update(owner="root"),
    lambda d: d["build"].pop("image"),
])
def test_unexpected_shapes_are_refused(tmp_path: Path, mutate: Any) -> None:
    doc = _doc(tmp_path)
    mutate(doc)
    with pytest.raises(ManifestError):
        parse_manifest(_bytes(doc))


def test_truncated_manifest_is_refused(tmp_path: Path) -> None:
    data = _bytes(_doc(tmp_path))
    with pytest.raises(ManifestError, match="truncated"):
        parse_manifest(data[: len(data) // 2])


def test_edited_manifest_fails_its_own_digest(tmp_path: Path) -> None:
    doc = _doc(tmp_path)
    entry = next(e for e in doc["files"] if "sha256" in e)
    entry["sha256"] = "0" * 64
    with pytest.raises(ManifestError, match="digest"):
        parse_manifest(_bytes(doc, redigest=False))


def test_non_json_and_non_object_are_refused() -> None:
    for data in (b"\xff\xfe", b"[]", b"null"):
        with pytest.raises(ManifestError):
            parse_manifest(data)
