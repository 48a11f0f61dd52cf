"""The `lockdown` command: help, version, exit codes, one-line errors, no Qt outside lockdown/ui."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from lockdown import __version__
from lockdown.cli import COMMANDS

REPO = Path(__file__).resolve().parents[2]


def lockdown(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "lockdown", *args], capture_output=True, text=True,
                          cwd=REPO, timeout=60)


def test_help_lists_every_subcommand() -> None:
    r = lockdown("--help")
    assert r.returncode == 0
    for name in ("run", "demo", "verify", "check", "config-key", "privacy", "paths"):
        assert name in r.stdout


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_subcommand_has_help(name: str) -> None:
    r = lockdown(name, "--help")
    assert r.returncode == 0, r.stderr
    assert "usage: lockdown " + name in r.stdout


def test_version() -> None:
    r = lockdown("--version")
    assert r.returncode == 0 and r.stdout.strip() == f"lockdown {__version__}"


@pytest.mark.parametrize("args", [["no-such-command"], ["paths", "--no-such-flag"], []])
def test_usage_errors_are_one_line_and_exit_2(args: list[str]) -> None:
    r = lockdown(*args)
    assert r.returncode == 2
    if args:
        assert len(r.stderr.strip().splitlines()) == 1
        assert "Traceback" not in r.stderr


def test_only_the_ui_package_imports_qt() -> None:
    """Every module outside lockdown/ui imports without loading PySide6."""
    modules = []
    for path in sorted((REPO / "lockdown").rglob("*.py")):
        rel = path.relative_to(REPO).with_suffix("")
        parts = rel.parts
        if "ui" in parts or parts[-1] == "__main__":
            continue
        modules.append(".".join(p for p in parts if p != "__init__"))
    code = ("import sys, importlib\n"
            f"for m in {modules!r}:\n"
            "    importlib.import_module(m)\n"
            "bad = [m for m in sys.modules if m.startswith('PySide6')]\n"
            "print(bad)\n"
            "sys.exit(1 if bad else 0)\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr


def test_an_exams_start_up_leaves_out_what_only_other_commands_need() -> None:
    """What `lockdown run` imports before the notice (the command, the app, the platform, the Qt
    windows) holds no cipher library (encrypted .seb files and the exam server's queue import it
    when used), no `--explain` tables and no installer steps: each costs the start-up milliseconds."""
    code = ("import sys\n"
            "import lockdown.commands.run, lockdown.app, lockdown.ui.entrance\n"
            "from lockdown.platform import get_platform\n"
            "get_platform().backend()\n"
            "print([m for m in ('cryptography', 'lockdown.config.explain',\n"
            "                   'lockdown.platform.linux.install', 'lockdown.install.receipt')\n"
            "       if m in sys.modules])\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=120,
                       env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "[]"
