"""The sound during the exam: muted or set to a level at the start (SEB's `audioMute`,
`audioSetVolumeLevel` + `audioVolumeLevel`), and put back as it was at the end.

An Operation. The volume as it was is read before anything is changed; whatever the exam or the
student (with the taskbar's volume controls) changed meanwhile, the end puts that back. When
the exam changes nothing and shows no volume control, nothing is read or written. A sound
server that fails does not stop the exam: what could not be read is not changed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from lockdown.config.model import AudioSettings
from lockdown.platform.base import VolumeControl, VolumeState

log = logging.getLogger(__name__)


class SoundAtStart:
    """Operation `sound`; `control` is asked when performed (the taskbar's sources exist by then)."""

    name = "sound"

    def __init__(self, settings: AudioSettings, controls_shown: bool,
                 control: Callable[[], VolumeControl | None]) -> None:
        self._settings = settings
        self._shown = controls_shown
        self._control = control
        self._before: VolumeState | None = None
        self._used: VolumeControl | None = None

    def perform(self) -> None:
        s = self._settings
        if not (s.mute or s.volume is not None or self._shown):
            return
        control = self._control()
        if control is None:
            if s.mute or s.volume is not None:
                log.warning("this exam sets the sound, but this computer offers no volume control")
            return
        try:
            self._before = control.state()
        except OSError as exc:  # nothing can be put back: change nothing; the exam goes on
            log.warning("the volume cannot be read, so it is left as it is: %s", exc)
            return
        self._used = control
        try:
            if s.volume is not None:
                control.set_level(s.volume)
            if s.mute:
                control.set_muted(True)
        except OSError as exc:
            log.warning("the sound could not be set for the exam: %s", exc)

    def revert(self) -> None:
        control, before = self._used, self._before
        self._used = self._before = None
        if control is None or before is None:
            return
        control.set_level(before.level)
        control.set_muted(before.muted)
