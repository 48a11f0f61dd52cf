"""ruff and mypy --strict pass: the issue's bar for every change, enforced in CI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def test_ruff_is_clean() -> None:
    r = subprocess.run([str(BIN / "ruff"), "check", "--no-cache", "lockdown", "server_stub", "installer",
                        "uninstaller", "tools", "bench", "tests"],
                       cwd=REPO, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr


def test_mypy_strict_is_clean_on_lockdown_and_its_tools() -> None:
    r = subprocess.run([sys.executable, "-m", "mypy", "--explicit-package-bases", "lockdown", "server_stub",
                        "tools"], cwd=REPO, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stdout + r.stderr
    for entry in ("installer/main.py", "uninstaller/main.py"):  # two scripts both named main
        r = subprocess.run([sys.executable, "-m", "mypy", entry], cwd=REPO, capture_output=True, text=True,
                           timeout=600)
        assert r.returncode == 0, r.stdout + r.stderr
