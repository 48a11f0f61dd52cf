"""The lockdown API of the stub: strict schemas, de-duplication, admin access with an access log."""

from __future__ import annotations

import base64
import csv
import io
import sqlite3
import time
import uuid
from pathlib import Path
from typing import Any

import pytest
import requests

from lockdown import privacy
from server_stub.models import EventType
from tests.server.helpers import native_key, new_event, open_session, post_event
from tests.support.stub import Stub, start_stub


def test_event_types_accepted_are_exactly_the_manifests() -> None:
    assert EventType.__args__ == privacy.EVENT_TYPES  # type: ignore[attr-defined]


def test_session_needs_the_config_key_of_an_exam_served_here(stub: Stub) -> None:
    r = requests.post(stub.url + "/api/session", json={"config_key": "a" * 64}, timeout=10)
    assert r.status_code == 403 and "configuration" in r.json()["error"]
    body = {"config_key": native_key(stub), "user": "x"}
    r = requests.post(stub.url + "/api/session", json=body, timeout=10)
    assert r.status_code == 400 and "user" in r.json()["error"]
    token = open_session(stub)
    assert privacy.Field("t", r"[A-Za-z0-9_-]{16,128}", {}).accepts(token)
    assert token != open_session(stub)


def test_duplicate_event_is_accepted_but_stored_once(stub: Stub) -> None:
    token = open_session(stub)
    ev = new_event("exam_started", 0)
    first, again = post_event(stub, token, ev), post_event(stub, token, ev)
    assert (first.status_code, first.json()) == (201, {"stored": True, "duplicate": False})
    assert (again.status_code, again.json()) == (200, {"stored": False, "duplicate": True})
    events = stub.admin_get("/api/admin/events").json()["events"]
    assert [e["event_id"] for e in events] == [ev["event_id"]]
    assert events[0]["type"] == "exam_started" and events[0]["t"] == 0
    assert events[0]["session"].startswith("s-") and token not in str(events)


@pytest.mark.parametrize("body", [
    {**new_event(), "title": "Firefox"},
    {**new_event(), "type": "window_title"},
    {**new_event(), "t": "12"},
    {**new_event(), "t": True},
    {**new_event(), "t": -1},
    {**new_event(), "t": 1_000_000},
    {**new_event(), "event_id": "not-a-uuid"},
    {**new_event(), "event_id": str(uuid.uuid1())},
    {"type": "focus_lost", "t": 1},
    [new_event()],
    "focus_lost",
])
def test_event_outside_the_schema_is_a_400(shared_stub: Stub, body: Any) -> None:
    r = post_event(shared_stub, open_session(shared_stub), body)
    assert r.status_code == 400, r.text
    assert r.json()["error"] and "Traceback" not in r.text


def test_events_need_an_open_session(stub: Stub) -> None:
    assert requests.post(stub.url + "/api/events", json=new_event(), timeout=10).status_code == 401
    assert post_event(stub, "x" * 43, new_event()).status_code == 401
    token = open_session(stub)
    auth = {"Authorization": f"Bearer {token}"}
    assert requests.delete(stub.url + "/api/session", headers=auth, timeout=10).status_code == 204
    assert post_event(stub, token, new_event()).status_code == 401
    assert requests.delete(stub.url + "/api/session", headers=auth, timeout=10).status_code == 401


def test_malformed_and_oversize_bodies_are_refused_cleanly(stub: Stub) -> None:
    token = open_session(stub)
    auth = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    r = requests.post(stub.url + "/api/events", data=b'{"event_id": ', headers=auth, timeout=10)
    assert r.status_code == 400
    r = requests.post(stub.url + "/api/events", data=b"[" * 50_000, headers=auth, timeout=10)
    assert 400 <= r.status_code < 500
    r = requests.post(stub.url + "/api/events", data=b"x" * (300 * 1024), headers=auth, timeout=10)
    assert r.status_code == 413 and "larger" in r.json()["error"]

    def chunked() -> Any:
        for _ in range(400):
            yield b"x" * 1024

    r = requests.post(stub.url + "/api/compat-reports", data=chunked(), headers=auth, timeout=10)
    assert r.status_code == 413


def test_time_and_download(stub: Stub) -> None:
    assert abs(requests.get(stub.url + "/api/time", timeout=10).json()["time"] - time.time()) < 5
    r = requests.get(stub.url + "/api/download", params={"bytes": 100_000}, timeout=10)
    assert r.status_code == 200 and len(r.content) == 100_000
    for bad in ("0", "-5", "abc", str(10**9)):
        r = requests.get(stub.url + "/api/download", params={"bytes": bad}, timeout=10)
        assert r.status_code == 400, bad


def report(**checks: str) -> dict[str, str]:
    return {"report_id": str(uuid.uuid4()), "os_family": "linux", "os_version": "Debian 12",
            "arch": "x86_64", "qt_version": "6.8.1", "lockdown_version": "0.1.0",
            **{f"check.{k}": v for k, v in checks.items()}}


