"""OS, processor, memory and disk verdicts, from made-up facts."""

from __future__ import annotations

import pytest

from lockdown.compat.system import (
    GIB,
    MIB,
    OsFacts,
    check_arch,
    check_disk,
    check_memory,
    check_os,
    normalise_arch,
)
from tests.support.words import english


@pytest.mark.parametrize(("facts", "status"), [
    (OsFacts("linux", "debian 12", (2, 36)), "pass"),
    (OsFacts("linux", "ubuntu 18.04", (2, 27)), "fail"),
    (OsFacts("linux", "alpine 3.19", ()), "warn"),
    (OsFacts("windows", "11", (22631,)), "pass"),
    (OsFacts("windows", "10", (17763,)), "pass"),
    (OsFacts("windows", "10", (17134,)), "fail"),
    (OsFacts("macos", "14.4", (14, 4)), "pass"),
    (OsFacts("macos", "12.7", (12, 7)), "warn"),
    (OsFacts("macos", "11.7", (11, 7)), "fail"),
])
def test_os_support_follows_qt6_minimums(facts: OsFacts, status: str) -> None:
    check = check_os(facts)
    assert check.name == "os"
    assert check.status == status
    assert bool(check.fix) == (status != "pass")


def test_old_glibc_names_the_version_found_and_needed() -> None:
    check = check_os(OsFacts("linux", "centos 7", (2, 17)))
    assert "2.17" in english(check.detail) and "2.28" in english(check.fix)


@pytest.mark.parametrize(("machine", "arch"), [
    ("x86_64", "x86_64"), ("AMD64", "x86_64"), ("aarch64", "arm64"), ("arm64", "arm64"),
    ("i686", "x86"), ("riscv64", "other"), ("", "other"),
])
def test_machine_names_map_to_the_manifest_values(machine: str, arch: str) -> None:
    assert normalise_arch(machine) == arch


@pytest.mark.parametrize(("arch", "family", "status"), [
    ("x86_64", "linux", "pass"), ("arm64", "macos", "pass"), ("arm64", "linux", "pass"),
    ("arm64", "windows", "warn"), ("x86", "windows", "fail"), ("other", "linux", "fail"),
])
def test_only_64_bit_processors_pass(arch: str, family: str, status: str) -> None:
    assert check_arch(arch, family).status == status  # type: ignore[arg-type]


@pytest.mark.parametrize(("available", "status"), [
    (4 * GIB, "pass"), (1 * GIB, "pass"), (700 * MIB, "warn"), (300 * MIB, "fail"),
])
def test_memory_thresholds(available: int, status: str) -> None:
    check = check_memory(available, 8 * GIB)
    assert check.status == status
    assert "8.0 GB" in english(check.detail)


@pytest.mark.parametrize(("free", "status"), [
    (50 * GIB, "pass"), (1 * GIB, "warn"), (100 * MIB, "fail"),
])
def test_disk_thresholds(free: int, status: str) -> None:
    assert check_disk(free).status == status


def test_disk_detail_does_not_reveal_the_home_path() -> None:
    assert "/" not in english(check_disk(100 * MIB).detail)
