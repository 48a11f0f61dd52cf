"""Windows and macOS install steps, run here with fakes for the registry, shell links and processes."""

from __future__ import annotations

from pathlib import Path

import pytest

from lockdown.install.installer import Installer
from lockdown.install.uninstaller import Uninstaller
from lockdown.paths import SESSION_TMP_PREFIX, Paths, get_paths
from lockdown.platform import get_platform
from lockdown.platform.linux.install import LinuxInstall
from lockdown.platform.macos.install import MacInstall
from lockdown.platform.windows.install import WindowsInstall
from tests.install.helpers import FakeSecrets, all_paths, make_bundle
from tests.platform.windows_fakes import FakeRegistry

WINDOWS_PROGRAMS = ("lockdown.exe", "lockdown-install.exe", "lockdown-uninstall.exe")


class FakeLinks:
    def write(self, link: Path, target: Path, arguments: str, description: str) -> None:
        link.write_text(f"{target} {arguments}")


class FakeSpawner:
    def __init__(self) -> None:
        self.started: list[list[str]] = []

    def spawn(self, argv: list[str], cwd: Path) -> None:
        self.started.append(argv)


@pytest.fixture
def win_paths(tmp_path: Path) -> Paths:
    profile = tmp_path / "Users" / "student"
    env = {"LOCALAPPDATA": str(profile / "AppData" / "Local"),
           "APPDATA": str(profile / "AppData" / "Roaming"), "TEMP": str(tmp_path / "Temp")}
    for folder in env.values():
        Path(folder).mkdir(parents=True)
    return get_paths("windows", home=profile, env=env)


def test_factory_picks_the_module_of_the_paths_os(tmp_path: Path, win_paths: Paths) -> None:
    mac_paths, linux_paths = get_paths("macos", home=tmp_path, env={}), get_paths("linux", home=tmp_path)
    assert isinstance(get_platform(win_paths.os).install_steps(win_paths), WindowsInstall)
    assert isinstance(get_platform(mac_paths.os).install_steps(mac_paths), MacInstall)
    assert isinstance(get_platform(linux_paths.os).install_steps(linux_paths), LinuxInstall)


def test_windows_install_and_uninstall_is_per_user_and_complete(tmp_path: Path, win_paths: Paths) -> None:
    registry, spawner = FakeRegistry(), FakeSpawner()
    platform = WindowsInstall(win_paths, registry, FakeLinks(), spawner, lambda: None)
    bundle = make_bundle(tmp_path / "bundle", programs=WINDOWS_PROGRAMS)
    before = all_paths(win_paths.home)
    installer = Installer(win_paths, platform, lambda _folder: None, version="1.2")
    installer.install(installer.plan(bundle))
    exam, uninstall, menu = win_paths.shortcuts
    assert exam.read_text() == f"{win_paths.install / 'lockdown.exe'} run"
    assert uninstall.read_text() == f"{win_paths.install / 'lockdown-uninstall.exe'} --gui"
    (key,) = win_paths.registry_keys
    assert key.startswith("HKCU\\")
    assert registry.data(key, "DisplayVersion") == "1.2"
    assert registry.data(key, "UninstallString") == f'"{win_paths.install / "lockdown-uninstall.exe"}" --gui'
    assert registry.data(key, "InstallLocation") == str(win_paths.install)
    report = Uninstaller(win_paths, platform, FakeSecrets(), retry_pause=0).run()
    assert report.clean, report.lines()
    assert registry.keys == {}
    assert not menu.exists()
    assert all_paths(win_paths.home) == before


def test_windows_uninstaller_restarts_from_a_copy_outside_the_install(win_paths: Paths) -> None:
    spawner = FakeSpawner()
    platform = WindowsInstall(win_paths, FakeRegistry(), FakeLinks(), spawner, lambda: None)
    make_bundle(win_paths.install, programs=WINDOWS_PROGRAMS)
    exe = win_paths.install / "lockdown-uninstall.exe"
    assert platform.relocate_uninstaller([str(exe), "--gui"], win_paths.install, win_paths.temp_root)
    (argv,) = spawner.started
    copy = Path(argv[0])
    assert argv[1:] == ["--gui"]
    assert win_paths.install not in copy.parents
    assert copy.parent.parent.parent == win_paths.temp_root
    assert copy.parent.parent.name.startswith(SESSION_TMP_PREFIX)
    assert (copy.parent / "_internal" / "lib" / "libfoo.so.1").exists()
    # the copy does not relocate again, and asks for itself to be deleted once it has exited
    assert not platform.relocate_uninstaller([str(copy)], win_paths.install, win_paths.temp_root)
    platform.schedule_self_delete(copy, win_paths.temp_root)
    cleanup = spawner.started[-1]
    assert cleanup[0] == "cmd.exe" and str(copy.parent.parent) in cleanup[-1]


def test_windows_uninstaller_not_in_a_temporary_copy_schedules_nothing(win_paths: Paths) -> None:
    spawner = FakeSpawner()
    platform = WindowsInstall(win_paths, FakeRegistry(), FakeLinks(), spawner, lambda: None)
    platform.schedule_self_delete(win_paths.install / "lockdown-uninstall.exe", win_paths.temp_root)
    assert spawner.started == []


def test_macos_install_goes_to_the_users_applications_folder(tmp_path: Path) -> None:
    home = tmp_path / "Users" / "student"
    home.mkdir(parents=True)
    (tmp_path / "T").mkdir()
    paths = get_paths("macos", home=home, env={"TMPDIR": str(tmp_path / "T")})
    installer = Installer(paths, MacInstall(paths), lambda _folder: None)
    installer.install(installer.plan(make_bundle(tmp_path / "bundle")))
    assert (home / "Applications" / "Lockdown.app" / "lockdown").exists()
    report = Uninstaller(paths, MacInstall(paths), FakeSecrets(), retry_pause=0).run()
    assert report.clean, report.lines()
    assert all_paths(home) == set()  # ~/Applications was created by the installer: gone too
