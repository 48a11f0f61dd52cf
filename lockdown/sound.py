"""The sound during the exam: muted or set to a level at the start (SEB's `audioMute`,
`audioSetVolumeLevel` + `audioVolumeLevel`), and put back as it was at the end.

An Operation. The volume as it was is read before anything is changed; whatever the exam or the
student (with the taskbar's volume controls) changed meanwhile, the end puts that back. When
the exam changes nothing and shows no volume control, nothing is read or written. A sound
server that fails does not stop the exam: what could not be read is not changed.

The sound server keeps a volume after the process that set it is gone, so the volume as it was is
also written down (`Paths.volume_record`) before it is changed, and forgotten once it is back. An
exam that ends without its undo (killed, a power cut) leaves that record; the next start of
lockdown, or its uninstaller, puts the volume back from it (`restore_after_crash`). Nothing is
changed when the record cannot be written.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable

import psutil

from lockdown.config.model import AudioSettings
from lockdown.platform.base import VolumeControl, VolumeState
from lockdown.state_record import StateRecord

log = logging.getLogger(__name__)


class SoundAtStart:
    """Operation `sound`; `control` is asked when performed (the taskbar's sources exist by then)."""

    name = "sound"

    def __init__(self, settings: AudioSettings, controls_shown: bool,
                 control: Callable[[], VolumeControl | None], record: StateRecord) -> None:
        self._settings = settings
        self._shown = controls_shown
        self._control = control
        self._record = record
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
            # a volume an earlier exam left changed, and not yet put back, is the one to come back to
            earlier = _recorded(self._record)
            self._before = earlier[1] if earlier is not None else control.state()
            self._record.write({"pid": os.getpid(), "started": _started(os.getpid()),
                                "level": self._before.level, "muted": self._before.muted})
        except OSError as exc:  # nothing could be put back: change nothing; the exam goes on
            log.warning("the volume cannot be read or written down, so it is left as it is: %s", exc)
            self._before = None
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
        self._record.clear()  # kept when the volume could not be put back: the next start tries


def _started(pid: int) -> float | None:
    """When process `pid` started (it tells a reused process id from the exam's own)."""
    try:
        return psutil.Process(pid).create_time()
    except psutil.Error:
        return None


def _recorded(record: StateRecord) -> tuple[bool, VolumeState] | None:
    """Whether the exam that wrote the record still runs, and the volume before it; None without a
    record. An unreadable record is removed: it cannot say what to put back."""
    try:
        data = record.read()
        if data is None:
            return None
        pid, started = int(data["pid"]), data.get("started")
        before = VolumeState(max(0, min(100, int(data["level"]))), bool(data["muted"]))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.warning("the record of the volume before an exam, %s, cannot be read (%s): it is removed",
                    record.file, exc)
        record.clear()
        return None
    running = pid != os.getpid() and started is not None and _started(pid) == started
    return running, before


def restore_after_crash(record: StateRecord,
                        control: Callable[[], VolumeControl | None]) -> VolumeState | None:
    """Put back the volume an exam changed and could not restore itself; what was put back, or None.

    Left alone while the exam that wrote the record still runs. An unreadable record is removed
    (it cannot say what to restore); one whose volume cannot be set now is kept for the next time.
    """
    found = _recorded(record)
    if found is None:
        return None
    running, before = found
    if running:
        return None  # that exam is still on
    sound = control()
    if sound is None:
        log.warning("an earlier exam changed the volume, but there is no volume control now: it stays")
        return None
    try:
        sound.set_level(before.level)
        sound.set_muted(before.muted)
    except OSError as exc:
        log.warning("the volume an earlier exam changed could not be put back yet: %s", exc)
        return None
    record.clear()
    log.info("the volume an earlier exam changed is put back (%s %%, muted: %s)", before.level, before.muted)
    return before
