"""macOS: the output volume through AppleScript's `get volume settings` and `set volume`.

`osascript` is there on every Mac and any user may set their own output volume with it. The
settings come back as one line:

    output volume:44, input volume:75, alert volume:100, output muted:false

An output that has no volume of its own (some HDMI and USB devices) says `missing value`: then
there is no volume control. The command is behind a seam, so the parsing is tested on any OS.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable, Sequence

from lockdown.platform.base import VolumeState

Osascript = Callable[[Sequence[str]], str]
"""Runs `osascript -e LINE...` and returns what it printed; raises OSError when it fails."""

_LEVEL = re.compile(r"output volume:(\d+)")
_MUTED = re.compile(r"output muted:(true|false)")


def osascript(lines: Sequence[str]) -> str:
    """The real `osascript`, five seconds at most."""
    argv = ["osascript"]
    for line in lines:
        argv += ["-e", line]
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=5, check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        raise OSError(f"osascript could not be run: {exc}") from exc
    if done.returncode != 0:
        raise OSError(done.stderr.strip() or f"osascript failed (exit status {done.returncode})")
    return done.stdout


def volume_from_settings(text: str) -> VolumeState | None:
    """The output volume in `get volume settings`' answer; None when the output has none."""
    level, muted = _LEVEL.search(text), _MUTED.search(text)
    if level is None or muted is None:
        return None
    return VolumeState(min(100, int(level.group(1))), muted.group(1) == "true")


class AppleScriptVolume:
    """Implements `VolumeControl`; `run` is the seam for tests."""

    def __init__(self, run: Osascript = osascript) -> None:
        self._run = run

    def state(self) -> VolumeState:
        found = volume_from_settings(self._run(["get volume settings"]))
        if found is None:
            raise OSError("this output has no volume of its own")
        return found

    def set_level(self, level: int) -> None:
        self._run([f"set volume output volume {max(0, min(100, int(level)))}"])

    def set_muted(self, muted: bool) -> None:
        self._run([f"set volume output muted {'true' if muted else 'false'}"])


def available(run: Osascript = osascript) -> AppleScriptVolume | None:
    """The volume control, when the output in use has a volume."""
    control = AppleScriptVolume(run)
    try:
        control.state()
    except OSError:
        return None
    return control
