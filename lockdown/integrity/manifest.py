"""The release manifest: every file of the bundle with its size, mode and SHA-256, and one digest.

Reading is strict because the manifest may come from a hostile server or a tampered install:
absolute paths, `..`, duplicates, unknown keys and wrong types are refused with ManifestError,
before any path is joined to the install folder. Writing is canonical (sorted keys, sorted
entries), so two identical builds give identical manifest bytes.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lockdown.errors import IntegrityUnknown
from lockdown.integrity.hashing import Progress, hash_files
from lockdown.integrity.tree import scan

FORMAT_VERSION = 1
MAX_MANIFEST_BYTES = 16 << 20
"""A manifest of a few hundred files is ~100 KB; anything far bigger is not one."""

_HEX64 = re.compile(r"[0-9a-f]{64}")
_MODE = re.compile(r"0[0-7]{3}")


class ManifestError(IntegrityUnknown):
    """The manifest is malformed or unsafe, so the install could not be checked against it (exit 2)."""


@dataclass(frozen=True)
class FileEntry:
    """A regular file of the bundle."""

    path: str
    size: int
    mode: int
    sha256: str


@dataclass(frozen=True)
class LinkEntry:
    """A symbolic link of the bundle, with its relative target (it never points outside)."""

    path: str
    target: str


Entry = FileEntry | LinkEntry


@dataclass(frozen=True)
class BuildInfo:
    """Where and with what the bundle was built: host libraries depend on the OS image."""

    platform: str
    image: str
    python: str
    qt: str
    pyinstaller: str


@dataclass(frozen=True)
class Manifest:
    """A parsed manifest; `digest` identifies the build (it feeds the Browser Exam Key)."""

    app_name: str
    app_version: str
    source_commit: str
    build: BuildInfo
    entries: tuple[Entry, ...]
    digest: str

    def by_path(self) -> dict[str, Entry]:
        """Entries keyed by their relative path."""
        return {e.path: e for e in self.entries}


def check_relative_path(path: str) -> str:
    """Return `path` if it is a clean relative POSIX path inside the bundle, else raise ManifestError."""
    if not path or "\x00" in path or "\\" in path:
        raise ManifestError("integrity.manifest.path.empty", path=repr(path))
    if path.startswith("/") or re.match(r"[A-Za-z]:", path):
        raise ManifestError("integrity.manifest.path.absolute", path=repr(path))
    parts = path.split("/")
    if ".." in parts:
        raise ManifestError("integrity.manifest.path.climbs", path=repr(path))
    if any(p in ("", ".") for p in parts):
        raise ManifestError("integrity.manifest.path.not_canonical", path=repr(path))
    return path


def _link_target(path: str, target: Any) -> str:
    if not isinstance(target, str) or not target:
        raise ManifestError("integrity.manifest.link.no_target", path=repr(path))
    if target.startswith("/") or "\\" in target or "\x00" in target:
        raise ManifestError("integrity.manifest.link.absolute", path=repr(path), target=repr(target))
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(path), target))
    if resolved == ".." or resolved.startswith("../"):
        raise ManifestError("integrity.manifest.link.climbs", path=repr(path), target=repr(target))
    return target


def _require(obj: Any, key: str, kind: type, where: str) -> Any:
    value = obj.get(key) if isinstance(obj, dict) else None
    if not isinstance(value, kind) or isinstance(value, bool) != (kind is bool):
        raise ManifestError("integrity.manifest.field.missing", field=where + key, kind=kind.__name__)
    return value


def _exact_keys(obj: dict[str, Any], keys: set[str], where: str) -> None:
    if set(obj) != keys:
        odd = sorted(set(obj) ^ keys)
        if where:
            raise ManifestError("integrity.manifest.keys", where=where, keys=str(odd))
        raise ManifestError("integrity.manifest.keys.top", keys=str(odd))


def _entry(raw: Any, index: int) -> Entry:
    where = f"files[{index}]."
    if not isinstance(raw, dict):
        raise ManifestError("integrity.manifest.entry.not_object", index=index)
    path = check_relative_path(_require(raw, "path", str, where))
    if "link" in raw:
        _exact_keys(raw, {"path", "link"}, f"files[{index}]")
        return LinkEntry(path, _link_target(path, raw["link"]))
    _exact_keys(raw, {"path", "size", "mode", "sha256"}, f"files[{index}]")
    size = _require(raw, "size", int, where)
    mode = _require(raw, "mode", str, where)
    digest = _require(raw, "sha256", str, where)
    if size < 0 or not _MODE.fullmatch(mode) or not _HEX64.fullmatch(digest):
        raise ManifestError("integrity.manifest.entry.bad_values", path=path)
    return FileEntry(path, size, int(mode, 8), digest)


def document_digest(document: dict[str, Any]) -> str:
    """SHA-256 of the canonical JSON of the document without its own `digest` key."""
    body = {k: v for k, v in document.items() if k != "digest"}
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(canonical.encode("ascii")).hexdigest()


def parse_manifest(data: bytes) -> Manifest:
    """Parse and validate manifest bytes; raise ManifestError naming the first problem."""
    if len(data) > MAX_MANIFEST_BYTES:
        raise ManifestError("integrity.manifest.too_big", size=len(data))
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ManifestError("integrity.manifest.json", error=str(exc)) from None
    if not isinstance(doc, dict):
        raise ManifestError("integrity.manifest.not_object")
    _exact_keys(doc, {"format", "app", "source_commit", "build", "files", "digest"}, "")
    if _require(doc, "format", int, "") != FORMAT_VERSION:
        raise ManifestError("integrity.manifest.format", format=repr(doc["format"]), expected=FORMAT_VERSION)
    app = _require(doc, "app", dict, "")
    _exact_keys(app, {"name", "version"}, "app")
    build = _require(doc, "build", dict, "")
    build_keys = {"platform", "image", "python", "qt", "pyinstaller"}
    _exact_keys(build, build_keys, "build")
    info = BuildInfo(**{k: _require(build, k, str, "build.") for k in sorted(build_keys)})
    raw_files = _require(doc, "files", list, "")
    entries = tuple(_entry(raw, i) for i, raw in enumerate(raw_files))
    _check_unique(entries)
    digest = _require(doc, "digest", str, "")
    if digest != document_digest(doc):
        raise ManifestError("integrity.manifest.digest")
    return Manifest(_require(app, "name", str, "app."), _require(app, "version", str, "app."),
                    _require(doc, "source_commit", str, ""), info, entries, digest)


def _check_unique(entries: tuple[Entry, ...]) -> None:
    seen: set[str] = set()
    folded: set[str] = set()
    for e in entries:
        if e.path in seen or e.path.casefold() in folded:
            raise ManifestError("integrity.manifest.twice", path=repr(e.path))
        seen.add(e.path)
        folded.add(e.path.casefold())
    for e in entries:
        parent = posixpath.dirname(e.path)
        while parent:
            if parent in seen:
                raise ManifestError("integrity.manifest.file_holds", parent=repr(parent), path=repr(e.path))
            parent = posixpath.dirname(parent)


def _entry_document(e: Entry) -> dict[str, Any]:
    if isinstance(e, LinkEntry):
        return {"path": e.path, "link": e.target}
    return {"path": e.path, "size": e.size, "mode": f"{e.mode:04o}", "sha256": e.sha256}


def dump_manifest(app_name: str, app_version: str, source_commit: str, build: BuildInfo,
                  entries: list[Entry]) -> bytes:
    """Canonical manifest bytes (what gets signed); the digest is computed here."""
    doc: dict[str, Any] = {
        "format": FORMAT_VERSION,
        "app": {"name": app_name, "version": app_version},
        "source_commit": source_commit,
        "build": {k: getattr(build, k) for k in ("platform", "image", "python", "qt", "pyinstaller")},
        "files": [_entry_document(e) for e in sorted(entries, key=lambda e: e.path)],
    }
    doc["digest"] = document_digest(doc)
    return (json.dumps(doc, sort_keys=True, indent=1, ensure_ascii=True) + "\n").encode("ascii")


def describe_tree(root: Path, progress: Progress | None = None) -> list[Entry]:
    """Entries for everything under `root` (the build side of the comparison)."""
    nodes = scan(root)
    odd = sorted(rel for rel, n in nodes.items() if n.kind == "other")
    if odd:
        raise ManifestError("integrity.manifest.tree.odd", root=str(root), paths=", ".join(odd))
    digests = hash_files(root, {rel: n.size for rel, n in nodes.items() if n.kind == "file"}, progress)
    entries: list[Entry] = []
    for rel, node in nodes.items():
        if node.kind == "link":
            entries.append(LinkEntry(rel, _link_target(rel, node.target)))
            continue
        digest = digests[rel]
        if isinstance(digest, OSError):
            raise ManifestError("integrity.unreadable", path=str(root / rel), error=digest.strerror)
        entries.append(FileEntry(rel, node.size, node.mode, digest))
    return entries
