"""The exam's sound: set at the start, put back as it was at the end, never blocking the exam."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import psutil
import pytest

from lockdown.config.model import AudioSettings
from lockdown.platform.fake import FakeVolume
from lockdown.sound import SoundAtStart, restore_after_crash
from lockdown.state_record import StateRecord


@pytest.fixture
def record(tmp_path: Path) -> StateRecord:
    """Where the volume before the exam is written down: in a state folder that does not exist yet."""
    return StateRecord(tmp_path / "state" / "lockdown" / "volume-before-exam.json")


def test_muted_and_set_then_put_back(record: StateRecord) -> None:
    volume = FakeVolume(level=80, muted=False)
    op = SoundAtStart(AudioSettings(mute=True, volume=20), False, lambda: volume, record)
    op.perform()
    assert (volume.level, volume.muted) == (20, True)
    volume.level = 55  # the student turned it up with the taskbar
    op.revert()
    assert (volume.level, volume.muted) == (80, False)


def test_controls_shown_alone_still_put_back_what_the_student_changed(record: StateRecord) -> None:
    volume = FakeVolume(level=30, muted=True)
    op = SoundAtStart(AudioSettings(), True, lambda: volume, record)
    op.perform()
    assert volume.calls == []
    volume.level, volume.muted = 90, False
    op.revert()
    assert (volume.level, volume.muted) == (30, True)


def test_nothing_read_or_written_when_the_exam_does_not_touch_the_sound(record: StateRecord) -> None:
    asked: list[str] = []
    op = SoundAtStart(AudioSettings(), False,
                      lambda: asked.append("asked") or None, record)  # type: ignore[func-returns-value]
    op.perform()
    op.revert()
    assert asked == [] and not record.file.exists()


def test_a_failing_sound_server_does_not_stop_the_exam(record: StateRecord) -> None:
    volume = FakeVolume(level=40, fail=True)
    op = SoundAtStart(AudioSettings(mute=True), False, lambda: volume, record)
    op.perform()  # no exception: the exam goes on
    assert volume.calls == [("muted", True)]
    with pytest.raises(OSError, match="refused"):
        op.revert()  # what cannot be put back is reported (the sequence says which undo failed)
    assert volume.calls[-1] == ("level", 40)


def test_no_volume_control_on_this_computer(record: StateRecord) -> None:
    op = SoundAtStart(AudioSettings(mute=True), False, lambda: None, record)
    op.perform()
    op.revert()


def test_the_volume_before_is_written_down_first_and_forgotten_once_back(record: StateRecord) -> None:
    volume = FakeVolume(level=80, muted=False)
    op = SoundAtStart(AudioSettings(mute=True, volume=20), False, lambda: volume, record)
    op.perform()
    written = json.loads(record.file.read_text())
    assert (written["level"], written["muted"]) == (80, False)
    op.revert()
    assert not record.file.exists()
    assert not (record.file.parents[1]).exists()  # nor the state folders made to hold it


def test_a_killed_exam_s_volume_comes_back_at_the_next_start(record: StateRecord) -> None:
    volume = FakeVolume(level=65, muted=False)
    SoundAtStart(AudioSettings(mute=True, volume=10), False, lambda: volume, record).perform()
    assert (volume.level, volume.muted) == (10, True)  # and the exam is killed: no revert
    assert restore_after_crash(record, lambda: volume) is not None
    assert (volume.level, volume.muted) == (65, False)
    assert not record.file.exists()
    assert restore_after_crash(record, lambda: volume) is None  # once


def test_the_record_of_an_exam_still_running_is_left_alone(record: StateRecord) -> None:
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        record.file.parent.mkdir(parents=True)
        record.file.write_text(json.dumps({"format": 1, "pid": other.pid, "level": 40, "muted": True,
                                           "started": psutil.Process(other.pid).create_time()}))
        volume = FakeVolume(level=5, muted=False)
        assert restore_after_crash(record, lambda: volume) is None
        assert volume.calls == [] and record.file.exists()
    finally:
        other.kill()
        other.wait()
    # that process is gone now: its pid and start time no longer match, so the volume comes back
    assert restore_after_crash(record, lambda: volume) is not None
    assert (volume.level, volume.muted) == (40, True)


def test_a_volume_that_cannot_be_set_yet_stays_recorded(record: StateRecord) -> None:
    record.file.parent.mkdir(parents=True)
    record.file.write_text(json.dumps({"format": 1, "pid": 1, "started": 0.0, "level": 70, "muted": False}))
    assert restore_after_crash(record, lambda: FakeVolume(fail=True)) is None
    assert restore_after_crash(record, lambda: None) is None
    assert record.file.exists()


def test_an_unreadable_record_is_removed_without_changing_anything(record: StateRecord) -> None:
    record.file.parent.mkdir(parents=True)
    record.file.write_text("{not json")
    volume = FakeVolume(level=33)
    assert restore_after_crash(record, lambda: volume) is None
    assert volume.calls == [] and not record.file.exists()


def test_a_new_exam_comes_back_to_the_volume_before_the_killed_one(record: StateRecord) -> None:
    """The killed exam's record could not be used (no sound server then): the next exam ends on the
    volume from before the killed exam, not on the one that exam left."""
    record.file.parent.mkdir(parents=True)
    record.file.write_text(json.dumps({"format": 1, "pid": 1, "started": 0.0, "level": 70, "muted": False}))
    volume = FakeVolume(level=10, muted=True)  # what the killed exam left
    op = SoundAtStart(AudioSettings(volume=50), False, lambda: volume, record)
    op.perform()
    op.revert()
    assert (volume.level, volume.muted) == (70, False)


def test_a_volume_that_cannot_be_written_down_is_not_changed(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("")
    volume = FakeVolume(level=80)
    unwritable = StateRecord(tmp_path / "file" / "x.json")  # its folder is a file
    op = SoundAtStart(AudioSettings(mute=True), False, lambda: volume, unwritable)
    op.perform()  # the exam goes on
    op.revert()
    assert volume.calls == []
