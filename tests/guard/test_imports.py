"""Every guard and platform module, and the exam's composition root, imports without Qt or foreign OS APIs."""

from __future__ import annotations

import subprocess
import sys

MODULES = ["lockdown.platform", "lockdown.platform.linux", "lockdown.platform.windows",
           "lockdown.platform.macos", "lockdown.guard.elevation", "lockdown.guard.environment",
           "lockdown.guard.processes", "lockdown.guard.events", "lockdown.session.operations",
           "lockdown.app"]


def test_guard_and_platform_modules_import_without_qt_or_foreign_os_apis() -> None:
    code = ("import sys\n" + "".join(f"import {m}\n" for m in MODULES) +
            "bad = [m for m in ('PySide6', 'AppKit', 'objc', 'winreg', 'pynput') if m in sys.modules]\n"
            "print(bad)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
