"""lockdown refuses to run elevated: one line and exit 2 as root; an ordinary user gets past it."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from lockdown.errors import EXIT_USAGE, ElevatedError
from lockdown.guard.elevation import refuse_elevated
from lockdown.platform.linux import LinuxBackend
from lockdown.words import Phrase, phrase
from tests.support.users import User, popen_as, user_python
from tests.support.words import english


class Reason:
    """A backend reduced to its elevation answer."""

    def __init__(self, reason: Phrase | None) -> None:
        self.reason = reason

    def elevated(self) -> Phrase | None:
        return self.reason


def test_an_elevated_backend_is_refused_with_its_reason() -> None:
    with pytest.raises(ElevatedError) as info:
        refuse_elevated(Reason(phrase("reason.elevated.windows_admin")))  # type: ignore[arg-type]
    assert "running as an elevated administrator" in str(info.value)
    assert "ordinary user" in str(info.value)
    assert "administrateur" in info.value.phrase.text("fr")
    assert info.value.exit_code == EXIT_USAGE


def test_a_backend_without_elevation_passes(tmp_path: Path) -> None:
    refuse_elevated(Reason(None))  # type: ignore[arg-type]
    refuse_elevated(LinuxBackend(euid=1000, env={}, root=tmp_path))


def exam_config(folder: Path) -> Path:
    """A valid exam configuration, so `lockdown run` reaches its elevation check."""
    path = folder / "exam.json"
    path.write_text(json.dumps({"format": 1, "start_url": "http://127.0.0.1:9/exam/",
                                "allow_unverified_build": True}))
    path.chmod(0o644)
    folder.chmod(0o755)
    return path


def test_lockdown_run_as_root_exits_2_with_one_line(tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("needs root")
    done = subprocess.run([sys.executable, "-m", "lockdown", "run", str(exam_config(tmp_path))],
                          capture_output=True, text=True, timeout=60,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "elevated" in lines[0] and "root" in lines[0]
    assert "Traceback" not in done.stderr


@pytest.mark.slow
@pytest.mark.asuser
def test_lockdown_run_as_an_ordinary_user_gets_past_the_elevation_check(unprivileged_user: User) -> None:
    """As root the refusal comes within a second or two; an ordinary user reaches the notice."""
    folder = Path(tempfile.mkdtemp(prefix="lockdown-elev-", dir="/var/tmp"))
    try:
        config = exam_config(folder)
        proc = popen_as(unprivileged_user, [str(user_python()), "-m", "lockdown", "run", str(config)],
                        keyring=False, env={"QT_QPA_PLATFORM": "offscreen", "LOCKDOWN_DEBUG": "1"},
                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        err: list[str] = []
        try:
            assert proc.stderr is not None
            deadline = time.monotonic() + 60
            for line in proc.stderr:  # the notice's step, logged once the elevation check is passed
                err.append(line)
                if "notice shown" in line or time.monotonic() > deadline:
                    break
        finally:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    finally:
        shutil.rmtree(folder)
    text = "".join(err)
    assert "notice shown" in text, text[-3000:]
    assert "elevated" not in text, text[-3000:]
    assert "Traceback" not in text


@pytest.mark.parametrize("variable", ["SUDO_UID", "PKEXEC_UID", "DOAS_USER"])
def test_an_ordinary_user_started_through_an_elevation_tool_is_refused(variable: str) -> None:
    from lockdown.platform.common import posix_elevation

    assert english(posix_elevation(1000, None, {variable: "1000"})) == (
        f"started through an elevation tool ({variable} is set)")
    assert posix_elevation(1000, None, {}) is None
