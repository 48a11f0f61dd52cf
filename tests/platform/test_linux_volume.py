"""Linux volume through `pactl`, against a real PulseAudio server with a null sink."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from lockdown.install.uninstaller import Uninstaller
from lockdown.paths import get_paths
from lockdown.platform.base import VolumeState
from lockdown.platform.linux.install import LinuxInstall
from lockdown.platform.linux.volume import PactlVolume, available
from tests.install.helpers import FakeSecrets


@pytest.fixture
def sound_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A PulseAudio daemon of this test only, its one output a null sink at 100 %."""
    if shutil.which("pulseaudio") is None or shutil.which("pactl") is None:
        pytest.fail("needs pulseaudio and pulseaudio-utils (./dev installs them)")
    env = {"HOME": str(tmp_path), "XDG_RUNTIME_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    daemon = subprocess.Popen(["pulseaudio", "--daemonize=no", "--exit-idle-time=-1", "-n",
                               "--load=module-null-sink sink_name=exam",
                               "--load=module-native-protocol-unix"], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    server = f"unix:{tmp_path}/pulse/native"
    monkeypatch.setenv("PULSE_SERVER", server)
    try:
        deadline = time.monotonic() + 30
        while not available() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert available(), "the test's PulseAudio did not start"
        yield server
    finally:
        daemon.terminate()
        daemon.wait(10)


def pactl(*args: str) -> str:
    return subprocess.run(["pactl", *args], capture_output=True, text=True, check=True, timeout=10).stdout


def test_volume_and_mute_of_the_default_output(sound_server: str) -> None:
    volume = PactlVolume()
    assert volume.state() == VolumeState(100, False)
    volume.set_level(35)
    volume.set_muted(True)
    assert "35%" in pactl("get-sink-volume", "exam")  # what pactl itself reports
    assert pactl("get-sink-mute", "exam").strip() == "Mute: yes"
    assert volume.state() == VolumeState(35, True)
    volume.set_muted(False)
    volume.set_level(140)  # clamped
    assert volume.state() == VolumeState(100, False)


def test_no_sound_server_is_an_error_not_a_guess(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PULSE_SERVER", f"unix:{tmp_path}/nothing")
    assert not available()
    with pytest.raises(OSError):
        PactlVolume().state()


def test_asking_for_the_volume_never_starts_a_sound_server(monkeypatch: pytest.MonkeyPatch,
                                                           tmp_path: Path) -> None:
    """Without a running server, libpulse would spawn one that outlives the exam: never asked to."""
    monkeypatch.delenv("PULSE_SERVER", raising=False)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    monkeypatch.setenv("HOME", str(tmp_path))
    assert not available()
    assert list(tmp_path.iterdir()) == []  # no pulse/ folder, no daemon


def test_a_killed_exam_leaves_the_sound_changed_and_the_uninstaller_puts_it_back(
        sound_server: str, tmp_path: Path) -> None:
    paths = get_paths("linux", home=tmp_path / "home", env={})
    exam = (
        "import os, signal, sys; from pathlib import Path\n"
        "from lockdown.config.model import AudioSettings\n"
        "from lockdown.platform.linux.volume import PactlVolume\n"
        "from lockdown.sound import SoundAtStart\n"
        "from lockdown.state_record import StateRecord\n"
        "SoundAtStart(AudioSettings(mute=True, volume=20), False, PactlVolume,"
        " StateRecord(Path(sys.argv[1]))).perform()\n"
        "os.kill(os.getpid(), signal.SIGKILL)  # no undo\n")
    killed = subprocess.run([sys.executable, "-c", exam, str(paths.volume_record)], timeout=60)
    assert killed.returncode == -signal.SIGKILL
    assert "20%" in pactl("get-sink-volume", "exam")
    assert pactl("get-sink-mute", "exam").strip() == "Mute: yes"  # the sound server kept it
    report = Uninstaller(paths, LinuxInstall(paths), FakeSecrets(), retry_pause=0, volume=PactlVolume).run()
    assert "100%" in pactl("get-sink-volume", "exam")
    assert pactl("get-sink-mute", "exam").strip() == "Mute: no"
    assert any(note.key == "uninstall.volume_restored" for note in report.notes)
    assert not paths.volume_record.exists() and not paths.state.exists()
