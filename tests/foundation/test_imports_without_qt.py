"""Qt lives in lockdown/ui/ only: every other module imports on a machine where PySide6 cannot load.

Each module is imported in a child process whose import system refuses PySide6 (and shiboken6,
which it is built on). A module that needs Qt must import it inside the function that shows
something, as `lockdown.app` does with the front end.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

CHILD = r'''
import contextlib, importlib, importlib.abc, io, json, pkgutil, runpy, sys

BLOCKED = ("PySide6", "shiboken6")


class NoQt(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in BLOCKED:
            raise ImportError(f"{name} is blocked for this test")
        return None


sys.meta_path.insert(0, NoQt())
result = {"imported": [], "failed": {}}


def attempt(name):
    try:
        module = importlib.import_module(name)
    except Exception as exc:
        result["failed"][name] = f"{type(exc).__name__}: {exc}"
        return None
    result["imported"].append(name)
    return module


def walk(path, prefix):
    """Every module below `path`, without entering lockdown.ui (and without running __main__)."""
    for info in pkgutil.iter_modules(path, prefix):
        if info.name in SKIPPED:
            continue
        module = attempt(info.name)
        if info.ispkg and module is not None:
            walk(module.__path__, info.name + ".")


SKIPPED = {"lockdown.ui", "lockdown.__main__"}
lockdown = attempt("lockdown")
walk(lockdown.__path__, "lockdown.")
for script in ("installer.main", "uninstaller.main"):
    attempt(script)
sys.argv = ["lockdown", "--help"]
with contextlib.redirect_stdout(io.StringIO()):
    try:
        runpy.run_module("lockdown", run_name="__main__")  # python -m lockdown, i.e. lockdown/__main__.py
    except SystemExit as end:
        result["main_exit"] = end.code
result["qt_importable"] = attempt("lockdown.ui.lockdown_ops") is not None
result["qt_loaded"] = sorted(m for m in sys.modules if m.split(".")[0] in BLOCKED)
print(json.dumps(result))
'''


def test_every_module_outside_ui_imports_with_pyside6_blocked() -> None:
    done = subprocess.run([sys.executable, "-c", CHILD], cwd=REPO, capture_output=True, text=True,
                          timeout=300, env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO)})
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    failed = dict(result["failed"])
    qt_failure = failed.pop("lockdown.ui.lockdown_ops", "")
    assert failed == {}
    expected = {str(p.relative_to(REPO).with_suffix("")).replace("/", ".").removesuffix(".__init__")
                for p in (REPO / "lockdown").rglob("*.py")
                if "ui" not in p.relative_to(REPO / "lockdown").parts[:1] and p.name != "__main__.py"}
    assert expected <= set(result["imported"])  # every file was reached, none was left out
    assert result["main_exit"] == 0  # `python -m lockdown --help` too
    # and the block was real: a Qt module of lockdown/ui cannot load, no part of Qt was loaded
    assert result["qt_importable"] is False and "PySide6" in qt_failure
    assert result["qt_loaded"] == []
