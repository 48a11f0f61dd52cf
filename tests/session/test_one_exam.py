"""One exam at a time, with real processes: a second launch is refused, a dead one's mark ignored."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from lockdown.paths import SESSION_TMP_PREFIX
from lockdown.session.one_exam import ExamAlreadyRunning, OneExam

REPO = Path(__file__).resolve().parents[2]

HOLDER = """
import sys, tempfile, time
from pathlib import Path
from lockdown.errors import LockdownError
from lockdown.session.one_exam import OneExam
root = Path(sys.argv[1])
folder = Path(tempfile.mkdtemp(prefix=f"lockdown-session-{__import__('os').getpid()}-", dir=root))
try:
    OneExam(folder).perform()
except LockdownError as exc:
    print("refused", exc, flush=True)
    sys.exit(2)
print("holding", flush=True)
time.sleep(float(sys.argv[2]))
"""


def _session_folder(root: Path, pid: int) -> Path:
    return Path(tempfile.mkdtemp(prefix=f"{SESSION_TMP_PREFIX}{pid}-", dir=root))


def _holder(root: Path, seconds: float) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", HOLDER, str(root), str(seconds)], cwd=REPO,
                            stdout=subprocess.PIPE, text=True, env={"PYTHONPATH": str(REPO)})


def test_a_second_exam_is_refused_while_the_first_runs_and_allowed_after(tmp_path: Path) -> None:
    first = _holder(tmp_path, 30)
    try:
        assert first.stdout is not None and first.stdout.readline().strip() == "holding"
        mine = _session_folder(tmp_path, os.getpid())
        with pytest.raises(ExamAlreadyRunning, match=f"process {first.pid}") as refused:
            OneExam(mine).perform()
        assert refused.value.pid == first.pid and not (mine / "exam-running").exists()
    finally:
        first.kill()
        first.wait()
    OneExam(mine).perform()  # its process is gone: its folder is a leftover, not an exam
    assert (mine / "exam-running").read_text() == str(os.getpid())


def test_a_mark_left_by_a_killed_process_does_not_block(tmp_path: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True)
    stale = _session_folder(tmp_path, int(dead.stdout))
    (stale / "exam-running").write_text(dead.stdout.strip())
    mine = _session_folder(tmp_path, os.getpid())
    exam = OneExam(mine)
    exam.perform()
    exam.revert()
    assert not (mine / "exam-running").exists()


def test_two_launches_at_the_same_moment_leave_exactly_one_exam(tmp_path: Path) -> None:
    launches = [_holder(tmp_path, 8) for _ in range(3)]
    try:
        firsts = [p.stdout.readline().split()[0] for p in launches if p.stdout is not None]
        assert sorted(firsts) == ["holding", "refused", "refused"], firsts
    finally:
        for p in launches:
            p.kill()
            p.wait()
