"""Linux: the output volume of the default sound device, through `pactl`.

`pactl` talks to PulseAudio, and to PipeWire through its PulseAudio service (the default on
current desktops), as the session's user. Without it, or without a sound server, there is no
volume control (the taskbar shows none). `pactl` is always told which server to use (the
session's socket, or PULSE_SERVER when set): asked without one, libpulse starts a sound server of
its own, which outlives the exam and leaves its folder behind.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping

from lockdown.platform.base import VolumeState
from lockdown.platform.linux.backend import Runner, run_quiet

SINK = "@DEFAULT_SINK@"
_PERCENT = re.compile(r"(\d+)%")


def server(env: Mapping[str, str] | None = None) -> str | None:
    """The sound server to ask: PULSE_SERVER, else the session's socket; None without a session."""
    environ = os.environ if env is None else env
    if environ.get("PULSE_SERVER"):
        return environ["PULSE_SERVER"]
    runtime = environ.get("XDG_RUNTIME_DIR")
    return f"unix:{runtime}/pulse/native" if runtime else None


class PactlVolume:
    """Implements `VolumeControl` with `pactl`; `run` is the seam for tests."""

    def __init__(self, run: Runner = run_quiet) -> None:
        self._run = run

    def _pactl(self, *args: str) -> str:
        where = server()
        if where is None:
            raise OSError("no sound session")
        ran = self._run(["pactl", "--server", where, *args])
        if ran.status != 0:
            raise OSError(ran.problem or f"pactl {args[0]} failed (exit status {ran.status})")
        return ran.out

    def state(self) -> VolumeState:
        found = _PERCENT.search(self._pactl("get-sink-volume", SINK))
        if found is None:
            raise OSError("pactl did not say the volume")
        muted = self._pactl("get-sink-mute", SINK).split(":", 1)[-1].strip().lower() in ("yes", "1")
        return VolumeState(min(100, int(found.group(1))), muted)

    def set_level(self, level: int) -> None:
        self._pactl("set-sink-volume", SINK, f"{max(0, min(100, level))}%")

    def set_muted(self, muted: bool) -> None:
        self._pactl("set-sink-mute", SINK, "1" if muted else "0")


def available(run: Runner = run_quiet) -> bool:
    """Whether the session's sound server answers `pactl` here (none is ever started)."""
    where = server()
    return where is not None and run(["pactl", "--server", where, "get-sink-mute", SINK]).status == 0
