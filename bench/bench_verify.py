"""Benchmark: re-hashing the built bundle, side by side in one run.

    /opt/lockdown-venv/bin/python bench/bench_verify.py [BUNDLE_DIR] [--repeat N]

Compares lockdown's parallel verify (signature + every file) with Python hashlib on one thread,
`sha256sum` over the same files and `openssl dgst -sha256` (one process, one stream), all on a warm
cache; then the frozen `lockdown verify` end to end and the self-check the kiosk runs first, in
this process and in the child process `lockdown run` starts it in on Linux. Without BUNDLE_DIR it
uses (and if needed builds) the test bundle of tests/support/bundle.py.
Target (issue 14): lockdown's verify at least 2x one openssl stream on 2 cores.
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

from lockdown.integrity.hashing import Progress, hash_files  # noqa: E402
from lockdown.integrity.manifest import FileEntry, parse_manifest  # noqa: E402
from lockdown.integrity.pending import PendingCheck  # noqa: E402
from lockdown.integrity.selfcheck import SelfCheckResult, self_check  # noqa: E402
from lockdown.integrity.signature import load_private_key, load_public_key  # noqa: E402
from lockdown.integrity.verify import verify  # noqa: E402
from tests.support.bundle import TEST_PRIVATE_KEY, TEST_PUBLIC_KEY, built_bundle  # noqa: E402


def timed_round_robin(methods: list[tuple[str, Callable[[], object]]],
                      repeat: int) -> list[tuple[str, float, float]]:
    """(name, median, best) wall time of each method over `repeat` rounds after one warm-up round;
    each round runs every method once, so a change of load on a shared machine hits all alike."""
    for _, fn in methods:
        fn()
    times: dict[str, list[float]] = {name: [] for name, _ in methods}
    for _ in range(repeat):
        for name, fn in methods:
            t = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - t)
    return [(name, statistics.median(times[name]), min(times[name])) for name, _ in methods]


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
    with tempfile.TemporaryDirectory() as tmp:
        copy = linked_copy(bundle, Path(tmp) / "lockdown")
        (copy / "manifest.sig").write_bytes(signature)
        result = self_check(install_dir=copy, public_key=public)
        assert result.status == "valid", result.problems

        def check(progress: Progress) -> SelfCheckResult:
            return self_check(progress, install_dir=copy, public_key=public)

        frozen = [str(copy / "lockdown"), "verify", "--pubkey", str(TEST_PUBLIC_KEY)]
        rows = timed_round_robin([
            (f"lockdown verify (parallel, {os.cpu_count()} cores, signature + all files)",
             lambda: verify(bundle, manifest_bytes, signature, public)),
            ("Python hashlib, one thread", lambda: hash_files(bundle, sizes, workers=1)),
            ("sha256sum over the same files",
             lambda: subprocess.run(["sha256sum", *paths], capture_output=True, check=True)),
            ("openssl dgst -sha256 (one stream)",
             lambda: subprocess.run(["openssl", "dgst", "-sha256", *paths], capture_output=True, check=True)),
            ("self_check() in this process", lambda: check(lambda done, total: None)),
            ("self-check in a child process (`lockdown run` on Linux)",
             lambda: PendingCheck(check, in_child=True).start().result()),
            ("frozen `lockdown verify` process, end to end",
             lambda: subprocess.run(frozen, capture_output=True, check=True)),
        ], args.repeat)

    links = len(manifest.entries) - len(files)
    print(f"bundle {bundle}: {total / 1e6:.1f} MB ({total / 2**20:.1f} MiB) in {len(files)} files "
          f"and {links} symlinks; warm cache, {args.repeat} interleaved rounds; load average before: "
          f"{load:.1f} (other sessions share this machine)")
    print(f"{'method':<64} {'median s':>9} {'GB/s':>6} {'best s':>7}")
    for name, median, best in rows:
        print(f"{name:<64} {median:9.3f} {total / median / 1e9:6.2f} {best:7.3f}")
    openssl = next(row for row in rows if row[0].startswith("openssl"))
    print(f"lockdown verify / one openssl stream: {openssl[1] / rows[0][1]:.2f}x on medians, "
          f"{openssl[2] / rows[0][2]:.2f}x on best times (target >= 2.0x on 2 cores); load average after: "
          f"{os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
