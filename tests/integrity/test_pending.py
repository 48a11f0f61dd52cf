"""The self-check in the background: same verdicts as the plain check, in a thread or a child process."""

from __future__ import annotations

import functools
import hashlib
import os
import threading
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from lockdown.errors import IntegrityUnknown
from lockdown.integrity.hashing import PIECE, HashJob
from lockdown.integrity.pending import PendingCheck
from lockdown.integrity.selfcheck import SelfCheckResult, self_check
from lockdown.words import phrase


def _check_of(tree: Path, key: Ed25519PublicKey) -> functools.partial[SelfCheckResult]:
    return functools.partial(self_check, install_dir=tree, public_key=key)


@pytest.mark.parametrize("in_child", [False, True], ids=["thread", "child"])
def test_a_signed_tree_is_valid_with_its_digest_in_both_modes(signed_tree: Path,
                                                              test_public_key: Ed25519PublicKey,
                                                              in_child: bool) -> None:
    plain = self_check(install_dir=signed_tree, public_key=test_public_key)
    pending = PendingCheck(_check_of(signed_tree, test_public_key), in_child=in_child).start()
    result = pending.result()
    assert pending.done() and result.status == "valid" == plain.status
    assert result.manifest_digest == plain.manifest_digest and result.install_dir == signed_tree
    done, total = pending.progress()
    assert done == total == sum(p.stat().st_size for p in signed_tree.rglob("*")
                                if p.is_file() and not p.is_symlink() and p.name not in ("manifest.json",
                                                                                          "manifest.sig"))


@pytest.mark.parametrize("in_child", [False, True], ids=["thread", "child"])
def test_a_tampered_tree_is_invalid_and_names_the_file(signed_tree: Path, test_public_key: Ed25519PublicKey,
                                                       in_child: bool) -> None:
    lib = signed_tree / "_internal" / "lib" / "libfoo.so.1"
    data = bytearray(lib.read_bytes())
    data[-1] ^= 1
    lib.write_bytes(bytes(data))
    result = PendingCheck(_check_of(signed_tree, test_public_key), in_child=in_child).start().result()
    assert result.status == "invalid"
    said = [p.text("en") for p in result.problems]
    assert said == ["modified: _internal/lib/libfoo.so.1 (content differs)"]


def test_the_child_mode_really_checks_in_another_process(tmp_path: Path) -> None:
    seen = tmp_path / "pid"

    def check(progress: object) -> SelfCheckResult:
        seen.write_text(str(os.getpid()))
        return SelfCheckResult("unverifiable", [phrase("integrity.from_source")])

    assert PendingCheck(check, in_child=True).start().result().status == "unverifiable"
    if threading.active_count() > 1:
        pytest.skip("another thread runs in this test process: the check ran in a thread")
    assert int(seen.read_text()) != os.getpid()


@pytest.mark.parametrize("in_child", [False, True], ids=["thread", "child"])
def test_a_check_that_breaks_is_could_not_check(in_child: bool) -> None:
    def check(progress: object) -> SelfCheckResult:
        raise IntegrityUnknown("integrity.not_folder", path="/disk gone")

    with pytest.raises(IntegrityUnknown, match="disk gone"):
        PendingCheck(check, in_child=in_child).start().result()


def test_progress_is_readable_while_the_check_waits() -> None:
    release = threading.Event()

    def check(progress):  # type: ignore[no-untyped-def]
        progress(25, 100)
        release.wait(30)
        return SelfCheckResult("unverifiable", [])

    pending = PendingCheck(check).start()
    for _ in range(500):
        if pending.progress() == (25, 100):
            break
        threading.Event().wait(0.01)
    assert pending.progress() == (25, 100) and not pending.done()
    release.set()
    assert pending.result().status == "unverifiable"


def _sizes_around_a_piece(root: Path) -> dict[str, int]:
    sizes = {}
    for n, size in enumerate((0, 1, PIECE - 1, PIECE, PIECE + 1, 3 * PIECE + 17)):
        (root / f"f{n}").write_bytes(os.urandom(size))
        sizes[f"f{n}"] = size
    return sizes


def test_hash_job_gives_the_sha256_of_every_file(tmp_path: Path) -> None:
    sizes = _sizes_around_a_piece(tmp_path)
    reports: list[tuple[int, int]] = []
    caller = threading.get_ident()
    threads: set[int] = set()

    def progress(done: int, total: int) -> None:
        threads.add(threading.get_ident())
        reports.append((done, total))

    digests = HashJob(tmp_path, sizes).start().results(progress)
    assert digests == {rel: hashlib.sha256((tmp_path / rel).read_bytes()).hexdigest() for rel in sizes}
    assert reports[-1] == (sum(sizes.values()),) * 2 and threads == {caller}


def test_hash_job_reports_an_unreadable_file_and_skips_on_request(tmp_path: Path) -> None:
    sizes = _sizes_around_a_piece(tmp_path)
    sizes["gone"] = 10
    job = HashJob(tmp_path, sizes, workers=1)
    job.skip(["f5", "f4"])  # before start(): neither is ever read
    digests = job.start().results()
    assert isinstance(digests["gone"], OSError) and "f5" not in digests and "f4" not in digests
    # the unreadable file's listed size counts as done, so the progress still ends at its total
    assert job.progress() == (sum(s for rel, s in sizes.items() if rel not in ("f5", "f4")),) * 2


def test_a_file_swapped_for_a_fifo_does_not_hang_the_check(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    digests = HashJob(tmp_path, {"pipe": 100}).start().results()
    assert digests["pipe"] == hashlib.sha256(b"").hexdigest()  # read as empty: "content differs"


def test_a_stopped_job_ends_without_hashing_the_rest(tmp_path: Path) -> None:
    sizes = _sizes_around_a_piece(tmp_path)
    job = HashJob(tmp_path, sizes, workers=1)
    job.stop()
    assert job.start().results() == {}
