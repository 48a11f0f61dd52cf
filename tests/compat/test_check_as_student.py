"""`lockdown check --report` as a real student would run it: ordinary user, X display, real keyring."""

from __future__ import annotations

import json

import pytest

from tests.compat.test_report_roundtrip import lockdowns_requests, posted_reports
from tests.support.privacy_check import assert_requests_private
from tests.support.stub import Stub
from tests.support.users import User, run_as, user_python

pytestmark = [pytest.mark.slow, pytest.mark.x11, pytest.mark.asuser]


def test_a_student_desktop_passes_and_reports_nothing_personal(
        stub: Stub, x_display: str, unprivileged_user: User) -> None:
    done = run_as(unprivileged_user,
                  [str(user_python()), "-m", "lockdown", "check", "--json", "--server", stub.url,
                   "--report", "--yes"],
                  env={"DISPLAY": x_display}, keyring=True, timeout=180)
    assert "Traceback" not in done.stderr, done.stderr
    doc = json.loads(done.stdout)
    checks = {c["name"]: c for c in doc["checks"]}
    for name in ("display_server", "screens", "webengine", "keyboard_blocking", "keyring", "not_elevated",
                 "server_reachable", "download_speed", "clock_offset"):
        assert checks[name]["status"] == "pass", checks[name]
    assert checks["screens"]["detail"].startswith("1 screen")
    assert "off screen" not in checks["webengine"]["detail"]  # drawn on the X display, sandbox on
    assert "Secret Service" in checks["keyring"]["detail"]
    assert done.returncode == (0 if doc["summary"]["fail"] == 0 else 1)
    assert [c for c in doc["checks"] if c["status"] == "fail"] == []
    assert len(posted_reports(stub)) == 1
    assert_requests_private(lockdowns_requests(stub),
                            extra_secrets=[unprivileged_user.name, str(unprivileged_user.home)])
