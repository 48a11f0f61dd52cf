"""The installer and uninstaller windows say what happens where, show progress, and end clearly."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from lockdown.i18n import Language, system_language
from lockdown.install.installer import Installer
from lockdown.install.uninstaller import Uninstaller
from lockdown.paths import KEYRING_ENTRIES, Paths
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
    note = ("À noter :\n\u2022 le type de fichier .seb n'est pas enregistré : update-mime-database n'est pas "
            "installé (Debian : shared-mime-info) ; les liens seb:// et sebs:// ouvrent quand même lockdown")
    assert window.status.text().endswith(note)


def test_install_window_shows_a_failure_in_words(qtbot, paths: Paths, bundle: Path) -> None:
    from lockdown.errors import IntegrityError
    from lockdown.words import phrase

    def bad(folder: Path) -> None:
        raise IntegrityError("install.bundle.mismatch", folder=str(folder),
                             problems=[phrase("integrity.missing", path="lockdown")])

    installer = Installer(paths, LinuxInstall(paths), bad)
    window = install_window("fr", installer, installer.plan(bundle))
    qtbot.addWidget(window)
    assert "Aucun droit d'administrateur nécessaire." in window.intro.text()
    window.action.click()
    qtbot.waitUntil(lambda: window.action.isHidden(), timeout=10_000)
    assert window.status.text().startswith("L'installation n'a pas abouti")
    assert "ne correspond pas à son manifeste signé : manquant : lockdown" in window.status.text()
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


def _french(monkeypatch: pytest.MonkeyPatch) -> Language:
    """A French student's session, as the uninstaller's menu entry starts it (the system's locale)."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    return system_language()


def test_uninstall_window_speaks_french_to_a_french_student(qtbot, paths: Paths, bundle: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    installer = Installer(paths, LinuxInstall(paths), lambda _folder: None)
    installer.install(installer.plan(bundle))
    window = uninstall_window(_french(monkeypatch),
                              Uninstaller(paths, LinuxInstall(paths), FakeSecrets(), retry_pause=0))
    qtbot.addWidget(window)
    assert window.windowTitle() == "Désinstaller Lockdown"
    intro = window.intro.text()
    assert intro.startswith("Lockdown et tout ce qu'il a écrit seront supprimés :")
    assert f"{paths.install} (programme installé)" in intro
    assert f"{paths.shortcuts[0]} (entrée de menu)" in intro
    assert f"{paths.data} (données et reçu)" in intro
    for english in ("installed program", "menu entry", "will be removed"):
        assert english not in intro
    assert window.action.text() == "&Supprimer" and window.close_button.text() == "&Annuler"
    window.action.click()
    qtbot.waitUntil(lambda: window.action.isHidden(), timeout=10_000)
    assert window.status.text() == "Terminé : il ne reste aucune trace de Lockdown sur cet ordinateur."
    assert window.close_button.text() == "&Fermer"


def test_what_remains_is_said_in_french_too(qtbot, paths: Paths, bundle: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    installer = Installer(paths, LinuxInstall(paths), lambda _folder: None)
    installer.install(installer.plan(bundle))
    secrets = FakeSecrets()
    secrets.unavailable = True  # a locked keyring: its entries cannot be checked, so they remain
    window = uninstall_window(_french(monkeypatch), Uninstaller(paths, LinuxInstall(paths), secrets,
                                                                retry_pause=0))
    qtbot.addWidget(window)
    assert "(entrée du trousseau)" in window.intro.text()
    window.action.click()
    qtbot.waitUntil(lambda: window.action.isHidden(), timeout=10_000)
    lines = window.status.text().splitlines()
    assert lines[0] == "Terminé, mais certains éléments restent :"
    service, user = KEYRING_ENTRIES[0]
    assert f"reste : {service}/{user} (entrée du trousseau) : le trousseau n'a pas pu être interrogé : " \
           "le trousseau du système ne peut pas être lu : the keyring is locked" in lines
    assert window.exit_code == 1


def _edit_mimeapps(paths: Paths, old: str, new: str) -> None:
    assert paths.mimeapps is not None
    text = paths.mimeapps.read_text()
    assert old in text
    paths.mimeapps.write_text(text.replace(old, new))


def test_a_default_the_student_changed_since_is_said_in_french(qtbot, paths: Paths, bundle: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    installer = Installer(paths, LinuxInstall(paths), lambda _folder: None)
    installer.install(installer.plan(bundle))
    _edit_mimeapps(paths, "application/seb=lockdown.desktop;", "application/seb=mine.desktop;")
    window = uninstall_window(_french(monkeypatch),
                              Uninstaller(paths, LinuxInstall(paths), FakeSecrets(), retry_pause=0))
    qtbot.addWidget(window)
    assert f"{paths.mimeapps} (application par défaut de x-scheme-handler/sebs)" in window.intro.text()
    window.action.click()
    qtbot.waitUntil(lambda: window.action.isHidden(), timeout=10_000)
    assert window.status.text().splitlines() == [
        "Terminé : il ne reste aucune trace de Lockdown sur cet ordinateur.",
        f"remarque : {paths.mimeapps} : la ligne de application/seb a été modifiée depuis l'installation : "
        "laissée telle quelle"]
    assert window.exit_code == 0


def test_a_default_that_still_names_lockdown_remains_and_is_said_in_french(
        qtbot, paths: Paths, bundle: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    installer = Installer(paths, LinuxInstall(paths), lambda _folder: None)
    installer.install(installer.plan(bundle))
    _edit_mimeapps(paths, "x-scheme-handler/seb=lockdown.desktop;",
                   "x-scheme-handler/seb=lockdown.desktop;mine.desktop;")
    window = uninstall_window(_french(monkeypatch),
                              Uninstaller(paths, LinuxInstall(paths), FakeSecrets(), retry_pause=0))
    qtbot.addWidget(window)
    window.action.click()
    qtbot.waitUntil(lambda: window.action.isHidden(), timeout=10_000)
    assert window.status.text().splitlines() == [
        "Terminé, mais certains éléments restent :",
        f"reste : {paths.mimeapps} (application par défaut de x-scheme-handler/seb) : la ligne de "
        "x-scheme-handler/seb a été modifiée depuis l'installation et nomme toujours lockdown.desktop : "
        "laissée telle quelle"]
    assert window.exit_code == 1


REPORTS_EVERY_FILE = """
from lockdown.ui.install_window import _Worker
from lockdown.words import phrase

def job(progress):
    for i in range(5000):  # the built bundle has about 3,300 files, each reported as it is copied
        progress(i, 5000, phrase("install.step.copy", file=f"_internal/m{i}.py"))
    return "done"

worker = _Worker(job, "en")
worker.run()  # in this thread: only the signals are under test
print("ran to its end", flush=True)
"""


def test_thousands_of_progress_signals_do_not_abort_the_program() -> None:
    """PySide6 6.12 on CPython 3.11 took a reference from True at every signal emitted."""
    done = subprocess.run([sys.executable, "-c", REPORTS_EVERY_FILE], capture_output=True, text=True,
                          timeout=120, cwd=Path(__file__).resolve().parents[2])
    assert (done.returncode, done.stdout) == (0, "ran to its end\n"), done.stderr[-1000:]
