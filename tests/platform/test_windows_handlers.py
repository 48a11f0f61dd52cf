"""Windows link and file handlers in HKCU\\Software\\Classes, through a fake registry: written, and
removed or put back exactly as they were."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from lockdown.install.changes import REG_EXPAND_SZ, REG_NONE, REG_SZ, RegTree, RegValue
from lockdown.install.installer import Installer, InstallError
from lockdown.install.receipt import read_receipt
from lockdown.install.uninstaller import Uninstaller, UninstallReport
from lockdown.paths import Paths, get_paths
from lockdown.platform.windows.install import WindowsInstall
from tests.install.helpers import FakeSecrets, make_bundle
from tests.platform.test_install_steps import WINDOWS_PROGRAMS, FakeLinks, FakeSpawner
from tests.platform.windows_fakes import FakeRegistry, FakeShell
from tests.support.words import english

CLASSES = "HKCU\\Software\\Classes\\"
UNINSTALL_KEY = "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\lockdown"


@pytest.fixture
def win_paths(tmp_path: Path) -> Paths:
    profile = tmp_path / "Users" / "student"
    env = {"LOCALAPPDATA": str(profile / "AppData" / "Local"),
           "APPDATA": str(profile / "AppData" / "Roaming"), "TEMP": str(tmp_path / "Temp")}
    for folder in env.values():
        Path(folder).mkdir(parents=True)
    return get_paths("windows", home=profile, env=env)


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    return make_bundle(tmp_path / "bundle", programs=WINDOWS_PROGRAMS)


def install(paths: Paths, registry: FakeRegistry, bundle: Path, shell: FakeShell | None = None) -> list[str]:
    told = (shell or FakeShell(registry)).associations_changed
    steps = WindowsInstall(paths, registry, FakeLinks(), FakeSpawner(), told)
    installer = Installer(paths, steps, lambda _f: None)
    return [note.text("en") for note in installer.install(installer.plan(bundle)).notes]


def uninstall(paths: Paths, registry: FakeRegistry, shell: FakeShell | None = None) -> UninstallReport:
    told = (shell or FakeShell(registry)).associations_changed
    steps = WindowsInstall(paths, registry, FakeLinks(), FakeSpawner(), told)
    return Uninstaller(paths, steps, FakeSecrets(), retry_pause=0).run()


def english_lines(report: UninstallReport) -> list[str]:
    """The report's lines as the English terminal prints them."""
    return [line.text("en") for line in report.lines()]


def values(registry: FakeRegistry, key: str) -> dict[str, tuple[int, object]]:
    return {name: (v.type, v.data) for name, v in registry.keys[key].items()}


OTHER_COMMAND = RegTree((RegValue("", REG_EXPAND_SZ, '"%LOCALAPPDATA%\\Other\\other.exe" "%1"'),))
OTHER_PROGRAM = RegTree(
    (RegValue("", REG_SZ, "URL:Other exam browser"), RegValue("URL Protocol", REG_SZ, "")),
    (("shell", RegTree(subkeys=(("open", RegTree(subkeys=(("command", OTHER_COMMAND),))),))),))


def test_links_and_files_are_handled_per_user_and_removed(win_paths: Paths, bundle: Path) -> None:
    registry = FakeRegistry()
    assert install(win_paths, registry, bundle) == []
    exe = win_paths.install / "lockdown.exe"
    for scheme in ("sebs", "seb"):
        key = CLASSES + scheme
        assert values(registry, key) == {"": (REG_SZ, f"URL:SEB exam link ({scheme})"),
                                         "URL Protocol": (REG_SZ, "")}
        assert values(registry, key + "\\shell\\open\\command") == {"": (REG_SZ, f'"{exe}" run "%1"')}
        assert values(registry, key + "\\DefaultIcon") == {"": (REG_SZ, f'"{exe}",0')}
    assert values(registry, CLASSES + ".seb") == {"": (REG_SZ, "Lockdown.SebFile"),
                                                  "Content Type": (REG_SZ, "application/seb")}
    assert values(registry, CLASSES + ".seb\\OpenWithProgids") == {"Lockdown.SebFile": (REG_NONE, b"")}
    assert values(registry, CLASSES + "Lockdown.SebFile\\shell\\open\\command") == {
        "": (REG_SZ, f'"{exe}" run "%1"')}
    report = uninstall(win_paths, registry)
    assert report.clean, english_lines(report)
    assert registry.keys == {}


def test_the_shell_is_told_once_the_handlers_are_written_and_once_they_are_gone(
        win_paths: Paths, bundle: Path) -> None:
    registry = FakeRegistry()
    shell = FakeShell(registry)
    handlers = {CLASSES + name for name in ("sebs", "seb", ".seb", "Lockdown.SebFile")}
    install(win_paths, registry, bundle, shell)
    assert len(shell.told) == 1 and handlers <= shell.told[0]  # after the last key, not before
    install(win_paths, registry, bundle, shell)  # a repair that changes nothing tells nothing
    assert len(shell.told) == 1
    assert uninstall(win_paths, registry, shell).clean
    assert len(shell.told) > 1 and not handlers & shell.told[-1]
    assert registry.keys == {}


