"""`lockdown-install` and `lockdown-uninstall` in a terminal speak the student's language."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
ELEVATED_FR = "lockdown refuse de fonctionner avec des droits élevés : exécuté en root"


def run(program: str, args: list[str], home: Path, lang: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANGUAGE")}
    env.update(LANG=lang, HOME=str(home), PYTHONPATH=str(REPO), TMPDIR=str(home))
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env.pop(var, None)
    return subprocess.run([sys.executable, str(REPO / program / "main.py"), *args], env=env, cwd=REPO,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.skipif(sys.platform != "linux", reason="runs the programs from source on Linux")
def test_the_installer_says_why_it_stops_in_french(tmp_path: Path) -> None:
    done = run("installer", ["--quiet"], tmp_path, "fr_FR.UTF-8")
    assert done.returncode == 2 and done.stdout == ""
    [line] = done.stderr.splitlines()
    expected = ELEVATED_FR if ROOT else ("lancez le programme lockdown-install construit, ou indiquez le "
                                         "paquet avec --bundle DOSSIER")
    assert line.startswith("lockdown-install: ") and expected in line, line


@pytest.mark.skipif(sys.platform != "linux", reason="runs the programs from source on Linux")
def test_the_uninstaller_lists_in_french(tmp_path: Path) -> None:
    done = run("uninstaller", ["--dry-run"], tmp_path, "fr_FR.UTF-8")
    if ROOT:
        assert done.returncode == 2
        [line] = done.stderr.splitlines()
        assert line.startswith("lockdown-uninstall: ") and ELEVATED_FR in line, line
    else:
        assert done.returncode == 0, done.stderr
        assert done.stdout.splitlines()[-1] == "lockdown-uninstall: rien de lockdown n'a été trouvé"


@pytest.mark.skipif(sys.platform != "linux", reason="runs the programs from source on Linux")
def test_the_same_programs_speak_english_to_an_english_student(tmp_path: Path) -> None:
    done = run("installer", ["--quiet"], tmp_path, "en_GB.UTF-8")
    assert done.returncode == 2
    expected = "refusing to run elevated" if ROOT else "run the built lockdown-install program"
    assert expected in done.stderr
