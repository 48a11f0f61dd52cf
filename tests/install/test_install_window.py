"""The installer and uninstaller windows say what happens where, show progress, and end clearly."""

from __future__ import annotations

from pathlib import Path

import pytest

from lockdown.install.installer import Installer
from lockdown.install.uninstaller import Uninstaller
from lockdown.paths import Paths
from lockdown.platform.linux.install import LinuxInstall
from lockdown.ui.install_window import install_window, uninstall_window
from tests.install.helpers import FakeSecrets


def test_install_window_explains_then_installs_with_progress(qtbot, paths: Paths, bundle: Path) -> None:
    installer = Installer(paths, LinuxInstall(paths), lambda _folder: None)
    window = install_window("en", installer, installer.plan(bundle))
    qtbot.addWidget(window)
    assert str(paths.install) in window.intro.text()
    assert "No administrator rights needed." in window.intro.text()
    assert "lockdown.desktop" in window.intro.text()
    assert "It will open seb:// and sebs:// exam links and .seb files" in window.intro.text()
    window.action.click()
    qtbot.waitUntil(lambda: window.action.isHidden(), timeout=10_000)
    assert window.bar.value() == window.bar.maximum()
    assert window.status.text().startswith("Lockdown is installed.")
    assert window.exit_code == 0 and (paths.install / "lockdown").exists()


def test_install_window_ends_with_what_was_not_done(qtbot, paths: Paths, bundle: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "no-tools"))  # no update-mime-database
    installer = Installer(paths, LinuxInstall(paths), lambda _folder: None)
    window = install_window("fr", installer, installer.plan(bundle))
    qtbot.addWidget(window)
    assert "Il ouvrira les liens d'examen seb:// et sebs:// et les fichiers .seb" in window.intro.text()
    window.action.click()
    qtbot.waitUntil(lambda: window.action.isHidden(), timeout=10_000)
    assert window.status.text().startswith("Lockdown est installé.")
    note = "À noter :\n\u2022 the .seb file type is not registered: update-mime-database"
    assert note in window.status.text()


def test_install_window_shows_a_failure_in_words(qtbot, paths: Paths, bundle: Path) -> None:
    from lockdown.errors import IntegrityError

    def bad(folder: Path) -> None:
        raise IntegrityError(f"{folder}: does not match its signed manifest")

    installer = Installer(paths, LinuxInstall(paths), bad)
    window = install_window("fr", installer, installer.plan(bundle))
    qtbot.addWidget(window)
    assert "Aucun droit d'administrateur nécessaire." in window.intro.text()
    window.action.click()
    qtbot.waitUntil(lambda: window.action.isHidden(), timeout=10_000)
    assert window.status.text().startswith("L'installation n'a pas abouti")
    assert "signed manifest" in window.status.text()
    assert window.exit_code == 1 and not paths.install.exists()


def test_uninstall_window_lists_then_removes_and_says_no_trace(qtbot, paths: Paths, bundle: Path) -> None:
    installer = Installer(paths, LinuxInstall(paths), lambda _folder: None)
    installer.install(installer.plan(bundle))
    window = uninstall_window("en", Uninstaller(paths, LinuxInstall(paths), FakeSecrets(), retry_pause=0))
    qtbot.addWidget(window)
    assert str(paths.install) in window.intro.text()
    assert f"{paths.mimeapps} (default application for x-scheme-handler/sebs)" in window.intro.text()
    window.action.click()
    qtbot.waitUntil(lambda: window.action.isHidden(), timeout=10_000)
    assert window.status.text() == "Done: no trace of Lockdown is left on this computer."
    assert window.exit_code == 0 and not paths.data.exists()
