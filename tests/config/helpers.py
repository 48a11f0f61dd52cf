"""Helpers for the configuration tests: the SEB conformance fixture, plist and native builders, the CLI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
# The project's shared folder sits beside the checkout (CI lays it there too).
CONFORMANCE = next((p for p in (REPO.parent / "shared" / "conformance" / "seb",
                                Path("/work/shared/conformance/seb")) if p.is_dir()),
                   REPO.parent / "shared" / "conformance" / "seb")
MOODLE_SEB = CONFORMANCE / "unencrypted_mac_001.seb"
MOODLE_KEY = "4fa9af8ec8759eb7c680752ef4ee5eaf1a860628608fccae2715d519849f9292"
PYTHON = sys.executable


def plist_xml(body: str) -> bytes:
    """A complete XML plist whose root dict holds `body` (as Moodle's tests write them)."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" '
        '"http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n'
        f'<plist version="1.0"><dict>{body}</dict></plist>\n'
    ).encode()


def native(**overrides: Any) -> dict[str, Any]:
    """A valid native document with `overrides` merged in."""
    doc: dict[str, Any] = {"format": 1, "start_url": "https://exam.example.org/quiz/1"}
    doc.update(overrides)
    return doc


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """The real command, as an admin runs it."""
    return subprocess.run([PYTHON, "-m", "lockdown", *args], capture_output=True, text=True, cwd=REPO,
                          timeout=60, check=False)
