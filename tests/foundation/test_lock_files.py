"""The lock files pin every package by version and hash, and cover what pyproject.toml asks for.

A dependency added to pyproject.toml without `./dev lock`, or a hand-edited line without a hash, would
make `pip install --require-hashes` fail on a fresh machine (CI) long after the change: this says so at
once, offline. Parsing is written here plainly from pip's requirements-file format, not taken from
lockdown.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parents[2]
LOCK_FILES = ["dev.txt", "build.txt", "build-backend.txt", "uv.txt"]
PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[A-Za-z0-9.+!-]+)$")
HASH = re.compile(r"^--hash=sha256:[0-9a-f]{64}$")
# CI's machine, for which the lock files are made: Debian 12's /usr/bin/python3 on x86_64.
TARGET = {"sys_platform": "linux", "platform_system": "Linux", "platform_machine": "x86_64",
          "os_name": "posix", "python_version": "3.11", "python_full_version": "3.11.2",
          "implementation_name": "cpython", "platform_python_implementation": "CPython"}


def requirement_lines(path: Path) -> list[str]:
    """One string per requirement: backslash continuations joined, comments and blank lines dropped."""
    joined, lines = "", []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split(" #", 1)[0].strip() if not raw.lstrip().startswith("#") else ""
        if line.endswith("\\"):
            joined += line[:-1] + " "
            continue
        joined += line
        if joined.strip():
            lines.append(joined.strip())
        joined = ""
    return lines


def pins(path: Path) -> dict[str, tuple[str, set[str]]]:
    """name -> (version, hashes) of a lock file."""
    found = {}
    for line in requirement_lines(path):
        spec, *options = line.split()
        match = PIN.match(spec)
        assert match, f"{path.name}: not pinned with ==: {spec}"
        found[canonicalize_name(match["name"])] = (match["version"], set(options))
    return found


def pinning_problems(path: Path) -> list[str]:
    """Every line of a lock file that is not `name==version` with sha256 hashes."""
    problems = []
    for line in requirement_lines(path):
        spec, *options = line.split()
        if not PIN.match(spec):
            problems.append(f"{path.name}: not pinned with ==: {line}")
        elif not options:
            problems.append(f"{path.name}: {spec} has no hash")
        problems += [f"{path.name}: {spec}: not a sha256 hash: {o}" for o in options if not HASH.match(o)]
    return problems


@pytest.mark.parametrize("name", LOCK_FILES)
def test_every_requirement_is_pinned_with_a_sha256_hash(name: str) -> None:
    path = REPO / "requirements" / name
    assert requirement_lines(path), f"{name} pins nothing"
    assert pinning_problems(path) == []


def test_a_range_a_missing_hash_and_a_weak_hash_are_caught(tmp_path: Path) -> None:
    """The check above can fail."""
    bad = tmp_path / "bad.txt"
    good_hash = "--hash=sha256:" + "a" * 64
    bad.write_text(f"# header\nfoo==1.0 \\\n    {good_hash}\n    # via bar\n"
                   "bar>=2 --hash=sha256:" + "b" * 64 + "\nbaz==3\nqux==4 --hash=md5:abc\n", encoding="utf-8")
    assert requirement_lines(bad)[0].split() == ["foo==1.0", good_hash]
    assert pinning_problems(bad) == ["bad.txt: not pinned with ==: bar>=2 --hash=sha256:" + "b" * 64,
                                     "bad.txt: baz==3 has no hash",
                                     "bad.txt: qux==4: not a sha256 hash: --hash=md5:abc"]


def pyproject_requirements() -> list[Requirement]:
    """The runtime dependencies and the server and dev extras, for CI's machine."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = list(project["dependencies"])
    for extra in ("server", "dev"):
        wanted += project["optional-dependencies"][extra]
    wanted += requirement_lines(REPO / "requirements" / "dev.in")
    reqs = [Requirement(text) for text in wanted]
    return [r for r in reqs if canonicalize_name(r.name) != "lockdown"
            and (r.marker is None or r.marker.evaluate(dict(TARGET)))]


def test_the_dev_lock_covers_every_dependency_of_pyproject() -> None:
    locked = pins(REPO / "requirements" / "dev.txt")
    wanted = pyproject_requirements()
    assert any(canonicalize_name(r.name) == "pyside6" for r in wanted)
    for req in wanted:
        name = canonicalize_name(req.name)
        assert name in locked, f"requirements/dev.txt lacks {req} (run ./dev lock)"
        version = locked[name][0]
        assert req.specifier.contains(version, prereleases=True), \
            f"requirements/dev.txt pins {name}=={version}, outside pyproject's {req} (run ./dev lock)"


def test_packages_shared_with_the_build_lock_are_the_same_files() -> None:
    """The tests run the versions the frozen bundle ships: same version, and build.txt's file among the
    hashes dev.txt accepts."""
    dev = pins(REPO / "requirements" / "dev.txt")
    build = pins(REPO / "requirements" / "build.txt")
    assert set(build) <= set(dev), f"build.txt packages missing from dev.txt: {set(build) - set(dev)}"
    for name, (version, hashes) in build.items():
        assert dev[name][0] == version, f"{name}: dev.txt {dev[name][0]}, build.txt {version}"
        assert hashes <= dev[name][1], f"{name}: build.txt's file is not one dev.txt accepts"


def test_the_build_backend_satisfies_pyproject_build_system() -> None:
    backend = pins(REPO / "requirements" / "build-backend.txt")
    build_system = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["build-system"]
    for text in build_system["requires"]:
        req = Requirement(text)
        name = canonicalize_name(req.name)
        assert name in backend and req.specifier.contains(backend[name][0]), \
            f"requirements/build-backend.txt does not satisfy pyproject's build-system {req}"
