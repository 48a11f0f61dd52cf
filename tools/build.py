#!/usr/bin/env python3
"""Build the reproducible lockdown bundle (dist/lockdown/) and its manifest; optionally sign it.

    tools/build.py [--out DIR] [--sign-key FILE] [--release-pubkey FILE] [--pinned] [--check-reproducible]

The tracked source (plus uncommitted edits, recorded as "+dirty") is copied to a fresh temporary
folder and frozen there with PYTHONHASHSEED=0 and SOURCE_DATE_EPOCH set (the commit's time), so the
result does not depend on where the checkout lives. --pinned builds in a fresh virtual environment
installed from requirements/build.txt with --require-hashes; without it the interpreter running
this script is used. --check-reproducible builds twice in two fresh folders and exits 1, listing
the files, if anything differs. --release-pubkey pins another Ed25519 public key in place of the
release key (test and benchmark builds, which can then be signed and really checked with a key that
is not the release's); without it a build trusts the release key. Exit codes: 0 built, 1 not
reproducible, 2 could not build (or a bad key file).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from cryptography.hazmat.primitives import serialization

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from lockdown.errors import LockdownError  # noqa: E402
from lockdown.integrity.manifest import BuildInfo, describe_tree, dump_manifest, parse_manifest  # noqa: E402
from lockdown.integrity.signature import load_public_key, raw_key_hex, release_public_key  # noqa: E402
from lockdown.integrity.tree import MANIFEST_NAME, SIGNATURE_NAME  # noqa: E402

SOURCES = ("build.spec", "tools", "lockdown", "installer", "uninstaller")
"""What the frozen bundle is made from (tests, docs and the server stub are not part of it)."""

PROGRAMS = ("lockdown", "lockdown-install", "lockdown-uninstall")

_VERSIONS = (
    "import json, platform, PySide6, PyInstaller, lockdown; from PySide6 import QtCore; "
    "print(json.dumps([platform.python_version(), QtCore.qVersion(), PyInstaller.__version__, "
    "lockdown.__version__]))"
)


class BuildError(Exception):
    """The bundle could not be built; the message says which step failed."""


def _git(*args: str) -> str | None:
    try:
        out = subprocess.run(["git", "-C", str(REPO), *args], capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return out.stdout


def source_files() -> list[str]:
    """Relative paths of the files the bundle is built from: git's view if there is one."""
    listed = _git("ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", *SOURCES)
    if listed is not None:
        return sorted(p for p in listed.split("\0") if p and (REPO / p).is_file())
    found = []
    for top in SOURCES:
        for path in sorted((REPO / top).rglob("*") if (REPO / top).is_dir() else [REPO / top]):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                found.append(path.relative_to(REPO).as_posix())
    return found


def source_commit() -> str:
    """HEAD's commit, with "+dirty" when the built files differ from it, or "unknown" outside git."""
    head = _git("rev-parse", "HEAD")
    if not head:
        return "unknown"
    dirty = _git("status", "--porcelain", "--", *SOURCES)
    return head.strip() + ("+dirty" if dirty else "")


def source_date_epoch() -> str:
    """SOURCE_DATE_EPOCH from the environment, else the commit's time, else a fixed date."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    stamp = _git("log", "-1", "--format=%ct")
    return stamp.strip() if stamp and stamp.strip() else "315532800"


def build_image() -> str:
    """The OS image host libraries were taken from (they differ between images), plus the CPU."""
    if sys.platform.startswith("linux"):
        try:
            for line in Path("/etc/os-release").read_text().splitlines():
                if line.startswith("PRETTY_NAME="):
                    return f"{line.split('=', 1)[1].strip().strip(chr(34))} {platform.machine()}"
        except OSError:
            pass
    return f"{platform.platform()} {platform.machine()}"


def export_source(dest: Path, release_pubkey: bytes | None = None) -> None:
    """Copy the source to `dest`; with `release_pubkey` (PEM), pin that key instead of the release key."""
    for rel in source_files():
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / rel, target)
    if release_pubkey is not None:
        pin_public_key(dest / PINNED_KEY_MODULE, release_pubkey)


PINNED_KEY_MODULE = "lockdown/integrity/signature.py"
_PINNED_PEM = re.compile(rb'(RELEASE_PUBLIC_KEY_PEM = b""")(-----BEGIN PUBLIC KEY-----\n[A-Za-z0-9+/=\n]+'
                         rb'-----END PUBLIC KEY-----\n)(""")')


