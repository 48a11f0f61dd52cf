"""The exam's sound: set at the start, put back as it was at the end, never blocking the exam."""

from __future__ import annotations

import pytest

from lockdown.config.model import AudioSettings
from lockdown.platform.fake import FakeVolume
from lockdown.sound import SoundAtStart


def test_muted_and_set_then_put_back() -> None:
    volume = FakeVolume(level=80, muted=False)
    op = SoundAtStart(AudioSettings(mute=True, volume=20), False, lambda: volume)
    op.perform()
    assert (volume.level, volume.muted) == (20, True)
    volume.level = 55  # the student turned it up with the taskbar
    op.revert()
    assert (volume.level, volume.muted) == (80, False)


def test_controls_shown_alone_still_put_back_what_the_student_changed() -> None:
    volume = FakeVolume(level=30, muted=True)
    op = SoundAtStart(AudioSettings(), True, lambda: volume)
    op.perform()
    assert volume.calls == []
    volume.level, volume.muted = 90, False
    op.revert()
    assert (volume.level, volume.muted) == (30, True)


def test_nothing_read_or_written_when_the_exam_does_not_touch_the_sound() -> None:
    asked: list[str] = []
    op = SoundAtStart(AudioSettings(), False, lambda: asked.append("asked") or None)  # type: ignore[func-returns-value]
    op.perform()
    op.revert()
    assert asked == []


def test_a_failing_sound_server_does_not_stop_the_exam() -> None:
    volume = FakeVolume(level=40, fail=True)
    op = SoundAtStart(AudioSettings(mute=True), False, lambda: volume)
    op.perform()  # no exception: the exam goes on
    assert volume.calls == [("muted", True)]
    with pytest.raises(OSError, match="refused"):
        op.revert()  # what cannot be put back is reported (the sequence says which undo failed)
    assert volume.calls[-1] == ("level", 40)


def test_no_volume_control_on_this_computer() -> None:
    op = SoundAtStart(AudioSettings(mute=True), False, lambda: None)
    op.perform()
    op.revert()
