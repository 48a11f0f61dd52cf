"""Integrity fixtures: small hand-made install trees, TEST keys, and the real build (once per session)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from lockdown.integrity.manifest import BuildInfo, describe_tree, dump_manifest
from lockdown.integrity.signature import load_private_key, load_public_key
from tests.support.bundle import (
    OTHER_TEST_PRIVATE_KEY,
    TEST_PRIVATE_KEY,
    TEST_PUBLIC_KEY,
    built_bundle,
    copy_bundle,
    sign_bundle,
)

INFO = BuildInfo(platform="linux-x86_64", image="Test image", python="3.11.2", qt="6.12.0",
                 pyinstaller="6.22.3")


@pytest.fixture(scope="session")
def test_private_key() -> Ed25519PrivateKey:
    return load_private_key(TEST_PRIVATE_KEY.read_bytes())


@pytest.fixture(scope="session")
def other_private_key() -> Ed25519PrivateKey:
    return load_private_key(OTHER_TEST_PRIVATE_KEY.read_bytes())


@pytest.fixture(scope="session")
def test_public_key() -> Ed25519PublicKey:
    return load_public_key(TEST_PUBLIC_KEY.read_bytes())


def make_tree(root: Path) -> Path:
    """A small install folder: a program, a library in a subfolder, a relative symlink."""
    (root / "_internal" / "lib").mkdir(parents=True)
    prog = root / "lockdown"
    prog.write_bytes(b"\x7fELF program" * 100)
    prog.chmod(0o755)
    (root / "_internal" / "lib" / "libfoo.so.1").write_bytes(os.urandom(300_000))
    (root / "_internal" / "base_library.zip").write_bytes(b"PK" + b"z" * 5000)
    (root / "_internal" / "libfoo.so.1").symlink_to("lib/libfoo.so.1")
    return root


SignTree = Callable[[Path], Path]


@pytest.fixture
def signed_tree(tmp_path: Path, test_private_key: Ed25519PrivateKey) -> Path:
    """A small install folder with manifest.json and a TEST-key manifest.sig."""
    root = make_tree(tmp_path / "app")
    data = dump_manifest("lockdown", "0.1.0", "abc123", INFO, describe_tree(root))
    (root / "manifest.json").write_bytes(data)
    (root / "manifest.sig").write_bytes(test_private_key.sign(data))
    return root


@pytest.fixture(scope="session")
def bundle() -> Path:
    """The real frozen build (unsigned), built once per session; never modify it."""
    return built_bundle()


@pytest.fixture
def signed_bundle(tmp_path: Path, bundle: Path) -> Path:
    """A private copy of the real build, signed with the TEST key."""
    copy = copy_bundle(tmp_path / "lockdown")
    sign_bundle(copy)
    return copy