def pin_public_key(module: Path, pem: bytes) -> None:
    """Write `pem` as the pinned key of the exported `module` (the code, covered by the manifest)."""
    text = module.read_bytes()
    canonical = load_public_key(pem, "release public key").public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    pinned, count = _PINNED_PEM.subn(lambda m: m.group(1) + canonical + m.group(3), text)
    if count != 1:
        raise BuildError(f"{module}: the pinned key's definition was not found exactly once")
    module.write_bytes(pinned)


def pinned_python(where: Path) -> str:
    """A fresh virtual environment holding exactly requirements/build.txt, hash-checked."""
    venv = where / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--require-hashes", "--no-deps",
                    "-r", str(REPO / "requirements" / "build.txt")], check=True)
    return str(python)


def normalize_modes(root: Path) -> None:
    """0755 for programs and folders, 0644 for the rest: the builder's umask must not show."""
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            if path.is_symlink():
                continue
            mode = path.stat().st_mode
            path.chmod(0o755 if path.is_dir() or mode & 0o111 else 0o644)
    root.chmod(0o755)


def build_once(python: str, where: Path, log: Path, source: Path) -> tuple[Path, BuildInfo, str]:
    """Freeze a copy of the exported `source` under `where`; return the bundle folder, build info and
    app version. Every build of one run starts from the same export: a file edited meanwhile in the
    checkout cannot make two of them differ."""
    src = where / "src"
    shutil.copytree(source, src)
    from tools.make_dictionaries import make as make_dictionaries

    for line in make_dictionaries(src / "lockdown" / "dictionaries"):  # shipped for spell checking
        print(f"dictionaries: {line}", file=sys.stderr)
    env = dict(os.environ, PYTHONHASHSEED="0", SOURCE_DATE_EPOCH=source_date_epoch(),
               PYTHONPATH=str(src), PYTHONDONTWRITEBYTECODE="1", LC_ALL="C.UTF-8", TZ="UTC")
    versions = subprocess.run([python, "-c", _VERSIONS], env=env, cwd=src, capture_output=True,
                              text=True, check=True)
    py_version, qt_version, pyi_version, app_version = json.loads(versions.stdout)
    with log.open("ab") as out:
        done = subprocess.run([python, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                               "--distpath", str(where / "dist"), "--workpath", str(where / "work"),
                               "build.spec"], cwd=src, env=env, stdout=out, stderr=subprocess.STDOUT)
    if done.returncode != 0:
        raise BuildError(f"PyInstaller failed (exit {done.returncode}); see {log}")
    bundle = where / "dist" / "lockdown"
    normalize_modes(bundle)
    info = BuildInfo(platform=f"{sys.platform}-{platform.machine()}", image=build_image(),
                     python=py_version, qt=qt_version, pyinstaller=pyi_version)
    return bundle, info, app_version


def write_manifest(bundle: Path, info: BuildInfo, app_version: str, commit: str) -> bytes:
    data = dump_manifest("lockdown", app_version, commit, info, describe_tree(bundle))
    (bundle / MANIFEST_NAME).write_bytes(data)
    return data


def sign_bundle(bundle: Path, key_file: Path) -> None:
    """Write manifest.sig next to manifest.json (see tools/sign.py)."""
    subprocess.run([sys.executable, str(REPO / "tools" / "sign.py"), str(key_file),
                    str(bundle / MANIFEST_NAME)], check=True)


def differences(first: bytes, second: bytes) -> list[str]:
    """Paths whose entries differ between two manifests (or the metadata that does)."""
    a, b = parse_manifest(first), parse_manifest(second)
    ea, eb = a.by_path(), b.by_path()
    paths = sorted(p for p in set(ea) | set(eb) if ea.get(p) != eb.get(p))
    meta = [f"(metadata: {k})" for k in ("app_name", "app_version", "source_commit", "build")
            if getattr(a, k) != getattr(b, k)]
    return meta + paths


