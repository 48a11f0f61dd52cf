"""Linux: the output volume of the default sound device, through `pactl`.

`pactl` talks to PulseAudio, and to PipeWire through its PulseAudio service (the default on
current desktops), as the session's user. Without it, or without a sound server, there is no
volume control (the taskbar shows none).
"""

from __future__ import annotations

import re

from lockdown.platform.base import VolumeState
from lockdown.platform.linux.backend import Runner, run_quiet

SINK = "@DEFAULT_SINK@"
_PERCENT = re.compile(r"(\d+)%")


class PactlVolume:
    """Implements `VolumeControl` with `pactl`; `run` is the seam for tests."""

    def __init__(self, run: Runner = run_quiet) -> None:
        self._run = run

    def _pactl(self, *args: str) -> str:
        ran = self._run(["pactl", *args])
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
    """Whether a sound server answers `pactl` here."""
    return run(["pactl", "get-sink-mute", SINK]).status == 0
