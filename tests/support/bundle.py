"""A real PyInstaller build of the current source, made once and shared by every test that needs it.

`built_bundle()` runs `tools/build.py --release-pubkey` with the repository's TEST public key (about
a minute) the first time and caches the result in the temporary folder under a key made from the
source files and the interpreter, so a second session on unchanged source reuses it. It is the
release build in every way but the key it trusts: no test holds the release private key, and one
build serves every test (a second one, for the release key alone, would add a minute and a half
to every run; that the default build keeps the release key is checked on the exported source).
The cached bundle has its manifest.json but NO manifest.sig: its self-check says "unverifiable".
`sign_bundle` signs a copy with the TEST key, and its self-check then says "valid"; `copy_bundle`
gives a private copy to tamper with (never modify the cache itself). `second_build` is the
reproducibility check's other build, cached beside the first and made with it when a session makes both.
"""

from __future__ import annotations

import fcntl
import functools
import hashlib
import importlib.metadata
import os
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


def _build_command(out: Path) -> list[str]:
    return [sys.executable, str(REPO / "tools" / "build.py"), "--out", str(out),
            "--release-pubkey", str(TEST_PUBLIC_KEY)]


_want_second = False


def want_second_build() -> None:
    """The session compares a second build with the first: make it beside the first, if one is made."""
    global _want_second
    _want_second = True


def _cache() -> Path:
    cache = Path(tempfile.gettempdir()) / "lockdown-test-bundles" / source_key(TEST_PUBLIC_KEY.read_bytes())
    cache.mkdir(parents=True, exist_ok=True)
    return cache


def _start_second(second: Path) -> subprocess.Popen[bytes]:
    """Another build of this source, the same way, in another folder, with its own PyInstaller cache."""
    shutil.rmtree(second, ignore_errors=True)
    second.mkdir()
    env = dict(os.environ, PYINSTALLER_CONFIG_DIR=str(second / "pyinstaller-cache"))
    with (second / "stderr.txt").open("wb") as errors:
        return subprocess.Popen(_build_command(second / "lockdown"), stdout=subprocess.DEVNULL,
                                stderr=errors, env=env)


def _finish_second(second: Path, build: subprocess.Popen[bytes]) -> None:
    (second / "exit").write_text(str(build.wait(timeout=900)))


def second_build() -> tuple[int, str, Path]:
    """The second build's exit code, its stderr, and the bundle (in the cache, like the first; do
    not modify it). Made beside the first when this session made that one (a build keeps one core
    busy for a minute and a half), by whichever worker; else now."""
    built_bundle()
    second = _cache() / "second"
    with (_cache() / "second.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (second / "exit").exists():
            _finish_second(second, _start_second(second))
    return (int((second / "exit").read_text()), (second / "stderr.txt").read_text(errors="replace"),
            second / "lockdown")


@functools.cache
def built_bundle() -> Path:
    """The folder `lockdown/` of a real build of this source tree that trusts the TEST key
    (unsigned; do not modify it)."""
    cache = _cache()
    bundle = cache / "lockdown"
    with (cache / "lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (cache / "complete").exists():
            shutil.rmtree(bundle, ignore_errors=True)
            beside = None
            if _want_second:
                beside = _start_second(cache / "second")
            done = subprocess.run(_build_command(bundle), capture_output=True, text=True, timeout=900)
            if beside is not None:
                _finish_second(cache / "second", beside)
            if done.returncode != 0:
                raise RuntimeError(f"tools/build.py failed ({done.returncode}):\n"
                                   f"{done.stdout}\n{done.stderr}")
            (cache / "complete").write_text(done.stdout)
    return bundle


def copy_bundle(dest: Path) -> Path:
    """A private copy of the built bundle at `dest` (symlinks kept as links), to sign or tamper with."""
    shutil.copytree(built_bundle(), dest, symlinks=True)
    return dest


def sign_bundle(bundle: Path, private_key: Path = TEST_PRIVATE_KEY) -> Path:
    """Write `bundle/manifest.sig` with a TEST key, as the release step would; returns the .sig path."""
    key = serialization.load_pem_private_key(private_key.read_bytes(), password=None)
    assert isinstance(key, Ed25519PrivateKey)
    sig = bundle / "manifest.sig"
    sig.write_bytes(key.sign((bundle / "manifest.json").read_bytes()))
    return sig