def explain_programs(first: Path, second: Path, paths: list[str]) -> list[str]:
    """For each differing path that is one of the programs, the parts inside it that differ
    (which Python module, which run-time script): what a rebuild that does not match must show."""
    from tools.frozen_diff import differing_parts

    return [f"{p}: {', '.join(differing_parts(first / p, second / p)[:20])}"
            for p in paths if p in PROGRAMS and (first / p).is_file() and (second / p).is_file()]


def _install(bundle: Path, out: Path) -> None:
    if out.exists():
        if not ((out / "_internal").is_dir() or not any(out.iterdir())):
            raise BuildError(f"{out}: exists and is not a lockdown bundle; refusing to replace it")
        shutil.rmtree(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(str(bundle), str(out))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="tools/build.py", description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=REPO / "dist" / "lockdown",
                        help="where the bundle goes (default: dist/lockdown)")
    parser.add_argument("--sign-key", type=Path, metavar="FILE",
                        help="PEM Ed25519 private key: also write manifest.sig")
    parser.add_argument("--release-pubkey", type=Path, metavar="FILE",
                        help="PEM Ed25519 public key to pin instead of the release key "
                             "(test and benchmark builds; default: the release key)")
    parser.add_argument("--pinned", action="store_true",
                        help="build in a fresh venv from requirements/build.txt (hash-checked)")
    parser.add_argument("--check-reproducible", action="store_true",
                        help="build twice in fresh folders and fail listing any file that differs")
    args = parser.parse_args(argv)
    try:
        pubkey = args.release_pubkey.read_bytes() if args.release_pubkey else None
        trusted = raw_key_hex(load_public_key(pubkey, str(args.release_pubkey)) if pubkey
                              else release_public_key())
    except OSError as exc:
        print(f"build: {args.release_pubkey}: cannot be read ({exc.strerror})", file=sys.stderr)
        return 2
    except LockdownError as exc:
        print(f"build: {exc}", file=sys.stderr)
        return 2
    commit = source_commit()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="lockdown-build-") as tmp:
        root = Path(tmp)
        log = root / "pyinstaller.log"
        try:
            python = pinned_python(root) if args.pinned else sys.executable
            rounds = 2 if args.check_reproducible else 1
            source = root / "source"
            export_source(source, pubkey)
            built = []
            for n in range(rounds):
                where = root / f"build-{n}-{os.urandom(3).hex()}"
                bundle, info, version = build_once(python, where, log, source)
                built.append((bundle, write_manifest(bundle, info, version, commit)))
            if args.check_reproducible:
                diff = differences(built[0][1], built[1][1])
                if diff or built[0][1] != built[1][1]:
                    print("NOT reproducible; differing files:", *diff, sep="\n  ", file=sys.stderr)
                    print("inside the programs:", *explain_programs(built[0][0], built[1][0], diff),
                          sep="\n  ", file=sys.stderr)
                    return 1
                print(f"reproducible: two builds in different folders gave identical files "
                      f"(manifest digest {parse_manifest(built[0][1]).digest})")
            if args.sign_key:
                sign_bundle(built[0][0], args.sign_key)
            _install(built[0][0], args.out)
        except (BuildError, subprocess.CalledProcessError, OSError) as exc:
            print(f"build: {exc}", file=sys.stderr)
            if log.exists():
                sys.stderr.write(log.read_text(errors="replace")[-4000:])
            return 2
    manifest = parse_manifest((args.out / MANIFEST_NAME).read_bytes())
    size = sum(getattr(e, "size", 0) for e in manifest.entries)
    signed = "signed" if (args.out / SIGNATURE_NAME).exists() else "unsigned"
    which = "the release key" if pubkey is None else "NOT the release key"
    print(f"built {args.out}: {len(manifest.entries)} entries, {size / 1e6:.0f} MB, {signed}, "
          f"commit {commit}, digest {manifest.digest}, trusts key {trusted} ({which}) "
          f"({time.monotonic() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
