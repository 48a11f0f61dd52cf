"""The release a student runs, for `bench_startup.py --frozen`: built, signed, installed per user.

The build is the tests' (tests/support/bundle.py), made or reused for the same source, with the
repository's TEST key pinned by `tools/build.py --release-pubkey`: signed with that key, the
installed copy's self-check really hashes every file and finds it valid, as the official release
does with the release key.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from lockdown.integrity.manifest import FileEntry, parse_manifest  # noqa: E402
from tests.support.bundle import TEST_PRIVATE_KEY, built_bundle, sign_bundle  # noqa: E402
from tests.support.users import User, run_as  # noqa: E402


def make_readable(tree: Path) -> None:
    """Folders and programs 0755, other files 0644: the test user installs from here."""
    for root, dirs, files in os.walk(tree):
        for d in dirs:
            os.chmod(os.path.join(root, d), 0o755)
        for f in files:
            p = os.path.join(root, f)
            if not os.path.islink(p):
                os.chmod(p, 0o755 if os.stat(p).st_mode & 0o100 else 0o644)
    tree.chmod(0o755)


class Release:
    """The built bundle, signed, and installed for one user; what the bench reports about it."""

    def __init__(self, work: Path, user: User) -> None:
        started = time.monotonic()
        cached = built_bundle()
        self.build_s = time.monotonic() - started
        manifest = parse_manifest((cached / "manifest.json").read_bytes())
        files = [e for e in manifest.entries if isinstance(e, FileEntry)]
        self.size_mb = sum(e.size for e in files) / 1e6
        self.files = len(files)
        self.cache = cached
        signed = work / "release" / "lockdown"
        shutil.copytree(cached, signed, symlinks=True)
        sign_bundle(signed, TEST_PRIVATE_KEY)
        make_readable(work / "release")
        started = time.monotonic()
        done = run_as(user, [str(signed / "lockdown-install"), "--quiet"], keyring=False,
                      source_tree=False, timeout=300)
        self.install_s = time.monotonic() - started
        if done.returncode != 0:
            raise RuntimeError(f"lockdown-install failed: {done.stdout}{done.stderr}")
        self.folder = user.home / ".local" / "share" / "lockdown" / "app"
        self.program = self.folder / "lockdown"

    def evict_from_page_cache(self) -> int:
        """Drop the installed files from the page cache (only them): the next start reads from disk,
        as the first one after an install on a machine with little free memory would. Returns MB."""
        dropped = 0
        for root, _, files in os.walk(self.folder):
            for name in files:
                path = os.path.join(root, name)
                if os.path.islink(path):
                    continue
                fd = os.open(path, os.O_RDONLY)
                try:
                    os.fsync(fd)  # just installed: written back first, or the pages would stay
                    os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
                    dropped += os.fstat(fd).st_size
                finally:
                    os.close(fd)
        return dropped // 10**6


def private_pyside(work: Path) -> Path:
    """A copy of the venv's PySide6 for the minimal window, so that, like the installed release's
    own copy, its libraries share no memory pages with other Qt programs on the machine (PSS
    splits shared pages between the processes that map them). Put the result on PYTHONPATH."""
    import PySide6
    import shiboken6

    site = work / "private-site"
    skip = shutil.ignore_patterns("qml", "metatypes", "include", "typesystems", "glue", "doc", "*.pyi",
                                  "__pycache__")
    for package in (PySide6, shiboken6):
        source = Path(package.__file__).parent
        shutil.copytree(source, site / source.name, ignore=skip, symlinks=True)
    make_readable(site)
    return site


def cpu_model() -> str:
    """The processor's name, for the record."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown CPU"
