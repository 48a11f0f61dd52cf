"""Compare an install folder with a signed manifest: the one verify function.

Order matters: the signature is checked over the raw bytes before the manifest is even parsed, and
the manifest is validated before any of its paths touches the disk. Hashing does not wait for
either: the folder is walked on its own (links never followed) and every regular file found is
hashed in the background while the signature is checked and the manifest parsed; files the
manifest then shows to be extra or of the wrong size are dropped from the queue.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from lockdown.errors import IntegrityUnknown
from lockdown.integrity.hashing import HashJob, Progress
from lockdown.integrity.manifest import FileEntry, LinkEntry, Manifest, parse_manifest
from lockdown.integrity.signature import verify_signature
from lockdown.integrity.tree import Node, scan
from lockdown.platform import get_platform
from lockdown.words import Phrase, phrase


@dataclass(frozen=True)
class Mismatch:
    """A file whose content, kind or permissions differ from the manifest."""

    path: str
    reason: Phrase


@dataclass(frozen=True)
class VerifyResult:
    """What differs between the install folder and the manifest (all empty: it matches)."""

    manifest: Manifest
    missing: tuple[str, ...] = ()
    modified: tuple[Mismatch, ...] = ()
    extra: tuple[str, ...] = ()
    checked_files: int = 0
    checked_bytes: int = 0

    @property
    def ok(self) -> bool:
        return not (self.missing or self.modified or self.extra)

    def problems(self) -> list[Phrase]:
        """One line per difference, for people."""
        return ([phrase("integrity.missing", path=p) for p in self.missing]
                + [phrase("integrity.modified", path=m.path, reason=m.reason) for m in self.modified]
                + [phrase("integrity.extra", path=p) for p in self.extra])


_KINDS = {"file": "integrity.kind.file", "link": "integrity.kind.link", "other": "integrity.kind.other"}
"""What a found node is, as a message key (`Node.kind`)."""


def _compare_kind(entry: FileEntry | LinkEntry, node: Node, modes: bool) -> Phrase | None:
    """Why `node` cannot be `entry` without hashing it, or None when only the content is left to check.

    `modes`: the file system keeps an executable bit, which is compared too.
    """
    found = phrase(_KINDS[node.kind])
    if isinstance(entry, LinkEntry):
        if node.kind != "link":
            return phrase("integrity.reason.not_link", target=entry.target, found=found)
        if node.target == entry.target:
            return None
        return phrase("integrity.reason.link_target", found=node.target, expected=entry.target)
    if node.kind != "file":
        return phrase("integrity.reason.not_file", found=found)
    if node.size != entry.size:
        return phrase("integrity.reason.size", size=node.size, expected=entry.size)
    if modes and bool(node.mode & 0o111) != bool(entry.mode & 0o111):
        return phrase("integrity.reason.executable")
    return None


class TreeHashing:
    """What is on disk under an install folder, its regular files being hashed in the background.

    Only this walk's own paths are opened, so it may start before any manifest is trusted.
    """

    def __init__(self, install_dir: Path) -> None:
        if not install_dir.is_dir():
            raise IntegrityUnknown("integrity.not_folder", path=str(install_dir))
        try:
            self.on_disk = scan(install_dir)
        except OSError as exc:
            raise IntegrityUnknown("integrity.unreadable", path=str(exc.filename),
                                   error=exc.strerror) from None
        self.install_dir = install_dir
        self.job = HashJob(install_dir, {rel: n.size for rel, n in self.on_disk.items() if n.kind == "file"})
        self.job.start()

    def compare(self, manifest: Manifest, progress: Progress | None = None) -> VerifyResult:
        """Compare with an already trusted manifest, waiting for the hashes it needs."""
        expected = manifest.by_path()
        missing = sorted(p for p in expected if p not in self.on_disk)
        extra = sorted(p for p in self.on_disk if p not in expected)
        modified: list[Mismatch] = []
        to_hash: dict[str, int] = {}
        modes = get_platform().files.keeps_executable_bit
        for path, entry in expected.items():
            node = self.on_disk.get(path)
            if node is None:
                continue
            reason = _compare_kind(entry, node, modes)
            if reason:
                modified.append(Mismatch(path, reason))
            elif isinstance(entry, FileEntry):
                to_hash[path] = entry.size
        self.job.skip(p for p in self.on_disk if p not in to_hash)
        digests = self.job.results(progress)
        for path in to_hash:
            entry = expected[path]
            assert isinstance(entry, FileEntry)
            digest = digests[path]
            if isinstance(digest, OSError):
                modified.append(Mismatch(path, phrase("integrity.reason.unreadable", error=digest.strerror)))
            elif digest != entry.sha256:
                modified.append(Mismatch(path, phrase("integrity.reason.content")))
        return VerifyResult(manifest, tuple(missing), tuple(sorted(modified, key=lambda m: m.path)),
                            tuple(extra), len(to_hash), sum(to_hash.values()))


def verify_tree(install_dir: Path, manifest: Manifest, progress: Progress | None = None) -> VerifyResult:
    """Compare `install_dir` with an already trusted manifest."""
    return TreeHashing(install_dir).compare(manifest, progress)


def verify(install_dir: Path, manifest_bytes: bytes, signature: bytes,
           public_key: Ed25519PublicKey | None = None, progress: Progress | None = None) -> VerifyResult:
    """Check the signature (pinned release key unless `public_key` is given), then every file.

    Raises BadSignature (exit 1) or ManifestError (exit 2); returns the differences otherwise.
    The files are being hashed while the signature is checked and the manifest parsed.
    """
    tree = TreeHashing(install_dir)
    try:
        verify_signature(manifest_bytes, signature, public_key)
        manifest = parse_manifest(manifest_bytes)
    except BaseException:
        tree.job.stop()
        raise
    return tree.compare(manifest, progress)
