"""`lockdown check --report` against the real server stub: consent, what arrives, and the matrix."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from lockdown.privacy import allowed_fields
from tests.compat.cli_helpers import REPO, headless_env, lockdown
from tests.support.stub import Stub

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="POSIX terminal and process tools")
REPORTS = "/api/compat-reports"


def posted_reports(stub: Stub) -> list[dict[str, object]]:
    return [json.loads(r["body"]) for r in stub.requests() if r["method"] == "POST" and r["path"] == REPORTS]


def lockdowns_requests(stub: Stub) -> list[dict[str, object]]:
    """What lockdown sent: without the fixture's own readiness probes (python-requests' User-Agent)."""
    def agent(r: dict[str, object]) -> str:
        return next((v for k, v in r["headers"] if k.lower() == "user-agent"), "")  # type: ignore[attr-defined]
    return [r for r in stub.requests() if not agent(r).startswith("python-requests/")]


def preview_fields(stderr: str) -> dict[str, str]:
    """The `key: value` lines of the preview the student was shown."""
    lines = stderr.split("will send exactly this to", 1)[1].split("Nothing else is sent", 1)[0]
    return dict(line.strip().split(": ", 1) for line in lines.splitlines()[1:] if line.strip())


def test_report_is_shown_then_sent_and_the_server_gets_exactly_that(stub: Stub) -> None:
    done = lockdown(["check", "--json", "--server", stub.url, "--report", "--yes"])
    assert done.returncode == 1  # this headless root machine fails some checks: still reportable
    doc = json.loads(done.stdout)  # stdout stays pure JSON: preview and consent go to stderr
    assert "Report sent" in done.stderr
    [sent] = posted_reports(stub)
    assert {k: str(v) for k, v in sent.items()} == preview_fields(done.stderr)
    assert sent["os_family"] == doc["system"]["os_family"]
    assert sent["os_version"] == doc["system"]["os_version"]
    assert {k for k in sent if not k.startswith("check.")} <= set(allowed_fields("compat_report"))
    assert {k[len("check."):]: v for k, v in sent.items() if k.startswith("check.")} == \
        {c["name"]: c["status"] for c in doc["checks"]}


def test_network_checks_pass_against_the_stub(stub: Stub) -> None:
    done = lockdown(["check", "--json", "--server", stub.url])
    checks = {c["name"]: c for c in json.loads(done.stdout)["checks"]}
    for name in ("server_reachable", "download_speed", "clock_offset"):
        assert checks[name]["status"] == "pass", checks[name]
    downloads = [r["path"] for r in stub.requests() if r["path"].startswith("/api/download")]
    assert downloads == ["/api/download?bytes=128000"]  # sized for the default 256 kbit/s minimum


def test_the_matrix_counts_reports_by_system_and_check(stub: Stub) -> None:
    first = lockdown(["check", "--json", "--server", stub.url, "--report", "--yes"])
    # The second machine uses the exam's configuration, which names the server itself.
    second = lockdown(["check", "--json", stub.url + "/exam/config.json", "--report", "--yes"])
    assert "Report sent" in first.stderr and "Report sent" in second.stderr, second.stderr
    doc = json.loads(second.stdout)
    family, version = doc["system"]["os_family"], doc["system"]["os_version"]
    statuses = {c["name"]: c["status"] for c in doc["checks"]}

    matrix = stub.admin_get("/admin/matrix.json").json()
    [row] = [r for r in matrix["rows"] if (r["os_family"], r["os_version"]) == (family, version)]
    assert row["reports"] == 2
    assert set(matrix["checks"]) == set(statuses)
    assert row["checks"]["screens"] == {"pass": 0, "warn": 0, "fail": 2}
    assert row["checks"]["server_reachable"]["pass"] == 2
    assert row["checks"]["webengine"]["pass"] == 2

    table = list(csv.DictReader(io.StringIO(stub.admin_get("/admin/matrix.csv").text)))
    screens = next(r for r in table if r["check"] == "screens" and r["os_version"] == version)
    assert (screens["os_family"], screens["reports"]) == (family, "2")
    assert (screens["pass"], screens["warn"], screens["fail"]) == ("0", "0", "2")

    page = stub.admin_get("/admin/matrix")
    assert page.status_code == 200
    assert f"{family} {version}" in page.text and "fail 2" in page.text


def test_the_matrix_is_for_admins_only(stub: Stub) -> None:
    import requests
    assert requests.get(stub.url + "/admin/matrix.json", timeout=10).status_code in (401, 403)


def test_without_a_terminal_or_yes_nothing_is_sent(stub: Stub) -> None:
    done = lockdown(["check", "--server", stub.url, "--report"], stdin="y\n")
    assert done.returncode == 2
    assert "will send exactly this" in done.stderr
    assert "not sent" in done.stderr.splitlines()[-1]
    assert posted_reports(stub) == []


def _run_on_a_terminal(stub: Stub, answer: str) -> tuple[int, str]:
    """Run with stdin on a pseudo-terminal and type `answer` once the question is asked."""
    master, slave = os.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "lockdown", "check", "--server", stub.url, "--report"],
                            stdin=slave, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env=headless_env(), cwd=REPO, text=True)
    os.close(slave)
    try:
        assert proc.stderr is not None
        seen = ""
        while "[y/N]" not in seen:
            char = proc.stderr.read(1)
            assert char, f"no question asked: {seen}"
            seen += char
        os.write(master, answer.encode() + b"\n")
        seen += proc.stderr.read()
        return proc.wait(timeout=60), seen
    finally:
        os.close(master)
        if proc.poll() is None:
            proc.kill()


def test_the_student_can_decline_on_a_terminal(stub: Stub) -> None:
    code, stderr = _run_on_a_terminal(stub, "n")
    assert code == 1  # the checks' verdict, not an error
    assert "Report not sent" in stderr
    assert posted_reports(stub) == []


def test_the_student_can_accept_on_a_terminal(stub: Stub) -> None:
    code, stderr = _run_on_a_terminal(stub, "y")
    assert code == 1 and "Report sent" in stderr
    assert len(posted_reports(stub)) == 1


@pytest.fixture
def prohibited_app(tmp_path: Path) -> Iterator[str]:
    """A running program named like a default prohibited app (a renamed `sleep`)."""
    exe = tmp_path / "anydesk"
    shutil.copy("/bin/sleep", exe)
    proc = subprocess.Popen([str(exe), "120"])
    time.sleep(0.2)
    try:
        yield "anydesk"
    finally:
        proc.kill()
        proc.wait()


def test_report_sends_nothing_personal_and_app_names_stay_on_screen(stub: Stub, prohibited_app: str) -> None:
    from tests.support.privacy_check import assert_requests_private  # POSIX only (pwd)

    table = lockdown(["check", "--server", stub.url])
    assert f"- {prohibited_app}" in table.stdout  # the student sees which program to close
    done = lockdown(["check", "--json", "--server", stub.url, "--report", "--yes"])
    doc = json.loads(done.stdout)
    apps = next(c for c in doc["checks"] if c["name"] == "prohibited_apps")
    assert apps["status"] == "warn"
    assert prohibited_app not in done.stdout  # JSON counts it, never names it
    assert len(posted_reports(stub)) == 1
    assert_requests_private(lockdowns_requests(stub), extra_secrets=[prohibited_app, str(REPO)])
