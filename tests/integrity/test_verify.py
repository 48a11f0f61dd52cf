"""verify() and the self-check on a small signed install: every kind of tampering is named."""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from lockdown.errors import IntegrityError, IntegrityUnknown
from lockdown.integrity.hashing import hash_files
from lockdown.integrity.manifest import ManifestError
from lockdown.integrity.selfcheck import self_check
from lockdown.integrity.signature import BadSignature, verify_signature
from lockdown.integrity.verify import verify
from tests.support.words import english


def _verify(root: Path, key: Ed25519PublicKey):  # type: ignore[no-untyped-def]
    return verify(root, (root / "manifest.json").read_bytes(), (root / "manifest.sig").read_bytes(), key)


def test_untouched_install_matches(signed_tree: Path, test_public_key: Ed25519PublicKey) -> None:
    result = _verify(signed_tree, test_public_key)
    assert result.ok, [english(p) for p in result.problems()]
    assert result.checked_files == 3


def test_one_flipped_byte_is_a_modified_file(signed_tree: Path, test_public_key: Ed25519PublicKey) -> None:
    lib = signed_tree / "_internal" / "lib" / "libfoo.so.1"
    data = bytearray(lib.read_bytes())
    data[123_456] ^= 0x01
    lib.write_bytes(bytes(data))
    result = _verify(signed_tree, test_public_key)
    assert [(m.path, english(m.reason)) for m in result.modified] == \
        [("_internal/lib/libfoo.so.1", "content differs")]
    assert not result.missing and not result.extra


def test_added_file_is_extra(signed_tree: Path, test_public_key: Ed25519PublicKey) -> None:
    (signed_tree / "_internal" / "libinject.so").write_bytes(b"evil")
    assert _verify(signed_tree, test_public_key).extra == ("_internal/libinject.so",)


def test_removed_file_is_missing(signed_tree: Path, test_public_key: Ed25519PublicKey) -> None:
    (signed_tree / "_internal" / "base_library.zip").unlink()
    result = _verify(signed_tree, test_public_key)
    assert result.missing == ("_internal/base_library.zip",)
    assert "missing: _internal/base_library.zip" in [english(p) for p in result.problems()]


def test_lost_executable_bit_is_a_modification(signed_tree: Path, test_public_key: Ed25519PublicKey) -> None:
    (signed_tree / "lockdown").chmod(0o644)
    assert [m.path for m in _verify(signed_tree, test_public_key).modified] == ["lockdown"]


def test_file_swapped_for_a_link_is_caught_without_following_it(
        signed_tree: Path, test_public_key: Ed25519PublicKey, tmp_path: Path) -> None:
    outside = tmp_path / "outside.zip"
    outside.write_bytes((signed_tree / "_internal" / "base_library.zip").read_bytes())
    (signed_tree / "_internal" / "base_library.zip").unlink()
    (signed_tree / "_internal" / "base_library.zip").symlink_to(outside)
    result = _verify(signed_tree, test_public_key)
    assert [(m.path, english(m.reason)) for m in result.modified] == [
        ("_internal/base_library.zip", "expected a regular file, found a link")]


def test_redirected_link_is_caught(signed_tree: Path, test_public_key: Ed25519PublicKey) -> None:
    link = signed_tree / "_internal" / "libfoo.so.1"
    link.unlink()
    link.symlink_to("/usr/lib/x86_64-linux-gnu/libc.so.6")
    assert "link points to" in str(english(_verify(signed_tree, test_public_key).modified[0].reason))


def test_folder_replaced_by_a_link_hides_nothing(signed_tree: Path, test_public_key: Ed25519PublicKey,
                                                 tmp_path: Path) -> None:
    moved = tmp_path / "elsewhere"
    (signed_tree / "_internal").rename(moved)
    (signed_tree / "_internal").symlink_to(moved)
    result = _verify(signed_tree, test_public_key)
    assert "_internal" in result.extra
    assert "_internal/lib/libfoo.so.1" in result.missing


def test_edited_manifest_fails_the_signature(signed_tree: Path, test_public_key: Ed25519PublicKey) -> None:
    path = signed_tree / "manifest.json"
    path.write_bytes(path.read_bytes().replace(b'"0.1.0"', b'"0.1.1"'))
    with pytest.raises(BadSignature, match="edited"):
        _verify(signed_tree, test_public_key)


def test_signature_by_another_key_is_refused(signed_tree: Path, other_private_key: Ed25519PrivateKey,
                                             test_public_key: Ed25519PublicKey) -> None:
    (signed_tree / "manifest.sig").write_bytes(other_private_key.sign((signed_tree / "manifest.json")
                                                                      .read_bytes()))
    with pytest.raises(BadSignature):
        _verify(signed_tree, test_public_key)


