"""The real kiosk's clipboard is the exam's alone: nothing comes in, nothing goes out, all gone at the end.

`lockdown run` as a fresh ordinary user on Xvfb + openbox; a second program of the same user
(x11_clipboard.py, python-xlib only) offers text on CLIPBOARD and PRIMARY and reads both. The
student pastes (Ctrl+V, middle click) into the exam page, copies in it (Ctrl+C), and the page
copies with `execCommand('copy')`; the page reports its answer field to the exam site.
"""

from __future__ import annotations

import json
import select
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.guard.test_launch_and_page_x11 import Kiosk, Site, write_config
from tests.guard.xtools import wait_for, x
from tests.support.users import User, popen_as, run_as, user_python

pytestmark = [pytest.mark.slow, pytest.mark.x11, pytest.mark.asuser, pytest.mark.timeout(300)]

PROGRAM = Path(__file__).with_name("x11_clipboard.py")
PAGE = """<!doctype html><html><head><title>Clipboard exam</title></head><body>
<input id="secret" value="SECRET-IN-EXAM">
<p id="own">PAGE-COPY</p>
<textarea id="answer" style="position:absolute;left:100px;top:200px;width:400px;height:200px"></textarea>
<script>
const answer = document.getElementById("answer"), secret = document.getElementById("secret");
const keys = [];
document.addEventListener("keydown", e => {
  keys.push(e.key);
  if (e.key === "F2") { secret.focus(); secret.select(); }
  if (e.key === "F3") { answer.value = ""; answer.focus(); }
  if (e.key === "F4") {
    const range = document.createRange();
    range.selectNodeContents(document.getElementById("own"));
    getSelection().removeAllRanges(); getSelection().addRange(range);
    document.execCommand("copy");
    answer.value = ""; answer.focus();
  }
});
const report = () => JSON.stringify({answer: answer.value, keys: keys});
setInterval(() => fetch("/report", {method: "POST", body: report()}), 300);
answer.focus();
</script></body></html>"""


@pytest.fixture
def program_dir() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="lockdown-clipboard-", dir="/var/tmp"))
    folder.chmod(0o755)
    shutil.copy(PROGRAM, folder / PROGRAM.name)
    (folder / PROGRAM.name).chmod(0o644)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def exam() -> Iterator[Site]:
    site = Site({"/": ("text/html", PAGE.encode())})
    yield site
    site.close()


def test_the_clipboard_is_the_exams_alone(x_display: str, unprivileged_user: User, exam: Site,
                                          program_dir: Path, tmp_path: Path) -> None:
    program = [str(user_python()), str(program_dir / PROGRAM.name)]
    env = {"DISPLAY": x_display}

    def read() -> dict[str, str | None]:
        done = run_as(unprivileged_user, [*program, "read"], env=env, keyring=False, timeout=30)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)  # type: ignore[no-any-return]

    def answer() -> str:
        return str(exam.reports[-1]["answer"]) if exam.reports else ""

    def seen() -> str:
        keys = exam.reports[-1]["keys"] if exam.reports else []
        return f"the page holds {answer()!r} after the keys {keys}"

    def key(*keys: str) -> None:
        x(x_display, "xdotool", "key", *keys)  # the kiosk holds the keyboard grab: it gets them
        time.sleep(0.4)

    kiosk = Kiosk(unprivileged_user, x_display, write_config(unprivileged_user, start_url=exam.url + "/"),
                  {}, tmp_path / "kiosk.log")
    try:
        kiosk.enter()
        assert wait_for(lambda: bool(exam.reports), timeout=30), kiosk.output()

        offered = popen_as(unprivileged_user, [*program, "offer", "FROM-OUTSIDE"], env=env, keyring=False,
                           stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        try:
            assert offered.stdout is not None and offered.stdout.readline() == b"offered\n"
            lost = set()
            for _ in range(2):
                if select.select([offered.stdout], [], [], 5)[0]:
                    lost.add(offered.stdout.readline().decode().strip())
            assert lost == {"lost CLIPBOARD", "lost PRIMARY"}, "lockdown did not take the selections back"
            key("ctrl+v")
            x(x_display, "xdotool", "mousemove", "300", "300", "click", "2")
            key("z")  # the field takes keys: only this one is in it
            assert wait_for(lambda: answer() == "z", timeout=10), seen()
        finally:
            offered.communicate(b"\n", timeout=20)
        key("y")
        assert wait_for(lambda: answer() == "zy", timeout=10), seen()

        key("F2")
        key("ctrl+c")  # the student copies in the exam...
        key("F3")
        key("ctrl+v")  # ...and pastes in the exam
        assert wait_for(lambda: answer() == "SECRET-IN-EXAM", timeout=10), seen()
        assert read() == {"CLIPBOARD": None, "PRIMARY": None}, "another program read the exam's text"

        key("F4")  # the page's own execCommand('copy')
        key("ctrl+v")
        assert wait_for(lambda: answer() == "PAGE-COPY", timeout=10), seen()
        assert read() == {"CLIPBOARD": None, "PRIMARY": None}
    finally:
        code = kiosk.end()
    assert code == 0, kiosk.output()
    assert read() == {"CLIPBOARD": None, "PRIMARY": None}, "the exam's text is still offered"
