"""A real PyInstaller build of the current source, made once and shared by every test that needs it.

`built_bundle()` runs `tools/build.py` (about a minute) the first time and caches the result in the
temporary folder under a key made from the source files and the interpreter, so a second session
on unchanged source reuses it. The cached bundle has its manifest.json but NO manifest.sig: its
self-check says "unverifiable" (no test holds the release private key). `sign_bundle` signs a copy
with a TEST key; `copy_bundle` gives a private copy to tamper with (never modify the cache itself).
`built_bundle(pinned_key)` is a build that trusts another public key instead of the release key
(`tools/build.py --release-pubkey`): signed with the matching private key, it checks as "valid".
"""

from __future__ import annotations

import fcntl
import hashlib
import importlib.metadata
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from types import ModuleType

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

REPO = Path(__file__).resolve().parents[2]
KEYS = REPO / "tests" / "integrity" / "keys"
TEST_PRIVATE_KEY = KEYS / "ed25519_TEST_private.pem"
TEST_PUBLIC_KEY = KEYS / "ed25519_TEST_public.pem"
OTHER_TEST_PRIVATE_KEY = KEYS / "ed25519_OTHER_TEST_private.pem"
OTHER_TEST_PUBLIC_KEY = KEYS / "ed25519_OTHER_TEST_public.pem"

_built: dict[bytes, Path] = {}


def build_tool() -> ModuleType:
    """tools/build.py as a module."""
    sys.path.insert(0, str(REPO / "tools"))
    try:
        import build
    finally:
        sys.path.pop(0)
    return build


def installed_packages() -> bytes:
    """Every distribution of the build interpreter, name and version: a pure-Python dependency at
    another version changes the programs' module archive and nothing else."""
    found = sorted(f"{d.metadata['Name']}=={d.version}" for d in importlib.metadata.distributions())
    return "\n".join(found).encode()


def source_key(extra: bytes = b"") -> str:
    """Changes whenever a file the bundle is built from (or the build interpreter, its packages, or
    `extra`) changes."""
    digest = hashlib.sha256(sys.version.encode() + sys.executable.encode() + installed_packages() + extra)
    for rel in build_tool().source_files():
        digest.update(rel.encode() + b"\0" + (REPO / rel).read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def _second_build(folder: Path) -> None:
    """Build this source into `folder`/again/lockdown; how it ended goes to `folder`/result.json."""
    out = folder / "again" / "lockdown"
    done = subprocess.run([sys.executable, str(REPO / "tools" / "build.py"), "--out", str(out)],
                          capture_output=True, text=True, timeout=900)
    (folder / "result.json").write_text(json.dumps({"returncode": done.returncode, "stderr": done.stderr}))


def second_build() -> tuple[int, str, Path]:
    """Another build of this source, in another folder: its exit code, its stderr, and the bundle.
    The caller removes `bundle.parents[1]`."""
    folder = Path(tempfile.mkdtemp(prefix="lockdown-second-build-"))
    _second_build(folder)
    result = json.loads((folder / "result.json").read_text())
    return int(result["returncode"]), str(result["stderr"]), folder / "again" / "lockdown"


def built_bundle(pinned_key: Path | None = None) -> Path:
    """The folder `lockdown/` of a real build of this source tree (unsigned; do not modify it).

    With `pinned_key` (a PEM public key file) the build trusts that key instead of the release key.
    """
    pem = pinned_key.read_bytes() if pinned_key is not None else b""
    if pem not in _built:
        _built[pem] = _build_bundle(pinned_key, pem)
    return _built[pem]


def _build_bundle(pinned_key: Path | None, pem: bytes) -> Path:
    cache = Path(tempfile.gettempdir()) / "lockdown-test-bundles" / source_key(pem)
    cache.mkdir(parents=True, exist_ok=True)
    bundle = cache / "lockdown"
    pin = ["--release-pubkey", str(pinned_key)] if pinned_key is not None else []
    with (cache / "lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (cache / "complete").exists():
            shutil.rmtree(bundle, ignore_errors=True)
            done = subprocess.run([sys.executable, str(REPO / "tools" / "build.py"), "--out", str(bundle),
                                   *pin], capture_output=True, text=True, timeout=900)
            if done.returncode != 0:
                raise RuntimeError(f"tools/build.py failed ({done.returncode}):\n"
                                   f"{done.stdout}\n{done.stderr}")
            (cache / "complete").write_text(done.stdout)
    return bundle


def copy_bundle(dest: Path, pinned_key: Path | None = None) -> Path:
    """A private copy of the built bundle at `dest` (symlinks kept as links), to sign or tamper with."""
    shutil.copytree(built_bundle(pinned_key), dest, symlinks=True)
    return dest


def sign_bundle(bundle: Path, private_key: Path = TEST_PRIVATE_KEY) -> Path:
    """Write `bundle/manifest.sig` with a TEST key, as the release step would; returns the .sig path."""
    key = serialization.load_pem_private_key(private_key.read_bytes(), password=None)
    assert isinstance(key, Ed25519PrivateKey)
    sig = bundle / "manifest.sig"
    sig.write_bytes(key.sign((bundle / "manifest.json").read_bytes()))
    return sig

