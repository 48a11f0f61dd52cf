"""Privacy at the network level: everything the real client sends is in the manifest, nothing personal.

The kiosk-level test (a whole demo exam) reuses tests/support/privacy_check.py the same way.
"""

from __future__ import annotations

import shutil
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from lockdown import privacy
from lockdown.net.http import HttpClient
from tests.net.clients import make_client
from tests.support.privacy_check import assert_requests_private, personal_data
from tests.support.stub import Stub

TITLE = "Brouillon - notes perso.odt"


@pytest.fixture
def odd_process(tmp_path: Path) -> Iterator[str]:
    """A running process with a distinctive name, which must not appear in any request."""
    exe = tmp_path / "zqxvprivatetool"
    shutil.copy("/bin/sleep", exe)
    proc = subprocess.Popen([str(exe), "60"])
    yield exe.name
    proc.kill()
    proc.wait()


def test_a_whole_session_sends_only_the_manifest(stub: Stub, tmp_path: Path, odd_process: str) -> None:
    client = make_client(stub, tmp_path)
    client.open_session()
    for i, kind in enumerate(privacy.EVENT_TYPES):
        client.event(kind, i * 7)
    assert client.flush(10)
    http = HttpClient(stub.url)
    http.json("GET", "/api/time")
    http.download("/api/download?bytes=50000", max_bytes=50_000)
    report = privacy.build_payload("compat_report", {
        "report_id": str(uuid.uuid4()), "os_family": "linux", "os_version": "12", "arch": "x86_64",
        "qt_version": "6.8.1", "lockdown_version": "0.1.0", "check.keyring": "pass", "check.screens": "fail"})
    http.json("POST", "/api/compat-reports", json_body=report)
    assert client.close_session() == 0

    recorded = stub.requests()
    sent = {(r["method"], r["path"].split("?")[0]) for r in recorded}
    assert {("POST", "/api/session"), ("POST", "/api/events"), ("DELETE", "/api/session"),
            ("POST", "/api/compat-reports"), ("GET", "/api/download")} <= sent
    assert sum(1 for r in recorded if r["path"] == "/api/events") == len(privacy.EVENT_TYPES)
    assert_requests_private(recorded, extra_secrets=[TITLE])


def _req(path: str = "/api/events", body: Any = None, headers: list[list[str]] | None = None,
         method: str = "POST") -> dict[str, Any]:
    import json

    ev = {"event_id": str(uuid.uuid4()), "type": "focus_lost", "t": 3}
    return {"method": method, "path": path, "headers": headers or [["host", "127.0.0.1:1"]],
            "body": json.dumps(ev if body is None else body), "body_base64": None}


def _some(kind: str) -> str:
    values = sorted(personal_data()[kind])
    if not values:
        pytest.skip(f"this machine has no {kind}")
    return values[0]


@pytest.mark.parametrize("bad", [
    lambda: _req(body={"event_id": str(uuid.uuid4()), "type": "focus_lost", "t": 3, "app": "x"}),
    lambda: _req(headers=[["x-hostname", "a"]]),
    lambda: _req(headers=[["cookie", "sid=1"]]),
    lambda: _req(headers=[["authorization", "Basic dXNlcjpwdw=="]]),
    lambda: _req(path="/api/time?user=bob", method="GET", body=""),
    lambda: _req(path="/exam/api/save", body={"answers": {"q3": _some("user name")}}),
    lambda: _req(path="/exam/api/save", body={"answers": {"q3": "on " + _some("host name") + " today"}}),
    lambda: _req(path="/exam/api/save", body={"answers": {"q3": _some("MAC address").upper()}}),
    lambda: _req(path="/exam/api/save", body={"answers": {"q3": _some("machine id")}}),
    lambda: _req(path="/exam/api/save", body={"answers": {"q3": _some("home folder") + "/x"}}),
])
def test_the_check_catches_what_must_not_leave(bad: Any) -> None:
    with pytest.raises(AssertionError, match="privacy rules"):
        assert_requests_private([bad()])


def test_the_check_catches_a_running_process_name(odd_process: str) -> None:
    with pytest.raises(AssertionError, match="process name"):
        assert_requests_private([_req(headers=[["user-agent", f"lockdown/0.1 ({odd_process})"]])])


def test_the_check_catches_a_window_title_and_a_real_request_with_an_extra_field(stub: Stub) -> None:
    requests.post(stub.url + "/api/compat-reports", timeout=10, json={
        "report_id": str(uuid.uuid4()), "os_family": "linux", "os_version": "12", "arch": "x86_64",
        "qt_version": "6.8.1", "lockdown_version": "0.1.0", "hostname": "pc-42"})
    with pytest.raises(AssertionError, match="hostname"):
        assert_requests_private(stub.requests())
    with pytest.raises(AssertionError, match="notes perso"):
        assert_requests_private([_req(path="/exam/api/save", body={"q": TITLE})], extra_secrets=[TITLE])
