"""Run the real `lockdown check` in a child process, as a student would."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
HEADLESS_DROP = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "NO_COLOR",
                 "LC_ALL", "LC_MESSAGES", "LANGUAGE")


def headless_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """This machine's environment without any display (it has no screen) plus `extra`.

    The locale is English unless `extra` says otherwise (LANG): the output is said in it.
    """
    env = {k: v for k, v in os.environ.items() if k not in HEADLESS_DROP}
    env["LANG"] = "C.UTF-8"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))
    env.update(extra or {})
    return env


def lockdown(args: Sequence[str], env: Mapping[str, str] | None = None, timeout: float = 180,
             stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "lockdown", *args], env=dict(env or headless_env()),
                          cwd=REPO, capture_output=True, text=True, timeout=timeout, input=stdin)
