"""Run the Qt probes (lockdown/ui/compat_probe.py) in a child process and turn what they print into facts.

A child process because Qt aborts the process when it cannot open a display and QtWebEngine
may hang on a broken graphics stack: the parent keeps a timeout and always gets an answer.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lockdown.compat.display import ScreenProbe
from lockdown.compat.engine import RenderProbe
from lockdown.platform import OsName, get_platform
from lockdown.tracefree import session_environment
from lockdown.words import Phrase, phrase

SCREENS_TIMEOUT_S = 30.0
RENDER_TIMEOUT_S = 60.0
_NO_REAL_DISPLAY = ("offscreen", "minimal", "vnc")


RENDER_FAILURES = {"timeout": "probe.render.timeout", "script": "probe.render.script",
                   "not_drawn": "probe.render.not_drawn", "load_failed": "probe.render.load_failed"}
"""The render probe's failure codes (lockdown/ui/compat_probe.py) and what they mean, as message keys."""


@dataclass(frozen=True)
class ProbeRun:
    """What a child printed: its JSON result, or why there is none."""

    data: Mapping[str, Any] | None
    reason: Phrase | None = None


def probe_command(kind: str) -> list[str]:
    """The child's command line: this same program, frozen or not, with the hidden probe option."""
    if getattr(sys, "frozen", False):
        return [sys.executable, "check", "--probe", kind]
    return [sys.executable, "-m", "lockdown", "check", "--probe", kind]


def has_display(os_name: OsName, env: Mapping[str, str]) -> bool:
    """Whether the OS's session has a desktop for Qt (Windows and macOS always do)."""
    return get_platform(os_name).system.has_display(env)


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:200]
    return ""


def run_probe(argv: Sequence[str], env: Mapping[str, str], timeout: float) -> ProbeRun:
    """Run one child; its caches go to a temporary folder deleted afterwards (nothing left behind)."""
    with tempfile.TemporaryDirectory(prefix="lockdown-check-") as tmp:
        folder = Path(tmp)
        (folder / "cache").mkdir()
        (folder / "tmp").mkdir()
        child_env = dict(env)
        for name, value in session_environment(folder, child_env).items():  # as the kiosk does
            if value is None:
                child_env.pop(name, None)
            else:
                child_env[name] = value
        try:
            done = subprocess.run(list(argv), env=child_env, capture_output=True, text=True,
                                  timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            return ProbeRun(None, phrase("probe.timeout", seconds=timeout))
        except OSError as exc:
            return ProbeRun(None, phrase("probe.not_started", error=exc.strerror or str(exc)))
    lines = done.stdout.strip().splitlines()
    if done.returncode == 0 and lines:
        try:
            data = json.loads(lines[-1])
        except json.JSONDecodeError:
            data = None
        if isinstance(data, dict):
            return ProbeRun(data)
    why = _first_line(done.stderr)
    if not why:
        return ProbeRun(None, phrase("probe.stopped_silent", code=done.returncode))
    return ProbeRun(None, phrase("probe.stopped", code=done.returncode, output=why))


def probe_screens(os_name: OsName, env: Mapping[str, str],
                  argv: Sequence[str] | None = None, timeout: float = SCREENS_TIMEOUT_S) -> ScreenProbe:
    """Count screens on the real display; no display is an answer, not an error."""
    if not has_display(os_name, env):
        return ScreenProbe(None, phrase("probe.no_display"))
    run = run_probe(argv or probe_command("screens"), env, timeout)
    if run.data is None:
        return ScreenProbe(None, run.reason)
    platform = str(run.data.get("platform", ""))
    if platform in _NO_REAL_DISPLAY:
        return ScreenProbe(None, phrase("probe.not_real_display", platform=platform))
    count = run.data.get("count")
    if not isinstance(count, int):
        return ScreenProbe(None, phrase("probe.no_count"))
    return ScreenProbe(count)


def probe_render(os_name: OsName, env: Mapping[str, str], elevated_posix: bool,
                 argv: Sequence[str] | None = None, timeout: float = RENDER_TIMEOUT_S) -> RenderProbe:
    """Render the test page, off screen when there is no display; as root Chromium needs its sandbox off."""
    child_env = dict(env)
    offscreen = not has_display(os_name, env)
    if offscreen:
        child_env["QT_QPA_PLATFORM"] = "offscreen"
    if elevated_posix:
        child_env["QTWEBENGINE_DISABLE_SANDBOX"] = "1"
    run = run_probe(argv or probe_command("render"), child_env, timeout)
    if run.data is None:
        return RenderProbe(False, run.reason, offscreen=offscreen)
    version = run.data.get("qt_version")
    ok = bool(run.data.get("ok"))
    code = str(run.data.get("reason", ""))
    reason = None if ok else (phrase(RENDER_FAILURES[code]) if code in RENDER_FAILURES
                              else phrase("probe.render.unknown", code=code))
    return RenderProbe(ok, reason, str(version) if version else None, offscreen=offscreen)


def running_as_root() -> bool:
    """POSIX root (uid 0): the one case where QtWebEngine refuses to start with its sandbox."""
    geteuid = getattr(os, "geteuid", None)
    return bool(geteuid is not None and geteuid() == 0)
