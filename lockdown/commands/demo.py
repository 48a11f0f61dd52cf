"""`lockdown demo`: the sample exam, served by the local server stub on 127.0.0.1, in the kiosk.

Starts `python -m server_stub --port 0`, reads the URL from its first line, runs the kiosk on
`<url>/exam/config.json` exactly as `lockdown run` would, and stops the stub when the exam is
submitted or quit.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import secrets
import subprocess
import sys
import tempfile
from pathlib import Path

import lockdown
from lockdown.app import run_exam
from lockdown.errors import UsageError
from lockdown.i18n import system_language
from lockdown.words import say

BANNER = "lockdown server stub listening on "


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = ("run the sample exam: a local exam server on 127.0.0.1 and the kiosk on it; "
                          "it ends when the exam is submitted or quit (Ctrl+Q)")


def _stub_env() -> dict[str, str]:
    """The environment for the stub, with the folder holding `server_stub` on its path."""
    env = dict(os.environ)
    if importlib.util.find_spec("server_stub") is None:
        root = Path(lockdown.__file__).resolve().parents[1]
        if not (root / "server_stub").is_dir():
            raise UsageError("demo.no_stub")
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(root), env.get("PYTHONPATH")]))
    return env


def start_stub(log: Path) -> tuple[subprocess.Popen[str], str]:
    """Start the stub; return the process and its base URL (no trailing slash)."""
    with log.open("w") as err:
        proc = subprocess.Popen(
            [sys.executable, "-m", "server_stub", "--host", "127.0.0.1", "--port", "0",
             f"--admin-token={secrets.token_urlsafe(24)}",
             # a demo runs from source (nothing signed to check) and often in a virtual machine
             "--allow-unverified-build", "--allow-virtual-machine"],
            stdout=subprocess.PIPE, stderr=err, stdin=subprocess.DEVNULL, text=True, env=_stub_env())
    assert proc.stdout is not None
    line = proc.stdout.readline()  # the stub prints its URL first, or exits
    if not line.startswith(BANNER):
        stop_stub(proc)
        detail = log.read_text(errors="replace").strip().splitlines()
        if detail:
            raise UsageError("demo.stub_failed", output=detail[-1])
        raise UsageError("demo.stub_silent")
    return proc, line[len(BANNER):].strip()


def stop_stub(proc: subprocess.Popen[str]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def run(args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory(prefix="lockdown-demo-") as folder:
        proc, url = start_stub(Path(folder) / "stub.log")
        try:
            print("lockdown demo: " + say(system_language(), "demo.server", url=url), file=sys.stderr)
            return run_exam(f"{url}/exam/config.json")
        finally:
            stop_stub(proc)
