"""Benchmark: re-hashing the built bundle, side by side in one run.

    /opt/lockdown-venv/bin/python bench/bench_verify.py [BUNDLE_DIR] [--repeat N]

Compares lockdown's parallel verify (signature + every file) with Python hashlib on one thread,
`sha256sum` over the same files and `openssl dgst -sha256` (one process, one stream), all on a warm
cache; then the frozen `lockdown verify` end to end and the self-check the kiosk runs first. Without
BUNDLE_DIR it uses (and if needed builds) the test bundle of tests/support/bundle.py.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from lockdown.integrity.hashing import hash_files  # noqa: E402
from lockdown.integrity.manifest import FileEntry, parse_manifest  # noqa: E402
from lockdown.integrity.selfcheck import self_check  # noqa: E402
from lockdown.integrity.signature import load_private_key, load_public_key  # noqa: E402
from lockdown.integrity.verify import verify  # noqa: E402
from tests.support.bundle import TEST_PRIVATE_KEY, TEST_PUBLIC_KEY, built_bundle  # noqa: E402


def timed(fn: Callable[[], object], repeat: int) -> float:
    """Median wall time of `repeat` runs after one warm-up run."""
    fn()
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def linked_copy(bundle: Path, dest: Path) -> Path:
    """A hard-linked copy (no data copied) to which a signature can be added without touching `bundle`."""
    dest.mkdir()
    for src in sorted(bundle.rglob("*")):
        rel = src.relative_to(bundle)
        if src.is_symlink():
            (dest / rel).symlink_to(os.readlink(src))
        elif src.is_dir():
            (dest / rel).mkdir()
        else:
            os.link(src, dest / rel)
    return dest


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("bundle", nargs="?", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    bundle = args.bundle or built_bundle()
    manifest_bytes = (bundle / "manifest.json").read_bytes()
    manifest = parse_manifest(manifest_bytes)
    files = [e for e in manifest.entries if isinstance(e, FileEntry)]
    total = sum(e.size for e in files)
    paths = [str(bundle / e.path) for e in files]
    signature = load_private_key(TEST_PRIVATE_KEY.read_bytes()).sign(manifest_bytes)
    public = load_public_key(TEST_PUBLIC_KEY.read_bytes())
    sizes = {e.path: e.size for e in files}

    load = os.getloadavg()[0]
    rows: list[tuple[str, float]] = []
    rows.append((f"lockdown verify (parallel, {os.cpu_count()} cores, signature + all files)",
                 timed(lambda: verify(bundle, manifest_bytes, signature, public), args.repeat)))
    rows.append(("Python hashlib, one thread",
                 timed(lambda: hash_files(bundle, sizes, workers=1), args.repeat)))
    rows.append(("sha256sum over the same files",
                 timed(lambda: subprocess.run(["sha256sum", *paths], capture_output=True, check=True),
                       args.repeat)))
    rows.append(("openssl dgst -sha256 (one stream)",
                 timed(lambda: subprocess.run(["openssl", "dgst", "-sha256", *paths], capture_output=True,
                                              check=True), args.repeat)))
    with tempfile.TemporaryDirectory() as tmp:
        copy = linked_copy(bundle, Path(tmp) / "lockdown")
        (copy / "manifest.sig").write_bytes(signature)
        result = self_check(install_dir=copy, public_key=public)
        assert result.status == "valid", result.problems
        rows.append(("self_check() in process (what `lockdown run` does first)",
                     timed(lambda: self_check(install_dir=copy, public_key=public), args.repeat)))
        frozen = [str(copy / "lockdown"), "verify", "--pubkey", str(TEST_PUBLIC_KEY)]
        rows.append(("frozen `lockdown verify` process, end to end",
                     timed(lambda: subprocess.run(frozen, capture_output=True, check=True), args.repeat)))

    links = len(manifest.entries) - len(files)
    print(f"bundle {bundle}: {total / 1e6:.1f} MB ({total / 2**20:.1f} MiB) in {len(files)} files "
          f"and {links} symlinks; warm cache, median of {args.repeat}; load average before: {load:.1f} "
          f"(other work on the machine skews every row alike)")
    print(f"{'method':<64} {'seconds':>8} {'GB/s':>6}")
    for name, seconds in rows:
        print(f"{name:<64} {seconds:8.3f} {total / seconds / 1e9:6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
