"""End to end, the road in from the LMS: the quiz's seb:// link, the sign-in window, single sign-on
through a second host, the notice, the quiz admitted by the stand-in's Moodle check, the way out.

As a fresh ordinary user on Xvfb + openbox, driven with xdotool as a student would (the
credentials typed with the keyboard). The Config Key the quiz page must have been sent is
computed here from the served configuration with a plain SEB-JSON implementation, not lockdown's.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.server.test_server_moodle import idp_sign_in, plain_config_key, served_plist
from tests.support.stub import Stub, start_stub
from tests.support.users import User
from tests.ui.test_kiosk_e2e import KioskRun, distinct_colours

pytestmark = [pytest.mark.slow, pytest.mark.x11, pytest.mark.asuser, pytest.mark.timeout(300)]

CONFIG_PHP = "/mod/quiz/accessrule/seb/config.php?cmid=2"
QUIZ = "/mod/quiz/view.php?id=2"
QUIZ_TITLE = "Sample quiz (SEB configured manually)"
SIGN_IN = "Sign in to get your exam"


@pytest.fixture
def lms(tmp_path: Path) -> Iterator[Stub]:
    """The stand-in Moodle, its login at an identity provider on localhost, lockdown's test allowances."""
    stub = start_stub(tmp_path, extra_args=["--moodle-idp", "--allow-unverified-build",
                                            "--allow-virtual-machine"])
    try:
        yield stub
    finally:
        stub.stop()


def _paths(stub: Stub, method: str = "GET") -> list[str]:
    return [r["path"] for r in stub.requests() if r["method"] == method]  # the query is in the path


def _wait_request(stub: Stub, fragment: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(fragment in p for p in _paths(stub)):
            return
        time.sleep(0.2)
    raise AssertionError(f"no request for {fragment}: {_paths(stub)}")


def _expected_config_key(stub: Stub) -> str:
    """What Moodle expects: the key of the configuration it serves, fetched here as another browser."""
    import requests

    s = requests.Session()
    s.headers["User-Agent"] = "lockdown-test-harness"
    form = s.get(stub.url + "/login/index.php", timeout=10)
    idp_sign_in(stub, s, form)
    return plain_config_key(served_plist(stub, s))


def _sign_in_with_the_keyboard(run: KioskRun, signin: str, attempts: int = 3) -> None:
    """Tab into the identity provider's form and type, as a student would; again if the notice does
    not come (keys typed while Chromium was still giving the page the focus can go nowhere)."""
    for _ in range(attempts):
        run.xdotool("windowactivate", "--sync", signin)
        run.xdotool("key", "--clearmodifiers", "Tab")  # into the first field
        run.xdotool("key", "--clearmodifiers", "ctrl+a")  # what an earlier attempt left there
        run.xdotool("type", "--delay", "40", "student")
        run.xdotool("key", "--clearmodifiers", "Tab")
        run.xdotool("key", "--clearmodifiers", "ctrl+a")
        run.xdotool("type", "--delay", "40", "student-password")
        run.xdotool("key", "--clearmodifiers", "Return")
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if run.xdotool("search", "--onlyvisible", "--name", "Before your exam"):
                return
            if not run.xdotool("search", "--onlyvisible", "--name", SIGN_IN):
                return  # signed in: the rest is the notice's wait
            time.sleep(0.2)


def test_the_seb_link_signs_in_then_opens_the_quiz_the_lms_admits(
        lms: Stub, unprivileged_user: User, x_display: str, tmp_path: Path) -> None:
    link = lms.url.replace("http://", "seb://", 1) + CONFIG_PHP
    run = KioskRun(unprivileged_user, x_display, link, tmp_path)  # type: ignore[arg-type]
    try:
        signin = run.wait_window(SIGN_IN)
        _wait_request(lms, "/idp/login")  # the identity provider's form, on the other host
        time.sleep(1.5)  # let the page render and take the focus
        assert distinct_colours(run.shot("sign-in")) > 8, "the sign-in window is blank"
        _sign_in_with_the_keyboard(run, signin)

        notice = run.wait_window("Before your exam")
        assert distinct_colours(run.shot("notice")) > 8
        run.key(notice, "Return")
        run.wait_active_title(QUIZ_TITLE, timeout=60)
        time.sleep(1.0)
        run.shot("quiz")

        key = _expected_config_key(lms)
        sent = [r for r in lms.requests() if r["method"] == "GET" and r["path"].startswith(QUIZ)
                and any(h[0].lower() == "x-safeexambrowser-configkeyhash" for h in r["headers"])]
        assert sent, "the kiosk never asked for the quiz with SEB's header"
        for r in sent:
            url = lms.url + r["path"]
            header = next(h[1] for h in r["headers"] if h[0].lower() == "x-safeexambrowser-configkeyhash")
            assert header == hashlib.sha256((url + key).encode()).hexdigest(), (url, header)
        cookies = [h[1] for r in sent for h in r["headers"] if h[0].lower() == "cookie"]
        assert cookies and all("MoodleSession=" in c for c in cookies)  # the sign-in's session

        # The student finishes the attempt: Tab to "Finish attempt" (after the answer and Save), Enter.
        kiosk = run.xdotool("getactivewindow")
        for _ in range(3):
            run.xdotool("key", "--clearmodifiers", "Tab")
            time.sleep(0.2)
        run.key(kiosk, "Return")
        # Moodle asks SEB to confirm the quit link (userconfirmquit -> quitURLConfirm): Leave
        question = run.wait_window("End of the exam")
        run.key(question, "alt+l")
        assert run.wait_exit(60) == 0, run.output()  # the quit link ends the exam (it is not loaded)
    finally:
        run.stop()
    uid = unprivileged_user.uid
    assert [p for p in Path("/tmp").glob("lockdown-session-*") if p.stat().st_uid == uid] == []
