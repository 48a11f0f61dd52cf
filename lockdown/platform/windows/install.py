"""Windows: per-user Start-menu shortcuts, a per-user "Apps & features" entry, link and file
handlers (`handlers`), self-removal.

Everything is under the user's own profile and HKEY_CURRENT_USER: nothing needs elevation.
`winreg` is imported only when the real registry is used, so this module loads (and is tested
with fakes) on any OS. A running .exe cannot be deleted on Windows, so the uninstaller restarts
from a copy of the bundle in the temporary folder, and that copy is deleted after it exits.
"""

from __future__ import annotations

import importlib
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

from lockdown.i18n import system_language
from lockdown.install.changes import REG_MULTI_SZ, REG_NONE, RegData, RegTree, RegValue
from lockdown.install.receipt import Entry
from lockdown.paths import SESSION_TMP_PREFIX, Paths
from lockdown.platform.windows.handlers import ClassesHandlers, Notify, TreeRegistry
from lockdown.words import Phrase, say

DETACHED = 0x00000008 | 0x00000200 | 0x08000000
"""DETACHED_PROCESS | CREATE_NEW_PROCESS_GROUP | CREATE_NO_WINDOW."""
SHCNE_ASSOCCHANGED = 0x08000000
SHCNF_IDLIST = 0x0000


class Registry(TreeRegistry, Protocol):
    """The part of HKEY_CURRENT_USER the installer uses; keys are written "HKCU\\...\\name"."""

    def set_values(self, key: str, values: Mapping[str, str | int]) -> None: ...
    def exists(self, key: str) -> bool: ...


class LinkWriter(Protocol):
    """Creates a Windows shell link (.lnk)."""

    def write(self, link: Path, target: Path, arguments: str, description: str) -> None: ...


class Spawner(Protocol):
    """Starts a detached process (the relaunched uninstaller, the delayed clean-up)."""

    def spawn(self, argv: list[str], cwd: Path) -> None: ...


def _winreg() -> Any:
    """`winreg`, imported by name so this module loads and type-checks on every OS."""
    return importlib.import_module("winreg")


def _subkey(key: str) -> str:
    if not key.startswith("HKCU\\"):
        raise ValueError(f"{key}: only per-user (HKCU) keys are used")
    return key[len("HKCU\\"):]


class WinRegistry:
    """The real registry, through `winreg` (HKEY_CURRENT_USER only)."""

    def set_values(self, key: str, values: Mapping[str, str | int]) -> None:
        winreg = _winreg()
        with winreg.CreateKey(winreg.HKEY_CURRENT_USER, _subkey(key)) as handle:
            for name, value in values.items():
                kind = winreg.REG_DWORD if isinstance(value, int) else winreg.REG_SZ
                winreg.SetValueEx(handle, name, 0, kind, value)

    def exists(self, key: str) -> bool:
        winreg = _winreg()
        try:
            winreg.OpenKey(winreg.HKEY_CURRENT_USER, _subkey(key)).Close()
        except FileNotFoundError:
            return False
        return True

    def delete(self, key: str) -> bool:
        """Delete the key, its subkeys first (DeleteKey removes only a key without subkeys)."""
        winreg = _winreg()
        try:
            _delete_tree(winreg, _subkey(key))
        except FileNotFoundError:
            return False
        return True

    def read_tree(self, key: str) -> RegTree | None:
        winreg = _winreg()
        try:
            return _read_tree(winreg, _subkey(key))
        except FileNotFoundError:
            return None

    def write_tree(self, key: str, tree: RegTree) -> None:
        _write_tree(_winreg(), _subkey(key), tree)


def _delete_tree(winreg: Any, sub: str) -> None:
    with winreg.OpenKey(winreg.HKEY_CURRENT_USER, sub, 0, winreg.KEY_READ) as handle:
        children = [winreg.EnumKey(handle, i) for i in range(winreg.QueryInfoKey(handle)[0])]
    for child in children:
        _delete_tree(winreg, f"{sub}\\{child}")
    winreg.DeleteKey(winreg.HKEY_CURRENT_USER, sub)


def _read_tree(winreg: Any, sub: str) -> RegTree:
    with winreg.OpenKey(winreg.HKEY_CURRENT_USER, sub, 0, winreg.KEY_READ) as handle:
        n_subkeys, n_values, _modified = winreg.QueryInfoKey(handle)
        children = [winreg.EnumKey(handle, i) for i in range(n_subkeys)]
        values = [_value(*winreg.EnumValue(handle, i)) for i in range(n_values)]
    return RegTree(tuple(values), tuple((c, _read_tree(winreg, f"{sub}\\{c}")) for c in children))


def _value(name: str, data: object, kind: int) -> RegValue:
    """winreg's (name, data, type) as a RegValue: lists as tuples, an empty binary as b""."""
    converted: RegData
    if kind == REG_MULTI_SZ and isinstance(data, list):
        converted = tuple(str(s) for s in data)
    elif isinstance(data, (str, int, bytes)):
        converted = data
    else:
        converted = b""  # REG_NONE and empty binary values read as None
    return RegValue(name, kind, converted)


def _write_tree(winreg: Any, sub: str, tree: RegTree) -> None:
    with winreg.CreateKey(winreg.HKEY_CURRENT_USER, sub) as handle:
        for value in tree.values:
            data: object = list(value.data) if isinstance(value.data, tuple) else value.data
            if value.type == REG_NONE and data == b"":
                data = None
            winreg.SetValueEx(handle, value.name, 0, value.type, data)
    for name, child in tree.subkeys:
        _write_tree(winreg, f"{sub}\\{name}", child)


