"""The one factory: which OS `sys.platform` means, and that each OS folder provides every concern.

Every OS is asked for here, on Linux: each folder must import and answer without touching the
machine (Win32, AppKit and PyObjC are reached only through their seams, faked below).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from lockdown.platform import OsName, WindowKeyboardGrab, current_os, get_backend, get_platform
from lockdown.platform.linux import LinuxBackend
from lockdown.platform.macos.backend import MacBackend, PresentationOptionsBlocker
from lockdown.platform.windows.backend import HookShortcutBlocker, WindowsBackend

ALL: tuple[OsName, ...] = ("linux", "windows", "macos")


@pytest.mark.parametrize(("value", "expected"), [
    ("linux", "linux"), ("win32", "windows"), ("darwin", "macos"),
    ("freebsd14", "linux"), ("openbsd7", "linux"),
])
def test_sys_platform_values_map_to_the_three_systems(value: str, expected: str) -> None:
    # the values Python documents for sys.platform; BSDs run the Linux (X11) code
    assert current_os(value) == expected


@pytest.mark.skipif(sys.platform != "linux", reason="names the machine running the tests")
def test_this_machine_gets_the_linux_folder() -> None:
    assert get_platform().name == "linux"
    assert isinstance(get_backend(), LinuxBackend)


@pytest.mark.parametrize("name", ALL)
def test_each_os_folder_answers_for_its_own_name(name: OsName) -> None:
    platform = get_platform(name)
    assert platform.name == name
    assert platform.backend().os_name == name


@pytest.mark.parametrize(("name", "program", "display_without_env", "exec_bit"), [
    ("linux", "lockdown", False, True),
    ("windows", "lockdown.exe", True, False),
    ("macos", "lockdown", True, True),
])
def test_each_os_folder_provides_every_concern(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               name: OsName, program: str, display_without_env: bool,
                                               exec_bit: bool) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))  # platformdirs reads the process's own environment
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.delenv(var, raising=False)
    platform = get_platform(name)
    env = {"LOCALAPPDATA": str(tmp_path / "Local"), "APPDATA": str(tmp_path / "Roaming"),
           "TMPDIR": str(tmp_path)}
    paths = platform.folders(tmp_path, env)
    assert paths.os == name
    assert paths.owned_roots() and all(tmp_path in root.parents for root in paths.owned_roots())
    assert platform.install_steps(paths).executable(tmp_path, "lockdown") == tmp_path / program
    assert platform.system.has_display({}) is display_without_env
    assert platform.files.keeps_executable_bit is exec_bit


@pytest.mark.parametrize(("env", "grabs"), [
    ({"DISPLAY": ":0"}, True),
    ({"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}, False),
    ({}, False),
])
def test_linux_keyboard_lock_is_the_windows_own_grab_under_x11_only(env: dict[str, str], grabs: bool) -> None:
    lock = LinuxBackend(env=env).keyboard_lock()
    assert isinstance(lock, WindowKeyboardGrab) if grabs else lock is None


def test_windows_keyboard_lock_is_the_low_level_hook() -> None:
    never = object()  # choosing the lock must not call Win32 or start the hook
    lock = WindowsBackend(api=never, env={}, listener_factory=lambda _f: never).keyboard_lock()  # type: ignore[arg-type]
    assert isinstance(lock, HookShortcutBlocker)


class NoCocoa:
    """Never called: choosing the lock must not touch AppKit."""

    def __getattr__(self, name: str) -> Any:
        raise AssertionError(f"AppKit called: {name}")


def test_macos_keyboard_lock_is_the_presentation_options() -> None:
    lock = MacBackend(cocoa=NoCocoa(), env={}, euid=501).keyboard_lock()  # type: ignore[arg-type]
    assert isinstance(lock, PresentationOptionsBlocker)
