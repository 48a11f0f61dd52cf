"""tools/build.py's input checks: a bad key to pin is one line and exit 2, before anything is built."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.support.bundle import REPO


def _build(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(REPO / "tools" / "build.py"), *args], capture_output=True,
                          text=True, timeout=60)


def test_a_missing_key_file_is_refused_before_building(tmp_path: Path) -> None:
    done = _build("--out", str(tmp_path / "out"), "--release-pubkey", str(tmp_path / "nothing.pem"))
    assert done.returncode == 2 and "cannot be read" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and not (tmp_path / "out").exists()


def test_a_key_that_is_not_ed25519_is_refused(tmp_path: Path) -> None:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    pem = tmp_path / "ec.pem"
    pem.write_bytes(ec.generate_private_key(ec.SECP256R1()).public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
    done = _build("--out", str(tmp_path / "out"), "--release-pubkey", str(pem))
    assert done.returncode == 2 and "not an Ed25519 public key" in done.stderr


def test_pinning_rewrites_only_the_key_in_the_exported_copy(tmp_path: Path) -> None:
    sys.path.insert(0, str(REPO / "tools"))
    try:
        import build
    finally:
        sys.path.pop(0)
    module = tmp_path / "signature.py"
    original = (REPO / "lockdown" / "integrity" / "signature.py").read_text()
    module.write_text(original)
    key = (REPO / "tests" / "integrity" / "keys" / "ed25519_TEST_public.pem").read_bytes()
    build.pin_public_key(module, key)
    pinned = module.read_text()
    assert key.decode() in pinned and "MCowBQYDK2VwAyEAmbpjzVaiNLgwcdqQQivP" not in pinned
    assert pinned.replace(key.decode(), "") == original.replace(
        original[original.index("-----BEGIN"):original.index("-----END PUBLIC KEY-----\n") + 25], "")