class PowerShellLinks:
    """Writes .lnk files with the WScript.Shell object through PowerShell (no extra package)."""

    def write(self, link: Path, target: Path, arguments: str, description: str) -> None:
        def q(text: str) -> str:
            return "'" + text.replace("'", "''") + "'"
        script = (f"$s=(New-Object -ComObject WScript.Shell).CreateShortcut({q(str(link))});"
                  f"$s.TargetPath={q(str(target))};$s.Arguments={q(arguments)};"
                  f"$s.WorkingDirectory={q(str(target.parent))};$s.Description={q(description)};$s.Save()")
        subprocess.run(["powershell.exe", "-NoProfile", "-NonInteractive", "-Command", script],
                       check=True, capture_output=True, timeout=60)


def tell_the_shell() -> None:
    """SHChangeNotify(SHCNE_ASSOCCHANGED): Explorer drops what it cached of the file and link
    associations (with SHCNF_IDLIST both items are NULL)."""
    import ctypes

    ctypes.WinDLL("shell32").SHChangeNotify(SHCNE_ASSOCCHANGED, SHCNF_IDLIST, None, None)  # type: ignore[attr-defined]


class DetachedSpawner:
    def spawn(self, argv: list[str], cwd: Path) -> None:
        subprocess.Popen(argv, cwd=cwd, creationflags=DETACHED, close_fds=True)  # type: ignore[call-overload,unused-ignore]


class WindowsInstall:
    """Start-menu folder "Lockdown" with two shortcuts, the uninstall entry and the link and file
    handlers in HKCU."""

    def __init__(self, paths: Paths, registry: Registry | None = None, links: LinkWriter | None = None,
                 spawner: Spawner | None = None, associations_changed: Notify = tell_the_shell) -> None:
        self._paths = paths
        self._registry = registry or WinRegistry()
        self._links = links or PowerShellLinks()
        self._spawner = spawner or DetachedSpawner()
        self._handlers = ClassesHandlers(paths, self._registry, self.executable(paths.install, "lockdown"),
                                         associations_changed)

    def executable(self, folder: Path, program: str) -> Path:
        return folder / f"{program}.exe"

    def create_shortcuts(self, install_dir: Path, version: str, size_bytes: int) -> list[Entry]:
        exam, uninstall, menu = self._paths.shortcuts
        menu.mkdir(parents=True, exist_ok=True)
        entries = [Entry("shortcut", str(menu))]
        lockdown_exe = self.executable(install_dir, "lockdown")
        uninstall_exe = self.executable(install_dir, "lockdown-uninstall")
        lang = system_language()  # a shortcut's description has one language: the installing student's
        self._links.write(exam, lockdown_exe, "run", say(lang, "install.shortcut.exam"))
        entries.append(Entry("shortcut", str(exam)))
        self._links.write(uninstall, uninstall_exe, "--gui", say(lang, "install.shortcut.uninstall"))
        entries.append(Entry("shortcut", str(uninstall)))
        for key in self._paths.registry_keys:
            self._registry.set_values(key, {
                "DisplayName": "Lockdown exam",
                "DisplayVersion": version,
                "Publisher": "lockdown",
                "InstallLocation": str(install_dir),
                "DisplayIcon": str(lockdown_exe),
                "UninstallString": f'"{uninstall_exe}" --gui',
                "QuietUninstallString": f'"{uninstall_exe}" --quiet',
                "EstimatedSize": size_bytes // 1024,
                "NoModify": 1,
                "NoRepair": 1,
            })
            entries.append(Entry("registry", key))
        return entries

    def create_handlers(self, install_dir: Path, previous: Sequence[Entry],
                        record: Callable[[Entry], None]) -> tuple[list[Entry], list[Phrase]]:
        return self._handlers.create(previous, record)

    def refuse_change(self, entry: Entry) -> Phrase | None:
        return self._handlers.refuse(entry)

    def describe_change(self, entry: Entry) -> str:
        return self._handlers.describe(entry)

    def undo_change(self, entry: Entry) -> list[Phrase]:
        return self._handlers.undo(entry)

    def change_remains(self, entry: Entry) -> bool:
        return self._handlers.remains(entry)

    def handler_traces(self) -> list[tuple[str, str]]:
        return self._handlers.traces()

    def registry_key_exists(self, key: str) -> bool:
        return self._registry.exists(key)

    def remove_registry_key(self, key: str) -> bool:
        return self._registry.delete(key)

    def relocate_uninstaller(self, argv: list[str], install_dir: Path, temp_dir: Path) -> bool:
        """Copy the bundle to `temp_dir` and start the uninstaller from there, if it runs from
        inside the install folder (argv[0] is the running executable)."""
        exe = Path(argv[0])
        if install_dir not in exe.parents:
            return False
        copy = Path(tempfile.mkdtemp(prefix=SESSION_TMP_PREFIX + "uninstall-", dir=temp_dir))
        shutil.copytree(exe.parent, copy / "bundle", symlinks=True)
        self._spawner.spawn([str(copy / "bundle" / exe.name), *argv[1:]], cwd=copy)
        return True

    def schedule_self_delete(self, executable: Path, temp_dir: Path) -> None:
        """If `executable` runs from a temporary copy, a detached shell deletes that copy a few
        seconds after this process ends."""
        for folder in executable.parents:
            if folder.parent == temp_dir and folder.name.startswith(SESSION_TMP_PREFIX):
                self._spawner.spawn(["cmd.exe", "/d", "/c",
                                     f'ping -n 4 127.0.0.1 >nul & rmdir /s /q "{folder}"'], cwd=temp_dir)
                return