def test_compat_reports_make_the_admin_matrix(stub: Stub) -> None:
    reports = [report(keyring="pass", display="fail"), report(keyring="warn", display="fail"),
               {**report(keyring="pass"), "os_family": "windows", "os_version": "11"}]
    for rep in reports:
        assert requests.post(stub.url + "/api/compat-reports", json=rep, timeout=10).status_code == 201
    dup = requests.post(stub.url + "/api/compat-reports", json=reports[0], timeout=10)
    assert dup.status_code == 200 and dup.json()["duplicate"] is True

    data = stub.admin_get("/admin/matrix.json").json()
    assert data["checks"] == ["display", "keyring"]
    rows = {(r["os_family"], r["os_version"]): r for r in data["rows"]}
    assert rows[("linux", "Debian 12")]["reports"] == 2
    assert rows[("linux", "Debian 12")]["checks"]["keyring"] == {"pass": 1, "warn": 1, "fail": 0}
    assert rows[("linux", "Debian 12")]["checks"]["display"] == {"pass": 0, "warn": 0, "fail": 2}
    assert rows[("windows", "11")]["checks"] == {"keyring": {"pass": 1, "warn": 0, "fail": 0}}

    table = list(csv.DictReader(io.StringIO(stub.admin_get("/admin/matrix.csv").text)))
    line = next(r for r in table if r["os_family"] == "linux" and r["check"] == "keyring")
    assert (line["reports"], line["pass"], line["warn"], line["fail"]) == ("2", "1", "1", "0")
    page = stub.admin_get("/admin/matrix")
    assert page.status_code == 200 and "<table>" in page.text and "fail 2" in page.text


@pytest.mark.parametrize("change", [
    {"hostname": "pc-42"},
    {"check.keyring": "ok"},
    {"check.Keyring": "pass"},
    {"os_family": "plan9"},
    {"os_version": "10; host=pc-42/x"},
    {"report_id": 7},
])
def test_report_outside_the_manifest_is_a_400(shared_stub: Stub, change: dict[str, Any]) -> None:
    body = {**report(keyring="pass"), **change}
    r = requests.post(shared_stub.url + "/api/compat-reports", json=body, timeout=10)
    assert r.status_code == 400, r.text


def test_report_missing_a_field_is_a_400(stub: Stub) -> None:
    rep = report()
    del rep["arch"]
    r = requests.post(stub.url + "/api/compat-reports", json=rep, timeout=10)
    assert r.status_code == 400 and "arch" in r.json()["error"]


@pytest.mark.parametrize("path", ["/admin/matrix", "/admin/matrix.json", "/admin/matrix.csv",
                                  "/api/admin/events", "/api/admin/access-log"])
def test_admin_reads_need_the_admin_token(shared_stub: Stub, path: str) -> None:
    url = shared_stub.url + path
    assert requests.get(url, timeout=10).status_code == 401
    wrong = {"Authorization": "Bearer " + "w" * 32}
    assert requests.get(url, headers=wrong, timeout=10).status_code == 401
    session = {"Authorization": f"Bearer {open_session(shared_stub)}"}
    assert requests.get(url, headers=session, timeout=10).status_code == 401
    assert shared_stub.admin_get(path).status_code == 200


def test_every_admin_read_is_in_the_access_log(stub: Stub) -> None:
    basic = "Basic " + base64.b64encode(f"alice:{stub.admin_token}".encode()).decode()
    requests.get(stub.url + "/admin/matrix", headers={"Authorization": basic}, timeout=10).raise_for_status()
    stub.admin_get("/api/admin/events").raise_for_status()
    requests.get(stub.url + "/api/admin/events", timeout=10)  # refused: not logged as a read
    before = time.time()
    entries = stub.admin_get("/api/admin/access-log").json()["entries"]
    assert [(e["who"].split(":")[0], e["what"]) for e in entries] == [
        ("user", "GET /admin/matrix"), ("token", "GET /api/admin/events"),
        ("token", "GET /api/admin/access-log")]
    assert entries[0]["who"] == "user:alice"
    assert all(before - 60 < e["at"] <= time.time() for e in entries)


def test_events_expire_after_the_retention(tmp_path: Path) -> None:
    with start_stub(tmp_path, retention_days=2 / 86400) as s:  # two seconds
        token = open_session(s)
        post_event(s, token, new_event()).raise_for_status()
        assert len(s.admin_get("/api/admin/events").json()["events"]) == 1
        time.sleep(2.5)
        assert s.admin_get("/api/admin/events").json()["events"] == []


def test_old_events_are_purged_at_start_and_recent_ones_kept(tmp_path: Path) -> None:
    s = start_stub(tmp_path)
    token = open_session(s)
    old, recent = new_event("exam_started", 0), new_event("exam_ended", 3600)
    post_event(s, token, old).raise_for_status()
    post_event(s, token, recent).raise_for_status()
    s.stop()
    with sqlite3.connect(s.db) as db:
        db.execute("UPDATE events SET received_at = ? WHERE event_id = ?",
                   (time.time() - 62 * 86400, old["event_id"]))
    s.start()
    try:
        with sqlite3.connect(s.db) as db:  # gone from the database itself, not only hidden from the API
            ids = [row[0] for row in db.execute("SELECT event_id FROM events")]
        assert ids == [recent["event_id"]]
    finally:
        s.stop()


def test_release_files_come_from_the_release_dir(tmp_path: Path) -> None:
    release = tmp_path / "release"
    release.mkdir()
    (release / "manifest.json").write_text('{"files": {}}')
    (release / "manifest.sig").write_bytes(b"\x01\x02sig")
    with start_stub(tmp_path, release_dir=release) as s:
        assert requests.get(s.url + "/release/manifest.json", timeout=10).json() == {"files": {}}
        assert requests.get(s.url + "/release/manifest.sig", timeout=10).content == b"\x01\x02sig"
    with start_stub(tmp_path) as s:
        r = requests.get(s.url + "/release/manifest.json", timeout=10)
        assert r.status_code == 404 and "manifest.json" in r.json()["error"]


def test_unknown_paths_and_methods_get_clean_4xx(stub: Stub) -> None:
    assert requests.get(stub.url + "/nope", timeout=10).status_code == 404
    r = requests.put(stub.url + "/api/events", json={}, timeout=10)
    assert r.status_code == 405 and "error" in r.json()