def test_another_programs_handler_is_put_back_exactly(win_paths: Paths, bundle: Path) -> None:
    registry = FakeRegistry()
    registry.write_tree(CLASSES + "sebs", OTHER_PROGRAM)
    registry.set_values("HKCU\\Software\\Other", {"kept": 1})
    before = copy.deepcopy(registry.keys)
    notes = install(win_paths, registry, bundle)
    assert notes == [f"{CLASSES}sebs belonged to another program (\"%LOCALAPPDATA%\\Other\\other.exe\" "
                     "\"%1\"); lockdown replaces it, and the uninstaller puts it back"]
    assert registry.data(CLASSES + "sebs\\shell\\open\\command", "") == (
        f'"{win_paths.install / "lockdown.exe"}" run "%1"')
    install(win_paths, registry, bundle)  # a repair remembers the other program's handler still
    report = uninstall(win_paths, registry)
    assert report.clean, english_lines(report)
    assert registry.keys == before


def test_a_handler_changed_since_the_install_stays_and_is_reported(win_paths: Paths, bundle: Path) -> None:
    registry = FakeRegistry()
    install(win_paths, registry, bundle)
    registry.set_values(CLASSES + "sebs", {"EditFlags": 2})  # still lockdown's command: a trace
    registry.delete(CLASSES + "seb")
    registry.write_tree(CLASSES + "seb", OTHER_PROGRAM)  # another program's since: not a trace
    report = uninstall(win_paths, registry)
    assert registry.data(CLASSES + "sebs", "EditFlags") == 2
    assert registry.read_tree(CLASSES + "seb") == OTHER_PROGRAM
    assert english_lines(report) == [f"remains: {CLASSES}sebs (handler of sebs:// links): changed since the "
                              "install: left as it is"]


def test_each_change_is_in_the_receipt_before_it_is_made(win_paths: Paths, bundle: Path) -> None:
    class FailsOnceOnTheSecondKey(FakeRegistry):
        armed = False

        def write_tree(self, key: str, tree: RegTree) -> None:
            if self.armed and key == CLASSES + "seb":
                self.armed = False
                raise OSError("access denied")
            super().write_tree(key, tree)

    registry = FailsOnceOnTheSecondKey()
    registry.write_tree(CLASSES + "seb", OTHER_PROGRAM)
    registry.armed = True
    before = copy.deepcopy(registry.keys)
    with pytest.raises(InstallError, match="access denied"):
        install(win_paths, registry, bundle)
    receipt = read_receipt(win_paths.receipt)
    assert receipt is not None and not receipt.complete
    assert [e.path for e in receipt.changes()] == [CLASSES + "sebs", CLASSES + "seb"]
    assert CLASSES + "seb" not in registry.keys  # deleted, and the write failed: the receipt knows both
    report = uninstall(win_paths, registry)
    assert report.clean, english_lines(report)
    assert registry.keys == before
    assert [english(note) for note in report.notes] == [
        "the last install did not finish; removing what it had started",
        f"{CLASSES}seb was not there; the handler it held before the install is put back"]


def test_a_receipt_naming_a_key_lockdown_does_not_use_is_refused(win_paths: Paths, bundle: Path) -> None:
    registry = FakeRegistry()
    install(win_paths, registry, bundle)
    run = "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run"
    registry.set_values(run, {"Mine": "mine.exe"})
    doc = json.loads(win_paths.receipt.read_text())
    doc["entries"].append({"kind": "registry_tree", "path": run, "undo": {
        "before": {"values": [{"name": "Evil", "type": REG_SZ, "data": "evil.exe"}], "subkeys": {}},
        "after": {"values": [{"name": "Mine", "type": REG_SZ, "data": "mine.exe"}], "subkeys": {}}}})
    win_paths.receipt.write_text(json.dumps(doc))
    report = uninstall(win_paths, registry)
    assert [(path, english(why)) for path, why in report.refused] == [
        (run, "not a registry key lockdown uses")]
    assert registry.keys == {run: registry.keys[run]} and registry.data(run, "Mine") == "mine.exe"
    assert "Evil" not in registry.keys[run] and UNINSTALL_KEY not in registry.keys


def test_without_the_receipt_the_handlers_are_reported_not_guessed(win_paths: Paths, bundle: Path) -> None:
    registry = FakeRegistry()
    registry.write_tree(CLASSES + "sebs", OTHER_PROGRAM)
    install(win_paths, registry, bundle)
    win_paths.receipt.unlink()  # lost: what lockdown replaced is no longer known
    report = uninstall(win_paths, registry)
    left = "the receipt does not say what was there before it: left as it is"
    assert [line for line in english_lines(report) if line.startswith("remains")] == [
        f"remains: {CLASSES}sebs (handler of sebs:// links): {left}",
        f"remains: {CLASSES}seb (handler of seb:// links): {left}",
        f"remains: {CLASSES}.seb (the .seb file type): {left}",
        f"remains: {CLASSES}Lockdown.SebFile (the program that opens .seb files): {left}"]
    assert UNINSTALL_KEY not in registry.keys and CLASSES + "sebs" in registry.keys
