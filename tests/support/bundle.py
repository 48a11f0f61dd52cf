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
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from types import ModuleType
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

REPO = Path(__file__).resolve().parents[2]
KEYS = REPO / "tests" / "integrity" / "keys"
TEST_PRIVATE_KEY = KEYS / "ed25519_TEST_private.pem"
TEST_PUBLIC_KEY = KEYS / "ed25519_TEST_public.pem"
OTHER_TEST_PRIVATE_KEY = KEYS / "ed25519_OTHER_TEST_private.pem"
OTHER_TEST_PUBLIC_KEY = KEYS / "ed25519_OTHER_TEST_public.pem"

_built: dict[bytes, Path] = {}
_ahead: dict[bytes, Future[Any]] = {}
SECOND = b"second build"
LOW_PRIORITY = 10
"""`nice` of the builds made ahead: the tests running meanwhile keep the processor first."""


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


def build_ahead(keys: Sequence[Path | None], second: bool) -> None:
    """Start the builds this session will need (the bundles for `keys`, then with `second` the
    reproducibility test's own build) one after another in a background thread, at a low CPU
    priority: they overlap the tests that come before the ones that use them."""
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="bundle-ahead")
    for key in keys:
        pem = key.read_bytes() if key is not None else b""
        _ahead[pem] = pool.submit(_build_bundle, key, pem, LOW_PRIORITY)
    if second:
        _ahead[SECOND] = pool.submit(_second_build, LOW_PRIORITY)
    pool.shutdown(wait=False)


def _low(niceness: int) -> Callable[[], None] | None:
    """What the build's process runs first: lower its priority by `niceness`."""
    def lower() -> None:
        os.nice(niceness)

    return lower if niceness else None


def _second_build(niceness: int = 0) -> tuple[subprocess.CompletedProcess[str], Path]:
    out = Path(tempfile.mkdtemp(prefix="lockdown-second-build-")) / "again" / "lockdown"
    done = subprocess.run([sys.executable, str(REPO / "tools" / "build.py"), "--out", str(out)],
                          capture_output=True, text=True, timeout=900, preexec_fn=_low(niceness))
    return done, out


def second_build() -> tuple[subprocess.CompletedProcess[str], Path]:
    """Another build of this source, in another folder (started ahead when the session needs it):
    how it ended, and where it is."""
    ahead = _ahead.pop(SECOND, None)
    return ahead.result() if ahead is not None else _second_build()


def built_bundle(pinned_key: Path | None = None) -> Path:
    """The folder `lockdown/` of a real build of this source tree (unsigned; do not modify it).

    With `pinned_key` (a PEM public key file) the build trusts that key instead of the release key.
    """
    pem = pinned_key.read_bytes() if pinned_key is not None else b""
    if pem in _built:
        return _built[pem]
    ahead = _ahead.get(pem)
    bundle = ahead.result() if ahead is not None else _build_bundle(pinned_key, pem)
    _built[pem] = bundle
    return bundle


def _build_bundle(pinned_key: Path | None, pem: bytes, niceness: int = 0) -> Path:
    cache = Path(tempfile.gettempdir()) / "lockdown-test-bundles" / source_key(pem)
    cache.mkdir(parents=True, exist_ok=True)
    bundle = cache / "lockdown"
    pin = ["--release-pubkey", str(pinned_key)] if pinned_key is not None else []
    with (cache / "lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (cache / "complete").exists():
            shutil.rmtree(bundle, ignore_errors=True)
            done = subprocess.run([sys.executable, str(REPO / "tools" / "build.py"), "--out", str(bundle),
                                   *pin], capture_output=True, text=True, timeout=900,
                                  preexec_fn=_low(niceness))
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
