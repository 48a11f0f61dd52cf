"""Stand-ins for the parts that are not under test: a small bundle, a keyring in a dict."""

from __future__ import annotations

import os
from pathlib import Path

from lockdown.secrets import SecretsUnavailable


def make_bundle(folder: Path, programs: tuple[str, ...] = ("lockdown", "lockdown-install",
                                                           "lockdown-uninstall"),
                extra: dict[str, bytes] | None = None) -> Path:
    """A small stand-in for dist/lockdown/: programs, an _internal/ tree, a relative link."""
    folder.mkdir(parents=True)
    for name in programs:
        (folder / name).write_bytes(b"#!/bin/sh\necho " + name.encode() + b"\n")
        os.chmod(folder / name, 0o755)
    internal = folder / "_internal" / "lib"
    internal.mkdir(parents=True)
    (internal / "libfoo.so.1").write_bytes(b"\x7fELF" + b"x" * 1000)
    os.symlink("libfoo.so.1", internal / "libfoo.so")
    (folder / "manifest.json").write_text("{}")
    (folder / "manifest.sig").write_bytes(b"s" * 64)
    for rel, data in (extra or {}).items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_bytes(data)
    return folder


class FakeSecrets:
    """A keyring in a dict, one store per service; `unavailable` makes every call fail as a locked
    keyring would."""

    def __init__(self) -> None:
        self.items: dict[tuple[str, str], str] = {}
        self.unavailable = False

    def __call__(self, service: str) -> _ServiceView:
        return _ServiceView(self, service)


class _ServiceView:
    def __init__(self, keyring: FakeSecrets, service: str) -> None:
        self._keyring = keyring
        self._service = service

    def _check(self) -> None:
        if self._keyring.unavailable:
            raise SecretsUnavailable("secrets.unreadable", error="the keyring is locked")

    def get(self, name: str) -> str | None:
        self._check()
        return self._keyring.items.get((self._service, name))

    def set(self, name: str, value: str) -> None:
        self._check()
        self._keyring.items[(self._service, name)] = value

    def delete(self, name: str) -> bool:
        self._check()
        return self._keyring.items.pop((self._service, name), None) is not None


def all_paths(root: Path) -> set[str]:
    """Every file, folder and link below `root` (relative), to compare before and after."""
    found = set()
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            found.add(os.path.relpath(os.path.join(dirpath, name), root))
    return found