def test_pinned_release_key_refuses_a_test_signature(signed_tree: Path) -> None:
    with pytest.raises(BadSignature, match="release key"):
        verify(signed_tree, (signed_tree / "manifest.json").read_bytes(),
               (signed_tree / "manifest.sig").read_bytes())


def test_truncated_signature_is_refused(signed_tree: Path, test_public_key: Ed25519PublicKey) -> None:
    sig = signed_tree / "manifest.sig"
    sig.write_bytes(sig.read_bytes()[:40])
    with pytest.raises(BadSignature, match="40 bytes"):
        _verify(signed_tree, test_public_key)


def test_signature_is_checked_before_the_manifest_is_parsed(test_public_key: Ed25519PublicKey,
                                                            tmp_path: Path) -> None:
    with pytest.raises(BadSignature):
        verify(tmp_path, b"not json at all", b"\0" * 64, test_public_key)


def test_hostile_but_signed_manifest_is_refused_before_touching_the_disk(
        tmp_path: Path, test_private_key: Ed25519PrivateKey, test_public_key: Ed25519PublicKey) -> None:
    data = b'{"files": [{"path": "../../etc/shadow"}]}'
    with pytest.raises(ManifestError):
        verify(tmp_path, data, test_private_key.sign(data), test_public_key)


def test_error_kinds_map_to_exit_codes() -> None:
    assert BadSignature.exit_code == IntegrityError.exit_code == 1
    assert ManifestError.exit_code == IntegrityUnknown.exit_code == 2


def test_parallel_hashes_equal_plain_hashlib_and_progress_reaches_the_total(signed_tree: Path) -> None:
    files = {p.relative_to(signed_tree).as_posix(): p.stat().st_size
             for p in signed_tree.rglob("*") if p.is_file() and not p.is_symlink()}
    seen: list[tuple[int, int]] = []
    got = hash_files(signed_tree, files, lambda done, total: seen.append((done, total)), workers=4)
    assert got == {rel: hashlib.sha256((signed_tree / rel).read_bytes()).hexdigest() for rel in files}
    assert seen[-1] == (sum(files.values()), sum(files.values()))
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_unreadable_file_is_reported_not_raised(signed_tree: Path) -> None:
    got = hash_files(signed_tree, {"nope": 1})
    assert isinstance(got["nope"], OSError)


def test_self_check_from_source_is_unverifiable() -> None:
    assert not getattr(sys, "frozen", False)
    result = self_check()
    assert result.status == "unverifiable" and "source" in str(english(result.problems[0]))
    assert result.manifest_digest is None


def test_self_check_valid_gives_the_digest(signed_tree: Path, test_public_key: Ed25519PublicKey) -> None:
    calls: list[tuple[int, int]] = []
    result = self_check(lambda d, t: calls.append((d, t)), install_dir=signed_tree,
                        public_key=test_public_key)
    assert result.status == "valid", [english(p) for p in result.problems]
    assert result.manifest_digest and len(result.manifest_digest) == 64
    assert calls and calls[-1][0] == calls[-1][1]


def test_self_check_without_signature_is_unverifiable(signed_tree: Path,
                                                      test_public_key: Ed25519PublicKey) -> None:
    (signed_tree / "manifest.sig").unlink()
    result = self_check(install_dir=signed_tree, public_key=test_public_key)
    assert result.status == "unverifiable" and "manifest.sig" in str(english(result.problems[0]))


def test_self_check_names_the_tampered_files(signed_tree: Path, test_public_key: Ed25519PublicKey) -> None:
    (signed_tree / "_internal" / "libinject.so").write_bytes(b"x")
    os.truncate(signed_tree / "lockdown", 10)
    result = self_check(install_dir=signed_tree, public_key=test_public_key)
    assert result.status == "invalid"
    assert result.manifest_digest is None
    assert [english(p) for p in result.problems] == ["modified: lockdown (size 10 instead of 1200)",
                               "extra: _internal/libinject.so"]


def test_self_check_with_the_pinned_key_refuses_a_test_signed_install(signed_tree: Path) -> None:
    result = self_check(install_dir=signed_tree)
    assert result.status == "invalid" and "signature" in str(english(result.problems[0]))


def test_verify_signature_accepts_only_the_exact_bytes(test_private_key: Ed25519PrivateKey,
                                                       test_public_key: Ed25519PublicKey) -> None:
    sig = test_private_key.sign(b"manifest")
    verify_signature(b"manifest", sig, test_public_key)
    with pytest.raises(BadSignature):
        verify_signature(b"manifest\n", sig, test_public_key)
